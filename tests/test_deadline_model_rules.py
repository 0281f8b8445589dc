"""Recurring days at the edges of a window, which mutation testing (issue 11, round 2)
found unchecked: a day that is the window's first day, the first day of a month, the
first of January, and a day off run longer than the look-back. The rules and the closure
are illustrative; the dates are worked out by hand (1/9/2025 is a Monday, 1/1/2025 a
Wednesday, 10/11/2025 a Monday, 1/12/2025 a Monday)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kh_tthc import WorkCalendar
from kh_tthc.deadline import DayOf, Frequency, Recurring

PLAIN = WorkCalendar(public_holidays=False)


def _monthly(day: int) -> Recurring:
    return Recurring(frequency=Frequency.MONTH, days=[DayOf(day=day)])


def _yearly(day: int, month: int) -> Recurring:
    return Recurring(frequency=Frequency.YEAR, days=[DayOf(day=day, month=month)])


def test_first_of_the_month_from_the_first() -> None:
    """ "Ngày 01 hàng tháng" from 1/9: the 1st of each month, that of the first month too,
    and the first, not the last, day of the month."""
    assert _monthly(1).named_dates(date(2025, 9, 1), date(2025, 11, 30)) == [
        date(2025, 9, 1),
        date(2025, 10, 1),
        date(2025, 11, 1),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (_yearly(1, 1), [date(2025, 1, 1), date(2026, 1, 1)]),
        (_yearly(15, 1), [date(2025, 1, 15), date(2026, 1, 15)]),
    ],
    ids=["1-1", "15-1"],
)
def test_yearly_day_in_january(rule: Recurring, expected: list[date]) -> None:
    """A yearly day in January falls in the window's first year too."""
    assert rule.named_dates(date(2025, 1, 1), date(2026, 1, 31)) == expected


def test_due_on_the_windows_first_day() -> None:
    """A day due on the window's first day is in it (15/12/2025 is a Monday)."""
    assert _monthly(15).due_dates(date(2025, 12, 15), date(2025, 12, 31), calendar=PLAIN) == [
        date(2025, 12, 15)
    ]


@pytest.mark.xfail(
    strict=True,
    reason="found in issue 11 (mutant Recurring.due_dates 14): due_dates looks back only 20 "
    "days for a named day that a run of days off moves into the window, so after a closure "
    "of three weeks (10/11 to 28/11/2025) the report named for 10/11, due on 1/12, is lost",
)
def test_day_moved_into_the_window_by_a_long_closure() -> None:
    closure = [date(2025, 11, 10) + timedelta(days=n) for n in range(19)]  # 10/11 to 28/11
    calendar = WorkCalendar(public_holidays=False, days_off=closure)
    assert _monthly(10).due_dates(date(2025, 12, 1), date(2025, 12, 31), calendar=calendar) == [
        date(2025, 12, 1),
        date(2025, 12, 10),
    ]


def test_phrase_is_shown_as_written_and_cleaned() -> None:
    """A rule keeps the author's words ("hằng", not the canonical "hàng"), with runs of
    spaces folded to one."""
    rule = Recurring(frequency=Frequency.MONTH, days=[DayOf(day=15)], text="Ngày  15   hằng tháng")
    assert (str(rule), rule.canonical) == ("Ngày 15 hằng tháng", "Ngày 15 hàng tháng")
    written = Recurring(frequency=Frequency.MONTH, days=[DayOf(day=15)], text="Ngày 15 hằng tháng")
    assert str(written) == "Ngày 15 hằng tháng"
