"""The parser's own rules on numbers and words, at their edges, through ``parse_deadline``.

Written for issue 11 from mutation testing of ``kh_tthc.deadline.parse``: each test states a
rule of the phrase families (the lowest and highest number a family accepts, which word
gives which value, the note a reading carries) with the value worked out by hand. The
phrases are illustrative (made up for these tests, in the shapes of the agencies' phrases
in ``tests/data/real/phrases.tsv``), not agencies' text.
"""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    CalendarMonths,
    Composite,
    DateWording,
    DayOf,
    Deadline,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    Periodic,
    Recurring,
    WorkingDays,
    parse_deadline,
    suggest,
)
from kh_tthc.errors import DeadlineSyntaxError
from kh_tthc.periods import Period


def reason(text: str, year: int | None = None) -> str:
    """Why strict parsing refuses ``text``."""
    with pytest.raises(DeadlineSyntaxError) as info:
        parse_deadline(text, strict=True, year=year)
    return info.value.reason


class TestTimeLimits:
    """A time limit in days is 1 to 9999 days, in months 1 to 240 (model.MAX_LIMIT_*)."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Trong thời hạn 9999 ngày",
                OnEvent(form=EventForm.WITHIN_TERM, limit=CalendarDays(9999)),
            ),
            ("Trong vòng 1 ngày làm việc", OnEvent(form=EventForm.WITHIN, limit=WorkingDays(1))),
            ("Trong 3 ngày", OnEvent(form=EventForm.IN, limit=CalendarDays(3))),
            ("Trong 240 tháng", OnEvent(form=EventForm.IN, limit=CalendarMonths(240))),
            ("Trong 1 tháng", OnEvent(form=EventForm.IN, limit=CalendarMonths(1))),
            (
                "Trong thời hạn 6 tháng",
                OnEvent(form=EventForm.WITHIN_TERM, limit=CalendarMonths(6)),
            ),
            ("Trong 3-3 tháng", OnEvent(form=EventForm.IN, limit=CalendarMonths(3))),
        ],
    )
    def test_accepted_at_the_edges(self, text: str, expected: OnEvent) -> None:
        d = parse_deadline(text, strict=True)
        assert d == expected
        assert d.notes == ()

    @pytest.mark.parametrize(
        ("text", "why"),
        [
            ("Trong thời hạn 10000 ngày", "a time limit is 1 to 9999 days, not 10000"),
            ("Trong thời hạn 1234567 ngày", "a time limit is 1 to 9999 days, not 1234567"),
            ("Trong 241 tháng", "a time limit is 1 to 240 months, not 241"),
            ("Trong 4-3 tháng", "a time limit is 1 to 240 months, not 4"),
            ("Trong 1-1234567 tháng", "a time limit is 1 to 240 months, not 1"),
        ],
    )
    def test_refused_past_the_edges(self, text: str, why: str) -> None:
        assert reason(text) == why

    def test_months_from_an_event(self) -> None:
        d = parse_deadline("Trong 6 tháng kể từ ngày ký", strict=True)
        assert d == OnEvent(form=EventForm.IN, limit=CalendarMonths(6), event="ngày ký")
        assert str(d) == "Trong 6 tháng kể từ ngày ký"

    def test_a_range_of_months_counts_the_longer(self) -> None:
        d = parse_deadline("Trong vòng 18-24 tháng", strict=True)
        assert d == OnEvent(form=EventForm.WITHIN, limit=CalendarMonths(24))
        assert d.notes == ("a limit of 18 to 24 months: the schedule counts the longer, 24",)


class TestEveryFewPeriods:
    """ "Định kỳ N năm một lần": N is 2 to 99."""

    @pytest.mark.parametrize(
        ("text", "n", "frequency", "word"),
        [
            ("Định kỳ 2 năm một lần", 2, Frequency.YEAR, "năm"),
            ("Định kỳ 99 năm một lần", 99, Frequency.YEAR, "năm"),
            ("3 quý/lần", 3, Frequency.QUARTER, "quý"),
            ("Định kỳ 2 qúi một lần", 2, Frequency.QUARTER, "quý"),
        ],
    )
    def test_without_a_year(self, text: str, n: int, frequency: Frequency, word: str) -> None:
        d = parse_deadline(text, strict=True)
        assert d == Periodic(frequencies=[frequency], every=n)
        assert str(d) == text
        assert d.notes == (
            f"every {n} periods ({n} {word}), counted from a year the phrase does not name: "
            "not scheduled",
        )

    def test_from_a_year_to_a_year(self) -> None:
        d = parse_deadline("Định kỳ 2 năm một lần từ năm 2026 đến năm 2030", strict=True)
        assert d == Periodic(frequencies=[Frequency.YEAR], since=2026, until=2030, every=2)


class TestRecurringDays:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Ngày 1 hàng tháng", Recurring(frequency=Frequency.MONTH, days=[DayOf(day=1)])),
            ("Ngày 31 hàng tháng", Recurring(frequency=Frequency.MONTH, days=[DayOf(day=31)])),
            (
                "Ngày cuối cùng hằng tháng",
                Recurring(frequency=Frequency.MONTH, days=[DayOf(day=-1)]),
            ),
            (
                "Trước ngày 5 và 20 hàng tháng",
                Recurring(
                    frequency=Frequency.MONTH, days=[DayOf(day=5), DayOf(day=20)], before=True
                ),
            ),
            (
                "Ngày 31 tháng cuối quý",
                Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=31, month=3)]),
            ),
            (
                "Ngày 1 tháng giữa quý",
                Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=1, month=2)]),
            ),
            ("Thứ 2 hàng tuần", Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=0)])),
            (
                "Thứ 7 và chủ nhật hàng tuần",
                Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=5), DayOf(weekday=6)]),
            ),
            (
                "Trước thứ Sáu hàng tuần",
                Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=4)], before=True),
            ),
            (
                "Trước ngày 20/6 và ngày 20/12 hằng năm",
                Recurring(
                    frequency=Frequency.YEAR,
                    days=[DayOf(day=20, month=6), DayOf(day=20, month=12)],
                    before=True,
                ),
            ),
            (
                "Ngày 20/6 và ngày 20/12 hằng năm",
                Recurring(
                    frequency=Frequency.YEAR, days=[DayOf(day=20, month=6), DayOf(day=20, month=12)]
                ),
            ),
        ],
    )
    def test_reads_as(self, text: str, expected: Recurring) -> None:
        d = parse_deadline(text, strict=True)
        assert d == expected
        assert d.before is expected.before

    @pytest.mark.parametrize(
        ("text", "why"),
        [
            ("Ngày 32 tháng đầu quý", "a day of the month is 1 to 31, not 32"),
            ("Ngày 0 hàng tháng", "a day of the month is 1 to 31, not 0"),
        ],
    )
    def test_refused(self, text: str, why: str) -> None:
        assert reason(text) == why


class TestPeriodsAndSpans:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("6 tháng đầu năm 2026", ByPeriod(period=Period.half(2026, 1))),
            ("6 tháng cuối năm 2026", ByPeriod(period=Period.half(2026, 2))),
            (
                "Quý II, III/2026",
                ByPeriod(period=Period.quarter(2026, 3), start=Period.quarter(2026, 2)),
            ),
            ("Năm 2025 - 2026", ByPeriod(period=Period.year_of(2026), start=Period.year_of(2025))),
            (
                "Hoàn thành trước tháng 3/2027",
                ByDate(day=date(2027, 3, 1), wording=DateWording.COMPLETE_BEFORE),
            ),
            ("Trước tháng 3/2027", ByDate(day=date(2027, 3, 1), wording=DateWording.BEFORE)),
        ],
    )
    def test_reads_as(self, text: str, expected: ByPeriod | ByDate) -> None:
        d = parse_deadline(text, strict=True)
        assert d == expected

    def test_years_may_start_and_end_in_the_same_year(self) -> None:
        d = parse_deadline("Hàng năm từ năm 2026 đến năm 2026", strict=True)
        assert d == Periodic(frequencies=[Frequency.YEAR], regular=False, since=2026, until=2026)


class TestSuggestionsFromTheNumbers:
    """The forms built from the phrase's own numbers: a date from the first two small
    numbers and the last year (a day the month lacks becomes its last day), a month or
    quarter from the last small number brought into range, and the year; ranked by
    likeness, so compared as sets."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("31/02/2025", {"Trước ngày 28/02/2025", "Tháng 2/2025", "Năm 2025"}),
            ("31/04/2024", {"Trước ngày 30/04/2024", "Tháng 4/2024", "Năm 2024"}),
            ("Quý V/2025", {"Quý IV/2025", "Năm 2025"}),
            ("Qúy 5/2025", {"Quý IV/2025", "Năm 2025"}),
            ("Quý 0/2025", {"Quý I/2025", "Năm 2025"}),
            ("Tháng 0/2025", {"Tháng 1/2025", "Năm 2025"}),
            ("Tháng 13/2025", {"Tháng 12/2025", "Năm 2025"}),
            ("32/13/2025", {"Tháng 12/2025", "Năm 2025"}),
            ("0/5/2025", {"Tháng 5/2025", "Năm 2025"}),
            ("31/01/2025", {"Trước ngày 31/01/2025", "Tháng 1/2025", "Năm 2025"}),
            ("31/12/2025", {"Trước ngày 31/12/2025", "Tháng 12/2025", "Năm 2025"}),
            ("1/5/2025", {"Trước ngày 01/05/2025", "Tháng 5/2025", "Năm 2025"}),
            ("100/5/2025", {"Trước ngày 10/05/2025", "Tháng 5/2025", "Năm 2025"}),
            ("5/123/2025", {"Trước ngày 05/12/2025", "Tháng 12/2025", "Năm 2025"}),
            ("iv/5/2025", {"Tháng 5/2025", "Năm 2025"}),
            ("Qui 3/2025", {"Quý III/2025", "Năm 2025"}),
            (
                "ngày 15/6 năm 2024 và 2025",
                {"Trước ngày 15/06/2025", "Tháng 6/2025", "Năm 2025"},
            ),
        ],
    )
    def test_own_numbers(self, text: str, expected: set[str]) -> None:
        got = suggest(text)
        assert set(got[: len(expected)]) == expected


