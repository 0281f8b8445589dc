"""Progress files: statuses, the CSV and TOML forms, and every kind of bad row."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import (
    Period,
    Plan,
    PlanFileError,
    PlanInvalid,
    Problem,
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
    read_progress,
)
from kh_tthc.progress import parse_date, parse_number
from tests.conftest import SEED_DIR
from tests.progress_strategies import SEED, progress_rows, seed_progress

Q3 = Period.quarter(2025, 3)
Q4 = Period.quarter(2025, 4)
HEAD = "# plan: /KH-SKHCN\n# period: 2025-Q4\ntask,unit,status,result,completed,so-hoa\n"
GOOD = "2.3.3,vp,đang thực hiện,Số hóa,,95\n3.3,vp-mot-cua,done,,14/12/2025,\n"


def _problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> list[tuple[int | None, str]]:
    return [(p.line, str(p)) for p in exc.value.errors]


class TestStatus:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("chưa thực hiện", ProgressStatus.NOT_STARTED),
            ("CHƯA THỰC HIỆN", ProgressStatus.NOT_STARTED),
            ("Dang thuc hien", ProgressStatus.IN_PROGRESS),
            ("đã hoàn thành", ProgressStatus.DONE),
            ("da hoan thanh", ProgressStatus.DONE),
            ("Hoàn thành quá hạn", ProgressStatus.DONE_LATE),
            ("không phát sinh", ProgressStatus.NOT_APPLICABLE),
            ("not_started", ProgressStatus.NOT_STARTED),
            ("In progress", ProgressStatus.IN_PROGRESS),
            ("DONE", ProgressStatus.DONE),
            ("done-late", ProgressStatus.DONE_LATE),
            ("not applicable", ProgressStatus.NOT_APPLICABLE),
            (unicodedata.normalize("NFD", "Đã hoàn thành"), ProgressStatus.DONE),
        ],
    )
    def test_parse_either_form(self, text: str, status: ProgressStatus) -> None:
        """Vietnamese labels and codes are read whatever the case, diacritics and form."""
        assert ProgressStatus.parse(text) is status

    def test_unknown_lists_the_allowed(self) -> None:
        """An unknown status names all five allowed ones, in both forms."""
        with pytest.raises(ValueError, match="unknown status 'xong'") as exc:
            ProgressStatus.parse("xong")
        for s in ("chưa thực hiện (not_started)", "không phát sinh (not_applicable)"):
            assert s in str(exc.value)

    @given(st.sampled_from(ProgressStatus), st.sampled_from(["label", "value"]), st.booleans())
    def test_every_form_reads_back(self, status: ProgressStatus, form: str, shout: bool) -> None:
        """Each status's label and code, upper or lower case, parse to the status."""
        text = getattr(status, form)
        assert ProgressStatus.parse(text.upper() if shout else text) is status


class TestNumbersAndDates:
    @pytest.mark.parametrize(
        ("text", "value"),
        [("95", 95.0), ("95,5", 95.5), ("95.5", 95.5), ("1.234.567", 1234567.0),
         ("1.234,5", 1234.5), (" 12 ", 12.0), ("0.125", 0.125), ("1234", 1234.0)],
    )  # fmt: skip
    def test_numbers(self, text: str, value: float) -> None:
        assert parse_number(text) == value

    @pytest.mark.parametrize("text", ["abc", "-5", "1,234.5", "inf", "nan", "5%", "", "1..2"])
    def test_not_numbers(self, text: str) -> None:
        """Text, negatives, English grouping and a "%" on a count are refused."""
        with pytest.raises(ValueError, match="expected a number"):
            parse_number(text)

    def test_thousands_or_decimal_is_refused(self) -> None:
        """ "1.234" could be either, so the message says how to write both."""
        with pytest.raises(ValueError, match=r"ambiguous: write 1234 .* or 1,234"):
            parse_number("1.234")

    def test_percent_sign_on_percent_indicator(self) -> None:
        assert parse_number("92,5 %", percent=True) == 92.5

    @pytest.mark.parametrize(
        ("text", "day"),
        [("20/11/2025", date(2025, 11, 20)), ("5/1/2026", date(2026, 1, 5)),
         ("2025-11-20", date(2025, 11, 20)), ("05.01.2026", date(2026, 1, 5))],
    )  # fmt: skip
    def test_dates_day_first(self, text: str, day: date) -> None:
        assert parse_date(text) == day

    @pytest.mark.parametrize("text", ["11/20/2025", "31/02/2025", "hôm qua", "2025/11/20"])
    def test_bad_dates(self, text: str) -> None:
        """A US month-first date, an impossible day and words are refused."""
        with pytest.raises(ValueError, match="bad completion date"):
            parse_date(text)


