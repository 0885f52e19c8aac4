"""Reports as agencies publish them (issue 16): every real report of the fixtures rendered by the tools
agencies use (corpus.py) and read back through the auditor's reader: cells, year and agency as from
the report's own page, no cell invented, no error finding the page itself does not have.

The files are made once and cached under var/test-formats/; a tool that is not installed skips its
format (``make test`` installs LibreOffice and poppler on Debian). Marked heavy: run once, on SQLite.
"""

from __future__ import annotations

import copy
import io
import zipfile

import pytest

from gongkai.auditor import office, readers, services
from gongkai.auditor.tests import corpus
from gongkai.reportreader import html_to_text

# LibreOffice's PDF of every report; a sample of the others (each conversion costs seconds).
SAMPLE = [e for e in corpus.REPORTS if corpus.ident(e).startswith(("001_75c59c17-0", "003_", "02_huaian"))]
ALL = corpus.REPORTS
TEXT_LAYER = {"docx": ALL, "lo_pdf": ALL, "chromium_pdf": SAMPLE, "odt": SAMPLE, "xlsx": SAMPLE,
              "doc": SAMPLE, "xls": SAMPLE, "gbk_html": ALL, "pdf_copy_protected": SAMPLE}


def _read(data: bytes) -> list[dict]:
    return services.audit_text(readers.read_text(data), source="t")


def _errors(result: dict) -> set[str]:
    return {f["rule"] for f in result["findings"] if f["severity"] == "error"}


def _page_errors(e) -> set[str]:
    (result,) = services.audit_text(html_to_text(corpus.report_html(e)), source="page")
    return _errors(result)


@pytest.mark.heavy
@pytest.mark.parametrize("fmt", sorted(TEXT_LAYER))
def test_text_layer_formats_read_every_cell(fmt):
    if missing := corpus.available(fmt):
        pytest.skip(f"{missing} is not installed")
    reports = TEXT_LAYER[fmt]
    corpus.prepare(reports, fmt.replace("pdf_copy_protected", "lo_pdf"))
    right = total = 0
    for e in reports:
        results = _read(corpus.render(e, fmt).data)
        assert len(results) == 1, (corpus.ident(e), [(r["year"], r["agency"]) for r in results])
        s = corpus.score(e, results)
        assert s["invented"] == [], (corpus.ident(e), s["invented"])
        assert (s["year"], s["agency"]) == (e.year, e.agency), corpus.ident(e)
        assert _errors(s["result"]) == _page_errors(e), corpus.ident(e)
        right, total = right + s["right"], total + s["total"]
    assert right / total >= 0.98, (right, total)


@pytest.mark.heavy
def test_a_password_protected_pdf_asks_for_an_unencrypted_file():
    if missing := corpus.available("pdf_password"):
        pytest.skip(f"{missing} is not installed")
    with pytest.raises(readers.Unreadable, match="PDF 已加密，请提供未加密的文件"):
        readers.read_text(corpus.render(SAMPLE[0], "pdf_password").data)


@pytest.mark.heavy
def test_a_scan_without_text_layer_needs_ocr():
    if missing := corpus.available("scan_pdf"):
        pytest.skip(f"{missing} is not installed")
    with pytest.raises(readers.NeedsOcr, match="没有文字层"):
        readers.read_text(corpus.render(SAMPLE[0], "scan_pdf").data)


# Scans: a 150 dpi scan of the LibreOffice PDF, and its pages as one tall PNG (a long screenshot).
SCANS = {"scan_pdf": SAMPLE, "scan_png": SAMPLE[:1]}
# Measured 95 % on these (568/598 for scan_pdf, 2026-12-07; 97 % on five reports, 99.5 % on the
# bench's three: ARCHITECTURE.md, "Scanned reports"); the goal of issue 16 is 95 %. The floor guards
# against a regression with a margin for the engine's variance.
SCAN_CELLS_FLOOR = 0.9


