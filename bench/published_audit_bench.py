"""The supervisor's one-click audit of published annual reports (年报体检) over many organs, on SQLite.

    .venv/bin/python bench/published_audit_bench.py [--organs 300] [--keep]

Builds a throwaway SQLite database (var/bench-published.sqlite3): one government and ORGANS organs
under it, each with its 2024 and 2025 reports published in its 政府信息公开年报 column — the body a
complete real report (testdata 04, 淮安市人民政府 2024 as extracted from its PDF), renamed for the organ.
Then renders /staff/audit/published/?year=2025 as the supervisor, three times, and prints the median
time, the number of SQL queries and the reports audited per second. Target: a county-sized subtree
(≤ 100 organs) in under 5 s, and a query count that does not grow with the number of organs.
Exit code 1 if a target is missed.
"""

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "gongkai" / "reportreader" / "tests" / "data" / "testdata" / "04_huaian_shi_2024.txt"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organs", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="reuse an existing bench database")
    args = parser.parse_args()

    from _sqlite_django import setup

    setup("published", args.keep)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Membership
    from gongkai.publishing.models import CatalogueNode, DocStatus, Document

    settings.RATELIMIT_ENABLE = False
    User = get_user_model()
    sample = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]  # without the source line
    if not Agency.objects.filter(code="gov").exists():
        t0 = time.perf_counter()
        gov = Agency.objects.create(code="gov", name="基准市人民政府", kind=Agency.GOVERNMENT)
        sup = User.objects.create_user("sup", password="x")
        Membership.objects.create(user=sup, agency=gov, role=Membership.SUPERVISOR)
        for i in range(args.organs):
            organ = Agency.objects.create(code=f"d{i}", name=f"基准市第{i}局", parent=gov)
            column = CatalogueNode.objects.create(
                agency=organ, section=CatalogueNode.ANNUAL_REPORTS, title="政府信息公开年报"
            )
            for year in (2024, 2025):
                text = sample.replace("淮安市人民政府", f"基准市第{i}局").replace("2024", str(year))
                doc = Document.objects.create(
                    agency=organ,
                    title=f"基准市第{i}局{year}年政府信息公开工作年度报告",
                    body=text,
                    status=DocStatus.PUBLISHED,
                    published_at=timezone.make_aware(dt.datetime(year + 1, 1, 20, 10)),
                )
                doc.columns.add(column)
        print(f"created {args.organs} organs with 2 published reports each in {time.perf_counter() - t0:.1f} s")

    client = Client()
    client.force_login(User.objects.get(username="sup"))
    organs = Agency.objects.count()
    times, queries = [], []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            resp = client.get("/staff/audit/published/?year=2025")
            times.append(time.perf_counter() - t)
        assert resp.status_code == 200, resp.status_code
        queries.append(len(ctx.captured_queries))
    med = statistics.median(times)
    reports = 2 * (organs - 1)
    per_organ = med / organs
    print(f"{organs} organs, {reports} published reports ({len(sample) / 1000:.1f}k characters each): "
          f"median {med:.2f} s ({reports / med:.0f} reports/s, {per_organ * 1000:.1f} ms per organ), "
          f"{queries[-1]} queries, page {len(resp.content) / 1e6:.1f} MB")
    county = per_organ * 100
    ok_time = county < 5.0
    print(f"a county of 100 organs: about {county:.1f} s (target < 5 s) {'OK' if ok_time else 'SLOW'}")
    ok_queries = queries[-1] < 30
    print(f"queries independent of the number of organs: {'OK' if ok_queries else 'NO'} ({queries[-1]})")
    if not (ok_time and ok_queries):
        sys.exit(1)


if __name__ == "__main__":
    main()
