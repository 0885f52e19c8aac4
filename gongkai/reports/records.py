"""The records behind a cell of the tables: lazily while the report is live (:func:`cell_queryset`),
every leaf cell's ids frozen at approval (:func:`collect_record_ids`: one ordered query per table),
a frozen cell's ids (:func:`snapshot_ids`: totals are unions of their leaf cells), and the list a cell
links to (:func:`cell_records`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.law import report_format as rf
from gongkai.publishing.models import Document
from gongkai.remedies.models import RemedyCase

from . import compute
from .models import FROZEN_STATUSES, AnnualReport, ManualFigure, Scope
from .rollup import member_ids


def cell_queryset(agency_ids: Iterable[int], year: int, fmt: str, cell: str):
    """The records behind a live cell, lazily: Application, RemedyCase, Document or ManualFigure."""
    ids = list(agency_ids)
    table, row, column = rf.parse_cell_id(cell)
    if table == rf.TABLE_APPLICATIONS:
        return compute.application_base(ids, year).filter(
            compute.application_cell_filter(row, column, year, fmt))
    if table == rf.TABLE_REVIEW_LITIGATION:
        return compute.remedy_base(ids, year).filter(compute.remedy_cell_filter(row, column, year))
    if compute.is_manual(fmt, cell):
        return ManualFigure.objects.filter(agency_id__in=ids, year=year, cell=cell)
    return compute.document_base(ids).filter(doc_type=compute.DOC_TYPES[row]).filter(
        compute.document_cell_filter(column, year))


def record_model(fmt: str, cell: str):
    table, _row, _column = rf.parse_cell_id(cell)
    if table == rf.TABLE_APPLICATIONS:
        return Application
    if table == rf.TABLE_REVIEW_LITIGATION:
        return RemedyCase
    return ManualFigure if compute.is_manual(fmt, cell) else Document


def collect_record_ids(agency_ids: Iterable[int], year: int, fmt: str) -> dict[str, list[int]]:
    """Ids behind every leaf cell (applicant columns, outcome leaves, table 四 parts, table 二
    columns) for the frozen snapshot: one ordered query per table. Totals are derived
    (:func:`snapshot_ids`)."""
    start, end = compute.period(year)
    ids = list(agency_ids)
    out: dict[str, list[int]] = defaultdict(list)
    app = rf.TABLE_APPLICATIONS
    rows = compute.application_base(ids, year).order_by("id").values_list(
        "id", "applicant_kind", "org_type", "outcome", "received_on", "concluded_on"
    )
    for pk, kind, org, code, received, concluded in rows.iterator(chunk_size=5000):
        col = compute.column_of(kind, org)
        if received >= start:
            out[rf.cell_id(app, "new", col)].append(pk)
        else:
            out[rf.cell_id(app, "carried_in", col)].append(pk)
        if concluded is None or concluded > end:
            out[rf.cell_id(app, "carried_out", col)].append(pk)
        else:
            target = compute.outcome_row(code, fmt)
            if target:
                out[rf.cell_id(app, target, col)].append(pk)
    rev = rf.TABLE_REVIEW_LITIGATION
    for pk, kind, path, result, concluded in compute.remedy_base(ids, year).order_by("id").values_list(
        "id", "kind", "litigation_path", "result", "concluded_on"
    ):
        part = RemedyCase.PENDING if concluded is None or concluded > end else result
        remedy = compute.remedy_row(kind, path)
        out[rf.cell_id(rev, remedy, part if part in rf.REVIEW_PARTS else "pending")].append(pk)
    t = rf.schema_for(fmt).proactive
    for row in compute.COMPUTED_PROACTIVE_ROWS:
        for c in t.subtable("art20_1").columns:
            cid = rf.cell_id(rf.TABLE_PROACTIVE, row, c)
            out[cid] = list(cell_queryset(ids, year, fmt, cid).order_by("id").values_list("id", flat=True))
    return {k: v for k, v in out.items() if v}


def snapshot_ids(records: Mapping[str, list[int]], fmt: str, cell: str) -> list[int]:
    """The frozen ids of a cell; totals are unions of the leaf cells they sum."""
    if cell in records:
        return list(records[cell])
    table, row, column = rf.parse_cell_id(cell)
    t = rf.schema_for(fmt).table(table)
    parts: list[str] = []
    if table == rf.TABLE_APPLICATIONS:
        rows = [r.code for r in t.leaf_rows] if row == "processed_total" else [row]
        cols = list(rf.APPLICANT_COLUMNS) if column == rf.TOTAL else [column]
        parts = [rf.cell_id(table, r, c) for r in rows for c in cols]
    elif table == rf.TABLE_REVIEW_LITIGATION and column == rf.TOTAL:
        parts = [rf.cell_id(table, row, p) for p in rf.REVIEW_PARTS]
    return sorted({i for p in parts for i in records.get(p, [])})


@dataclass
class CellRecords:
    """The records behind a cell: a lazy queryset (live) or a list of ids (frozen)."""

    model: Any
    basis: str
    queryset: Any = None
    ids: list[int] | None = None

    def count(self) -> int:
        return len(self.ids) if self.ids is not None else self.queryset.count()

    def page(self, limit: int = 500) -> list:
        """The first ``limit`` records in id order (never an unbounded IN list)."""
        if self.ids is not None:
            return list(self.model.objects.filter(pk__in=self.ids[:limit]).select_related("agency").order_by("id"))
        return list(self.queryset.select_related("agency").order_by("id")[:limit])


def cell_records(report: AnnualReport, cell: str) -> CellRecords:
    """The records behind a cell: the frozen ids once approved; else live, lazily — in a roll-up,
    members whose own report is frozen contribute their frozen ids."""
    fmt = report.format_version
    model = record_model(fmt, cell)
    snap = report.snapshot
    if snap is not None:
        ids = snapshot_ids(snap.records, snap.format_version, cell)
        return CellRecords(model, f"批准时冻结的记录（{timezone.localtime(snap.frozen_at):%Y-%m-%d %H:%M}）", ids=ids)
    members = member_ids(report)
    if report.scope != Scope.ROLLUP:
        return CellRecords(model, "按当前记录实时计算",
                           queryset=cell_queryset(members, report.year, fmt, cell))
    frozen_ids: set[int] = set()
    frozen_members = []
    for organ in AnnualReport.objects.filter(agency_id__in=members, year=report.year, scope=Scope.ORGAN,
                                             status__in=FROZEN_STATUSES):
        member_snap = organ.snapshot
        if member_snap is not None and member_snap.format_version == fmt:
            frozen_members.append(organ.agency_id)
            frozen_ids.update(snapshot_ids(member_snap.records, fmt, cell))
    live = [m for m in members if m not in frozen_members]
    qs = cell_queryset(live, report.year, fmt, cell)
    if frozen_members:
        ids = sorted(set(qs.values_list("id", flat=True)) | frozen_ids)
        return CellRecords(model, "各机关数据汇总（已批准报告的机关按冻结记录，其余按当前记录实时计算）", ids=ids)
    return CellRecords(model, "各机关数据汇总（按当前记录实时计算）", queryset=qs)
