"""The report tables computed from records — never typed (domain.md 5.3, 5.5, 5.7).

Table 三 (applications), counting conventions of domain 5.7 (project convention; configurable):

- the unit is the application; Art. 41 record-correction cases are not counted; applications never
  received (no Art. 31 receipt date: pending, or routed before receipt) are not counted;
- ``一`` (new): received in Y (``received_on``, the original receipt date);
- ``三`` (outcome rows): concluded in Y (``concluded_on``: the answer letter or closure date), in the
  row of its one leaf outcome; in the 2019 trial format the three （六） leaves 6.1/6.2/6.3 all count
  in the single row ``other_processing`` (aggregate code ``6``, domain 5.9);
- ``四`` (carried out): received by 31 December and not concluded by the end of that day; the same
  applications are ``二`` (carried in) of Y+1;
- the column is the applicant type recorded at intake (``natural_person`` or the organisation type;
  an organisation without a type counts under 其他).

All four rows come from **one** aggregate query (``GROUP BY applicant_kind, org_type, outcome``
with conditional counts) over the rows that can matter for Y; the records behind a cell are selected
with the same bases and filters (``records.py``: lazily per cell, or at approval with one ordered query).

Table 四 (reconsideration and litigation, domain 5.5): cases concluded in Y count by their result;
cases filed by 31 December and still pending at the end of that day count as 尚未审结.

Table 二（一）(policy library, domain 5.3; project convention): published documents of type 规章 or
行政规范性文件 whose publisher (for joint documents, the lead organ) is the organ.
2021 format: 本年制发 = 成文日期 in Y; 本年废止 = validity became 已废止/已失效 in Y; 现行有效 = signed
by 31 December and in force on 31 December (validity 有效/已修改, or repealed/expired only after that
day). 2019 trial format: 本年新制作 = 成文日期 in Y; 本年新公开 = published in Y; 对外公开总数量 = published
by 31 December. Every other cell of table 二 is a recorded manual figure (:class:`ManualFigure`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.applications.models import ApplicantKind, Application, CaseType
from gongkai.law import outcomes
from gongkai.law import report_format as rf
from gongkai.law.reconciliation import Finding
from gongkai.publishing.models import DocStatus, DocType, Document, Validity
from gongkai.remedies.models import RemedyCase

APPLICATION_ROWS_COUNTED = ("new", "carried_in", "carried_out")
COMPUTED_PROACTIVE_ROWS = ("rules", "normative_documents")
DOC_TYPES = {"rules": DocType.RULE, "normative_documents": DocType.NORMATIVE}
REVIEW_ROW = {RemedyCase.RECONSIDERATION: "review"}

KIND_COMPUTED = "computed"
KIND_MANUAL = "manual"
KIND_ADJUSTED = "adjusted"


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------


def is_manual(fmt: str, cell: str) -> bool:
    """Cells of table 二 that come from other systems: entered with a source note, never computed."""
    table, row, _column = rf.parse_cell_id(cell)
    return table == rf.TABLE_PROACTIVE and row not in COMPUTED_PROACTIVE_ROWS


def manual_cells(fmt: str) -> list[str]:
    return list(_manual_cells(fmt))


@cache
def _manual_cells(fmt: str) -> tuple[str, ...]:
    return tuple(c for c in rf.schema_for(fmt).proactive.cell_ids() if is_manual(fmt, c))


def column_of(applicant_kind: str, org_type: str) -> str:
    """The table 三 column of an application (domain 5.4, 5.7)."""
    if applicant_kind == ApplicantKind.NATURAL_PERSON:
        return "natural_person"
    return org_type if org_type in rf.APPLICANT_COLUMNS[1:] else "other_org"


def outcome_row(code: str, fmt: str) -> str | None:
    """The table 三 row of a leaf outcome code in a format (trial: 6.x → other_processing)."""
    if not code:
        return None
    if fmt == rf.FORMAT_2019 and code.split(".")[0] == "6":
        return "other_processing"
    if code == "6":  # aggregate code of imported trial-format data
        return "other_processing" if fmt == rf.FORMAT_2019 else None
    try:
        return outcomes.by_code(code).key
    except KeyError:
        return None


def row_outcome_codes(row: str, fmt: str) -> list[str]:
    """The leaf outcome codes counted in a table 三 row."""
    if row == "other_processing":
        return [o.code for o in outcomes.LEAVES if o.group == "6"]
    try:
        return [outcomes.by_key(row).code]
    except KeyError:
        return []


def period(year: int) -> tuple[dt.date, dt.date]:
    return rf.report_period(year)


def aware_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    return (dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz))


# ---------------------------------------------------------------------------------------------
# Values in JSON
# ---------------------------------------------------------------------------------------------


def to_json_value(value: Any) -> Any:
    """Decimal → int when whole, else float with 2 places; ints and None unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value.quantize(Decimal("0.01")))
    return value


