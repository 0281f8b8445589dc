"""Completion times (thời gian hoàn thành) of plan tasks: read, written back, turned into dates.

A plan writes each task's completion time as a Vietnamese phrase: "Thường xuyên", "Khi có
phát sinh", "Năm 2025", "Định kỳ hàng quý, năm", "Trước ngày 15/12/2025"... A
:data:`Deadline` is that phrase as a value: one of six kinds, each printing back as its
canonical phrase, so that ``parse_deadline(str(d)) == d`` for every deadline ``d``.

When a due date falls on a day off:

* a date the plan states or implies (``ByDate``, and the last day of a ``ByPeriod``) stays
  as written, because the signed plan says so; :meth:`ByDate.falls_on_day_off` flags it;
* a date the library computes from a rule moves to the next working day, as the Civil Code
  ends a time limit whose last day is a day off (Bộ luật Dân sự 2015, Điều 148): a sending
  deadline of a periodic report, a weekly report's Friday, a calendar-day time limit.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import ClassVar, Literal, TypeAlias

from attrs import Factory, field, frozen

from kh_tthc.calendar import WorkCalendar, check_range
from kh_tthc.errors import DeadlineSyntaxError, KhTthcError
from kh_tthc.periods import (
    Period,
    PeriodKind,
    SendingRule,
    parse_period_text,
    short_date,
    year_problem,
)
from kh_tthc.vn import clean, fold, nfc, pad2

__all__ = [
    "ByDate",
    "ByPeriod",
    "CalendarDays",
    "DateWording",
    "Deadline",
    "DeadlineValueError",
    "EventForm",
    "Frequency",
    "OnEvent",
    "Ongoing",
    "OngoingWording",
    "Periodic",
    "Sending",
    "TimeLimit",
    "Unspecified",
    "WorkingDays",
    "parse_deadline",
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


#: A time limit counted from an event.
TimeLimit: TypeAlias = WorkingDays | CalendarDays


# -- the six kinds ------------------------------------------------------------------------


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

        >>> parse_deadline("Ngày 02/5/2025").falls_on_day_off()
        True
        >>> parse_deadline("Tháng 8/2026").falls_on_day_off()  # 31/8/2026 swapped off
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


class OngoingWording(enum.Enum):
    """The words a plan uses for work that never ends; each prints as written."""

    REGULAR = "Thường xuyên"
    CONTINUOUS = "Liên tục"
    REGULAR_CONTINUOUS = "Thường xuyên, liên tục"
    DAILY = "Hàng ngày"


@frozen(kw_only=True)
class Ongoing(_Undated):
    """Work done all the time: "Thường xuyên", "Liên tục".

    It has no due date; a schedule lists it once per reporting period, as something to
    report on.

    >>> d = Ongoing(wording=OngoingWording.CONTINUOUS)
    >>> str(d), d.kind, d.due_dates(date(2025, 1, 1), date(2025, 12, 31))
    ('Liên tục', 'ongoing', [])
    """

    kind: ClassVar[Literal["ongoing"]] = "ongoing"
    wording: OngoingWording = OngoingWording.REGULAR

    def __str__(self) -> str:
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


_LIMIT_FORMS = frozenset({EventForm.WITHIN_TERM, EventForm.WITHIN, EventForm.IN})
# Events written the same way everywhere, kept in one spelling whatever the case typed.
_KNOWN_EVENTS = {"phát sinh": "phát sinh", "yêu cầu": "yêu cầu"}


def _event_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = clean(value).rstrip(". ")
    if not text:
        return None
    return _KNOWN_EVENTS.get(text.lower(), text)


def _default_form(self: OnEvent) -> EventForm:
    return EventForm.WITHIN_TERM if self.limit is not None else EventForm.WHEN


def _default_event(self: OnEvent) -> str | None:
    return "phát sinh" if self.form is EventForm.WHEN else None


@frozen(kw_only=True)
class OnEvent(_Undated):
    """Work done when something happens, with an optional time limit.

    ``event`` is the event's text ("phát sinh", "ngày nhận đủ hồ sơ hợp lệ", or for
    "Theo yêu cầu của …" who asks); ``limit`` a :class:`WorkingDays` or
    :class:`CalendarDays`. ``form`` keeps the plan's wording; by default it is "Trong thời
    hạn …" when there is a limit and "Khi có …" otherwise, and ``OnEvent()`` is "Khi có phát
    sinh".

    Raises:
        DeadlineValueError: The parts do not fit the form ("Khi có" needs an event, a
            "Trong …" form needs a limit, the others take none).

    >>> print(OnEvent())
    Khi có phát sinh
    >>> d = OnEvent(limit=WorkingDays(5), event="ngày nhận đủ hồ sơ hợp lệ")
    >>> print(d)
    Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ
    >>> d.due_after(date(2025, 12, 26))  # over 1/1/2026
    datetime.date(2026, 1, 5)
    """

    kind: ClassVar[Literal["on_event"]] = "on_event"
    limit: WorkingDays | CalendarDays | None = None
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
            raise DeadlineValueError(f"'{self.form.value}' takes no time limit")
        if self.form is EventForm.WHEN and self.event is None:
            raise DeadlineValueError("'Khi có …' needs the event")
        if self.form is EventForm.AD_HOC and self.event is not None:
            raise DeadlineValueError("'Đột xuất' takes no event")

    def __str__(self) -> str:
        if self.form is EventForm.WHEN:
            return f"Khi có {self.event}"
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

        >>> parse_deadline("Trong vòng 10 ngày kể từ ngày ký").due_after(date(2025, 4, 20))
        datetime.date(2025, 5, 5)
        >>> OnEvent().due_after(date(2025, 4, 20)) is None
        True
        """
        if self.limit is None:
            return None
        return self.limit.after(event_date, calendar)


