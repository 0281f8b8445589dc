"""The values of completion times (thời gian hoàn thành): eight kinds, their words and dates.

A plan writes each task's completion time as a Vietnamese phrase: "Thường xuyên", "Khi có
phát sinh", "Năm 2025", "Định kỳ hàng quý, năm", "Trước ngày 15/12/2025"... A
:data:`Deadline` is that phrase as a value, one of eight kinds. It keeps the author's words:
``str(d)`` is the phrase as written (NFC, spaces normalised) and ``d.canonical`` the
standard wording; equality is on the meaning, so the words are left out of ``==`` and
``hash``. A value built directly, without ``text``, prints its canonical wording.

When a due date falls on a day off:

* a date the plan states or implies (``ByDate``, and the last day of a ``ByPeriod``) stays
  as written, because the signed plan says so; :meth:`ByDate.falls_on_day_off` flags it;
* a date the library computes from a rule moves to the next working day, as the Civil Code
  ends a time limit whose last day is a day off (Bộ luật Dân sự 2015, Điều 148): a sending
  deadline of a periodic report, a weekly report's Friday, a calendar-day time limit.
"""

from __future__ import annotations

import enum
import itertools
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, Literal, TypeAlias

from attrs import Factory, field, frozen

from kh_tthc.calendar import WorkCalendar, check_range
from kh_tthc.errors import KhTthcError
from kh_tthc.periods import Period, PeriodKind, SendingRule, short_date
from kh_tthc.vn import clean, fold, pad2

if TYPE_CHECKING:
    from dateutil import rrule

__all__ = [
    "ByDate",
    "ByPeriod",
    "CalendarDays",
    "CalendarMonths",
    "Composite",
    "DateWording",
    "DayOf",
    "Deadline",
    "DeadlineValueError",
    "EventForm",
    "Frequency",
    "OnEvent",
    "Ongoing",
    "OngoingWording",
    "Periodic",
    "Recurring",
    "Sending",
    "TimeLimit",
    "Unspecified",
    "WorkingDays",
]


class DeadlineValueError(KhTthcError, ValueError):
    """A deadline value built with parts that do not fit together (a zero-day time limit,
    a "Khi có" without its event, a date whose year has not four digits)."""


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else WorkCalendar.vietnam()


# -- time limits ------------------------------------------------------------------------

MAX_LIMIT_DAYS = 9999


def _limit_days(_: object, __: object, days: int) -> None:
    if not 1 <= days <= MAX_LIMIT_DAYS:
        raise DeadlineValueError(f"a time limit is 1 to {MAX_LIMIT_DAYS} days, not {days}")


@frozen
class WorkingDays:
    """A time limit in working days ("05 ngày làm việc").

    Counted from the day after the event (Bộ luật Dân sự 2015, Điều 147) on the working
    calendar; the result is always a working day.

    >>> print(WorkingDays(5))
    05 ngày làm việc
    >>> WorkingDays(5).after(date(2025, 4, 25))  # Friday; 26/4 worked, 30/4–2/5 off
    datetime.date(2025, 5, 6)
    """

    days: int = field(validator=_limit_days)

    def __str__(self) -> str:
        return f"{pad2(self.days)} ngày làm việc"

    def after(self, event: date, calendar: WorkCalendar | None = None) -> date:
        """The last day of the limit for an event on ``event``."""
        return _calendar(calendar).add_working_days(event, self.days)


@frozen
class CalendarDays:
    """A time limit in calendar days ("10 ngày").

    Counted from the day after the event (Bộ luật Dân sự 2015, Điều 147); when the last
    day is a day off the limit ends on the next working day (Điều 148).

    >>> print(CalendarDays(10))
    10 ngày
    >>> CalendarDays(10).after(date(2025, 8, 22))  # 1/9 falls on Quốc khánh
    datetime.date(2025, 9, 3)
    """

    days: int = field(validator=_limit_days)

    def __str__(self) -> str:
        return f"{pad2(self.days)} ngày"

    def after(self, event: date, calendar: WorkCalendar | None = None) -> date:
        """The last day of the limit for an event on ``event``."""
        return _calendar(calendar).working_day_on_or_after(event + timedelta(days=self.days))


MAX_LIMIT_MONTHS = 240


def _limit_months(_: object, __: object, months: int) -> None:
    if not 1 <= months <= MAX_LIMIT_MONTHS:
        raise DeadlineValueError(f"a time limit is 1 to {MAX_LIMIT_MONTHS} months, not {months}")


@frozen
class CalendarMonths:
    """A time limit in months ("06 tháng").

    A limit in months ends on the same day of the last month, or that month's last day when
    it has no such day (Bộ luật Dân sự 2015, Điều 147.3 and 148.1); on a day off it ends on
    the next working day (Điều 148.5).

    >>> print(CalendarMonths(6))
    06 tháng
    >>> CalendarMonths(1).after(date(2025, 1, 31))  # 28/02/2025 is a Friday
    datetime.date(2025, 2, 28)
    """

    months: int = field(validator=_limit_months)

    def __str__(self) -> str:
        return f"{pad2(self.months)} tháng"

    def after(self, event: date, calendar: WorkCalendar | None = None) -> date:
        """The last day of the limit for an event on ``event``."""
        month = event.month - 1 + self.months
        year, month = event.year + month // 12, month % 12 + 1
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        return _calendar(calendar).working_day_on_or_after(date(year, month, min(event.day, last)))