def dump_tables(tables: Mapping[str, Any]) -> dict:
    return {t: {r: {c: to_json_value(v) for c, v in cols.items()} for r, cols in rows.items()}
            for t, rows in (tables or {}).items()}


def coerce(value: Any, column: rf.Column) -> Any:
    """A stored or entered value as the schema wants it: int for counts, Decimal(2) for amounts."""
    if value is None or value == "":
        return None
    if column.kind == rf.KIND_AMOUNT:
        return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if isinstance(value, Decimal | float):
        return int(value) if value == int(value) else value
    return value


def load_tables(data: Mapping[str, Any] | None, fmt: str) -> dict:
    """Tables from JSON (``dump_tables`` / the documented schema) with amounts back as Decimal."""
    schema = rf.schema_for(fmt)
    tables = schema.empty_tables()
    for t in schema.tables:
        for r in t.rows:
            for c in r.columns:
                v = rf.get_cell(data, rf.cell_id(t.code, r.code, c))
                tables[t.code][r.code][c] = coerce(v, t.column(c)) if isinstance(v, int | float | Decimal) else v
    return tables


def sum_tables(many: Iterable[Mapping], fmt: str) -> dict:
    """Cell-wise sum of several tables (one pass over nested dicts; roll-ups over many organs).
    A cell that is None in every member stays None; values that are not numbers are skipped."""
    out = rf.empty_tables(fmt)
    for tables in many:
        for t, rows in out.items():
            src_rows = tables.get(t) or {}
            for r, cols in rows.items():
                src = src_rows.get(r) or {}
                for c, current in cols.items():
                    v = src.get(c)
                    if v is None or isinstance(v, bool) or not isinstance(v, int | float | Decimal):
                        continue
                    cols[c] = v if current is None else current + v
    return out


# ---------------------------------------------------------------------------------------------
# Table 三
# ---------------------------------------------------------------------------------------------


def application_base(agency_ids: Iterable[int], year: int):
    """Applications that can count in year Y: received by 31 Dec and not concluded before 1 Jan."""
    start, end = period(year)
    return (
        Application.objects.filter(agency_id__in=list(agency_ids), received_on__isnull=False, received_on__lte=end)
        .exclude(case_type=CaseType.RECORD_CORRECTION)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
    )


def _empty_counts(t: rf.TableSchema) -> dict:
    return {r.code: dict.fromkeys(r.columns, 0) for r in t.rows}


def _finish_applications(table: dict, t: rf.TableSchema) -> dict:
    leaves = [r.code for r in t.leaf_rows]
    for col in t.columns:
        if col.code == rf.TOTAL:
            continue
        table["processed_total"][col.code] = sum(table[r][col.code] for r in leaves)
    for r in t.rows:
        table[r.code][rf.TOTAL] = sum(table[r.code][c] for c in rf.APPLICANT_COLUMNS)
    return table


