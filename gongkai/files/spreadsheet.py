"""Every XLSX the product writes is saved by ``xlsx_bytes``.

Applicant and staff text that starts with ``= + - @`` (or a tab or carriage return) would be read by
a spreadsheet as a formula (openpyxl itself stores a string starting with "=" as one). Such cells are
written as text: data type string plus Excel's quote-prefix style, the same as typing a leading ' in
Excel. The text itself is unchanged, so what the XLSX import of the standard catalogue reads back is
what was exported. The product writes no formulas of its own.
"""

from __future__ import annotations

import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_cell(cell) -> None:
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def neutralise(wb) -> None:
    """Make every cell of ``wb`` that could be taken for a formula plain text."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                neutralise_cell(cell)


def xlsx_bytes(wb) -> bytes:
    """The workbook as XLSX bytes, with formula-like text neutralised."""
    neutralise(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
