"""Images of the 年报解读 (issue 17 item 1), without a browser: the narrow standalone page (about 750 px
wide, interp_render.document_html) is laid out by WeasyPrint on one page as tall as its content, and
pdftoppm (poppler-utils) turns it into a PNG long image for 政务新媒体; a page taller than MAX_HEIGHT is
laid out on several pages whose images Pillow stitches. The charts of the DOCX are drawn the same way
(each SVG on a page of its own size). WeasyPrint never loads a URL (files.pdf.refusing_fetcher);
pdftoppm runs under a time limit.
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from gongkai.files.pdf import refusing_fetcher

from .errors import ReportError

WIDTH = 750  # CSS px: the narrow column of a phone screen
MAX_HEIGHT = 14000  # CSS px of one laid-out page; a taller image is stitched from several
DPI = 192  # 2 image pixels per CSS px (sharp on phones): a 1500 px wide image
TIMEOUT = 60  # seconds for pdftoppm


def _fetcher():
    return refusing_fetcher("gongkai.reports", "interpretation image", "年报解读图片")


def _pdf(html: str, css: str) -> bytes:
    import weasyprint

    fetcher = _fetcher()
    return weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
        stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher)])


def _content_height(html: str) -> int:
    import weasyprint

    fetcher = _fetcher()
    doc = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).render(
        stylesheets=[weasyprint.CSS(string=f"@page{{size:{WIDTH}px {MAX_HEIGHT}px;margin:0}}", url_fetcher=fetcher)])
    if len(doc.pages) > 1:
        return MAX_HEIGHT * len(doc.pages)
    root = doc.pages[0]._page_box.children[0]
    return math.ceil(root.margin_height()) + 8


def _rasterise(pdf: bytes, dpi: int = DPI) -> list[bytes]:
    """Every page of ``pdf`` as PNG bytes (pdftoppm, under TIMEOUT)."""
    with tempfile.TemporaryDirectory(prefix="gk-interp-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        try:
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(src), str(Path(tmp) / "page")],  # noqa: S603,S607
                           check=True, timeout=TIMEOUT, capture_output=True)
        except (OSError, subprocess.SubprocessError) as e:
            raise ReportError(f"生成图片失败（pdftoppm）：{type(e).__name__}") from e

        def page_no(p: Path) -> int:
            return int(re.search(r"(\d+)$", p.stem).group(1))

        return [p.read_bytes() for p in sorted(Path(tmp).glob("page*.png"), key=page_no)]


def _stitch(pages: list[bytes]) -> bytes:
    from PIL import Image

    images = [Image.open(BytesIO(p)).convert("RGB") for p in pages]
    out = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images)), "white")
    y = 0
    for image in images:
        out.paste(image, (0, y))
        y += image.height
    buf = BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def long_image(html: str) -> bytes:
    """The page as one PNG long image, ``WIDTH`` CSS px wide and as tall as its content."""
    height = min(_content_height(html), MAX_HEIGHT)
    pages = _rasterise(_pdf(html, f"@page{{size:{WIDTH}px {height}px;margin:0}}"))
    return pages[0] if len(pages) == 1 else _stitch(pages)


_SIZE = re.compile(r'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"')


def svg_pngs(svgs: list[str]) -> list[bytes]:
    """Each SVG chart as a PNG of its own size (one WeasyPrint layout, one pdftoppm run)."""
    if not svgs:
        return []
    css, body = ["body{margin:0}"], []
    for i, svg in enumerate(svgs):
        m = _SIZE.search(svg)
        w, h = (int(m.group(1)), int(m.group(2))) if m else (640, 300)
        css.append(f"@page c{i}{{size:{w}px {h}px;margin:0}}.c{i}{{page:c{i};width:{w}px;height:{h}px;"
                   f"break-after:page;overflow:hidden}}")
        body.append(f'<div class="c{i}">{svg}</div>')
    html = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body '
            'style="font-family:\'Noto Sans CJK SC\',sans-serif">' + "".join(body) + "</body></html>")
    return _rasterise(_pdf(html, "".join(css)), dpi=144)[:len(svgs)]