class TestCsv:
    def test_reads_rows(self, seed_plan: Plan) -> None:
        """Fields, values and the period come out typed."""
        progress = loads_progress(HEAD + GOOD, seed_plan)
        assert progress.period == Q4
        assert str(progress.plan) == "/KH-SKHCN"
        first, second = progress.rows
        assert (first.task, first.unit, first.status) == (
            TaskNumber.parse("2.3.3"),
            "vp",
            ProgressStatus.IN_PROGRESS,
        )
        assert first.values == (("so-hoa", 95.0),)
        assert (first.line, second.line) == (4, 5)
        assert second.completed == date(2025, 12, 14)

    def test_vietnamese_headers_semicolons_and_names(self, seed_plan: Plan) -> None:
        """Excel in a Vietnamese locale writes ";" and people write unit names."""
        text = (
            "# Kế hoạch: /KH-SKHCN;;;\n# Kỳ báo cáo: Quý IV/2025;;;\n"
            "STT;Nội dung;Đơn vị;Tình trạng;Kết quả;Ngày hoàn thành;so-hoa\n"
            "2.3.3;Số hóa;Văn phòng Sở;Đang thực hiện;Đã số hóa;;92,5\n"
        )
        (row,) = loads_progress(text, seed_plan).rows
        assert (row.unit, row.value("so-hoa"), row.result) == ("vp", 92.5, "Đã số hóa")

    def test_bom_and_nfd(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A BOM (Excel's "CSV UTF-8") and decomposed text read like plain NFC."""
        plain = loads_progress(HEAD + GOOD, seed_plan)
        path = tmp_path / "p.csv"
        path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", HEAD + GOOD).encode())
        assert load_progress(path, seed_plan) == plain

    def test_period_from_caller(self, seed_plan: Plan) -> None:
        """A file without a period line takes the caller's."""
        text = "task,unit,status\n1.1,vp,done\n"
        assert loads_progress(text, seed_plan, period=Q3).period == Q3

    def test_blank_rows_and_comments_are_skipped(self, seed_plan: Plan) -> None:
        text = HEAD + ",,,,,\n# ghi chú: dòng này bị bỏ qua\n" + GOOD
        assert [r.line for r in loads_progress(text, seed_plan).rows] == [6, 7]

    def test_completion_date_without_done_warns(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A date next to "đang thực hiện" is a warning, and the date is dropped."""
        path = tmp_path / "p.csv"
        path.write_text(HEAD + "1.2,vp,đang thực hiện,,01/10/2025,\n", "utf-8")
        progress, warnings = read_progress(path, seed_plan)
        assert progress.rows[0].completed is None
        assert [str(w) for w in warnings] == [
            f"{path}:4: warning: task 1.2: a completion date with status 'đang thực hiện'; "
            "it is ignored"
        ]

    def test_examples_load(self, seed_plan: Plan) -> None:
        """Both example files are valid for the seed plan."""
        q3 = load_progress(SEED_DIR / "progress-2025-Q3.csv", seed_plan)
        q4 = load_progress(SEED_DIR / "progress-2025-Q4.csv", seed_plan)
        assert (q3.period, q4.period) == (Q3, Q4)
        assert len(q4.rows) == 36


BAD_ROWS = [
    ("unknown task", "9.9,vp,done,,,", "unknown task number '9.9'"),
    ("malformed task", "2..1,vp,done,,,", "invalid task number '2..1'"),
    ("heading task", "2.1,vp,done,,,", "task 2.1: a heading with no completion time"),
    ("unknown unit", "1.1,xyz,done,,,", "task 1.1: unknown unit 'xyz'"),
    ("neither lead nor support", "3.2,cntt,done,,,", "unit 'cntt' is neither lead nor support"),
    ("unknown status", "1.1,vp,xong,,,", "unknown status 'xong' (expected one of: chưa thực"),
    ("missing status", "1.1,vp,,,,", "missing status"),
    ("bad date", "1.1,vp,done,,31/02/2025,", "bad completion date '31/02/2025'"),
    ("non-numeric value", "2.3.3,co-tthc,done,,,nhiều", "indicator 'so-hoa': expected a number"),
    ("ambiguous value", "2.3.3,co-tthc,done,,,1.234", "'1.234' is ambiguous"),
    ("another task's indicator", "1.1,vp,done,,,50", "'so-hoa', which belongs to task 2.3.3"),
    ("too many cells", "1.1,vp,done,,,,extra", "7 cells but the header on line 3 has 6"),
]  # fmt: skip


class TestBadInput:
    @pytest.mark.parametrize(
        ("row", "expected"), [c[1:] for c in BAD_ROWS], ids=[c[0] for c in BAD_ROWS]
    )
    def test_bad_row_named_with_line(self, seed_plan: Plan, row: str, expected: str) -> None:
        """Each bad row is reported with its file, its line and what was expected."""
        text = HEAD + GOOD + row + "\n"
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan, source=Path("q4.csv"))
        ((line, message),) = _problems(exc)
        assert line == 6
        assert message.startswith("q4.csv:6: ")
        assert expected in message

    def test_duplicate_row_names_both_lines(self, seed_plan: Plan) -> None:
        text = HEAD + GOOD + "1.1,vp,done,,,\n2.3.3,VP,done,,,\n"
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan)
        assert _problems(exc) == [
            (7, "line 7: task 2.3.3: duplicate row for unit 'vp' (first on line 4)")
        ]

    def test_unknown_column_is_on_the_header_line(self, seed_plan: Plan) -> None:
        text = HEAD.replace("so-hoa", "so-hoá,ghi chú") + GOOD
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan)
        messages = [m for _, m in _problems(exc)]
        assert messages[0] == "line 3: column 6: unknown column 'so-hoá' (did you mean 'so-hoa'?)"
        assert messages[1].startswith("line 3: column 7: unknown column 'ghi chú'")

    def test_every_problem_at_once(self, seed_plan: Plan) -> None:
        """All bad rows in one file are reported together, in order."""
        text = HEAD + "\n".join(c[1] for c in BAD_ROWS) + "\n"
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan)
        lines = [line for line, _ in _problems(exc)]
        assert lines == sorted(lines)
        assert set(lines) == set(range(4, 4 + len(BAD_ROWS)))

    @pytest.mark.parametrize("text", ["", "\n\n", "# plan: /KH-SKHCN\n", "task,unit,status\n"])
    def test_empty_file(self, seed_plan: Plan, text: str) -> None:
        with pytest.raises(PlanInvalid, match="empty progress file"):
            loads_progress(text, seed_plan, period=Q4)

    def test_missing_required_column(self, seed_plan: Plan) -> None:
        with pytest.raises(PlanInvalid, match="no 'status' column"):
            loads_progress("task,unit\n1.1,vp\n", seed_plan, period=Q4)

    @pytest.mark.parametrize("period", ["2025-Q2", "2026-Q2", "2024"])
    def test_period_outside_the_plan(self, seed_plan: Plan, period: str) -> None:
        """The plan runs 01/9–31/12/2025: a window that misses it is refused."""
        text = HEAD.replace("2025-Q4", period) + GOOD
        with pytest.raises(
            PlanInvalid, match=r"is outside the plan's period 2025-09-01 – 2025-12-31"
        ):
            loads_progress(text, seed_plan)

    def test_another_plan(self, seed_plan: Plan) -> None:
        text = HEAD.replace("/KH-SKHCN", "12/KH-SNV") + GOOD
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan)
        assert _problems(exc) == [
            (None, "plan: this progress file is for plan '12/KH-SNV', not '/KH-SKHCN'")
        ]

    def test_draft_number_matches_signed_plan(self, seed_plan: Plan) -> None:
        """A file written while the plan was a draft still fits it once signed."""
        text = HEAD.replace("/KH-SKHCN", "05/KH-SKHCN") + GOOD
        progress = loads_progress(text, seed_plan)
        assert str(progress.plan) == "05/KH-SKHCN"
        assert [(str(r.task), r.unit) for r in progress.rows] == [
            ("2.3.3", "vp"),
            ("3.3", "vp-mot-cua"),
        ]

    def test_period_disagrees_with_caller(self, seed_plan: Plan) -> None:
        with pytest.raises(
            PlanInvalid, match="this progress file is for Quý IV/2025, not Quý III/2025"
        ):
            loads_progress(HEAD + GOOD, seed_plan, period=Q3)

    def test_no_period_anywhere(self, seed_plan: Plan) -> None:
        with pytest.raises(PlanInvalid, match="no reporting period"):
            loads_progress("task,unit,status\n1.1,vp,done\n", seed_plan)

    def test_bad_period_text(self, seed_plan: Plan) -> None:
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(HEAD.replace("2025-Q4", "Quý V/2025") + GOOD, seed_plan)
        assert _problems(exc)[0][0] == 2

    def test_not_utf8(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A file saved as Windows-1258 says how to save it from Excel."""
        path = tmp_path / "p.csv"
        path.write_bytes(b"task,unit,status\n1.1,vp,\xd0\xe3 ho\xe0n th\xe0nh\n")
        with pytest.raises(PlanFileError, match="CSV UTF-8") as exc:
            load_progress(path, seed_plan, period=Q4)
        assert exc.value.line == 2

    # .xlsx is a progress format since progress tables may be kept in Excel; .xls is not.
    @pytest.mark.parametrize("name", ["missing.csv", "p.xls", "."])
    def test_unreadable(self, seed_plan: Plan, tmp_path: Path, name: str) -> None:
        if name == "p.xls":
            (tmp_path / name).write_bytes(b"PK")
        with pytest.raises(SourceUnreadable):
            load_progress(tmp_path / name, seed_plan)


class TestToml:
    TEXT = """
plan = "/KH-SKHCN"
period = "2025-Q4"
difficulties = ["Thiếu nhân lực số hóa"]

[[rows]]
task = "2.3.3"
unit = "vp"
status = "in_progress"
values = { so-hoa = 95.5 }

[[rows]]
task = "3.3"
unit = "vp-mot-cua"
status = "Đã hoàn thành"
completed = 2025-12-10
result = "Đồng bộ đủ"
"""

    def test_reads_rows(self, seed_plan: Plan) -> None:
        progress = loads_progress(self.TEXT, seed_plan, format="toml")
        assert progress.difficulties == ("Thiếu nhân lực số hóa",)
        assert [r.line for r in progress.rows] == [6, 12]
        assert progress.rows[1].completed == date(2025, 12, 10)
        assert progress.rows[0].value("so-hoa") == 95.5

    @pytest.mark.parametrize(
        ("old", "new", "line", "expected"),
        [
            ('unit = "vp"\n', 'unit = "xyz"\n', 6, "unknown unit 'xyz'"),
            ("so-hoa = 95.5", 'so-hoa = "nhiều"', 6, "indicator 'so-hoa': expected a number"),
            (
                "so-hoa = 95.5",
                "dong-bo = 95.5",
                6,
                "indicator 'dong-bo', which belongs to task 3.3",
            ),
            ("so-hoa = 95.5", "xyz = 1", 6, "unknown indicator 'xyz'"),
            ("completed = 2025-12-10", 'completed = "hôm qua"', 12, "bad completion date"),
            ("result =", "reslt =", 12, "unknown key 'reslt' (did you mean 'result'?)"),
            ('status = "in_progress"', 'status = "xong"', 6, "unknown status 'xong'"),
            ('task = "3.3"', 'task = "2.3.3"', 12, "unit 'vp-mot-cua' is neither lead nor support"),
        ],
    )
    def test_bad_rows(self, seed_plan: Plan, old: str, new: str, line: int, expected: str) -> None:
        text = self.TEXT.replace(old, new, 1)
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan, format="toml", source=Path("q4.toml"))
        assert any(p.line == line and expected in str(p) for p in exc.value.errors), exc.value

    def test_invalid_toml_has_line(self, seed_plan: Plan) -> None:
        with pytest.raises(PlanFileError, match="invalid TOML") as exc:
            loads_progress('plan = "/KH-SKHCN"\nperiod =\n', seed_plan, format="toml")
        assert exc.value.line == 2

    def test_unknown_top_key(self, seed_plan: Plan) -> None:
        with pytest.raises(
            PlanInvalid, match=r"line 3: unknown key 'perod' \(did you mean 'period'"
        ):
            loads_progress(
                self.TEXT.replace("period =", "perod ="), seed_plan, format="toml", period=Q4
            )


class TestRoundTrip:
    @given(seed_progress())
    def test_csv(self, progress: Progress) -> None:
        """dump then load gives the same progress, through CSV."""
        plan = SEED
        assert loads_progress(dumps_progress(progress, plan), plan) == progress

    @given(seed_progress(general_remarks=True))
    def test_toml(self, progress: Progress) -> None:
        """dump then load gives the same progress, through TOML."""
        plan = SEED
        text = dumps_progress(progress, plan, format="toml")
        assert loads_progress(text, plan, format="toml") == progress

    def test_files(self, seed_plan: Plan, tmp_path: Path) -> None:
        q4 = load_progress(SEED_DIR / "progress-2025-Q4.csv", seed_plan)
        for name in ("q4.csv", "q4.toml"):
            dump_progress(q4, seed_plan, tmp_path / name)
            assert load_progress(tmp_path / name, seed_plan) == q4


class TestFuzz:
    @given(st.text(max_size=300), st.sampled_from(["csv", "toml"]))
    def test_any_text_fails_cleanly(self, text: str, fmt: str) -> None:
        """Whatever the text, reading gives progress or one of the declared errors."""
        plan = SEED
        outcome: Progress | PlanInvalid | PlanFileError
        try:
            outcome = loads_progress(text, plan, format=fmt, period=Q4)
        except (PlanInvalid, PlanFileError) as exc:
            outcome = exc
        if isinstance(outcome, PlanInvalid):
            # Every problem is an error that says what is wrong.
            assert all(p.is_error and p.message for p in outcome.errors)
        elif isinstance(outcome, PlanFileError):
            assert str(outcome)
        else:
            progress = outcome
            # What reads is a valid progress for Q4 that writes back and reads the same.
            assert progress.period == Q4
            assert check_progress(plan, progress) == ()
            assert loads_progress(dumps_progress(progress, plan), plan) == progress

    @given(st.lists(progress_rows(), min_size=1, max_size=8))
    def test_csv_shaped_text(self, rows: list[list[str]]) -> None:
        """Rows assembled from good and bad cells only ever fail with PlanInvalid."""
        plan = SEED
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["task", "unit", "status", "completed", "so-hoa", "dong-bo"])
        writer.writerows(rows)
        problems: tuple[Problem, ...] = ()
        try:
            progress = loads_progress(buffer.getvalue(), plan, period=Q4)
        except PlanInvalid as exc:
            problems = exc.errors
        else:
            assert check_progress(plan, progress) == ()
            assert len(progress.rows) == sum(1 for r in rows if any(c.strip() for c in r))
        assert all(p.line is not None for p in problems if p.where not in ("plan", "period"))
        # A file that fails names the data lines (1 is the header): never a line it lacks.
        last = len(buffer.getvalue().splitlines())
        assert all(2 <= p.line <= last for p in problems if p.line is not None)


class TestCheck:
    def test_hand_built_progress_is_checked(self, seed_plan: Plan) -> None:
        """check_progress finds in built values what the reader finds in files."""
        row = ProgressRow(task=TaskNumber.parse("1.1"), unit="vp", status=ProgressStatus.DONE)
        progress = Progress(period=Q4, rows=(row, row), plan="/KH-SNV")
        messages = [str(p) for p in check_progress(seed_plan, progress)]
        assert messages == [
            "plan: this progress file is for plan '/KH-SNV', not '/KH-SKHCN'",
            "task 1.1: duplicate row for unit 'vp'",
        ]


#: Malformed TOML progress files, each with the line and message the reader must give:
#: (what, old text of TestToml.TEXT, new text, line, message).
TOML_SHAPES = [
    ("task not text", 'task = "2.3.3"', "task = 2.3", 6,
     'task number: expected text such as "2.1.1", got 2.3'),
    ("datetime", "completed = 2025-12-10", "completed = 2025-12-10T08:00:00", 12,
     "completion date: expected a date without a time"),
    ("date as number", "completed = 2025-12-10", "completed = 20251210", 12,
     "completion date: expected a date such as 20/11/2025, got 20251210"),
    ("result not text", 'result = "Đồng bộ đủ"', "result = 5", 12, "result: expected text, got 5"),
    ("negative value", "so-hoa = 95.5", "so-hoa = -1", 6,
     "indicator 'so-hoa': expected a number of 0 or more, got -1"),
    ("infinite value", "so-hoa = 95.5", "so-hoa = inf", 6,
     "rows[0].values.so-hoa: the number inf is not finite"),
    ("value not a number", "so-hoa = 95.5", "so-hoa = [1]", 6,
     "indicator 'so-hoa': expected a number, got [1]"),
    ("bad plan number", 'plan = "/KH-SKHCN"', 'plan = "KH SKHCN"', 2, "KH SKHCN"),
    ("difficulties not strings", 'difficulties = ["Thiếu nhân lực số hóa"]',
     "difficulties = [1, 2]", 4, "difficulties: expected an array of strings"),
    ("period not a string", 'period = "2025-Q4"', "period = 2025", 3,
     "period: expected a string, got 2025"),
]  # fmt: skip

#: Malformed CSV progress files: (what, text, line, message).
CSV_SHAPES = [
    ("plan given twice", "# plan: /KH-SKHCN\n# plan: /KH-SKHCN\n# period: 2025-Q4\n"
     "task,unit,status\n1.1,vp,done\n", 2, "'plan' given twice (first on line 1)"),
    ("column given twice", "# plan: /KH-SKHCN\n# period: 2025-Q4\ntask,unit,status,Status\n"
     "1.1,vp,done,done\n", 3, "column 'Status' given twice (also column 3)"),
    ("cell over the csv module's limit", "# plan: /KH-SKHCN\n# period: 2025-Q4\n"
     'task,unit,status,result\n1.1,vp,done,"' + "x" * 200_000 + '"\n', 4,
     "invalid CSV: field larger than field limit"),
]  # fmt: skip


class TestMalformedShapes:
    """Malformed progress files no test read before issue 11: each is refused with the
    line and what was expected."""

    @pytest.mark.parametrize(
        ("old", "new", "line", "expected"),
        [c[1:] for c in TOML_SHAPES],
        ids=[c[0] for c in TOML_SHAPES],
    )
    def test_toml(self, seed_plan: Plan, old: str, new: str, line: int, expected: str) -> None:
        text = TestToml.TEXT.replace(old, new, 1)
        assert text != TestToml.TEXT
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan, format="toml", source=Path("q4.toml"))
        found = [(p.line, str(p)) for p in exc.value.errors]
        assert any(n == line and expected in m for n, m in found), found

    def test_rows_not_an_array(self, seed_plan: Plan) -> None:
        text = 'plan = "/KH-SKHCN"\nperiod = "2025-Q4"\nrows = "none"\n'
        with pytest.raises(PlanInvalid, match=r"rows: expected an array of tables") as exc:
            loads_progress(text, seed_plan, format="toml")
        assert [(p.line, p.where) for p in exc.value.errors if p.line] == [(3, "rows")]

    @pytest.mark.parametrize(
        ("text", "line", "expected"), [c[1:] for c in CSV_SHAPES], ids=[c[0] for c in CSV_SHAPES]
    )
    def test_csv(self, seed_plan: Plan, text: str, line: int, expected: str) -> None:
        with pytest.raises(PlanInvalid) as exc:
            loads_progress(text, seed_plan, source=Path("q4.csv"))
        found = [(p.line, str(p)) for p in exc.value.errors]
        assert any(n == line and expected in m for n, m in found), found

    def test_unknown_format(self, seed_plan: Plan) -> None:
        with pytest.raises(
            ValueError, match="unknown format 'xlsx' \\(expected 'csv' or 'toml'\\)"
        ):
            loads_progress("", seed_plan, format="xlsx")  # type: ignore[arg-type]
        progress = Progress(period=Q4, rows=())
        with pytest.raises(ValueError, match="unknown format 'xlsx'"):
            dumps_progress(progress, seed_plan, format="xlsx")  # type: ignore[arg-type]

    def test_remarks_need_toml(self, seed_plan: Plan) -> None:
        """General difficulties have no place in a CSV file: refused, not dropped."""
        progress = Progress(period=Q4, rows=(), difficulties=("Thiếu nhân lực",))
        with pytest.raises(ValueError, match="need a TOML progress file"):
            dumps_progress(progress, seed_plan)
        assert "Thiếu nhân lực" in dumps_progress(progress, seed_plan, format="toml")


class TestCsvCells:
    """A CSV field's cell is made once per short text (``progress._cell``): the same cell
    as made each time, with the writers' "'" before a formula character removed."""

    @given(
        st.text(max_size=80) | st.sampled_from(["'=1+1", "'+84 912", "'quoted", "Đã hoàn thành"])
    )
    def test_the_cell_made_each_time(self, text: str) -> None:
        from kh_tthc.importing.rows import Cell
        from kh_tthc.io.csv_safe import unescape_cell
        from kh_tthc.progress import _cell

        made = _cell(text)
        assert made == Cell(text=unescape_cell(text))
        assert _cell(text) == made

    def test_short_cells_are_shared_and_long_ones_not(self) -> None:
        from kh_tthc.progress import _CELL_KEPT, _cell

        assert _cell("Đã hoàn thành") is _cell("Đã hoàn thành")
        long = "x" * (_CELL_KEPT + 1)
        assert _cell(long) is not _cell(long)
        assert _cell(long).text == long
