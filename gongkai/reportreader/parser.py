"""The reader's entry points: :func:`parse_reports` (text) and :func:`parse_html`, which cut the text
into reports and read each one's metadata and tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from gongkai.law import report_format as rf
from gongkai.law.report_format import TABLE_REVIEW_LITIGATION
from gongkai.reportreader.chrome import drop_page_chrome
from gongkai.reportreader.htmltext import html_to_text
from gongkai.reportreader.layout import table_lines, undouble, unflatten
from gongkai.reportreader.metadata import OLD_STYLE, agency_of, choose_format, date_of, labels_format, year_of
from gongkai.reportreader.model import FORMAT_PRE_2019, KIND_INTERPRETATION, KIND_REPORT, ParsedReport
from gongkai.reportreader.normalise import clean_line, compact, normalize_text
from gongkai.reportreader.segments import (
    TABLE_SIGNS,
    Chunk,
    merge_stats_pages,
    report_segments,
    split_reports,
    table_regions,
)
from gongkai.reportreader.tables import header_label_issues, parse_review_table, parse_rows_table

TRAILING_NUMBER = re.compile(r"[+\-]?\d[\d,]*(?:\.\d*)?(?:万元|元)?$")
TRAILING_WINDOW = 64  # a cell's number is far shorter; searching only the tail keeps a digit run linear


def parse_reports(text: str, *, source: str = "") -> list[ParsedReport]:
    """Every report found in ``text`` (an empty list when none is recognisable).

    Several reports in one text (pasted one after the other, or many years of one agency) are cut
    apart first, and each is then read on its own: one report's spacing, flattened lines or
    truncation must not change how the next one is read.

    Never raises on odd input: anything unreadable becomes an issue of the report or no report.
    """
    raw = normalize_text(text or "")
    raw_lines = drop_page_chrome([clean_line(line) for line in raw.split("\n")])
    cut = bool(raw) and not raw[-1].isspace()  # the text may stop in the middle of a number
    segments = report_segments(raw_lines)
    reports: list[ParsedReport] = []
    for n, (lo, hi) in enumerate(segments):
        found = _parse_text(raw_lines[lo:hi], source, len(reports), cut and n == len(segments) - 1)
        for report in found:
            report.first_line += lo
            report.last_line += lo
        reports.extend(found)
    return reports


def _parse_text(raw_lines: list[str], source: str, first_index: int, cut: bool) -> list[ParsedReport]:
    """The reports of one segment of the text (normally one)."""
    raw_lines = list(raw_lines)
    while raw_lines and not raw_lines[-1].strip():
        raw_lines.pop()  # blank lines at the end are no cells: only the gap before the next report
    lines = unflatten(undouble(raw_lines))
    chunks = split_reports(lines)
    if not chunks and any(sign in compact("\n".join(lines)) for sign in TABLE_SIGNS):
        chunks = [Chunk(0, len(lines))]
    chunks = merge_stats_pages(chunks, lines)
    last_line = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    return [
        _parse_chunk(lines, chunk, source, first_index + n, last_line, cut, first=n == 0)
        for n, chunk in enumerate(chunks)
    ]


def _parse_chunk(
    lines: Sequence[str], chunk: Chunk, source: str, index: int, last_line: int, cut: bool = False,
    first: bool = False,
) -> ParsedReport:
    text = "\n".join(lines[chunk.start : chunk.end])
    year, published, agency = _dated_agency(lines, chunk, text, first)
    regions = table_regions(lines, chunk.start, chunk.end)
    table_text = "\n".join("\n".join(lines[lo:hi]) for lo, hi in regions.values()) if regions else ""
    labels = labels_format(table_text) if regions else None
    old_style = bool(OLD_STYLE.search(compact(text))) and not regions
    fmt = choose_format(year, labels, bool(regions), old_style, chunk.interpretation)
    report = ParsedReport(
        source=source,
        index=index,
        title=chunk.title,
        agency=agency,
        year=year,
        format=fmt,
        kind=KIND_INTERPRETATION if chunk.interpretation else KIND_REPORT,
        labels_format=labels if regions else (FORMAT_PRE_2019 if old_style else None),
        published_on=published,
        first_line=chunk.start,
        last_line=chunk.end - 1,
    )
    inside = set()
    for lo, hi in regions.values():
        inside.update(range(lo, hi))
    report.narrative = "\n".join(lines[i] for i in range(chunk.start, chunk.end) if i not in inside)
    if fmt not in rf.FORMATS:
        return report
    if cut and any(lo <= last_line < hi for lo, hi in regions.values()):
        lines, last_line = _cut_last_number(lines, chunk, last_line)
    _read_tables(report, rf.schema_for(fmt), lines, regions, last_line)
    return report


def _dated_agency(
    lines: Sequence[str], chunk: Chunk, text: str, first: bool
) -> tuple[int | None, date | None, str | None]:
    """The year, publication date and agency of a report."""
    head = "\n".join(lines[chunk.start : min(chunk.end, chunk.start + 12)])
    # The lines above the first section of a text's (or a cut-apart part's) first report belong to
    # no other report: an opening sentence ("2024年,我局坚持…") or a title without its year.
    before = "\n".join(lines[max(0, chunk.start - 6) : chunk.start]) if first else ""
    year = chunk.title_year or year_of(text, head) or (year_of(before, before) if before else None)
    published, date_line = date_of(lines, chunk.start, chunk.end, year)
    agency = agency_of(chunk.title_agency, chunk.start, lines, text, date_line)
    above = agency_of(None, 0, [], before, None) if before else None
    if above and (agency is None or (above.endswith(agency) and len(above) > len(agency))):
        agency = above  # "湘桥区教育局" in the title above, "区教育局" in the text
    return year, published, agency


def _cut_last_number(lines: Sequence[str], chunk: Chunk, last_line: int) -> tuple[list[str], int]:
    """The text stops inside a table: its last number may have lost digits ("12" → "1"), so it is
    dropped; returns the lines and the last line that still holds something."""
    lines = list(lines)
    line = lines[last_line]
    head, tail = line[:-TRAILING_WINDOW], line[-TRAILING_WINDOW:]
    lines[last_line] = head + TRAILING_NUMBER.sub("", tail)
    # The text still ends there: a run on the last line left is cut off too (its row is filled
    # from the left, never spread to 总计).
    while last_line > chunk.start and not lines[last_line].strip(" |\t"):
        last_line -= 1
    return lines, last_line


def _read_tables(
    report: ParsedReport, schema: rf.ReportSchema, lines: Sequence[str], regions: dict[str, tuple[int, int]],
    last_line: int,
) -> None:
    """Tables 二, 三 and 四 of the report's format read from their regions, with their completeness."""
    report.tables = schema.empty_tables()
    for t in schema.tables:
        report.regions[t.code] = t.code in regions
        if t.code not in regions:
            continue
        lo, hi = regions[t.code]
        tlines = table_lines(lines, lo, hi, t.code)
        if t.code == TABLE_REVIEW_LITIGATION:
            result = parse_review_table(t, tlines, last_line)
        else:
            result = parse_rows_table(t, tlines, last_line)
        report.tables[t.code] = result.values
        report.located |= result.located
        report.issues.extend(result.issues)
        report.label_issues.extend(result.label_issues)
        report.label_issues.extend(header_label_issues(t, tlines))
        report.aggregates.update(result.aggregates)
    for t in schema.tables:
        ids = t.cell_ids()
        found = sum(1 for i in ids if i in report.located)
        report.completeness[t.code] = {"present": found > 0, "cells": found, "expected": len(ids)}


def parse_html(html: str, *, source: str = "") -> list[ParsedReport]:
    """:func:`parse_reports` on an HTML page."""
    return parse_reports(html_to_text(html), source=source)
