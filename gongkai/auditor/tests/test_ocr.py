"""Scans read by OCR (issue 16 item 2): cells carry the engine's confidence, an uncertain cell never
grounds an error finding, the page runs the OCR as a job of the uploading session, rate-limited and
deleted after a day; the grid of a scanned table is found on the image. The engine itself is
exercised on rendered reports in test_formats.py (heavy)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.auditor import ocr, ocrjobs, scangrid, services
from gongkai.auditor.models import OcrJob
from gongkai.reportreader import audit, parse_reports
from gongkai.reportreader.results import UNCERTAIN_NOTE
from gongkai.reportreader.tests.report_fixtures import DATA, T02, T03

NEW_TOTAL = "applications.new.total"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _scan_of(text: str, low: dict[str, float] | None = None, ink: set[int] | None = None) -> ocr.ScanText:
    """A report's text as an OCR engine would hand it over: one line of tokens per line, every token at
    confidence 95 except the numbers of the lines named in ``low`` (line start → confidence); lines
    numbered in ``ink`` end with a blank grid cell that holds ink."""
    pages = []
    for i, line in enumerate(text.splitlines()):
        conf = next((c for start, c in (low or {}).items() if line.startswith(start)), 95.0)
        pieces = [scangrid.Piece(t, conf if t.isdigit() else 95.0) for t in line.split()]
        if i in (ink or set()):
            pieces.append(scangrid.Piece("", None, ink=True))
        pages.append(scangrid.Line(i, pieces, grid=i in (ink or set())))
    return ocr.assemble([pages])


def _read(scan: ocr.ScanText) -> list[dict]:
    reports = parse_reports(scan.text, source="scan")
    ocr.mark_reports(reports, parse_reports(scan.probe, source="scan"), scan)
    return audit(reports)


def test_each_cell_read_by_ocr_carries_the_confidence_of_its_token():
    text = (DATA / T03).read_text(encoding="utf-8")
    (result,) = _read(_scan_of(text, low={"一、本年新收政府信息公开申请数量": 41.5}))
    cells = result["ocr_cells"]
    assert result["read_by"] == "ocr"
    assert cells[NEW_TOTAL] == {"ocr": True, "confidence": 41.5, "uncertain": True}
    assert cells["applications.carried_in.total"] == {"ocr": True, "confidence": 95.0, "uncertain": False}
    assert result["tables"]["applications"]["new"]["total"] == 95  # the value as read, not the probe's marker
    plain = services.audit_text(text)[0]
    assert plain["read_by"] == "text" and plain["ocr_cells"] == {}


def test_an_error_on_an_uncertain_cell_is_a_warning_asking_to_check_the_original():
    """Report 02 has a wrong 复议 total: an error when read from text or read by OCR with confidence; a
    warning saying 识别存疑 when the engine was unsure of the cells it rests on."""
    text = (DATA / T02).read_text(encoding="utf-8")

    def review_findings(result):
        return [f for f in result["findings"] if f["rule"] == "review_total"]

    (sure,) = _read(_scan_of(text))
    assert review_findings(sure) and {f["severity"] for f in review_findings(sure)} == {"error"}
    (unsure,) = _read(_scan_of(text, low={"10 1 0 0 0 0 0 0 0 0 5": 20.0}))  # the row of table 四
    findings = review_findings(unsure)
    assert findings and all(f["severity"] == "warning" and f["message"].endswith(UNCERTAIN_NOTE) for f in findings)
    assert "识别存疑，请核对原件" in UNCERTAIN_NOTE
    assert not [f for f in unsure["findings"] if f["severity"] == "error"
                and set(f["cells"]) & {c for c, v in unsure["ocr_cells"].items() if v["uncertain"]}]


def test_a_blank_cell_with_ink_in_it_is_uncertain_not_a_number():
    text = (DATA / T03).read_text(encoding="utf-8")
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转政府信息公开申请数量"))
    lines[row] = lines[row].rsplit(" ", 1)[0]  # the total the engine could not read
    scan = _scan_of("\n".join(lines), ink={row})
    assert "\t" in scan.text.splitlines()[row] and scan.text.splitlines()[row].endswith("\t")
    (result,) = _read(scan)
    assert result["tables"]["applications"]["carried_in"]["total"] is None  # never invented
    assert result["ocr_cells"]["applications.carried_in.total"]["uncertain"] is True


def _ruled_page():
    """A white page with a ruled 3×2 table (150 dpi), cells 200×60 pixels."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (900, 500), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 160, 220):
        draw.line([(100, y), (700, y)], fill=0, width=2)
    for x in (100, 300, 500, 700):
        draw.line([(x, 100), (x, 220)], fill=0, width=2)
    draw.line([(120, 300), (160, 300)], fill=0, width=2)  # a stroke of text below: no rule
    return image


