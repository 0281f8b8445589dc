"""Tests for kh_tthc.calendar: the Vietnamese working calendar."""

from __future__ import annotations

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
