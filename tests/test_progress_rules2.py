"""More rules of progress files that mutation testing (issue 11) found unchecked: the place
(line and task or field) of every problem as the command prints it, the indicator values
a row may hold, the plan's number and period at their bounds, the CSV text as written and
read (delimiter, line ends, comments), and the messages of files that cannot be read.

Every problem is compared as ``str(problem)``, the one line the command prints: file, line,
the task or field the problem is about, and the message.
"""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from attrs import evolve
from openpyxl.chart import BarChart, Reference

from kh_tthc import (
    DocumentNumber,
    Period,
    Plan,
    PlanInvalid,
    Progress,
    ProgressRow,
    ProgressStatus,
    SourceUnreadable,
    TaskNumber,
    check_progress,
    dumps_progress,
    loads_progress,
    read_progress,
)
from kh_tthc.model import DateSpan
from kh_tthc.progress import _delimiter

Q4 = Period.quarter(2025, 4)
CSV = Path("q4.csv")
TOML = Path("q4.toml")
DONE = ProgressStatus.DONE
STATUSES = (
    "chưa thực hiện (not_started), đang thực hiện (in_progress), đã hoàn thành (done), "
    "hoàn thành quá hạn (done_late), không phát sinh (not_applicable)"
)
# The seed plan's unit ids, sorted: what a message about an unknown unit lists.
UNITS = (
    "cds, chuyen-mon-co-tthc, cntt, co-pakn, co-tthc, phong, phong-don-vi, soan-thao, vp, "
    "vp-mot-cua"
)


def _row(task: str, unit: str, line: int | None = None, **kw: object) -> ProgressRow:
    return ProgressRow(task=TaskNumber.parse(task), unit=unit, status=DONE, line=line, **kw)  # type: ignore[arg-type]


def _checked(plan: Plan, /, *rows: ProgressRow, **kw: object) -> list[str]:
    progress = Progress(period=kw.pop("period", Q4), rows=rows, source=CSV, **kw)  # type: ignore[arg-type]
    return [str(p) for p in check_progress(plan, progress)]


def _read_errors(text: str, plan: Plan, fmt: str = "csv", **kw: object) -> list[str]:
    with pytest.raises(PlanInvalid) as exc:
        loads_progress(text, plan, format=fmt, source=CSV if fmt == "csv" else TOML, **kw)  # type: ignore[arg-type]
    return [str(p) for p in exc.value.problems]


