"""Reporting periods (kỳ báo cáo), their data cut-off windows and sending deadlines.

A periodic report covers a data cut-off window, not the calendar period: Nghị định
09/2019/NĐ-CP, Điều 12 has it run from the 15th of the month before the period to the 14th
of the period's last month. When the report must then be sent is up to whoever orders it;
:class:`SendingRule` says how, with a default that satisfies Điều 8 wherever the window ends.
"""

from __future__ import annotations

import enum
import re
from datetime import date, timedelta
from typing import Any

from attrs import field, frozen

from kh_tthc._lazy import LazyPattern
from kh_tthc.calendar import WorkCalendar, check_range
from kh_tthc.errors import KhTthcError
from kh_tthc.vn import _month_text, clean, from_roman, pad2, to_roman

__all__ = [
    "Period",
    "PeriodError",
    "PeriodKind",
    "PeriodSyntaxError",
    "SendingRule",
    "SendingRuleError",
    "SendingRuleKind",
    "SendingRuleSyntaxError",
    "Window",
]

#: Years a period may have: the four-digit years, as plans write them.
MIN_YEAR = 1000
MAX_YEAR = 9999


class PeriodError(KhTthcError, ValueError):
    """A period that cannot exist (quarter 5, month 13, a year without four digits)."""


class PeriodSyntaxError(PeriodError):
    """A text that does not name a period.

    ``text`` is the text given, ``reason`` what is wrong with it.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"not a reporting period {text!r}: {reason}")


class SendingRuleError(KhTthcError, ValueError):
    """A sending rule that cannot be (a sending day before the cut-off, zero days)."""


class SendingRuleSyntaxError(SendingRuleError):
    """A text that does not state a sending rule; ``text`` is the text given."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason
        message = f"not a sending rule {text!r}"
        if reason:
            message += f": {reason}"
        message += " (expected e.g. '2 working days after cut-off' or 'day 20 of the last month')"
        super().__init__(message)


