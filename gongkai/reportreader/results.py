"""The JSON-ready results of the audit (:func:`audit`): one dict per report found::

    {"agency": ..., "year": 2024, "format": "2021"|"2019_trial"|"pre_2019"|"unknown",
     "tables": {...} | None, "completeness": {table: {"present", "cells", "expected"}},
     "findings": [{"rule", "severity", "message", "cells"}], "published_on": "YYYY-MM-DD" | None,
     "source": ..., ...}

and ``unreadable`` / ``unrecognised`` for input that yields no report (:func:`unreadable_result`,
:func:`unrecognised_result`), and the one-line summary of a result (:func:`summary_row`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.law import report_format as rf
from gongkai.law.reconciliation import ERROR, WARNING, Finding
from gongkai.reportreader.checks import audit_report, previous_report
from gongkai.reportreader.metadata import organ_kind
from gongkai.reportreader.model import FORMAT_PRE_2019, FORMAT_UNKNOWN, ParsedReport
from gongkai.reportreader.narrative import narrative_figures

UNREADABLE = "unreadable"
UNRECOGNISED = "unrecognised"
# Confidence (0–100) of the OCR engine below which a cell read from a scan is uncertain.
UNCERTAIN_BELOW = 60.0
UNCERTAIN_NOTE = "（识别存疑，请核对原件）"


def jsonable(value: Any) -> Any:
    """Decimal → int or float, dates → ISO strings, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def uncertain_cells(report: ParsedReport) -> set[str]:
    """Cells read by OCR below :data:`UNCERTAIN_BELOW` (a blank with ink in it counts as 0), and its
    blank cells: an engine that missed a number leaves a blank, so a blank read by OCR proves nothing."""
    return {c for c, conf in report.ocr_cells.items() if conf is None or conf < UNCERTAIN_BELOW}


def soften_uncertain(findings: Sequence[Finding], uncertain: set[str]) -> list[Finding]:
    """No error rests on a cell the OCR engine was unsure of: such a finding becomes a warning that
    says so (识别存疑，请核对原件)."""
    out = []
    for f in findings:
        if f.severity == ERROR and uncertain.intersection(f.cells):
            f = Finding(f.rule, WARNING, f.message + UNCERTAIN_NOTE, f.cells)
        out.append(f)
    return out


def _ocr_dict(report: ParsedReport) -> dict[str, Any]:
    uncertain = uncertain_cells(report)
    return {c: {"ocr": True, "confidence": round(conf, 1) if conf is not None else None,
                "uncertain": c in uncertain} for c, conf in report.ocr_cells.items()}


def report_dict(report: ParsedReport, findings: Sequence[Finding]) -> dict[str, Any]:
    kind = organ_kind(report.agency)
    deadline = (
        rf.publication_deadline(report.year, kind).isoformat()
        if report.year is not None and report.format != FORMAT_PRE_2019
        else None
    )
    return {
        "source": report.source,
        "index": report.index,
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "kind": report.kind,
        "title": report.title,
        "organ_kind": kind,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "deadline": deadline,
        "tables": jsonable(report.tables) if report.tables is not None else None,
        "completeness": jsonable(report.completeness),
        "aggregates": jsonable(report.aggregates),
        "narrative_figures": [
            {"key": f.key, "value": f.value, "percent": f.percent, "text": f.text}
            for f in narrative_figures(report.narrative)
        ]
        if report.format != FORMAT_PRE_2019
        else [],
        "findings": [f.to_dict() for f in findings],
        "read_by": "ocr" if report.read_by_ocr else "text",
        "ocr_cells": _ocr_dict(report),
    }


def _empty_result(source: str, rule_id: str, message: str) -> dict[str, Any]:
    return {
        "source": source,
        "index": 0,
        "agency": None,
        "year": None,
        "format": FORMAT_UNKNOWN,
        "kind": None,
        "title": None,
        "organ_kind": None,
        "published_on": None,
        "deadline": None,
        "tables": None,
        "completeness": {},
        "aggregates": {},
        "narrative_figures": [],
        "findings": [Finding(rule_id, WARNING, message, []).to_dict()],
        "read_by": "text",
        "ocr_cells": {},
    }


def unreadable_result(source: str, reason: str) -> dict[str, Any]:
    """The result for input that could not be read at all (missing file, binary, wrong encoding)."""
    # The page and the CLI print the rule's name (无法读取) before the message: the reason alone.
    return _empty_result(source, UNREADABLE, reason)


def unrecognised_result(source: str) -> dict[str, Any]:
    """The result for readable input in which no annual report was recognised."""
    return _empty_result(
        source,
        UNRECOGNISED,
        "未识别出政府信息公开工作年度报告：没有找到报告标题（如“2024年政府信息公开工作年度报告”）、"
        "“一、总体情况”或规定的统计表格",
    )


def audit(reports: Sequence[ParsedReport]) -> list[dict[str, Any]]:
    """One JSON-ready dict per report; ``cross_year`` uses the batch's previous-year reports."""
    out = []
    for report in reports:
        previous = previous_report(report, reports)
        findings = audit_report(report, previous=previous)
        uncertain = uncertain_cells(report) | (uncertain_cells(previous) if previous is not None else set())
        out.append(report_dict(report, soften_uncertain(findings, uncertain)))
    return out


def summary_row(result: Mapping[str, Any]) -> dict[str, Any]:
    """The one-line summary of a result (CSV and the summary table of the web page)."""
    findings = result.get("findings") or []
    rules: list[str] = []
    for f in findings:
        if f["rule"] not in rules:
            rules.append(f["rule"])
    return {
        "source": result.get("source") or "",
        "agency": result.get("agency") or "",
        "year": result.get("year") if result.get("year") is not None else "",
        "format": result.get("format") or "",
        "errors": sum(1 for f in findings if f["severity"] == ERROR),
        "warnings": sum(1 for f in findings if f["severity"] == WARNING),
        "rules": " ".join(rules),
    }

