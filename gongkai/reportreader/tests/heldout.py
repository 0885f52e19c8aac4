"""The held-out corpus (data/heldout): real reports transcribed by hand without looking at the parser.

``NAME.expected`` gives ``year:``, ``format:``, ``agency:``, ``complete:``, then ``[proactive]``,
``[applications]``, ``[review_litigation]`` sections of row lines (``row_code v v …``, ``-`` for a
printed blank or a cell not printed in a row that is, ``?`` for a cell the source does not let a
reader determine, e.g. which column a lone number of a collapsed row belongs to), then ``notes:``.
Rows not listed are not printed in the source: the parser must leave them None. ``?`` cells are not
scored (neither right nor wrong) and a value there is not counted as invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.law import report_format as rf
from gongkai.reportreader import ParsedReport, html_to_text, looks_like_html, parse_reports
from gongkai.reportreader.tests.report_fixtures import _value

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
SECTIONS = {f"[{t}]": t for t in rf.TABLES}
UNKNOWABLE = "?"  # a cell the source does not let a reader determine: not scored


@dataclass
class Case:
    name: str
    path: Path
    year: int | None
    format: str
    agency: str | None
    rows: dict[str, dict[str, list[Any]]] = field(default_factory=dict)  # table → row → values
    notes: str = ""


@dataclass
class Comparison:
    listed: int = 0
    right: int = 0
    unknowable: int = 0
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)
    invented: list[tuple[str, Any]] = field(default_factory=list)
    meta_got: tuple = ()
    meta_want: tuple = ()
    report: ParsedReport | None = None

    @property
    def meta_ok(self) -> bool:
        return all(w is None or g == w for g, w in zip(self.meta_got, self.meta_want, strict=True))


def _parse_expected(path: Path, source: Path) -> Case:
    head: dict[str, str] = {}
    rows: dict[str, dict[str, list[Any]]] = {}
    table = None
    notes: list[str] = []
    in_notes = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if in_notes:
            notes.append(raw)
            continue
        if not line:
            continue
        if line in SECTIONS:
            table = SECTIONS[line]
            rows.setdefault(table, {})
            continue
        if line.startswith("notes:"):
            in_notes = True
            notes.append(line[len("notes:"):])
            continue
        if table is None and ":" in line:
            key, _, value = line.partition(":")
            head[key.strip()] = value.split("(")[0].strip() if key.strip() != "complete" else value.strip()
            continue
        if table is not None:
            code, *values = line.split()
            rows[table][code] = [UNKNOWABLE if v == UNKNOWABLE else _value(v) for v in values]
    year = head.get("year", "?")
    agency = head.get("agency", "?")
    return Case(
        name=path.stem,
        path=source,
        year=None if year in ("?", "") else int(year),
        format=head.get("format", "unknown"),
        agency=None if agency in ("?", "") else agency,
        rows=rows,
        notes="\n".join(notes).strip(),
    )


def load_cases(folder: Path = HELDOUT) -> list[Case]:
    cases = []
    for expected in sorted(folder.glob("*.expected")):
        sources = [p for p in folder.glob(expected.stem + ".*") if p.suffix in (".txt", ".html")]
        if sources:
            cases.append(_parse_expected(expected, sources[0]))
    return cases


def parse_case(case: Case) -> list[ParsedReport]:
    text = case.path.read_text(encoding="utf-8")
    if case.path.suffix == ".html" or looks_like_html(text):
        text = html_to_text(text)
    return parse_reports(text, source=case.name)


def _same(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return Decimal(str(got)) == Decimal(str(want))


def compare(case: Case) -> Comparison:
    reports = parse_case(case)
    out = Comparison()
    report = next((r for r in reports if r.parsed), reports[0] if reports else None)
    out.report = report
    out.meta_want = (case.year, case.format)
    out.meta_got = (report.year, report.format) if report else (None, None)
    if case.format not in rf.FORMATS:
        return out
    schema = rf.schema_for(case.format)
    tables = report.tables if report is not None and report.format == case.format else None
    for t in schema.tables:
        listed = case.rows.get(t.code, {})
        for row in t.rows:
            want_row = listed.get(row.code)
            for i, col in enumerate(row.columns):
                cid = rf.cell_id(t.code, row.code, col)
                got = rf.get_cell(tables, cid) if tables else None
                if want_row is None:
                    if got is not None:
                        out.invented.append((cid, got))
                    continue
                want = want_row[i] if i < len(want_row) else None
                if want == UNKNOWABLE:
                    out.unknowable += 1
                    continue
                out.listed += 1
                if _same(got, want):
                    out.right += 1
                else:
                    out.wrong.append((cid, got, want))
    return out
