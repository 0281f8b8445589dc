"""The Vietnamese working calendar: which days are working days, and counting in them.

A working day (ngày làm việc) is Monday to Friday, minus the public holidays of Bộ luật Lao
động 2019, Điều 112 (Tết Nguyên đán and Giỗ Tổ Hùng Vương on the lunar calendar), minus the
days the Government's yearly notice gives off, plus the Saturdays that notice swaps in as
working days. The data comes from the ``holidays`` package (``holidays.VN``), which follows
the Vietnamese (UTC+7) lunar calendar and knows the swapped days; a caller adds the days a
province or agency announces on its own.

Counting follows the Civil Code (Bộ luật Dân sự 2015, Điều 147): a time limit in days starts
on the day after the event, so :meth:`WorkCalendar.add_working_days` never counts the start
day itself.

The calendar is an immutable value. To answer quickly it keeps, per instance, a sorted table
of the working days over a span of years that grows when a date outside it is asked about;
the table is a cache of what the value already determines, not state a caller can see.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from attrs import field, frozen

from kh_tthc.errors import KhTthcError

__all__ = [
    "CalendarError",
    "CalendarRangeError",
    "DateRangeError",
    "WorkCalendar",
]

#: The years ``holidays.VN`` has data for (its lunar tables end with 2100). Outside them the
#: package silently returns no holiday at all, so the calendar refuses instead.
FIRST_YEAR = 1901
LAST_YEAR = 2100

#: The name :meth:`WorkCalendar.holiday_name` gives a day off the caller added.
ADDED_DAY_OFF = "Ngày nghỉ bổ sung"


class CalendarError(KhTthcError, ValueError):
    """A calendar was built from contradictory days (the same day both off and worked)."""


class CalendarRangeError(KhTthcError, ValueError):
    """A date lies outside the years the calendar covers.

    With the national data that is 1901–2100, the years ``holidays.VN`` knows; ``year`` is
    the year asked for.
    """

    def __init__(self, year: int, first: int = FIRST_YEAR, last: int = LAST_YEAR) -> None:
        self.year = year
        super().__init__(
            f"no working calendar for the year {year}: it covers the years {first}–{last}"
        )


class DateRangeError(KhTthcError, ValueError):
    """A window whose end comes before its start.

    Carries both dates as ``start`` and ``end``.

    >>> DateRangeError(date(2025, 12, 31), date(2025, 1, 1))
    DateRangeError('end date 2025-01-01 is before start date 2025-12-31')
    """

    def __init__(self, start: date, end: date) -> None:
        self.start = start
        self.end = end
        super().__init__(f"end date {end.isoformat()} is before start date {start.isoformat()}")


def check_range(start: date, end: date) -> None:
    """Raise :class:`DateRangeError` when ``end`` is before ``start``."""
    if end < start:
        raise DateRangeError(start, end)


class _Table:
    """The working days of the whole years ``first_year``..``last_year``, as day ordinals.

    ``ordinals`` is sorted and complete for the span, so any index into it is an answer;
    ``flags[o - first]`` is 1 for a working day, for the O(1) membership test.
    """

    __slots__ = ("first", "first_year", "flags", "last", "last_year", "names", "ordinals")

    def __init__(
        self,
        first_year: int,
        last_year: int,
        ordinals: list[int],
        flags: bytearray,
        names: dict[date, str],
    ) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.first = date(first_year, 1, 1).toordinal()
        self.last = date(last_year, 12, 31).toordinal()
        self.ordinals = ordinals
        self.flags = flags
        self.names = names


class _Cache:
    """The one mutable cell of a calendar: the latest table, swapped whole when it grows."""

    __slots__ = ("table",)

    def __init__(self) -> None:
        self.table: _Table | None = None


def _days_off(value: Iterable[date | str]) -> tuple[date, ...]:
    from kh_tthc.convert import ensure_dates  # deferred: convert reads this module's years

    return ensure_dates(value, "WorkCalendar", "days_off")


def _working_days(value: Iterable[date | str]) -> tuple[date, ...]:
    from kh_tthc.convert import ensure_dates

    return ensure_dates(value, "WorkCalendar", "working_days")


def _day(value: object, method: str, name: str = "d") -> date:
    """A date from a date or an ISO string, or an error naming the method and argument."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # the table refuses years it does not cover, CalendarRangeError
    from kh_tthc.convert import FieldTypeError, FieldValueError, describe

    owner = f"WorkCalendar.{method}"
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise FieldValueError(
                owner, name, f"invalid date {value!r} (expected YYYY-MM-DD)"
            ) from None
    raise FieldTypeError(owner, name, "a date such as 2025-09-01", describe(value))


