"""Reports whose statistical tables are pictures (a DOCX or PDF with the tables pasted as images, a web
page with ``<img>`` tables): the tables are OCR'd where the caller allows OCR (the command line, the
page's OCR job) — a PDF page by page as a scan, a DOCX's PNG/JPEG images appended to its text — and a
table still not read is reported as 表格为图片，无法读取, never as 缺少表格 (the agency did publish it).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from gongkai.law import report_format as rf

RULE = "table_as_image"
NAME = "表格为图片，无法读取"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def has_images(content: bytes | str) -> bool:
    """Whether the file embeds pictures (cheap: the ZIP directory, the PDF's objects, <img> tags)."""
    if isinstance(content, str):
        return "<img" in content.lower()
    if content[:4] == b"PK\x03\x04":
        return bool(_docx_images(content, names_only=True))
    if content[:5] == b"%PDF-":
        return b"/Subtype /Image" in content or b"/Subtype/Image" in content
    return b"<img" in content[:2_000_000].lower()


def _docx_images(data: bytes, *, names_only: bool = False) -> list:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = sorted(n for n in z.namelist() if n.startswith(("word/media/", "Pictures/"))
                           and n.lower().endswith(_IMAGE_SUFFIXES))
            return names if names_only else [z.read(n) for n in names]
    except (zipfile.BadZipFile, KeyError, ValueError):
        return []


def tables_missing(reports: list) -> bool:
    """No report, or a report of a statutory format without one of its tables."""
    if not reports:
        return True
    for report in reports:
        if report.format not in rf.FORMATS:
            return True
        if not all(report.completeness.get(t.code, {}).get("present") for t in rf.schema_for(report.format).tables):
            return True
    return False


def read(content: bytes, text: str, progress=None):
    """The scan text (``ocr.ScanText``) of a file whose tables are pictures, or None when it has none
    the engine can read: a PDF OCR'd page by page, a DOCX's text followed by its images OCR'd."""
    from gongkai.auditor import ocr

    if content[:5] == b"%PDF-":
        return ocr.read_scan(content, progress)
    images = _docx_images(content)
    if not images:
        return None
    scan = ocr.read_images(images, progress)
    scan.text = text + "\n" + scan.text
    scan.probe = text + "\n" + scan.probe
    return scan


_TITLE = re.compile(r"“(?P<title>[^”]+)”")


def relabel(result: dict[str, Any]) -> dict[str, Any]:
    """A missing table of a file with pictures is a table printed as a picture."""
    findings = []
    for f in result.get("findings") or []:
        if f["rule"] == "missing_table" and "解读材料" not in f["message"]:
            m = _TITLE.search(f["message"])
            what = f"“{m['title']}”" if m else "统计表格"
            f = {**f, "rule": RULE,
                 "message": f"{NAME}：{what}印成了图片，未能识别出其中的数字；请核对原件，或提供表格为文字的版本"}
        findings.append(f)
    return {**result, "findings": findings}
