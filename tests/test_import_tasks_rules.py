"""Rules of ``rows_to_tasks`` each with the tasks and warnings written out by hand (found
by mutation testing, issue 11, round 4).

Every row here is illustrative, made for these tests. Labels are written as the Word
reader writes them ("table 1, row 2"); rows without a label are as the CSV reader gives
them (a line number only).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from kh_tthc.importing import MAX_ROWS, Cell, RawRow, UnsafeSource, match_header, rows_to_tasks
from kh_tthc.importing.tasks import TableResult

_HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def _rows(*data: tuple[str, ...], bold: tuple[bool, ...] = ()) -> list[RawRow]:
    """Rows labelled "table 1, row 2", "table 1, row 3"... with line 2, 3...; a row whose
    place in ``bold`` is True has bold cells."""
    return [
        RawRow(
            cells=tuple(Cell(text=t, bold=i - 2 < len(bold) and bold[i - 2]) for t in cells),
            label=f"table 1, row {i}",
            line=i,
        )
        for i, cells in enumerate(data, start=2)
    ]


def _read(rows: list[RawRow]) -> TableResult:
    assert _HEADER is not None
    return rows_to_tasks(_HEADER, rows, path=None)


def _numbers(result: TableResult) -> list[str]:
    return [str(t.number) for t in result.tasks]


def _messages(result: TableResult) -> list[tuple[str, str]]:
    return [(w.where, w.message) for w in result.warnings]


def _unit_names(result: TableResult, ids: tuple[str, ...]) -> list[str]:
    names = {u.id: u.name for u in result.units}
    return [names[i] for i in ids]


class TestBold:
    def test_a_bold_number_with_an_empty_task_cell_makes_a_group(self) -> None:
        """With the task cell empty, the STT cell's bold is the row's bold (not the empty
        task cell's)."""
        rows = _rows(("1", ""), ("2", "Việc"))
        first = RawRow(
            cells=(Cell(text="1", bold=True), Cell(text="")),
            label=rows[0].label,
            line=rows[0].line,
        )
        result = _read([first, rows[1]])
        assert [(str(t.number), t.title, t.group) for t in result.tasks] == [
            ("1", "[cần điền]", True),
            ("2", "Việc", False),
        ]

    def test_a_placeholder_title_says_nothing_about_bold(self) -> None:
        """Rows titled "[cần điền]" are left out when asking whether every titled row is
        bold: the other rows all bold, bold marks no group."""
        result = _read(
            _rows(("1", "Việc"), ("2", ""), ("3", "Việc khác"), bold=(True, False, True))
        )
        assert [(str(t.number), t.title, t.group) for t in result.tasks] == [
            ("1", "Việc", False),
            ("2", "[cần điền]", False),
            ("3", "Việc khác", False),
        ]


class TestCells:
    def test_a_continuation_row_adds_to_the_support_units(self) -> None:
        """The support units of a continuation row come after the task's own."""
        result = _read(
            _rows(("1", "Việc", "Sở Y tế", "Sở Nội vụ", ""), ("", "", "", "Sở Tài chính", ""))
        )
        (task,) = result.tasks
        assert _unit_names(result, task.lead) == ["Sở Y tế"]
        assert _unit_names(result, task.support) == ["Sở Nội vụ", "Sở Tài chính"]

    def test_a_unit_kept_whole_at_a_comma_is_reported(self) -> None:
        """ "Kế hoạch" after the comma names no body, so the cell is one unit."""
        result = _read(_rows(("1", "Việc", "Bộ Tài chính, Kế hoạch", "", "")))
        assert _unit_names(result, result.tasks[0].lead) == ["Bộ Tài chính, Kế hoạch"]
        assert _messages(result) == [
            (
                "table 1, row 2, task 1",
                "kept 'Bộ Tài chính, Kế hoạch' as one unit: the part after the comma does "
                "not begin with the name of a body (Bộ, Sở, Phòng...); split the cell if it "
                "is two",
            )
        ]

    def test_an_empty_completion_time_is_reported_and_kept_in_the_note(self) -> None:
        """ "..." (dots left to fill in) is an empty completion time: no deadline, the
        text goes to the note, and the warning names the row, line and task."""
        result = _read(_rows(("1", "Việc", "", "", "..."), ("2", "Việc khác", "", "", "")))
        assert [(t.deadline, t.note) for t in result.tasks] == [
            (None, "Thời gian hoàn thành: ..."),
            (None, ""),
        ]
        assert [(w.where, w.line, w.message) for w in result.warnings] == [
            (
                "table 1, row 2, task 1",
                2,
                "completion time not read (unknown completion time '...': the phrase is "
                "empty); kept in the note",
            )
        ]


class TestEmptyRows:
    def test_a_run_of_empty_rows_is_named_from_first_to_last(self) -> None:
        """The run is named "table 1, row 3 to 5" (the last row's number only) at the
        first row's line."""
        result = _read(
            _rows(("1", "A"), ("", ""), ("", " "), ("", ""), ("2", "B")),
        )
        assert _numbers(result) == ["1", "2"]
        assert [(w.where, w.line, w.message) for w in result.warnings] == [
            ("table 1, row 3 to 5", 3, "empty rows; skipped"),
        ]

    def test_a_run_of_empty_rows_without_labels(self) -> None:
        """CSV rows have no label: the warning gives the first line alone."""
        raw = [
            RawRow(cells=(Cell(text="1"), Cell(text="A")), line=2),
            RawRow(cells=(Cell(), Cell()), line=3),
            RawRow(cells=(Cell(), Cell()), line=4),
        ]
        result = _read(raw)
        assert [(w.where, w.line, w.message) for w in result.warnings] == [
            ("", 3, "empty rows; skipped"),
        ]


class TestNumbering:
    def test_unnumbered_rows_count_on_under_their_parent(self) -> None:
        """Two unnumbered rows under task 1 are 1.1 and 1.2; the warning of a row with an
        empty STT says "no number (STT)"."""
        result = _read(_rows(("1", "Việc"), ("-", "- Ý một"), ("", "Ý hai")))
        assert _numbers(result) == ["1", "1.1", "1.2"]
        assert _messages(result) == [
            ("table 1, row 3, task 1.1", "the STT '-' is not a number; numbered 1.1 under task 1"),
            ("table 1, row 4, task 1.2", "no number (STT); numbered 1.2 under task 1"),
        ]

    def test_unnumbered_rows_are_counted_per_parent(self) -> None:
        """An unnumbered row at the top level does not count under task 2: the first
        unnumbered row under 2 is 2.1."""
        result = _read(_rows(("", "Mở đầu"), ("2", "B"), ("", "B con")))
        assert _numbers(result) == ["1", "2", "2.1"]
        assert _messages(result) == [
            ("table 1, row 2, task 1", "no number (STT); numbered 1 at the top level"),
            ("table 1, row 4, task 2.1", "no number (STT); numbered 2.1 under task 2"),
        ]

    def test_a_number_repeated_three_times(self) -> None:
        """Each repeat is renumbered after the row before; the warning gives the number as
        written, not as the first renumbering changed it."""
        result = _read(_rows(("1", "A"), ("1", "B"), ("1", "C")))
        assert _numbers(result) == ["1", "2", "3"]
        assert _messages(result) == [
            ("table 1, row 3, task 2", "the number 1 repeats an earlier number; renumbered 2"),
            ("table 1, row 4, task 3", "the number 1 repeats an earlier number; renumbered 3"),
        ]

    def test_renumbering_does_not_reach_another_group(self) -> None:
        """After 1 is renumbered 2, the rows under 1 follow it; 3.1 is under another group
        and keeps its number (its missing group 3 is added)."""
        result = _read(_rows(("1", "A"), ("1", "B"), ("1.1", "C"), ("3.1", "D")))
        assert [(str(t.number), t.title) for t in result.tasks] == [
            ("1", "A"),
            ("2", "B"),
            ("2.1", "C"),
            ("3", "[cần điền] nhóm 3"),
            ("3.1", "D"),
        ]
        assert _messages(result) == [
            ("table 1, row 3, task 2", "the number 1 repeats an earlier number; renumbered 2"),
            (
                "table 1, row 5, task 3",
                "task 3.1 has no group row 3; added a group titled '[cần điền] nhóm 3'",
            ),
        ]

    def test_a_missing_group_is_added_once(self) -> None:
        """The second task under the same missing groups finds them added."""
        result = _read(_rows(("2.1.1", "A"), ("2.1.2", "B")))
        assert [(str(t.number), t.group) for t in result.tasks] == [
            ("2", True),
            ("2.1", True),
            ("2.1.1", False),
            ("2.1.2", False),
        ]
        assert [w.where for w in result.warnings] == [
            "table 1, row 2, task 2",
            "table 1, row 2, task 2.1",
        ]


@functools.cache
def _empty_rows() -> tuple[RawRow, ...]:
    """MAX_ROWS + 1 empty rows labelled "row 1", "row 2"..., built once."""
    empty = Cell()
    return tuple(RawRow(cells=(empty,), label=f"row {i}") for i in range(1, MAX_ROWS + 2))


class TestRowLimit:
    """The limit counts rows from one: MAX_ROWS rows are read, one more is refused.
    Empty rows are the cheapest to read (a few milliseconds for all of them)."""

    def test_as_many_rows_as_the_limit_are_read(self) -> None:
        result = _read(list(_empty_rows()[:MAX_ROWS]))
        assert result.tasks == ()
        assert _messages(result) == [(f"row 1 to {MAX_ROWS}", "empty rows; skipped")]

    def test_one_row_more_is_refused(self) -> None:
        assert _HEADER is not None
        with pytest.raises(UnsafeSource, match=f"more than {MAX_ROWS} rows"):
            rows_to_tasks(_HEADER, _empty_rows(), path=Path("big.csv"))
