"""How fast parse_deadline reads completion-time phrases.

Run: ``.venv/bin/python benchmarks/bench_deadline.py``. Prints phrases per second for
100,000 realistic phrases, best of several runs, with the phrase cache emptied before each
run, and once more with the cache bypassed (every phrase parsed from scratch). The goal is
at least 50,000 phrases per second with the cache.
"""

from __future__ import annotations

import platform
import random
import time
from collections.abc import Callable

from kh_tthc import deadline
from kh_tthc.deadline import parse_deadline

N = 100_000
RUNS = 5


def realistic_phrases(n: int, seed: int = 2025) -> list[str]:
    """Phrases in the proportions of real plans: a few repeated, dates and periods varied.

    The seed plan is mostly "Thường xuyên", with "Năm 2025", "Khi có phát sinh" and
    "Định kỳ hàng quý, năm"; other plans add dated and period deadlines, time limits and
    the odd free-text phrase, typed with varying case, spacing and full stops.
    """
    rng = random.Random(seed)

    def dated() -> str:
        year = rng.choice([2025, 2026])
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        lead = rng.choice(
            ["Trước ngày", "Trước", "Ngày", "Chậm nhất ngày", "Hoàn thành trước ngày"]
        )
        return f"{lead} {day:02d}/{month}/{year}"

    def period() -> str:
        year = rng.choice([2025, 2026])
        return rng.choice(
            [
                f"Năm {year}",
                f"Trong năm {year}",
                f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{year}",
                f"Tháng {rng.randint(1, 12)}/{year}",
                f"6 tháng {rng.choice(['đầu', 'cuối'])} năm {year}",
            ]
        )

    makers: list[tuple[float, Callable[[], str]]] = [
        (0.45, lambda: "Thường xuyên"),
        (0.08, lambda: "Khi có phát sinh"),
        (0.04, lambda: rng.choice(["Liên tục", "Đột xuất", "Khi có yêu cầu"])),
        (0.08, lambda: "Định kỳ hàng quý, năm"),
        (0.04, lambda: rng.choice(["Hằng tháng", "Định kỳ 6 tháng", "Hằng năm", "Hằng tuần"])),
        (0.12, dated),
        (0.12, period),
        (
            0.04,
            lambda: (
                f"Trong thời hạn {rng.randint(1, 20):02d} ngày làm việc kể từ ngày nhận đủ hồ sơ"
            ),
        ),
        (
            0.03,
            lambda: rng.choice(["Theo tiến độ dự án", "Sau khi có hướng dẫn", "Quý 3 và quý 4"]),
        ),
    ]
    weights = [w for w, _ in makers]
    out = []
    for _ in range(n):
        ((_, make),) = rng.choices(makers, weights)
        text = make()
        mess = rng.random()
        if mess < 0.05:
            text = text.upper()
        elif mess < 0.10:
            text = f"  {text}. "
        elif mess < 0.13:
            text = text.replace(" ", "  ")
        out.append(text)
    return out


def best_rate(phrases: list[str], parse: Callable[[str], object], clear: bool) -> float:
    best = float("inf")
    for _ in range(RUNS):
        if clear:
            deadline._parse.cache_clear()
        start = time.perf_counter()
        for text in phrases:
            parse(text)
        best = min(best, time.perf_counter() - start)
    return len(phrases) / best


def main() -> None:
    phrases = realistic_phrases(N)
    distinct = len(set(phrases))
    where = f"python {platform.python_version()} on {platform.machine()}"
    print(f"{where}, {N:,} phrases, {distinct:,} distinct")
    cached = best_rate(phrases, parse_deadline, clear=True)
    print(f"parse_deadline, cache emptied before each run: {cached:,.0f} phrases/s")
    raw = deadline._parse.__wrapped__
    uncached = best_rate(phrases, raw, clear=False)
    print(f"parser without the cache:                      {uncached:,.0f} phrases/s")


if __name__ == "__main__":
    main()
