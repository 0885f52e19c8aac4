"""Outputs: HTML with the exact labels and merged header cells, DOCX and XLSX that open and contain
merged header cells, JSON that matches the documented schema, accessible SVG charts."""

import datetime as dt
import io
import json
import re

import jsonschema
import pytest
from django.urls import reverse

from gongkai.law import report_format as rf
from gongkai.law.outcomes import LEAVES
from gongkai.reports import office, render, services
from gongkai.reports.models import AnnualReport

from .helpers import conclude, liaocheng_table, received

D = dt.date.fromisoformat


@pytest.fixture
def report(tree, staff):
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    conclude(received(a, h, D("2025-02-03")), h, r, D("2025-02-10"), "1")
    received(a, h, D("2025-12-29"))
    report = services.create_report(a, 2025, h)
    services.save_narrative(report, h, {"overview": "总体情况正文。", "problems": "存在问题。"})
    return AnnualReport.objects.get(pk=report.pk)


@pytest.fixture
def doc(report):
    return services.report_doc(report)


def trial_doc():
    tables = rf.empty_tables(rf.FORMAT_2019)
    tables["applications"] = liaocheng_table()
    return render.ReportDoc("聊城市人民政府", "liaocheng", 2020, rf.FORMAT_2019, tables)


def test_html_has_exact_labels_and_official_merges(client, report, staff):
    client.force_login(staff["a_handler"])
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    for title in rf.SECTION_TITLES:
        assert title in html
    for label in (rf.NOTE_LABEL, "申请人情况", "法人或其他组织", "三、本年度办理结果", "（七）总计",
                  "四、结转下年度继续办理", "3.危及“三安全一稳定”", "第二十条第（一）项", "本年制发件数",
                  "行政规范性文件", "本年收费金额（单位：万元）", "未经复议直接起诉", "复议后起诉"):
        assert label in html, label
    for leaf in LEAVES:
        assert leaf.label in html
    assert f'<th scope="colgroup" colspan="3" rowspan="3">{rf.NOTE_LABEL}</th>' in html
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in html
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    assert '<th scope="colgroup" colspan="10">行政诉讼</th>' in html
    assert "<caption>三、收到和处理政府信息公开申请情况</caption>" in html
    # Every value cell links to its records.
    assert reverse("reports:cell", args=[report.pk, "applications.new.total"]) in html


def test_trial_format_html_has_twenty_outcome_rows_and_the_single_six_row():
    html = render.html_table(trial_doc(), "applications")
    assert '<th scope="rowgroup" rowspan="20">三、本年度办理结果</th>' in html
    assert '<th scope="row" colspan="2">（六）其他处理</th>' in html
    assert ">1051<" in html and ">24<" in html


def _docx_merges(data: bytes) -> tuple[int, int, str]:
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return len(re.findall(r"<w:gridSpan w:val=\"(\d+)\"", xml)), len(re.findall(r"<w:vMerge", xml)), xml


def test_docx_opens_and_has_merged_header_cells(doc):
    from docx import Document

    data = office.to_docx(doc)
    document = Document(io.BytesIO(data))
    assert len(document.tables) == 3
    text = "\n".join(p.text for p in document.paragraphs)
    for title in rf.SECTION_TITLES:
        assert title in text
    assert "总体情况正文。" in text
    spans, vmerges, xml = _docx_merges(data)
    assert spans >= 10 and vmerges >= 10
    apps = document.tables[1]
    assert apps.cell(0, 0).text == rf.NOTE_LABEL
    assert apps.cell(2, 2).text == rf.NOTE_LABEL  # the 3×3 merge
    assert apps.cell(0, 3).text == "申请人情况" and apps.cell(0, 9).text == "申请人情况"
    assert apps.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert apps.cell(3, 9).text == "2"
    assert apps.cell(5, 0).text == "三、本年度办理结果" and apps.cell(26, 0).text == "三、本年度办理结果"
    review = document.tables[2]
    assert review.cell(0, 0).text == "行政复议" and review.cell(0, 5).text == "行政诉讼"
    assert "3.危及“三安全一稳定”" in xml


def test_xlsx_opens_and_has_merged_header_cells(doc):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(office.to_xlsx(doc)))
    ws = wb["三、依申请公开"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:C4" in merged and "D2:J2" in merged and "D3:D4" in merged and "E3:I3" in merged
    assert ws["A2"].value == rf.NOTE_LABEL and ws["D2"].value == "申请人情况"
    assert ws["A5"].value == "一、本年新收政府信息公开申请数量" and ws["J5"].value == 2
    assert "A7:A28" in merged  # 三、本年度办理结果 over 22 rows
    review = wb["四、复议诉讼"]
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3"} <= {str(r) for r in review.merged_cells.ranges}
    assert "核对结果" in wb.sheetnames


def test_json_matches_the_documented_schema(doc, report):
    data = render.to_json(doc)
    jsonschema.validate(data, render.json_schema(rf.FORMAT_2021))
    assert data["agency"] == "测试市甲局" and data["year"] == 2025 and data["format"] == "2021"
    assert data["tables"]["applications"]["new"]["total"] == 2
    assert data["tables"]["proactive"]["fees"]["amount_10k_yuan"] is None
    assert set(data["tables"]) == {"proactive", "applications", "review_litigation"}
    json.dumps(data, ensure_ascii=False)
    trial = render.to_json(trial_doc())
    jsonschema.validate(trial, render.json_schema(rf.FORMAT_2019))
    with pytest.raises(jsonschema.ValidationError):
        broken = json.loads(json.dumps(trial))
        broken["tables"]["applications"]["new"]["total"] = "1054件"
        jsonschema.validate(broken, render.json_schema(rf.FORMAT_2019))


def test_svg_charts_are_accessible_and_static():
    doc = trial_doc()
    doc.series = [{"year": 2019, "new": 900, "processed": 880}, {"year": 2020, "new": 1054, "processed": 1051}]
    for svg in (render.svg_outcomes(doc, "o"), render.svg_years(doc, "y")):
        assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert "<script" not in svg
    outcomes_svg = render.svg_outcomes(doc, "o")
    assert "其他处理24件，占2.28%" in outcomes_svg and "予以公开632件，占60.13%" in outcomes_svg
    assert "2020年新收1054件、办结1051件" in render.svg_years(doc, "y")


def test_downloads_through_the_views(client, report, staff):
    client.force_login(staff["a_handler"])
    for fmt, ctype in (("docx", "wordprocessingml"), ("xlsx", "spreadsheetml"), ("json", "json")):
        resp = client.get(reverse("reports:export", args=[report.pk, fmt]))
        assert resp.status_code == 200 and ctype in resp["Content-Type"]
    svg = client.get(reverse("reports:chart", args=[report.pk, "years"]))
    assert svg["Content-Type"].startswith("image/svg+xml")
