"""Rules of progress files that mutation testing (issue 11) found unchecked: where a TOML
key stands, the exact messages and places of malformed files, Excel sheets without a
progress table, and the text a CSV is written with."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from attrs import evolve
from openpyxl.chart import BarChart, Reference

from kh_tthc import (
    Indicator,
    Period,
    Plan,
    PlanFileError,
    PlanInvalid,
    Progress,
    ProgressRow,
    ProgressStatus,
    SourceUnreadable,
    TaskNumber,
    check_progress,
    dump_progress,
    dumps_progress,
    load_progress,
    loads_progress,
)
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.importing.xlsx import AmbiguousSheet
from kh_tthc.progress import _is_progress_header, _toml_line
from tests.fixtures_xlsx import workbook

Q4 = Period.quarter(2025, 4)
SOURCE = Path("q4.toml")

# A progress file in TOML, its lines numbered for the tests below:
#  1 plan, 2 period, 3 blank, 4 [[rows]], 5 task, 6 unit, 7 status, 8 blank,
#  9 [[rows]], 10 task, 11 status, 12 unit, 13 [rows.values], 14 dong-bo,
# 15 [[rows]], 16 unit, 17 task
LINES = [
    'plan = "/KH-SKHCN"',
    'period = "2025-Q4"',
    "",
    "[[rows]]",
    'task = "2.3.3"',
    'unit = "vp"',
    'status = "done"',
    "",
    "[[rows]]",
    'task = "3.3"',
    'status = "done"',
    'unit = "vp-mot-cua"',
    "[rows.values]",
    "dong-bo = 1",
    "[[rows]]",
    'unit = "vp"',
    'task = "2.3.3"',
]
ROWS = [4, 9, 15]


class TestTomlLine:
    """The line a key path stands on, as messages about a TOML progress file give it."""

    @pytest.mark.parametrize(
        ("where", "line"),
        [
            ("plan", 1),  # the first line of the file
            ("period", 2),
            ("difficulties", None),  # not in the file, and not in a row
            ("rows[0].task", 5),
            ("rows[0].status", 7),  # the row's last line before the next [[rows]]
            ("rows[1].task", 10),  # not the task of the row before
            ("rows[1].unit", 12),
            ("rows[1].values.dong-bo", 14),  # in the row's [rows.values] table
            ("rows[2].unit", 16),
            ("rows[2].task", 17),  # the last line of the file
            ("rows[0].values.dong-bo", 4),  # not in row 0: its [[rows]] line, not row 1's
            ("rows[1].proposal", 9),  # in no row: the row's own [[rows]] line
            ("rows[0].title", 4),
        ],
    )
    def test_line_of_key(self, where: str, line: int | None) -> None:
        assert _toml_line(where, LINES, ROWS) == line

    def test_rows_past_the_last_header(self) -> None:
        """A row index with no [[rows]] line (rows = [...] inline) searches the whole file."""
        assert _toml_line("rows[3].unit", LINES, ROWS) == 6
        assert _toml_line("rows[0].unit", LINES, []) == 6

    def test_indexed_keys(self) -> None:
        """An array element's path names the key the array stands on."""
        lines = ["period = 1", 'difficulties = ["a", [1]]']
        assert _toml_line("difficulties[1]", lines, []) == 2
        assert _toml_line("difficulties[1][0]", lines, []) == 2

    def test_row_without_its_key_keeps_to_its_row(self) -> None:
        """Row 0 has no 'values' but row 1 has: row 0's own line is given, never row 1's."""
        lines = ["[[rows]]", 'task = "1"', "[[rows]]", "values = 1", "[[rows]]"]
        assert _toml_line("rows[0].values", lines, [1, 3, 5]) == 1
        assert _toml_line("rows[1].values", lines, [1, 3, 5]) == 4
        lines = ["[[rows]]", 'task = "1"', "[[rows]]", "values = 1", "[[rows]]", "unit = 2"]
        assert _toml_line("rows[1].unit", lines, [1, 3, 5]) == 3

    def test_guard_problem_on_its_line(self, seed_plan: Plan) -> None:
        """A number the guard refuses (nan) is reported on its line, in the named file."""
        text = "\n".join([*LINES[:13], "dong-bo = nan", *LINES[14:]]) + "\n"
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan, format="toml", source=SOURCE)
        assert [(p.file, p.line, p.where, p.message) for p in exc.value.problems] == [
            (SOURCE, 14, "rows[1].values.dong-bo", "the number nan is not finite")
        ]


