"""The plan assembled from front matter and tasks: period and placeholders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from attrs import evolve

from kh_tthc import Severity
from kh_tthc.convert import FieldValueError
from kh_tthc.errors import Problem
from kh_tthc.importing import (
    Cell,
    FrontMatter,
    RawRow,
    build_plan,
    match_header,
    period_from_text,
    rows_to_tasks,
    year_hint,
)
from kh_tthc.model import DocumentNumber, IssueDate, Organization, Signer

HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def rows(*data: tuple[str, ...]) -> list[RawRow]:
    return [
        RawRow(cells=tuple(Cell(text=t) for t in cells), label=f"row {i}")
        for i, cells in enumerate(data, start=2)
    ]


def numbers(result: object) -> list[str]:
    return [str(t.number) for t in result.tasks]  # type: ignore[attr-defined]


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("Kế hoạch 04 tháng cuối năm 2025", date(2025, 9, 1), date(2025, 12, 31)),
            ("Kế hoạch 6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30)),
            ("Kế hoạch năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
            ("Kế hoạch Quý IV/2025", date(2025, 10, 1), date(2025, 12, 31)),
            ("Kế hoạch giai đoạn 2021 - 2025", date(2021, 1, 1), date(2025, 12, 31)),
        ],
    )
    def test_from_title(self, text: str, start: date, end: date) -> None:
        """The period a title names is read from it."""
        span = period_from_text(text)
        assert span is not None
        assert (span.start, span.end) == (start, end)

    def test_none(self) -> None:
        """A title without a period gives None."""
        assert period_from_text("Kiểm soát thủ tục hành chính") is None

    def test_deadlines_widen_the_period(self) -> None:
        """A dated completion time outside the title's period widens it, with a warning,
        so that the plan stays valid."""
        table = rows_to_tasks(HEADER, rows(("1", "A", "Sở Y tế", "", "Năm 2026")), path=None)
        front = FrontMatter(title="Kế hoạch năm 2025")
        result = build_plan(front, table, path=None)
        assert result.plan.period.end == date(2026, 12, 31)
        assert any(w.where == "period" for w in result.warnings)


@pytest.mark.parametrize(
    ("title", "span"),
    [
        ("Kế hoạch thực hiện Nghị quyết 57 ngày 22/12/2024 năm 2025", ("2025-01-01", "2025-12-31")),
        (
            "Chương trình thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 "
            "giai đoạn 2025-2030",
            ("2025-01-01", "2030-12-31"),
        ),
        ("Thực hiện Nghị định 30/2020/NĐ-CP trong năm 2026", ("2026-01-01", "2026-12-31")),
    ],
)
def test_period_ignores_what_the_title_cites(title: str, span: tuple[str, str]) -> None:
    """The period is the one the title names, never a date or document number it cites."""
    period = period_from_text(title)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == span


def test_period_none_when_only_cited() -> None:
    """A title that only cites a dated resolution names no period of its own."""
    assert period_from_text("Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024") is None


# -- rules of the period, the placeholders and their messages -------------------------
# Titles and tables below are illustrative, made for these tests.


def table(*deadlines: str) -> object:
    """A table of one task per completion time (task 1 on "Thường xuyên" if none)."""
    texts = deadlines or ("Thường xuyên",)
    data = [(str(i), f"Việc {i}", "Sở Y tế", "", d) for i, d in enumerate(texts, start=1)]
    return rows_to_tasks(HEADER, rows(*data), path=None)


def said(result: object) -> list[tuple[str, str]]:
    return [(w.where, w.message) for w in result.warnings]  # type: ignore[attr-defined]


FULL = FrontMatter(
    parent="UBND tỉnh Thái Nguyên",
    issuer="Sở Khoa học và Công nghệ",
    number=DocumentNumber.parse("05/KH-SKHCN"),
    place="Thái Nguyên",
    issued=IssueDate(year=2025, month=8, day=5),
    type_name="Kế hoạch",
    title="Kiểm soát thủ tục hành chính năm 2025",
    signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
)


class TestBuildPlan:
    def test_every_placeholder_named_in_order(self) -> None:
        """A source that says nothing about its header: each placeholder is one warning,
        in the plan file's order, with its message word for word."""
        result = build_plan(FrontMatter(), table(), path=Path("x.csv"), year=2026)
        assert said(result) == [
            ("period", "the plan's period is not evident; set to the year 2026; fill it in"),
            ("issued", "no date line found; the issue date is set to 2026; fill it in"),
            (
                "number",
                "no 'Số: .../KH-...' line found; the number is set to '/KH-XXX'; fill it in",
            ),
            ("issuer.name", "the issuing body is not found; set to '[cần điền]'; fill it in"),
            (
                "issuer.place",
                "no place-and-date line found; the place is set to '[cần điền]'; fill it in",
            ),
            ("issuer.abbreviation", "unknown; set to 'XXX'; fill it in"),
            ("title", "no summary (trích yếu) found; set to '[cần điền]'; fill it in"),
            (
                "signer",
                "no signature block found; title and name set to '[cần điền]'; fill it in",
            ),
        ]
        assert {w.file for w in result.warnings} == {Path("x.csv")}
        assert {w.severity for w in result.warnings} == {Severity.WARNING}
        plan = result.plan
        assert plan.issuer == Organization(
            name="[cần điền]", abbreviation="XXX", place="[cần điền]", parent=None
        )
        assert str(plan.number) == "/KH-XXX"
        assert plan.issued == IssueDate(year=2026)
        assert plan.title == "[cần điền]"
        assert (plan.period.start, plan.period.end) == (date(2026, 1, 1), date(2026, 12, 31))
        assert plan.signer == Signer(title="[cần điền]", name="[cần điền]")
        assert plan.type_name == "Kế hoạch"
        assert plan.appendix_title == ""

    def test_no_year_anywhere_is_the_placeholder_year(self) -> None:
        """Neither the source nor the caller gives a year: 2000, reported."""
        result = build_plan(FrontMatter(), table(), path=None)
        assert said(result)[:2] == [
            ("period", "the plan's period is not evident; set to the year 2000; fill it in"),
            ("issued", "no date line found; the issue date is set to 2000; fill it in"),
        ]
        assert result.plan.period.start == date(2000, 1, 1)
        assert {w.file for w in result.warnings} == {None}

    def test_a_full_header_needs_no_placeholder(self) -> None:
        """Everything the header says is kept as said, without a warning."""
        result = build_plan(FULL, table("Tháng 6/2025"), path=None, year=1999)
        assert said(result) == []
        plan = result.plan
        assert plan.issuer == Organization(
            name="Sở Khoa học và Công nghệ",
            abbreviation="SKHCN",
            place="Thái Nguyên",
            parent="UBND tỉnh Thái Nguyên",
        )
        assert str(plan.number) == "05/KH-SKHCN"
        assert plan.issued == IssueDate(year=2025, month=8, day=5)
        assert plan.title == "Kiểm soát thủ tục hành chính năm 2025"
        assert (plan.period.start, plan.period.end) == (date(2025, 1, 1), date(2025, 12, 31))
        assert plan.signer == Signer(title="Giám đốc", name="Nguyễn Văn A")

    def test_period_from_the_issue_year(self) -> None:
        """No period in the title and no dated task: the issue date's year, reported."""
        front = evolve(FULL, title="Kiểm soát thủ tục hành chính")
        result = build_plan(front, table(), path=None, year=2030)
        assert said(result) == [
            ("period", "the plan's period is not evident; set to the year 2025; fill it in")
        ]
        assert result.plan.period.end == date(2025, 12, 31)

    def test_period_from_the_completion_times(self) -> None:
        """No period in the title: the whole years from the first due date to the last,
        without a warning (they are evident)."""
        front = evolve(FULL, title="Kiểm soát thủ tục hành chính")
        result = build_plan(
            front, table("Tháng 6/2026", "Trước ngày 15/3/2025", "Thường xuyên"), path=None
        )
        assert said(result) == []
        assert (result.plan.period.start, result.plan.period.end) == (
            date(2025, 1, 1),
            date(2026, 12, 31),
        )

    @pytest.mark.parametrize(
        ("deadlines", "years"),
        [
            (("Năm 2027", "Trước ngày 15/3/2025", "Tháng 6/2026"), (2025, 2027)),
            (("Tháng 6/2026",), (2026, 2026)),
        ],
    )
    def test_period_from_the_first_and_last_due_dates(
        self, deadlines: tuple[str, ...], years: tuple[int, int]
    ) -> None:
        """The years of the earliest and the latest due date, whatever the rows' order."""
        front = evolve(FULL, title="Kiểm soát thủ tục hành chính")
        period = build_plan(front, table(*deadlines), path=None).plan.period
        assert (period.start, period.end) == (date(years[0], 1, 1), date(years[1], 12, 31))

    @pytest.mark.parametrize(
        ("deadlines", "message"),
        [
            (
                ("Năm 2026",),
                "completion times fall outside the period 2025-01-01/2025-12-31; widened to "
                "2025-01-01/2026-12-31; fill it in",
            ),
            (
                ("Trước ngày 15/3/2024",),
                "completion times fall outside the period 2025-01-01/2025-12-31; widened to "
                "2024-03-15/2025-12-31; fill it in",
            ),
            (
                ("Trước ngày 15/3/2024", "Năm 2026"),
                "completion times fall outside the period 2025-01-01/2025-12-31; widened to "
                "2024-03-15/2026-12-31; fill it in",
            ),
        ],
    )
    def test_completion_times_widen_the_period(
        self, deadlines: tuple[str, ...], message: str
    ) -> None:
        """A due date before or after the title's period widens it to that date, said so
        (31 December 2026 is the due date of "Năm 2026"; 15 March 2024 that of the date)."""
        result = build_plan(FULL, table(*deadlines), path=None)
        assert said(result) == [("period", message)]

    def test_completion_times_on_the_edges_are_inside(self) -> None:
        """Due dates on the period's first and last days need no widening."""
        result = build_plan(
            FULL, table("Trước ngày 01/01/2025", "Trước ngày 31/12/2025"), path=None
        )
        assert said(result) == []
        assert result.plan.period.start == date(2025, 1, 1)

    def test_widened_period_keeps_its_ends(self) -> None:
        result = build_plan(FULL, table("Trước ngày 15/3/2024"), path=None)
        assert (result.plan.period.start, result.plan.period.end) == (
            date(2024, 3, 15),
            date(2025, 12, 31),
        )

    def test_appendix_title_stands_in_for_the_title(self) -> None:
        """An appendix title, and no summary: the appendix title is the title (reported)
        and gives the period."""
        front = evolve(FULL, title=None, appendix_title="Danh mục nhiệm vụ năm 2026")
        result = build_plan(front, table("Tháng 6/2026"), path=None)
        assert said(result) == [
            (
                "title",
                "no summary under the plan's name; the appendix title is used: "
                "'Danh mục nhiệm vụ năm 2026'; fill it in",
            )
        ]
        assert result.plan.title == "Danh mục nhiệm vụ năm 2026"
        assert result.plan.appendix_title == "Danh mục nhiệm vụ năm 2026"
        assert result.plan.period.start == date(2026, 1, 1)

    def test_the_title_period_before_the_appendix_period(self) -> None:
        """The title's period counts first; the appendix's only when the title has none."""
        both = evolve(FULL, appendix_title="Danh mục nhiệm vụ năm 2026")
        assert build_plan(both, table(), path=None).plan.period.start == date(2025, 1, 1)
        no_period = evolve(both, title="Kiểm soát thủ tục hành chính")
        plan = build_plan(no_period, table(), path=None).plan
        assert plan.period.start == date(2026, 1, 1)
        assert plan.title == "Kiểm soát thủ tục hành chính"

    def test_type_name_as_read(self) -> None:
        front = evolve(FULL, type_name="Chương trình")
        assert build_plan(front, table(), path=None).plan.type_name == "Chương trình"

    def test_notes_are_warnings_and_a_party_number_is_replaced(self) -> None:
        """What the front matter read but could not keep is reported where it was read;
        a number left out that way is set to the placeholder without "no line found"."""
        note = "the Party's number '402-CV/VPĐU' ...; not kept"
        front = evolve(FULL, number=None, notes=(("number", note), ("signer", "two heads")))
        result = build_plan(front, table(), path=Path("a.docx"))
        assert said(result) == [
            ("number", note),
            ("signer", "two heads"),
            ("number", "set to '/KH-XXX'; fill it in"),
            ("issuer.abbreviation", "unknown; set to 'XXX'; fill it in"),
        ]
        assert {w.file for w in result.warnings} == {Path("a.docx")}
        assert {w.severity for w in result.warnings} == {Severity.WARNING}

    def test_capitals_guessed_are_reported_under_their_field(self) -> None:
        """Each name recased by guess is reported under the plan file's field; a long
        text is cut to 57 characters and "..."."""
        long = "KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025 CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ"
        sixty = "A" * 60
        front = evolve(
            FULL,
            guessed_case=(
                ("issuer", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
                ("parent", "UBND TỈNH THÁI NGUYÊN"),
                ("title", long),
                ("appendix_title", sixty),
            ),
        )
        assert said(build_plan(front, table(), path=None)) == [
            (
                "issuer.name",
                "written in capitals ('SỞ KHOA HỌC VÀ CÔNG NGHỆ'); check the case of the letters",
            ),
            (
                "issuer.parent",
                "written in capitals ('UBND TỈNH THÁI NGUYÊN'); check the case of the letters",
            ),
            (
                "title",
                "written in capitals ('KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025 CỦA SỞ "
                "KHO...'); check the case of the letters",
            ),
            ("appendix_title", f"written in capitals ('{sixty}'); check the case of the letters"),
        ]

    def test_order_of_the_warnings(self) -> None:
        """The caller's warnings first, then the placeholders, then the table's rows."""
        extra = Problem(message="read with a legacy font", severity=Severity.WARNING)
        tasks = rows_to_tasks(
            HEADER, rows(("1", "A", "", "", ""), ("", "", "", "", "Năm 2025")), path=None
        )
        front = evolve(FULL, signer=None)
        result = build_plan(front, tasks, path=Path("p.csv"), extra_warnings=[extra])
        assert [(w.where, w.message, w.file) for w in result.warnings] == [
            ("", "read with a legacy font", None),
            (
                "signer",
                "no signature block found; title and name set to '[cần điền]'; fill it in",
                Path("p.csv"),
            ),
            (
                "row 3, task 1",
                "has no number and no task text; its cells were added to the task above",
                None,
            ),
            ("task 1", "no lead unit (đơn vị chủ trì)", Path("p.csv")),  # the plan's own check
        ]


@pytest.mark.parametrize(
    ("title", "span"),
    [
        # The month counts run from 1 to 12; a count outside them names no months, and
        # the year written after it is then the period.
        ("Kế hoạch 12 tháng cuối năm 2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch 1 tháng cuối năm 2025", ("2025-12-01", "2025-12-31")),
        ("Kế hoạch 13 tháng cuối năm 2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch 0 tháng cuối năm 2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch 12 tháng đầu năm 2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch 1 tháng đầu năm 2025", ("2025-01-01", "2025-01-31")),
        ("Kế hoạch 2 tháng đầu năm 2024", ("2024-01-01", "2024-02-29")),
        ("Kế hoạch 13 tháng đầu năm 2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch 0 tháng đầu năm 2025", ("2025-01-01", "2025-12-31")),
        # Each quarter, written with "/", "năm" or a space.
        ("Kế hoạch Quý I/2025", ("2025-01-01", "2025-03-31")),
        ("Kế hoạch quý II năm 2025", ("2025-04-01", "2025-06-30")),
        ("Kế hoạch Quý III 2025", ("2025-07-01", "2025-09-30")),
        ("Kế hoạch Quý IV / 2025", ("2025-10-01", "2025-12-31")),
        # A span of one year; dashes of any kind.
        ("Kế hoạch giai đoạn 2025-2025", ("2025-01-01", "2025-12-31")),
        ("Kế hoạch giai đoạn 2021–2025", ("2021-01-01", "2025-12-31")),
        # The first period that holds wins, in the order months, quarter, year, span.
        ("Kế hoạch năm 2026 và 6 tháng đầu năm 2027", ("2027-01-01", "2027-06-30")),
        ("Kế hoạch giai đoạn 2021 - 2025, năm 2023", ("2023-01-01", "2023-12-31")),
        ("Kế hoạch 3 tháng cuối năm 1800 và 3 tháng cuối năm 2025", ("2025-10-01", "2025-12-31")),
        # The first phrase of a kind that holds wins, twelve months included.
        ("Kế hoạch 12 tháng cuối năm 2024 và 3 tháng cuối năm 2025", ("2024-01-01", "2024-12-31")),
        ("Kế hoạch 12 tháng đầu năm 2024 và 3 tháng đầu năm 2025", ("2024-01-01", "2024-12-31")),
    ],
)
def test_period_rules(title: str, span: tuple[str, str]) -> None:
    """The period's edges, hand-checked (illustrative titles)."""
    period = period_from_text(title)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == span


@pytest.mark.parametrize(
    "title",
    [
        "Kế hoạch 3 tháng cuối năm 1899",
        "Kế hoạch 3 tháng đầu năm 1899",
        "Kế hoạch quý I/1899",
        "Kế hoạch năm 1899",
        "Kế hoạch giai đoạn 1899 - 1950",
        "Kế hoạch giai đoạn 2025 - 2021",
        "Kế hoạch thực hiện Nghị định 30/2020/NĐ-CP",
        "Kế hoạch thực hiện Chỉ thị ngày 22.12.2024",
    ],
)
def test_no_period(title: str) -> None:
    """Years before 1900, a span running backwards, and cited numbers name no period."""
    assert period_from_text(title) is None


@pytest.mark.parametrize(
    ("title", "date"),
    [
        ("Kế hoạch 3 tháng cuối năm 1900", "1900-10-01"),
        ("Kế hoạch 3 tháng đầu năm 1900", "1900-01-01"),
        ("Kế hoạch 3 tháng đầu năm 1900 và 3 tháng đầu năm 2025", "1900-01-01"),
        ("Kế hoạch 3 tháng cuối năm 1900 và 3 tháng cuối năm 2025", "1900-10-01"),
        ("Kế hoạch Quý II/1900", "1900-04-01"),
        ("Kế hoạch năm 1900", "1900-01-01"),
        ("Kế hoạch giai đoạn 1900 - 1901", "1900-01-01"),
    ],
)
def test_year_1900_is_read_and_refused(title: str, date: str) -> None:
    """From 1900 on a year is read as the period; 1900 itself is before the calendar's
    first year (1901), so the period is refused with the date it would start on.
    (Pinned as it is: see the report on issue 11; a title naming 1900 stops the import.)"""
    with pytest.raises(FieldValueError, match=f"the date {date} is outside 1901–2100"):
        period_from_text(title)


class TestYearHint:
    def test_a_one_year_title(self) -> None:
        front = FrontMatter(title="Kế hoạch Quý II/2024", issued=IssueDate(year=2023))
        assert year_hint(front, 2022) == 2024

    def test_a_span_of_years_is_no_hint(self) -> None:
        """A period of several years says no year: the issue date's is taken."""
        front = FrontMatter(title="Kế hoạch giai đoạn 2021 - 2025", issued=IssueDate(year=2023))
        assert year_hint(front, 2022) == 2023

    def test_the_appendix_title(self) -> None:
        front = FrontMatter(title="Kế hoạch giai đoạn 2021 - 2025", appendix_title="Năm 2024")
        assert year_hint(front, 2022) == 2024
        assert year_hint(FrontMatter(appendix_title="Năm 2024"), 2022) == 2024

    def test_the_callers_year_last(self) -> None:
        assert year_hint(FrontMatter(title="Kiểm soát thủ tục hành chính"), 2022) == 2022
        assert year_hint(FrontMatter()) is None


def test_a_cited_date_is_cut_out_as_a_space() -> None:
    """A cited date is taken out of the title as white space, so the words on both sides
    of it still read together (an illustrative title with a date inside its span)."""
    period = period_from_text("Kế hoạch giai đoạn 2021 ngày 05/01/2023 - 2025")
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == ("2021-01-01", "2025-12-31")


def test_only_dated_completion_times_count() -> None:
    """A task without a completion time, an ongoing and a monthly one give no due date:
    the title's period stands; only the plan check's warning on task 1 is said."""
    tasks = table("", "Thường xuyên", "Hằng tháng")
    assert [t.deadline is None for t in tasks.tasks] == [True, False, False]  # type: ignore[attr-defined]
    result = build_plan(FULL, tasks, path=None)
    assert said(result) == [("task 1", "no completion time (thời gian hoàn thành)")]
    assert (result.plan.period.start, result.plan.period.end) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )


