"""What the reader returns: :class:`ParsedReport` per report found, with its :class:`ParseIssue` and
:class:`LabelIssue` list, and the format and kind constants beyond those of the statutory schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.law import report_format as rf

FORMAT_PRE_2019 = "pre_2019"
FORMAT_UNKNOWN = "unknown"
KIND_REPORT = "report"
KIND_INTERPRETATION = "interpretation"


@dataclass
class ParseIssue:
    """Something the parser could not read as printed: ``rule`` is ``incomplete_table`` or
    ``label_mismatch``; ``message`` is plain Chinese; ``cells`` the cell ids involved."""

    rule: str
    table: str
    message: str
    cells: list[str] = field(default_factory=list)


@dataclass
class LabelIssue:
    """A row or column label that is not the standard one (``how``: variant, fuzzy, missing, unknown)."""

    table: str
    code: str | None
    found: str
    expected: str
    how: str


@dataclass
class ParsedReport:
    """One report found in the input.

    ``tables`` has the shape of :func:`report_format.empty_tables` (None for every cell not found;
    None altogether for pre-2019 and unknown formats). ``located`` is the set of cell ids found in the
    text (with a value or as an explicit blank). ``completeness`` per table: ``present``, ``cells``
    (located), ``expected``. ``aggregates`` holds rows printed in a non-standard shape (a 2021-format
    table printing （六）其他处理 as one row: ``{"applications.other_processing": {col: value}}``).
    ``narrative`` is the text outside the tables (for text_vs_table). A report read from a scan has
    ``read_by_ocr`` and, in ``ocr_cells``, each located cell's OCR confidence (0–100; None for a blank
    cell), set by the auditor's OCR (``gongkai.auditor.ocr.mark_reports``).
    """

    source: str = ""
    index: int = 0
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    format: str = FORMAT_UNKNOWN
    kind: str = KIND_REPORT
    labels_format: str | None = None
    published_on: date | None = None
    tables: dict[str, dict[str, dict[str, Any]]] | None = None
    located: set[str] = field(default_factory=set)
    regions: dict[str, bool] = field(default_factory=dict)
    completeness: dict[str, dict[str, Any]] = field(default_factory=dict)
    label_issues: list[LabelIssue] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    aggregates: dict[str, dict[str, Any]] = field(default_factory=dict)
    narrative: str = ""
    first_line: int = 0
    last_line: int = 0
    read_by_ocr: bool = False
    ocr_cells: dict[str, float | None] = field(default_factory=dict)

    @property
    def parsed(self) -> bool:
        """Whether tables were parsed (2021 or trial format)."""
        return self.format in rf.FORMATS

