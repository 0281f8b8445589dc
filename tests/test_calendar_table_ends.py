"""The working calendar's table of days is invisible: a day off on the last day of the table
gives the same next working day as on a new calendar.

Written for issue 11 from mutation testing of ``kh_tthc.calendar`` (``_add_slow`` taking a
count of 0 for a backwards one): the weekdays and the New Year's Day made up on Monday
2/1/2023 are worked out by hand.
"""

from __future__ import annotations

from datetime import date

from kh_tthc import WorkCalendar


class TestOnOrAfterTheLastDayOfTheTable:
    """A calendar first asked about 2018 holds the years 2017–2022; Saturday 31/12/2022 is
    its last day, and the next working day lies in the year after."""

    def test_plain_weekdays(self) -> None:
        cal = WorkCalendar(public_holidays=False)
        assert cal.is_working_day(date(2018, 6, 1))  # a Friday
        assert cal.working_day_on_or_after(date(2022, 12, 31)) == date(2023, 1, 2)  # Monday

    def test_national_calendar(self) -> None:
        cal = WorkCalendar()
        assert cal.is_working_day(date(2018, 6, 1))
        # 1/1/2023 was a Sunday, made up on Monday 2/1: Tuesday 3/1.
        assert cal.working_day_on_or_after(date(2022, 12, 31)) == date(2023, 1, 3)

    def test_a_new_calendar_agrees(self) -> None:
        assert WorkCalendar().working_day_on_or_after(date(2022, 12, 31)) == date(2023, 1, 3)
