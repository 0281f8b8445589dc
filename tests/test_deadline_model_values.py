"""Deadline values built in code: the words they keep, their defaults, and the window a due
date must fall in.

Written for issue 11 from mutation testing of ``kh_tthc.deadline.model``; the values are
illustrative and every expected value is worked out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc import WorkCalendar
from kh_tthc.calendar import DateRangeError
from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    Composite,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    Periodic,
    WorkingDays,
)
from kh_tthc.deadline.model import DeadlineValueError, in_a_row
from kh_tthc.periods import Period, SendingRule

DAY = date(2026, 3, 12)
PLAIN = WorkCalendar(public_holidays=False)


class TestTheWordsKept:
    @pytest.mark.parametrize(
        ("text", "kept"),
        [
            ("Trước ngày 12/3/2026", "Trước ngày 12/3/2026"),  # already clean: kept as is
            ("  Trước  ngày 12/3/2026 ", "Trước ngày 12/3/2026"),
            ("Trước\tngày 12/3/2026", "Trước ngày 12/3/2026"),  # a tab is not printable
            ("Tru\u031bo\u031b\u0301c ngày 12/3/2026", "Trước ngày 12/3/2026"),  # NFD in, NFC out
            ("Trước ngày 12/3/2026 ", "Trước ngày 12/3/2026"),
        ],
    )
    def test_text_is_cleaned(self, text: str, kept: str) -> None:
        d = ByDate(day=DAY, text=text)
        assert d.text == kept
        assert str(d) == kept

    def test_without_text_str_is_the_canonical_wording(self) -> None:
        assert str(ByDate(day=DAY)) == "Trước ngày 12/3/2026"
        assert str(WorkingDays(5)) == "05 ngày làm việc"
        assert str(CalendarDays(7)) == "07 ngày"


class TestEvents:
    def test_the_default_event(self) -> None:
        d = OnEvent()
        assert d.form is EventForm.WHEN
        assert d.event == "phát sinh"
        assert d.canonical == "Khi có phát sinh"

    @pytest.mark.parametrize(
        ("event", "kept"),
        [
            ("ngày ký.", "ngày ký"),  # final full stops and spaces dropped
            ("ban hành Phụ lục X", "ban hành Phụ lục X"),
            ("Phat sinh", "phát sinh"),  # a known event, however written
            ("YÊU CẦU", "yêu cầu"),
            # A stray accent on a known event: ten characters, still read as the event.
            ("pha\u0301\u0301t sinh", "phát sinh"),
            # Eleven characters: longer than any known event is written, kept as it is.
            ("pha\u0301\u0301\u0301t sinh", "phá\u0301\u0301t sinh"),
        ],
    )
    def test_event_words(self, event: str, kept: str) -> None:
        assert OnEvent(form=EventForm.AFTER, event=event).event == kept


class TestTheWindow:
    """A dated deadline is due in a window that holds its day, both ends included; a window
    that ends before it starts is an error whatever the deadline."""

    def test_both_ends_included(self) -> None:
        d = ByDate(day=DAY)
        assert d.due_dates(DAY, DAY) == [DAY]
        assert d.due_dates(date(2026, 3, 1), DAY) == [DAY]
        assert d.due_dates(DAY, date(2026, 3, 31)) == [DAY]

    def test_outside_the_window(self) -> None:
        d = ByPeriod(period=Period.month(2026, 3))  # due 31/3/2026
        assert d.due_dates(date(2026, 1, 1), date(2026, 3, 30)) == []
        assert d.due_dates(date(2026, 4, 1), date(2026, 4, 30)) == []
        assert d.due_dates(date(2026, 3, 31), date(2026, 3, 31)) == [date(2026, 3, 31)]

    @pytest.mark.parametrize("deadline", [ByDate(day=DAY), OnEvent(), Ongoing()])
    def test_a_reversed_window(self, deadline: ByDate | OnEvent | Ongoing) -> None:
        with pytest.raises(DateRangeError) as info:
            deadline.due_dates(date(2026, 3, 31), date(2026, 3, 1))
        assert str(info.value) == "end date 2026-03-01 is before start date 2026-03-31"

    def test_an_undated_deadline_names_no_day(self) -> None:
        assert OnEvent().due_dates(date(2026, 1, 1), date(2026, 12, 31)) == []


class TestFurtherDays:
    def test_further_days_are_a_tuple(self) -> None:
        d = ByDate(day=DAY, also=[date(2026, 4, 1), date(2026, 5, 1)])
        assert d.also == (date(2026, 4, 1), date(2026, 5, 1))
        assert d == ByDate(day=DAY, also=(date(2026, 4, 1), date(2026, 5, 1)))
        assert hash(d) == hash(ByDate(day=DAY, also=(date(2026, 4, 1), date(2026, 5, 1))))

    def test_one_further_day(self) -> None:
        assert ByDate(day=DAY, also=[date(2026, 4, 1)]).due_dates(
            date(2026, 1, 1), date(2026, 12, 31)
        ) == [DAY, date(2026, 4, 1)]


class TestSpans:
    """A span starts and ends before its last period; periods in a row each start the
    month after the one before ends."""

    def test_canonical_wording(self) -> None:
        d = ByPeriod(period=Period.quarter(2026, 4), start=Period.quarter(2026, 3))
        assert d.canonical == "Từ quý III/2026 đến quý IV/2026"
        d = ByPeriod(period=Period.month(2027, 2), start=Period.month(2026, 11))
        # NĐ 30/2020: months 1 and 2 are written with a leading zero.
        assert d.canonical == "Từ tháng 11/2026 đến tháng 02/2027"
        d = ByPeriod(period=Period.year_of(2030), start=Period.year_of(2026))
        assert d.canonical == "Giai đoạn 2026-2030"

    @pytest.mark.parametrize(
        ("start", "period"),
        [
            (Period.year_of(2026), Period.quarter(2026, 4)),  # both end on 31/12/2026
            (Period.quarter(2026, 1), Period.half(2026, 1)),  # both start on 1/1/2026
            (Period.month(2026, 6), Period.month(2026, 6)),
            (Period.month(2027, 1), Period.month(2026, 12)),
        ],
    )
    def test_refused(self, start: Period, period: Period) -> None:
        with pytest.raises(DeadlineValueError):
            ByPeriod(period=period, start=start)

    @pytest.mark.parametrize(
        ("start", "period"),
        [
            (Period.month(2026, 12), Period.month(2027, 1)),
            (Period.quarter(2026, 1), Period.half(2026, 2)),
            (Period.month(2026, 1), Period.quarter(2026, 2)),
        ],
    )
    def test_accepted(self, start: Period, period: Period) -> None:
        assert ByPeriod(period=period, start=start).start == start

    @pytest.mark.parametrize(
        ("periods", "row"),
        [
            ([Period.month(2026, 12), Period.month(2027, 1)], True),
            ([Period.quarter(2026, 3), Period.quarter(2026, 4), Period.quarter(2027, 1)], True),
            ([Period.half(2026, 1), Period.quarter(2026, 3)], True),
            ([Period.month(2026, 3), Period.quarter(2026, 2)], True),
            ([Period.year_of(2026), Period.year_of(2027)], True),
            ([Period.month(2026, 11), Period.month(2027, 1)], False),
            ([Period.quarter(2026, 1), Period.quarter(2026, 3)], False),
            ([Period.month(2026, 1), Period.month(2027, 2)], False),
            ([Period.month(2027, 1), Period.month(2026, 12)], False),
        ],
    )
    def test_in_a_row(self, periods: list[Period], row: bool) -> None:
        assert in_a_row([ByPeriod(period=p) for p in periods]) is row

    def test_a_span_then_the_next_period(self) -> None:
        span = ByPeriod(period=Period.quarter(2026, 2), start=Period.quarter(2026, 1))
        assert in_a_row([span, ByPeriod(period=Period.quarter(2026, 3))]) is True
        assert in_a_row([span, ByPeriod(period=Period.quarter(2026, 4))]) is False


class TestDueDatesOfSeveralDays:
    def test_the_window_holds_both_ends(self) -> None:
        d = ByDate(day=DAY, also=[date(2026, 4, 1)])
        assert d.due_dates(DAY, date(2026, 4, 1)) == [DAY, date(2026, 4, 1)]
        assert d.due_dates(date(2026, 3, 13), date(2026, 4, 1)) == [date(2026, 4, 1)]
        assert d.due_dates(DAY, date(2026, 3, 31)) == [DAY]


class TestPeriodicSendings:
    """Sendings by the default rule, two working days after the cut-off (the 14th of the
    period's last month), on a calendar of plain weekdays."""

    def test_on_the_callers_calendar(self) -> None:
        # Cut-off Saturday 14/3/2026: Monday 16/3 and Tuesday 17/3; with 16/3 off, 18/3.
        monthly = Periodic(frequencies=[Frequency.MONTH])
        window = (date(2026, 3, 1), date(2026, 3, 31))
        assert monthly.due_dates(*window, calendar=PLAIN) == [date(2026, 3, 17)]
        local = WorkCalendar(days_off=[date(2026, 3, 16)], public_holidays=False)
        assert monthly.due_dates(*window, calendar=local) == [date(2026, 3, 18)]

    def test_every_two_years_from_a_year(self) -> None:
        # 14/12/2026 is a Monday: Wednesday 16/12; 14/12/2028 a Thursday: Monday 18/12.
        every_two = Periodic(frequencies=[Frequency.YEAR], every=2, since=2026)
        window = (date(2026, 1, 1), date(2029, 12, 31))
        assert every_two.due_dates(*window, calendar=PLAIN) == [
            date(2026, 12, 16),
            date(2028, 12, 18),
        ]

    def test_every_two_years_from_no_year_sends_none(self) -> None:
        every_two = Periodic(frequencies=[Frequency.YEAR], every=2)
        assert every_two.sendings(date(2026, 1, 1), date(2029, 12, 31), calendar=PLAIN) == []

    def test_several_frequencies_every_period(self) -> None:
        d = Periodic(frequencies=[Frequency.YEAR, Frequency.QUARTER], every=1)
        assert d.frequencies == (Frequency.QUARTER, Frequency.YEAR)

    def test_weekly_and_monthly(self) -> None:
        # The Fridays of March 2026 (6, 13, 20, 27) and the monthly sending on 17/3.
        d = Periodic(frequencies=[Frequency.WEEK, Frequency.MONTH])
        assert d.due_dates(date(2026, 3, 1), date(2026, 3, 31), calendar=PLAIN) == [
            date(2026, 3, 6),
            date(2026, 3, 13),
            date(2026, 3, 17),
            date(2026, 3, 20),
            date(2026, 3, 27),
        ]

    def test_a_composite_passes_its_calendar_and_rule_on(self) -> None:
        # Three working days after the cut-off Saturday 14/3/2026, with 16/3 off: 17, 18, 19.
        d = Composite(parts=[Periodic(frequencies=[Frequency.MONTH]), OnEvent()])
        local = WorkCalendar(days_off=[date(2026, 3, 16)], public_holidays=False)
        due = d.due_dates(
            date(2026, 3, 1),
            date(2026, 3, 31),
            calendar=local,
            reporting=SendingRule.after_cutoff(3),
        )
        assert due == [date(2026, 3, 19)]

    def test_a_window_of_one_day(self) -> None:
        monthly = Periodic(frequencies=[Frequency.MONTH])
        (sending,) = monthly.sendings(date(2026, 3, 17), date(2026, 3, 17), calendar=PLAIN)
        assert sending.due == date(2026, 3, 17)
        assert sending.period == Period.month(2026, 3)
        assert sending.label == "Tháng 3/2026"

    def test_weeks_from_a_year(self) -> None:
        # Fridays 26/12/2025 (before the first year), 2/1 and 9/1/2026.
        weekly = Periodic(frequencies=[Frequency.WEEK], since=2026)
        window = (date(2025, 12, 22), date(2026, 1, 9))
        assert weekly.due_dates(*window, calendar=PLAIN) == [date(2026, 1, 2), date(2026, 1, 9)]
