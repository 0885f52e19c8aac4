"""Every check catches a crafted error, runs on the server on every save, and blocks approval and
publication while an error fails. Computed cells change only through recorded adjustments."""

import datetime as dt

import pytest

from gongkai.applications.models import Application
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.reports import compute, narrative, services
from gongkai.reports.models import Adjustment, AnnualReport, PastReport, ReportStatus
from gongkai.reports.services import ReportError

from .helpers import conclude, received

D = dt.date.fromisoformat
FMT = rf.FORMAT_2021


@pytest.fixture
def report(tree, staff):
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    for on in ("2025-02-03", "2025-03-03", "2025-04-01"):
        conclude(received(a, h, D(on)), h, r, D(on) + dt.timedelta(days=7), "1")
    received(a, h, D("2025-12-29"))
    return services.create_report(a, 2025, h)


def rules(report, severity=None):
    report = AnnualReport.objects.get(pk=report.pk)
    return {f["rule"] for f in report.findings if severity is None or f["severity"] == severity}


def test_clean_report_has_no_errors(report):
    assert rules(report, "error") == set()
    # No previous year: the cross-year check says so (info), it does not pass silently.
    assert "cross_year" in rules(report, "info")


@pytest.mark.parametrize("cell,value,rule_id", [
    ("applications.new.natural_person", "9", "balance"),              # R1
    ("applications.disclosed.natural_person", "5", "outcome_sum"),    # R2 (and R1, R3)
    ("applications.carried_out.total", "7", "row_sum"),               # R3
    ("review_litigation.review.upheld", "2", "review_total"),         # R4
])
def test_each_rule_catches_a_crafted_error(report, staff, cell, value, rule_id):
    services.adjust(report, staff["a_handler"], cell, value, "测试：故意制造错误")
    assert rule_id in rules(report, "error")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    with pytest.raises(ReportError, match="勾稽关系核对未通过"):
        services.mark_reviewed(report, staff["a_handler"])
        services.approve(report, staff["a_reviewer"])


def test_r6_negative_value_cannot_be_entered_and_is_caught_in_imports(report, staff, tree):
    with pytest.raises(ReportError, match="负数"):
        services.adjust(report, staff["a_handler"], "applications.new.total", "-1", "测试")
    tables = rf.empty_tables(FMT)
    tables["applications"]["new"]["natural_person"] = -3
    past = services.enter_past_report(tree["a"], 2024, tables, staff["a_handler"], source_note="网站公布")
    assert "non_negative" in {f["rule"] for f in past.findings}
    assert past.tables["applications"]["new"]["natural_person"] == -3  # recorded, never fixed


def test_r5_cross_year_against_entered_past_figures(report, staff, tree):
    tables = rf.empty_tables(FMT)
    tables["applications"]["carried_out"] = dict.fromkeys(rf.schema_for(FMT).applications.column_codes, 0)
    tables["applications"]["carried_out"].update(natural_person=2, total=2)
    services.enter_past_report(tree["a"], 2024, tables, staff["a_handler"], source_note="2024年度报告（网站）")
    services.recompute(report, staff["a_handler"])
    assert "cross_year" in rules(report, "error")
    finding = next(f for f in AnnualReport.objects.get(pk=report.pk).findings if f["rule"] == "cross_year")
    assert "（0）" in finding["message"] and "（2）" in finding["message"]


def test_r5_against_a_trial_format_previous_year(tree, staff):
    a, h = tree["a"], staff["a_handler"]
    received(a, h, D("2020-12-28"))
    last = rf.empty_tables(rf.FORMAT_2019)
    last["applications"]["carried_out"] = {c: 0 for c in rf.schema_for(rf.FORMAT_2019).applications.column_codes}
    last["applications"]["carried_out"].update(natural_person=1, total=1)
    services.enter_past_report(a, 2020, last, h, source_note="2020年度报告", format_version=rf.FORMAT_2019)
    report = services.create_report(a, 2021, h)
    assert report.format_version == FMT
    assert "cross_year" not in rules(report, "error")


def test_blank_manual_cells_warn_and_manual_figures_fill_them(report, staff, tree):
    assert "blank_cells" in rules(report, "warning")
    for cell, value in (("proactive.licensing.decisions", "120"), ("proactive.penalties.decisions", "30"),
                        ("proactive.enforcement.decisions", "0"), ("proactive.fees.amount_10k_yuan", "563.75 万元")):
        services.record_manual_figure(tree["a"], 2025, cell, value, "市政务服务平台统计", staff["a_handler"])
    assert "blank_cells" not in rules(report, "warning")
    fresh = AnnualReport.objects.get(pk=report.pk)
    assert fresh.tables["proactive"]["fees"]["amount_10k_yuan"] == 563.75