def compute_applications(agency_ids: Iterable[int], year: int, fmt: str, *, by_agency: bool = False):
    """Table 三 with one GROUP BY query. Returns ``(table, unclassified)`` — or, with ``by_agency``,
    ``({agency_id: table}, {agency_id: unclassified})`` where ``unclassified`` counts applications
    concluded in Y without an outcome code (they break R1 and are reported)."""
    start, end = period(year)
    t = rf.schema_for(fmt).applications
    keys = ["applicant_kind", "org_type", "outcome"] + (["agency_id"] if by_agency else [])
    rows = (
        application_base(agency_ids, year)
        .values(*keys)
        .annotate(
            n_new=Count("id", filter=Q(received_on__gte=start)),
            n_in=Count("id", filter=Q(received_on__lt=start)),
            n_done=Count("id", filter=Q(concluded_on__lte=end)),
            n_out=Count("id", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        )
        .order_by()
        .values_list(*keys, "n_new", "n_in", "n_done", "n_out")
    )
    tables: dict[int | None, dict] = {}
    unclassified: dict[int | None, int] = defaultdict(int)
    columns: dict[tuple[str, str], str] = {}
    targets: dict[str, str | None] = {}
    for row in rows.iterator(chunk_size=10000):
        if by_agency:
            kind, org, code, key, n_new, n_in, n_done, n_out = row
        else:
            kind, org, code, n_new, n_in, n_done, n_out = row
            key = None
        table = tables.get(key)
        if table is None:
            table = tables[key] = _empty_counts(t)
        col = columns.get((kind, org))
        if col is None:
            col = columns[(kind, org)] = column_of(kind, org)
        table["new"][col] += n_new
        table["carried_in"][col] += n_in
        table["carried_out"][col] += n_out
        if n_done:
            if code not in targets:
                target = outcome_row(code, fmt)
                targets[code] = target if target in table else None
            target = targets[code]
            if target is None:
                unclassified[key] += n_done
            else:
                table[target][col] += n_done
    if by_agency:
        return ({k: _finish_applications(v, t) for k, v in tables.items()}, dict(unclassified))
    return _finish_applications(tables.get(None) or _empty_counts(t), t), unclassified.get(None, 0)


def application_cell_filter(row: str, column: str, year: int, fmt: str) -> Q:
    """The filter selecting the applications behind one table 三 cell (on :func:`application_base`)."""
    start, end = period(year)
    if row == "new":
        q = Q(received_on__gte=start)
    elif row == "carried_in":
        q = Q(received_on__lt=start)
    elif row == "carried_out":
        q = Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
    elif row == "processed_total":
        q = Q(concluded_on__lte=end) & ~Q(outcome="")
    else:
        codes = row_outcome_codes(row, fmt)
        q = Q(concluded_on__lte=end, outcome__in=codes)
    if column == rf.TOTAL:
        return q
    if column == "natural_person":
        return q & Q(applicant_kind=ApplicantKind.NATURAL_PERSON)
    if column == "other_org":
        known = [c for c in rf.APPLICANT_COLUMNS[1:] if c != "other_org"]
        return q & ~Q(applicant_kind=ApplicantKind.NATURAL_PERSON) & ~Q(org_type__in=known)
    return q & ~Q(applicant_kind=ApplicantKind.NATURAL_PERSON) & Q(org_type=column)


# ---------------------------------------------------------------------------------------------
# Table 四
# ---------------------------------------------------------------------------------------------


def remedy_row(kind: str, path: str) -> str:
    if kind == RemedyCase.RECONSIDERATION:
        return "review"
    return "suit_direct" if path == RemedyCase.DIRECT else "suit_after_review"


def remedy_base(agency_ids: Iterable[int], year: int):
    start, end = period(year)
    return RemedyCase.objects.filter(agency_id__in=list(agency_ids), filed_on__lte=end).filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    )