#: A time limit counted from an event.
TimeLimit: TypeAlias = WorkingDays | CalendarDays | CalendarMonths
# -- the words an author wrote ----------------------------------------------------------


def _words(value: str | None) -> str | None:
    # The parser passes text it has cleaned; checking that is cheaper than cleaning again.
    # Printable text has no white space but " ", so with no "  " and no ends it is clean.
    if value is None:
        return None
    if (
        value.isprintable()
        and "  " not in value
        and value == value.strip()
        and unicodedata.is_normalized("NFC", value)
    ):
        return value
    return clean(value)


@frozen(kw_only=True)
class _Phrase:
    """What every kind keeps besides its meaning: the author's words and reading notes.

    ``text`` is the phrase as written (NFC, spaces normalised), None for a value built in
    code; ``notes``, a tuple of sentences, says what a reader should check (a phrase read
    without diacritics, a cell naming two dates). Neither takes part in ``==`` or ``hash``:
    equality is on the meaning.
    """

    text: str | None = field(default=None, converter=_words, eq=False, repr=False)
    notes: tuple[str, ...] = field(default=(), eq=False, repr=False)

    @property
    def canonical(self) -> str:
        """The standard wording of the meaning; it parses back to an equal value."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.text if self.text is not None else self.canonical


class _Undated:
    """The due dates of a deadline that names none: ongoing, on an event, unrecognised."""

    __slots__ = ()

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """No dates. Ongoing work is never due, work on an event is due when the event
        happens (see :meth:`OnEvent.due_after`), and unrecognised text says no date the
        library can read.

        Raises:
            DateRangeError: ``end`` is before ``start``, as for every kind.
        """
        check_range(start, end)
        return []

    def named_dates(self, start: date, end: date) -> list[date]:
        """The days the phrase names inside ``start``..``end``: none for this kind."""
        check_range(start, end)
        return []


class _Dated:
    """The due date of a deadline that names one day: a date, or a period's last day.

    The day stays as written even when it is a day off: the signed plan says so, and
    moving a period's last day forward would leave the period. :meth:`falls_on_day_off`
    lets a schedule flag it.
    """

    __slots__ = ()

    @property
    def due_day(self) -> date:
        raise NotImplementedError

    def falls_on_day_off(self, calendar: WorkCalendar | None = None) -> bool:
        """Whether the due day is a day off, so that a schedule can flag it.

        >>> ByDate(day=date(2025, 5, 2)).falls_on_day_off()
        True
        >>> ByPeriod(period=Period.month(2026, 8)).falls_on_day_off()  # 31/8/2026 swapped off
        True
        """
        return not _calendar(calendar).is_working_day(self.due_day)

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """The due day when it lies in ``start``..``end``.

        Raises:
            DateRangeError: ``end`` is before ``start``, as for every kind.
        """
        check_range(start, end)
        day = self.due_day
        return [day] if start <= day <= end else []

    def named_dates(self, start: date, end: date) -> list[date]:
        """The day the phrase names when it lies in ``start``..``end`` (as :meth:`due_dates`)."""
        return self.due_dates(start, end)


# -- the eight kinds ----------------------------------------------------------------------


class OngoingWording(enum.Enum):
    """The words a plan uses for work that never ends; each is a canonical wording."""

    REGULAR = "Thường xuyên"
    CONTINUOUS = "Liên tục"
    REGULAR_CONTINUOUS = "Thường xuyên, liên tục"
    DAILY = "Hàng ngày"


@frozen(kw_only=True)
class Ongoing(_Phrase, _Undated):
    """Work done all the time: "Thường xuyên", "Liên tục", "Nhiệm vụ thường xuyên".

    It has no due date; a schedule lists it once per reporting period, as something to
    report on.

    >>> d = Ongoing(wording=OngoingWording.CONTINUOUS)
    >>> str(d), d.kind, d.due_dates(date(2025, 1, 1), date(2025, 12, 31))
    ('Liên tục', 'ongoing', [])
    """

    kind: ClassVar[Literal["ongoing"]] = "ongoing"
    wording: OngoingWording = OngoingWording.REGULAR

    @property
    def canonical(self) -> str:
        """The wording: "Thường xuyên", "Liên tục", "Thường xuyên, liên tục", "Hàng ngày"."""
        return self.wording.value


class EventForm(enum.Enum):
    """How a phrase ties a task to an event; the value is the phrase's opening words."""

    #: "Khi có {event}": "Khi có phát sinh", "Khi có yêu cầu".
    WHEN = "Khi có"
    #: "Đột xuất".
    AD_HOC = "Đột xuất"
    #: "Theo yêu cầu" or "Theo yêu cầu của {event}".
    ON_REQUEST = "Theo yêu cầu"
    #: "Trong thời hạn {limit}[ kể từ {event}]".
    WITHIN_TERM = "Trong thời hạn"
    #: "Trong vòng {limit}[ kể từ {event}]".
    WITHIN = "Trong vòng"
    #: "Trong {limit}[ kể từ {event}]".
    IN = "Trong"
    #: "Sau khi {event}": "Sau khi Nghị định được ban hành".
    AFTER = "Sau khi"
    #: "Tùy thuộc vào {event}": "Tuỳ thuộc vào thời điểm Luật NSNN sửa đổi".
    DEPENDS = "Tùy thuộc vào"
    #: A session or act named without a date: "Kỳ họp HĐND gần nhất", "Kỳ họp giữa năm 2026".
    NAMED = ""