class TestCheckProgress:
    """Problems of rows built in code, each with its row's line and task."""

    def test_indicator_values(self, seed_plan: Plan) -> None:
        """0 and 0.5 are values a unit may give; a negative, an infinite value and an
        indicator the plan lacks are not."""
        rows = (
            _row("2.3.3", "vp", 5, values={"xyz": 1, "so-hoa": -1}),
            _row("3.3", "vp-mot-cua", 6, values={"dong-bo": 0}),
            _row("3.3", "co-tthc", 7, values={"dong-bo": 0.5}),
            _row("2.3.3", "cds", 8, values={"so-hoa": float("inf")}),
        )
        assert _checked(seed_plan, *rows) == [
            "q4.csv:5: task 2.3.3: indicator 'so-hoa': expected a number of 0 or more, got -1.0",
            "q4.csv:5: task 2.3.3: unknown indicator 'xyz'",
            "q4.csv:8: task 2.3.3: indicator 'so-hoa': expected a number of 0 or more, got inf",
        ]

    def test_unit_and_indicator_of_another_task(self, seed_plan: Plan) -> None:
        rows = (
            _row("3.2", "cntt", 3),
            _row("3.3", "vp-mot-cua", 4, values={"so-hoa": 1}),
        )
        assert _checked(seed_plan, *rows) == [
            "q4.csv:3: task 3.2: unit 'cntt' is neither lead nor support of this task "
            "(expected one of: cds, vp, co-tthc)",
            "q4.csv:4: task 3.3: a value for indicator 'so-hoa', which belongs to task 2.3.3",
        ]

    def test_unknown_unit_lists_the_plans_units(self, seed_plan: Plan) -> None:
        assert _checked(seed_plan, _row("3.3", "zz", 2)) == [
            f"q4.csv:2: task 3.3: unknown unit 'zz' (expected an id or a name: {UNITS})"
        ]

    def test_unknown_unit_of_a_plan_without_units(self, seed_plan: Plan) -> None:
        plan = evolve(seed_plan, units=())
        assert _checked(plan, _row("2.4", "vp", 2)) == [
            "q4.csv:2: task 2.4: unknown unit 'vp' (expected an id or a name: none declared)"
        ]

    def test_unknown_task_and_unit(self, seed_plan: Plan) -> None:
        """A task number the plan lacks gets the closest one as a hint; the row's other
        problems then name no task."""
        progress = Progress(period=Q4, rows=(_row("2.3.4", "zz", 2),))
        assert [(p.line, p.where, p.message) for p in check_progress(seed_plan, progress)] == [
            (2, "", "unknown task number '2.3.4' (not in the plan; did you mean 2.3.3?)"),
            (2, "", f"unknown unit 'zz' (expected an id or a name: {UNITS})"),
        ]

    def test_rows_of_an_unknown_task_are_not_duplicates(self, seed_plan: Plan) -> None:
        """Two rows of a task the plan lacks are two unknown tasks, not a duplicate."""
        message = "unknown task number '9.9' (not in the plan)"
        assert _checked(seed_plan, _row("9.9", "vp", 2), _row("9.9", "vp", 3)) == [
            f"q4.csv:2: {message}",
            f"q4.csv:3: {message}",
        ]

    def test_period_outside_the_plan(self, seed_plan: Plan) -> None:
        assert _checked(seed_plan, period=Period.quarter(2026, 3)) == [
            "q4.csv: period: period Quý III/2026 (data from 15/6/2026 – 14/9/2026) is outside "
            "the plan's period 2025-09-01 – 2025-12-31"
        ]

    @pytest.mark.parametrize(
        ("start", "end", "problems"),
        [
            # Quý III/2025's window ends 14/9/2025, Quý I/2026's starts 15/12/2025.
            (date(2025, 9, 14), date(2025, 12, 15), 0),
            (date(2025, 9, 15), date(2025, 12, 14), 1),
        ],
    )
    def test_period_at_the_plans_bounds(
        self, seed_plan: Plan, start: date, end: date, problems: int
    ) -> None:
        """A window that meets the plan's period on its first or last day is in it."""
        plan = evolve(seed_plan, period=DateSpan(start=start, end=end))
        assert len(_checked(plan, period=Period.quarter(2025, 3))) == problems
        assert len(_checked(plan, period=Period.quarter(2026, 1))) == problems

    def test_plan_number(self, seed_plan: Plan) -> None:
        """A draft's number matches the signed plan; a signed number must be the plan's."""
        plan = evolve(seed_plan, number=DocumentNumber.parse("05/KH-SKHCN"))
        assert _checked(plan, plan="/KH-SKHCN") == []
        assert _checked(plan, plan="05/KH-SKHCN") == []
        assert _checked(plan, plan="06/KH-SKHCN") == [
            "q4.csv: plan: this progress file is for plan '06/KH-SKHCN', not '05/KH-SKHCN'"
        ]


HEAD = "# period: 2025-Q4\ntask,unit,status,completed\n"