def _errors(text: str, plan: Plan, **kw: object) -> list[tuple[int | None, str, str]]:
    with pytest.raises(PlanInvalid) as exc:
        loads_progress(text, plan, format="toml", source=SOURCE, **kw)  # type: ignore[arg-type]
    assert all(p.file == SOURCE for p in exc.value.problems)
    return [(p.line, p.where, p.message) for p in exc.value.problems]


HEAD = 'plan = "/KH-SKHCN"\nperiod = "2025-Q4"\n'
ROW = '[[rows]]\ntask = "2.3.3"\nunit = "vp"\nstatus = "done"\n'


class TestTomlShapes:
    """Malformed TOML progress files: each problem with its exact message, line and place."""

    def test_invalid_toml_names_the_file(self, seed_plan: Plan) -> None:
        with pytest.raises(PlanFileError) as exc:
            loads_progress("period =\n", seed_plan, format="toml", source=SOURCE)
        assert exc.value.path == SOURCE

    def test_upper_case_key_on_its_line(self, seed_plan: Plan) -> None:
        assert _errors("Plan = 1\n" + HEAD + ROW, seed_plan) == [
            (1, "", "unknown key 'Plan' (did you mean 'plan'?)")
        ]

    def test_unknown_key_with_no_close_one(self, seed_plan: Plan) -> None:
        assert _errors(HEAD + "zzz = 1\n" + ROW, seed_plan) == [
            (
                3,
                "",
                "unknown key 'zzz' (expected one of: plan, period, difficulties, proposals, rows)",
            )
        ]

    def test_plan_not_a_string(self, seed_plan: Plan) -> None:
        """One problem: the number is not then read as an empty plan number."""
        text = 'plan = 5\nperiod = "2025-Q4"\n' + ROW
        assert _errors(text, seed_plan) == [(1, "plan", "plan: expected a string, got 5")]

    def test_lists_not_of_strings(self, seed_plan: Plan) -> None:
        text = HEAD + 'proposals = "Tăng kinh phí"\n' + ROW
        assert _errors(text, seed_plan) == [
            (3, "proposals", "proposals: expected an array of strings")
        ]

    def test_no_rows_key(self, seed_plan: Plan) -> None:
        """No rows at all: the file is empty, not malformed."""
        assert _errors(HEAD, seed_plan) == [(None, "", "empty progress file: no rows")]

    def test_rows_not_an_array(self, seed_plan: Plan) -> None:
        assert _errors(HEAD + 'rows = "none"\n', seed_plan) == [
            (None, "", "empty progress file: no rows"),
            (3, "rows", "rows: expected an array of tables ([[rows]])"),
        ]

    def test_rows_not_tables(self, seed_plan: Plan) -> None:
        """Every element that is not a table is named, not only the first."""
        assert _errors(HEAD + "rows = [1, 2]\n", seed_plan) == [
            (None, "", "rows[0]: expected a table"),
            (None, "", "rows[1]: expected a table"),
            (None, "", "empty progress file: no rows"),
        ]

    def test_unknown_row_key(self, seed_plan: Plan) -> None:
        assert _errors(HEAD + ROW + "note = 1\n", seed_plan) == [
            (
                3,
                "rows[0]",
                "unknown key 'note' (expected one of: task, unit, status, result, completed, "
                "values, difficulty, proposal, title)",
            )
        ]

    def test_values_not_a_table(self, seed_plan: Plan) -> None:
        assert _errors(HEAD + ROW + "values = 5\n", seed_plan) == [
            (3, "rows[0]", "values: expected a table such as { so-hoa = 92.5 }")
        ]

    def test_unknown_indicator(self, seed_plan: Plan) -> None:
        assert _errors(HEAD + ROW + "values = { xyz = 1 }\n", seed_plan) == [
            (3, "rows[0]", "unknown indicator 'xyz' in values")
        ]

    def test_period_from_the_caller(self, seed_plan: Plan) -> None:
        text = 'plan = "/KH-SKHCN"\n' + ROW
        progress = loads_progress(text, seed_plan, format="toml", period=Q4, source=SOURCE)
        assert progress.period == Q4
        assert progress.source == SOURCE
        assert [(str(r.task), r.unit, r.line) for r in progress.rows] == [("2.3.3", "vp", 2)]
        assert progress.rows_for(seed_plan.task("2.3.3")) == progress.rows
        assert progress.rows_for(seed_plan.task("3.3")) == ()


