"""Past years entered or imported (JSON in the report schema, CSV/XLSX of table 三) so that the
cross-year check works in the first year of use; manual figures imported from CSV/XLSX; the
historical case import validates everything first and imports all or nothing."""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.law import report_format as rf
from gongkai.reports import importers, office, render, services
from gongkai.reports.models import AnnualReport, ManualFigure, PastReport

from .helpers import COLUMN_LABEL, COLUMNS, liaocheng_table, received

D = dt.date.fromisoformat


def table3_csv(table: dict, fmt: str) -> str:
    lines = ["行," + ",".join([*COLUMN_LABEL.values(), "总计"])]
    for row in rf.schema_for(fmt).applications.rows:
        lines.append(row.full_label + "," + ",".join(str(table[row.code][c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def test_past_table3_csv_import_through_the_page(client, tree, staff):
    client.force_login(staff["a_handler"])
    csv_text = table3_csv(liaocheng_table(), rf.FORMAT_2019)
    resp = client.post(reverse("reports:past"), {
        "agency": tree["a"].pk, "year": 2020, "scope": "organ", "source_note": "聊城市人民政府网站2020年度报告",
        "file": SimpleUploadedFile("t3.csv", csv_text.encode("utf-8"), "text/csv"),
    })
    past = PastReport.objects.get()
    assert resp.status_code == 302 and resp.url == reverse("reports:past-detail", args=[past.pk])
    assert past.format_version == rf.FORMAT_2019
    assert past.tables["applications"] == liaocheng_table()
    assert not [f for f in past.findings if f["severity"] == "error"]
    page = client.get(resp.url).content.decode()
    assert "（六）其他处理" in page


def test_past_figures_from_our_own_xlsx_export_round_trip(tree, staff):
    tables = rf.empty_tables(rf.FORMAT_2019)
    tables["applications"] = liaocheng_table()
    data = office.to_xlsx(render.ReportDoc("聊城市人民政府", "lc", 2020, rf.FORMAT_2019, tables))
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb["三、依申请公开"]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    parsed = importers.parse_table3(rows, rf.FORMAT_2019)
    assert parsed["applications"] == liaocheng_table()


def test_past_json_import_and_cross_year_check_in_first_year(client, tree, staff):
    a, h = tree["a"], staff["a_handler"]
    last = rf.empty_tables(rf.FORMAT_2021)
    last["applications"]["carried_out"] = dict.fromkeys(COLUMNS, 0)
    last["applications"]["carried_out"].update(commercial=1, total=1)
    doc = render.ReportDoc("测试市甲局", "deptA", 2024, rf.FORMAT_2021, last,
                           narrative={"problems": "往年的问题。"})
    payload = json.dumps(render.to_json(doc), ensure_ascii=False).encode("utf-8")
    client.force_login(h)
    client.post(reverse("reports:past"), {
        "agency": a.pk, "year": 2024, "scope": "organ", "source_note": "2024年度报告（网站）",
        "file": SimpleUploadedFile("2024.json", payload, "application/json"),
    })
    past = PastReport.objects.get()
    assert past.tables["applications"]["carried_out"]["commercial"] == 1
    assert past.narrative["problems"] == "往年的问题。"
    # First year of use: no application was carried over in the system → R5 fails, as it should.
    received(a, h, D("2025-03-03"))
    report = services.create_report(a, 2025, h)
    errors = [f for f in AnnualReport.objects.get(pk=report.pk).findings if f["rule"] == "cross_year"]
    assert errors and errors[0]["severity"] == "error" and "商业企业" in errors[0]["message"]


def test_bad_past_files_are_refused_with_nothing_recorded(client, tree, staff):
    client.force_login(staff["a_handler"])
    bad = "行,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计\n莫名其妙的行,1,0,0,0,0,0,1\n"
    resp = client.post(reverse("reports:past"), {
        "agency": tree["a"].pk, "year": 2024, "scope": "organ", "source_note": "x",
        "file": SimpleUploadedFile("bad.csv", bad.encode(), "text/csv"),
    }, follow=True)
    assert "第2行" in resp.content.decode() and "无法识别的行" in resp.content.decode()
    resp = client.post(reverse("reports:past"), {
        "agency": tree["a"].pk, "year": 2024, "scope": "organ", "source_note": "x",
        "file": SimpleUploadedFile("bad.json", b'{"tables": {"applications": {"new": {"total": "abc"}}}}'),
    }, follow=True)
    assert "不是有效的数值" in resp.content.decode()
    # Another organ's past figures cannot be entered.
    resp = client.post(reverse("reports:past"), {
        "agency": tree["b"].pk, "year": 2024, "scope": "organ", "source_note": "x",
        "file": SimpleUploadedFile("t.csv", table3_csv(liaocheng_table(), rf.FORMAT_2019).encode()),
    })
    assert PastReport.objects.count() == 0


def test_manual_figures_csv_import_all_or_nothing(client, tree, staff):
    client.force_login(staff["a_handler"])
    url = reverse("reports:figures") + "?agency=deptA&year=2025"
    good = ("行,列,数值,来源说明\n行政许可,本年处理决定数量,1234,政务服务平台\n"
            "行政处罚,本年处理决定数量,56,执法平台\n行政强制,本年处理决定数量,/,执法平台\n"
            "行政事业性收费,本年收费金额（单位：万元）,约679.7万元,\n")
    resp = client.post(url, {"import": "1", "agency": "deptA", "year": "2025", "source_note": "财政统计",
                             "file": SimpleUploadedFile("f.csv", good.encode())})
    assert resp.status_code == 302
    values = {f.cell: f for f in ManualFigure.objects.all()}
    assert values["proactive.licensing.decisions"].value == 1234
    assert values["proactive.enforcement.decisions"].value is None
    assert str(values["proactive.fees.amount_10k_yuan"].value) == "679.70"
    assert values["proactive.fees.amount_10k_yuan"].source_note == "财政统计"
    bad = "单元格,数值,来源说明\nproactive.licensing.decisions,12,x\napplications.new.total,3,x\n"
    resp = client.post(url, {"import": "1", "agency": "deptA", "year": "2025", "source_note": "",
                             "file": SimpleUploadedFile("f.csv", bad.encode())}, follow=True)
    assert "由系统计算" in resp.content.decode()
    assert ManualFigure.objects.count() == 4  # nothing of the bad file was recorded


def test_import_applications_reports_bad_rows_and_imports_nothing(tmp_path, tree):
    path = tmp_path / "bad.csv"
    path.write_text(
        "received_date,channel,applicant_type,outcome,closed_date,description\n"
        "2024-03-01,当面,自然人,1,2024-03-10,好的行\n"
        "2024-03-02,飞鸽,自然人,1,2024-03-10,坏渠道\n"
        "2024-13-02,网络,自然人,,,坏日期\n"
        "2024-03-04,网络,外星人,9.9,2024-03-01,多处错误\n"
        "2024-03-05,网络,商业企业,2,,缺少办结日期\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="有 4 行错误，未导入任何记录"):
        call_command("import_applications", str(path), agency="deptA", stderr=err)
    messages = err.getvalue()
    assert "第3行" in messages and "飞鸽" in messages
    assert "第4行" in messages and "第5行" in messages and "第6行" in messages and "第2行" not in messages
    assert "外星人" in messages and "9.9" in messages and "办结日期不能早于收到日期" in messages
    assert Application.objects.count() == 0
    with pytest.raises(CommandError, match="机关简码不存在"):
        call_command("import_applications", str(path), agency="nope")
    header = tmp_path / "header.csv"
    header.write_text("date,channel\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_applications", str(header), agency="deptA", stderr=io.StringIO())


def test_import_is_atomic_when_the_database_refuses(tmp_path, tree, monkeypatch):
    path = tmp_path / "ok.csv"
    path.write_text("received_date,channel,applicant_type,outcome,closed_date,description\n"
                    "2024-03-01,当面,自然人,1,2024-03-10,甲\n2024-03-02,网络,其他,,,乙\n", encoding="utf-8")
    from gongkai.applications.models import TimelineEvent

    def boom(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(TimelineEvent.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        call_command("import_applications", str(path), agency="deptA")
    assert Application.objects.count() == 0
    monkeypatch.undo()
    call_command("import_applications", str(path), agency="deptA", stdout=io.StringIO())
    apps = Application.objects.order_by("received_on")
    assert [a.org_type for a in apps] == ["", "other_org"] and apps[1].applicant_kind == "organisation"
    assert apps[1].due_on is not None  # open: the clock runs


def test_annual_report_cli_outputs(tmp_path, tree, staff):
    received(tree["a"], staff["a_handler"], D("2025-03-03"))
    out = io.StringIO()
    call_command("annual_report", agency="deptA", year=2025, format="json", stdout=out)
    data = json.loads(out.getvalue())
    import jsonschema

    jsonschema.validate(data, render.json_schema(rf.FORMAT_2021))
    assert data["tables"]["applications"]["new"]["total"] == 1 and data["frozen"] is False
    for fmt in ("docx", "xlsx", "html"):
        target = tmp_path / f"r.{fmt}"
        call_command("annual_report", agency="deptA", year=2025, format=fmt, out=str(target), stderr=io.StringIO())
        assert target.stat().st_size > 1000
    with pytest.raises(CommandError, match="--out"):
        call_command("annual_report", agency="deptA", year=2025, format="docx")
    # With an approved report: the frozen snapshot, even after records change.
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    services.mark_reviewed(report, staff["a_handler"])
    services.approve(report, staff["a_reviewer"])
    received(tree["a"], staff["a_handler"], D("2025-04-03"))
    out = io.StringIO()
    call_command("annual_report", agency="deptA", year=2025, stdout=out)
    data = json.loads(out.getvalue())
    assert data["frozen"] is True and data["tables"]["applications"]["new"]["total"] == 1


def test_past_table3_entered_by_hand(client, tree, staff):
    client.force_login(staff["a_handler"])
    url = reverse("reports:past-enter")
    page = client.get(url + "?agency=deptA&year=2020").content.decode()
    assert 'aria-label="（六）其他处理／自然人"' in page and rf.NOTE_LABEL in page
    data = {"agency": "deptA", "year": "2020", "scope": "organ", "source_note": "2020年度报告（网站）"}
    for row, values in liaocheng_table().items():
        for col, value in values.items():
            data[f"cell:applications.{row}.{col}"] = str(value)
    data["cell:applications.new.research"] = "五"
    resp = client.post(url, data)
    assert resp.status_code == 200 and "不是有效的数值" in resp.content.decode() and PastReport.objects.count() == 0
    data["cell:applications.new.research"] = "5"
    data["cell:applications.carried_in.research"] = ""  # blank stays blank
    resp = client.post(url, data)
    past = PastReport.objects.get()
    assert resp.url == reverse("reports:past-detail", args=[past.pk])
    assert past.tables["applications"]["carried_out"]["total"] == 13
    assert past.tables["applications"]["carried_in"]["research"] is None
    assert "blank_cells" in {f["rule"] for f in past.findings}
