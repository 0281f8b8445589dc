"""Rows to tasks: numbering, groups, continuation rows; no row ever dropped."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import Severity, TaskNumber, check_plan
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


def messages(result: object) -> list[tuple[str, str]]:
    return [(w.where, w.message) for w in result.warnings]  # type: ignore[attr-defined]


class TestRowRules:
    """One rule of ``rows_to_tasks`` each, with the warning it gives written out by hand
    (found by mutation testing, issue 11). The rows are illustrative."""

    def test_two_small_numbers_are_a_task_not_column_numbers(self) -> None:
        """The "(1) (2) (3)" row needs at least three numbers: "1", "2" is a task."""
        result = rows_to_tasks(HEADER, rows(("1", "2", "", "", "")), path=None)
        assert [(str(t.number), t.title) for t in result.tasks] == [("1", "2")]
        assert result.warnings == ()

    def test_three_column_numbers_are_skipped(self) -> None:
        r = rows(("(1)", "(2)", "(3)", "", ""), ("1", "Việc", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1"]
        assert messages(result) == [("row 2", "column numbers under the header; skipped")]

    def test_repeated_header_row_is_skipped(self) -> None:
        r = rows(
            ("1", "Việc", "", "", ""),
            ("STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"),
            ("2", "Việc khác", "", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "2"]
        assert messages(result) == [("row 3", "repeats the header row; skipped")]

    def test_one_empty_row_and_a_run_of_them(self) -> None:
        """One empty row is named alone; a run of them as "row 4 to 6"."""
        r = rows(
            ("1", "A", "", "", ""),
            ("", "", "", "", ""),
            ("2", "B", "", "", ""),
            ("", "", "", "", ""),
            (" ", "", "", "", ""),
            ("", "", "", "", ""),
            ("3", "C", "", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "2", "3"]
        assert messages(result) == [
            ("row 3", "empty row; skipped"),
            ("row 5 to 7", "empty rows; skipped"),
        ]

    def test_empty_rows_at_the_end_are_reported(self) -> None:
        r = rows(("1", "A", "", "", ""), ("", "", "", "", ""))
        assert messages(rows_to_tasks(HEADER, r, path=None)) == [("row 3", "empty row; skipped")]

    def test_continuation_with_nothing_above(self) -> None:
        r = rows(("", "", "Sở Y tế", "", ""), ("1", "A", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1"]
        assert result.tasks[0].lead == ()
        assert messages(result) == [
            (
                "row 2",
                "has no number and no task text, and no task above it; skipped",
            )
        ]

    def test_number_without_text_gets_the_placeholder(self) -> None:
        result = rows_to_tasks(HEADER, rows(("1", "", "Sở Y tế", "", "")), path=None)
        assert [(str(t.number), t.title) for t in result.tasks] == [("1", "[cần điền]")]
        assert messages(result) == [
            ("row 2", "has the number '1' but no task text; titled '[cần điền]'")
        ]

    def test_unknown_stt_without_text_becomes_the_title(self) -> None:
        """An STT that is no number and a row without text: the STT is the title."""
        result = rows_to_tasks(HEADER, rows(("Ghi nhớ", "", "", "", "")), path=None)
        assert [(str(t.number), t.title) for t in result.tasks] == [("1", "Ghi nhớ")]
        assert messages(result) == [
            ("row 2, task 1", "the STT 'Ghi nhớ' is not a number; numbered 1 at the top level")
        ]

    def test_number_in_brackets(self) -> None:
        """ "(2)" alone in the STT cell is the number 2; "(0)" is not a number."""
        r = rows(("(2)", "A", "", "", ""), ("(0)", "B", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["2", "2.1"]
        assert messages(result) == [
            ("row 3, task 2.1", "the STT '(0)' is not a number; numbered 2.1 under task 2")
        ]

    def test_roman_numbers_up_to_thirty_nine(self) -> None:
        """ "XXXIX" (39) opens a group; "IIII" is no Roman number, so not a group."""
        r = rows(("XXXIX", "Nhóm", "", "", ""), ("1", "A", "", "", ""), ("IIII", "B", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["39", "39.1", "39.1.1"]
        assert [t.group for t in result.tasks] == [True, True, False]

    def test_going_backwards_is_renumbered(self) -> None:
        """A number lower than the row before is renumbered after it, and a deeper number
        lower than it goes under it."""
        r = rows(("1", "A", "", "", ""), ("3", "B", "", "", ""), ("2", "C", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "3", "4"]
        assert messages(result) == [("row 4, task 4", "the number 2 comes after 3; renumbered 4")]
        r = rows(("2", "A", "", "", ""), ("1.1", "B", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["2", "2.1"]
        assert messages(result) == [
            ("row 3, task 2.1", "the number 1.1 comes after 2; renumbered 2.1")
        ]

    def test_renumbering_stops_at_the_next_group(self) -> None:
        """Rows under a renumbered group follow it; the next group ends that."""
        r = rows(
            ("1", "A", "", "", ""),
            ("1", "B", "", "", ""),
            ("1.1", "C", "", "", ""),
            ("3", "D", "", "", ""),
            ("3.1", "E", "", "", ""),
        )
        assert numbers(rows_to_tasks(HEADER, r, path=None)) == ["1", "2", "2.1", "3", "3.1"]

    def test_missing_groups_are_added_top_down(self) -> None:
        result = rows_to_tasks(HEADER, rows(("2.1.1", "A", "", "", "")), path=None)
        assert [(str(t.number), t.title, t.group) for t in result.tasks] == [
            ("2", "[cần điền] nhóm 2", True),
            ("2.1", "[cần điền] nhóm 2.1", True),
            ("2.1.1", "A", False),
        ]
        assert messages(result) == [
            (
                "row 2, task 2",
                "task 2.1.1 has no group row 2; added a group titled '[cần điền] nhóm 2'",
            ),
            (
                "row 2, task 2.1",
                "task 2.1.1 has no group row 2.1; added a group titled '[cần điền] nhóm 2.1'",
            ),
        ]

    def test_second_completion_time_goes_to_the_note(self) -> None:
        r = rows(("1", "A", "", "", "Năm 2025"), ("", "", "", "", "Quý IV/2025"))
        result = rows_to_tasks(HEADER, r, path=None)
        assert str(result.tasks[0].deadline) == "Năm 2025"
        assert result.tasks[0].note == "Thời gian hoàn thành: Quý IV/2025"
        assert messages(result)[1] == (
            "row 3, task 1",
            "a second completion time 'Quý IV/2025'; kept 'Năm 2025' and added this one to "
            "the note",
        )

    def test_same_completion_time_twice_is_no_second_one(self) -> None:
        """A continuation row repeating the time (in other case) adds nothing."""
        r = rows(("1", "A", "", "", "Năm 2025"), ("", "", "", "", "năm 2025"))
        result = rows_to_tasks(HEADER, r, path=None)
        assert result.tasks[0].note == ""
        assert len(result.warnings) == 1  # the continuation row only

    def test_year_of_the_plan_reads_dates_without_one(self) -> None:
        r = rows(("1", "A", "", "", "Trước ngày 28/5"))
        result = rows_to_tasks(HEADER, r, path=None, year=2026)
        deadline = result.tasks[0].deadline
        assert deadline is not None
        assert list(deadline.due_dates(date(2020, 1, 1), date(2030, 12, 31))) == [date(2026, 5, 28)]

    def test_lead_also_support_is_warned_and_kept_as_lead(self) -> None:
        result = rows_to_tasks(HEADER, rows(("1", "A", "Sở Y tế", "Sở Y tế", "")), path=None)
        assert result.tasks[0].support == ()
        assert len(result.tasks[0].lead) == 1
        assert messages(result) == [
            (
                "row 2, task 1",
                "'Sở Y tế' is named both to lead and to support; kept as lead only",
            )
        ]

    def test_extra_columns_named_twice_and_added_to(self) -> None:
        """Two extra columns with one name get "(2)"; a continuation row adds to a
        column with "; "."""
        header = match_header(
            ["STT", "Nội dung công việc", "Chủ trì", "Thời hạn", "Ghi chú", "ghi chú"]
        )
        assert header is not None
        r = rows(("1", "A", "", "", "x", "y"), ("", "", "", "", "z", ""))
        result = rows_to_tasks(header, r, path=None)
        assert result.tasks[0].extra == (("Ghi chú", "x; z"), ("ghi chú (2)", "y"))

    def test_a_wider_row_adds_a_column(self) -> None:
        """Text beyond the header's last column is kept under "Cột N"."""
        r = rows(("1", "A", "", "", "", "Sản phẩm"), ("2", "B", "", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert [t.extra for t in result.tasks] == [(("Cột 6", "Sản phẩm"),), ()]

    def test_bold_title_makes_a_group_among_plain_rows(self) -> None:
        bold = RawRow(cells=(Cell(text="1"), Cell(text="Nhóm", bold=True)), label="row 2")
        plain = RawRow(cells=(Cell(text="2"), Cell(text="Việc")), label="row 3")
        result = rows_to_tasks(HEADER, [bold, plain], path=None)
        assert [t.group for t in result.tasks] == [True, False]

    def test_bold_number_counts_when_the_title_cell_is_empty(self) -> None:
        """A group row merged across, its text in the bold STT cell."""
        bold = RawRow(cells=(Cell(text="1. Nhóm", bold=True), Cell(text="")), label="row 2")
        plain = RawRow(cells=(Cell(text="2"), Cell(text="Việc")), label="row 3")
        result = rows_to_tasks(HEADER, [bold, plain], path=None)
        assert [(str(t.number), t.title, t.group) for t in result.tasks] == [
            ("1", "Nhóm", True),
            ("2", "Việc", False),
        ]

    def test_continuation_row_is_reported(self) -> None:
        r = rows(("1", "A", "Sở Y tế", "", ""), ("", "", "Sở Nội vụ", "", ""))
        assert messages(rows_to_tasks(HEADER, r, path=None)) == [
            (
                "row 3, task 1",
                "has no number and no task text; its cells were added to the task above",
            )
        ]

    def test_warnings_are_warnings_of_the_file(self) -> None:
        """Every row warning is of severity warning and names the file and line."""
        r = [
            RawRow(cells=(Cell(text=""), Cell(text="")), label="row 2", line=2),
            RawRow(cells=(Cell(text="1"), Cell(text="A")), label="row 3", line=3),
        ]
        result = rows_to_tasks(HEADER, r, path=Path("k.csv"))
        assert [(w.severity, w.file, w.line, w.where) for w in result.warnings] == [
            (Severity.WARNING, Path("k.csv"), 2, "row 2")
        ]


class TestTwoRowHeaderRepeated:
    """A two-row header repeated inside the table (a table split over pages, as Word
    repeats header rows when a document is converted): both rows are skipped."""

    UPPER = ("STT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian")
    LOWER = ("", "", "Chủ trì", "Phối hợp", "")

    def header(self) -> object:
        from kh_tthc.importing import match_two_rows

        header = match_two_rows(list(self.UPPER), list(self.LOWER))
        assert header is not None
        return header

    def test_repeat_skipped(self) -> None:
        r = rows(("1", "A", "Sở Y tế", "", ""), self.UPPER, self.LOWER, ("2", "B", "", "", ""))
        result = rows_to_tasks(self.header(), r, path=None)  # type: ignore[arg-type]
        assert numbers(result) == ["1", "2"]
        assert [u.name for u in result.units] == ["Sở Y tế"]
        assert messages(result) == [
            ("row 3", "repeats the header row; skipped"),
            ("row 4", "repeats the header row; skipped"),
        ]

    @pytest.mark.xfail(
        strict=True,
        reason="found in issue 11 (mutant _widen 8): _Reader._widen rebuilds the header "
        "without its second_row, so after a row wider than the header the repeated lower "
        "header row is read as a continuation row: 'Chủ trì' and 'Phối hợp' become units",
    )
    def test_repeat_skipped_after_a_wider_row(self) -> None:
        r = rows(
            ("1", "A", "Sở Y tế", "", "", "Sản phẩm"),
            self.UPPER,
            self.LOWER,
            ("2", "B", "", "", ""),
        )
        result = rows_to_tasks(self.header(), r, path=None)  # type: ignore[arg-type]
        assert numbers(result) == ["1", "2"]
        assert [u.name for u in result.units] == ["Sở Y tế"]


def test_cells_past_the_row_are_empty() -> None:
    """A row shorter than the header: its missing cells, and a column the header lacks
    (None), read as empty cells."""
    row = RawRow(cells=(Cell(text="a"),))
    assert (row.cell(0), row.cell(1), row.cell(None)) == (Cell(text="a"), Cell(), Cell())
    assert (row.text(1), row.text(None)) == ("", "")