def compute_review(agency_ids: Iterable[int], year: int, fmt: str, *, by_agency: bool = False):
    """Table 四: concluded in Y by result; pending on 31 December as 尚未审结 (domain 5.5)."""
    _start, end = period(year)
    t = rf.schema_for(fmt).review_litigation
    keys = ["kind", "litigation_path", "result"] + (["agency_id"] if by_agency else [])
    rows = (
        remedy_base(agency_ids, year)
        .values(*keys)
        .annotate(
            done=Count("id", filter=Q(concluded_on__lte=end)),
            open=Count("id", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        )
        .order_by()
    )
    tables: dict[int | None, dict] = {}
    for row in rows:
        key = row.get("agency_id") if by_agency else None
        table = tables.setdefault(key, {r.code: dict.fromkeys(r.columns, 0) for r in t.rows})
        target = remedy_row(row["kind"], row["litigation_path"])
        result = row["result"] if row["result"] in rf.REVIEW_PARTS else RemedyCase.PENDING
        table[target][result] += row["done"]
        table[target][RemedyCase.PENDING] += row["open"]
    empty = {r.code: dict.fromkeys(r.columns, 0) for r in t.rows}
    for table in tables.values():
        for r in table.values():
            r[rf.TOTAL] = sum(r[p] for p in rf.REVIEW_PARTS)
    if by_agency:
        return tables
    return tables.get(None, empty)


def remedy_cell_filter(row: str, column: str, year: int) -> Q:
    _start, end = period(year)
    if row == "review":
        q = Q(kind=RemedyCase.RECONSIDERATION)
    elif row == "suit_direct":
        q = Q(kind=RemedyCase.LITIGATION, litigation_path=RemedyCase.DIRECT)
    else:
        q = Q(kind=RemedyCase.LITIGATION) & ~Q(litigation_path=RemedyCase.DIRECT)
    still_open = Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
    if column == rf.TOTAL:
        return q
    if column == RemedyCase.PENDING:
        return q & (still_open | Q(concluded_on__lte=end, result=RemedyCase.PENDING))
    return q & Q(concluded_on__lte=end, result=column)


# ---------------------------------------------------------------------------------------------
# Table 二（一）
# ---------------------------------------------------------------------------------------------


def document_base(agency_ids: Iterable[int]):
    return Document.objects.filter(
        agency_id__in=list(agency_ids), status=DocStatus.PUBLISHED, doc_type__in=list(DOC_TYPES.values())
    )


_GONE = [Validity.REPEALED, Validity.EXPIRED]
_ALIVE = [Validity.IN_FORCE, Validity.AMENDED]


def document_cell_filter(column: str, year: int) -> Q:
    start, end = period(year)
    a_start, a_end = aware_bounds(year)
    return {
        # 2021 format
        "issued": Q(signed_on__gte=start, signed_on__lte=end),
        "repealed": Q(validity__in=_GONE, validity_changed_on__gte=start, validity_changed_on__lte=end),
        "in_force": Q(signed_on__lte=end)
        & (Q(validity__in=_ALIVE) | Q(validity__in=_GONE, validity_changed_on__gt=end)),
        # 2019 trial format
        "made": Q(signed_on__gte=start, signed_on__lte=end),
        "published": Q(published_at__gte=a_start, published_at__lt=a_end),
        "total_published": Q(published_at__lt=a_end),
    }[column]


def compute_documents(agency_ids: Iterable[int], year: int, fmt: str, *, by_agency: bool = False):
    """The computed rows of table 二（一）: ``{row: {column: n}}`` (per agency with ``by_agency``)."""
    t = rf.schema_for(fmt).proactive
    columns = t.subtable("art20_1").columns
    keys = ["doc_type"] + (["agency_id"] if by_agency else [])
    rows = (
        document_base(agency_ids)
        .values(*keys)
        .annotate(**{f"n_{c}": Count("id", filter=document_cell_filter(c, year)) for c in columns})
        .order_by()
    )
    by_type = {v: k for k, v in DOC_TYPES.items()}
    tables: dict[int | None, dict] = {}
    for row in rows:
        key = row.get("agency_id") if by_agency else None
        table = tables.setdefault(key, {r: dict.fromkeys(columns, 0) for r in COMPUTED_PROACTIVE_ROWS})
        for c in columns:
            table[by_type[row["doc_type"]]][c] += row[f"n_{c}"]
    empty = {r: dict.fromkeys(columns, 0) for r in COMPUTED_PROACTIVE_ROWS}
    if by_agency:
        return tables
    return tables.get(None, empty)


# ---------------------------------------------------------------------------------------------
# Manual figures
# ---------------------------------------------------------------------------------------------


def latest_manual_figures(agency_ids: Iterable[int], year: int, fmt: str) -> dict[int, dict[str, Any]]:
    """``{agency_id: {cell_id: ManualFigure}}``: the latest record of every manual cell."""
    from .models import ManualFigure

    allowed = set(manual_cells(fmt))
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    for figure in ManualFigure.objects.filter(agency_id__in=list(agency_ids), year=year).select_related(
        "author"
    ).order_by("id"):
        if figure.cell in allowed:
            out[figure.agency_id][figure.cell] = figure
    return out


# ---------------------------------------------------------------------------------------------
# One organ's (or a member's) tables
# ---------------------------------------------------------------------------------------------


@dataclass
class Computed:
    """Tables of one organ or of a set of organs, and where every value came from."""

    tables: dict
    sources: dict[str, dict] = field(default_factory=dict)
    unclassified: int = 0


def _assemble(fmt: str, apps: dict, review: dict, docs: dict, manual: dict[str, Any], unclassified: int,
              *, with_sources: bool = True) -> Computed:
    schema = rf.schema_for(fmt)
    tables = schema.empty_tables()
    sources: dict[str, dict] = {}
    tables[rf.TABLE_APPLICATIONS] = {r: dict(c) for r, c in apps.items()}
    tables[rf.TABLE_REVIEW_LITIGATION] = {r: dict(c) for r, c in review.items()}
    for r, cols in docs.items():
        tables[rf.TABLE_PROACTIVE][r].update(cols)
    if with_sources:
        for cid in schema.cell_ids():
            if not is_manual(fmt, cid):
                sources[cid] = {"kind": KIND_COMPUTED}
    for cid in _manual_cells(fmt):
        t, r, c = rf.parse_cell_id(cid)
        figure = manual.get(cid)
        if figure is None:
            if with_sources:
                sources[cid] = {"kind": KIND_MANUAL, "figure_id": None}
            continue
        tables[t][r][c] = coerce(figure.value, schema.table(t).column(c))
        if not with_sources:
            continue
        sources[cid] = {
            "kind": KIND_MANUAL,
            "figure_id": figure.pk,
            "source": figure.source_note,
            "author": figure.author.get_full_name() or figure.author.username if figure.author else "",
            "at": timezone.localtime(figure.created_at).strftime("%Y-%m-%d %H:%M"),
        }
    return Computed(tables, sources, unclassified)


def compute_organ(agency_id: int, year: int, fmt: str) -> Computed:
    """One organ's tables from its records and its recorded manual figures."""
    apps, unclassified = compute_applications([agency_id], year, fmt)
    review = compute_review([agency_id], year, fmt)
    docs = compute_documents([agency_id], year, fmt)
    manual = latest_manual_figures([agency_id], year, fmt).get(agency_id, {})
    return _assemble(fmt, apps, review, docs, manual, unclassified)


def compute_members(agency_ids: list[int], year: int, fmt: str) -> dict[int, Computed]:
    """Every member's tables with one grouped query per table (roll-ups over many organs)."""
    apps, unclassified = compute_applications(agency_ids, year, fmt, by_agency=True)
    review = compute_review(agency_ids, year, fmt, by_agency=True)
    docs = compute_documents(agency_ids, year, fmt, by_agency=True)
    manual = latest_manual_figures(agency_ids, year, fmt)
    schema = rf.schema_for(fmt)
    empty_apps = _finish_applications(_empty_counts(schema.applications), schema.applications)
    empty_review = {r.code: dict.fromkeys(r.columns, 0) for r in schema.review_litigation.rows}
    empty_docs = {r: dict.fromkeys(schema.proactive.subtable("art20_1").columns, 0) for r in COMPUTED_PROACTIVE_ROWS}
    return {
        a: _assemble(fmt, apps.get(a, empty_apps), review.get(a, empty_review), docs.get(a, empty_docs),
                     manual.get(a, {}), unclassified.get(a, 0), with_sources=False)
        for a in agency_ids
    }


def apply_adjustments(computed: Computed, adjustments: Iterable[Any], fmt: str) -> Computed:
    """The latest adjustment of each cell replaces the computed value (shown next to the cell)."""
    schema = rf.schema_for(fmt)
    latest: dict[str, Any] = {}
    for adj in adjustments:
        latest[adj.cell] = adj
    for cid, adj in latest.items():
        try:
            t, r, c = rf.parse_cell_id(cid)
            column = schema.table(t).column(c)
        except (KeyError, ValueError):
            continue
        if not schema.table(t).has_cell(r, c):
            continue
        computed.tables[t][r][c] = coerce(adj.new_value, column)
        computed.sources[cid] = {
            "kind": KIND_ADJUSTED,
            "adjustment_id": adj.pk,
            "old": to_json_value(adj.old_value),
            "new": to_json_value(adj.new_value),
            "reason": adj.reason,
            "author": (adj.author.get_full_name() or adj.author.username) if adj.author else "",
            "at": timezone.localtime(adj.created_at).strftime("%Y-%m-%d %H:%M"),
            "was": computed.sources.get(cid, {}).get("kind", KIND_COMPUTED),
        }
    return computed


def data_findings(computed: Computed) -> list[Finding]:
    out = []
    if computed.unclassified:
        out.append(Finding(
            "unclassified_records", "warning",
            f"有 {computed.unclassified} 件本年度办结的申请没有办理结果，未计入任何办理结果行，请补记办理结果",
            ["applications.processed_total.total"],
        ))
    return out
