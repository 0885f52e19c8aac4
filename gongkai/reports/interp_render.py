"""HTML of the 年报解读 (issue 17 item 1): the article body shared by the public page, the standalone
page (``annual_report --format interpretation``) and the long image (interp_image.py renders the
narrow page with WeasyPrint). Headings per section, key figures with their change against last year,
each chart a ``<figure>`` with its numbers as a table."""

from __future__ import annotations

from django.utils.html import escape

from .interp_charts import charts, figure_html
from .interp_check import segments
from .interp_text import YOY_SUFFIX, Source, expected, headline_labels


def key_figures(source: Source, figures: dict) -> list[dict]:
    """The headline figures: label, value, unit and the change against last year."""
    values = expected(source, figures)
    out = []
    for label in headline_labels(figures):
        out.append({"label": label, "value": values.get(label) or "—", "unit": figures[label].get("unit", ""),
                    "change": values.get(label + YOY_SUFFIX) or ""})
    return out


def paragraphs_html(text: str, wrong: set[str] | None = None) -> str:
    """Paragraphs with every figure as ``<strong class="fig">``; a flagged figure is ``<mark>``."""
    out = []
    for para in (text or "").split("\n\n"):
        if not para.strip():
            continue
        parts = []
        for kind, value, label in segments(para.strip()):
            if kind == "text":
                parts.append(escape(value).replace("\n", "<br>"))
            elif wrong and label in wrong:
                parts.append(f'<mark class="fig-wrong" title="与冻结数据不符">{escape(value)}</mark>')
            else:
                parts.append(f'<strong class="fig" data-figure="{escape(label)}">{escape(value)}</strong>')
        out.append(f"<p>{''.join(parts)}</p>")
    return "".join(out)


def body_html(source: Source, sections: list[dict], figures: dict, *, prefix: str = "ic",
              wrong: set[str] | None = None, heading_level: int = 2) -> str:
    """The article: key figures, then each section with its paragraphs and charts."""
    h = f"h{heading_level}"
    cards = "".join(
        f'<li><span class="kf-label">{escape(k["label"])}</span> <span class="kf-value">{escape(k["value"])}'
        f'<span class="kf-unit">{escape(k["unit"])}</span></span>'
        + (f' <span class="kf-change">{escape(k["change"])}</span>' if k["change"] else "") + "</li>"
        for k in key_figures(source, figures))
    prev = (source.previous or {}).get("label")
    basis = f"同比数据对照{escape(prev)}。" if prev else "无上年数据可比。"
    out = [f'<section class="interp-key" aria-labelledby="{prefix}-key"><{h} id="{prefix}-key">关键数据</{h}>'
           f'<ul class="key-figures">{cards}</ul><p class="small muted">{basis}</p></section>']
    by_section: dict[str, list] = {}
    for chart in charts(source):
        by_section.setdefault(chart.section, []).append(chart)
    for i, section in enumerate(sections):
        sid = f"{prefix}-s{i}"
        out.append(f'<section class="interp-section" aria-labelledby="{sid}"><{h} id="{sid}">'
                   f'{escape(section["title"])}</{h}>{paragraphs_html(section["text"], wrong)}')
        for chart in by_section.get(section["key"], []):
            out.append(figure_html(chart, prefix))
        out.append("</section>")
    return "".join(out)


PAGE_CSS = (
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;color:#1a1a1a;margin:0;line-height:1.75}"
    "main{max-width:750px;margin:0 auto;padding:24px}h1{font-size:26px;color:#a4161a;text-align:center}"
    "h2{font-size:20px;border-left:6px solid #a4161a;padding-left:10px;margin-top:28px}"
    "p{font-size:16px;text-indent:2em}.fig{color:#a4161a;font-size:1.1em}"
    ".key-figures{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}"
    ".key-figures li{border:1px solid #a4161a;border-radius:6px;padding:8px 10px;width:200px}"
    ".kf-label{display:block;font-size:14px}.kf-value{font-size:24px;font-weight:700;color:#a4161a}"
    ".kf-unit{font-size:14px;margin-left:2px}.kf-change{display:block;font-size:13px}"
    "figure{margin:16px 0;break-inside:avoid}svg{max-width:100%;height:auto}"
    "figcaption{font-weight:700;font-size:14px}table{border-collapse:collapse;font-size:14px;margin:6px 0}"
    "th,td{border:1px solid #555;padding:2px 8px}caption{text-align:left;font-size:13px}"
    ".small{font-size:13px}.muted{color:#444}.source{font-size:13px;color:#444;text-indent:0}"
)


def document_html(title: str, source: Source, sections: list[dict], figures: dict, *, note: str = "") -> str:
    """A standalone page (CLI output; the long image is drawn from it): inline style, no resource."""
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head><body><main>"
            f"<h1>{escape(title)}</h1>{body_html(source, sections, figures, prefix='d')}"
            + (f'<p class="source">{escape(note)}</p>' if note else "") + "</main></body></html>")
