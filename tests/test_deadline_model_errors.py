"""Deadline values refuse parts that do not fit, saying why word for word, and accept the
parts at the very edge of what fits.

Written for issue 11 from mutation testing of ``kh_tthc.deadline.model``: a message is what a
caller (and the CLI) shows, so each is asserted whole; each edge is the last value accepted.
The values are illustrative.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    CalendarMonths,
    Composite,
    DayOf,
    EventForm,
    Frequency,
    OnEvent,
    Periodic,
    Recurring,
    Unspecified,
    WorkingDays,
)
from kh_tthc.deadline.model import DeadlineValueError
from kh_tthc.periods import Period

JAN = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: OnEvent(form=EventForm.WITHIN), "'Trong vòng …' needs a time limit"),
        (lambda: OnEvent(form=EventForm.WITHIN_TERM), "'Trong thời hạn …' needs a time limit"),
        (lambda: OnEvent(form=EventForm.IN), "'Trong …' needs a time limit"),
        (
            lambda: OnEvent(form=EventForm.WHEN, limit=WorkingDays(3)),
            "'Khi có' takes no time limit",
        ),
        (
            lambda: OnEvent(form=EventForm.NAMED, event="Kỳ họp thứ 5", limit=WorkingDays(3)),
            "'Kỳ họp thứ 5' takes no time limit",
        ),
        (lambda: OnEvent(form=EventForm.AFTER, event=None), "'Sau khi …' needs the event"),
        (lambda: OnEvent(form=EventForm.NAMED, event=None), "'a named event …' needs the event"),
        (lambda: OnEvent(form=EventForm.AD_HOC, event="x"), "'Đột xuất' takes no event"),
        (lambda: ByDate(day=date(999, 1, 1)), "a plan date has a four-digit year, not 999"),
        (
            lambda: ByDate(day=JAN, also=[date(999, 1, 1)]),
            "a plan date has a four-digit year, not 999",
        ),
        (
            lambda: ByDate(day=JAN, also=[JAN]),
            "the further days of a cell are each named once",
        ),
        (
            lambda: ByDate(day=JAN, also=[date(2026, 2, 1), date(2026, 2, 1)]),
            "the further days of a cell are each named once",
        ),
        (
            lambda: ByPeriod(period=Period.month(2026, 3), start=Period.month(2026, 5)),
            "a span runs from an earlier period to a later one, not from Tháng 5/2026 to "
            "Tháng 3/2026",
        ),
        (
            lambda: Periodic(frequencies=[]),
            "a periodic deadline needs at least one frequency",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], since=999),
            "a plan year has four digits, not 999",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], since=10000),
            "a plan year has four digits, not 10000",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], until=2027),
            "a last year 2027 needs a first year before it",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], since=2027, until=2026),
            "a last year 2026 needs a first year before it",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], since=2027, until=10000),
            "a plan year has four digits, not 10000",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], every=0),
            "a periodic deadline comes every 1 to 99 periods, not 0",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR], every=100),
            "a periodic deadline comes every 1 to 99 periods, not 100",
        ),
        (
            lambda: Periodic(frequencies=[Frequency.YEAR, Frequency.QUARTER], every=2),
            "a deadline every few periods has one frequency",
        ),
        (
            lambda: Recurring(frequency=Frequency.MONTH, days=[]),
            "a recurring deadline names at least one day",
        ),
        (
            lambda: Recurring(frequency=Frequency.HALF, days=[DayOf(day=1)]),
            "a recurring day comes every week, month, quarter or year, not '6 tháng'",
        ),
        (
            lambda: Recurring(
                frequency=Frequency.QUARTER, days=[DayOf(day=1, month=1), DayOf(day=2, month=1)]
            ),
            "a quarterly rule names one day of one month of the quarter",
        ),
        (
            lambda: Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=7)]),
            "DayOf(weekday=7, day=None, month=None) is not a day of a weekly rule",
        ),
        (
            lambda: Recurring(frequency=Frequency.MONTH, days=[DayOf(day=32)]),
            "DayOf(weekday=None, day=32, month=None) is not a day of a monthly rule",
        ),
        (
            lambda: Recurring(frequency=Frequency.YEAR, days=[DayOf(day=30, month=2)]),
            "DayOf(weekday=None, day=30, month=2) is not a day of a yearly rule",
        ),
        (
            lambda: Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=1, month=4)]),
            "DayOf(weekday=None, day=1, month=4) is not a day of a quarterly rule",
        ),
        (
            lambda: Composite(parts=[ByDate(day=JAN)]),
            "a composite deadline has at least two parts",
        ),
        (
            lambda: Composite(parts=[ByDate(day=JAN), Unspecified(text="x")]),
            "a composite deadline's parts are all known phrases",
        ),
        (
            lambda: Composite(parts=[ByDate(day=JAN), ByDate(day=date(2026, 2, 1))]),
            "several days are one ByDate (its 'also' days), not a composite",
        ),
        (lambda: WorkingDays(0), "a time limit is 1 to 9999 days, not 0"),
        (lambda: CalendarDays(10000), "a time limit is 1 to 9999 days, not 10000"),
        (lambda: CalendarMonths(0), "a time limit is 1 to 240 months, not 0"),
    ],
)
def test_refused_with_its_reason(build: Callable[[], object], message: str) -> None:
    with pytest.raises(DeadlineValueError) as info:
        build()
    assert str(info.value) == message


@pytest.mark.parametrize(
    "build",
    [
        lambda: WorkingDays(1),
        lambda: CalendarDays(9999),
        lambda: CalendarMonths(240),
        lambda: ByDate(day=date(1000, 1, 1)),
        lambda: Periodic(frequencies=[Frequency.YEAR], since=1000, until=9999),
        lambda: Periodic(frequencies=[Frequency.YEAR], since=2026, until=2026),
        lambda: Periodic(frequencies=[Frequency.YEAR], every=99),
        lambda: Periodic(frequencies=[Frequency.YEAR], every=1),
        lambda: Recurring(frequency=Frequency.WEEK, days=[DayOf(weekday=0), DayOf(weekday=6)]),
        lambda: Recurring(frequency=Frequency.MONTH, days=[DayOf(day=1), DayOf(day=31)]),
        lambda: Recurring(frequency=Frequency.MONTH, days=[DayOf(day=-1)]),
        lambda: Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=31, month=3)]),
        lambda: Recurring(frequency=Frequency.QUARTER, days=[DayOf(day=1, month=1)]),
        lambda: Recurring(frequency=Frequency.YEAR, days=[DayOf(day=29, month=2)]),
        lambda: Recurring(
            frequency=Frequency.YEAR, days=[DayOf(day=1, month=1), DayOf(day=31, month=12)]
        ),
        lambda: OnEvent(form=EventForm.AD_HOC),
        lambda: OnEvent(form=EventForm.ON_REQUEST),
    ],
)
def test_accepted_at_the_edge(build: Callable[[], object]) -> None:
    build()


@pytest.mark.parametrize(
    ("frequency", "day"),
    [
        (Frequency.WEEK, DayOf(weekday=-1)),
        (Frequency.WEEK, DayOf(weekday=1, day=1)),
        (Frequency.WEEK, DayOf(weekday=1, month=1)),
        (Frequency.WEEK, DayOf()),
        (Frequency.MONTH, DayOf(day=0)),
        (Frequency.MONTH, DayOf(day=-2)),
        (Frequency.MONTH, DayOf(day=5, weekday=1)),
        (Frequency.MONTH, DayOf(day=5, month=1)),
        (Frequency.MONTH, DayOf()),
        (Frequency.QUARTER, DayOf(day=5)),
        (Frequency.QUARTER, DayOf(day=5, month=0)),
        (Frequency.QUARTER, DayOf(day=0, month=1)),
        (Frequency.QUARTER, DayOf(day=32, month=1)),
        (Frequency.QUARTER, DayOf(day=5, month=1, weekday=1)),
        (Frequency.QUARTER, DayOf(month=1)),
        (Frequency.YEAR, DayOf(day=5, month=13)),
        (Frequency.YEAR, DayOf(day=31, month=4)),
        (Frequency.YEAR, DayOf(day=-1, month=1)),
    ],
)
def test_a_day_that_does_not_fit(frequency: Frequency, day: DayOf) -> None:
    with pytest.raises(DeadlineValueError) as info:
        Recurring(frequency=frequency, days=[day])
    assert str(info.value) == f"{day} is not a day of a {frequency.name.lower()}ly rule"