class TestBuildPlanRound4:
    """Rules of the plan's assembly that mutation testing (issue 11, fourth run) found
    unchecked. ILLUSTRATIVE front matter and tasks."""

    def test_no_number_line_with_other_notes(self) -> None:
        """Notes on other fields do not make a missing number "left out": it is reported
        as not found."""
        front = evolve(FULL, number=None, notes=(("signer", "two heads"),))
        assert said(build_plan(front, table(), path=None))[1:3] == [
            (
                "number",
                "no 'Số: .../KH-...' line found; the number is set to '/KH-XXX'; fill it in",
            ),
            ("issuer.abbreviation", "unknown; set to 'XXX'; fill it in"),
        ]

    def test_capitals_cut_past_sixty_characters(self) -> None:
        """Sixty characters are shown whole (see above); sixty-one are cut to 57 and "..."."""
        front = evolve(FULL, guessed_case=(("title", "A" * 61),))
        assert said(build_plan(front, table(), path=None)) == [
            ("title", f"written in capitals ('{'A' * 57}...'); check the case of the letters")
        ]

    def test_a_plan_failing_the_checks_names_the_source(self) -> None:
        """Tasks whose lead is no unit of the table make a plan the checks refuse; each
        problem names the source file."""
        from kh_tthc import PlanInvalid, Task, TaskNumber, parse_deadline
        from kh_tthc.importing.tasks import TableResult

        ongoing = parse_deadline("Thường xuyên")
        task = Task(number=TaskNumber.parse("1"), title="Việc 1", lead=("so-tc",), deadline=ongoing)
        tasks = TableResult(tasks=(task,), units=(), warnings=())
        with pytest.raises(PlanInvalid) as exc:
            build_plan(FULL, tasks, path=Path("a.docx"))
        assert [(p.file, p.where, p.message) for p in exc.value.problems] == [
            (
                Path("a.docx"),
                "task 1",
                "unknown lead unit id 'so-tc' (expected one of: none declared)",
            )
        ]
