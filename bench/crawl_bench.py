"""The website crawler (``audit_sites``, issue 16 item 4) over 1,000 organs against local fixture
sites, on a throwaway SQLite database (var/bench-crawl.sqlite3).

    .venv/bin/python bench/crawl_bench.py [--organs 1000]

One fixture host serves ORGANS 年报 columns (a robots.txt disallowing a path): most with the 2024
report as a page (a real report, testdata 03, in page chrome) and last year's beside it (the 雷同
comparison reads both), every 20th only announcing the report as a PDF attachment on a second host
(the committed PDF of 淮安市人民政府 2024), every 50th gone (404). The crawl runs with ``--delay 0``
(allowed for loopback hosts only), then again: the rerun must send only conditional requests and
audit nothing. Prints wall time, peak memory (ru_maxrss of this process and of the parsing
children) and requests. Targets: ≤ 10 minutes and ≤ 500 MB peak. Exit code 1 if a target is missed.
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_SECONDS = 600
TARGET_MB = 500


def build(n):
    from gongkai.websites.tests.fixture_sites import PDF, Site, column, page, report_lines

    main, files = Site().start(), Site().start()
    main.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    files.add("/upload/report.pdf", PDF.read_bytes(), "application/pdf")
    this_year = report_lines("03_huaian_hongzequ_2024.txt")
    last_year = report_lines("02_huaian_hongzequ_2023.txt")
    rows = ["organ,url"]
    for i in range(n):
        organ, base = f"基准市第{i}局", f"/o{i}/nb/"
        rows.append(f"{organ},{main.url(base + 'index.html')}")
        if i % 50 == 49:
            continue  # 404
        if i % 20 == 19:
            main.add(base + "index.html", column("年报", [(base + "notice.html", f"{organ}2024年政府信息公开工作年度报告")]))
            main.add(base + "notice.html", page(f"{organ}2024年政府信息公开工作年度报告", ["详见附件。"], date="2025-01-20",
                                                links=[(files.url("/upload/report.pdf"), "附件：年度报告.pdf")]))
            continue
        main.add(base + "index.html", column("年报", [
            ("/private/x.html", f"{organ}2024年政府信息公开工作年度报告（内部）"),
            (base + "2024.html", f"{organ}2024年政府信息公开工作年度报告"),
            (base + "2023.html", f"{organ}2023年政府信息公开工作年度报告")]))
        main.add(base + "2024.html", page(f"{organ}2024年政府信息公开工作年度报告", this_year, date="2025-01-20"))
        main.add(base + "2023.html", page(f"{organ}2023年政府信息公开工作年度报告", last_year, date="2024-01-20"))
    return main, files, "\n".join(rows) + "\n"


def cpu_seconds() -> float:
    """CPU time of this process and of the parsing children (the wall time depends on the machine's load)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def crawl(list_path):
    from django.core.management import call_command

    out = io.StringIO()
    t, cpu = time.perf_counter(), cpu_seconds()
    call_command("audit_sites", str(list_path), "--year", "2024", "--delay", "0", stdout=out)
    wall = time.perf_counter() - t
    print(f"  CPU {cpu_seconds() - cpu:.1f} s (this process and its parsing children), load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return wall, out.getvalue()


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, children)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organs", type=int, default=1000)
    args = parser.parse_args()

    from _sqlite_django import setup

    setup("crawl", keep=False)
    main_site, files, listing = build(args.organs)
    with tempfile.TemporaryDirectory() as tmp:
        list_path = Path(tmp) / "sites.csv"
        list_path.write_text(listing, encoding="utf-8")
        first, csv_text = crawl(list_path)
        found = csv_text.count(",found,")
        requests = len(main_site.log) + len(files.log)
        print(f"first crawl: {args.organs} organs in {first:.1f} s ({args.organs / first:.1f} organs/s), "
              f"{found} found, {requests} requests")
        disallowed = "/private/x.html" in [p for p, *_ in main_site.log]
        main_site.log.clear()
        files.log.clear()
        second, again = crawl(list_path)
        fresh = [p for p, conditional, status in main_site.log + files.log if not conditional and status != 404]
        print(f"rerun: {second:.1f} s, {len(main_site.log) + len(files.log)} requests, "
              f"{len(fresh)} not conditional, same result: {again == csv_text}")
    main_site.stop()
    files.stop()
    mb = peak_mb()
    print(f"peak memory: {mb:.0f} MB (target ≤ {TARGET_MB} MB); wall time target ≤ {TARGET_SECONDS} s")
    if disallowed:
        print("FAILED: a path disallowed by robots.txt was requested")
        sys.exit(1)
    if first > TARGET_SECONDS or mb > TARGET_MB or fresh or again != csv_text:
        sys.exit(1)


if __name__ == "__main__":
    main()