_LIMIT_FORMS = frozenset({EventForm.WITHIN_TERM, EventForm.WITHIN, EventForm.IN})
_EVENT_FORMS = frozenset({EventForm.WHEN, EventForm.AFTER, EventForm.DEPENDS, EventForm.NAMED})
# Events written the same way everywhere, kept in one spelling whatever the case typed.
# Keyed by the folded words, so that "phat sinh" typed without diacritics is the same event.
_KNOWN_EVENTS = {"phat sinh": "phát sinh", "yeu cau": "yêu cầu"}


def _event_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = clean(value).rstrip(". ")
    if not text:
        return None
    # Known events are two words; folding long event texts would only cost time.
    return _KNOWN_EVENTS.get(fold(text), text) if len(text) <= 10 else text


def _default_form(self: OnEvent) -> EventForm:
    return EventForm.WITHIN_TERM if self.limit is not None else EventForm.WHEN


def _default_event(self: OnEvent) -> str | None:
    return "phát sinh" if self.form is EventForm.WHEN else None


@frozen(kw_only=True)
class OnEvent(_Phrase, _Undated):
    """Work done when something happens, with an optional time limit.

    ``event`` is the event's text ("phát sinh", "ngày nhận đủ hồ sơ hợp lệ", for "Theo yêu
    cầu của …" who asks, for a named session "Kỳ họp HĐND gần nhất"); ``limit`` a
    :class:`WorkingDays`, :class:`CalendarDays` or :class:`CalendarMonths`. ``form`` keeps
    the kind of wording; by default it is "Trong thời hạn …" when there is a limit and "Khi
    có …" otherwise, and ``OnEvent()`` is "Khi có phát sinh".

    Raises:
        DeadlineValueError: The parts do not fit the form ("Khi có", "Sau khi" and a named
            event need the event, a "Trong …" form needs a limit, the others take none).

    >>> print(OnEvent())
    Khi có phát sinh
    >>> d = OnEvent(limit=WorkingDays(5), event="ngày nhận đủ hồ sơ hợp lệ")
    >>> print(d)
    Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ
    >>> d.due_after(date(2025, 12, 26))  # over 1/1/2026
    datetime.date(2026, 1, 5)
    """

    kind: ClassVar[Literal["on_event"]] = "on_event"
    limit: WorkingDays | CalendarDays | CalendarMonths | None = None
    form: EventForm = field(default=Factory(_default_form, takes_self=True))
    event: str | None = field(
        default=Factory(_default_event, takes_self=True), converter=_event_text
    )

    def __attrs_post_init__(self) -> None:
        if self.form in _LIMIT_FORMS:
            if self.limit is None:
                raise DeadlineValueError(f"'{self.form.value} …' needs a time limit")
            return
        if self.limit is not None:
            raise DeadlineValueError(f"'{self.form.value or self.event}' takes no time limit")
        if self.form in _EVENT_FORMS and self.event is None:
            raise DeadlineValueError(f"'{self.form.value or 'a named event'} …' needs the event")
        if self.form is EventForm.AD_HOC and self.event is not None:
            raise DeadlineValueError("'Đột xuất' takes no event")

    @property
    def canonical(self) -> str:
        """The form's words with the event and limit: "Khi có phát sinh", "Sau khi …"."""
        if self.form in (EventForm.WHEN, EventForm.AFTER, EventForm.DEPENDS):
            return f"{self.form.value} {self.event}"
        if self.form is EventForm.NAMED:
            return str(self.event)
        if self.form is EventForm.AD_HOC:
            return "Đột xuất"
        if self.form is EventForm.ON_REQUEST:
            return "Theo yêu cầu" if self.event is None else f"Theo yêu cầu của {self.event}"
        since = "" if self.event is None else f" kể từ {self.event}"
        return f"{self.form.value} {self.limit}{since}"

    def due_after(self, event_date: date, calendar: WorkCalendar | None = None) -> date | None:
        """The last day of the time limit for an event on ``event_date``, or None.

        Working days count from the day after the event (Bộ luật Dân sự 2015, Điều 147);
        a calendar-day limit whose last day is a day off ends on the next working day
        (Điều 148).

        Args:
            event_date: The day of the event.
            calendar: The working calendar; the national one when None.

        Returns:
            The day, or None when the phrase sets no time limit.

        Raises:
            CalendarRangeError: The day lies outside the years the calendar covers.

        >>> d = OnEvent(form=EventForm.WITHIN, limit=CalendarDays(10), event="ngày ký")
        >>> d.due_after(date(2025, 4, 20))
        datetime.date(2025, 5, 5)
        >>> OnEvent().due_after(date(2025, 4, 20)) is None
        True
        """
        if self.limit is None:
            return None
        return self.limit.after(event_date, calendar)


