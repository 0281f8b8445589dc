"""Tests for kh_tthc.calendar: the Vietnamese working calendar."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import KhTthcError
from kh_tthc.calendar import (
    CalendarError,
    CalendarRangeError,
    DateRangeError,
    WorkCalendar,
)
from tests.strategies_time import calendar_dates

CAL = WorkCalendar.vietnam()
# Calendar work builds holiday tables lazily; that is not what these tests time.
slow_ok = settings(deadline=None)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


class TestReferenceExamples:
    """The examples of the reference page (periods-and-calendar.md), day by day."""

    @pytest.mark.parametrize(
        ("day", "working"),
        [
            # Tết Ất Tỵ 2025: Monday 27/01 to Friday 31/01 off.
            (date(2025, 1, 24), True),
            *[(d, False) for d in days(date(2025, 1, 27), date(2025, 1, 31))],
            (date(2025, 2, 3), True),
            # 2025 swap: Saturday 26/4 worked, Friday 2/5 off (with 30/4 and 1/5).
            (date(2025, 4, 26), True),
            (date(2025, 4, 30), False),
            (date(2025, 5, 1), False),
            (date(2025, 5, 2), False),
            (date(2025, 5, 5), True),
            # Quốc khánh 2025: 1/9 and 2/9.
            (date(2025, 8, 29), True),
            (date(2025, 9, 1), False),
            (date(2025, 9, 2), False),
            (date(2025, 9, 3), True),
            # Tết Bính Ngọ 2026: Monday 16/02 to Friday 20/02 off.
            (date(2026, 2, 13), True),
            *[(d, False) for d in days(date(2026, 2, 16), date(2026, 2, 20))],
            (date(2026, 2, 23), True),
            # Giỗ Tổ 2026 on Sunday 26/4, made up on Monday 27/4.
            (date(2026, 4, 27), False),
            (date(2026, 4, 28), True),
            # 2026 swap: Monday 31/8 off, Saturday 22/8 worked.
            (date(2026, 8, 22), True),
            (date(2026, 8, 31), False),
            # Ngày Văn hóa Việt Nam, a day off from 2026 on.
            (date(2025, 11, 24), True),
            (date(2026, 11, 24), False),
            # An ordinary weekend.
            (date(2025, 10, 18), False),
            (date(2025, 10, 19), False),
        ],
    )
    def test_is_working_day(self, day: date, working: bool) -> None:
        """Each reference day is a working day or a day off as the notices say."""
        assert CAL.is_working_day(day) is working

    @pytest.mark.parametrize(
        ("day", "name"),
        [
            (date(2025, 1, 29), "Tết Nguyên Đán"),
            (date(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
            (date(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)"),
            (date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
            (date(2025, 9, 2), "Quốc khánh"),
        ],
    )
    def test_holiday_name(self, day: date, name: str) -> None:
        """Days off carry their Vietnamese names."""
        assert CAL.holiday_name(day) == name

    def test_no_name_for_working_days_and_plain_weekends(self) -> None:
        """A working day, a swapped working Saturday and an ordinary Sunday have no name."""
        assert CAL.holiday_name(date(2025, 10, 15)) is None
        assert CAL.holiday_name(date(2025, 4, 26)) is None
        assert CAL.holiday_name(date(2025, 10, 19)) is None


class TestCounting:
    def test_counts_from_the_day_after(self) -> None:
        """One working day after a Monday is the Tuesday (Civil Code, Điều 147)."""
        assert CAL.add_working_days(date(2025, 10, 13), 1) == date(2025, 10, 14)

    def test_skips_tet(self) -> None:
        """Five working days from the Friday before Tết 2025 end on Friday 07/02."""
        assert CAL.add_working_days(date(2025, 1, 24), 5) == date(2025, 2, 7)

    def test_counts_the_swapped_saturday(self) -> None:
        """Saturday 26/4/2025 counts; 30/4, 1/5 and 2/5 do not."""
        assert CAL.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
        assert CAL.add_working_days(date(2025, 4, 25), 3) == date(2025, 4, 29)
        assert CAL.add_working_days(date(2025, 4, 25), 4) == date(2025, 5, 5)

    def test_zero_is_the_day_or_the_next_working_day(self) -> None:
        """n = 0 keeps a working day and moves a day off to the next working day."""
        assert CAL.add_working_days(date(2025, 10, 15), 0) == date(2025, 10, 15)
        assert CAL.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)

    def test_negative_counts_backwards(self) -> None:
        """-1 is the last working day before; -2 from the Monday after Tết 2026 is 12/02."""
        assert CAL.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
        assert CAL.add_working_days(date(2026, 2, 23), -2) == date(2026, 2, 12)

    def test_across_years(self) -> None:
        """Counting runs over the new year's day off into the next year."""
        assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
        assert CAL.add_working_days(date(2026, 1, 2), -1) == date(2025, 12, 31)

    def test_long_counts(self) -> None:
        """A count of several years lands where the year-by-year totals say."""
        per_year = {
            y: CAL.working_days_between(date(y - 1, 12, 31), date(y, 12, 31))
            for y in (2025, 2026, 2027)
        }
        total = sum(per_year.values())
        assert CAL.add_working_days(date(2024, 12, 31), total) == CAL.add_working_days(
            date(2027, 12, 31), 0
        )
        assert 240 < per_year[2025] < 260

    def test_helpers(self) -> None:
        """next, previous and on-or-after are the counts 1, -1 and 0."""
        d = date(2026, 4, 26)
        assert CAL.next_working_day(d) == date(2026, 4, 28)
        assert CAL.previous_working_day(d) == date(2026, 4, 24)
        assert CAL.working_day_on_or_after(d) == date(2026, 4, 28)
        assert CAL.working_day_on_or_after(date(2026, 4, 28)) == date(2026, 4, 28)

    def test_between(self) -> None:
        """Between counts the working days after the first day up to the second."""
        assert CAL.working_days_between(date(2025, 10, 13), date(2025, 10, 17)) == 4
        assert CAL.working_days_between(date(2025, 10, 17), date(2025, 10, 13)) == -4
        assert CAL.working_days_between(date(2025, 10, 13), date(2025, 10, 13)) == 0
        assert CAL.working_days_between(date(2025, 1, 24), date(2025, 2, 2)) == 0


