"""Workbench list over 100,000 applications on SQLite: time per page and number of queries.

    .venv/bin/python bench/workbench_bench.py [--rows 100000] [--keep]

Builds a throwaway SQLite database (var/bench-workbench.sqlite3), bulk-inserts the rows, then
renders the workbench list (first page, organ scope, open cases, sorted by due date), a filtered
search, the supervisor view and page 500, each several times. Prints the median time and the number of
SQL queries beside the target (< 1 s, and a query count that does not grow with the page size).
Exit code 1 if a target is missed.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="reuse an existing bench database")
    args = parser.parse_args()

    from _sqlite_django import setup

    setup("workbench", args.keep)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Membership
    from gongkai.applications.models import Application, Status

    User = get_user_model()
    if not Application.objects.exists():
        t0 = time.perf_counter()
        gov = Agency.objects.create(code="gov", name="基准市人民政府", kind=Agency.GOVERNMENT)
        depts = [Agency.objects.create(code=f"d{i}", name=f"基准市第{i}局", parent=gov) for i in range(5)]
        handler = User.objects.create_user("handler", password="x")
        Membership.objects.create(user=handler, agency=depts[0], role=Membership.HANDLER)
        sup = User.objects.create_user("sup", password="x")
        Membership.objects.create(user=sup, agency=gov, role=Membership.SUPERVISOR)
        rnd = random.Random(1)
        statuses = [Status.IN_PROGRESS] * 3 + [Status.CLOSED] * 6 + [Status.PAUSED, Status.PENDING]
        today = dt.date(2026, 11, 20)
        batch = []
        for i in range(args.rows):
            agency = depts[i % 5]
            submitted = today - dt.timedelta(days=rnd.randint(0, 700))
            status = rnd.choice(statuses)
            batch.append(Application(
                agency=agency, reference=f"{submitted.year}-{i:07d}", tracking_code=f"B{i:011d}",
                channel="online", submitted_at=timezone.make_aware(dt.datetime.combine(submitted, dt.time(10))),
                submitted_on=submitted, received_on=submitted, applicant_kind="natural_person", name=f"申请人{i}",
                id_number="11010519491231002X", phone="13800000000", address="基准市",
                description=f"申请公开第{i}号项目的批复文件及相关材料", status=status,
                due_on=submitted + dt.timedelta(days=28) if status in (Status.IN_PROGRESS,) else None,
                assigned_to=handler if i % 10 == 0 else None,
                outcome="1" if status == Status.CLOSED else "",
            ))
            if len(batch) == 5000:
                Application.objects.bulk_create(batch)
                batch = []
        Application.objects.bulk_create(batch)
        print(f"inserted {args.rows} applications in {time.perf_counter() - t0:.1f} s")

    client = Client()
    results = []

    def measure(label, user, url, runs=5, target=1.0):
        client.force_login(User.objects.get(username=user))
        times, queries = [], 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                resp = client.get(url)
                times.append(time.perf_counter() - t)
            assert resp.status_code == 200, (url, resp.status_code)
            queries = len(ctx.captured_queries)
        med = statistics.median(times)
        ok = med < target
        results.append(ok)
        print(f"{label:<42} median {med * 1000:7.1f} ms  (target < {target * 1000:.0f} ms)  "
              f"queries {queries:3d}  {'OK' if ok else 'SLOW'}")
        return queries

    print(f"SQLite, {Application.objects.count()} applications; handler sees organ d0 "
          f"({Application.objects.filter(agency__code='d0').count()} cases)")
    q1 = measure("workbench: organ, open, by due date", "handler", "/staff/?scope=agency&status=open")
    measure("workbench: organ, all statuses", "handler", "/staff/?scope=agency&status=")
    measure("workbench: my cases", "handler", "/staff/?scope=mine&status=")
    measure("workbench: search '第4242号'", "handler", "/staff/?scope=agency&status=&q=%E7%AC%AC4242%E5%8F%B7")
    q2 = measure("workbench: page 200", "handler", "/staff/?scope=agency&status=&page=200")
    measure("supervisor: overdue across subtree", "sup", "/staff/supervision/")
    measure("api: first page", "handler", "/api/applications/")
    flat = q1 == q2
    print(f"query count independent of page: {'OK' if flat else 'NO'} ({q1} vs {q2}); "
          "baseline: a naive list would issue one query per row for the agency and handler (N+1)")
    if not all(results) or not flat:
        sys.exit(1)


if __name__ == "__main__":
    main()
