"""Recurring days as the plan names them and as they fall due, worked out by hand from the
calendar (1/1/2026 is a Thursday, 1/3/2026 a Sunday).

Written for issue 11 from mutation testing of ``kh_tthc.deadline.model`` (``Recurring``);
the rules are illustrative.
"""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc import WorkCalendar
from kh_tthc.deadline import DayOf, Frequency, Recurring

PLAIN = WorkCalendar(public_holidays=False)


def monthly(*days: int) -> Recurring:
    return Recurring(frequency=Frequency.MONTH, days=[DayOf(day=d) for d in days])


@pytest.mark.parametrize(
    ("rule", "start", "end", "expected"),
    [
        (
            monthly(31),  # a day the month lacks is its last day
            date(2026, 1, 1),
            date(2026, 4, 30),
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)],
        ),
        (
            monthly(-1),
            date(2026, 1, 1),
            date(2026, 4, 30),
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)],
        ),
        (
            monthly(29),
            date(2026, 1, 1),
            date(2026, 3, 31),
            [date(2026, 1, 29), date(2026, 2, 28), date(2026, 3, 29)],
        ),
        (monthly(15), date(2026, 1, 16), date(2026, 2, 15), [date(2026, 2, 15)]),
        (monthly(15), date(2026, 1, 15), date(2026, 1, 15), [date(2026, 1, 15)]),
        (
            monthly(5, 20),
            date(2026, 1, 1),
            date(2026, 2, 28),
            [date(2026, 1, 5), date(2026, 1, 20), date(2026, 2, 5), date(2026, 2, 20)],
        ),
        (
            Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=20, month=3)]),
            date(2026, 1, 1),
            date(2026, 12, 31),
            [date(2026, 3, 20), date(2026, 6, 20), date(2026, 9, 20), date(2026, 12, 20)],
        ),
        (
            Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=31, month=2)]),
            date(2026, 1, 1),
            date(2026, 12, 31),
            [date(2026, 2, 28), date(2026, 5, 31), date(2026, 8, 31), date(2026, 11, 30)],
        ),
        (
            Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=10, month=1)]),
            date(2026, 2, 1),
            date(2026, 7, 10),
            [date(2026, 4, 10), date(2026, 7, 10)],
        ),
        (
            Recurring(
                frequency=Frequency.YEAR, days=[DayOf(day=15, month=6), DayOf(day=1, month=12)]
            ),
            date(2025, 7, 1),
            date(2026, 12, 31),
            [date(2025, 12, 1), date(2026, 6, 15), date(2026, 12, 1)],
        ),
        (
            Recurring(frequency=Frequency.YEAR, days=[DayOf(day=29, month=2)]),
            date(2027, 1, 1),
            date(2028, 12, 31),
            [date(2028, 2, 29)],
        ),
        (
            Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=4)]),
            date(2026, 1, 1),
            date(2026, 1, 31),
            [
                date(2026, 1, 2),
                date(2026, 1, 9),
                date(2026, 1, 16),
                date(2026, 1, 23),
                date(2026, 1, 30),
            ],
        ),
        (
            Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=0), DayOf(weekday=6)]),
            date(2026, 1, 4),
            date(2026, 1, 12),
            [date(2026, 1, 4), date(2026, 1, 5), date(2026, 1, 11), date(2026, 1, 12)],
        ),
    ],
)
def test_named_dates(rule: Recurring, start: date, end: date, expected: list[date]) -> None:
    assert rule.named_dates(start, end) == expected


class TestDueDates:
    def test_a_sunday_moves_to_monday(self) -> None:
        # 15/3/2026 is a Sunday.
        assert monthly(15).due_dates(date(2026, 3, 1), date(2026, 3, 31), calendar=PLAIN) == [
            date(2026, 3, 16)
        ]

    def test_a_day_off_before_the_window_rolls_into_it(self) -> None:
        # Saturday 28/2/2026 moves to Monday 2/3; Saturday 28/3 to Monday 30/3.
        assert monthly(28).due_dates(date(2026, 3, 1), date(2026, 3, 31), calendar=PLAIN) == [
            date(2026, 3, 2),
            date(2026, 3, 30),
        ]

    def test_a_day_moved_past_the_window_is_left_out(self) -> None:
        # Saturday 28/3/2026 moves to Monday 30/3, after a window ending on the 29th.
        assert monthly(28).due_dates(date(2026, 3, 3), date(2026, 3, 29), calendar=PLAIN) == []

    def test_on_the_callers_calendar(self) -> None:
        local = WorkCalendar(days_off=[date(2026, 4, 15)], public_holidays=False)
        # Wednesday 15/4/2026 is off here: Thursday 16/4.
        assert monthly(15).due_dates(date(2026, 4, 1), date(2026, 4, 30), calendar=local) == [
            date(2026, 4, 16)
        ]


class TestDayOrder:
    """A rule's days are kept in the order of the year, the month or the week, whatever
    order they were given in."""

    def test_days_of_the_year(self) -> None:
        d = Recurring(
            frequency=Frequency.YEAR, days=[DayOf(day=1, month=12), DayOf(day=15, month=6)]
        )
        assert d.days == (DayOf(day=15, month=6), DayOf(day=1, month=12))
        assert d.canonical == "Ngày 15/06 và ngày 01/12 hàng năm"

    def test_days_of_the_month(self) -> None:
        d = monthly(28, 3, 17, 9, 22, 1, 30, 12)
        assert [x.day for x in d.days] == [1, 3, 9, 12, 17, 22, 28, 30]

    def test_days_of_the_week(self) -> None:
        d = Recurring(
            frequency=Frequency.WEEK, days=[DayOf(weekday=w) for w in (6, 0, 4, 2, 5, 1, 3)]
        )
        assert [x.weekday for x in d.days] == [0, 1, 2, 3, 4, 5, 6]