class DateWording(enum.Enum):
    """The words before a date; each is a canonical wording."""

    BEFORE = "Trước ngày"
    ON = "Ngày"
    NO_LATER_THAN = "Chậm nhất ngày"
    COMPLETE_BEFORE = "Hoàn thành trước ngày"


def _four_digit_year(_: object, __: object, day: date) -> None:
    if day.year < 1000:
        raise DeadlineValueError(f"a plan date has a four-digit year, not {day.year}")


def _dates(value: Iterable[date]) -> tuple[date, ...]:
    return value if type(value) is tuple else tuple(value)


def _four_digit_years(self: ByDate, _: object, days: tuple[date, ...]) -> None:
    if not days:
        return
    for day in days:
        _four_digit_year(self, _, day)
    if len(set(days) | {self.day}) != len(days) + 1:
        raise DeadlineValueError("the further days of a cell are each named once")


@frozen(kw_only=True)
class ByDate(_Phrase, _Dated):
    """Work due by a day the plan names: "Trước ngày 15/12/2025", "Ngày 20/11/2025".

    The due date is the day as written, even when it is a day off: the signed plan says
    so. :meth:`falls_on_day_off` tells a schedule to flag it.

    Raises:
        DeadlineValueError: The year has not four digits.

    >>> d = ByDate(day=date(2025, 9, 30))
    >>> print(d)
    Trước ngày 30/9/2025
    >>> d.due_dates(date(2025, 9, 1), date(2025, 12, 31))
    [datetime.date(2025, 9, 30)]
    """

    kind: ClassVar[Literal["by_date"]] = "by_date"
    day: date = field(validator=_four_digit_year)
    wording: DateWording = DateWording.BEFORE
    #: The further days of a cell that names one per step or per area ("(1) 17/7/2026.
    #: (2) 29/7/2026"), in the cell's order after ``day``.
    also: tuple[date, ...] = field(default=(), converter=_dates, validator=_four_digit_years)

    @property
    def canonical(self) -> str:
        """The wording and the date the Decree 30 way: "Trước ngày 05/01/2026"; several
        days joined by "; "."""
        first = f"{self.wording.value} {short_date(self.day)}"
        if not self.also:
            return first
        lower = self.wording.value[:1].lower() + self.wording.value[1:]
        return "; ".join([first, *(f"{lower} {short_date(d)}" for d in self.also)])

    @property
    def due_day(self) -> date:
        """The (first) day the plan names."""
        return self.day

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """The days the plan names that lie in ``start``..``end``, each once, in order.

        Raises:
            DateRangeError: ``end`` is before ``start``, as for every kind.
        """
        check_range(start, end)
        if not self.also:
            return [self.day] if start <= self.day <= end else []
        return sorted({d for d in (self.day, *self.also) if start <= d <= end})


def _months(p: Period) -> tuple[int, int]:
    # The period's first and last month, counted from year 0: cheaper than its dates.
    size = _PERIOD_MONTHS[id(p.kind)]
    first = p.year * 12 + (p.index - 1) * size
    return first, first + size - 1


# Months per kind of period, keyed by the member's identity: an enum member hashes in
# Python, and this runs for every span the parser reads.
_PERIOD_MONTHS = {id(k): k.months for k in PeriodKind}


def in_a_row(spans: list[ByPeriod]) -> bool:
    """Whether each period (or span) starts the month after the one before it ends."""
    return all(
        _months(a.period)[1] + 1 == _months(b.start or b.period)[0]
        for a, b in itertools.pairwise(spans)
    )


def _span_start(self: ByPeriod, _: object, start: Period | None) -> None:
    if start is None:
        return
    (a, b), (c, d) = _months(start), _months(self.period)
    if not (a < c and b < d):
        raise DeadlineValueError(
            f"a span runs from an earlier period to a later one, not from {start.label} to "
            f"{self.period.label}"
        )


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


@frozen(kw_only=True)
class ByPeriod(_Phrase, _Dated):
    """Work due within a period, or a span of periods: "Năm 2025", "Quý IV/2025", "6/2025",
    "Giai đoạn 2026-2030", "Tháng 11, tháng 12 năm 2025".

    The due date is the last period's last day, kept as it is even on a day off (moving it
    forward would leave the period the plan names). ``start`` is the first period of a span
    (a list of months, a range of years, "Quý III, IV/2026, 2027"), None for one period.

    Raises:
        DeadlineValueError: ``start`` does not start and end before ``period``.

    >>> d = ByPeriod(period=Period.month(2025, 10))
    >>> print(d)
    Tháng 10/2025
    >>> d.due_dates(date(2025, 1, 1), date(2025, 12, 31))
    [datetime.date(2025, 10, 31)]
    >>> print(ByPeriod(period=Period.year_of(2030), start=Period.year_of(2026)))
    Giai đoạn 2026-2030
    """

    kind: ClassVar[Literal["by_period"]] = "by_period"
    period: Period
    start: Period | None = field(default=None, validator=_span_start)

    @property
    def canonical(self) -> str:
        """The period's label; a span of years "Giai đoạn 2026-2030", others "Từ … đến …"."""
        if self.start is None:
            return self.period.label
        if self.period.kind is PeriodKind.YEAR and self.start.kind is PeriodKind.YEAR:
            return f"Giai đoạn {self.start.year}-{self.period.year}"
        return f"Từ {_lower_first(self.start.label)} đến {_lower_first(self.period.label)}"

    @property
    def due_day(self) -> date:
        """The last day of the (last) period."""
        return self.period.end


