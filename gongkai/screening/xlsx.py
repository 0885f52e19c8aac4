"""XLSX: hidden and very hidden sheets, hidden rows and columns, cells hidden by the number format
``;;;``, comments, pivot caches, external links, defined names, document properties.

``inspect`` reads the workbook with openpyxl (sheet states, row and column flags, comments, names)
and the package's parts for what openpyxl does not show (pivot caches keep a copy of their source
data, external links the path and cached values of another workbook). ``clean`` writes the copy the
reviewer publishes: hidden sheets deleted, hidden rows and columns deleted, comments, external links,
pivot caches and defined names removed, formulas replaced by their last computed values (a formula
can name a deleted sheet or another file), properties cleared, personal data masked."""

from __future__ import annotations

import io
import posixpath

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongkai.law.privacy import find_personal_data, mask_text

from . import findings as F
from .ooxml import local, property_findings, read_parts, xml

MAX_CELLS = 2_000_000


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows_text(rows) -> str:
    return "\n".join(" ".join(_show(v) for v in row if _show(v)) for row in rows if any(_show(v) for v in row))


def _hidden_rows(ws) -> list[int]:
    return sorted(r for r, d in ws.row_dimensions.items() if d.hidden)


def _hidden_cols(ws) -> list[int]:
    out = set()
    for d in ws.column_dimensions.values():
        if d.hidden and d.min and d.max:
            out.update(range(d.min, min(d.max, 16384) + 1))
    return sorted(out)


def _format_hidden(cell) -> bool:
    """The number format ``;;;`` shows nothing of any value: the cell looks empty and is not."""
    fmt = cell.number_format or ""
    return bool(fmt) and set(fmt) == {";"}


def _sheet_findings(ws, report: F.Report, visible: list[str]) -> None:
    if (ws.max_row or 0) * (ws.max_column or 0) > MAX_CELLS:
        raise ValueError("表格单元格过多")
    name = ws.title
    if ws.sheet_state != "visible":
        kind = F.VERY_HIDDEN_SHEET if ws.sheet_state == "veryHidden" else F.HIDDEN_SHEET
        label = "深度隐藏" if kind == F.VERY_HIDDEN_SHEET else "隐藏"
        report.add(kind, f"工作表“{name}”（{label}）", _rows_text(ws.iter_rows(values_only=True)) or "（空表）")
    else:
        rows, cols = set(_hidden_rows(ws)), set(_hidden_cols(ws))
        for r in sorted(rows):
            text = _rows_text([[c.value for c in ws[r]]]) if r <= ws.max_row else ""
            report.add(F.HIDDEN_ROW, f"工作表“{name}”隐藏第{r}行", text or "（空行）")
        for c in sorted(cols):
            values = [ws.cell(row=r, column=c).value for r in range(1, ws.max_row + 1)] if c <= ws.max_column else []
            report.add(F.HIDDEN_COLUMN, f"工作表“{name}”隐藏第{get_column_letter(c)}列",
                       _rows_text([[v] for v in values]) or "（空列）")
        for row in ws.iter_rows():
            cells = [c for c in row if c.row not in rows and c.column not in cols and not _format_hidden(c)]
            line = " ".join(_show(c.value) for c in cells if _show(c.value) and c.data_type != "f")
            if line:
                visible.append(line)
    for row in ws.iter_rows():
        for cell in row:
            if ws.sheet_state == "visible" and _format_hidden(cell) and _show(cell.value):
                report.add(F.HIDDEN_TEXT, f"工作表“{name}”单元格{cell.coordinate} 数字格式隐藏", _show(cell.value))
            if cell.comment is not None:
                author = cell.comment.author or ""
                report.add(F.COMMENT, f"工作表“{name}”单元格{cell.coordinate} 批注" + (f"（作者：{author}）" if author else ""),
                           cell.comment.text or "")
    for dname, dn in ws.defined_names.items():
        report.add(F.DEFINED_NAME, f"工作表“{name}”定义的名称：{dname}", dn.attr_text or "", severity=F.LOW)