class TestProperties:
    @slow_ok
    @given(calendar_dates(), st.integers(1, 800))
    def test_result_is_a_later_working_day(self, d: date, n: int) -> None:
        """n ≥ 1 working days after d is a working day after d."""
        result = CAL.add_working_days(d, n)
        assert result > d
        assert CAL.is_working_day(result)

    @slow_ok
    @given(calendar_dates(), st.integers(-800, -1))
    def test_backwards_result_is_an_earlier_working_day(self, d: date, n: int) -> None:
        """n ≤ -1 working days from d is a working day before d."""
        result = CAL.add_working_days(d, n)
        assert result < d
        assert CAL.is_working_day(result)

    @slow_ok
    @given(calendar_dates(), st.integers(-800, 800), st.integers(-800, 800))
    def test_monotonic(self, d: date, m: int, n: int) -> None:
        """More working days give a later day, except 0 and 1 from a day off."""
        a, b = CAL.add_working_days(d, m), CAL.add_working_days(d, n)
        if m < n:
            assert a <= b
            if a == b:  # only 0 and 1 meet, on a day off: both are the next working day
                assert (m, n) == (0, 1)
                assert not CAL.is_working_day(d)

    @slow_ok
    @given(calendar_dates(), st.integers(-800, 800).filter(bool))
    def test_between_inverts_add(self, d: date, n: int) -> None:
        """working_days_between(d, add_working_days(d, n)) == n for n ≠ 0."""
        assert CAL.working_days_between(d, CAL.add_working_days(d, n)) == n

    @slow_ok
    @given(calendar_dates(), calendar_dates())
    def test_between_is_antisymmetric(self, a: date, b: date) -> None:
        """Counting back gives minus the count forward, when both ends are working days."""
        a, b = CAL.working_day_on_or_after(a), CAL.working_day_on_or_after(b)
        assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)

    @slow_ok
    @given(calendar_dates(2000, 2040), st.integers(-60, 60))
    def test_agrees_with_the_holidays_package(self, d: date, n: int) -> None:
        """The table gives what holidays' own day-by-day search gives."""
        vn = holidays.country_holidays("VN", years=range(d.year - 1, d.year + 2))
        assert CAL.add_working_days(d, n) == vn.get_nth_working_day(d, n)

    def test_every_day_agrees_with_the_holidays_package(self) -> None:
        """For every day of 2000–2040 the table and holidays.VN agree on working or not."""
        vn = holidays.country_holidays("VN", years=range(2000, 2041))
        for d in days(date(2000, 1, 1), date(2040, 12, 31)):
            assert CAL.is_working_day(d) is vn.is_working_day(d), d

    @slow_ok
    @given(calendar_dates(), st.integers(0, 3))
    def test_fresh_calendars_agree(self, d: date, n: int) -> None:
        """A calendar that grows its table from another year answers the same."""
        fresh = WorkCalendar()
        assert fresh.add_working_days(d, n) == CAL.add_working_days(d, n)
        assert fresh.is_working_day(d) is CAL.is_working_day(d)