class TestCsvRows:
    """Problems of CSV rows, each with its line and the task it is about."""

    def test_each_field_on_its_task(self, seed_plan: Plan) -> None:
        text = HEAD + "3.3,,,31/02/2025\n3.3,vp-mot-cua,xong,\n,zz,done,\n,,done,\n"
        assert _read_errors(text, seed_plan) == [
            "q4.csv:3: task 3.3: missing unit (đơn vị): give its id, such as 'vp'",
            f"q4.csv:3: task 3.3: missing status (expected one of: {STATUSES})",
            "q4.csv:3: task 3.3: bad completion date '31/02/2025' (expected day/month/year "
            "such as 20/11/2025)",
            f"q4.csv:4: task 3.3: unknown status 'xong' (expected one of: {STATUSES})",
            "q4.csv:5: missing task number",
            f"q4.csv:5: unknown unit 'zz' (expected an id or a name: {UNITS})",
            "q4.csv:6: missing task number",
            "q4.csv:6: missing unit (đơn vị): give its id, such as 'vp'",
        ]

    def test_rows_without_a_unit_are_not_duplicates(self, seed_plan: Plan) -> None:
        message = "task 3.3: missing unit (đơn vị): give its id, such as 'vp'"
        assert _read_errors(HEAD + "3.3,,done,\n3.3,,done,\n", seed_plan) == [
            f"q4.csv:3: {message}",
            f"q4.csv:4: {message}",
        ]

    def test_unit_id_in_capitals(self, seed_plan: Plan) -> None:
        progress = loads_progress(HEAD + "3.3,VP-MOT-CUA,done,\n", seed_plan)
        assert [r.unit for r in progress.rows] == ["vp-mot-cua"]

    def test_an_empty_cell_past_the_header(self, seed_plan: Plan) -> None:
        """Excel writes empty cells past the last heading: they are not extra cells."""
        progress = loads_progress(HEAD + "3.3,vp-mot-cua,done,,,\n", seed_plan)
        assert [(str(r.task), r.line) for r in progress.rows] == [("3.3", 3)]

    def test_extra_cells(self, seed_plan: Plan) -> None:
        assert _read_errors(HEAD + "3.3,vp-mot-cua,done,,x\n", seed_plan) == [
            "q4.csv:3: 5 cells but the header on line 2 has 4"
        ]

    def test_unknown_column_with_no_close_heading(self, seed_plan: Plan) -> None:
        text = "task,unit,status,zzzz\n3.3,vp-mot-cua,done,\n"
        assert _read_errors(text, seed_plan, period=Q4) == [
            "q4.csv:1: column 4: unknown column 'zzzz' (expected: completed, difficulty, "
            "dong-bo, proposal, result, so-hoa, status, task, title, unit)"
        ]

    def test_column_twice(self, seed_plan: Plan) -> None:
        """The second column of a field is left out: its cells are not read at all."""
        text = "task,unit,status,unit\n3.3,vp-mot-cua,done,vp\n"
        assert _read_errors(text, seed_plan, period=Q4) == [
            "q4.csv:1: column 4: column 'unit' given twice (also column 2)"
        ]


class TestCsvHeaderLines:
    """The "#" lines above the header: plan and period, or comments."""

    def test_bad_plan_number(self, seed_plan: Plan) -> None:
        """A plan number followed by more cells is read as one text, the cells joined."""
        text = "# plan: 05/KH-SKHCN,ngày 5/9/2025\n" + HEAD + "3.3,vp-mot-cua,done,\n"
        assert _read_errors(text, seed_plan) == [
            "q4.csv:1: plan: invalid document number '05/KH-SKHCN, ngày 5/9/2025' (expected "
            "such as '05/KH-SKHCN', or '/KH-SKHCN' for a draft)"
        ]

    def test_value_with_a_colon(self, seed_plan: Plan) -> None:
        """The name ends at the first ":"."""
        text = "# Kế hoạch: Số: 05/KH-SKHCN\n" + HEAD + "3.3,vp-mot-cua,done,\n"
        assert str(loads_progress(text, seed_plan).plan) == "05/KH-SKHCN"

    @pytest.mark.parametrize("comment", ["# period", "#Xperiod: 2030-Q1", "#, kỳ: 2030-Q1"])
    def test_comments(self, seed_plan: Plan, comment: str) -> None:
        """A "#" line that does not start with a name and ":" is a comment."""
        progress = loads_progress(comment + "\n" + HEAD + "3.3,vp-mot-cua,done,\n", seed_plan)
        assert progress.period == Q4

    def test_period_twice(self, seed_plan: Plan) -> None:
        text = HEAD.replace("\n", "\n# kỳ: 2025-Q4\n", 1) + "3.3,vp-mot-cua,done,\n"
        assert _read_errors(text, seed_plan) == [
            "q4.csv:2: period: 'period' given twice (first on line 1)"
        ]

    def test_bad_period(self, seed_plan: Plan) -> None:
        text = HEAD.replace("Q4", "Q9") + "3.3,vp-mot-cua,done,\n"
        assert _read_errors(text, seed_plan) == [
            "q4.csv:1: period: not a reporting period '2025-Q9': a quarter is I, II, III or IV"
        ]

    def test_period_not_the_callers(self, seed_plan: Plan) -> None:
        text = HEAD + "3.3,vp-mot-cua,done,\n"
        assert _read_errors(text, seed_plan, period=Period.quarter(2025, 3)) == [
            "q4.csv:1: period: this progress file is for Quý IV/2025, not Quý III/2025"
        ]

    def test_no_period(self, seed_plan: Plan) -> None:
        assert _read_errors("task,unit,status\n3.3,vp-mot-cua,done\n", seed_plan) == [
            "q4.csv: period: no reporting period: write '# period: 2025-Q4' above the header "
            'row (period = "2025-Q4" in TOML) or pass one'
        ]