Q3, Q4 = Period.quarter(2026, 3), Period.quarter(2026, 4)
D1, D2 = date(2026, 3, 15), date(2026, 6, 30)


class TestSeveralRulesInOneCell:
    """Rules separated by ";" or "hoặc" are joined: days into one ByDate, periods in a row
    into one span (not alternatives), the days of one recurring rule into one rule, anything
    else into a Composite, with days side by side still one ByDate."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Trước ngày 15/3/2026; trước ngày 30/6/2026",
                ByDate(day=D1, wording=DateWording.BEFORE, also=[D2]),
            ),
            ("Quý III/2026; Quý IV/2026", ByPeriod(period=Q4, start=Q3)),
            (
                "Tháng 12/2026; Tháng 1/2027",
                ByPeriod(period=Period.month(2027, 1), start=Period.month(2026, 12)),
            ),
            (
                "Quý III/2026 hoặc Quý IV/2026",
                Composite(parts=[ByPeriod(period=Q3), ByPeriod(period=Q4)]),
            ),
            (
                "Quý I/2026; Quý III/2026",
                Composite(parts=[ByPeriod(period=Period.quarter(2026, 1)), ByPeriod(period=Q3)]),
            ),
            (
                "Ngày 5 hàng tháng; ngày 20 hàng tháng",
                Recurring(frequency=Frequency.MONTH, days=[DayOf(day=5), DayOf(day=20)]),
            ),
            (
                "Trước ngày 5 hàng tháng; ngày 20 hàng tháng",
                Composite(
                    parts=[
                        Recurring(frequency=Frequency.MONTH, days=[DayOf(day=5)], before=True),
                        Recurring(frequency=Frequency.MONTH, days=[DayOf(day=20)]),
                    ]
                ),
            ),
            (
                "Trước ngày 15/3/2026; Quý IV/2026",
                Composite(parts=[ByDate(day=D1, wording=DateWording.BEFORE), ByPeriod(period=Q4)]),
            ),
            (
                "Trước ngày 15/3/2026; trước ngày 30/6/2026; Thường xuyên",
                Composite(parts=[ByDate(day=D1, wording=DateWording.BEFORE, also=[D2]), Ongoing()]),
            ),
            (
                "Thường xuyên; trước ngày 15/3/2026; trước ngày 30/6/2026",
                Composite(parts=[Ongoing(), ByDate(day=D1, wording=DateWording.BEFORE, also=[D2])]),
            ),
        ],
    )
    def test_joined(self, text: str, expected: Deadline) -> None:
        d = parse_deadline(text, strict=True)
        assert d == expected
        assert str(d) == text
        assert d.notes == ()
