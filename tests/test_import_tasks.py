"""Rows to tasks: numbering, groups, continuation rows; no row ever dropped."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import TaskNumber, check_plan
from kh_tthc.importing import (
    MAX_ROWS,
    Cell,
    FrontMatter,
    RawRow,
    UnsafeSource,
    build_plan,
    match_header,
    rows_to_tasks,
)

HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def rows(*data: tuple[str, ...]) -> list[RawRow]:
    return [
        RawRow(cells=tuple(Cell(text=t) for t in cells), label=f"row {i}")
        for i, cells in enumerate(data, start=2)
    ]


def numbers(result: object) -> list[str]:
    return [str(t.number) for t in result.tasks]  # type: ignore[attr-defined]


class TestNumbering:
    def test_roman_groups_restart(self) -> None:
        """Numbers that restart under Roman groups become hierarchical."""
        r = rows(
            ("I", "Nhóm một", "", "", ""),
            ("1", "Việc a", "A", "", ""),
            ("2", "Việc b", "A", "", ""),
            ("II", "Nhóm hai", "", "", ""),
            ("1", "Việc c", "A", "", ""),
            ("1.1", "Việc d", "A", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.2", "2", "2.1", "2.1.1"]
        assert [t.group for t in result.tasks] == [True, False, False, True, True, False]
        assert result.warnings == ()

    def test_dotted_group_numbers(self) -> None:
        """ "1." and "2.1" are numbers as they are; rows with children are groups."""
        r = rows(
            ("1.", "Nhóm", "", "", ""), ("1.1", "Việc", "A", "", ""), ("2", "Việc", "", "", "")
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "2"]
        assert [t.group for t in result.tasks] == [True, False, False]

    def test_number_in_the_task_cell(self) -> None:
        """A number written at the start of the task text, with an empty STT, is used."""
        r = rows(("", "1. Nhóm", "", "", ""), ("", "1.1 Việc", "A", "", ""))
        assert numbers(rows_to_tasks(HEADER, r, path=None)) == ["1", "1.1"]

    def test_unnumbered_rows_go_under_the_last_number(self) -> None:
        """Bullet rows without a number are numbered under the last numbered row, with a
        warning naming the row."""
        r = rows(
            ("1", "Việc", "A", "", ""), ("-", "- Ý một", "B", "", ""), ("", "Ý hai", "", "", "")
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.2"]
        assert result.tasks[1].title == "Ý một"
        assert [w.where.split(",")[0] for w in result.warnings] == ["row 3", "row 4"]

    def test_duplicate_is_renumbered(self) -> None:
        """A number used twice is renumbered after the previous one, and reported."""
        r = rows(
            ("1", "A", "", "", ""),
            ("2", "B", "", "", ""),
            ("2", "C", "", "", ""),
            ("2.1", "D", "", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "2", "3", "3.1"]
        assert "repeats" in result.warnings[0].message

    def test_missing_group_gets_a_placeholder(self) -> None:
        """A number whose group row is missing gets a reported placeholder group."""
        r = rows(("1", "A", "", "", ""), ("1.1.1", "B", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.1.1"]
        assert "no group row 1.1" in result.warnings[0].message

    def test_continuation_row_adds_units(self) -> None:
        """A row with neither number nor task text adds its units to the task above."""
        r = rows(("1", "A", "Sở Y tế", "", "Năm 2025"), ("", "", "Sở Tài chính", "Sở Nội vụ", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert len(result.tasks) == 1
        names = {u.id: u.name for u in result.units}
        assert [names[i] for i in result.tasks[0].lead] == ["Sở Y tế", "Sở Tài chính"]
        assert [names[i] for i in result.tasks[0].support] == ["Sở Nội vụ"]
        assert result.warnings[0].where == "row 3, task 1"


_STT = st.sampled_from(["", "-", "1", "1.", "2", "1.1", "2.1", "I", "II", "a)", "x", "0", "3.2.1"])
_TEXT = st.sampled_from(
    [
        "",
        "",
        "Sở Y tế",
        "- A; - B.",
        "Thường xuyên",
        "Năm 2025",
        "STT",
        "(1)",
        "Chủ trì",
        "Thời hạn",
    ]
)


@st.composite
def random_rows(draw: st.DrawFn) -> list[RawRow]:
    count = draw(st.integers(min_value=0, max_value=25))
    out = []
    for i in range(count):
        title = draw(st.sampled_from(["", f"Việc số {i}", "Nội dung công việc"]))
        cells = (draw(_STT), title, draw(_TEXT), draw(_TEXT), draw(_TEXT))
        out.append(RawRow(cells=tuple(Cell(text=c) for c in cells), label=f"row {i}"))
    return out


def _labels(where: str) -> set[int]:
    m = re.match(r"row (\d+)(?: to (\d+))?", where)
    if not m:
        return set()
    first = int(m.group(1))
    return set(range(first, int(m.group(2) or first) + 1))


class TestNeverDropARow:
    @settings(max_examples=200)
    @given(random_rows())
    def test_every_row_is_a_task_or_a_warning(self, raw: list[RawRow]) -> None:
        """Each row either gives a task (found by its unique text) or is named by a warning."""
        result = rows_to_tasks(HEADER, raw, path=None)
        warned = set().union(*(_labels(w.where) for w in result.warnings))
        titles = Counter(t.title for t in result.tasks)
        silent = Counter(row.cells[1].text for i, row in enumerate(raw) if i not in warned)
        for title, count in silent.items():
            assert title, "a row without task text vanished without a warning"
            assert titles[title] >= count, f"a row {title!r} vanished"

    @settings(max_examples=200)
    @given(random_rows())
    def test_plan_is_always_valid(self, raw: list[RawRow]) -> None:
        """Whatever the rows, the assembled plan passes the plan checks without errors."""
        table = rows_to_tasks(HEADER, raw, path=None)
        result = build_plan(FrontMatter(), table, path=None)
        assert not [p for p in check_plan(result.plan) if p.is_error]
        assert all(not p.is_error for p in result.warnings)

    def test_too_many_rows(self) -> None:
        """More rows than the limit is refused with a message that gives the limit."""
        many = (RawRow(cells=(Cell(text=str(i + 1)), Cell(text="x"))) for i in range(MAX_ROWS + 1))
        with pytest.raises(UnsafeSource, match=str(MAX_ROWS)):
            rows_to_tasks(HEADER, many, path=Path("big.csv"))


def test_task_number_is_kept_as_written() -> None:
    """A table numbered as the plan file numbers gives the same numbers back."""
    r = rows(*[(n, f"V{n}", "", "", "") for n in ("1", "1.1", "1.1.1", "1.2", "2", "10")])
    assert [t.number for t in rows_to_tasks(HEADER, r, path=None).tasks] == [
        TaskNumber.parse(n) for n in ("1", "1.1", "1.1.1", "1.2", "2", "10")
    ]


@pytest.mark.parametrize(
    "module", ["headers", "rows", "units", "tasks", "front_matter", "result", "docx", "csv"]
)
def test_docstring_examples(module: str) -> None:
    """The examples in the import modules' docstrings run as written."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"kh_tthc.importing.{module}"))
    assert result.failed == 0