class TestCsvText:
    """Delimiters and line ends as spreadsheets write them."""

    @pytest.mark.parametrize(
        "text",
        [
            "\ntask;unit;status\n3.3;vp-mot-cua;done\n",  # a blank first line
            "# period: 2025-Q4\ntask;unit;status\n3.3;vp-mot-cua;done\n",  # a comment first
            " # period: 2025-Q4\ntask;unit;status\n3.3;vp-mot-cua;done\n",  # indented
        ],
    )
    def test_semicolons(self, seed_plan: Plan, text: str) -> None:
        """The first line that is neither blank nor a comment decides the delimiter."""
        progress = loads_progress(text, seed_plan, period=Q4)
        assert [(str(r.task), r.unit) for r in progress.rows] == [("3.3", "vp-mot-cua")]

    @pytest.mark.parametrize(
        ("lines", "delimiter"),
        [
            (["task;unit,status"], ","),  # as many of each: a comma
            (["task,unit,status,a;b"], ","),
            (["task;unit;status,a"], ";"),
            ([], ","),
        ],
    )
    def test_delimiter(self, lines: list[str], delimiter: str) -> None:
        assert _delimiter(lines) == delimiter

    def test_carriage_returns(self, seed_plan: Plan) -> None:
        """Lines ended by "\\r" alone, as old Mac spreadsheets write them."""
        progress = loads_progress("task,unit,status\r3.3,vp-mot-cua,done\r", seed_plan, period=Q4)
        assert [(str(r.task), r.line) for r in progress.rows] == [("3.3", 2)]

    def test_escaped_carriage_return(self, seed_plan: Plan) -> None:
        """A cell that begins with a carriage return is written after a "'" (io/csv_safe):
        the mark goes, the carriage return is white space at the start, so "=1" is left."""
        text = 'task,unit,status,result\r\n3.3,vp-mot-cua,done,"\'\r=1"\r\n'
        progress = loads_progress(text, seed_plan, period=Q4)
        assert [r.result for r in progress.rows] == ["=1"]


ROW = '[[rows]]\ntask = "3.3"\nunit = "vp-mot-cua"\nstatus = "done"\n'


class TestTomlRows:
    """Fields of a TOML row of the wrong type, with the row's line and task."""

    def test_wrong_types(self, seed_plan: Plan) -> None:
        text = (
            'period = "2025-Q4"\n'
            + ROW
            + "result = 5\ncompleted = 2025-11-20T10:00:00\n"
            + ROW.replace("3.3", "2.3.3").replace("vp-mot-cua", "vp")
            + "completed = 5\n"
            + ROW.replace("vp-mot-cua", "co-tthc")
            + "values = { dong-bo = 2025-01-01 }\n"
            + ROW.replace("3.3", "2.3.3").replace("vp-mot-cua", "cds")
            + "values = { so-hoa = true }\n"
        )
        assert _read_errors(text, seed_plan, fmt="toml") == [
            "q4.toml:2: task 3.3: completion date: expected a date without a time",
            "q4.toml:2: task 3.3: result: expected text, got 5",
            "q4.toml:8: task 2.3.3: completion date: expected a date such as 20/11/2025, got 5",
            "q4.toml:13: task 3.3: indicator 'dong-bo': expected a number, got "
            "datetime.date(2025, 1, 1)",
            "q4.toml:18: task 2.3.3: indicator 'so-hoa': expected a number, got True",
        ]

    def test_zero_and_a_half(self, seed_plan: Plan) -> None:
        text = 'period = "2025-Q4"\n' + ROW + "values = { dong-bo = 0 }\n"
        text += ROW.replace("vp-mot-cua", "co-tthc") + "values = { dong-bo = 0.5 }\n"
        progress = loads_progress(text, seed_plan, format="toml")
        assert [r.value("dong-bo") for r in progress.rows] == [0.0, 0.5]

    def test_rows_not_tables_after_a_rows_line(self, seed_plan: Plan) -> None:
        """A "[[rows]]" line inside a multi-line string still places rows[0]."""
        text = 'period = "2025-Q4"\nproposals = ["""\n[[rows]]\n"""]\nrows = [1]\n'
        assert _read_errors(text, seed_plan, fmt="toml") == [
            "q4.toml: empty progress file: no rows",
            "q4.toml:3: rows[0]: expected a table",
        ]


