"""Deadline values at their edges: time limits on the caller's calendar and across years,
and the days a periodic phrase names.

Written for issue 11 from mutation testing of ``kh_tthc.deadline.model``; every expected
date is worked out by hand (weekdays from 1/1/2026, a Thursday). The calendars with a day
off of their own are illustrative.
"""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc import WorkCalendar
from kh_tthc.deadline import ByDate, CalendarDays, CalendarMonths, Frequency, Periodic
from kh_tthc.deadline.model import DeadlineValueError

#: Monday to Friday, no holidays: the arithmetic of a limit alone.
PLAIN = WorkCalendar(public_holidays=False)


class TestTheCallersCalendar:
    """A limit and a due day are judged on the calendar passed, not the national one (on
    which 12/3 and 10/4/2026 are working days)."""

    def test_calendar_days(self) -> None:
        # 2/3/2026 (Monday) + 10 days = Thursday 12/3/2026, off here: Friday 13/3.
        local = WorkCalendar(days_off=[date(2026, 3, 12)], public_holidays=False)
        assert CalendarDays(10).after(date(2026, 3, 2), local) == date(2026, 3, 13)
        assert CalendarDays(10).after(date(2026, 3, 2), PLAIN) == date(2026, 3, 12)

    def test_calendar_months(self) -> None:
        # 10/3/2026 + 1 month = Friday 10/4/2026, off here: Monday 13/4.
        local = WorkCalendar(days_off=[date(2026, 4, 10)], public_holidays=False)
        assert CalendarMonths(1).after(date(2026, 3, 10), local) == date(2026, 4, 13)
        assert CalendarMonths(1).after(date(2026, 3, 10), PLAIN) == date(2026, 4, 10)

    def test_falls_on_day_off(self) -> None:
        local = WorkCalendar(days_off=[date(2026, 3, 12)], public_holidays=False)
        assert ByDate(day=date(2026, 3, 12)).falls_on_day_off(local) is True
        assert ByDate(day=date(2026, 3, 12)).falls_on_day_off(PLAIN) is False


class TestMonthsAcrossYears:
    @pytest.mark.parametrize(
        ("months", "event", "expected"),
        [
            (12, date(2025, 1, 15), date(2026, 1, 15)),  # a Thursday
            (3, date(2025, 11, 10), date(2026, 2, 10)),  # a Tuesday
            (24, date(2025, 3, 10), date(2027, 3, 10)),  # a Wednesday
            (2, date(2025, 10, 31), date(2025, 12, 31)),  # December has a 31st: a Wednesday
            (1, date(2025, 11, 30), date(2025, 12, 30)),  # a Tuesday
            (14, date(2024, 12, 31), date(2026, 3, 2)),  # 28/2/2026, a Saturday: Monday 2/3
        ],
    )
    def test_after(self, months: int, event: date, expected: date) -> None:
        assert CalendarMonths(months).after(event, PLAIN) == expected

    def test_the_longest_limit(self) -> None:
        with pytest.raises(DeadlineValueError) as info:
            CalendarMonths(241)
        assert str(info.value) == "a time limit is 1 to 240 months, not 241"


class TestNamedWeeks:
    """A week the phrase names ends on Sunday."""

    def test_the_sundays_of_january_2026(self) -> None:
        weekly = Periodic(frequencies=[Frequency.WEEK])
        expected = [date(2026, 1, 4), date(2026, 1, 11), date(2026, 1, 18), date(2026, 1, 25)]
        assert weekly.named_dates(date(2026, 1, 1), date(2026, 1, 31)) == expected
        # A window from a Sunday to a Sunday holds both.
        assert weekly.named_dates(date(2026, 1, 4), date(2026, 1, 25)) == expected

    def test_weeks_from_a_year(self) -> None:
        weekly = Periodic(frequencies=[Frequency.WEEK], since=2026)
        # Sundays 21/12 and 28/12/2025 are before the first year.
        assert weekly.named_dates(date(2025, 12, 20), date(2026, 1, 12)) == [
            date(2026, 1, 4),
            date(2026, 1, 11),
        ]

    def test_a_month_ending_on_the_first_day(self) -> None:
        monthly = Periodic(frequencies=[Frequency.MONTH])
        assert monthly.named_dates(date(2026, 1, 31), date(2026, 2, 28)) == [
            date(2026, 1, 31),
            date(2026, 2, 28),
        ]

    def test_every_two_years_from_no_year_names_none(self) -> None:
        every_two = Periodic(frequencies=[Frequency.YEAR], every=2)
        assert every_two.named_dates(date(2026, 1, 1), date(2027, 12, 31)) == []


class TestNamedYearsFromTo:
    """A phrase "từ năm … đến năm …" names the periods of those years, both included."""

    def test_years(self) -> None:
        yearly = Periodic(frequencies=[Frequency.YEAR], since=2026, until=2027)
        assert yearly.named_dates(date(2025, 1, 1), date(2028, 12, 31)) == [
            date(2026, 12, 31),
            date(2027, 12, 31),
        ]

    def test_weeks_of_the_last_year(self) -> None:
        weekly = Periodic(frequencies=[Frequency.WEEK], since=2026, until=2026)
        # Sundays 20/12 and 27/12/2026 count; 3/1 and 10/1/2027 are after the last year.
        assert weekly.named_dates(date(2026, 12, 20), date(2027, 1, 10)) == [
            date(2026, 12, 20),
            date(2026, 12, 27),
        ]

    def test_every_third_quarter_from_a_year(self) -> None:
        # Quarters counted from Quý I/2026: the 1st, 4th and 7th are Quý I/2026, Quý IV/2026
        # and Quý III/2027.
        every_three = Periodic(frequencies=[Frequency.QUARTER], since=2026, every=3)
        assert every_three.named_dates(date(2026, 1, 1), date(2027, 12, 31)) == [
            date(2026, 3, 31),
            date(2026, 12, 31),
            date(2027, 9, 30),
        ]
