"""Annual report computation at scale, printed beside a bare SQL GROUP BY of the same rows.

    .venv/bin/python bench/report_bench.py [--small] [--engine all|sqlite|postgres] [--keep]

1. One agency-year over 100,000 applications (plus noise in other agencies and years), on SQLite and on
   PostgreSQL: table 三 through the ORM (one conditional-count GROUP BY) beside the same GROUP BY in raw
   SQL; the whole organ (tables 二, 三, 四 and manual figures); the full build with every check; the
   frozen record ids (one ordered query); the ids behind one large cell.
2. A roll-up over 1,000 agencies and 1,000,000 applications on PostgreSQL: every member's tables with
   one grouped query per table beside the raw GROUP BY, and the roll-up build with every check applied
   at every level (1,000 member checks + the total).

--small uses 10,000 applications and 100 agencies / 100,000 applications.
PostgreSQL: 127.0.0.1:5432 user postgres (PGHOST/PGPORT/PGUSER override); the script creates and drops
its own database ``gongkai_bench_reports``. Rows go in with bulk inserts (SQLite) and COPY (PostgreSQL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_DB = "gongkai_bench_reports"
YEAR = 2025


def pg_params() -> dict:
    return {"host": os.environ.get("PGHOST", "127.0.0.1"), "port": int(os.environ.get("PGPORT", 5432)),
            "user": os.environ.get("PGUSER", "postgres")}


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **pg_params()) as conn:
        conn.execute(sql)


def median_time(fn, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def line(label: str, seconds: float, baseline: float | None = None, note: str = "") -> None:
    base = f"   raw SQL {baseline * 1000:9.1f} ms   ratio {seconds / baseline:5.2f}x" if baseline else ""
    print(f"  {label:<52} {seconds * 1000:9.1f} ms{base}{('   ' + note) if note else ''}")


# ------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------

OUTCOMES = ["1"] * 12 + ["2"] * 3 + ["3.1", "3.4", "3.6", "4.1", "4.1", "4.2", "5.2", "6.1", "6.3"]
KINDS = [("natural_person", "")] * 14 + [("organisation", "commercial"), ("organisation", "research"),
                                         ("organisation", "social_welfare"), ("organisation", "legal_service"),
                                         ("organisation", "other_org"), ("organisation", "")]


VARYING = ("agency_id", "case_type", "reference", "tracking_code", "channel", "submitted_at", "submitted_on",
           "received_on", "applicant_kind", "org_type", "name", "description", "status", "outcome", "decided_on",
           "concluded_on", "created_at")


def app_columns() -> tuple[list[str], list]:
    """Every column of the applications table and a template row with the model defaults."""
    from gongkai.applications.models import Application

    fields = [f for f in Application._meta.concrete_fields if not f.primary_key]
    template = []
    for f in fields:
        default = f.get_default()
        template.append(None if f.null and default in ("", None) else default)
    return [f.column for f in fields], template


def app_rows(agency_ids: list[int], n: int, seed_offset: int = 0, *, as_text: bool = False):
    """Deterministic applications over mid-2024 – 2026 (most in 2025); ~6 % still open; ~1 % record
    corrections (not counted). ``as_text``: rows as COPY text lines."""
    columns, template = app_columns()
    pos = [columns.index(c) for c in VARYING]
    if as_text:
        template = [_copy_text(v) for v in template]
    tz = dt.timezone(dt.timedelta(hours=8))
    start = dt.date(2024, 7, 1)
    for i in range(n):
        g = i + seed_offset
        received = start + dt.timedelta(days=(g * 7919) % 640)
        kind, org = KINDS[g % len(KINDS)]
        concluded = None if g % 17 == 0 else received + dt.timedelta(days=3 + g % 40)
        if concluded and concluded > dt.date(2026, 11, 1):
            concluded = None
        submitted_at = dt.datetime.combine(received, dt.time(9, 0), tzinfo=tz)
        values = (
            agency_ids[g % len(agency_ids)], "record_correction" if g % 97 == 0 else "disclosure",
            f"B{g:09d}", f"T{g:011d}", "online", submitted_at, received, received, kind, org, "申请人",
            "申请公开某项目批复文件", "closed" if concluded else "in_progress",
            "" if concluded is None else OUTCOMES[g % len(OUTCOMES)], concluded, concluded, submitted_at,
        )
        row = list(template)
        if as_text:
            for p, v in zip(pos, values, strict=True):
                row[p] = _copy_text(v)
            yield "\t".join(row) + "\n"
            continue
        for p, v in zip(pos, values, strict=True):
            row[p] = v
        yield row


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def insert_applications(agency_ids: list[int], n: int, offset: int = 0) -> float:
    from django.db import connection, transaction

    t = time.perf_counter()
    table = "applications_application"
    columns, _ = app_columns()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cur:
            # A bulk load into the bench's own database: drop the secondary indexes, unique and foreign
            # key constraints, COPY, then rebuild them once (much faster than maintaining them per row).
            # Foreign keys are dropped too and re-added afterwards (validated in one pass).
            cur.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')", [table])
            constraints = cur.fetchall()
            for name, _ in constraints:
                cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                        "AND indexname NOT LIKE %s", [table, "%_pkey"])
            indexes = cur.fetchall()
            for name, _ in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            with cur.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                # COPY text format written in 1 MB blocks (the values hold no tab, newline or backslash).
                buf, size = [], 0
                for text in app_rows(agency_ids, n, offset, as_text=True):
                    buf.append(text)
                    size += len(text)
                    if size > 1 << 20:
                        copy.write("".join(buf))
                        buf, size = [], 0
                copy.write("".join(buf))
            for _, definition in indexes:
                cur.execute(definition)
            for name, definition in constraints:
                cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    else:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch = []
        with transaction.atomic(), connection.cursor() as cur:
            for row in app_rows(agency_ids, n, offset):
                batch.append(row)
                if len(batch) == 10000:
                    cur.executemany(sql, batch)
                    batch = []
            if batch:
                cur.executemany(sql, batch)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return time.perf_counter() - t


def make_agencies(n: int):
    from django.db import connection

    from gongkai.agencies.models import Agency

    gov = Agency.objects.create(code="rollup-gov", name="基准市人民政府", kind=Agency.GOVERNMENT)
    Agency.objects.bulk_create(
        [Agency(code=f"a{i:04d}", name=f"基准市第{i}部门", parent=gov,
                kind=Agency.DEPARTMENT if i % 5 else Agency.TOWNSHIP) for i in range(n - 1)],
        batch_size=1000,
    )
    with connection.cursor() as cur:
        cur.execute("UPDATE agencies_agency SET path = %s || id || '/' WHERE parent_id = %s", [gov.path, gov.pk])
    gov.refresh_from_db()
    return gov, list(Agency.objects.filter(path__startswith=gov.path).order_by("id").values_list("id", flat=True))


def add_remedies(agency_ids: list[int], per_agency: int) -> None:
    from gongkai.remedies.models import RemedyCase

    rows = []
    for k, a in enumerate(agency_ids):
        for i in range(per_agency):
            kind = RemedyCase.RECONSIDERATION if i % 2 else RemedyCase.LITIGATION
            result = ["upheld", "corrected", "other", "pending"][(k + i) % 4]
            rows.append(RemedyCase(agency_id=a, kind=kind, body="复议机关",
                                   litigation_path="" if i % 2 else RemedyCase.DIRECT,
                                   filed_on=dt.date(2025, 3, 1), result=result,
                                   concluded_on=None if result == "pending" else dt.date(2025, 6, 1)))
    RemedyCase.objects.bulk_create(rows, batch_size=2000)


# ------------------------------------------------------------------------------------------
# Raw SQL baseline: the same rows, the same conditional counts
# ------------------------------------------------------------------------------------------

RAW = """
SELECT {extra} applicant_kind, org_type, outcome,
       SUM(CASE WHEN received_on >= %s THEN 1 ELSE 0 END),
       SUM(CASE WHEN received_on < %s THEN 1 ELSE 0 END),
       SUM(CASE WHEN concluded_on <= %s THEN 1 ELSE 0 END),
       SUM(CASE WHEN concluded_on IS NULL OR concluded_on > %s THEN 1 ELSE 0 END)