class TestWriting:
    def test_csv_text(self, seed_plan: Plan) -> None:
        """The header in lower case, "\\n" line ends, and an empty title for a task the
        plan lacks."""
        progress = Progress(period=Q4, plan="/KH-SKHCN", rows=(_row("9.9", "vp"),))
        assert dumps_progress(progress, seed_plan) == (
            "# plan: /KH-SKHCN\n"
            "# period: 2025-Q4\n"
            "task,title,unit,status,result,completed,difficulty,proposal,so-hoa,dong-bo\n"
            "9.9,,vp,đã hoàn thành,,,,,,\n"
        )

    def test_csv_title(self, seed_plan: Plan) -> None:
        progress = Progress(period=Q4, rows=(_row("2.3.3", "vp"),))
        rows = list(csv.reader(io.StringIO(dumps_progress(progress, seed_plan))))
        assert rows[2][:3] == ["2.3.3", seed_plan.task("2.3.3").title, "vp"]

    def test_general_difficulties_in_csv(self, seed_plan: Plan) -> None:
        progress = Progress(period=Q4, difficulties=["Thiếu kinh phí"])
        message = "general difficulties and proposals need a TOML progress file"
        with pytest.raises(ValueError, match=f"^{message}$"):
            dumps_progress(progress, seed_plan)


@functools.cache
def _linked_chart_book() -> bytes:
    """A workbook with no worksheet, only a chart sheet, and a link to another workbook."""
    wb = openpyxl.Workbook()
    data = wb.active
    assert data is not None
    data.append([1])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=1))
    wb.create_chartsheet("Biểu đồ").add_chart(chart)
    wb.remove(data)
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer, "a") as package:
        package.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    return buffer.getvalue()


class TestReading:
    def test_a_workbook_without_worksheets_is_read_once(
        self, seed_plan: Plan, tmp_path: Path
    ) -> None:
        """A workbook of one chart sheet (illustrative) with a link to another workbook: the
        warning about the link is given once, as the workbook is read once."""
        path = tmp_path / "chart.xlsx"
        path.write_bytes(_linked_chart_book())
        with pytest.raises(PlanInvalid) as exc:
            read_progress(path, seed_plan, period=Q4)
        assert [p.message for p in exc.value.problems] == [
            "links to 1 other workbook(s), which are not opened; formulas that use them give "
            "the values Excel saved",
            "empty progress file: no rows",
        ]

    def test_unknown_extension(self, seed_plan: Plan) -> None:
        with pytest.raises(SourceUnreadable) as exc:
            read_progress("q4.txt", seed_plan)
        assert exc.value.reason == (
            "unknown progress file extension '.txt' (expected .csv or .toml or .xlsx)"
        )

    def test_a_directory(self, seed_plan: Plan, tmp_path: Path) -> None:
        (tmp_path / "q4.csv").mkdir()
        with pytest.raises(SourceUnreadable) as exc:
            read_progress(tmp_path / "q4.csv", seed_plan)
        assert exc.value.reason == (
            "is a directory, not a progress file; kh-tthc reads regular files only"
        )

    def test_period_from_the_caller(self, seed_plan: Plan, tmp_path: Path) -> None:
        path = tmp_path / "q4.csv"
        path.write_text("task,unit,status\n3.3,vp-mot-cua,done\n", encoding="utf-8")
        progress, warnings = read_progress(path, seed_plan, period=Q4)
        assert (progress.period, progress.source, warnings) == (Q4, path, ())


class TestProgressFields:
    """A Progress built in code: the period as a Period or its text, else a message."""

    def test_period_as_text(self) -> None:
        assert Progress(period="Quý IV/2025").period == Q4

    def test_period_of_the_wrong_type(self) -> None:
        with pytest.raises(TypeError) as exc:
            Progress(period=5)  # type: ignore[arg-type]
        assert str(exc.value) == (
            "Progress.period: expected a Period or its text such as '2025-Q4' or "
            "'Quý IV/2025', got the number 5"
        )