@pytest.mark.heavy
@pytest.mark.parametrize("fmt", sorted(SCANS))
def test_scans_are_read_by_ocr_without_inventing_a_cell_or_an_error(fmt):
    """OCR'd scans: year and agency found, no cell invented, no error finding the page does not have
    (a cell the engine was unsure of never grounds one), and the cells read right."""
    from difflib import SequenceMatcher

    from gongkai.auditor import ocr

    if (missing := corpus.available(fmt)) or not ocr.available():
        pytest.skip(f"{missing or 'tesseract'} is not installed")
    right = total = 0
    for e in SCANS[fmt]:
        results = services.audit_file(corpus.render(e, fmt).data, "scan", ocr=True)
        s = corpus.score(e, results)
        assert s["invented"] == [], (corpus.ident(e), s["invented"])
        assert s["year"] == e.year, corpus.ident(e)
        assert SequenceMatcher(None, s["agency"] or "", e.agency).ratio() >= 0.8, (s["agency"], e.agency)
        assert _errors(s["result"]) <= _page_errors(e), (corpus.ident(e), s["result"]["findings"])
        assert s["result"]["read_by"] == "ocr"
        right, total = right + s["right"], total + s["total"]
    assert right / total >= SCAN_CELLS_FLOOR, (right, total)


def test_page_chrome_names_no_phantom_report():
    """上一篇/下一篇 and 相关链接 name other years' reports: one report is found, with no false finding."""
    e = next(x for x in ALL if corpus.ident(x).startswith("04_huaian"))
    data = corpus.render(e, "gbk_html").data
    assert "上一篇".encode("gbk") in data and "相关链接".encode("gbk") in data
    (result,) = _read(data)
    assert (result["year"], result["agency"]) == (e.year, e.agency)
    assert _errors(result) == _page_errors(e) == set()


def test_a_column_left_blank_is_one_finding_not_a_cascade():
    e = copy.deepcopy(next(x for x in ALL if corpus.ident(x).startswith("04_huaian")))
    for values in e.applications.values():
        values[-1] = None  # the 总计 column left empty in every row
    corpus.EXPECTED.append(e)
    try:
        (result,) = services.audit_text(html_to_text(corpus.report_html(e)), source="t")
    finally:
        corpus.EXPECTED.pop()
    rules = [f["rule"] for f in result["findings"]]
    assert rules.count("blank_column") == 1 and "row_sum" not in rules and "balance" not in rules
    (finding,) = [f for f in result["findings"] if f["rule"] == "blank_column"]
    assert "“总计”列整列空白" in finding["message"] and len(finding["cells"]) == 25


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def test_ofd_gets_a_clear_message():
    data = _zip({"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>", "Doc_0/Document.xml": b"<x/>"})
    with pytest.raises(readers.Unreadable, match="OFD"):
        readers.read_text(data)


def test_old_office_files_without_libreoffice_say_what_to_install(monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    with pytest.raises(readers.Unreadable, match="libreoffice-writer-nogui"):
        readers.read_text(ole)
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le")
    with pytest.raises(readers.Unreadable, match="Excel/WPS 表格"):
        readers.read_text(xls)


def test_an_encrypted_office_file_asks_for_an_unencrypted_one():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(readers.Unreadable, match="已加密"):
        readers.read_text(data)


def test_an_unknown_zip_is_named():
    with pytest.raises(readers.Unreadable, match="DOCX、XLSX、ODT、ODS 或 OFD"):
        readers.read_text(_zip({"a.txt": b"x"}))


@pytest.mark.heavy
@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["doc", "xls", "lo_pdf"])
def test_uploaded_on_the_page_under_the_audit_budget(client, fmt):
    """The page reads an old Word/Excel file through LibreOffice inside the audit's child process."""
    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    if missing := corpus.available(fmt):
        pytest.skip(f"{missing} is not installed")
    cache.clear()
    e = SAMPLE[0]
    data = corpus.render(e, fmt).data
    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile(f"report.{fmt[-3:]}", data)})
    body = r.content.decode()
    assert r.status_code == 200 and f"{e.agency} {e.year} 年度" in body, body[:2000]
