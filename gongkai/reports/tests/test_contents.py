"""The statutory contents of the text (legal-review.md B16): a government's report states the results
of 工作考核、社会评议和责任追究 under 一、总体情况/监督保障; section 六's 信息处理费 sentence agrees with
the fee records of the year. Warnings, shown on the page where the unit head approves."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.applications.models import EventKind, TimelineEvent
from gongkai.reports import contents, services
from gongkai.reports.forms import NARRATIVE_HELP
from gongkai.reports.models import AnnualReport, Scope

from .helpers import received

D = dt.date.fromisoformat
ASSESSMENT = "工作考核、社会评议和责任追究结果情况：本年度考核结果已公布，未发生被追究责任的情形。"


def rules(report):
    report = AnnualReport.objects.get(pk=report.pk)
    return [f for f in report.findings if f["rule"] == contents.RULE]


def _paid_fee(agency, actor, amount, paid_on):
    """The fee records of one application: a fee notice with its amount and the payment."""
    app = received(agency, actor, D("2025-03-03"))
    TimelineEvent.objects.create(application=app, kind=EventKind.FEE_NOTICE_SENT, occurred_on=D("2025-03-10"),
                                 data={"amount": amount, "scale": "per_piece", "units": 11})
    TimelineEvent.objects.create(application=app, kind=EventKind.FEE_PAID, occurred_on=paid_on)
    return app


@pytest.fixture
def gov_staff(tree, make_user):
    from gongkai.agencies.models import Membership

    return make_user("g_handler", tree["gov"], Membership.HANDLER)


def test_a_government_report_without_the_assessment_results_is_warned(tree, gov_staff):
    sup = gov_staff
    report = services.create_report(tree["gov"], 2025, sup)
    services.save_narrative(report, sup, {"overview": "（五）监督保障。组织业务培训2期。",
                                          "other_matters": "（五）" + ASSESSMENT})
    [finding] = rules(report)
    assert finding["severity"] == "warning"
    assert "工作考核、社会评议和责任追究结果情况" in finding["message"] and "条例第五十条第（四）项" in finding["message"]
    assert "应移至“一、总体情况”的监督保障部分" in finding["message"]  # placed under 六: says where it belongs

    services.save_narrative(report, sup, {"overview": "（五）监督保障。组织业务培训2期。" + ASSESSMENT,
                                          "other_matters": ""})
    assert rules(report) == []


def test_only_a_governments_own_report_needs_the_assessment(tree, staff):
    department = services.create_report(tree["a"], 2025, staff["a_handler"])
    services.save_narrative(department, staff["a_handler"], {"overview": "（五）监督保障。组织业务培训2期。"})
    assert rules(department) == []
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    assert rules(rollup) == []


def test_the_warning_is_on_the_page_where_the_report_is_approved(tree, gov_staff, client):
    sup = gov_staff
    report = services.create_report(tree["gov"], 2025, sup)
    client.force_login(sup)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "法定内容" in page and "工作考核、社会评议和责任追究结果情况" in page


def test_a_fee_sentence_saying_none_was_collected_is_checked_against_the_fee_records(tree, staff):
    h = staff["a_handler"]
    _paid_fee(tree["a"], h, 100, D("2025-03-20"))
    _paid_fee(tree["a"], h, "50.5", D("2025-04-02"))
    _paid_fee(tree["a"], h, 70, D("2026-01-05"))  # paid next year: not this year's
    _paid_fee(tree["b"], staff["b_handler"], 900, D("2025-05-05"))  # another organ's
    report = services.create_report(tree["a"], 2025, h)
    services.save_narrative(report, h, {"other_matters": "（一）收取信息处理费情况。本年度未收取信息处理费。"})
    [finding] = rules(report)
    assert finding["severity"] == "warning"
    assert "收费记录显示本年度有2件申请缴费，合计150.50元" in finding["message"]
    assert "本年度对2件申请收取信息处理费，合计150.50元。" in finding["message"]  # the generated sentence

    services.save_narrative(report, h, {"other_matters": "本年度收取信息处理费200元（涉及申请2件）。"})
    [finding] = rules(report)
    assert "正文所述收费金额（200元）与收费记录（150.50元）不一致" in finding["message"]

    services.save_narrative(report, h, {"other_matters": "本年度收取信息处理费150.5元（涉及申请2件）。"})
    assert rules(report) == []
    services.save_narrative(report, h, {"other_matters": "落实工作要点情况良好。"})  # fees paid, nothing said
    [finding] = rules(report)
    assert "未报告收费情况" in finding["message"]


def test_no_fee_records_and_none_said_is_right_and_an_invented_amount_is_not(tree, staff):
    h = staff["a_handler"]
    report = services.create_report(tree["a"], 2025, h)
    services.save_narrative(report, h, {"other_matters": "本年度未收取信息处理费。"})
    assert rules(report) == []
    services.save_narrative(report, h, {"other_matters": "本年度收取信息处理费0.03万元。"})
    [finding] = rules(report)
    assert "（300元）与收费记录（0元）不一致" in finding["message"]


@pytest.mark.parametrize("text,count,total,problems", [
    ("本年度未收取政府信息公开信息处理费。", 0, "0", 0),
    ("2025年，某局未收取政府信息公开信息处理费。", 3, "120", 1),
    ("依照《政府信息公开信息处理费管理办法》收取信息处理费120元（涉及申请3件）。", 3, "120", 0),
    ("依照《政府信息公开信息处理费管理办法》收取信息处理费120元（涉及申请2件）。", 3, "120", 1),
])
def test_fee_sentences(text, count, total, problems):
    assert len(contents.fee_findings(text, contents.Fees(count, Decimal(total)))) == problems


def test_the_help_text_places_the_assessment_under_the_overview():
    assert "监督保障部分还应报告工作考核、社会评议和责任追究结果情况" in NARRATIVE_HELP["overview"]
    assert "工作考核" not in NARRATIVE_HELP["other_matters"]


def test_the_fee_check_is_linear_on_long_text_and_ignores_other_charges():
    import time

    fees = contents.Fees(0, Decimal(0))
    assert contents.fee_findings("本机关行政事业性收费35.2万元，详见表二。", fees) == []
    start = time.monotonic()
    for text in ("收" * 200_000, "1" * 200_000 + "元", "信息处理费" + "9" * 200_000 + "万元"):
        contents.fee_findings(text, fees)
    assert time.monotonic() - start < 1