def test_manual_figures_are_never_edited_a_change_is_a_new_record(tree, staff):
    first = services.record_manual_figure(tree["a"], 2025, "proactive.licensing.decisions", "10", "系统A",
                                          staff["a_handler"])
    services.record_manual_figure(tree["a"], 2025, "proactive.licensing.decisions", "12", "系统A（更正）",
                                  staff["a_handler"])
    with pytest.raises(ValueError):
        first.save()
    latest = compute.latest_manual_figures([tree["a"].pk], 2025, FMT)[tree["a"].pk]
    assert latest["proactive.licensing.decisions"].value == 12
    with pytest.raises(ReportError, match="系统根据记录计算"):
        services.record_manual_figure(tree["a"], 2025, "applications.new.total", "3", "x", staff["a_handler"])
    with pytest.raises(ReportError, match="数据来源"):
        services.record_manual_figure(tree["a"], 2025, "proactive.penalties.decisions", "3", " ", staff["a_handler"])
    with pytest.raises(ReportError, match="整数"):
        services.record_manual_figure(tree["a"], 2025, "proactive.penalties.decisions", "3.5", "x", staff["a_handler"])


def test_in_force_trend_warning(report, tree, staff):
    last = rf.empty_tables(FMT)
    last["proactive"]["rules"] = {"issued": 0, "repealed": 0, "in_force": 5}
    services.enter_past_report(tree["a"], 2024, last, staff["a_handler"], source_note="2024年度报告")
    services.recompute(report, staff["a_handler"])
    assert "in_force_trend" in rules(report, "warning")


def test_adjustment_is_recorded_with_reason_and_shown(report, staff):
    with pytest.raises(ReportError, match="理由"):
        services.adjust(report, staff["a_handler"], "applications.new.total", "4", "  ")
    adj = services.adjust(report, staff["a_handler"], "applications.new.total", "4", "统计口径说明")
    assert adj.old_value == 4 and adj.new_value == 4 and adj.author == staff["a_handler"]
    view = services.report_view(AnnualReport.objects.get(pk=report.pk))
    assert view.sources["applications.new.total"]["kind"] == "adjusted"
    assert view.sources["applications.new.total"]["reason"] == "统计口径说明"
    with pytest.raises(ValueError):
        adj.save()
    assert Adjustment.objects.count() == 1


def test_unclassified_concluded_application_is_reported(report, staff, tree):
    app = Application.objects.filter(agency=tree["a"], concluded_on__isnull=False).first()
    Application.objects.filter(pk=app.pk).update(outcome="")
    services.recompute(report, staff["a_handler"])
    found = rules(report)
    assert "unclassified_records" in found and "balance" in found


def test_text_vs_table_and_generated_percentages(report, staff):
    text = ("本年度新收政府信息公开申请5件，办结3件，其中予以公开3件，占90.00%。"
            "新收{{value:applications.new.total}}件，予以公开占{{pct:applications.disclosed.total/"
            "applications.processed_total.total}}。")
    built = services.save_narrative(report, staff["a_handler"], {"overview": text})
    messages = [f.message for f in built.findings if f.rule == "text_vs_table"]
    assert any("5件，表格为4件" in m for m in messages)
    assert any("占90.00%" in m and "100.00%" in m for m in messages)
    assert len(messages) == 2  # the generated figures agree with the tables
    assert "新收4件，予以公开占100.00%" in built.narrative["overview"]


def test_copy_paste_warning_against_last_years_narrative(report, staff, tree):
    body = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，" * 3
    PastReport.objects.create(agency=tree["a"], year=2024, format_version=FMT, tables={},
                              narrative={"problems": body}, source_note="2024年度报告")
    built = services.save_narrative(report, staff["a_handler"], {"problems": body + "继续改进。"})
    assert "copy_paste" in {f.rule for f in built.findings}
    built = services.save_narrative(report, staff["a_handler"],
                                    {"problems": "本年度主要问题是依申请公开答复质量有待提高，下一步将加强培训和案例指导，"
                                                 "并完善答复文书模板，规范法律依据和救济途径的表述。"})
    assert "copy_paste" not in {f.rule for f in built.findings}


def test_late_publication_is_visible(report, staff):
    # Today is after 31 January 2026: the department's 2025 report is overdue while unpublished.
    if law_today.today() > D("2026-01-31"):
        assert "late_publication" in rules(report, "warning")
    assert services.deadline(report) == D("2026-01-31")
    services.mark_reviewed(report, staff["a_handler"])
    services.approve(report, staff["a_reviewer"])
    services.publish(report, staff["a_reviewer"], on=D("2026-02-03"))
    report.refresh_from_db()
    assert services.is_late(report)
    assert any("逾期3天" in f["message"] for f in report.findings if f["rule"] == "late_publication")


def test_narrative_percent_example_of_domain_5_10():
    assert narrative.percent(24, 1051) == "2.28%"
    assert narrative.percent(632, 1051) == "60.13%"
    assert narrative.percent(0, 0) == "0.00%"
    assert narrative.change(110, 100) == "增长10.00%"
    assert narrative.change(90, 100) == "下降10.00%"
