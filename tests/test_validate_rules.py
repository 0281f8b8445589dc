"""Rules of plan validation that mutation testing (issue 11) found unchecked: the line a
completion-time problem names."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve

from kh_tthc import Plan, TaskNumber, check_plan, load_plan, parse_deadline
from kh_tthc.model import Source
from tests.conftest import SEED_PLAN


def test_unknown_phrase_warned_on_its_line(tmp_path: Path) -> None:
    """Row 3.2 of the seed with a completion time no rule reads: a warning on its line."""
    old = 'lead = ["cds"]\nsupport = ["vp", "co-tthc"]\ndeadline = "Thường xuyên"'
    new = 'lead = ["cds"]\nsupport = ["vp", "co-tthc"]\ndeadline = "Khi nào xong thì báo"'
    text = SEED_PLAN.read_text("utf-8")
    assert text.count(old) == 1
    path = tmp_path / "p.toml"
    path.write_text(text.replace(old, new), "utf-8")
    # The task's entry starts on the [[tasks]] line just above its number.
    line = text.splitlines().index('number = "3.2"')
    found = [(p.file, p.line, p.is_error, p.message) for p in check_plan(load_plan(path))]
    assert (
        path,
        line,
        False,
        "completion time 'Khi nào xong thì báo' is not a known phrase; it will not be "
        "scheduled (closest known form: 'Hàng tháng')",
    ) in found


def test_read_back_error_on_its_line(seed_plan: Plan) -> None:
    """A date built for another year than the plan's reads back otherwise from a file: the
    error names the task's line."""
    index = [t.number for t in seed_plan.tasks].index(TaskNumber.parse("3.2"))
    tasks = list(seed_plan.tasks)
    tasks[index] = evolve(tasks[index], deadline=parse_deadline("31/12", year=2024))
    lines = tuple(range(101, 101 + len(tasks)))  # illustrative line numbers
    plan = evolve(
        seed_plan, tasks=tuple(tasks), source=Source(path=Path("p.toml"), task_lines=lines)
    )
    found = [(p.line, p.where, p.message) for p in check_plan(plan) if p.where == "task 3.2"]
    assert found == [
        (
            101 + index,
            "task 3.2",
            "completion time '31/12' would read back from a plan file as by_date "
            "'Ngày 31/12/2025', not as by_date 'Ngày 31/12/2024' (build it with "
            "parse_deadline(text, year=...))",
        ),
        (
            101 + index,
            "task 3.2",
            "completion time '31/12' falls on 2024-12-31, outside the plan's period "
            "2025-09-01 – 2025-12-31",
        ),
    ]