class TestCallerDays:
    def test_added_day_off(self) -> None:
        """A day off a province announces is off, named, and skipped in counts."""
        cal = WorkCalendar(days_off=[date(2025, 10, 20)])
        assert not cal.is_working_day(date(2025, 10, 20))
        assert cal.holiday_name(date(2025, 10, 20)) == "Ngày nghỉ bổ sung"
        assert cal.add_working_days(date(2025, 10, 17), 1) == date(2025, 10, 21)
        assert CAL.add_working_days(date(2025, 10, 17), 1) == date(2025, 10, 20)

    def test_added_working_day(self) -> None:
        """A Saturday a province makes a working day counts."""
        cal = WorkCalendar(working_days=[date(2025, 10, 18)])
        assert cal.is_working_day(date(2025, 10, 18))
        assert cal.add_working_days(date(2025, 10, 17), 1) == date(2025, 10, 18)

    def test_caller_wins_over_national_data(self) -> None:
        """A public holiday the caller declares worked is worked; its name goes."""
        cal = WorkCalendar(working_days=[date(2025, 9, 1)])
        assert cal.is_working_day(date(2025, 9, 1))
        assert cal.holiday_name(date(2025, 9, 1)) is None

    def test_own_day_off_keeps_the_holiday_name(self) -> None:
        """A caller's day off that is already a public holiday keeps the holiday's name
        (Bộ luật Lao động 2019, Điều 112): "Ngày nghỉ bổ sung" names only added days.
        (tests/mutations/01-calendar-day-off-renames-holiday.patch)"""
        cal = WorkCalendar(days_off=[date(2025, 9, 2), date(2025, 10, 20)])
        assert cal.holiday_name(date(2025, 9, 2)) == "Quốc khánh"
        assert cal.holiday_name(date(2025, 10, 20)) == "Ngày nghỉ bổ sung"
        assert cal.days_off_between(date(2025, 9, 2), date(2025, 9, 2)) == (
            (date(2025, 9, 2), "Quốc khánh"),
        )

    def test_contradiction_is_an_error(self) -> None:
        """The same day both off and worked is refused, naming the day."""
        with pytest.raises(CalendarError, match="2025-10-20"):
            WorkCalendar(days_off=[date(2025, 10, 20)], working_days=[date(2025, 10, 20)])

    def test_without_public_holidays(self) -> None:
        """public_holidays=False is Monday to Friday plus the caller's days."""
        cal = WorkCalendar(public_holidays=False, days_off=[date(2025, 10, 15)])
        assert cal.is_working_day(date(2025, 9, 2))
        assert not cal.is_working_day(date(2025, 10, 15))
        assert not cal.is_working_day(date(2025, 10, 18))

    def test_equality_ignores_the_cache(self) -> None:
        """Two calendars with the same days are equal, whatever each has computed."""
        a, b = WorkCalendar(days_off=[date(2025, 1, 2)]), WorkCalendar(days_off=[date(2025, 1, 2)])
        a.is_working_day(date(2030, 1, 1))
        assert a == b
        assert hash(a) == hash(b)
        assert a != CAL

    def test_days_are_kept_sorted_and_unique(self) -> None:
        """The days given are stored once each, in order, as a tuple."""
        cal = WorkCalendar(days_off=[date(2025, 3, 2), date(2025, 3, 1), date(2025, 3, 2)])
        assert cal.days_off == (date(2025, 3, 1), date(2025, 3, 2))


