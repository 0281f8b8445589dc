"""One test per entry of the module-level tables and patterns of the rule modules.

Mutation testing (docs/testing.md) changes operators, constants and conditions but not
the entries of a table or the text of a regular expression: an entry no test reads could
be wrong or gone unnoticed. Each entry of the tables of calendar, periods, schedule,
report, progress and the render contexts is read here through the public API, with the
answer written from the documents, not from the table. (The deadline parser and the
importer are being rebuilt; their tables are tested in their own files.)
"""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from kh_tthc import (
    CalendarRangeError,
    Period,
    PeriodKind,
    ProgressStatus,
    RenderWarning,
    Section,
    SendingRule,
    SendingRuleKind,
    Status,
    TaskStatus,
    WorkCalendar,
    loads_progress,
)
from kh_tthc.progress import parse_number
from kh_tthc.render.context import body_blocks, xml_safe
from kh_tthc.schedule import EXPORTS, to_csv, to_ics, to_json, to_table
from tests.progress_strategies import SEED


class TestCalendarLimits:
    """The holiday data covers 1901 to 2100 (FIRST_YEAR, LAST_YEAR)."""

    @pytest.mark.parametrize(
        ("year", "ok"), [(1900, False), (1901, True), (2100, True), (2101, False)]
    )
    def test_years(self, year: int, ok: bool) -> None:
        cal = WorkCalendar.vietnam()
        if ok:
            assert cal.is_working_day(date(year, 6, 15)) in (True, False)
        else:
            with pytest.raises(CalendarRangeError):
                cal.is_working_day(date(year, 6, 15))


class TestPeriodForms:
    """Every form Period.parse reads, one entry of its table each."""

    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("2026-Q1", Period.quarter(2026, 1)),
            ("2026-h2", Period.half(2026, 2)),
            ("2026-03", Period.month(2026, 3)),
            ("Năm 2026", Period.year_of(2026)),
            ("2026", Period.year_of(2026)),
            ("Quý II năm 2026", Period.quarter(2026, 2)),
            ("quý 3/2026", Period.quarter(2026, 3)),
            ("6 tháng đầu năm 2026", Period.half(2026, 1)),
            ("Sáu tháng cuối năm 2026", Period.half(2026, 2)),
            ("Tháng 7/2026", Period.month(2026, 7)),
            ("tháng 7 năm 2026", Period.month(2026, 7)),
        ],
    )
    def test_form(self, text: str, period: Period) -> None:
        assert Period.parse(text) == period

    @pytest.mark.parametrize(
        ("period", "months", "first", "last"),
        [
            (Period.month(2026, 2), 1, date(2026, 2, 1), date(2026, 2, 28)),
            (Period.quarter(2026, 2), 3, date(2026, 4, 1), date(2026, 6, 30)),
            (Period.half(2026, 2), 6, date(2026, 7, 1), date(2026, 12, 31)),
            (Period.year_of(2026), 12, date(2026, 1, 1), date(2026, 12, 31)),
        ],
    )
    def test_length_of_each_kind(
        self, period: Period, months: int, first: date, last: date
    ) -> None:
        assert (period.start, period.end) == (first, last)
        assert period.kind.months == months
        assert period.kind.per_year == 12 // months

    def test_shorter_period_first_on_the_same_day(self) -> None:
        """Periods starting the same day sort month, quarter, half, year."""
        same_start = [
            Period.year_of(2026),
            Period.half(2026, 1),
            Period.quarter(2026, 1),
            Period.month(2026, 1),
        ]
        assert [p.kind for p in sorted(same_start)] == [
            PeriodKind.MONTH,
            PeriodKind.QUARTER,
            PeriodKind.HALF,
            PeriodKind.YEAR,
        ]


class TestSendingRuleForms:
    """Every form SendingRule.parse reads, one entry of its table each."""

    @pytest.mark.parametrize(
        ("text", "kind", "value"),
        [
            ("3 working days after cut-off", SendingRuleKind.AFTER_CUTOFF, 3),
            ("1 working day after the cutoff", SendingRuleKind.AFTER_CUTOFF, 1),
            ("cutoff+4", SendingRuleKind.AFTER_CUTOFF, 4),
            ("the cut-off + 5", SendingRuleKind.AFTER_CUTOFF, 5),
            ("2 ngày làm việc sau ngày chốt số liệu", SendingRuleKind.AFTER_CUTOFF, 2),
            ("3 ngày làm việc kể từ ngày kết thúc chốt số liệu", SendingRuleKind.AFTER_CUTOFF, 3),
            ("day 20 of the last month", SendingRuleKind.DAY_OF_LAST_MONTH, 20),
            ("Day 25", SendingRuleKind.DAY_OF_LAST_MONTH, 25),
            ("ngày 20 tháng cuối kỳ", SendingRuleKind.DAY_OF_LAST_MONTH, 20),
            ("ngày 18 của tháng cuối của kỳ báo cáo", SendingRuleKind.DAY_OF_LAST_MONTH, 18),
        ],
    )
    def test_form(self, text: str, kind: SendingRuleKind, value: int) -> None:
        assert SendingRule.parse(text) == SendingRule(kind=kind, value=value)