def _count(value: object, method: str) -> int:
    from kh_tthc.convert import FieldTypeError, describe

    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldTypeError(f"WorkCalendar.{method}", "n", "a whole number", describe(value))
    return value


# Grow the table by at least this many years at a time, so a walk through the years
# rebuilds it rarely.
_GROWTH = 4


@frozen(kw_only=True)
class WorkCalendar:
    """Vietnamese working days, with the days off and working days a caller adds.

    The national calendar comes from ``holidays.VN`` (public holidays of Bộ luật Lao động
    2019, Điều 112, including the lunar ones; days made up for a holiday on a weekend,
    Điều 111; the swaps of the yearly notice). ``days_off`` and ``working_days`` add what a
    province or agency announces itself and win over the national data. With
    ``public_holidays=False`` the calendar is plain Monday to Friday plus the caller's days.

    Attributes:
        days_off: Extra days off (a provincial holiday, a day swapped locally).
        working_days: Extra working days (a Saturday a province makes a working day).
        public_holidays: Whether to use the national holiday data.

    Raises:
        CalendarError: A day is given both as a day off and as a working day.

    >>> cal = WorkCalendar.vietnam()
    >>> cal.is_working_day(date(2025, 4, 26))  # Saturday swapped in for Friday 02/5/2025
    True
    >>> cal.add_working_days(date(2025, 1, 24), 1)  # Friday before Tết At Ty
    datetime.date(2025, 2, 3)
    >>> local = WorkCalendar(days_off=[date(2025, 10, 20)])
    >>> local.is_working_day(date(2025, 10, 20)), cal.is_working_day(date(2025, 10, 20))
    (False, True)
    """

    days_off: tuple[date, ...] = field(default=(), converter=_days_off)
    working_days: tuple[date, ...] = field(default=(), converter=_working_days)
    public_holidays: bool = True
    _cache: _Cache = field(factory=_Cache, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        both = set(self.days_off) & set(self.working_days)
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise CalendarError(f"days given both as days off and as working days: {listed}")

    @classmethod
    def vietnam(cls) -> WorkCalendar:
        """The national calendar, shared: the default wherever ``calendar=None``.

        Always the same instance, so that its table is built once per process; the value
        itself is immutable.

        >>> WorkCalendar.vietnam() is WorkCalendar.vietnam()
        True
        """
        return _national()

    # -- the table -------------------------------------------------------------------

    def _span(self) -> tuple[int, int]:
        return (FIRST_YEAR, LAST_YEAR) if self.public_holidays else (1, 9999)

    def _build(self, first_year: int, last_year: int) -> _Table:
        first = date(first_year, 1, 1)
        days = (date(last_year, 12, 31) - first).days + 1
        flags = bytearray(days)
        names: dict[date, str] = {}
        start_weekday = first.weekday()
        for i in range(days):
            if (start_weekday + i) % 7 < 5:
                flags[i] = 1
        if self.public_holidays:
            import holidays  # deferred: importing the holiday data costs about 0.2 s

            vn = holidays.country_holidays(
                "VN", years=range(first_year, last_year + 1), language="vi"
            )
            for d, name in vn.items():
                names[d] = name
                flags[(d - first).days] = 0
            for d in vn.weekend_workdays:
                # holidays lists swapped Saturdays of other years too (2014, 2019) whatever
                # years were asked for; only those inside the span belong here.
                if first_year <= d.year <= last_year and d not in vn:
                    flags[(d - first).days] = 1
        for d in self.days_off:
            if first_year <= d.year <= last_year:
                flags[(d - first).days] = 0
                names.setdefault(d, ADDED_DAY_OFF)
        for d in self.working_days:
            if first_year <= d.year <= last_year:
                flags[(d - first).days] = 1
        base = first.toordinal()
        ordinals = [base + i for i, f in enumerate(flags) if f]
        return _Table(first_year, last_year, ordinals, flags, names)

    def _covering(self, first_year: int, last_year: int) -> _Table:
        """The table, grown when needed to cover the years ``first_year``..``last_year``."""
        table = self._cache.table
        if table is not None and table.first_year <= first_year and last_year <= table.last_year:
            return table
        floor, ceiling = self._span()
        if first_year < floor:
            raise CalendarRangeError(first_year, floor, ceiling)
        if last_year > ceiling:
            raise CalendarRangeError(last_year, floor, ceiling)
        if table is None:
            lo, hi = first_year - 1, last_year + _GROWTH
        else:
            lo = table.first_year if first_year >= table.first_year else first_year - _GROWTH
            hi = table.last_year if last_year <= table.last_year else last_year + _GROWTH
        table = self._build(max(lo, floor), min(hi, ceiling))
        self._cache.table = table
        return table

    # -- queries ---------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day.

        Args:
            d: The day.

        Returns:
            True for a working day.

        Raises:
            CalendarRangeError: ``d`` is outside 1901–2100 and the calendar uses the
                national holiday data.

        >>> cal = WorkCalendar.vietnam()
        >>> [cal.is_working_day(date(2025, 9, day)) for day in (1, 2, 3)]  # Quốc khánh
        [False, False, True]
        """
        if type(d) is not date:
            d = _day(d, "is_working_day")
        table = self._cache.table
        o = d.toordinal()
        if table is None or not table.first <= o <= table.last:
            table = self._covering(d.year, d.year)
        return table.flags[o - table.first] == 1

    def add_working_days(self, d: date, n: int) -> date:
        """The day ``n`` working days after ``d``, counting from the day after.

        The Civil Code counts a time limit from the day after the event (Bộ luật Dân sự
        2015, Điều 147), so ``d`` itself is never counted: with ``n = 1`` the answer is the
        first working day after ``d``. ``n = 0`` gives ``d`` when it is a working day and
        otherwise the next working day. A negative ``n`` counts backwards: ``-1`` is the
        last working day before ``d``.

        Args:
            d: The day of the event.
            n: How many working days.

        Returns:
            The working day reached.

        Raises:
            CalendarRangeError: The count leaves the years the holiday data covers.

        >>> cal = WorkCalendar.vietnam()
        >>> cal.add_working_days(date(2025, 4, 29), 2)  # over 30/4, 1/5 and 2/5 off
        datetime.date(2025, 5, 6)
        >>> cal.add_working_days(date(2025, 4, 28), -1)  # Saturday 26/4 was worked
        datetime.date(2025, 4, 26)
        """
        if type(d) is not date:
            d = _day(d, "add_working_days")
        if type(n) is not int:
            n = _count(n, "add_working_days")
        table = self._cache.table
        if table is not None:
            o = d.toordinal()
            if table.first <= o <= table.last:
                ordinals = table.ordinals
                i = bisect_right(ordinals, o) + n - 1 if n > 0 else bisect_left(ordinals, o) + n
                if 0 <= i < len(ordinals):
                    return date.fromordinal(ordinals[i])
        return self._add_slow(d, n)

    def _add_slow(self, d: date, n: int) -> date:
        floor, ceiling = self._span()
        if not floor <= d.year <= ceiling:
            raise CalendarRangeError(d.year, floor, ceiling)
        backwards = n < 0
        # About 250 working days a year: reach far enough, then look again further.
        years = abs(n) // 200 + 1
        while True:
            lo = max(d.year - years, floor) if backwards else d.year
            hi = d.year if backwards else min(d.year + years, ceiling)
            ordinals = self._covering(lo, hi).ordinals
            o = d.toordinal()
            i = bisect_right(ordinals, o) + n - 1 if n > 0 else bisect_left(ordinals, o) + n
            if 0 <= i < len(ordinals):
                return date.fromordinal(ordinals[i])
            if (lo if backwards else hi) in (floor, ceiling):
                raise CalendarRangeError(floor - 1 if backwards else ceiling + 1, floor, ceiling)
            years *= 2

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d`` (``add_working_days(d, 1)``).

        >>> WorkCalendar.vietnam().next_working_day(date(2025, 8, 29))  # Friday before 1–2/9
        datetime.date(2025, 9, 3)
        """
        return self.add_working_days(_day(d, "next_working_day"), 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d`` (``add_working_days(d, -1)``).

        >>> WorkCalendar.vietnam().previous_working_day(date(2026, 2, 23))  # after Tết
        datetime.date(2026, 2, 13)
        """
        return self.add_working_days(_day(d, "previous_working_day"), -1)

    def working_day_on_or_after(self, d: date) -> date:
        """``d`` if it is a working day, otherwise the next working day.

        This is how a time limit whose last day is a day off ends (Bộ luật Dân sự 2015,
        Điều 148, khoản 5): on the next working day.

        >>> cal = WorkCalendar.vietnam()
        >>> cal.working_day_on_or_after(date(2026, 4, 26))  # Giỗ Tổ, made up on Monday
        datetime.date(2026, 4, 28)
        >>> cal.working_day_on_or_after(date(2026, 4, 28))
        datetime.date(2026, 4, 28)
        """
        return self.add_working_days(_day(d, "working_day_on_or_after"), 0)

    def working_days_between(self, a: date, b: date) -> int:
        """How many working-day steps lead from ``a`` to ``b``.

        For ``a <= b`` this counts the working days after ``a`` up to and including ``b``
        (the Civil Code's counting, Điều 147); for ``b < a`` it is minus the number of working
        days from ``b`` up to but not including ``a``. So for any ``n`` other than 0,
        ``working_days_between(d, add_working_days(d, n)) == n``.

        Args:
            a: The day counted from.
            b: The day counted to.

        Returns:
            The signed count.

        >>> cal = WorkCalendar.vietnam()
        >>> cal.working_days_between(date(2025, 1, 24), date(2025, 2, 7))  # Tết week
        5
        >>> cal.working_days_between(date(2025, 2, 7), date(2025, 1, 24))
        -5
        """
        a, b = _day(a, "working_days_between", "a"), _day(b, "working_days_between", "b")
        lo, hi = (a, b) if a <= b else (b, a)
        table = self._covering(lo.year, hi.year)
        ordinals = table.ordinals
        if a <= b:
            return bisect_right(ordinals, b.toordinal()) - bisect_right(ordinals, a.toordinal())
        return bisect_left(ordinals, b.toordinal()) - bisect_left(ordinals, a.toordinal())

    def holiday_name(self, d: date) -> str | None:
        """The Vietnamese name of the holiday or announced day off on ``d``.

        Returns None when ``d`` is a working day or an ordinary Saturday or Sunday. A day
        off the caller added is called ``"Ngày nghỉ bổ sung"`` unless it is also a public
        holiday.

        Args:
            d: The day.

        Returns:
            The name, or None.

        >>> cal = WorkCalendar.vietnam()
        >>> cal.holiday_name(date(2025, 5, 2))
        'Ngày nghỉ (thay cho ngày 26/04/2025)'
        >>> cal.holiday_name(date(2026, 11, 24))
        'Ngày Văn hóa Việt Nam'
        >>> cal.holiday_name(date(2025, 11, 24)) is None
        True
        """
        d = _day(d, "holiday_name")
        if self.is_working_day(d):
            return None
        table = self._covering(d.year, d.year)
        return table.names.get(d)

    def days_off_between(self, start: date, end: date) -> tuple[tuple[date, str], ...]:
        """The named days off from ``start`` to ``end`` inclusive, in order.

        Ordinary weekends are left out; a holiday that falls on a weekend is listed.

        Args:
            start: First day of the window.
            end: Last day of the window.

        Returns:
            ``(day, name)`` pairs.

        Raises:
            DateRangeError: ``end`` is before ``start``.

        >>> for day, name in WorkCalendar.vietnam().days_off_between(
        ...     date(2026, 8, 29), date(2026, 9, 6)
        ... ):
        ...     print(day, name)
        2026-08-31 Ngày nghỉ (thay cho ngày 22/08/2026)
        2026-09-01 Quốc khánh
        2026-09-02 Quốc khánh
        """
        start = _day(start, "days_off_between", "start")
        end = _day(end, "days_off_between", "end")
        check_range(start, end)
        table = self._covering(start.year, end.year)
        out = []
        d = start
        one = timedelta(days=1)
        while d <= end:
            name = table.names.get(d)
            if name is not None and not table.flags[d.toordinal() - table.first]:
                out.append((d, name))
            d += one
        return tuple(out)


@functools.cache
def _national() -> WorkCalendar:
    return WorkCalendar()