def _tsv(words: list[tuple[int, int, str, float]]) -> str:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t{i}\t1\t{x}\t{y}\t30\t30\t{conf}\t{text}" for i, (x, y, text, conf) in enumerate(words)]
    return "\n".join([head, *rows])


def test_the_grid_of_a_scanned_table_is_found_and_read_cell_by_cell():
    image = _ruled_page()
    h_edges, v_edges = scangrid.find_rules(image, 150)
    tables = scangrid.find_tables(h_edges, v_edges)
    assert len(tables) == 1 and len(tables[0]) == 6
    clean = scangrid.erase_rules(image, h_edges + v_edges)
    assert clean.getpixel((300, 130)) == 255 and clean.getpixel((200, 100)) == 255
    words = scangrid.parse_tsv(_tsv([(110, 115, "规章", 96.0), (320, 115, "3", 91.0), (520, 115, "O", 80.0),
                                     (110, 175, "行政规范性文件", 95.0), (320, 175, "12", 52.0)]))
    lines = scangrid.page_lines(words, tables, clean)
    assert [[(p.text, p.conf) for p in line.pieces] for line in lines] == [
        [("规章", 96.0), ("3", 91.0), ("0", 50.0)],  # "O" read for 0: repaired, never certain
        [("行政规范性文件", 95.0), ("12", 52.0), ("", None)],
    ]
    assert all(line.grid for line in lines)


def _png() -> bytes:
    buf = io.BytesIO()
    _ruled_page().save(buf, "PNG")
    return buf.getvalue()


def _fake_scan(monkeypatch, text: str) -> None:
    def read_scan(data, progress=None):
        progress and progress(0, 2)
        progress and progress(2, 2)
        return _scan_of(text, low={"一、本年新收政府信息公开申请数量": 30.0})

    monkeypatch.setattr(ocr, "read_scan", read_scan)


@pytest.mark.django_db
def test_a_scan_uploaded_on_the_page_is_read_in_a_job_shown_to_its_session_only(
        client, monkeypatch, django_capture_on_commit_callbacks):
    _fake_scan(monkeypatch, (DATA / T03).read_text(encoding="utf-8"))
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("scan.png", _png())})
    assert r.status_code == 302
    job = OcrJob.objects.get()
    assert r["Location"] == reverse("auditor:ocr_job", args=[job.token]) and len(job.token) >= 40
    assert job.status == OcrJob.DONE and (job.progress_done, job.progress_total) == (2, 2)
    assert not job.upload  # the scan is deleted once read
    page = re.sub(r"<[^>]+>", "", client.get(r["Location"]).content.decode())
    assert "文字识别（扫描件）" in page and "识别存疑" in page and "已完成" not in page
    from django.test import Client

    assert Client().get(r["Location"]).status_code == 404  # another browser


@pytest.mark.django_db
def test_the_progress_page_refreshes_itself_until_the_job_is_done(client):
    client.get(reverse("auditor:audit"))
    session = client.session
    session.save()
    job = OcrJob.objects.create(token="t" * 43, session_key=session.session_key, name="scan.pdf",
                                status=OcrJob.RUNNING, progress_done=3, progress_total=12)
    body = client.get(reverse("auditor:ocr_job", args=[job.token])).content.decode()
    assert 'http-equiv="refresh"' in body and "已识别 3 / 12 页（25%）" in body


@pytest.mark.django_db
def test_anonymous_ocr_jobs_are_rate_limited(client, monkeypatch):
    monkeypatch.setattr("gongkai.auditor.views.start_ocr_job",
                        lambda *a, **k: OcrJob.objects.create(token=f"x{OcrJob.objects.count()}", session_key="s"))
    codes = [client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("p.png", _png())}).status_code
             for _ in range(7)]
    assert codes == [302] * 6 + [429]


