"""Print a real published annual report to PDF, as an agency's web page would print, for test_pdf.py.

Source: ``gongkai/reportreader/tests/data/testdata/04_huaian_shi_2024.txt`` (淮安市人民政府2024年政府信息公开工作年度报告,
text of the published PDF). The narrative paragraphs are the report's own (line wraps of the original
PDF joined, page numbers dropped); the three tables are the values ``reportreader.parse_reports`` reads
from that text, rendered in the official merged-cell layout by ``gongkai.reports.render.html_table``
(``report_format.layout``). Debian's chromium (as in ``tests/e2e/browser.py``) prints the page to A4
with a ``- N -`` page footer, as the original has.

Two files are written next to this script:

``huaian_shi_2024.pdf``
    A4, 宋体-like body text at 12pt, tables at 9pt, no table broken across pages (4 pages).
``huaian_shi_2024_split.pdf``
    A5 with a running title as page header (6 pages): table 三 runs over three pages, so the page
    header and the ``- N -`` footer fall twice inside it (in pypdf's text order, after the page's
    last table row), Chromium repeats its header rows on each page, and the merged cells
    三、本年度办理结果 and （六）其他处理 are cut by the page breaks.

Run: ``.venv/bin/python gongkai/auditor/tests/data/make_pdf_fixture.py [--html DIR]``
(``--html`` also writes the HTML pages, to look at them). Needs the Debian packages chromium,
fonts-arphic-uming (AR PL UMing, the 宋体-like body font) and fonts-wqy-zenhei (WenQuanYi Zen Hei, the
黑体-like headings): both are TrueType, which Chromium embeds as small subsets. Noto CJK (OpenType/CFF)
is embedded as Type 3 glyphs instead and makes the files three times larger.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
SOURCE = ROOT / "gongkai/reportreader/tests/data/testdata/04_huaian_shi_2024.txt"
OUT = HERE / "huaian_shi_2024.pdf"
OUT_SPLIT = HERE / "huaian_shi_2024_split.pdf"
MAX_BYTES = 200 * 1024

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

_PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")

STYLE = """
@page { size: %(page)s; }
body { font-family: "AR PL UMing CN", "SimSun", serif; font-size: %(body)s; line-height: 1.6; margin: 0; }
h1 { font-family: "WenQuanYi Zen Hei", "SimHei", sans-serif; font-size: 1.5em; text-align: center;
     font-weight: normal; margin: 0 0 1em; }
h2, caption { font-family: "WenQuanYi Zen Hei", "SimHei", sans-serif; font-size: 1em; font-weight: normal;
              text-align: left; margin: .6em 0 .3em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%%; font-size: %(table)s; line-height: 1.3; margin: 0 0 .6em; }
th, td { border: 1px solid #000; padding: 2px 3px; font-weight: normal; }
td.num { text-align: center; }
thead th { text-align: center; }
tbody th { text-align: left; }
/* The official table three: 三、本年度办理结果 stands in a narrow column, one character per line. */
table.applications tbody th[rowspan="22"] { width: 1em; }
table.applications tbody th[rowspan]:not([rowspan="22"]) { width: 4em; }
table.applications caption, table.review_litigation caption { font-size: %(body)s; }
.table-wrap { margin: 0; break-inside: %(tables_break)s; }
"""

FOOTER = '<div style="width:100%; font-size:10px; text-align:center; font-family:serif">- <span class="pageNumber"></span> -</div>'
HEADER = (
    '<div style="width:100%; font-size:8px; text-align:center; font-family:sans-serif; color:#555">'
    "淮安市人民政府 2024 年政府信息公开工作年度报告</div>"
)


def paragraphs(lines: list[str]) -> list[str]:
    """Join the original PDF's wrapped lines: a paragraph ends with a line ending in 。"""
    out: list[str] = []
    current = ""
    for line in lines:
        line = line.strip()
        if not line or _PAGE_NUMBER.match(line):
            continue
        current += line
        if current.endswith("。"):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def report_html(size: str, body: str, table: str, tables_break: str) -> str:
    import django

    django.setup()
    from django.utils.html import escape

    from gongkai.law import report_format as rf
    from gongkai.reportreader import parse_reports
    from gongkai.reports.render import ReportDoc, html_table

    raw = SOURCE.read_text(encoding="utf-8")
    text = raw.split("\n", 1)[1]  # the first line is the provenance note
    (report,) = parse_reports(text, source=SOURCE.name)
    doc = ReportDoc(
        agency_name=report.agency,
        agency_code="",
        year=report.year,
        format_version=report.format,
        tables=report.tables,
    )
    lines = text.splitlines()
    titles = set(rf.SECTION_TITLES)
    starts = [i for i, line in enumerate(lines) if line.strip() in titles]
    title_lines, intro = lines[:2], lines[2 : starts[0]]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{STYLE % {'page': size, 'body': body, 'table': table, 'tables_break': tables_break}}</style>",
        "</head><body><main>",
        f"<h1>{escape(title_lines[0].strip())}<br>{escape(title_lines[1].strip())}</h1>",
    ]
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs(intro)]
    for n, start in enumerate(starts):
        heading = lines[start].strip()
        key = dict((t, k) for k, t in rf.SECTIONS)[heading]
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if key in rf.TABLES:
            rendered = str(html_table(doc, key))
            # Tables 三 and 四 carry the section title as their caption: print it once.
            if f"<caption>{escape(heading)}</caption>" not in rendered:
                parts.append(f"<h2>{escape(heading)}</h2>")
            parts.append(rendered)
        else:
            parts.append(f"<h2>{escape(heading)}</h2>")
            parts += [f"<p>{escape(p)}</p>" for p in paragraphs(lines[start + 1 : end])]
    parts.append("</main></body></html>")
    return "".join(parts)


def print_pdf(html: str, out: Path, *, header: bool) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit(
            "Debian's chromium is needed: apt-get install chromium fonts-arphic-uming fonts-wqy-zenhei"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content(html, wait_until="load")
        page.pdf(
            path=str(out),
            prefer_css_page_size=True,
            display_header_footer=True,
            header_template=HEADER if header else "<div></div>",
            footer_template=FOOTER,
            margin={"top": "25mm", "bottom": "25mm", "left": "25mm", "right": "25mm"}
            if not header
            else {"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
        )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--html", type=Path, help="also write the HTML pages into this folder")
    args = parser.parse_args()
    variants = [
        (OUT, report_html("A4", "12pt", "9pt", "avoid"), False),
        (OUT_SPLIT, report_html("A5", "11pt", "9pt", "auto"), True),
    ]
    for out, html, header in variants:
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / out.with_suffix(".html").name).write_text(html, encoding="utf-8")
        print_pdf(html, out, header=header)
        size = out.stat().st_size
        print(f"{out.relative_to(ROOT)}: {size} bytes")
        if size > MAX_BYTES:
            raise SystemExit(f"{out.name} is over {MAX_BYTES // 1024} KB: are the fonts above installed?")


if __name__ == "__main__":
    main()
