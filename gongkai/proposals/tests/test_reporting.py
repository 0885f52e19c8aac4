"""The proposals' counts of a year flow into the annual report's section 六 (domain.md 5.8): generated
from the records (建议 N 件、提案 M 件, 办结, 按时办结, 公开办理结果), offered by the report's 插入 button,
and the typed text is checked against them (reports/contents.py)."""

import types

import pytest
from django.urls import reverse

from gongkai.proposals import reporting, services
from gongkai.reports import contents
from gongkai.reports import services as reports

from .helpers import D, answered, cast, publish_result, registered  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2025, 12, 20))
    publish_result(answered(tree, cast, on=D(2025, 4, 1), assigned_on=D(2025, 3, 10)), cast)  # on time, published
    answered(tree, cast, on=D(2025, 7, 1), number="第2号", assigned_on=D(2025, 3, 10), classification="C")  # late
    member = answered(tree, cast, on=D(2025, 5, 1), kind="member", number="第5号", assigned_on=D(2025, 3, 12))
    publish_result(member, cast, mode="summary", summary="提案已采纳，列入明年计划。")
    registered(tree, cast, number="第3号", assigned_on=D(2025, 11, 1))  # still handling
    registered(tree, cast, number="第4号", assigned_on=D(2024, 3, 1))  # another year
    services.register(tree["b"], cast["co"], {"kind": "deputy", "session": "乙", "number": "第1号", "title": "乙局件",
                                              "proposers": "王", "assigned_on": D(2025, 3, 1)})  # another organ


def test_counts_of_a_year(tree, year_2025):
    counts = reporting.counts_of_year([tree["a"].pk], 2025)
    assert (counts.deputy, counts.member, counts.answered, counts.on_time, counts.published) == (3, 1, 3, 2, 2)
    assert counts.sentence() == ("本年度共承办人大代表建议3件、政协委员提案1件，已办结3件，其中按时办结2件；"
                                 "公开办理结果2件。")
    assert reporting.counts_of_year([tree["a"].pk, tree["b"].pk], 2025).deputy == 4  # a roll-up adds its members
    assert reporting.counts_of_year([tree["a"].pk], 2023).total == 0


def test_section_six_is_checked_against_the_records(tree, year_2025):
    report = types.SimpleNamespace(scope="organ", agency=tree["a"], year=2025)

    def warnings(text):
        return [f.message for f in contents.content_findings(report, {"other_matters": text}, [tree["a"].pk])
                if "建议" in f.message]

    missing = warnings("本年度未收取信息处理费。")
    assert len(missing) == 1 and "未报告人大代表建议和政协提案办理结果公开情况" in missing[0]
    assert "本年度共承办人大代表建议3件、政协委员提案1件" in missing[0]
    wrong = warnings("本年度承办人大代表建议5件、政协委员提案1件，均已办结。")
    assert len(wrong) == 1 and "（5件）与办理记录（3件）不一致" in wrong[0]
    assert warnings(reporting.counts_of_year([tree["a"].pk], 2025).sentence()) == []
    assert reporting.findings("", reporting.counts_of_year([tree["a"].pk], 2023)) == []  # none, nothing to say


def test_the_report_editor_inserts_the_generated_sentence(client, tree, cast, year_2025):  # noqa: F811
    report = reports.create_report(tree["a"], 2025, cast["handler"])
    client.force_login(cast["handler"])
    url = reverse("reports:edit", args=[report.pk])
    assert "本年度共承办人大代表建议3件" in client.get(url).content.decode()
    resp = client.post(url, {"version": report.version, "overview": "", "other_matters": "本年度未收取信息处理费。",
                             "insert": "1"})
    other = resp.context["form"].data["other_matters"]
    assert other.startswith("本年度未收取信息处理费。") and "政协委员提案1件" in other
    resp = client.post(url, {"version": report.version, "overview": "", "other_matters": other, "insert": "1"})
    assert resp.context["form"].data["other_matters"].count("政协委员提案1件") == 1  # not twice