class PeriodKind(enum.Enum):
    """How long a reporting period is."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def months(self) -> int:
        """The number of months in one period of this kind."""
        return _MONTHS[self]

    @property
    def per_year(self) -> int:
        """How many periods of this kind make a year."""
        return 12 // _MONTHS[self]


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
# Orders periods that start on the same day: the shorter first.
_RANK = {PeriodKind.MONTH: 0, PeriodKind.QUARTER: 1, PeriodKind.HALF: 2, PeriodKind.YEAR: 3}


def _check_year(_: object, __: object, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} is not a four-digit year")


@frozen(kw_only=True)
class Window:
    """A span of days, both ends included: a data cut-off window.

    Raises:
        DateRangeError: ``end`` is before ``start``.

    >>> w = Window(start=date(2025, 9, 15), end=date(2025, 12, 14))
    >>> date(2025, 12, 1) in w, str(w)
    (True, '15/9/2025 – 14/12/2025')
    """

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        check_range(self.start, self.end)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def __str__(self) -> str:
        return f"{short_date(self.start)} – {short_date(self.end)}"


def short_date(d: date) -> str:
    """A date the way plans write it in a table: 05/8/2025, 15/01/2026."""
    return f"{pad2(d.day)}/{_month_text(d.month)}/{d.year}"


@frozen(kw_only=True, order=False)
class Period:
    """A reporting period: a month, a quarter, a half-year or a year.

    Build one with :meth:`month`, :meth:`quarter`, :meth:`half`, :meth:`year_of` or
    :meth:`parse`. Periods sort by their first day, a shorter one first when two start
    together. ``str(period)`` is its Vietnamese label.

    Raises:
        PeriodError: The index does not fit the kind, or the year has not four digits.

    >>> q = Period.quarter(2025, 4)
    >>> q.label, q.iso, q.start, q.end
    ('Quý IV/2025', '2025-Q4', datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    >>> print(q.cutoff())  # Nghị định 09/2019/NĐ-CP, Điều 12
    15/9/2025 – 14/12/2025
    """

    kind: PeriodKind
    year: int = field(validator=_check_year)
    #: 1-based: the month, the quarter, the half; 1 for a year.
    index: int = 1

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.index <= self.kind.per_year:
            raise PeriodError(
                f"a {self.kind.value} index must be 1 to {self.kind.per_year}, not {self.index}"
            )

    # -- constructors ---------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The month ``month`` of ``year``.

        >>> Period.month(2025, 10).label
        'Tháng 10/2025'
        """
        return cls(kind=PeriodKind.MONTH, year=year, index=month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The quarter ``quarter`` (1–4) of ``year``.

        >>> Period.quarter(2026, 1).label
        'Quý I/2026'
        """
        return cls(kind=PeriodKind.QUARTER, year=year, index=quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The first (1) or second (2) half of ``year``.

        >>> Period.half(2026, 1).label
        '6 tháng đầu năm 2026'
        """
        return cls(kind=PeriodKind.HALF, year=year, index=half)

    @classmethod
    def year_of(cls, year: int) -> Period:
        """The whole year ``year``.

        >>> Period.year_of(2025).label
        'Năm 2025'
        """
        return cls(kind=PeriodKind.YEAR, year=year, index=1)

    @classmethod
    def containing(cls, kind: PeriodKind, d: date) -> Period:
        """The period of ``kind`` that contains the day ``d``.

        >>> Period.containing(PeriodKind.QUARTER, date(2025, 11, 3)).label
        'Quý IV/2025'
        """
        return cls(kind=kind, year=d.year, index=(d.month - 1) // kind.months + 1)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from its ISO-like code or its Vietnamese label.

        Accepted: ``"2025-Q4"``, ``"2025-H1"``, ``"2025-10"``, ``"2025"``, and the labels
        ``"Quý IV/2025"``, ``"quý IV năm 2025"``, ``"6 tháng đầu năm 2026"``,
        ``"6 tháng cuối năm 2025"``, ``"năm 2025"``, ``"tháng 10/2025"``, in any case.

        Args:
            text: The text to read.

        Returns:
            The period.

        Raises:
            PeriodSyntaxError: The text names no period, or an impossible one.

        >>> Period.parse("quý IV năm 2025") == Period.parse("2025-Q4")
        True
        >>> try:
        ...     Period.parse("Quý V/2025")
        ... except PeriodSyntaxError as exc:
        ...     print(exc.reason)
        a quarter is I, II, III or IV
        """
        result = parse_period_text(clean(text).rstrip(". "))
        if isinstance(result, Period):
            return result
        raise PeriodSyntaxError(text, result or "expected e.g. 'Quý IV/2025' or '2025-Q4'")

    @classmethod
    def covering(cls, kind: PeriodKind, start: date, end: date) -> tuple[Period, ...]:
        """The periods of ``kind`` that overlap the days ``start`` to ``end``, in order.

        Args:
            kind: Which periods.
            start: First day of the window.
            end: Last day of the window.

        Returns:
            The periods, the first containing ``start`` and the last containing ``end``.

        Raises:
            DateRangeError: ``end`` is before ``start``.

        >>> quarters = Period.covering(PeriodKind.QUARTER, date(2025, 9, 1), date(2026, 1, 5))
        >>> [p.label for p in quarters]
        ['Quý III/2025', 'Quý IV/2025', 'Quý I/2026']
        """
        check_range(start, end)
        p = cls.containing(kind, start)
        last = cls.containing(kind, end)
        out = [p]
        while p != last:
            p = p.next()
            out.append(p)
        return tuple(out)

    # -- what a period is -------------------------------------------------------------

    @property
    def start(self) -> date:
        """The first day of the period."""
        return date(self.year, (self.index - 1) * self.kind.months + 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        last_month = self.index * self.kind.months
        if last_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, last_month + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """The Vietnamese label documents use: "Quý IV/2025", "6 tháng đầu năm 2026"."""
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {_month_text(self.index)}/{self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {to_roman(self.index)}/{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"

    @property
    def iso(self) -> str:
        """A short code for files and data: "2025-Q4", "2025-H1", "2025-10", "2025"."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        return str(self.year)

    def __str__(self) -> str:
        return self.label

    def cutoff(self) -> Window:
        """The data cut-off window of a periodic report for this period.

        From the 15th of the month before the period to the 14th of the period's last
        month (Nghị định 09/2019/NĐ-CP, Điều 12).

        Returns:
            The window.

        >>> print(Period.year_of(2025).cutoff())
        15/12/2024 – 14/12/2025
        >>> print(Period.month(2025, 10).cutoff())
        15/9/2025 – 14/10/2025
        """
        first = self.start - timedelta(days=1)  # a day of the month before the period
        return Window(start=first.replace(day=15), end=self.end.replace(day=14))

    def next(self) -> Period:
        """The period of the same kind right after this one.

        >>> Period.quarter(2025, 4).next().label
        'Quý I/2026'
        """
        if self.index < self.kind.per_year:
            return Period(kind=self.kind, year=self.year, index=self.index + 1)
        return Period(kind=self.kind, year=self.year + 1, index=1)

    def previous(self) -> Period:
        """The period of the same kind right before this one.

        >>> Period.month(2026, 1).previous().label
        'Tháng 12/2025'
        """
        if self.index > 1:
            return Period(kind=self.kind, year=self.year, index=self.index - 1)
        return Period(kind=self.kind, year=self.year - 1, index=self.kind.per_year)

    def _key(self) -> tuple[date, int]:
        return (self.start, _RANK[self.kind])

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()


# -- reading periods ----------------------------------------------------------------------

_YEAR = r"(?P<y>[0-9]+)"
_PERIOD_FORMS = (
    (PeriodKind.QUARTER, LazyPattern(_YEAR + r"-q(?P<i>[0-9]+)", re.IGNORECASE)),
    (PeriodKind.HALF, LazyPattern(_YEAR + r"-h(?P<i>[0-9]+)", re.IGNORECASE)),
    (PeriodKind.MONTH, LazyPattern(_YEAR + r"-(?P<i>[0-9]+)")),
    (PeriodKind.YEAR, LazyPattern(r"(?:năm )?" + _YEAR, re.IGNORECASE)),
    (
        PeriodKind.QUARTER,
        LazyPattern(r"quý (?P<i>[a-z0-9]+) ?(?:/|năm) ?" + _YEAR, re.IGNORECASE),
    ),
    (
        PeriodKind.HALF,
        LazyPattern(r"(?:6|sáu) tháng (?P<h>đầu|cuối) năm " + _YEAR, re.IGNORECASE),
    ),
    (
        PeriodKind.MONTH,
        LazyPattern(r"tháng (?P<i>[0-9]+) ?(?:/|năm) ?" + _YEAR, re.IGNORECASE),
    ),
)


def _small_int(digits: str) -> int | None:
    # Guards int() against absurdly long digit runs (Python refuses > 4300 digits).
    return int(digits) if len(digits) <= 6 else None


def year_problem(digits: str) -> str | None:
    """Why ``digits`` cannot be the year of a plan ("20255", "025"), or None if it can.

    >>> year_problem("2025") is None, year_problem("20255")
    (True, "a year has four digits, not '20255'")
    """
    if len(digits) != 4 or digits[0] == "0":
        return f"a year has four digits, not {digits!r}"
    return None


def parse_period_text(s: str) -> Period | str | None:
    """Read a period from cleaned text: the period, a reason it is impossible, or None.

    None means the text is not shaped like a period at all; a string means it is shaped
    like one but names an impossible period ("Quý V/2025"). The deadline parser uses the
    difference to decide what to say.
    """
    for kind, pattern in _PERIOD_FORMS:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        year_digits = m["y"]
        if (problem := year_problem(year_digits)) is not None:
            return problem
        year = int(year_digits)
        groups = m.groupdict()
        if groups.get("h") is not None:
            index = 1 if m["h"].lower() == "đầu" else 2
        elif groups.get("i") is not None:
            raw = m["i"]
            if kind is PeriodKind.QUARTER and not raw.isdigit():
                try:
                    index = from_roman(raw)
                except ValueError:
                    return "a quarter is I, II, III or IV"
            else:
                if not raw.isdigit():
                    return f"{raw!r} is not a number"
                small = _small_int(raw)
                if small is None:
                    return f"{raw!r} is too long a number"
                index = small
        else:
            index = 1
        if not 1 <= index <= kind.per_year:
            if kind is PeriodKind.QUARTER:
                return "a quarter is I, II, III or IV"
            if kind is PeriodKind.MONTH:
                return f"a month is 1 to 12, not {index}"
            return f"a half-year is 1 or 2, not {index}"
        return Period(kind=kind, year=year, index=index)
    return None


# -- sending deadlines ---------------------------------------------------------------------


class SendingRuleKind(enum.Enum):
    """The two ways orders set the sending deadline of a periodic report."""

    #: N working days after the last day of the cut-off window.
    AFTER_CUTOFF = "after_cutoff"
    #: A fixed day of the period's last month.
    DAY_OF_LAST_MONTH = "day_of_last_month"


def _positive(_: object, __: object, value: int) -> None:
    if value < 1:
        raise SendingRuleError(f"a sending rule counts at least 1, not {value}")


@frozen(kw_only=True)
class SendingRule:
    """How the sending deadline of a periodic report is set.

    Nghị định 09/2019/NĐ-CP leaves the deadline to whoever orders the report but requires,
    in Điều 8, at least one working day between the end of the cut-off window and the
    deadline. Two kinds of rule are in use:

    * ``"N working days after cut-off"``: the N-th working day after the window's last day
      (a provincial rule, Khánh Hòa QĐ 01/2023, uses 2);
    * ``"day D of the last month"``: a fixed day of the period's last month (the Ministry of
      Home Affairs' administrative-reform reports use the 20th; Điều 13 has ministries and
      provinces report to the Government by the 25th). D runs from 16 to 31, leaving room
      after the cut-off on the 14th; a day the month lacks means its last day, and a day off
      moves to the next working day (Bộ luật Dân sự 2015, Điều 148).

    The default, :meth:`default`, is 2 working days after the cut-off: the earliest rule
    that always leaves a whole working day after the window whatever weekday it ends on, so
    a reminder computed from it is never late for a stricter order.

    ``SendingRule.parse(str(rule)) == rule`` for every rule.

    >>> rule = SendingRule.default()
    >>> str(rule)
    '2 working days after cut-off'
    >>> rule.deadline(Period.quarter(2025, 4))  # cut-off Sunday 14/12/2025
    datetime.date(2025, 12, 16)
    >>> SendingRule.parse("day 20 of the last month").deadline(Period.quarter(2025, 3))
    datetime.date(2025, 9, 22)
    """

    kind: SendingRuleKind
    value: int = field(validator=_positive)

    def __attrs_post_init__(self) -> None:
        if self.kind is SendingRuleKind.DAY_OF_LAST_MONTH and not 16 <= self.value <= 31:
            raise SendingRuleError(
                f"the sending day must be 16 to 31 (after the cut-off on the 14th), "
                f"not {self.value}"
            )
        if self.kind is SendingRuleKind.AFTER_CUTOFF and self.value > 99:
            raise SendingRuleError(f"at most 99 working days after the cut-off, not {self.value}")

    @classmethod
    def after_cutoff(cls, working_days: int) -> SendingRule:
        """The ``working_days``-th working day after the cut-off window ends.

        >>> str(SendingRule.after_cutoff(1))
        '1 working day after cut-off'
        """
        return cls(kind=SendingRuleKind.AFTER_CUTOFF, value=working_days)

    @classmethod
    def day_of_last_month(cls, day: int) -> SendingRule:
        """The day ``day`` of the period's last month.

        >>> str(SendingRule.day_of_last_month(25))
        'day 25 of the last month'
        """
        return cls(kind=SendingRuleKind.DAY_OF_LAST_MONTH, value=day)

    @classmethod
    def default(cls) -> SendingRule:
        """Two working days after the cut-off; see the class for why."""
        return _DEFAULT_RULE

    @classmethod
    def parse(cls, text: str) -> SendingRule:
        """Read a rule as a plan file writes it.

        Accepted, in any case: ``"2 working days after cut-off"`` (also ``"cutoff"``,
        ``"the cut-off"``, ``"cutoff+2"``), ``"day 20 of the last month"`` (also
        ``"day 20"``), and in Vietnamese ``"2 ngày làm việc sau ngày chốt số liệu"`` and
        ``"ngày 20 tháng cuối kỳ"``.

        Args:
            text: The rule.

        Returns:
            The rule.

        Raises:
            SendingRuleSyntaxError: The text states no rule, or an impossible one.

        >>> SendingRule.parse("ngày 20 tháng cuối kỳ") == SendingRule.day_of_last_month(20)
        True
        """
        s = clean(text).rstrip(". ")
        for kind, pattern in _RULE_FORMS:
            m = pattern.fullmatch(s)
            if m is None:
                continue
            value = _small_int(m["n"])
            if value is None:
                raise SendingRuleSyntaxError(text, f"{m['n']!r} is too long a number")
            try:
                return cls(kind=kind, value=value)
            except SendingRuleError as exc:
                raise SendingRuleSyntaxError(text, str(exc)) from None
        raise SendingRuleSyntaxError(text)

    def __str__(self) -> str:
        if self.kind is SendingRuleKind.AFTER_CUTOFF:
            unit = "working day" if self.value == 1 else "working days"
            return f"{self.value} {unit} after cut-off"
        return f"day {self.value} of the last month"

    def deadline(self, period: Period, calendar: WorkCalendar | None = None) -> date:
        """The day the report for ``period`` is due.

        Args:
            period: The reporting period.
            calendar: The working calendar; the national one when None.

        Returns:
            The due day, always a working day.

        Raises:
            CalendarRangeError: The day lies outside the years the calendar covers.

        >>> SendingRule.after_cutoff(2).deadline(Period.year_of(2026))  # cut-off Mon 14/12
        datetime.date(2026, 12, 16)
        """
        cal = calendar if calendar is not None else WorkCalendar.vietnam()
        end = period.end
        if self.kind is SendingRuleKind.AFTER_CUTOFF:
            return cal.add_working_days(end.replace(day=14), self.value)
        return cal.working_day_on_or_after(end.replace(day=min(self.value, end.day)))


_DEFAULT_RULE = SendingRule(kind=SendingRuleKind.AFTER_CUTOFF, value=2)

_CUTOFF = r"(?:the )?cut-?off"
_RULE_FORMS = (
    (
        SendingRuleKind.AFTER_CUTOFF,
        LazyPattern(r"(?P<n>[0-9]+) working days? after " + _CUTOFF, re.IGNORECASE),
    ),
    (SendingRuleKind.AFTER_CUTOFF, LazyPattern(_CUTOFF + r" ?\+ ?(?P<n>[0-9]+)", re.IGNORECASE)),
    (
        SendingRuleKind.AFTER_CUTOFF,
        LazyPattern(
            r"(?P<n>[0-9]+) ngày làm việc (?:sau|kể từ) (?:ngày )?(?:kết thúc )?chốt số liệu",
            re.IGNORECASE,
        ),
    ),
    (
        SendingRuleKind.DAY_OF_LAST_MONTH,
        LazyPattern(r"day (?P<n>[0-9]+)(?: of (?:the )?last month)?", re.IGNORECASE),
    ),
    (
        SendingRuleKind.DAY_OF_LAST_MONTH,
        LazyPattern(
            r"ngày (?P<n>[0-9]+) (?:của )?tháng cuối (?:của )?kỳ(?: báo cáo)?", re.IGNORECASE
        ),
    ),
)