class TestScheduleTables:
    @pytest.mark.parametrize(
        ("status", "label"),
        [
            (Status.OVERDUE, "Quá hạn"),
            (Status.DUE_SOON, "Sắp đến hạn"),
            (Status.UPCOMING, "Chưa đến hạn"),
            (Status.ONGOING, "Thường xuyên"),
            (Status.ON_EVENT, "Khi phát sinh"),
            (Status.UNSPECIFIED, "Chưa rõ thời hạn"),
        ],
    )
    def test_status_label(self, status: Status, label: str) -> None:
        assert status.label == label

    @pytest.mark.parametrize(
        ("name", "function"),
        [("table", to_table), ("csv", to_csv), ("json", to_json), ("ics", to_ics)],
    )
    def test_export_names(self, name: str, function: object) -> None:
        assert EXPORTS[name] is function
        assert len(EXPORTS) == 4


class TestReportTables:
    @pytest.mark.parametrize(
        ("status", "label"),
        [
            (TaskStatus.DONE, "đã hoàn thành"),
            (TaskStatus.DONE_LATE, "hoàn thành quá hạn"),
            (TaskStatus.IN_PROGRESS, "đang thực hiện"),
            (TaskStatus.NOT_STARTED, "chưa thực hiện"),
            (TaskStatus.OVERDUE, "quá hạn"),
            (TaskStatus.NOT_REPORTED, "chưa báo cáo"),
            (TaskStatus.NOT_APPLICABLE, "không phát sinh"),
        ],
    )
    def test_status_label(self, status: TaskStatus, label: str) -> None:
        assert status.label == label