class TestErrors:
    def test_outside_the_data(self) -> None:
        """Years without holiday data are refused rather than silently treated as weekdays."""
        with pytest.raises(CalendarRangeError, match="2101"):
            CAL.is_working_day(date(2101, 1, 3))
        with pytest.raises(CalendarRangeError, match="1900"):
            CAL.add_working_days(date(1900, 6, 1), 1)

    def test_counting_out_of_the_data(self) -> None:
        """A count that runs past 2100 is refused; one that stays inside is answered."""
        with pytest.raises(CalendarRangeError):
            CAL.add_working_days(date(2100, 12, 20), 30)
        assert CAL.add_working_days(date(2100, 6, 1), 5).year == 2100
        with pytest.raises(CalendarRangeError):
            CAL.add_working_days(date(1901, 1, 10), -30)

    def test_errors_are_library_errors(self) -> None:
        """Calendar errors are KhTthcError and ValueError."""
        for cls in (CalendarError, CalendarRangeError, DateRangeError):
            assert issubclass(cls, KhTthcError)
            assert issubclass(cls, ValueError)

    def test_days_off_between_checks_the_window(self) -> None:
        """A window ending before it starts is refused, naming both days."""
        with pytest.raises(DateRangeError, match=r"2025-01-01.*2025-12-31"):
            CAL.days_off_between(date(2025, 12, 31), date(2025, 1, 1))


def test_days_off_between_lists_named_days() -> None:
    """The named days off of September 2025 are 1/9 and 2/9."""
    listed = CAL.days_off_between(date(2025, 9, 1), date(2025, 9, 30))
    assert listed == ((date(2025, 9, 1), "Quốc khánh"), (date(2025, 9, 2), "Quốc khánh"))


# -- fresh calendars against an independent oracle -------------------------------------
#
# The national calendar is built once per process and kept; mutation testing (docs/
# testing.md) showed that tests on it never exercise how a calendar builds and grows its
# table of working days. These tests use a new WorkCalendar for each example and ask
# about years in any order, comparing every answer with one worked out day by day from
# the holidays package itself.