FROM applications_application
WHERE agency_id IN ({ids}) AND received_on IS NOT NULL AND received_on <= %s
  AND NOT (case_type = 'record_correction')
  AND (concluded_on IS NULL OR concluded_on >= %s)
GROUP BY {extra} applicant_kind, org_type, outcome
"""


def raw_group_by(agency_ids: list[int], by_agency: bool = False):
    from django.db import connection

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    sql = RAW.format(extra="agency_id," if by_agency else "", ids=", ".join(["%s"] * len(agency_ids)))
    with connection.cursor() as cur:
        cur.execute(sql, [start, start, end, end, *agency_ids, end, start])
        return cur.fetchall()


# ------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------


def run_engine(engine: str, small: bool, keep: bool) -> None:
    if engine == "postgres":
        p = pg_params()
        pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        pg_admin(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"postgres://{p['user']}@{p['host']}:{p['port']}/{PG_DB}"
    else:
        db = ROOT / "var" / "bench-reports.sqlite3"
        db.parent.mkdir(exist_ok=True)
        if db.exists():
            db.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("DEBUG", "1")  # development settings: production ones need SECRET_KEY and hosts
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"\n== {connection.vendor} ({'small' if small else 'full'}) — migrated in {time.perf_counter() - t:.1f} s")
        organ_year(small)
        if engine == "postgres":
            rollup(small)
    finally:
        connection.close()
        if engine == "postgres" and not keep:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")


def organ_year(small: bool) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.law import report_format as rf
    from gongkai.reports import compute, services
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.records import cell_queryset, collect_record_ids

    n = 10_000 if small else 100_000
    gov = Agency.objects.create(code="organ-gov", name="基准市人民政府", kind=Agency.GOVERNMENT)
    organ = Agency.objects.create(code="organ", name="基准市某局", parent=gov)
    other = Agency.objects.create(code="organ-other", name="基准市另一局", parent=gov)
    fmt = rf.FORMAT_2021
    # ~ n rows of the organ fall in the reported year's window; the other organ adds noise.
    took = insert_applications([organ.pk], int(n * 1.9)) + insert_applications([other.pk], n // 2, 10**8)
    add_remedies([organ.pk], 200)
    base = compute.application_base([organ.pk], YEAR).count()
    print(f"-- one agency-year: {base} applications of the organ count in {YEAR} "
          f"({int(n * 1.9) + n // 2} inserted in {took:.1f} s)")
    ids = [organ.pk]
    raw_t, raw = median_time(lambda: raw_group_by(ids))
    orm_t, (table, _) = median_time(lambda: compute.compute_applications(ids, YEAR, fmt))
    assert sum(r[3] for r in raw) == table["new"]["total"]
    assert sum(r[6] for r in raw) == table["carried_out"]["total"]
    line("table 三 (ORM, one GROUP BY)", orm_t, raw_t, f"new={table['new']['total']}")
    line("organ tables 二+三+四+manual", median_time(lambda: compute.compute_organ(organ.pk, YEAR, fmt))[0])
    report = AnnualReport.objects.create(agency=organ, year=YEAR, format_version=fmt)
    line("build: compute + every check + narrative", median_time(lambda: services.build(report))[0])
    freeze_t, records = median_time(lambda: collect_record_ids(ids, YEAR, fmt), runs=3)
    line("frozen record ids (one ordered query)", freeze_t, note=f"{sum(len(v) for v in records.values())} ids")
    cell = "applications.new.natural_person"
    cell_t, cell_ids = median_time(
        lambda: list(cell_queryset(ids, YEAR, fmt, cell).values_list("id", flat=True)))
    line(f"ids behind {cell} (lazy)", cell_t, note=f"{len(cell_ids)} ids")
    line("first page of a cell (50 rows)", median_time(
        lambda: list(cell_queryset(ids, YEAR, fmt, cell).order_by("id")[:50]))[0])


def rollup(small: bool) -> None:
    from gongkai.law import report_format as rf
    from gongkai.reports import compute, services
    from gongkai.reports.models import AnnualReport, Scope
    from gongkai.reports.records import collect_record_ids

    n_agencies, n_apps = (100, 100_000) if small else (1000, 1_000_000)
    t = time.perf_counter()
    gov, ids = make_agencies(n_agencies)
    took = insert_applications(ids, n_apps, 10**9)
    add_remedies(ids, 4)
    print(f"-- roll-up: {len(ids)} agencies, {n_apps} applications (COPY in {took:.1f} s; "
          f"setup {time.perf_counter() - t:.1f} s)")
    fmt = rf.FORMAT_2021
    raw_t, raw = median_time(lambda: raw_group_by(ids, by_agency=True), runs=3)
    orm_t, (tables, _) = median_time(lambda: compute.compute_applications(ids, YEAR, fmt, by_agency=True), runs=3)
    assert sum(r[4] for r in raw) == sum(t["new"]["total"] for t in tables.values())
    line("table 三 per agency (ORM, one GROUP BY)", orm_t, raw_t, f"{len(tables)} agencies")
    line("all members' tables 二+三+四+manual", median_time(lambda: compute.compute_members(ids, YEAR, fmt), runs=3)[0])
    report = AnnualReport.objects.create(agency=gov, year=YEAR, format_version=fmt, scope=Scope.ROLLUP)
    report.members.set(ids)
    build_t, built = median_time(lambda: services.build(report), runs=3)
    line("roll-up build: every check at every level", build_t,
         note=f"total new={built.tables['applications']['new']['total']}, {len(built.findings)} findings")
    line("roll-up frozen record ids", median_time(lambda: collect_record_ids(ids, YEAR, fmt), runs=1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="10k applications; roll-up 100 agencies / 100k")
    parser.add_argument("--engine", choices=["all", "sqlite", "postgres"], default="all")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    args = parser.parse_args()
    if args.engine == "all":
        t = time.perf_counter()
        for engine in ("sqlite", "postgres"):
            cmd = [sys.executable, __file__, "--engine", engine] + (["--small"] if args.small else []) + (
                ["--keep"] if args.keep else [])
            subprocess.run(cmd, check=True, cwd=ROOT)
        print(f"\ntotal {time.perf_counter() - t:.0f} s")
        return
    run_engine(args.engine, args.small, args.keep)


if __name__ == "__main__":
    main()
