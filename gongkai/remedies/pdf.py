"""HTML → PDF for the defence bundle (remedies/bundle.py), and the joining of PDFs into one.

letters/pdf.py renders one issued letter from its own template and offers no general HTML → PDF
function, so the bundle's pages (index, application form, timeline, clock, records, the 答辩提纲)
are rendered here, with the same rule: WeasyPrint never loads a URL. Every fetch — network, file or
data — is refused (``files.pdf.refusing_fetcher``): the pages are made of their text and the stylesheet passed as
text. Images among the attachments are turned into PDF pages by Pillow, not through HTML.
"""

from __future__ import annotations

import io
import logging

from gongkai.files.pdf import refusing_fetcher

log = logging.getLogger("gongkai.remedies")

CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 18mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "WenQuanYi Micro Hei", serif;
       font-size: 11pt; line-height: 1.55; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { border: 0.6pt solid #333; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; }
.draft { border: 1.5pt solid #b00; color: #b00; padding: 2mm 3mm; font-weight: bold; margin-bottom: 4mm; }
.muted { color: #555; font-size: 9.5pt; }
.note { border-left: 2pt solid #888; padding-left: 3mm; }
ul, ol { margin: 1mm 0 2mm; padding-left: 6mm; }
dl { margin: 0; } dt { font-weight: bold; margin-top: 1.5mm; } dd { margin: 0 0 0 6mm; }
"""


def _refuse_all():
    return refusing_fetcher("gongkai.remedies", "bundle PDF", "应诉材料PDF")


def html_to_pdf(html: str) -> bytes:
    """A4 PDF bytes of an HTML page of the bundle; no resource is ever fetched."""
    import weasyprint

    fetcher = _refuse_all()
    css = weasyprint.CSS(string=CSS, url_fetcher=fetcher)
    return weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(stylesheets=[css])


def image_to_pdf(data: bytes) -> bytes:
    """An image attachment as a one-page PDF (Pillow); raises on anything Pillow cannot read."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        rgb = img.convert("RGB")
    out = io.BytesIO()
    rgb.save(out, format="PDF", resolution=150.0)
    return out.getvalue()


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def join(parts: list[bytes], target) -> int:
    """Write the PDFs ``parts`` one after the other to the binary file ``target``; the page count."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in parts:
        writer.append(PdfReader(io.BytesIO(data)))
    writer.write(target)
    return len(writer.pages)