class DateWording(enum.Enum):
    """The words before a date; each prints as written."""

    BEFORE = "Trước ngày"
    ON = "Ngày"
    NO_LATER_THAN = "Chậm nhất ngày"
    COMPLETE_BEFORE = "Hoàn thành trước ngày"


def _four_digit_year(_: object, __: object, day: date) -> None:
    if day.year < 1000:
        raise DeadlineValueError(f"a plan date has a four-digit year, not {day.year}")


@frozen(kw_only=True)
class ByDate(_Dated):
    """Work due by a day the plan names: "Trước ngày 15/12/2025", "Ngày 20/11/2025".

    The due date is the day as written, even when it is a day off: the signed plan says
    so. :meth:`falls_on_day_off` tells a schedule to flag it.

    Raises:
        DeadlineValueError: The year has not four digits.

    >>> d = parse_deadline("Trước 30/9/2025")
    >>> print(d)
    Trước ngày 30/9/2025
    >>> d.due_dates(date(2025, 9, 1), date(2025, 12, 31))
    [datetime.date(2025, 9, 30)]
    """

    kind: ClassVar[Literal["by_date"]] = "by_date"
    day: date = field(validator=_four_digit_year)
    wording: DateWording = DateWording.BEFORE

    def __str__(self) -> str:
        return f"{self.wording.value} {short_date(self.day)}"

    @property
    def due_day(self) -> date:
        """The day the plan names."""
        return self.day


