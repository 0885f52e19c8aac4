"""PDF reports printed from a real report's web page (data/make_pdf_fixture.py): read through the same
path as the 年报体检 page and ``audit_report``, every cell must equal what the parser reads from the
original text (testdata/04_huaian_shi_2024.txt), and so must the findings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gongkai.auditor import readers, services
from gongkai.law import report_format as rf
from gongkai.reportreader import parse_reports
from gongkai.reportreader.tests.report_fixtures import DATA, EXPECTED, T04

HERE = Path(__file__).resolve().parent / "data"
PDF = HERE / "huaian_shi_2024.pdf"
PDF_SPLIT = HERE / "huaian_shi_2024_split.pdf"
PDFS = [PDF, PDF_SPLIT]
RUNNING_TITLE = "淮安市人民政府  2024 年政府信息公开工作年度报告"  # the split PDF's page header

REPORT_04 = next(e for e in EXPECTED if e.file == T04)
TEXT = (DATA / T04).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def from_text():
    """What the auditor reads from the original text: (ParsedReport, audit result)."""
    (report,) = parse_reports(TEXT, source=T04)
    (result,) = services.audit_text(TEXT, source=T04)
    return report, result


def _rules(result: dict) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def _raw_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def test_fixtures_are_small_text_pdfs():
    for path in PDFS:
        data = path.read_bytes()
        assert readers.sniff(data) == "pdf"
        assert len(data) < 200 * 1024, path.name
    assert len(_raw_pages(PDF)) == 4 and len(_raw_pages(PDF_SPLIT)) == 6


def test_split_fixture_has_page_furniture_inside_table_three():
    """What the split PDF is for: in pypdf's text the running title and the page number stand between
    rows of table 三, and the table's header rows are printed again on the next pages."""
    raw = "\n".join(_raw_pages(PDF_SPLIT)).splitlines()
    start = raw.index("三、收到和处理政府信息公开申请情况")
    end = next(i for i, line in enumerate(raw) if line.startswith("（七）总计"))
    inside = raw[start:end]
    assert inside.count(RUNNING_TITLE) == 2
    assert sum(1 for line in inside if line in ("- 3 -", "- 4 -")) == 2
    assert inside.count("申请人情况") == 3


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdf_text_parses_to_the_tables_of_the_original_text(path, from_text):
    report, _ = from_text
    text = readers.read_text(path.read_bytes())
    (parsed,) = parse_reports(text, source=path.name)
    assert (parsed.agency, parsed.year, parsed.format) == ("淮安市人民政府", 2024, rf.FORMAT_2021)
    assert parsed.kind == report.kind and parsed.published_on == report.published_on
    for table in rf.TABLES:
        assert parsed.tables[table] == report.tables[table], table
    assert parsed.completeness == report.completeness
    assert all(c["cells"] == c["expected"] for c in parsed.completeness.values())
    assert parsed.issues == [] and parsed.label_issues == []


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_audit_of_the_pdf_equals_the_audit_of_the_text(path, from_text):
    _, expected = from_text
    (result,) = services.audit_file(path.read_bytes(), path.name)
    assert result["source"] == path.name
    assert (result["agency"], result["year"], result["format"]) == ("淮安市人民政府", 2024, "2021")
    assert result["tables"] == expected["tables"]
    assert result["completeness"] == expected["completeness"]
    assert result["findings"] == expected["findings"]
    # The report's known findings (report_fixtures.EXPECTED): it balances and agrees with its text.
    assert _rules(result) == REPORT_04.errors | REPORT_04.warnings == set()


def test_running_header_and_footer_are_dropped():
    """Kept, the running title reads as the title of another report (and its tables as missing)."""
    text = readers.read_text(PDF_SPLIT.read_bytes())
    assert RUNNING_TITLE not in text
    assert not any(line.startswith("- ") and line.endswith(" -") for line in text.splitlines())
    assert text.startswith("淮安市人民政府\n2024 年政府信息公开工作年度报告\n")


def test_strip_running_lines():
    pages = [
        "某某局年度报告\n第一页正文\n表格行 1 2 3\n第 1 页 共 3 页",
        "某某局年度报告\n正文\n第 2 页 共 3 页",
        "第三页正文\n某某局年度报告\n第 3 页 共 3 页",
    ]
    assert readers.strip_running_lines(pages) == ["第一页正文\n表格行 1 2 3", "正文", "第三页正文"]
    # One page: nothing to compare with. A line repeated in the middle of pages is content.
    assert readers.strip_running_lines(["一\n二\n三"]) == ["一\n二\n三"]
    pages = [f"甲{n}\n乙{n}\n丙{n}\n信息内容 本年处理决定数量\n丁{n}\n戊{n}\n己{n}" for n in "一二"]
    assert readers.strip_running_lines(pages) == pages


def test_page_upload_pdf(client):
    data = PDF_SPLIT.read_bytes()
    upload = SimpleUploadedFile("淮安市2024年报.pdf", data, content_type="application/pdf")
    r = client.post(reverse("auditor:audit"), {"file": upload})
    body = r.content.decode()
    assert r.status_code == 200
    assert body.count('<article class="audit-report"') == 1
    assert "淮安市人民政府 2024 年度政府信息公开工作年度报告" in body
    assert "2021 年格式" in body and "未发现问题" in body
    assert "（读出 10/10 个单元格）" in body
    assert "（读出 175/175 个单元格）" in body
    assert "（读出 15/15 个单元格）" in body
    assert ">3985758</td>" in body and ">3050</td>" in body and ">351</td>" in body


def test_cli_json_on_the_pdf_paths(from_text):
    _, expected = from_text
    out = io.StringIO()
    call_command("audit_report", str(PDF), str(PDF_SPLIT), "--json", stdout=out)
    results = json.loads(out.getvalue())
    assert [r["source"] for r in results] == [str(PDF), str(PDF_SPLIT)]
    for result in results:
        assert (result["agency"], result["year"], result["format"]) == ("淮安市人民政府", 2024, "2021")
        assert result["tables"] == expected["tables"]
        assert result["findings"] == expected["findings"] == []