class Frequency(enum.Enum):
    """How often a periodic report is made; the value is the Vietnamese word."""

    WEEK = "tuần"
    MONTH = "tháng"
    QUARTER = "quý"
    HALF = "6 tháng"
    YEAR = "năm"

    @property
    def period_kind(self) -> PeriodKind | None:
        """The reporting period, or None for a week (Nghị định 09/2019 has no weekly one)."""
        return _FREQUENCY_KIND[self]


_FREQUENCY_KIND = {
    Frequency.WEEK: None,
    Frequency.MONTH: PeriodKind.MONTH,
    Frequency.QUARTER: PeriodKind.QUARTER,
    Frequency.HALF: PeriodKind.HALF,
    Frequency.YEAR: PeriodKind.YEAR,
}
_FREQUENCY_ORDER = {f: i for i, f in enumerate(Frequency)}


def _frequencies(value: Iterable[Frequency]) -> tuple[Frequency, ...]:
    return tuple(sorted(set(value), key=_FREQUENCY_ORDER.__getitem__))


def _non_empty(_: object, __: object, value: tuple[Frequency, ...]) -> None:
    if not value:
        raise DeadlineValueError("a periodic deadline needs at least one frequency")


def _since_year(_: object, __: object, value: int | None) -> None:
    if value is not None and not 1000 <= value <= 9999:
        raise DeadlineValueError(f"a plan year has four digits, not {value}")


def _until_year(self: Periodic, _: object, value: int | None) -> None:
    _since_year(self, _, value)
    if value is not None and (self.since is None or value < self.since):
        raise DeadlineValueError(f"a last year {value} needs a first year before it")


def _every(self: Periodic, _: object, every: int) -> None:
    if not 1 <= every <= 99:
        raise DeadlineValueError(f"a periodic deadline comes every 1 to 99 periods, not {every}")
    if every > 1 and len(self.frequencies) != 1:
        raise DeadlineValueError("a deadline every few periods has one frequency")


@frozen(kw_only=True)
class Sending:
    """One report a periodic deadline asks for: when, and for which period.

    ``period`` is None for a weekly report, which has no Decree 09 period; ``label`` then
    names the ISO week ("Tuần 42/2025").
    """

    due: date
    frequency: Frequency
    period: Period | None
    label: str


