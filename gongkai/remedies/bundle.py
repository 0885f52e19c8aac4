"""The organ's evidence bundle for a reconsideration or suit (应诉/答复材料, issue 14 item 5).

When a 行政复议 or 行政诉讼 is recorded against an application, the organ must answer with the evidence
and the legal basis of its act (行政复议法第四十八条: answer within 10 days with 证据、依据和其他有关材料;
行政诉讼法第三十四条、第六十七条: the defendant bears the burden and files its 答辩状 within 15 days;
最高法2011规定第五条: a refusal must be proven with its grounds and the notices and reasons given).
``build(bundle)`` assembles, from the record alone:

- ``00_证据目录.pdf``: the index (证据目录) — numbered items with 名称, 日期, 证明目的, file name and
  the pages of the single PDF;
- the application (its form data rendered) and the attachments as uploaded (identity proof …);
- every issued letter as its frozen file (letters/pdf.py ``stored_pdf``; the DOCX from the frozen
  paragraphs if no PDF can be made), with its service record (送达记录, one table);
- the consultation replies, the fee record (when there are any), the timeline (append-only events) as
  a table, and the clock at each step (law/clock.py recomputed over the events up to each one);
- a draft 答辩提纲 (PDF and editable DOCX), marked 草稿, citing the facts and articles of the record;

as a ZIP and as one PDF (index first, then every item; images and PDFs embedded, other files
listed with a note). Both are stored in the private storage on the ``DefenceBundle`` row; they leave
the server only through remedies/views.py (access check + AccessLog).

The parts: remedies/bundle_record.py (what is read of the application, shared helpers),
remedies/bundle_pages.py (the pages rendered from the record), remedies/defence_outline.py (the
答辩提纲), remedies/bundle_items.py (the numbered items); here the index and the assembly.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from html import escape

from django.core.files import File

from gongkai.law import today as law_today

from . import pdf
from .bundle_items import Item, items
from .bundle_record import BundleError, Record, html_page, html_table, iso, safe_name
from .defence_outline import OUTLINE_STEM, outline, outline_docx
from .models import DefenceBundle, RemedyCase

INDEX_NAME = "00_证据目录.pdf"


def index_html(rec: Record, entries: list[Item]) -> str:
    case, app = rec.case, rec.app
    head = (f"<p>案件：{escape(case.get_kind_display())} {escape(case.case_no or '（案号待填）')}；"
            f"{escape(case.body)}；申请/起诉日期：{escape(iso(case.filed_on))}</p>"
            f"<p>提交人（被申请人/被告）：{escape(case.agency.name)}；申请人/原告：{escape(app.name)}；"
            f"关联申请登记编号：{escape(app.reference)}</p>")
    rows = [[str(x.no), x.name + (f"（{x.note}）" if x.note else ""), iso(x.date), x.purpose, x.filename,
             x.pages or "—"] for x in entries]
    body = head + html_table(["序号", "名称", "日期", "证明目的", "文件名", "页码"], rows,
                              widths=[7, 20, 12, 31, 19, 11])
    body += ('<p class="muted">“文件名”为ZIP中的文件；“页码”为合并PDF中的页码（本目录为第1页起）。'
             f"第{entries[-1].no}项答辩提纲为草稿，非证据，另附可编辑的DOCX。"
             f"生成时间：{escape(law_today.now().strftime('%Y-%m-%d %H:%M'))}。</p>")
    return html_page("证据目录", body, f"{case.agency.name} · 应诉材料")


# ------------------------------------------------------------------------------------ assembly

def build(bundle: DefenceBundle) -> DefenceBundle:
    """Assemble and store the ZIP and the single PDF of ``bundle``; marks it done (or failed)."""
    started = time.monotonic()
    try:
        rec = Record(RemedyCase.objects.select_related("agency").get(pk=bundle.remedy_case_id))
        entries = items(rec)
        # Pages of the single PDF: the index first (its own length found by rendering it), then each item.
        index_pages, index_pdf = 1, b""
        for _ in range(3):
            start = index_pages + 1
            for item in entries:
                n = pdf.page_count(item.pdf) if item.pdf else 1
                item.pages = f"第{start}页" if n == 1 else f"第{start}–{start + n - 1}页"
                start += n
            index_pdf = pdf.html_to_pdf(index_html(rec, entries))
            if pdf.page_count(index_pdf) == index_pages:
                break
            index_pages = pdf.page_count(index_pdf)
        parts = [index_pdf]
        for item in entries:
            parts.append(item.pdf or pdf.html_to_pdf(html_page(
                f"证据{item.no}：{item.name}",
                f'<p class="note">该文件（{escape(item.filename)}）为无法嵌入PDF的格式，原件见ZIP中的同名文件。</p>')))
        outline_doc = outline_docx(outline(rec))
        with tempfile.TemporaryFile() as zipped, tempfile.TemporaryFile() as joined:
            with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as z:
                z.writestr(INDEX_NAME, index_pdf)
                for item in entries:
                    z.writestr(item.filename, item.data)
                z.writestr(f"{entries[-1].no:02d}_{OUTLINE_STEM}.docx", outline_doc)
            pages = pdf.join(parts, joined)
            stem = safe_name(f"应诉材料_{rec.app.reference}_{bundle.pk}", 60)
            zipped.seek(0)
            bundle.zip_file.save(f"{stem}.zip", File(zipped), save=False)
            joined.seek(0)
            bundle.pdf_file.save(f"{stem}.pdf", File(joined), save=False)
        bundle.index = [{"no": x.no, "name": x.name, "date": x.date.isoformat() if x.date else None,
                         "purpose": x.purpose, "file": x.filename, "pages": x.pages, "evidence": x.evidence}
                        for x in entries]
        bundle.pdf_pages, bundle.status, bundle.error = pages, DefenceBundle.DONE, ""
    except Exception as e:  # recorded on the row; the page offers a new generation
        bundle.status, bundle.error = DefenceBundle.FAILED, (str(e) or type(e).__name__)[:500]
        if not isinstance(e, BundleError):
            import logging

            logging.getLogger("gongkai.remedies").exception("defence bundle failed", extra={"bundle": bundle.pk})
    bundle.seconds = round(time.monotonic() - started, 2)
    bundle.finished_at = law_today.now()
    bundle.save()
    return bundle
