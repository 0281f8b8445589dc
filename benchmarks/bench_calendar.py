"""How fast WorkCalendar counts working days, against the holidays package's own API.

Run: ``.venv/bin/python benchmarks/bench_calendar.py``. Prints calls per second for 100,000
``add_working_days`` calls (dates in 2024–2027, 1 to 30 working days, a tenth of them
backwards), best of several runs, and the same additions through ``holidays``'
``get_nth_working_day``. The goal is at least 500,000 calls per second.
"""

from __future__ import annotations

import platform
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

import holidays

from kh_tthc.calendar import WorkCalendar

N = 100_000
RUNS = 5


def cases(n: int, seed: int = 9) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    first = date(2024, 1, 1)
    span = (date(2027, 12, 31) - first).days
    out = []
    for _ in range(n):
        d = first + timedelta(days=rng.randint(0, span))
        k = rng.randint(1, 30)
        out.append((d, -k if rng.random() < 0.1 else k))
    return out


def best_rate(work: list[tuple[date, int]], add: Callable[[date, int], date], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for d, k in work:
            add(d, k)
        best = min(best, time.perf_counter() - start)
    return len(work) / best


def main() -> None:
    work = cases(N)
    print(f"python {platform.python_version()} on {platform.machine()}, {N:,} additions")

    cal = WorkCalendar()
    start = time.perf_counter()
    cal.add_working_days(date(2025, 6, 1), 1)
    print(f"first call (imports holidays, builds the table): {time.perf_counter() - start:.3f} s")
    ours = best_rate(work, cal.add_working_days, RUNS)
    print(f"WorkCalendar.add_working_days:        {ours:,.0f} calls/s")

    vn = holidays.country_holidays("VN", years=range(2023, 2030))
    theirs = best_rate(work, vn.get_nth_working_day, 1)
    print(f"holidays VN get_nth_working_day:      {theirs:,.0f} calls/s")
    print(f"speed-up: {ours / theirs:.0f}x")

    mismatches = sum(cal.add_working_days(d, k) != vn.get_nth_working_day(d, k) for d, k in work)
    print(f"answers that differ: {mismatches}")


if __name__ == "__main__":
    main()
