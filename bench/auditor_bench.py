"""Benchmark: annual reports parsed and audited per second (年报体检).

Run from the repository root:  .venv/bin/python bench/auditor_bench.py [ROUNDS]

Reads the real reports of gongkai/reportreader/tests/data (the five seed documents, the three PDF-text
reports, the HTML page and the web-page excerpts: 29 reports, 22 of them with tables) and, ROUNDS
times, parses every file and audits the whole batch (cross-year included), as
``manage.py audit_report`` over the folder does. Prints reports/s and the parse and audit shares.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.reportreader import audit, parse_html, parse_reports  # noqa: E402

DATA = ROOT / "gongkai" / "reportreader" / "tests" / "data"
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20


def main() -> None:
    files = sorted(p for p in DATA.rglob("*") if p.suffix in (".txt", ".html"))
    texts = [(p.name, p.read_text(encoding="utf-8"), p.suffix == ".html") for p in files]
    parse_s = audit_s = 0.0
    reports = parsed = 0
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        batch = []
        for name, text, html in texts:
            batch.extend((parse_html if html else parse_reports)(text, source=name))
        t1 = time.perf_counter()
        results = audit(batch)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        audit_s += t2 - t1
        reports += len(results)
        parsed += sum(1 for r in results if r["tables"] is not None)
    total = parse_s + audit_s
    size = sum(len(t) for _, t, _ in texts)
    print(f"{len(files)} files ({size / 1000:.0f}k characters), {reports // ROUNDS} reports per round "
          f"({parsed // ROUNDS} with tables), {ROUNDS} rounds")
    print(f"parse {parse_s:.2f} s + audit {audit_s:.2f} s = {total:.2f} s")
    print(f"{reports / total:.1f} reports/s ({parsed / total:.1f} reports with tables/s)")


if __name__ == "__main__":
    main()