@pytest.mark.django_db
def test_jobs_and_their_scans_are_deleted_after_a_day(pin_today, settings, tmp_path):
    from gongkai.law import today as law_today

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    pin_today(dt.date(2026, 3, 2))
    job = ocrjobs.create("s", "scan.pdf", b"%PDF-1.4 scan")
    stored = tmp_path / job.upload.name
    assert stored.exists()
    assert ocrjobs.delete_expired() == 0
    OcrJob.objects.filter(pk=job.pk).update(created_at=law_today.now() - dt.timedelta(hours=25))
    assert ocrjobs.delete_expired() == 1 and not OcrJob.objects.exists() and not stored.exists()


@pytest.mark.django_db
def test_scans_may_be_larger_than_documents(client, settings, monkeypatch):
    monkeypatch.setattr("gongkai.auditor.views.start_ocr_job",
                        lambda *a, **k: OcrJob.objects.create(token="big", session_key="s"))
    big_text = "。" * (6 * 1024 * 1024)
    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("r.txt", big_text.encode())})
    assert "文件超过 5 MB" in r.content.decode()
    big_png = _png() + b"\0" * (6 * 1024 * 1024)
    assert client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("p.png", big_png)}).status_code == 302
    settings.GONGKAI_AUDIT_MAX_MB = 2
    body = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("p.png", big_png)}).content.decode()
    assert "文件超过 2 MB" in body and "不超过 2 MB" in body


def _docx_with_picture(text: str) -> bytes:
    from docx import Document

    from gongkai.auditor.tests.test_imagetables import table_png

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.add_picture(io.BytesIO(table_png()))  # a picture of a table (a logo is none: test_imagetables)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _narrative(text: str) -> str:
    """The report without its tables: the text before table 二 and after table 四."""
    start, end = text.index("二、主动公开政府信息情况"), text.index("五、存在的主要问题")
    return text[:start] + text[end:]


def test_tables_printed_as_pictures_are_not_called_missing():
    text = _narrative((DATA / T03).read_text(encoding="utf-8"))
    (plain,) = services.audit_text(text)
    assert "missing_table" in {f["rule"] for f in plain["findings"]}
    (result,) = services.audit_file(_docx_with_picture(text), "pictures.docx")
    rules = {f["rule"] for f in result["findings"]}
    assert "table_as_image" in rules and "missing_table" not in rules
    message = next(f["message"] for f in result["findings"] if f["rule"] == "table_as_image")
    assert message.startswith("表格为图片，无法读取") and "缺少表格" not in message
    assert services.rule_name("table_as_image") == "表格为图片，无法读取"
    assert services.needs_ocr(result)


def test_tables_as_pictures_the_engine_cannot_read_stay_unreadable(monkeypatch):
    """OCR allowed, the picture read (here: a ruled grid without digits): still 表格为图片，无法读取."""
    monkeypatch.setattr(ocr, "read_images", lambda images, progress=None: _scan_of("表格"))
    text = _narrative((DATA / T03).read_text(encoding="utf-8"))
    (result,) = services.audit_file(_docx_with_picture(text), "pictures.docx", ocr=True)
    rules = {f["rule"] for f in result["findings"]}
    assert "table_as_image" in rules and "missing_table" not in rules


def test_tables_as_pictures_are_read_by_ocr(monkeypatch):
    """The pictures OCR'd (the engine stubbed with the tables' own text): the tables are read."""
    full = (DATA / T03).read_text(encoding="utf-8")
    tables = full[full.index("二、主动公开政府信息情况"):full.index("五、存在的主要问题")]
    monkeypatch.setattr(ocr, "read_images", lambda images, progress=None: _scan_of(tables))
    (result,) = services.audit_file(_docx_with_picture(_narrative(full)), "pictures.docx", ocr=True)
    rules = {f["rule"] for f in result["findings"]}
    assert not rules & {"table_as_image", "missing_table"}, result["findings"]
    assert result["tables"]["applications"]["new"]["total"] == 95 and result["read_by"] == "ocr"


