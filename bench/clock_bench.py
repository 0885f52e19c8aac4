"""Benchmark: 20-working-day due dates, bisect engine vs a day-by-day chinesecalendar loop.

Run from the repository root:  .venv/bin/python bench/clock_bench.py [N]

(a) ``WorkCalendar.wd_after`` (sorted working-day ordinals + bisect, what compute() calls) for N
random receipt dates 2019–2026; the full ``gongkai.law.clock.compute`` is timed too, for
information. (b) a naive loop over ``chinese_calendar.is_workday`` for the same inputs (a subset
if it would take too long; rates are compared per item). Both must agree on every input compared.
Exits 1 if the speed-up of (a) over (b) is below 50x, 2 on a disagreement.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import chinese_calendar  # noqa: E402

from gongkai.law.calendar import builtin_calendar  # noqa: E402
from gongkai.law.clock import compute  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
NAIVE_BUDGET_S = 20.0  # the naive side stops early past this budget; its rate is still per item
MIN_SPEEDUP = 50
ANSWER_DAYS = 20
ONE = dt.timedelta(days=1)


def naive_due(received: dt.date) -> dt.date:
    day, n = received, ANSWER_DAYS
    while n:
        day += ONE
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def main() -> int:
    rng = random.Random(20250101)
    first = dt.date(2019, 1, 1).toordinal()
    last = dt.date(2026, 11, 30).toordinal()  # due dates stay inside the 2026 data
    inputs = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(N)]

    cal = builtin_calendar()  # built once, outside the timing (as the server does)

    t0 = time.perf_counter()
    fast = [cal.wd_after(d, ANSWER_DAYS) for d in inputs]
    fast_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    full = [compute(d, [], cal).due for d in inputs]
    full_s = time.perf_counter() - t0

    naive: list[dt.date] = []
    t0 = time.perf_counter()
    for d in inputs:
        naive.append(naive_due(d))
        if len(naive) % 500 == 0 and time.perf_counter() - t0 > NAIVE_BUDGET_S:
            break
    naive_s = time.perf_counter() - t0
    m = len(naive)

    padded = naive + [None] * (N - m)  # items the naive side did not reach: fast vs compute only
    bad = [
        (d, a, b, c)
        for d, a, b, c in zip(inputs, fast, full, padded, strict=True)
        if a != b or (c is not None and a != c)
    ]
    if bad:
        for d, a, b, c in bad[:10]:
            print(f"DISAGREE received {d}: wd_after {a}  compute {b}  day-by-day {c}")
        return 2

    fast_rate = fast_s / N
    full_rate = full_s / N
    naive_rate = naive_s / m
    speedup = naive_rate / fast_rate
    naive_note = "" if m == N else f" ({m} of {N} items, scaled to {N})"
    print(f"inputs: {N} receipt dates 2019-01-01..2026-11-30, all {m} compared agree")
    print(
        f"clock (bisect): {fast_s:.3f} s   "
        f"day-by-day chinesecalendar: {naive_rate * N:.1f} s{naive_note}   "
        f"speed-up: {speedup:.0f}x"
    )
    print(
        f"compute() end to end: {full_s:.2f} s ({full_rate * 1e6:.0f} µs/item, with explanation text)   "
        f"speed-up vs day-by-day: {naive_rate / full_rate:.0f}x"
    )
    if speedup < MIN_SPEEDUP:
        print(f"FAIL: speed-up {speedup:.0f}x is below {MIN_SPEEDUP}x")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
