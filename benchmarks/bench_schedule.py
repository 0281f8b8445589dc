"""How long a large plan's schedule takes to build, and to export.

Run: ``.venv/bin/python benchmarks/bench_schedule.py``. Builds a plan of 10,000 tasks whose
completion times are drawn in the proportions of real plans (see bench_deadline.py), then
times ``build_schedule`` over the year 2025, best of several runs, and each export once the
schedule is built. The goal is under 0.5 s for the schedule.
"""

from __future__ import annotations

import platform
import time
from datetime import date

from bench_deadline import realistic_phrases

from kh_tthc import (
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    TaskNumber,
    Unit,
    WorkCalendar,
    parse_deadline,
)
from kh_tthc.schedule import EXPORTS, build_schedule

TASKS = 10_000
RUNS = 5


def big_plan(n: int) -> Plan:
    units = tuple(Unit(id=f"u{i}", name=f"Phòng {i}") for i in range(20))
    tasks = tuple(
        Task(
            number=TaskNumber((i // 100 + 1, i % 100 + 1)),
            title=f"Nhiệm vụ số {i + 1}",
            lead=(f"u{i % 20}",),
            support=(f"u{(i * 7) % 20}",),
            deadline=parse_deadline(phrase),
        )
        for i, phrase in enumerate(realistic_phrases(n, seed=7))
    )
    return Plan(
        issuer=Organization(name="Sở Khoa học và Công nghệ", abbreviation="SKHCN", place="Huế"),
        number=DocumentNumber(type_code="KH", issuer_code="SKHCN"),
        issued=IssueDate(year=2025),
        title="Kế hoạch lớn",
        period=DateSpan(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
        units=units,
        tasks=tasks,
    )


def main() -> None:
    plan = big_plan(TASKS)
    distinct = len({t.deadline for t in plan.tasks})
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(f"{TASKS:,} tasks, {distinct:,} distinct completion times, window: the year 2025")
    calendar = WorkCalendar.vietnam()
    calendar.add_working_days(date(2025, 1, 1), 1)  # build the holiday table outside the timing
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        agenda = build_schedule(plan, as_of=date(2025, 6, 16), calendar=calendar)
        best = min(best, time.perf_counter() - start)
    print(f"build_schedule: {best:.3f} s for {len(agenda):,} occurrences (best of {RUNS})")
    for name, export in EXPORTS.items():
        start = time.perf_counter()
        export(agenda)
        print(f"  export {name:5}: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
