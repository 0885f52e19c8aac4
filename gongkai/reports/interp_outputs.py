"""The 年报解读's outputs from a stored (or CLI-generated) ``ReportInterpretation``: the standalone HTML
page, the PNG long image and the DOCX (interp_render, interp_image, interp_docx)."""

from __future__ import annotations

from django.utils import timezone

from . import interp_docx, interp_image, interp_render
from .errors import ReportError
from .interpretations import source_of
from .models import ReportInterpretation


def _parts(ri: ReportInterpretation):
    source = source_of(ri)
    if source is None:
        raise ReportError("年度报告已撤销批准，冻结数据不再有效，不能输出解读")
    if ri.past_id:
        note = f"本解读依据{ri.year}年度报告公布的数据（{ri.past.source_note}）生成。"
    else:
        day = timezone.localtime(ri.report.snapshot.frozen_at)
        note = f"本解读依据{ri.year}年度报告批准时冻结的数据生成（冻结于{day.year}年{day.month}月{day.day}日）。"
    return ri.title, source, ri.sections, ri.figures, note


def to_html(ri: ReportInterpretation) -> str:
    title, source, sections, figures, note = _parts(ri)
    return interp_render.document_html(title, source, sections, figures, note=note)


def to_png(ri: ReportInterpretation) -> bytes:
    return interp_image.long_image(to_html(ri))


def to_docx(ri: ReportInterpretation) -> bytes:
    title, source, sections, figures, note = _parts(ri)
    return interp_docx.to_docx(title, source, sections, figures, note=note)