@frozen(kw_only=True)
class Periodic(_Phrase):
    """Reports made every period: "Định kỳ hàng quý, năm", "Hằng tháng", "Định kỳ 6 tháng".

    ``frequencies`` is kept in order from the shortest; ``regular`` says whether the phrase
    opens with "Định kỳ"; ``since`` is the first year of "Năm 2025 và các năm tiếp theo".
    The canonical wording writes "hàng", as the plans this library was built on do; the
    author's "hằng" stays in ``str()``.

    Each report is due on its sending deadline: the :class:`SendingRule` applied to the
    Decree 09 cut-off of its period (Nghị định 09/2019/NĐ-CP, Điều 8 and 12); a weekly
    report on the Friday of its week. Either moves to the next working day when it falls on
    a day off (Bộ luật Dân sự 2015, Điều 148).

    >>> d = Periodic(frequencies=[Frequency.QUARTER, Frequency.YEAR])
    >>> print(d)
    Định kỳ hàng quý, năm
    >>> d.due_dates(date(2025, 9, 1), date(2025, 12, 31))
    [datetime.date(2025, 9, 16), datetime.date(2025, 12, 16)]
    """

    kind: ClassVar[Literal["periodic"]] = "periodic"
    frequencies: tuple[Frequency, ...] = field(converter=_frequencies, validator=_non_empty)
    regular: bool = True
    since: int | None = field(default=None, validator=_since_year)
    #: The last year of "Năm 2026 và hằng năm đến 2030", None when the phrase sets none.
    until: int | None = field(default=None, validator=_until_year)
    #: Every how many periods: 2 for "Định kỳ 2 năm/lần", counted from ``since``; without
    #: ``since`` ("Hằng năm và 5 năm") the periods cannot be told, and none is scheduled.
    every: int = field(default=1, validator=_every)

    @property
    def canonical(self) -> str:
        """ "Định kỳ hàng quý, năm", "Hàng tháng", "Hàng năm từ năm 2025"."""
        items = ", ".join(f.value for f in self.frequencies)
        if not self.regular:
            words = f"Hàng {items}"
        elif self.frequencies[0] is Frequency.HALF:
            words = f"Định kỳ {items}"
        else:
            words = f"Định kỳ hàng {items}"
        if self.every > 1:
            words = f"Định kỳ {self.every} {self.frequencies[0].value} một lần"
        if self.since is None:
            return words
        if self.until is None:
            return f"{words} từ năm {self.since}"
        return f"{words} từ năm {self.since} đến năm {self.until}"

    def sendings(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[Sending]:
        """Every report due from ``start`` to ``end``, by due date, the shorter period first.

        A quarterly and a yearly report due the same day are both listed. Periods before
        ``since`` are left out.

        Args:
            start: First day of the window.
            end: Last day of the window.
            calendar: The working calendar; the national one when None.
            reporting: The sending rule; :meth:`SendingRule.default` when None.

        Returns:
            The reports.

        Raises:
            DateRangeError: ``end`` is before ``start``.
            CalendarRangeError: The window lies outside the years the calendar covers.

        >>> for s in Periodic(frequencies=[Frequency.QUARTER, Frequency.YEAR]).sendings(
        ...     date(2025, 12, 1), date(2025, 12, 31)
        ... ):
        ...     print(s.due, s.label)
        2025-12-16 Quý IV/2025
        2025-12-16 Năm 2025
        """
        check_range(start, end)
        if self.every > 1 and self.since is None:
            return []  # every few periods, counted from a year the phrase does not name
        cal = _calendar(calendar)
        rule = reporting if reporting is not None else SendingRule.default()
        out: list[Sending] = []
        for frequency in self.frequencies:
            kind = frequency.period_kind
            if kind is None:
                out.extend(_weekly(start, end, cal))
                continue
            # A deadline comes after its period's cut-off, which ends on the 14th of the
            # period's last month; reach back far enough for the latest rule.
            reach = timedelta(days=45 + 2 * rule.value)
            for period in Period.covering(kind, start - reach, end):
                due = rule.deadline(period, cal)
                if start <= due <= end:
                    out.append(
                        Sending(due=due, frequency=frequency, period=period, label=period.label)
                    )
        if self.since is not None:
            out = [s for s in out if self._counts(s.period, s.due)]
        out.sort(key=lambda s: (s.due, _FREQUENCY_ORDER[s.frequency]))
        return out

    def _counts(self, period: Period | None, day: date) -> bool:
        # Periods from ``since`` on, every ``every``-th one (a week counts by its Friday).
        assert self.since is not None
        until = self.until if self.until is not None else 9999
        if period is None:
            return self.since <= day.year <= until
        if not self.since <= period.year <= until:
            return False
        if self.every == 1:
            return True
        per_year = period.kind.per_year
        return ((period.year - self.since) * per_year + period.index - 1) % self.every == 0

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """The sending deadlines from ``start`` to ``end``, each day once, in order.

        See :meth:`sendings` for which report each day is for.

        Raises DateRangeError if end < start.
        """
        sendings = self.sendings(start, end, calendar=calendar, reporting=reporting)
        return sorted({s.due for s in sendings})

    def named_dates(self, start: date, end: date) -> list[date]:
        """The last day of every period the phrase names that ends in ``start``..``end``
        (a week ends on Sunday), each day once, in order.

        >>> Periodic(frequencies=[Frequency.HALF]).named_dates(date(2025, 1, 1), date(2025, 12, 31))
        [datetime.date(2025, 6, 30), datetime.date(2025, 12, 31)]
        """
        check_range(start, end)
        if self.every > 1 and self.since is None:
            return []
        days: set[date] = set()
        for frequency in self.frequencies:
            kind = frequency.period_kind
            if kind is None:
                sunday = start + timedelta(days=6 - start.weekday())
                weeks = (sunday + timedelta(weeks=i) for i in range((end - sunday).days // 7 + 1))
                days.update(d for d in weeks if self.since is None or self._counts(None, d))
            else:
                days.update(
                    p.end
                    for p in Period.covering(kind, start, end)
                    if p.end <= end and (self.since is None or self._counts(p, p.end))
                )
        return sorted(d for d in days if start <= d)


def _weekly(start: date, end: date, cal: WorkCalendar) -> list[Sending]:
    out = []
    # Start a week early: a Friday off can roll into the window.
    monday = start - timedelta(days=start.weekday() + 7)
    while monday <= end:
        due = cal.working_day_on_or_after(monday + timedelta(days=4))
        if start <= due <= end:
            year, week, _ = monday.isocalendar()
            out.append(
                Sending(due=due, frequency=Frequency.WEEK, period=None, label=f"Tuần {week}/{year}")
            )
        monday += timedelta(days=7)
    return out


# -- recurring days -------------------------------------------------------------------------

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_MONTH_OF_QUARTER = {1: "đầu", 2: "giữa", 3: "cuối"}
_RECURRING = frozenset({Frequency.WEEK, Frequency.MONTH, Frequency.QUARTER, Frequency.YEAR})


@frozen(kw_only=True)
class DayOf:
    """One day a recurring rule names: a weekday, a day of the month, or a day of a month.

    For a weekly rule ``weekday`` (0 is Monday); for a monthly one ``day`` (-1 is the last);
    for a quarterly one ``day`` and ``month`` 1 to 3 within the quarter (3: "tháng cuối
    quý"); for a yearly one ``day`` and ``month``.
    """

    weekday: int | None = None
    day: int | None = None
    month: int | None = None


def _days_fit(self: Recurring, _: object, days: tuple[DayOf, ...]) -> None:
    if not days:
        raise DeadlineValueError("a recurring deadline names at least one day")
    f = self.frequency
    if f not in _RECURRING:
        raise DeadlineValueError(
            f"a recurring day comes every week, month, quarter or year, not {f.value!r}"
        )
    if f is Frequency.QUARTER and len(days) > 1:
        raise DeadlineValueError("a quarterly rule names one day of one month of the quarter")
    for d in days:
        if f is Frequency.WEEK:
            ok = d.weekday is not None and 0 <= d.weekday <= 6 and d.day is None and d.month is None
        elif f is Frequency.MONTH:
            ok = (
                d.weekday is None
                and d.month is None
                and d.day is not None
                and (1 <= d.day <= 31 or d.day == -1)
            )
        else:
            top = 3 if f is Frequency.QUARTER else 12
            ok = (
                d.weekday is None
                and d.month is not None
                and 1 <= d.month <= top
                and d.day is not None
                and 1 <= d.day <= 31
            )
            if ok and f is Frequency.YEAR:
                try:
                    date(2024, d.month or 0, d.day or 0)
                except ValueError:
                    ok = False
        if not ok:
            raise DeadlineValueError(f"{d} is not a day of a {f.name.lower()}ly rule")


def _day_order(days: Iterable[DayOf]) -> tuple[DayOf, ...]:
    return tuple(
        sorted(
            set(days),
            key=lambda d: (d.month or 0, d.day or 0, -1 if d.weekday is None else d.weekday),
        )
    )


@frozen(kw_only=True)
class Recurring(_Phrase):
    """Work due on days that come back: "Thứ Sáu hằng tuần", "Ngày 15 hằng tháng",
    "Trước ngày 20 của tháng cuối quý", "Trước ngày 15 tháng 6 và trước ngày 01 tháng 12".

    The days are a :mod:`dateutil.rrule` rule (RFC 5545 recurrence), built only when dates
    are asked for. :meth:`named_dates` gives the days as the plan names them;
    :meth:`due_dates` moves a day off to the next working day, as the Civil Code ends a time
    limit whose last day is a day off (Bộ luật Dân sự 2015, Điều 148), the same rule as a
    weekly report's Friday. ``before`` keeps "Trước ngày …" apart from "Ngày …".

    Raises:
        DeadlineValueError: The days do not fit the frequency.

    >>> d = Recurring(frequency=Frequency.MONTH, days=[DayOf(day=15)])
    >>> print(d)
    Ngày 15 hàng tháng
    >>> d.named_dates(date(2025, 11, 1), date(2025, 12, 31))
    [datetime.date(2025, 11, 15), datetime.date(2025, 12, 15)]
    >>> d.due_dates(date(2025, 11, 1), date(2025, 12, 31))  # 15/11/2025 is a Saturday
    [datetime.date(2025, 11, 17), datetime.date(2025, 12, 15)]
    """

    kind: ClassVar[Literal["recurring"]] = "recurring"
    frequency: Frequency
    days: tuple[DayOf, ...] = field(converter=_day_order, validator=_days_fit)
    before: bool = False

    @property
    def canonical(self) -> str:
        """The days with the frequency: "Thứ Sáu hàng tuần", "Ngày 15 hàng tháng",
        "Trước ngày 20 của tháng cuối quý", "Ngày 15/06 và ngày 01/12 hàng năm"."""
        lead = "Trước ngày" if self.before else "Ngày"
        f = self.frequency
        if f is Frequency.WEEK:
            names = " và ".join(WEEKDAYS[d.weekday or 0] for d in self.days)
            words = f"{names} hàng tuần"
            return f"Trước {words[:1].lower()}{words[1:]}" if self.before else words
        if f is Frequency.MONTH:
            days = " và ".join("cuối cùng" if d.day == -1 else pad2(d.day or 0) for d in self.days)
            return f"{lead} {days} hàng tháng"
        if f is Frequency.QUARTER:
            return " và ".join(
                f"{lead if i == 0 else lead.lower()} {pad2(d.day or 0)} của tháng "
                f"{_MONTH_OF_QUARTER[d.month or 3]} quý"
                for i, d in enumerate(self.days)
            )
        days = " và ".join(
            f"{lead if i == 0 else lead.lower()} {pad2(d.day or 0)}/{d.month:02d}"
            for i, d in enumerate(self.days)
        )
        return f"{days} hàng năm"

    def _rule(self, start: date) -> rrule.rruleset:
        from dateutil import rrule  # loaded by the first recurring rule, not by the import

        rules = rrule.rruleset()
        first = datetime(start.year, start.month, 1)
        for d in self.days:
            f = self.frequency
            if f is Frequency.WEEK:
                rules.rrule(rrule.rrule(rrule.WEEKLY, dtstart=first, byweekday=d.weekday))
                continue
            day = d.day or 1
            # A day the month lacks ("ngày 31" in April) means the month's last day.
            bymonthday: int | tuple[int, ...] = day if day <= 28 else tuple(range(28, day + 1))
            setpos = None if day <= 28 else -1
            if f is Frequency.MONTH:
                if day == -1:
                    bymonthday, setpos = -1, None
                rules.rrule(
                    rrule.rrule(
                        rrule.MONTHLY, dtstart=first, bymonthday=bymonthday, bysetpos=setpos
                    )
                )
            elif f is Frequency.QUARTER:
                m = d.month or 3
                rules.rrule(
                    rrule.rrule(
                        rrule.MONTHLY,
                        dtstart=first,
                        bymonth=(m, m + 3, m + 6, m + 9),
                        bymonthday=bymonthday,
                        bysetpos=setpos,
                    )
                )
            else:
                jan = datetime(start.year, 1, 1)
                rules.rrule(rrule.rrule(rrule.YEARLY, dtstart=jan, bymonth=d.month, bymonthday=day))
        return rules

    def named_dates(self, start: date, end: date) -> list[date]:
        """The days the rule names in ``start``..``end``, as written, in order.

        Raises:
            DateRangeError: ``end`` is before ``start``.
        """
        check_range(start, end)
        found = self._rule(start).between(
            datetime(start.year, start.month, start.day),
            datetime(end.year, end.month, end.day),
            inc=True,
        )
        return [x.date() for x in found]

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """The named days moved off days off to the next working day, inside the window.

        Raises:
            DateRangeError: ``end`` is before ``start``.
        """
        check_range(start, end)
        cal = _calendar(calendar)
        # A day off just before the window can roll into it (Tết is up to nine days).
        early = max(date.min, start - timedelta(days=20))
        moved = {cal.working_day_on_or_after(d) for d in self.named_dates(early, end)}
        return sorted(d for d in moved if start <= d <= end)


# -- composite and unrecognised ----------------------------------------------------------


def _parts(value: Iterable[Deadline]) -> tuple[Deadline, ...]:
    out: list[Deadline] = []
    for part in value:
        out.extend(part.parts if isinstance(part, Composite) else (part,))
    return tuple(out)


def _two_parts(_: object, __: object, parts: tuple[Deadline, ...]) -> None:
    if len(parts) < 2:
        raise DeadlineValueError("a composite deadline has at least two parts")
    if any(isinstance(p, Unspecified) for p in parts):
        raise DeadlineValueError("a composite deadline's parts are all known phrases")
    if all(isinstance(p, ByDate) for p in parts):
        raise DeadlineValueError("several days are one ByDate (its 'also' days), not a composite")


@frozen(kw_only=True)
class Composite(_Phrase):
    """Two or more rules in one phrase: "Hoàn thành trong năm 2026 và vận hành thường
    xuyên", "Định kỳ 6 tháng, hằng năm, đột xuất khi cần thiết".

    Its due dates are those of all its parts; its canonical wording joins the parts' with
    "; ".

    Raises:
        DeadlineValueError: Fewer than two parts, or an unrecognised one.

    >>> d = Composite(parts=[ByPeriod(period=Period.year_of(2026)), Ongoing()])
    >>> print(d)
    Năm 2026; Thường xuyên
    >>> d.due_dates(date(2026, 1, 1), date(2026, 12, 31))
    [datetime.date(2026, 12, 31)]
    """

    kind: ClassVar[Literal["composite"]] = "composite"
    parts: tuple[Deadline, ...] = field(converter=_parts, validator=_two_parts)

    @property
    def canonical(self) -> str:
        """The parts' canonical wordings joined by "; "; periods in a row, which "; " would
        join into one span, are alternatives: "Tháng 12/2026 hoặc Tháng 01/2027"."""
        periods = [p for p in self.parts if isinstance(p, ByPeriod)]
        if len(periods) == len(self.parts) and in_a_row(periods):
            return " hoặc ".join(p.canonical for p in self.parts)
        return "; ".join(p.canonical for p in self.parts)

    def due_dates(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[date]:
        """Every part's due dates, each day once, in order.

        Raises:
            DateRangeError: ``end`` is before ``start``.
        """
        check_range(start, end)
        days: set[date] = set()
        for p in self.parts:
            days.update(p.due_dates(start, end, calendar=calendar, reporting=reporting))
        return sorted(days)

    def named_dates(self, start: date, end: date) -> list[date]:
        """Every part's named days, each once, in order."""
        check_range(start, end)
        return sorted({d for p in self.parts for d in p.named_dates(start, end)})


@frozen(kw_only=True)
class Unspecified(_Undated):
    """A completion time the parser does not recognise, kept as written.

    This kind is for unrecognised text only: built from a phrase that does parse as
    another kind, it would not survive ``parse_deadline(str(d))``. The text is NFC with its
    spaces normalised; constructing one never fails. ``notes`` may carry the closest known
    form.

    >>> d = Unspecified(text=" Theo  tiến độ của dự án ")
    >>> d, d.kind, str(d)
    (Unspecified(text='Theo tiến độ của dự án'), 'unspecified', 'Theo tiến độ của dự án')
    """

    kind: ClassVar[Literal["unspecified"]] = "unspecified"
    text: str = field(converter=clean)
    notes: tuple[str, ...] = field(default=(), eq=False, repr=False)

    @property
    def canonical(self) -> str:
        """The text itself: an unrecognised phrase has no other wording."""
        return self.text

    def __str__(self) -> str:
        return self.text


#: A task's completion time: one of the eight kinds, told apart by ``.kind``.
Deadline: TypeAlias = (
    Ongoing | OnEvent | ByDate | ByPeriod | Periodic | Recurring | Composite | Unspecified
)

#: The eight kinds' names.
KINDS = (
    "ongoing",
    "on_event",
    "by_date",
    "by_period",
    "periodic",
    "recurring",
    "composite",
    "unspecified",
)