def _banded_page(second_row_values: int = 1):
    """A ruled table at 150 dpi: rows 60, 120 and 60 pixels tall, a label column and two value columns;
    ink blobs stand for digits (10×24) and for a dash (24×3)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (900, 600), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 160, 280, 340):
        draw.line([(100, y), (700, y)], fill=0, width=2)
    for x in (100, 300, 500, 700):
        draw.line([(x, 100), (x, 340)], fill=0, width=2)
    draw.rectangle([320, 118, 330, 142], fill=0)  # row 1: a digit, and a dash printed for a blank
    draw.rectangle([520, 128, 544, 130], fill=0)
    for k in range(second_row_values):  # row 2: one digit midway, or one per line (no rule between rows)
        y = 208 if second_row_values == 1 else 175 + 60 * k
        draw.rectangle([320, y, 330, y + 24], fill=0)
        draw.rectangle([520, y, 530, y + 24], fill=0)
    draw.rectangle([320, 298, 330, 322], fill=0)  # row 3: a digit, and a cell left blank
    return image


def _banded_words():
    return scangrid.parse_tsv(_tsv([(110, 115, "规章", 96.0), (320, 115, "3", 60.0), (110, 175, "本机关不掌握", 95.0),
                                     (110, 235, "相关信息", 95.0), (320, 205, "]世", 30.0), (520, 205, "0", 40.0),
                                     (110, 295, "其他", 95.0), (320, 295, "5", 40.0)]))


def test_a_ruled_table_is_read_band_by_band_whatever_its_labels_wrap():
    """A label over two lines and its value midway are one row (the line-by-line reading made two
    rows of them); each value cell is a slot read alone; a flat mark (a dash) is a blank."""
    from gongkai.auditor import scanrows

    image = _banded_page()
    h_edges, v_edges = scangrid.find_rules(image, 150)
    (cells,) = scangrid.find_tables(h_edges, v_edges)
    clean = scangrid.erase_rules(image, h_edges + v_edges)
    xs, start, bands = scanrows.bands(cells, _banded_words(), clean)
    assert start == 1 and [(b.top, b.bottom) for b in bands] == [(100, 160), (160, 280), (280, 340)]
    assert [[s.ink is not None for s in b.slots] for b in bands] == [[True, True], [True, True], [True, False]]
    for band, texts in zip(bands, [("3", "5"), ("12", "0"), ("7", "")], strict=True):
        for slot, text in zip(band.slots, texts, strict=True):
            slot.text, slot.conf = text, 90.0 if text else None
    lines = scanrows.band_lines(xs, start, bands)
    assert [[(p.text, p.ink) for p in line.pieces] for line in lines] == [
        [("规章", False), ("3", False), ("", False)],  # the dash: ink too flat for a digit, a blank
        [("本机关不掌握相关信息", False), ("12", False), ("0", False)],
        [("其他", False), ("7", False), ("", False)],  # no ink: a real blank
    ]


def test_rows_without_a_rule_between_them_are_cut_between_their_lines_of_ink():
    """Two rows of values in one ruled band (a rule lost in the scan, or never drawn) are two rows:
    the band is cut midway between its lines of ink."""
    from gongkai.auditor import scanrows

    image = _banded_page(second_row_values=2)
    h_edges, v_edges = scangrid.find_rules(image, 150)
    (cells,) = scangrid.find_tables(h_edges, v_edges)
    clean = scangrid.erase_rules(image, h_edges + v_edges)
    _xs, _start, bands = scanrows.bands(cells, _banded_words(), clean)
    assert [(b.top, b.bottom) for b in bands] == [(100, 160), (160, 217), (217, 280), (280, 340)]
    assert [[s.ink is not None for s in b.slots] for b in bands][1:3] == [[True, True], [True, True]]


def test_a_rule_fading_short_of_a_crossing_rule_still_closes_its_cells():
    """A JPEG scan fades where rules cross: a vertical rule stopping short of the bottom rule reaches
    it, and the last row keeps its cells."""
    from PIL import ImageDraw

    image = _ruled_page()
    draw = ImageDraw.Draw(image)
    draw.rectangle([299, 215, 302, 218], fill=255)  # the rule at x=300 stops 5 pixels short
    h_edges, v_edges = scangrid.find_rules(image, 150)
    (cells,) = scangrid.find_tables(h_edges, v_edges)
    assert len(cells) == 6