@functools.cache
def _vn(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def _oracle_working(d: date) -> bool:
    vn = _vn(d.year)
    if d in vn:
        return False
    return d.weekday() < 5 or d in vn.weekend_workdays


def _oracle_add(d: date, n: int) -> date:
    step = 1 if n > 0 else -1
    if n == 0:
        while not _oracle_working(d):
            d += timedelta(days=1)
        return d
    left = abs(n)
    while left:
        d += timedelta(days=step)
        left -= _oracle_working(d)
    return d


# Days near the ends of years, where tables start and stop, and anywhere else.
_year_edges = st.builds(
    lambda y, end, k: (
        date(y, 12, 31) - timedelta(days=k) if end else date(y, 1, 1) + timedelta(days=k)
    ),
    st.integers(1902, 2099),
    st.booleans(),
    st.integers(0, 6),
)
_days = _year_edges | st.dates(date(1902, 1, 1), date(2099, 12, 31))


class TestFreshCalendars:
    @slow_ok
    @given(st.lists(st.tuples(_days, st.integers(-40, 40)), min_size=1, max_size=6))
    def test_answers_agree_with_the_holidays_package_in_any_order(
        self, asks: list[tuple[date, int]]
    ) -> None:
        cal = WorkCalendar()
        for d, n in asks:
            assert cal.is_working_day(d) == _oracle_working(d), d
            assert cal.add_working_days(d, n) == _oracle_add(d, n), (d, n)

    @slow_ok
    @given(st.dates(date(1906, 1, 1), date(2095, 12, 31)), st.integers(-1500, 1500))
    def test_between_on_a_fresh_calendar(self, a: date, span: int) -> None:
        b = a + timedelta(days=span)
        lo = min(a, b)
        if a <= b:  # the working days after a, up to and including b
            expected = sum(_oracle_working(lo + timedelta(days=k)) for k in range(1, span + 1))
        else:  # minus those from b up to but not including a
            expected = -sum(_oracle_working(lo + timedelta(days=k)) for k in range(-span))
        assert WorkCalendar().working_days_between(a, b) == expected

    def test_between_far_apart_years(self) -> None:
        """Ten years apart, asked first on a new calendar, both ways."""
        a, b = date(2025, 1, 2), date(2035, 1, 2)
        forward = WorkCalendar().working_days_between(a, b)
        assert forward == sum(_oracle_working(a + timedelta(days=k)) for k in range(1, 3653))
        assert WorkCalendar().working_days_between(b, a) == -forward

    def test_earlier_years_after_later_ones(self) -> None:
        """A calendar asked about 2040 first, then 2020, then 2060, has all three right."""
        cal = WorkCalendar()
        assert cal.is_working_day(date(2040, 3, 1))  # a Thursday
        assert cal.holiday_name(date(2020, 9, 2)) == "Quốc khánh"
        assert not cal.is_working_day(date(2020, 9, 2))
        assert cal.holiday_name(date(2060, 9, 2)) == "Quốc khánh"
        for d in (date(2020, 9, 3), date(2060, 9, 1), date(2060, 9, 3), date(2040, 4, 30)):
            assert cal.is_working_day(d) == _oracle_working(d), d

    def test_the_last_days_of_a_table(self) -> None:
        """A calendar first asked about 2025 holds 2024–2029: its last days, and counting
        past them, are right (New Year's Day 2030 is off)."""
        cal = WorkCalendar()
        assert cal.is_working_day(date(2025, 6, 2))
        assert cal.is_working_day(date(2029, 12, 31))
        assert not cal.is_working_day(date(2029, 1, 1))
        assert cal.add_working_days(date(2029, 12, 31), 1) == date(2030, 1, 2)
        assert cal.add_working_days(date(2029, 12, 28), 5) == _oracle_add(date(2029, 12, 28), 5)

    def test_on_or_after_a_sunday_at_the_end_of_a_year(self) -> None:
        """31/12/2028 is a Sunday and 1/1/2029 a holiday: the next working day is 2/1."""
        assert WorkCalendar().working_day_on_or_after(date(2028, 12, 31)) == date(2029, 1, 2)
        assert WorkCalendar().add_working_days(date(2025, 12, 30), 5) == _oracle_add(
            date(2025, 12, 30), 5
        )

    @pytest.mark.parametrize("first_ask", [date(2026, 6, 1), date(2021, 6, 1)])
    def test_own_days_at_the_ends_of_the_table(self, first_ask: date) -> None:
        """A caller's day off, working day and the national swapped Saturday fall in the
        first (asked 2026) or last (asked 2021) year of the table a new calendar builds."""
        cal = WorkCalendar(days_off=[date(2025, 10, 20)], working_days=[date(2025, 10, 18)])
        cal.is_working_day(first_ask)
        assert not cal.is_working_day(date(2025, 10, 20))
        assert cal.is_working_day(date(2025, 10, 18))
        assert cal.is_working_day(date(2025, 4, 26))  # Saturday worked for Friday 2/5

    def test_the_data_ends(self) -> None:
        """1901 and 2100 are covered, to their first and last days; a count that leaves
        them names the year it reached."""
        assert WorkCalendar().add_working_days(date(1901, 1, 10), 1) == _oracle_add(
            date(1901, 1, 10), 1
        )
        assert WorkCalendar().add_working_days(date(2100, 12, 20), 3) == _oracle_add(
            date(2100, 12, 20), 3
        )
        with pytest.raises(
            CalendarRangeError, match="the year 2101: it covers the years 1901–2100"
        ) as up:
            WorkCalendar().add_working_days(date(2100, 12, 20), 30)
        assert up.value.year == 2101
        with pytest.raises(
            CalendarRangeError, match="the year 1900: it covers the years 1901–2100"
        ) as down:
            WorkCalendar().add_working_days(date(1901, 1, 10), -30)
        assert down.value.year == 1900

    @pytest.mark.parametrize(("day", "year"), [(date(1900, 6, 1), 1900), (date(2101, 6, 1), 2101)])
    def test_outside_the_data_names_the_year(self, day: date, year: int) -> None:
        for ask in (
            lambda cal: cal.is_working_day(day),
            lambda cal: cal.add_working_days(day, 1),
            lambda cal: cal.add_working_days(day, -1),
        ):
            with pytest.raises(CalendarRangeError) as info:
                ask(WorkCalendar())
            assert info.value.year == year
            assert (
                str(info.value)
                == f"no working calendar for the year {year}: it covers the years 1901–2100"
            )

    def test_without_public_holidays_any_year(self) -> None:
        """Without the national data a calendar runs from year 1 to 9999."""
        cal = WorkCalendar(public_holidays=False)
        assert cal.is_working_day(date(1, 1, 1))  # a Monday
        assert cal.is_working_day(date(9999, 12, 31))  # a Friday
        assert not cal.is_working_day(date(1, 1, 6))  # a Saturday
        assert cal.add_working_days(date(1, 1, 1), 1) == date(1, 1, 2)
        assert WorkCalendar(public_holidays=False).add_working_days(date(9999, 12, 30), 1) == date(
            9999, 12, 31
        )
        with pytest.raises(CalendarRangeError, match="the year 10000: it covers the years 1–9999"):
            WorkCalendar(public_holidays=False).add_working_days(date(9999, 12, 31), 1)

    def test_a_whole_year_off(self) -> None:
        """When a year has no working day at all, counting reaches past it."""
        year_off = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
        cal = WorkCalendar(public_holidays=False, days_off=year_off)
        assert cal.add_working_days(date(2025, 12, 31), 1) == date(2027, 1, 1)
        assert cal.add_working_days(date(2027, 1, 1), -1) == date(2025, 12, 31)
        assert cal.add_working_days(date(2025, 12, 30), 150) == _weekdays_after(
            date(2027, 1, 1), 148
        )

    def test_contradiction_lists_the_days(self) -> None:
        with pytest.raises(CalendarError, match="2025-10-20, 2025-10-21"):
            WorkCalendar(
                days_off=[date(2025, 10, 20), date(2025, 10, 21)],
                working_days=[date(2025, 10, 21), date(2025, 10, 20)],
            )

    def test_reversed_window_names_its_ends(self) -> None:
        with pytest.raises(DateRangeError) as info:
            CAL.days_off_between(date(2025, 12, 31), date(2025, 1, 1))
        assert (info.value.start, info.value.end) == (date(2025, 12, 31), date(2025, 1, 1))


def _weekdays_after(d: date, n: int) -> date:
    """``d`` plus ``n`` weekdays (Monday to Friday), for a calendar without holidays."""
    while n:
        d += timedelta(days=1)
        n -= d.weekday() < 5
    return d


class TestLongCounts:
    """Counts that reach beyond the years a new calendar builds at first (it builds the
    asked year, one before and four after): the table must grow, both ways, up to the ends
    of the data (found by mutation testing)."""

    @pytest.mark.parametrize("n", [-400, -1500, 400, 1500])
    def test_far_counts(self, n: int) -> None:
        assert WorkCalendar().add_working_days(date(2025, 6, 2), n) == _oracle_add(
            date(2025, 6, 2), n
        )

    def test_far_count_past_the_first_year(self) -> None:
        with pytest.raises(CalendarRangeError) as info:
            WorkCalendar().add_working_days(date(1903, 6, 1), -1000)
        assert info.value.year == 1900

    def test_far_count_past_the_last_year(self) -> None:
        with pytest.raises(CalendarRangeError) as info:
            WorkCalendar().add_working_days(date(2098, 6, 1), 1000)
        assert info.value.year == 2101

    def test_the_first_working_day_of_the_data(self) -> None:
        """1/1/1901 is a holiday: the first working day the data has is 2/1/1901."""
        assert WorkCalendar().add_working_days(date(1901, 1, 3), -1) == date(1901, 1, 2)
        cal = WorkCalendar()
        cal.is_working_day(date(1901, 6, 3))
        assert cal.add_working_days(date(1901, 1, 3), -1) == date(1901, 1, 2)
        with pytest.raises(CalendarRangeError):
            cal.add_working_days(date(1901, 1, 2), -1)

    def test_six_years_off(self) -> None:
        """A calendar with 2026–2031 all off counts from 31/12/2025 to 1/1/2032."""
        days = (date(2032, 1, 1) - date(2026, 1, 1)).days
        off = [date(2026, 1, 1) + timedelta(days=k) for k in range(days)]
        cal = WorkCalendar(public_holidays=False, days_off=off)
        assert cal.add_working_days(date(2025, 12, 31), 1) == date(2032, 1, 1)
        assert WorkCalendar(public_holidays=False, days_off=off).add_working_days(
            date(2032, 1, 1), -1
        ) == date(2025, 12, 31)