class TestProgressTables:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("chưa thực hiện", ProgressStatus.NOT_STARTED),
            ("đang thực hiện", ProgressStatus.IN_PROGRESS),
            ("đã hoàn thành", ProgressStatus.DONE),
            ("hoàn thành quá hạn", ProgressStatus.DONE_LATE),
            ("không phát sinh", ProgressStatus.NOT_APPLICABLE),
            ("Hoàn thành", ProgressStatus.DONE),
            ("Đã hoàn thành quá hạn", ProgressStatus.DONE_LATE),
            ("Chưa triển khai", ProgressStatus.NOT_STARTED),
            ("Đang triển khai", ProgressStatus.IN_PROGRESS),
            ("not_started", ProgressStatus.NOT_STARTED),
            ("in_progress", ProgressStatus.IN_PROGRESS),
            ("done", ProgressStatus.DONE),
            ("done_late", ProgressStatus.DONE_LATE),
            ("not_applicable", ProgressStatus.NOT_APPLICABLE),
        ],
    )
    def test_status_words(self, text: str, status: ProgressStatus) -> None:
        assert ProgressStatus.parse(text) is status

    @pytest.mark.parametrize(
        ("field", "heading"),
        [
            ("task", "STT"), ("task", "Số TT"), ("task", "Số thứ tự"), ("task", "Nhiệm vụ"),
            ("task", "Mã nhiệm vụ"),
            ("unit", "Đơn vị"), ("unit", "Mã đơn vị"), ("unit", "Đơn vị thực hiện"),
            ("unit", "Đơn vị báo cáo"),
            ("status", "Tình trạng"), ("status", "Trạng thái"),
            ("result", "Kết quả"), ("result", "Kết quả thực hiện"),
            ("completed", "Ngày hoàn thành"), ("completed", "Hoàn thành ngày"),
            ("completed", "completion date"),
            ("difficulty", "Khó khăn"), ("difficulty", "Khó khăn, vướng mắc"),
            ("difficulty", "Vướng mắc"),
            ("proposal", "Đề xuất"), ("proposal", "Kiến nghị"), ("proposal", "Đề xuất, kiến nghị"),
            ("title", "Nội dung"), ("title", "Nội dung công việc"), ("title", "Tên nhiệm vụ"),
        ],
    )  # fmt: skip
    def test_column_heading(self, field: str, heading: str) -> None:
        """Each heading a sheet may use is read as its field."""
        values = {
            "task": "3.3", "unit": "vp-mot-cua", "status": "done", "result": "Đồng bộ đủ",
            "completed": "10/12/2025", "difficulty": "Thiếu máy quét",
            "proposal": "Bổ sung máy quét", "title": "Tiếp tục tổ chức thực hiện",
        }  # fmt: skip
        names = [heading if f == field else f for f in values]
        text = "# plan: /KH-SKHCN\n# period: 2025-Q4\n" + ",".join(f'"{n}"' for n in names)
        text += "\n" + ",".join(values.values()) + "\n"
        (row,) = loads_progress(text, SEED).rows
        assert (str(row.task), row.unit, row.status, row.result) == (
            "3.3", "vp-mot-cua", ProgressStatus.DONE, "Đồng bộ đủ",
        )  # fmt: skip
        assert (row.completed, row.difficulty, row.proposal) == (
            date(2025, 12, 10), "Thiếu máy quét", "Bổ sung máy quét",
        )  # fmt: skip

    @pytest.mark.parametrize(
        ("plan_key", "period_key"),
        [("plan", "period"), ("Kế hoạch", "Kỳ"), ("Kế hoạch số", "Kỳ báo cáo")],
    )
    def test_comment_keys(self, plan_key: str, period_key: str) -> None:
        text = f"# {plan_key}: /KH-SKHCN\n# {period_key}: 2025-Q4\n"
        text += "task,unit,status\n3.3,vp-mot-cua,done\n"
        progress = loads_progress(text, SEED)
        assert (str(progress.plan), progress.period) == ("/KH-SKHCN", Period.quarter(2025, 4))

    @pytest.mark.parametrize(
        ("text", "value"),
        [("95", 95.0), ("95,5", 95.5), ("95.5", 95.5), ("1.234.567", 1234567.0),
         ("1.234,5", 1234.5), ("12,5", 12.5), ("0", 0.0)],
    )  # fmt: skip
    def test_number_forms(self, text: str, value: float) -> None:
        assert parse_number(text) == value

    @pytest.mark.parametrize("text", ["1.234", "12.345", "999.000"])
    def test_ambiguous_thousands(self, text: str) -> None:
        with pytest.raises(ValueError, match="ambiguous"):
            parse_number(text)

    def test_every_toml_key(self) -> None:
        text = """
plan = "/KH-SKHCN"
period = "2025-Q4"
difficulties = ["Thiếu nhân lực"]
proposals = ["Bổ sung nhân lực"]

[[rows]]
task = "3.3"
unit = "vp-mot-cua"
status = "done"
result = "Đồng bộ đủ"
completed = 2025-12-10
difficulty = "Máy quét hỏng"
proposal = "Thay máy quét"
"""
        progress = loads_progress(text, SEED, format="toml")
        (row,) = progress.rows
        assert (progress.difficulties, progress.proposals) == (
            ("Thiếu nhân lực",),
            ("Bổ sung nhân lực",),
        )
        assert (row.result, row.completed, row.difficulty, row.proposal) == (
            "Đồng bộ đủ",
            date(2025, 12, 10),
            "Máy quét hỏng",
            "Thay máy quét",
        )


class TestRenderTables:
    def test_point_letters_follow_the_vietnamese_alphabet(self) -> None:
        """Points under a clause run a) b) c) d) đ) e) g) h)… (no f, j, w, z; Nghị định
        30/2020/NĐ-CP, Phụ lục I, mục II.5.b), then numbers past the last letter."""
        points = tuple(Section(title=f"Điểm {i}") for i in range(1, 26))
        blocks = body_blocks(
            [Section(title="Mục", subsections=(Section(title="Khoản", subsections=points),))]
        )
        letters = [b["text"].split(")")[0] for b in blocks if b["kind"] == "heading3"]
        assert letters == [*"abcdđeghiklmnopqrstuvxy", "24", "25"]

    @pytest.mark.parametrize(
        "char",
        [chr(c) for c in (0x00, 0x08, 0x0B, 0x0C, 0x0E, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF)],
        ids=lambda c: f"U+{ord(c):04X}",
    )
    def test_characters_xml_cannot_carry_are_dropped(self, char: str) -> None:
        with pytest.warns(RenderWarning, match=f"U\\+{ord(char):04X}"):
            assert xml_safe(f"Kế{char}hoạch", "title") == "Kếhoạch"

    @pytest.mark.parametrize("char", ["\t", "\n", "\r", " ", "\x7f", "\u00a0", "\ud7ff", "\ue000"])
    def test_characters_xml_can_carry_are_kept(self, char: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert xml_safe(f"Kế{char}hoạch", "title") == f"Kế{char}hoạch"