def _part_findings(parts: dict[str, bytes], report: F.Report) -> None:
    for name in sorted(parts):
        base = posixpath.basename(name)
        if name.startswith("xl/pivotCache/") and name.endswith(".xml"):
            root = xml(parts[name])
            values = [el.get("v") for el in root.iter() if el.get("v") is not None]
            values += [el.get("name") for el in root.iter() if local(el.tag) == "cacheField" and el.get("name")]
            report.add(F.PIVOT_CACHE, f"数据透视表缓存（{_ordinal(base)}）", " ".join(values) or "（缓存）")
        elif name.startswith("xl/externalLinks/") and name.endswith(".xml") and "/_rels/" not in name:
            rels = parts.get(f"xl/externalLinks/_rels/{base}.rels")
            target = ""
            if rels:
                target = " ".join(r.get("Target", "") for r in xml(rels))
            root = xml(parts[name])
            cached = " ".join(el.text or "" for el in root.iter() if local(el.tag) == "v")
            report.add(F.EXTERNAL_LINK, f"外部链接：{target[:100] or base}", f"{target} {cached}".strip(), severity=F.MEDIUM)


def _ordinal(part: str) -> str:
    """pivotCacheRecords2.xml → 第2个缓存的记录."""
    digits = "".join(ch for ch in part if ch.isdigit()) or "1"
    return f"第{digits}个缓存的{'记录' if 'Records' in part else '定义'}"


def inspect(data: bytes) -> F.Report:
    parts = read_parts(data)
    report = F.Report(masks_visible=True)
    wb = load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=True)
    visible: list[str] = []
    for ws in wb.worksheets:
        _sheet_findings(ws, report, visible)
    for cs in wb.chartsheets:
        if cs.sheet_state != "visible":
            report.add(F.HIDDEN_SHEET, f"图表工作表“{cs.title}”（隐藏）", "（图表）")
    for dname, dn in wb.defined_names.items():
        if dname.startswith("_xlnm."):
            continue
        report.add(F.DEFINED_NAME, f"定义的名称：{dname}", dn.attr_text or "", severity=F.LOW)
    _part_findings(parts, report)
    property_findings(parts, report)
    report.visible_text = "\n".join(visible)
    return report


def _mask_value(value):
    if isinstance(value, str):
        return mask_text(value) if find_personal_data(value) else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = _show(value)
        return mask_text(shown) if find_personal_data(shown) else value
    return value


def _delete_hidden_lines(ws) -> None:
    for r in reversed(_hidden_rows(ws)):
        ws.delete_rows(r)
    for c in reversed(_hidden_cols(ws)):
        ws.delete_cols(c)
    # delete_rows/cols move cells, not the row and column flags: no row or column stays hidden.
    for d in ws.row_dimensions.values():
        d.hidden = False
    for d in ws.column_dimensions.values():
        d.hidden = False


def clean(data: bytes) -> bytes:
    wb = load_workbook(io.BytesIO(data), keep_links=False)
    computed = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    for sheet in list(wb.worksheets) + list(wb.chartsheets):
        if sheet.sheet_state != "visible":
            wb.remove(sheet)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    wb.active = 0
    for ws in wb.worksheets:
        ws._pivots = []
        ws.defined_names.clear()
        values = computed[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.value = values[cell.coordinate].value
                cell.comment = None
                if _format_hidden(cell):
                    cell.value, cell.number_format = None, "General"
                cell.value = _mask_value(cell.value)
        _delete_hidden_lines(ws)
    wb.defined_names.clear()
    for attr in ("creator", "lastModifiedBy", "title", "subject", "keywords", "description", "category",
                 "contentStatus", "identifier"):
        setattr(wb.properties, attr, None)
    wb.custom_doc_props.props = []
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
