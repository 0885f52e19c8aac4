"""Real reports rendered the way agencies publish them, for the format tests (issue 16).

Each report of ``report_fixtures.EXPECTED`` with a 2019 or 2021 table format becomes one HTML page:
its own narrative (as the parser reads it from the published text), the section headings, and the
three statutory tables in the official merged-cell layout (``reports.render.html_table``) holding the
values transcribed by hand (a blank cell stays blank). From that page the tools agencies use make
the files a reader meets on their websites:

``docx``        LibreOffice Writer (HTML → Word 2007 XML)
``lo_pdf``      the DOCX printed to PDF by LibreOffice ("Word → PDF")
``odt``         LibreOffice Writer's own format
``xlsx``        the page opened in LibreOffice Calc and saved as XLSX (tables as spreadsheets)
``doc``/``xls`` the DOCX and XLSX saved by LibreOffice as Word 97 and Excel 97 (the binary formats WPS
                also writes as .wps and .et)
``chromium_pdf`` browser print-to-PDF (Debian's chromium)
``scan_pdf``    the LibreOffice PDF rasterised at 150 dpi (poppler's pdftoppm) and wrapped as an
                image-only PDF (Pillow): a scan without a text layer
``scan_png``    the same pages stacked into one tall PNG image (a long screenshot of the report)
``gbk_html``    the page in GBK with the chrome of a government site (上一篇/下一篇, 相关链接, 打印/关闭)
``pdf_copy_protected`` / ``pdf_password`` the LibreOffice PDF encrypted by pypdf (owner password only;
                a user password as well)

Files are cached under ``var/test-formats/`` by a hash of the page and the format (never committed);
a tool that is not installed skips the tests that need it (``make test`` installs them on Debian).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

from gongkai.law import report_format as rf
from gongkai.reportreader import parse_reports
from gongkai.reportreader.tests.report_fixtures import DATA, EXPECTED, Expected

FORMATS = ("docx", "lo_pdf", "odt", "xlsx", "doc", "xls", "chromium_pdf", "scan_pdf", "scan_png", "gbk_html",
           "pdf_copy_protected", "pdf_password")
REPORTS = [e for e in EXPECTED if e.format in rf.FORMATS and e.file.endswith(".txt")]
CACHE = Path(settings.BASE_DIR) / "var" / "test-formats"
PASSWORD = "gk-open"
STYLE = (
    "body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:12pt}"
    "table{border-collapse:collapse;width:100%;font-size:9pt}"
    "th,td{border:1px solid #000;padding:2px}h1,h2{font-size:14pt}"
)
CHROME_TOP = '<div class="nav"><a href="/">首页</a> &gt; <a href="/gk/">政府信息公开</a> &gt; 年报</div>' \
             '<div class="tools">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>'
CHROME_BOTTOM = (
    '<div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>'
    '<div class="prev">上一篇：<a href="/gk/2022.html">{agency}2022年政府信息公开工作年度报告</a></div>'
    '<div class="next">下一篇：<a href="/gk/x.html">关于开展2024年度政务公开工作考核的通知</a></div>'
    '<div class="related"><h3>相关链接</h3><ul><li><a href="/gk/2021.html">{agency}2021年政府信息公开工作年度报告'
    '</a></li></ul></div>'
)


def ident(e: Expected) -> str:
    return f"{Path(e.file).stem[:12]}-{e.index}"


def table_rows(e: Expected, table: str) -> dict[str, list]:
    if table == rf.TABLE_PROACTIVE:
        return e.proactive
    if table == rf.TABLE_APPLICATIONS:
        return e.applications
    v = e.review
    return {"review": v[0:5], "suit_direct": v[5:10], "suit_after_review": v[10:15]}


def expected_tables(e: Expected) -> dict:
    schema = rf.schema_for(e.format)
    return {t.code: {row.code: dict(zip(row.columns, table_rows(e, t.code)[row.code], strict=True))
                     for row in t.rows} for t in schema.tables}


def report_html(e: Expected, *, chrome: bool = False) -> str:
    return _report_html(EXPECTED.index(e), chrome)


@cache
def _report_html(position: int, chrome: bool) -> str:
    e = EXPECTED[position]
    from gongkai.reports.render import ReportDoc

    report = parse_reports((DATA / e.file).read_text(encoding="utf-8"), source=e.file)[e.index]
    doc = ReportDoc(agency_name=e.agency or "", agency_code="", year=e.year, format_version=e.format,
                    tables=expected_tables(e))
    title = f"{e.agency}{e.year}年政府信息公开工作年度报告"
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{"gbk" if chrome else "utf-8"}">'
             f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"]
    if chrome:
        parts.append(CHROME_TOP)
    parts.append(f"<h1>{escape(title)}</h1>")
    placed = False
    for line in report.narrative.splitlines():
        if not placed and line.strip().startswith(("五、", "六、")):
            parts += _tables(doc)
            placed = True
        if line.strip() and line.strip() != title:
            parts.append(f"<p>{escape(line.strip())}</p>")
    if not placed:
        parts += _tables(doc)
    if chrome:
        parts.append(CHROME_BOTTOM.format(agency=escape(e.agency or "")))
    parts.append("</body></html>")
    return "".join(parts)


def _tables(doc) -> list[str]:
    from gongkai.reports.render import html_table

    out = []
    for key, heading in rf.SECTIONS:
        if key in rf.TABLES:
            # Word's tables are ruled: border="1" is what LibreOffice's HTML import turns into cell borders.
            rendered = str(html_table(doc, key)).replace("<table", '<table border="1" cellspacing="0"', 1)
            if f"<caption>{escape(heading)}</caption>" not in rendered:
                out.append(f"<h2>{escape(heading)}</h2>")
            out.append(rendered)
    return out


def available(fmt: str) -> str | None:
    """None when ``fmt`` can be made here, else the missing tool."""
    need = {"docx": "soffice", "lo_pdf": "soffice", "odt": "soffice", "xlsx": "soffice",
            "scan_pdf": "pdftoppm", "scan_png": "pdftoppm", "chromium_pdf": "chromium", "pdf_copy_protected": "soffice",
            "pdf_password": "soffice", "doc": "soffice", "xls": "soffice"}.get(fmt)
    if need is None:
        return None
    if need == "chromium":
        from tests.e2e.browser import CHROMIUM

        return None if CHROMIUM and Path(CHROMIUM).exists() else "chromium"
    if fmt in ("scan_pdf", "scan_png") and not shutil.which("soffice"):
        return "soffice"
    return None if shutil.which(need) else need


@dataclass
class Rendered:
    report: Expected
    fmt: str
    data: bytes


def _path(e: Expected, fmt: str) -> Path:
    html = report_html(e, chrome=fmt == "gbk_html")
    key = hashlib.sha256(f"{fmt}\n{html}".encode()).hexdigest()[:16]
    return CACHE / f"{ident(e)}-{key}.{fmt}"


def _store(path: Path, data: bytes) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def render(e: Expected, fmt: str) -> Rendered:
    path = _path(e, fmt)
    if not path.exists():
        _store(path, _make(e, fmt, report_html(e, chrome=fmt == "gbk_html")))
    return Rendered(e, fmt, path.read_bytes())


_LO_STEPS = {"docx": ("html", 'docx:MS Word 2007 XML', "HTML (StarWriter)"),
             "odt": ("html", "odt", "HTML (StarWriter)"),
             "xlsx": ("html", "xlsx:Calc MS Excel 2007 XML", "HTML (StarCalc)"),
             "lo_pdf": ("docx", "pdf", None),
             "doc": ("docx", "doc:MS Word 97", None),
             "xls": ("xlsx", "xls:MS Excel 97", None)}


def prepare(reports: list[Expected], fmt: str) -> None:
    """Make every missing file of ``fmt`` with one LibreOffice run (its start-up costs more than a file)."""
    if fmt not in _LO_STEPS:
        return
    source, target, infilter = _LO_STEPS[fmt]
    if source != "html":
        prepare(reports, source)
    todo = [e for e in reports if not _path(e, fmt).exists()]
    if not todo:
        return
    with tempfile.TemporaryDirectory() as d:
        srcs = []
        for e in todo:
            src = Path(d) / f"{ident(e)}.{source}"
            if source == "html":
                src.write_text(report_html(e), encoding="utf-8")
            else:
                src.write_bytes(render(e, source).data)
            srcs.append(src)
        out = Path(d) / "out"
        _soffice_many(srcs, target, out, infilter)
        ext = target.split(":")[0]
        for e, src in zip(todo, srcs, strict=True):
            _store(_path(e, fmt), (out / f"{src.stem}.{ext}").read_bytes())


def _soffice_many(srcs: list[Path], target: str, out: Path, infilter: str | None) -> None:
    # One profile per process: a second soffice on the same profile hands its work to the first and exits
    # (pytest-xdist runs two workers).
    profile = Path(tempfile.gettempdir()) / f"gk-lo-profile-{os.getuid()}-{os.getpid()}"
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    subprocess.run([*cmd, "--convert-to", target, "--outdir", str(out), *map(str, srcs)], check=True,
                   capture_output=True, timeout=600)


def _make(e: Expected, fmt: str, html: str) -> bytes:
    if fmt == "gbk_html":
        return html.encode("gbk", errors="xmlcharrefreplace")
    if fmt in ("pdf_copy_protected", "pdf_password"):
        return _encrypt(render(e, "lo_pdf").data, user="" if fmt == "pdf_copy_protected" else PASSWORD)
    if fmt == "scan_pdf":
        return _scan(render(e, "lo_pdf").data)
    if fmt == "scan_png":
        return _scan(render(e, "lo_pdf").data, stacked=True)
    if fmt == "chromium_pdf":
        return _chromium_pdf(html)
    prepare([e], fmt)
    return _path(e, fmt).read_bytes()


def _encrypt(pdf: bytes, *, user: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # Copy-protected: opens without a password, printing and copying "not allowed" (bit 3 and 5 off).
    writer.encrypt(user_password=user, owner_password="owner-" + PASSWORD, permissions_flag=0b1111_1111_1111_0000_0000,
                   algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scan(pdf: bytes, dpi: int = 150, *, stacked: bool = False) -> bytes:
    from PIL import Image

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(Path(d) / "page")],
                       check=True, capture_output=True, timeout=300)
        pages = [Image.open(p).convert("L") for p in sorted(Path(d).glob("page*.png"))]
        out = io.BytesIO()
        if stacked:
            tall = Image.new("L", (max(p.width for p in pages), sum(p.height for p in pages)), 255)
            y = 0
            for page in pages:
                tall.paste(page, (0, y))
                y += page.height
            tall.save(out, "PNG", dpi=(dpi, dpi))
            return out.getvalue()
        pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
        return out.getvalue()


def _chromium_pdf(html: str) -> bytes:
    from tests.e2e.browser import ARGS, CHROMIUM

    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "report.html", Path(d) / "out.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([CHROMIUM, *ARGS, "--headless", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                        src.as_uri()], check=True, capture_output=True, timeout=120)
        return out.read_bytes()


def score(e: Expected, reports: list) -> dict:
    """Cells right, wrong and invented of the report read from a rendered file, with its year and agency."""
    want = expected_tables(e)
    found = [r for r in reports if r.get("year") == e.year] or reports
    if not found:
        return {"right": 0, "total": _total(want), "wrong": [], "invented": [], "year": None, "agency": None}
    got = found[0]["tables"] or {}
    right, wrong, invented = 0, [], []
    for table, rows in want.items():
        for row, cols in rows.items():
            for col, w in cols.items():
                g = ((got.get(table) or {}).get(row) or {}).get(col)
                if g == w or (g is not None and w is not None and Decimal(str(g)) == w):
                    right += 1
                elif w is None:
                    invented.append((f"{table}.{row}.{col}", g))
                else:
                    wrong.append((f"{table}.{row}.{col}", g, w))
    return {"right": right, "total": _total(want), "wrong": wrong, "invented": invented,
            "year": found[0].get("year"), "agency": found[0].get("agency"), "result": found[0]}


def _total(want: dict) -> int:
    return sum(len(cols) for rows in want.values() for cols in rows.values())