class TestCsvText:
    """The text a CSV progress file is written with, as Excel in Vietnamese shows it."""

    def test_numbers_with_a_decimal_comma(self, seed_plan: Plan) -> None:
        row = ProgressRow(
            task=TaskNumber.parse("2.3.3"),
            unit="vp",
            status=ProgressStatus.DONE,
            values={"so-hoa": 92.5, "dong-bo": 95.0},
        )
        text = dumps_progress(Progress(period=Q4, rows=(row,)), seed_plan)
        line = next(s for s in text.splitlines() if s.startswith("2.3.3,"))
        assert line.endswith(',"92,5",95')

    def test_unknown_extension(self, seed_plan: Plan, tmp_path: Path) -> None:
        with pytest.raises(SourceUnreadable) as exc:
            dump_progress(Progress(period=Q4), seed_plan, tmp_path / "q4.xlsx")
        assert (
            exc.value.reason == "unknown progress file extension '.xlsx' (expected .csv or .toml)"
        )


def _raw(*rows: list[str]) -> list[RawRow]:
    return [RawRow(cells=tuple(Cell(text=c) for c in r), line=i) for i, r in enumerate(rows, 1)]


class TestXlsxSheets:
    def test_progress_header(self) -> None:
        """The first row that is not a comment must name a task, a unit and a status."""
        assert _is_progress_header(_raw(["# period: 2025-Q4"], [], ["STT", "Đơn vị", "Trạng thái"]))
        assert not _is_progress_header(_raw(["STT", "Đơn vị"], ["task", "unit", "status"]))
        assert not _is_progress_header(_raw(["# plan: /KH-SKHCN"], [""]))
        assert not _is_progress_header([])

    def test_no_progress_sheet_reads_the_first(self, seed_plan: Plan, tmp_path: Path) -> None:
        """With no sheet holding a progress table, the first sheet is read and its problems
        reported; the second is not looked at."""
        book = workbook(
            tmp_path / "q4.xlsx",
            {"Ghi chú": [["task", "unit"], ["2.3.3", "vp"]], "Khác": [["Trạng thái"]]},
        )
        with pytest.raises(PlanInvalid) as exc:
            load_progress(book, seed_plan, period=Q4)
        assert [(p.line, p.message) for p in exc.value.problems] == [
            (1, "no 'status' column (headings accepted: status, tình trạng, trạng thái)"),
            (
                2,
                "missing status (expected one of: chưa thực hiện (not_started), đang thực hiện "
                "(in_progress), đã hoàn thành (done), hoàn thành quá hạn (done_late), không "
                "phát sinh (not_applicable))",
            ),
        ]
        assert {p.file for p in exc.value.problems} == {book}

    def test_no_worksheet(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A workbook of one chart sheet (illustrative) has no rows: an empty progress."""
        wb = openpyxl.Workbook()
        data = wb.active
        assert data is not None
        data.append([1])
        chart = BarChart()
        chart.add_data(Reference(data, min_col=1, min_row=1, max_row=1))
        wb.create_chartsheet("Biểu đồ").add_chart(chart)
        wb.remove(data)
        wb.save(tmp_path / "chart.xlsx")
        with pytest.raises(PlanInvalid) as exc:
            load_progress(tmp_path / "chart.xlsx", seed_plan, period=Q4)
        assert [p.message for p in exc.value.problems] == ["empty progress file: no rows"]

    def test_period_from_the_caller(self, seed_plan: Plan, tmp_path: Path) -> None:
        book = workbook(
            tmp_path / "q4.xlsx",
            {"Q4": [["task", "unit", "status"], ["3.3", "vp-mot-cua", "done"]]},
        )
        progress = load_progress(book, seed_plan, period=Q4)
        assert progress.period == Q4
        assert [(str(r.task), r.unit, r.line) for r in progress.rows] == [("3.3", "vp-mot-cua", 2)]

    def test_header_searched_in_the_first_rows_only(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A header below the first 30 rows is not looked for: with no sheet found, the first
        sheet is read."""
        late = [["# ghi chú"]] * 30 + [["task", "unit", "status"], ["3.3", "vp-mot-cua", "done"]]
        book = workbook(tmp_path / "q4.xlsx", {"Hướng dẫn": [["Ghi chú"]], "Q4": late})
        with pytest.raises(PlanInvalid) as exc:
            load_progress(book, seed_plan, period=Q4)
        assert "unknown column 'Ghi chú'" in exc.value.problems[1].message

    def test_two_sheets_message(self, seed_plan: Plan, tmp_path: Path) -> None:
        cells = [["task", "unit", "status"], ["3.3", "vp-mot-cua", "done"]]
        book = workbook(tmp_path / "two.xlsx", {"A": cells, "B": cells})
        with pytest.raises(AmbiguousSheet) as exc:
            load_progress(book, seed_plan, period=Q4)
        assert exc.value.path == book
        assert exc.value.problem.message == (
            "several sheets hold a progress table: 'A', 'B'; keep one per file"
        )


class TestIndicatorValues:
    """A "%" after a value is read for a "%" indicator only."""

    def test_percent_sign(self, seed_plan: Plan) -> None:
        text = 'task,unit,status,so-hoa\n2.3.3,vp,done,"95,5%"\n'
        progress = loads_progress(text, seed_plan, period=Q4)
        assert progress.rows[0].value("so-hoa") == 95.5

    def test_percent_sign_on_a_count(self, seed_plan: Plan) -> None:
        """An illustrative count indicator ("hồ sơ") added to task 3.3: "12%" is refused."""
        index = [t.number for t in seed_plan.tasks].index(TaskNumber.parse("3.3"))
        tasks = list(seed_plan.tasks)
        count = Indicator(id="ho-so", name="Hồ sơ tiếp nhận", target=50, unit="hồ sơ")
        tasks[index] = evolve(tasks[index], indicators=(*tasks[index].indicators, count))
        plan = evolve(seed_plan, tasks=tuple(tasks))
        text = "task,unit,status,ho-so\n3.3,vp-mot-cua,done,12%\n"
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, plan, period=Q4)
        assert [(p.line, p.where, p.message) for p in exc.value.problems] == [
            (2, "task 3.3", "indicator 'ho-so': expected a number such as 95,5, got '12%'")
        ]


def test_unknown_task_names_no_task(seed_plan: Plan) -> None:
    """A problem about a task number the plan lacks is about no task of the plan."""
    row = ProgressRow(task=TaskNumber.parse("9.9"), unit="vp", status=ProgressStatus.DONE)
    problems = check_progress(seed_plan, Progress(period=Q4, rows=(row,)))
    assert [(p.where, p.message) for p in problems] == [
        ("", "unknown task number '9.9' (not in the plan)")
    ]