@frozen(kw_only=True)
class ByPeriod(_Dated):
    """Work due within a period: "Năm 2025", "Quý IV/2025", "6 tháng đầu năm 2026".

    The due date is the period's last day, kept as it is even on a day off (moving it
    forward would leave the period the plan names). "Trong năm 2025" reads the same as
    "Năm 2025" and prints as the period's label.

    >>> d = parse_deadline("Trong tháng 10/2025")
    >>> print(d)
    Tháng 10/2025
    >>> d.due_dates(date(2025, 1, 1), date(2025, 12, 31))
    [datetime.date(2025, 10, 31)]
    """

    kind: ClassVar[Literal["by_period"]] = "by_period"
    period: Period

    def __str__(self) -> str:
        return self.period.label

    @property
    def due_day(self) -> date:
        """The period's last day."""
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
class Periodic:
    """Reports made every period: "Định kỳ hàng quý, năm", "Hằng tháng", "Định kỳ 6 tháng".

    ``frequencies`` is kept in order from the shortest; ``regular`` says whether the phrase
    opens with "Định kỳ". "hàng" and "hằng" read the same and print as "hàng", as the plans
    this library was built on write it.

    Each report is due on its sending deadline: the :class:`SendingRule` applied to the
    Decree 09 cut-off of its period (Nghị định 09/2019/NĐ-CP, Điều 8 and 12); a weekly
    report on the Friday of its week. Either moves to the next working day when it falls on
    a day off (Bộ luật Dân sự 2015, Điều 148).

    >>> d = parse_deadline("Định kỳ hằng quý, năm")
    >>> print(d)
    Định kỳ hàng quý, năm
    >>> d.due_dates(date(2025, 9, 1), date(2025, 12, 31))
    [datetime.date(2025, 9, 16), datetime.date(2025, 12, 16)]
    """

    kind: ClassVar[Literal["periodic"]] = "periodic"
    frequencies: tuple[Frequency, ...] = field(converter=_frequencies, validator=_non_empty)
    regular: bool = True

    def __str__(self) -> str:
        items = ", ".join(f.value for f in self.frequencies)
        if not self.regular:
            return f"Hàng {items}"
        if self.frequencies[0] is Frequency.HALF:
            return f"Định kỳ {items}"
        return f"Định kỳ hàng {items}"

    def sendings(
        self,
        start: date,
        end: date,
        *,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
    ) -> list[Sending]:
        """Every report due from ``start`` to ``end``, by due date, the shorter period first.

        A quarterly and a yearly report due the same day are both listed.

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
        out.sort(key=lambda s: (s.due, _FREQUENCY_ORDER[s.frequency]))
        return out

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


def _verbatim(text: str) -> str:
    return nfc(text).strip()


@frozen(kw_only=True)
class Unspecified(_Undated):
    """A completion time the parser does not recognise, kept verbatim.

    This kind is for unrecognised text only: built from a phrase that does parse as
    another kind, it would not survive ``parse_deadline(str(d))``. The text is NFC and
    trimmed; constructing one never fails.

    >>> d = parse_deadline("Theo tiến độ của dự án")
    >>> d, d.kind
    (Unspecified(text='Theo tiến độ của dự án'), 'unspecified')
    """

    kind: ClassVar[Literal["unspecified"]] = "unspecified"
    text: str = field(converter=_verbatim)

    def __str__(self) -> str:
        return self.text


#: A task's completion time: one of the six kinds, told apart by ``.kind``.
Deadline: TypeAlias = Ongoing | OnEvent | ByDate | ByPeriod | Periodic | Unspecified


# -- parsing ------------------------------------------------------------------------------

_I = re.IGNORECASE

# Whole phrases, keyed by their lower-case form with "hằng" spelled "hàng".
_FIXED: dict[str, Deadline] = {
    "thường xuyên": Ongoing(wording=OngoingWording.REGULAR),
    "liên tục": Ongoing(wording=OngoingWording.CONTINUOUS),
    "thường xuyên, liên tục": Ongoing(wording=OngoingWording.REGULAR_CONTINUOUS),
    "thường xuyên và liên tục": Ongoing(wording=OngoingWording.REGULAR_CONTINUOUS),
    "hàng ngày": Ongoing(wording=OngoingWording.DAILY),
    "khi phát sinh": OnEvent(),
    "đột xuất": OnEvent(form=EventForm.AD_HOC),
    "theo yêu cầu": OnEvent(form=EventForm.ON_REQUEST),
}

_WHEN = re.compile(r"khi có (?P<event>.+)", _I)
_REQUEST = re.compile(r"theo yêu cầu của (?P<event>.+)", _I)
_LIMIT = re.compile(
    r"(?P<lead>trong thời hạn|trong vòng|trong) (?P<n>[0-9]+) ngày(?P<working> làm việc)?"
    r"(?: kể từ (?P<event>.+))?",
    _I,
)
_LEADS = {"trong thời hạn": EventForm.WITHIN_TERM, "trong vòng": EventForm.WITHIN}

_WORDINGS = {
    None: DateWording.ON,
    "trước": DateWording.BEFORE,
    "chậm nhất": DateWording.NO_LATER_THAN,
    "hoàn thành trước": DateWording.COMPLETE_BEFORE,
}
_WORDING = r"(?:(?P<w>hoàn thành trước|chậm nhất|trước) )?(?:ngày )?"
_DATES = (
    # ISO first: "2025-12-15" would otherwise read as day 2025 of month 12.
    re.compile(_WORDING + r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})", _I),
    re.compile(_WORDING + r"(?P<d>[0-9]+)[/.-](?P<m>[0-9]+)[/.-](?P<y>[0-9]+)", _I),
    re.compile(_WORDING + r"(?P<d>[0-9]+) tháng (?P<m>[0-9]+) năm (?P<y>[0-9]+)", _I),
)

_PERIOD_LEAD = re.compile(r"(?:hoàn thành )?trong ", _I)
_PERIODIC_HEAD = re.compile(r"(?:(?P<regular>định kỳ) )?(?P<body>.+)", _I)
_PERIODIC_SPLIT = re.compile(r" ?(?:,|;) ?| và ", _I)
_PERIODIC_ITEM = re.compile(
    r"(?:(?P<hang>hàng|hằng) )?(?P<item>tuần|tháng|quý|6 tháng|sáu tháng|năm)", _I
)
_ITEMS = {
    "tuần": Frequency.WEEK,
    "tháng": Frequency.MONTH,
    "quý": Frequency.QUARTER,
    "6 tháng": Frequency.HALF,
    "sáu tháng": Frequency.HALF,
    "năm": Frequency.YEAR,
}

# A parse gives a Deadline, a reason the phrase is malformed, or None for "not known".
_Parsed: TypeAlias = "Deadline | str | None"


def _number(digits: str) -> int | None:
    # int() refuses digit runs over 4300 long; no number in a plan is anywhere near.
    return int(digits) if len(digits) <= 6 else None


def _parse_limit(s: str) -> _Parsed:
    m = _LIMIT.fullmatch(s)
    if m is None:
        return None
    n = _number(m["n"])
    if n is None or not 1 <= n <= MAX_LIMIT_DAYS:
        return f"a time limit is 1 to {MAX_LIMIT_DAYS} days, not {m['n']}"
    limit: TimeLimit = WorkingDays(n) if m["working"] else CalendarDays(n)
    form = _LEADS.get(m["lead"].lower(), EventForm.IN)
    return OnEvent(form=form, limit=limit, event=m["event"])


def _parse_date(s: str) -> _Parsed:
    for pattern in _DATES:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        year_digits = m["y"]
        if (problem := year_problem(year_digits)) is not None:
            return problem
        day, month = _number(m["d"]), _number(m["m"])
        written = f"{m['d']}/{m['m']}/{year_digits}"
        if day is None or month is None:
            return f"{written} is not a date"
        try:
            when = date(int(year_digits), month, day)
        except ValueError as exc:
            return f"{written} is not a date ({exc})"
        wording = _WORDINGS[m["w"].lower() if m["w"] else None]
        return ByDate(day=when, wording=wording)
    return None


def _parse_periodic(s: str) -> _Parsed:
    m = _PERIODIC_HEAD.fullmatch(s)
    if m is None:  # pragma: no cover - ".+" matches any non-empty text
        return None
    frequencies = []
    said_hang = False
    for i, part in enumerate(_PERIODIC_SPLIT.split(m["body"])):
        item = _PERIODIC_ITEM.fullmatch(part)
        if item is None:
            return None
        if i == 0:
            said_hang = item["hang"] is not None
        frequencies.append(_ITEMS[item["item"].lower()])
    regular = m["regular"] is not None
    if not (regular or said_hang):
        return None
    return Periodic(frequencies=frequencies, regular=regular)


def _parse_period(s: str) -> _Parsed:
    lead = _PERIOD_LEAD.match(s)
    result = parse_period_text(s[lead.end() :] if lead else s)
    if isinstance(result, Period):
        return ByPeriod(period=result)
    return result


def _parse_clean(s: str) -> _Parsed:
    fixed = _FIXED.get(s.lower().replace("hằng", "hàng"))
    if fixed is not None:
        return fixed
    m = _WHEN.fullmatch(s)
    if m is not None:
        return OnEvent(form=EventForm.WHEN, event=m["event"])
    m = _REQUEST.fullmatch(s)
    if m is not None:
        return OnEvent(form=EventForm.ON_REQUEST, event=m["event"])
    for parse in (_parse_limit, _parse_periodic, _parse_date, _parse_period):
        result = parse(s)
        if result is not None:
            return result
    return None


@frozen
class _Failure:
    """Why a phrase was not read: ``reason`` is empty for a phrase of no known shape."""

    reason: str
    empty: bool = False


_EMPTY = _Failure("the phrase is empty", empty=True)
_UNKNOWN = _Failure("")


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> Deadline | _Failure:
    # Real plans repeat a handful of phrases, so the cache answers most calls.
    s = clean(text).rstrip(". ")
    if not s:
        return _EMPTY
    try:
        result = _parse_clean(s)
    except DeadlineValueError as exc:  # e.g. an event of nothing but full stops
        return _Failure(str(exc))
    if result is None:
        return _UNKNOWN
    if isinstance(result, str):
        return _Failure(result)
    return result


#: Canonical examples of every form, for "did you mean" suggestions.
EXAMPLES = (
    "Thường xuyên",
    "Liên tục",
    "Hàng ngày",
    "Khi có phát sinh",
    "Khi có yêu cầu",
    "Đột xuất",
    "Theo yêu cầu của cấp trên",
    "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    "Trong vòng 10 ngày kể từ ngày nhận được văn bản",
    "Trước ngày 15/12/2025",
    "Ngày 20/11/2025",
    "Chậm nhất ngày 15/12/2025",
    "Hoàn thành trước ngày 15/12/2025",
    "Năm 2025",
    "Quý IV/2025",
    "Tháng 10/2025",
    "6 tháng đầu năm 2026",
    "6 tháng cuối năm 2025",
    "Định kỳ hàng quý, năm",
    "Định kỳ hàng quý, 6 tháng, năm",
    "Định kỳ 6 tháng",
    "Hàng tuần",
    "Hàng tháng",
    "Hàng năm",
)
_FOLDED_EXAMPLES = {fold(e): e for e in EXAMPLES}


def _suggestions(text: str) -> tuple[str, ...]:
    close = difflib.get_close_matches(fold(text), _FOLDED_EXAMPLES, n=3, cutoff=0.3)
    return tuple(_FOLDED_EXAMPLES[c] for c in close)


def parse_deadline(text: str, *, strict: bool = False) -> Deadline:
    """Read a completion-time phrase ("thời gian hoàn thành") of a plan task.

    Case, extra spaces, a final full stop, "hàng" or "hằng" and decomposed Unicode do not
    matter. Known forms:

    * ongoing: "Thường xuyên", "Liên tục", "Thường xuyên, liên tục", "Hằng ngày";
    * on an event: "Khi có phát sinh", "Khi có yêu cầu", "Đột xuất", "Theo yêu cầu của …",
      "Trong thời hạn 05 ngày làm việc kể từ …", "Trong vòng 10 ngày kể từ …";
    * by a date: "Trước ngày 15/12/2025", "Trước 30/9/2025", "Ngày 20/11/2025",
      "Chậm nhất ngày 15/12/2025", "Hoàn thành trước ngày …";
    * by a period: "Năm 2025", "Trong năm 2025", "Quý IV/2025", "Quý I năm 2026",
      "Tháng 10/2025", "6 tháng đầu năm 2026", "6 tháng cuối năm 2025";
    * periodic: "Định kỳ hàng quý, năm", "Định kỳ hằng quý, 6 tháng, năm", "Hằng tháng",
      "Hằng tuần", "Định kỳ 6 tháng", "Hằng năm".

    Anything else becomes :class:`Unspecified` with the text kept, unless ``strict``.

    Args:
        text: The phrase.
        strict: Raise instead of returning :class:`Unspecified`.

    Returns:
        The deadline; ``str()`` of it is the canonical phrase.

    Raises:
        DeadlineSyntaxError: The phrase is empty; or, when ``strict``, it is not a known form
            or names an impossible date or period ("31/02/2025", "Quý V/2025"). The error
            carries the reason and the closest known forms.

    >>> parse_deadline("  THƯỜNG   XUYÊN. ")
    Ongoing(wording=<OngoingWording.REGULAR: 'Thường xuyên'>)
    >>> str(parse_deadline("quý i năm 2026"))
    'Quý I/2026'
    >>> parse_deadline("Trước ngày 31/02/2025").kind
    'unspecified'
    >>> try:
    ...     parse_deadline("Trước ngày 31/02/2025", strict=True)
    ... except DeadlineSyntaxError as exc:
    ...     print(exc.reason)
    ...     print(exc.suggestions[0])
    31/02/2025 is not a date (day is out of range for month)
    Trước ngày 15/12/2025
    """
    result = _parse(text)
    if isinstance(result, _Failure):
        if strict or result.empty:
            phrase = _verbatim(text)
            suggestions = () if result.empty else _suggestions(phrase)
            raise DeadlineSyntaxError(phrase, suggestions, result.reason)
        return Unspecified(text=text)
    return result
