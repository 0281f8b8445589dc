"""The engine that reads completion-time phrases with the families of :mod:`.phrases`.

One pass: the phrase is cleaned (NFC, spaces), folded once (lower case, no diacritics), its
opening words of no meaning dropped ("Hoàn thành", "Thực hiện"), and its first word picks the
few families worth trying. What no family reads whole is tried as several rules in one
phrase (a composite), then searched for a date or period inside longer words; what still
fails is :class:`Unspecified`, kept as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import NamedTuple, TypeAlias

from attrs import evolve, frozen

from kh_tthc.deadline.model import (
    MAX_LIMIT_DAYS,
    MAX_LIMIT_MONTHS,
    ByDate,
    ByPeriod,
    CalendarDays,
    CalendarMonths,
    Composite,
    DateWording,
    DayOf,
    Deadline,
    DeadlineValueError,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Recurring,
    TimeLimit,
    Unspecified,
    WorkingDays,
    in_a_row,
)
from kh_tthc.deadline.phrases import FAMILIES, FIXED, LEADS, Family
from kh_tthc.errors import DeadlineSyntaxError
from kh_tthc.periods import Period, PeriodKind, year_problem
from kh_tthc.vn import clean, from_roman, to_roman

__all__ = ["fold_phrase", "parse_deadline", "suggest", "which_family"]


# -- folding --------------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x2000):
        c = chr(code)
        low = c.lower()
        if len(low) != 1:
            continue
        base = unicodedata.normalize("NFD", low)[0]
        if base == "đ":
            base = "d"
        if base in "–—‒−":
            base = "-"
        if base != c:
            table[code] = base
    for dash in "–—‒−":
        table[ord(dash)] = "-"
    return table


_FOLD = _fold_table()
is_nfc = unicodedata.is_normalized


def fold_phrase(text: str) -> str:
    """Lower case without diacritics, "đ" read as "d", one character for one: the key every
    family pattern is written against.

    >>> fold_phrase("Quý IV/2025 – Đột xuất")
    'quy iv/2025 - dot xuat'
    """
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) == len(text):
        # Vietnamese letters decompose into one base letter and marks, so dropping what is
        # not ASCII keeps one character for one; anything else takes the slower table.
        decomposed = _normalize("NFD", lowered.replace("đ", "d"))
        folded = decomposed.encode("ascii", "ignore").decode("ascii")
        if len(folded) == len(text):
            return folded
    return text.translate(_FOLD)


_normalize = unicodedata.normalize


# -- pattern pieces -----------------------------------------------------------------------

_PERIOD = (
    r"(?:(?:quy|qui) (?:[ivx]+|[0-9]+)(?: ?/+ ?(?:nam )?| nam |, nam | ?- ?)[0-9]+"
    r"|(?:6|sau) thang (?:dau|cuoi) nam [0-9]+"
    r"|thang [0-9]+(?: ?/+ ?(?:nam )?| nam |, nam | ?- ?)[0-9]+"
    r"|nam [0-9]+"
    r"|[0-9]{1,2} ?/ ?[0-9]{4,}"
    r"|[0-9]{4,})"
)
# The same forms with named parts; the last group of a match says which form it is.
_PERIOD_PARTS_SOURCE = (
    r"(?:(?:quy|qui) (?P<q>[ivx]+|[0-9]+)(?: ?/+ ?(?:nam )?| nam |, nam | ?- ?)(?P<qy>[0-9]+)"
    r"|(?:6|sau) thang (?P<h>dau|cuoi) nam (?P<hy>[0-9]+)"
    r"|thang (?P<m>[0-9]+)(?: ?/+ ?(?:nam )?| nam |, nam | ?- ?)(?P<my>[0-9]+)"
    r"|nam (?P<y>[0-9]+)"
    r"|(?P<bm>[0-9]{1,2}) ?/ ?(?P<by>[0-9]{4,})"
    r"|(?P<yy>[0-9]{4,}))"
)
_PERIOD_PARTS = re.compile(_PERIOD_PARTS_SOURCE)
_PIECES = {
    "Y": r"(?P<y>[0-9]+)",
    "Y2": r"(?P<y2>[0-9]+)",
    "M": r"(?P<m>[0-9]+)",
    "D": r"(?P<d>[0-9]+)",
    "SL": r" ?[/.-] ?",
    "PERIOD": _PERIOD,
    "PERIODG": _PERIOD_PARTS_SOURCE,
    "PRE": r"cham nhat|truoc|den het|den|trong|vao|het|cuoi|han|ket thuc|hoan thanh",
    "TIME": r"[0-9]{1,2} ?(?:h|gio)(?: ?[0-9]{2})?(?: ?phut)?(?: (?:sang|chieu))?,?",
    "W": r"hoan thanh truoc|cham nhat(?: la)?|truoc|den het|den|han|vao",
}


_PIECE = re.compile(r"\{([A-Z][A-Z0-9]*)\}")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_PIECE.sub(lambda m: _PIECES[m.group(1)], pattern))


_LEAD = re.compile("(?:(?:" + "|".join(LEADS) + ") )+")
_LEAD_INITIALS = frozenset(lead[0] for lead in LEADS)

# Why a phrase was not read: a Deadline, a reason the phrase is malformed, or None.
_Read: TypeAlias = "Deadline | str | None"


class _Ctx(NamedTuple):  # built through _ctx(), which skips the generated __new__
    """The phrase being read: the author's text, its folded twin, the year context."""

    text: str  # cleaned, final stop kept: what str() gives back
    core: str  # the text without its final full stops
    lead: str  # folded opening words dropped before the family match
    year: int | None


def _ctx(text: str, core: str, lead: str, year: int | None) -> _Ctx:
    return _new_tuple(_Ctx, (text, core, lead, year))


_new_tuple = tuple.__new__


def _small(digits: str) -> int | None:
    # int() refuses digit runs over 4300 long; no number in a plan is anywhere near.
    return int(digits) if len(digits) <= 6 else None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# The group that closes each form of _PERIOD_PARTS: the form's kind and its index group.
_PERIOD_FORMS = {
    "qy": (PeriodKind.QUARTER, "q"),
    "hy": (PeriodKind.HALF, "h"),
    "my": (PeriodKind.MONTH, "m"),
    "by": (PeriodKind.MONTH, "bm"),
    "y": (PeriodKind.YEAR, ""),
    "yy": (PeriodKind.YEAR, ""),
}


def _period(a: str) -> Period | str:
    m = _PERIOD_PARTS.fullmatch(a)
    if m is None:  # pragma: no cover - callers match _PERIOD first
        return f"{a!r} is not a period"
    return _period_of(m)


# Periods are immutable and few (a plan names a handful of years): one value each spares
# building and checking the same period for every phrase that names it. Keyed by plain
# values, as an enum member hashes slowly.
_PERIODS: dict[tuple[str, int, int], Period] = {}


def _period_value(kind: PeriodKind, year: int, index: int) -> Period:
    key = (kind.value, year, index)
    period = _PERIODS.get(key)
    if period is None:
        if len(_PERIODS) >= 4096:
            _PERIODS.clear()
        period = _PERIODS[key] = Period(kind=kind, year=year, index=index)
    return period


# The periods already read, by the form's closing group, its year and its index as written.
_READ_PERIODS: dict[tuple[str, str, str], Period] = {}


def _period_of(m: re.Match[str]) -> Period | str:
    """The period a match of the period forms names, or why it names none."""
    last = m.lastgroup or "y"
    kind, group = _PERIOD_FORMS[last]
    y = m[last]
    raw = m[group] if group else ""
    key = (last, y, raw)
    known = _READ_PERIODS.get(key)
    if known is not None:
        return known
    found = _new_period(kind, y, raw)
    if isinstance(found, Period):
        if len(_READ_PERIODS) >= 4096:
            _READ_PERIODS.clear()
        _READ_PERIODS[key] = found
    return found


def _new_period(kind: PeriodKind, y: str, raw: str) -> Period | str:
    if len(y) != 4 or y[0] == "0":
        return f"a year has four digits, not {y!r}"
    if not raw:
        return _period_value(kind, int(y), 1)
    if kind is PeriodKind.HALF:
        index = 1 if raw == "dau" else 2
    elif raw.isdigit():
        index = int(raw) if len(raw) <= 6 else 0
    else:
        index = _ROMAN.get(raw, 0)
    if not 1 <= index <= kind.per_year:
        if kind is PeriodKind.QUARTER:
            return "a quarter is I, II, III or IV"
        return f"a month is 1 to 12, not {raw}"
    return _period_value(kind, int(y), index)


def _event(ctx: _Ctx, m: re.Match[str], group: str = "ev") -> str | None:
    # The folded phrase has one character per character of the text: cut the author's words.
    if m[group] is None:
        return None
    start = len(ctx.lead)
    return ctx.core[start + m.start(group) : start + m.end(group)]


# -- readers: one per family, named in phrases.py ------------------------------------------


def _when(m: re.Match[str], ctx: _Ctx) -> _Read:
    return OnEvent(form=EventForm.WHEN, event=_event(ctx, m), text=ctx.text)


def _request(m: re.Match[str], ctx: _Ctx) -> _Read:
    return OnEvent(form=EventForm.ON_REQUEST, event=_event(ctx, m), text=ctx.text)


def _after(m: re.Match[str], ctx: _Ctx) -> _Read:
    return OnEvent(form=EventForm.AFTER, event=_event(ctx, m), text=ctx.text)


def _depends(m: re.Match[str], ctx: _Ctx) -> _Read:
    return OnEvent(form=EventForm.DEPENDS, event=_event(ctx, m), text=ctx.text)


_LIMIT_LEADS = {"trong thoi han": EventForm.WITHIN_TERM, "trong vong": EventForm.WITHIN}


def _limit(m: re.Match[str], ctx: _Ctx) -> _Read:
    n = _small(m["n"])
    if n is None or not 1 <= n <= MAX_LIMIT_DAYS:
        return f"a time limit is 1 to {MAX_LIMIT_DAYS} days, not {m['n']}"
    limit: TimeLimit = WorkingDays(n) if m["wk"] else CalendarDays(n)
    form = _LIMIT_LEADS.get(m["lead"] or "", EventForm.IN)
    return OnEvent(form=form, limit=limit, event=_event(ctx, m), text=ctx.text)


def _limit_months(m: re.Match[str], ctx: _Ctx) -> _Read:
    low, high = _small(m["n"]), _small(m["n2"] or m["n"])
    if low is None or high is None or not 1 <= low <= high <= MAX_LIMIT_MONTHS:
        return f"a time limit is 1 to {MAX_LIMIT_MONTHS} months, not {m['n']}"
    form = _LIMIT_LEADS.get(m["lead"], EventForm.IN)
    notes: tuple[str, ...] = ()
    if low != high:
        notes = (f"a limit of {low} to {high} months: the schedule counts the longer, {high}",)
    return OnEvent(
        form=form, limit=CalendarMonths(high), event=_event(ctx, m), text=ctx.text, notes=notes
    )


def _session(m: re.Match[str], ctx: _Ctx) -> _Read:
    # A session named with a month, quarter or date is due then ("Kỳ họp chuyên đề tháng
    # 5/2026"); named without one it is an event ("Kỳ họp giữa năm 2026").
    folded = m["ev"]
    for hit in _INSIDE.finditer(folded):
        offset = len(ctx.lead) + m.start("ev") + hit.start()
        found = _one(hit.group(), ctx, offset=offset)
        # A year counts only as its end ("Kỳ họp cuối năm 2026"); mid-year is an event.
        year_end = folded[: hit.start()].endswith("cuoi ")
        if isinstance(found, ByDate | ByPeriod) and (year_end or not _is_year(found)):
            return evolve(found, text=ctx.text)
    return OnEvent(form=EventForm.NAMED, event=_event(ctx, m), text=ctx.text)


_ITEMS = {
    "tuan": Frequency.WEEK,
    "thang": Frequency.MONTH,
    "quy": Frequency.QUARTER,
    "qui": Frequency.QUARTER,
    "6 thang": Frequency.HALF,
    "sau thang": Frequency.HALF,
    "nam": Frequency.YEAR,
}
_PERIODIC_SPLIT = re.compile(r" ?[,;] ?(?:va )?| va ")


def _periodic(m: re.Match[str], ctx: _Ctx) -> _Read:
    frequencies = []
    said_every = False
    for i, part in enumerate(_PERIODIC_SPLIT.split(m["body"])):
        every = part.startswith(("hang ", "moi "))
        item = part.split(" ", 1)[1] if every else part
        if i == 0:
            said_every = every
        frequencies.append(_ITEMS[item])
    regular = m["reg"] is not None
    if not (regular or said_every):
        return None
    years = _years_of(m)
    if isinstance(years, str):
        return years
    since, until = years
    return Periodic(
        frequencies=frequencies, regular=regular, since=since, until=until, text=ctx.text
    )


_FREQUENCY_WORDS = {"nam": Frequency.YEAR, "thang": Frequency.MONTH, "quy": Frequency.QUARTER}


def _every(m: re.Match[str], ctx: _Ctx) -> _Read:
    digits = m["n"] or m["n5"]
    n = _small(digits)
    if n is None or not 2 <= n <= 99:
        return f"a deadline every few periods comes every 2 to 99 periods, not {digits}"
    frequency = _FREQUENCY_WORDS[(m["f"] or "nam").replace("qui", "quy")]
    if m["y"] is None:
        note = (
            f"every {n} periods ({n} {frequency.value}), counted from a year the phrase "
            "does not name: not scheduled"
        )
        return Periodic(frequencies=[frequency], every=n, text=ctx.text, notes=(note,))
    years = _years_of(m)
    if isinstance(years, str):
        return years
    since, until = years
    return Periodic(frequencies=[frequency], since=since, until=until, every=n, text=ctx.text)


def _years_of(m: re.Match[str]) -> tuple[int | None, int | None] | str:
    """The first and last year a periodic phrase names ("từ năm 2026 đến năm 2030")."""
    out: list[int | None] = []
    for group in ("y", "y2"):
        digits = m.groupdict().get(group)
        if digits is None:
            out.append(None)
        elif (problem := year_problem(digits)) is not None:
            return problem
        else:
            out.append(int(digits))
    since, until = out
    if until is not None and (since is None or until < since):
        return f"the years run forward, not from {since} to {until}"
    return since, until


def _yearly_since(m: re.Match[str], ctx: _Ctx) -> _Read:
    years = _years_of(m)
    if isinstance(years, str):
        return years
    since, until = years
    return Periodic(
        frequencies=[Frequency.YEAR], regular=False, since=since, until=until, text=ctx.text
    )


_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_WEEKDAY = re.compile(r"thu (hai|bay|ba|tu|nam|sau|[2-7])\b|chu nhat")


def _weekly(m: re.Match[str], ctx: _Ctx) -> _Read:
    days = []
    for w in _WEEKDAY.finditer(m["wd"]):
        word = w.group(1)
        if word is None:
            days.append(DayOf(weekday=6))
        else:
            days.append(DayOf(weekday=int(word) - 2 if word.isdigit() else _WEEKDAYS[word]))
    return Recurring(frequency=Frequency.WEEK, days=days, before=bool(m["b"]), text=ctx.text)


def _monthly(m: re.Match[str], ctx: _Ctx) -> _Read:
    days = []
    for raw in re.split(r", | va ", m["days"]):
        day = -1 if raw == "cuoi cung" else int(raw)
        if not (day == -1 or 1 <= day <= 31):
            return f"a day of the month is 1 to 31, not {raw}"
        days.append(DayOf(day=day))
    return Recurring(frequency=Frequency.MONTH, days=days, before=bool(m["b"]), text=ctx.text)


_WHICH = {"dau": 1, "thu nhat": 1, "giua": 2, "thu hai": 2, "cuoi": 3, "thu ba": 3}


def _quarterly(m: re.Match[str], ctx: _Ctx) -> _Read:
    day = _small(m["d"])
    if day is None or not 1 <= day <= 31:
        return f"a day of the month is 1 to 31, not {m['d']}"
    return Recurring(
        frequency=Frequency.QUARTER,
        days=[DayOf(day=day, month=_WHICH[m["which"]])],
        before=bool(m["b"]),
        text=ctx.text,
    )


_DAY_MONTH = re.compile(r"(truoc )?ngay ([0-9]{1,2})(?:/| thang )([0-9]{1,2})")


def _yearly(m: re.Match[str], ctx: _Ctx) -> _Read:
    pairs = _DAY_MONTH.findall(m["days"])
    if len(pairs) < 2 and not m["every"]:
        return None  # one day without a year: a date of the plan's year, not a yearly rule
    days = []
    for _, d, mo in pairs:
        try:
            date(2024, int(mo), int(d))
        except ValueError as exc:
            return f"{d}/{mo} is not a day of the year ({exc})"
        days.append(DayOf(day=int(d), month=int(mo)))
    before = bool(pairs[0][0])
    return Recurring(frequency=Frequency.YEAR, days=days, before=before, text=ctx.text)


_WORDINGS = {
    None: DateWording.ON,
    "truoc": DateWording.BEFORE,
    "hoan thanh truoc": DateWording.COMPLETE_BEFORE,
    "cham nhat": DateWording.NO_LATER_THAN,
    "cham nhat la": DateWording.NO_LATER_THAN,
    "den": DateWording.NO_LATER_THAN,
    "den het": DateWording.NO_LATER_THAN,
    "han": DateWording.NO_LATER_THAN,
    "vao": DateWording.ON,
}


def _wording(m: re.Match[str], ctx: _Ctx) -> DateWording:
    w = m["w"]
    if w == "truoc" and ctx.lead.endswith("hoan thanh "):
        return DateWording.COMPLETE_BEFORE
    return _WORDINGS[w]


def _make_date(y: str, mo: str, d: str) -> date | str:
    if (problem := year_problem(y)) is not None:
        return problem
    day, month = _small(d), _small(mo)
    written = f"{d}/{mo}/{y}"
    if day is None or month is None:
        return f"{written} is not a date"
    try:
        return date(int(y), month, day)
    except ValueError as exc:
        return f"{written} is not a date ({exc})"


def _date(m: re.Match[str], ctx: _Ctx) -> _Read:
    if m.re.groupindex.get("iy") and m["iy"] is not None:
        when = _make_date(m["iy"], m["im"], m["id"])
    else:
        when = _make_date(m["y"], m["m"], m["d"])
    if isinstance(when, str):
        return when
    return ByDate(day=when, wording=_wording(m, ctx), text=ctx.text)


_STEP_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _steps(m: re.Match[str], ctx: _Ctx) -> _Read:
    # "(1) 17/7/2026. (2) 29/7/2026": one day per step, in the cell's order, each once.
    days: list[date] = []
    for d, mo, y in _STEP_DATE.findall(m.group()):
        when = _make_date(y, mo, d)
        if isinstance(when, str):
            return when
        days.append(when)
    unique = list(dict.fromkeys(days))
    return ByDate(day=unique[0], wording=_wording(m, ctx), also=unique[1:], text=ctx.text)


def _date_no_year(m: re.Match[str], ctx: _Ctx) -> _Read:
    if ctx.year is None:
        return f"{m['d']}/{m['m']} names no year, and no plan year was given to read it in"
    when = _make_date(str(ctx.year), m["m"], m["d"])
    if isinstance(when, str):
        return when
    return ByDate(day=when, wording=_wording(m, ctx), text=ctx.text)


def _period_read(m: re.Match[str], ctx: _Ctx) -> _Read:
    p = _period_of(m)
    if isinstance(p, str):
        return p
    if m["pre"].endswith("truoc "):
        # "Trước tháng 3/2027" is before the month begins: a day, 01/3/2027.
        before = ctx.lead.endswith("hoan thanh ") and m["pre"] == "truoc "
        wording = DateWording.COMPLETE_BEFORE if before else DateWording.BEFORE
        return ByDate(day=p.start, wording=wording, text=ctx.text)
    return ByPeriod(period=p, text=ctx.text)


def _years(m: re.Match[str], ctx: _Ctx) -> _Read:
    a, b = m["y"], m["y2"]
    for y in (a, b):
        if len(y) != 4 or y[0] == "0":
            return f"a year has four digits, not {y!r}"
    first, last = int(a), int(b)
    if first >= last:
        return f"a span of years runs forward, not from {first} to {last}"
    year = PeriodKind.YEAR
    return ByPeriod(
        period=_period_value(year, last, 1), start=_period_value(year, first, 1), text=ctx.text
    )


def _span(kind: PeriodKind, items: list[str], y: str, ctx: _Ctx) -> _Read:
    if (problem := year_problem(y)) is not None:
        return problem
    indexes = []
    for raw in items:
        try:
            index = int(raw) if raw.isdigit() else _ROMAN[raw]
        except (KeyError, ValueError):
            return f"{raw!r} is not a number"
        if not 1 <= index <= kind.per_year:
            return f"{raw} is not a {kind.value} of the year"
        indexes.append(index)
    if indexes != sorted(set(indexes)):
        return None
    year = int(y)
    return ByPeriod(
        period=_period_value(kind, year, indexes[-1]),
        start=_period_value(kind, year, indexes[0]),
        text=ctx.text,
    )


_LIST_ITEM = re.compile(r"\b(?:[0-9]+|[ivx]+)\b")


def _months(m: re.Match[str], ctx: _Ctx) -> _Read:
    return _span(PeriodKind.MONTH, _LIST_ITEM.findall(m["ms"]), m["y"], ctx)


def _quarters(m: re.Match[str], ctx: _Ctx) -> _Read:
    items = _LIST_ITEM.findall(m["qs"])
    return _span(PeriodKind.QUARTER, items, m["y"], ctx)


def _from_to(m: re.Match[str], ctx: _Ctx) -> _Read:
    a, b = _period(m["a"]), _period(m["b"])
    if isinstance(a, str):
        return a
    if isinstance(b, str):
        return b
    try:
        return ByPeriod(period=b, start=a, text=ctx.text)
    except DeadlineValueError as exc:
        return str(exc)


_READERS: dict[str, Callable[[re.Match[str], _Ctx], _Read]] = {
    "when": _when,
    "request": _request,
    "after": _after,
    "depends": _depends,
    "limit": _limit,
    "limit_months": _limit_months,
    "every": _every,
    "session": _session,
    "periodic": _periodic,
    "yearly_since": _yearly_since,
    "weekly": _weekly,
    "monthly": _monthly,
    "quarterly": _quarterly,
    "yearly": _yearly,
    "date": _date,
    "date_no_year": _date_no_year,
    "steps": _steps,
    "period": _period_read,
    "years": _years,
    "months": _months,
    "quarters": _quarters,
    "from_to": _from_to,
}


@frozen
class _Compiled:
    family: Family
    regex: re.Pattern[str]
    read: Callable[[re.Match[str], _Ctx], _Read]


def _dispatch() -> dict[str, tuple[Family, ...]]:
    by_head: dict[str, list[Family]] = {}
    for family in FAMILIES:
        for head in family.heads:
            by_head.setdefault(head, []).append(family)
    return {head: tuple(items) for head, items in by_head.items()}


# The families worth trying for each first word, in the table's order.
_HEADS = _dispatch()
_COMPILED: dict[str, _Compiled] = {}


class _ByHead(dict[str, tuple[_Compiled, ...]]):
    """The compiled families for each first word. A family's pattern is compiled the first
    time a phrase opens with one of its words: compiling all of them costs more than a
    command that reads one plan spends reading it (docs/performance.md)."""

    def __missing__(self, head: str) -> tuple[_Compiled, ...]:
        families = _HEADS.get(head)
        if families is None:
            return ()  # not kept: any word can open a phrase
        items = self[head] = tuple(_compiled(family) for family in families)
        return items


def _compiled(family: Family) -> _Compiled:
    found = _COMPILED.get(family.name)
    if found is None:
        regex = _compile(family.pattern)
        found = _COMPILED[family.name] = _Compiled(family, regex, _READERS[family.reader])
    return found


# A family as the engine's inner loop calls it: the bound ``fullmatch`` and the reader.
_Matcher: TypeAlias = (
    "tuple[Callable[[str], re.Match[str] | None], Callable[[re.Match[str], _Ctx], _Read]]"
)


class _Fast(dict[str, tuple[_Matcher, ...]]):
    """The same, as bound methods and readers, for the engine's inner loop."""

    def __missing__(self, head: str) -> tuple[_Matcher, ...]:
        items = _BY_HEAD[head]
        if not items:
            return ()
        fast = self[head] = tuple((c.regex.fullmatch, c.read) for c in items)
        return fast


_BY_HEAD = _ByHead()
_FAST = _Fast()
_VALUES = (Ongoing, OnEvent, ByDate, ByPeriod, Periodic, Recurring, Composite)


def _fixed(reader: str, arg: str, text: str) -> Deadline:
    if reader == "ongoing":
        return Ongoing(wording=OngoingWording[arg], text=text)
    return OnEvent(form=EventForm[arg], text=text)


def _one(folded: str, ctx: _Ctx, offset: int = 0) -> _Read:
    """Read one rule from ``folded``, a folded piece of the phrase starting at ``offset``."""
    whole = offset == 0 and len(folded) == len(ctx.core)
    fixed = FIXED.get(folded)
    if fixed is not None:
        return _fixed(*fixed, ctx.text if whole else ctx.core[offset : offset + len(folded)])
    first = folded[:1]
    if first.isdigit():
        lead, rest, head = "", folded, "#"
    else:
        lead_match = _LEAD.match(folded) if first in _LEAD_INITIALS else None
        if lead_match is None:
            lead, rest = "", folded
        else:
            lead = folded[: lead_match.end()]
            rest = folded[len(lead) :]
            fixed = FIXED.get(rest)
            if fixed is not None:
                text = ctx.text if whole else ctx.core[offset : offset + len(folded)]
                return _fixed(*fixed, text)
        head = rest.partition(" ")[0]
        if head[:1].isdigit():
            head = "#"
    if whole:
        inner = ctx if lead == ctx.lead else _new_tuple(_Ctx, (ctx.text, ctx.core, lead, ctx.year))
    else:
        text = ctx.core[offset : offset + len(folded)]
        inner = _ctx(text, ctx.core[offset:], lead, ctx.year)
    reason: str | None = None
    for fullmatch, read in _FAST[head]:
        m = fullmatch(rest)
        if m is None:
            continue
        try:
            result = read(m, inner)
        except DeadlineValueError as exc:
            result = str(exc)
        if result is None:
            continue
        if isinstance(result, str):
            reason = reason or result
            continue
        return result
    return reason


def which_family(text: str, *, year: int | None = None) -> str | None:
    """The name of the family that reads ``text``: a :data:`FAMILIES` name, "fixed" for a
    phrase of :data:`FIXED`, "several rules" (a composite, or periods in a row) or "inside
    longer words"; None if none does.

    >>> which_family("Hoàn thành trước Quý III/2026"), which_family("6/2025")
    ('period', 'period')
    """
    cleaned = clean(text)
    core = cleaned.rstrip(". ")
    folded = fold_phrase(core)
    ctx = _ctx(cleaned, core, "", year)
    lead_match = _LEAD.match(folded)
    lead = folded[: lead_match.end()] if lead_match else ""
    rest = folded[len(lead) :]
    if folded in FIXED or rest in FIXED:
        return "fixed"
    head = rest.split(" ", 1)[0]
    inner = _ctx(cleaned, core, lead, year)
    for compiled in _BY_HEAD["#" if head[:1].isdigit() else head]:
        m = compiled.regex.fullmatch(rest)
        if m is not None and isinstance(compiled.read(m, inner), _VALUES):
            return compiled.family.name
    remark = _OPEN_REMARK.search(folded)
    if remark is not None and remark.start() > 0:
        name = which_family(core[: remark.start()], year=year)
        if name is not None:
            return name
    if _composite(folded, ctx) is not None:
        return "several rules"
    if _search(folded, ctx) is not None:
        return "inside longer words"
    return None


# Where one phrase ends and the next begins: "; ", ", ", " và ", " hoặc ", ". ", " - ", and
# the numbers of steps, "(1) … (2) …".
# (The look-ahead lets the search skip at once every position no separator starts at.)
_SEPARATOR = re.compile(r"(?=[,.;( ])(?:[,.;]? ?\([0-9]{1,2}\) ?|[,.] | ?; ?| (?:va|hoac|-) )")


def _startable(piece: str) -> bool:
    """Whether some family could read a phrase opening with ``piece``: a cheap test that
    spares the composite reader runs of pieces no family opens with."""
    if piece[:1].isdigit():
        return True
    lead = _LEAD.match(piece) if piece[:1] in _LEAD_INITIALS else None
    rest = piece[lead.end() :] if lead else piece
    head = rest.partition(" ")[0]
    return head[:1].isdigit() or head in _HEADS or head in _FIXED_HEADS


_FIXED_HEADS = frozenset(k.split(" ", 1)[0] for k in FIXED)
_OPEN_REMARK = re.compile(r" \([^()]*\)?$")


def _piece(folded: str, ctx: _Ctx, start: int, end: int, last: bool) -> Deadline | None:
    """One rule read from ``folded[start:end]``; the last piece may end in a remark in
    brackets, closed or not ("1/2027 (tuỳ thời điểm tổ chức kỳ họp …")."""
    found = _one(folded[start:end], ctx, offset=start)
    if (found is None or isinstance(found, str)) and last:
        remark = _OPEN_REMARK.search(folded, start, end)
        if remark is not None and remark.start() > start:
            found = _one(folded[start : remark.start()], ctx, offset=start)
    if found is None or isinstance(found, str | Unspecified):
        return None
    return found


def _composite(folded: str, ctx: _Ctx) -> Deadline | None:
    cuts = [(m.start(), m.end(), m.group()) for m in _SEPARATOR.finditer(folded)]
    if not cuts or len(cuts) > 16:
        return None
    bounds = [0, *[c for cut in cuts for c in cut[:2]], len(folded)]
    pieces: list[tuple[int, int]] = []
    # A rule never runs over a step number, a ";" or a full stop: after which piece the
    # cut is such a hard one.
    hard: list[bool] = []
    for i in range(len(cuts) + 1):
        if bounds[2 * i] < bounds[2 * i + 1]:  # no empty piece before "(1)"
            pieces.append((bounds[2 * i], bounds[2 * i + 1]))
            hard.append(i < len(cuts) and any(c in cuts[i][2] for c in "(;."))
        elif hard:
            hard[-1] = True
    parts: list[Deadline] = []
    last = len(pieces) - 1
    startable = [_startable(folded[a:b]) for a, b in pieces]
    i = 0
    while i <= last:
        if not startable[i]:
            return None
        # The longest run of pieces from i (six at most, up to a hard cut) that reads as
        # one rule; a run ends where the next piece could open a rule.
        stop = min(last, i + 5)
        for k in range(i, stop):
            if hard[k]:
                stop = k
                break
        for j in range(stop, i - 1, -1):
            if (i == 0 and j == last) or (j < last and not startable[j + 1]):
                continue
            found = _piece(folded, ctx, pieces[i][0], pieces[j][1], j == last)
            if found is None:
                continue
            parts.append(found)
            i = j + 1
            break
        else:
            return None
    alternatives = any("hoac" in cut[2] for cut in cuts)
    return _joined(list(dict.fromkeys(parts)), ctx, consecutive=not alternatives)


def _joined(parts: list[Deadline], ctx: _Ctx, *, consecutive: bool = True) -> Deadline | None:
    """The rules of one cell as one deadline: several days are one ByDate, periods in a
    row one span, the days of one recurring rule one rule, anything else a composite."""
    if len(parts) < 2:
        return parts[0] if parts else None
    notes = tuple(note for p in parts for note in p.notes)
    dates = [p for p in parts if isinstance(p, ByDate)]
    if len(dates) == len(parts):
        # "(1) 17/7/2026. (2) 29/7/2026": one day per step, in the cell's order.
        days = [d for p in dates for d in (p.day, *p.also)]
        also = tuple(dict.fromkeys(days[1:]))
        return ByDate(day=days[0], wording=dates[0].wording, also=also, text=ctx.text, notes=notes)
    spans = [p for p in parts if isinstance(p, ByPeriod)]
    # Periods in a row are one span ("Quý III, IV/2026, 2027"): each starts the day after
    # the one before ends; "12/2026 hoặc 1/2027" are alternatives, not a span.
    if consecutive and len(spans) == len(parts) and in_a_row(spans):
        first = spans[0].start or spans[0].period
        return ByPeriod(period=spans[-1].period, start=first, text=ctx.text, notes=notes)
    rules = [p for p in parts if isinstance(p, Recurring)]
    if len(rules) == len(parts) and len({(r.frequency, r.before) for r in rules}) == 1:
        # "Báo cáo 6 tháng gửi trước ngày 20 tháng 6 hằng năm; Báo cáo năm gửi trước ngày
        # 20 tháng 12 hằng năm": two days of one yearly rule.
        rule_days = [d for r in rules for d in r.days]
        try:
            return Recurring(
                frequency=rules[0].frequency,
                days=rule_days,
                before=rules[0].before,
                text=ctx.text,
                notes=notes,
            )
        except DeadlineValueError:
            pass  # two days of a quarter's months: kept as two rules
    # Days side by side among other rules are one ByDate too.
    merged: list[Deadline] = []
    for p in parts:
        previous = merged[-1] if merged else None
        if isinstance(p, ByDate) and isinstance(previous, ByDate):
            seen = dict.fromkeys((previous.day, *previous.also, p.day, *p.also))
            merged[-1] = ByDate(day=previous.day, wording=previous.wording, also=list(seen)[1:])
        else:
            merged.append(p)
    if len(merged) < 2:
        return evolve(merged[0], text=ctx.text, notes=notes)
    return Composite(parts=merged, text=ctx.text, notes=notes)


_INSIDE = re.compile(
    r"(?<![\w/])(?:(?:hoan thanh truoc|cham nhat|truoc|den|trong) )?(?:ngay )?"
    r"(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{1,2} thang [0-9]{1,2} nam [0-9]{4}"
    r"|(?:quy|qui) [ivx]+ ?/ ?[0-9]{4}|(?:quy|qui) [ivx1-4]+ nam [0-9]{4}"
    r"|(?:6|sau) thang (?:dau|cuoi) nam [0-9]{4}"
    r"|thang [0-9]{1,2}(?: ?/ ?| nam )[0-9]{4}|[0-9]{1,2}/[0-9]{4}|[0-9]{4} ?- ?[0-9]{4}"
    r"|nam [0-9]{4})(?![\w/])"
)
_SESSION_INSIDE = re.compile(r"\b(?:ky hop|phien hop)\b.*")


def _is_year(d: ByDate | ByPeriod) -> bool:
    return isinstance(d, ByPeriod) and d.start is None and d.period.kind is PeriodKind.YEAR


def _search(folded: str, ctx: _Ctx) -> Deadline | None:
    if not _INSIDE.search(folded) and not _SESSION_INSIDE.search(folded):
        return None
    found: list[tuple[str, ByDate | ByPeriod]] = []
    opening: tuple[str, ByDate | ByPeriod] | None = None
    for hit in _INSIDE.finditer(folded):
        value = _one(hit.group(), ctx, offset=hit.start())
        if isinstance(value, ByDate | ByPeriod):
            item = (ctx.core[hit.start() : hit.end()], value)
            if hit.start() == 0:
                opening = item
            found.append(item)
    # A year alone inside longer words is too loose a reading ("Định kỳ hằng quý năm 2025"),
    # unless the cell opens with it ("Trong năm 2026 Được bãi bỏ một phần bởi …").
    finer = [f for f in found if not _is_year(f[1]) or f is opening]
    if not finer:
        session = _SESSION_INSIDE.search(folded)
        if session is None:
            return None
        # A session named inside longer words ("… đề nghị chuyển sang Kỳ họp giữa năm 2026").
        words = ctx.core[session.start() : session.end()]
        note = f"read the session {words!r} from the longer phrase around it"
        return OnEvent(form=EventForm.NAMED, event=words, text=ctx.text, notes=(note,))
    words, value = finer[0]
    if len(found) > 1 and all(isinstance(v, ByDate) for _, v in found):
        # One date per area or step ("Khu vực 1…: Hoàn thành trước 30/8/2026 Khu vực 3.2:
        # Hoàn thành trước 31/12/2026"): every date counts.
        note = f"the cell names {len(found)} dates, one per part of the work: all are kept"
        joined = _joined([v for _, v in found], ctx)
        return None if joined is None else evolve(joined, notes=(*joined.notes, note))
    others = [w for w, v in found if v.due_day != value.due_day]
    if others:
        note = (
            f"the cell names more than one date: read {words!r} ({value.due_day:%d/%m/%Y}), "
            f"not {others[0]!r}"
        )
    else:
        note = f"read {words!r} from the longer phrase around it; check it is the deadline"
    return evolve(value, text=ctx.text, notes=(note,))


def _read(ctx: _Ctx) -> Deadline | str | None:
    core = ctx.core
    folded = core.lower() if core.isascii() else fold_phrase(core)
    found = _one(folded, ctx)
    if found is None or isinstance(found, str):
        remark = _OPEN_REMARK.search(folded) if " (" in folded else None
        if remark is not None and remark.start() > 0:
            # A remark in brackets after the phrase ("Tháng 6/2026 (…)"), closed or left
            # open, is commentary.
            inner = _one(folded[: remark.start()], ctx)
            if inner is not None and not isinstance(inner, str):
                # A rule in the brackets is a second rule; anything else is commentary.
                start = remark.start() + 2
                stop = len(folded) - 1 if folded.endswith(")") else len(folded)
                extra = _one(folded[start:stop], ctx, offset=start)
                if extra is None or isinstance(extra, str):
                    found = evolve(inner, text=ctx.text)
                else:
                    found = Composite(parts=[inner, extra], text=ctx.text)
    if found is None or isinstance(found, str):
        reason = found
        found = _composite(folded, ctx) or _search(folded, ctx)
        if found is None:
            return reason
    # For ASCII, the folded text is lower case, and islower() says it holds a letter.
    if core.isascii() and folded.islower() and not found.canonical.isascii():
        note = f"written without diacritics: read as {found.canonical!r}"
        found = evolve(found, notes=(*found.notes, note))
    return found


@frozen
class _Failure:
    """Why a phrase was not read."""

    reason: str
    empty: bool = False


_EMPTY = _Failure("the phrase is empty", empty=True)


def _parse_phrase(text: str, year: int | None = None) -> Deadline | _Failure:
    if text.isprintable() and "  " not in text and text == text.strip() and is_nfc("NFC", text):
        cleaned = text  # already clean, as most cells are: spare the regular expression
    else:
        cleaned = clean(text)
    core = cleaned.rstrip(". ")
    if not core:
        return _EMPTY
    try:
        result = _read(_new_tuple(_Ctx, (cleaned, core, "", year)))
    except DeadlineValueError as exc:  # e.g. an event of nothing but full stops
        return _Failure(str(exc))
    if result is None:
        return _Failure("it matches none of the phrase families this library knows")
    if isinstance(result, str):
        return _Failure(result)
    return result


# Real plans repeat a handful of phrases, so the cache answers most calls. (Caches are
# wrapped around the rules here, not put on them as decorators: mutation testing leaves
# decorated functions out.)
_parse = functools.lru_cache(maxsize=8192)(_parse_phrase)


# -- suggestions ------------------------------------------------------------------------------

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
    "Giai đoạn 2026-2030",
    "Định kỳ hàng quý, năm",
    "Định kỳ hàng quý, 6 tháng, năm",
    "Định kỳ 6 tháng",
    "Hàng tuần",
    "Hàng tháng",
    "Hàng năm",
    "Thứ Sáu hàng tuần",
    "Ngày 15 hàng tháng",
    "Sau khi văn bản được ban hành",
)
_FOLDED_EXAMPLES = {fold_phrase(e): e for e in EXAMPLES}
_NUMBERS = re.compile(r"[0-9]+|\b[ivx]+\b")


def _from_numbers(folded: str) -> list[str]:
    """Known forms filled with the phrase's own numbers ("6/2025" gives "Tháng 6/2025")."""
    import calendar  # suggestions only: reading a phrase never needs it

    numbers = _NUMBERS.findall(folded)
    years = [n for n in numbers if n.isdigit() and len(n) == 4]
    small = [n for n in numbers if n not in years]
    out: list[str] = []
    for y in years[-1:]:
        if len(small) >= 2 and small[0].isdigit() and small[1].isdigit():
            d, mo = int(small[0][:2]), int(small[1][:2])
            if 1 <= mo <= 12 and d >= 1:
                # A day the month lacks becomes its last day: "31/02/2025" -> "28/02/2025".
                last = calendar.monthrange(int(y), mo)[1]
                out.append(f"Trước ngày {min(d, last):02d}/{mo:02d}/{y}")
        for n in small[-1:]:
            value = int(n) if n.isdigit() else None
            if value is None:
                try:
                    value = from_roman(n)
                except ValueError:
                    continue
            # Out of range, the nearest that exists: "Quý V/2025" -> "Quý IV/2025".
            if "quy" in folded or "qui" in folded or not n.isdigit():
                out.append(f"Quý {to_roman(min(max(value, 1), 4))}/{y}")
            else:
                out.append(f"Tháng {min(max(value, 1), 12)}/{y}")
        out.append(f"Năm {y}")
    return out


def suggest(text: str) -> tuple[str, ...]:
    """Up to three known forms close to ``text``, those built from its own numbers first.

    >>> suggest("Thang6/2025")[0]
    'Tháng 6/2025'
    """
    return _suggest(text)


def _suggestions(text: str) -> tuple[str, ...]:
    import difflib  # suggestions only: reading a phrase never needs it

    folded = fold_phrase(clean(text))
    own = _from_numbers(folded)
    ranked = sorted(
        own, key=lambda s: -difflib.SequenceMatcher(None, folded, fold_phrase(s)).ratio()
    )
    close = difflib.get_close_matches(folded, _FOLDED_EXAMPLES, n=3, cutoff=0.3)
    if own:
        # The phrase has numbers of its own: a stock example's other numbers would mislead.
        close = [c for c in close if not any(ch.isdigit() for ch in c)]
    out = [
        s
        for s in dict.fromkeys([*ranked, *(_FOLDED_EXAMPLES[c] for c in close)])
        if not isinstance(_parse(s), _Failure)
    ]
    return tuple(out[:3])


# Kept by phrase: checking a plan asks again for every task with the same free text, and a
# portfolio repeats them across plans; the answer depends on the text alone.
_suggest = functools.lru_cache(maxsize=4096)(_suggestions)


def parse_deadline(text: str, *, strict: bool = False, year: int | None = None) -> Deadline:
    """Read a completion-time phrase ("thời gian hoàn thành") of a plan task.

    Case, diacritics, extra spaces, a final full stop, "hàng" or "hằng" and decomposed
    Unicode do not matter. The families are listed, with real examples, in
    :mod:`kh_tthc.deadline.phrases` and ``docs/scheduling.md``. A phrase with commentary
    after it is read from its first completion time; a date or period inside longer words
    is read as the deadline. Both are said in the value's ``notes``, as is a phrase written
    without diacritics.

    Anything else becomes :class:`Unspecified` with the text kept, unless ``strict``.

    Args:
        text: The phrase.
        strict: Raise instead of returning :class:`Unspecified`.
        year: The year of the plan the phrase comes from, to read a date written without
            one ("trước ngày 28/5"); without it such a date is not read.

    Returns:
        The deadline; ``str()`` of it is the phrase as written, ``.canonical`` its standard
        wording, and both read back as an equal value.

    Raises:
        DeadlineSyntaxError: The phrase is empty; or, when ``strict``, it is not a known form
            or names an impossible date or period ("31/02/2025", "Quý V/2025"). The error
            carries the reason and the closest known forms, built from the phrase's own
            numbers where it has some.

    >>> d = parse_deadline("  THƯỜNG   XUYÊN. ")
    >>> d, str(d), d.canonical
    (Ongoing(wording=<OngoingWording.REGULAR: 'Thường xuyên'>), 'THƯỜNG XUYÊN.', 'Thường xuyên')
    >>> d = parse_deadline("Hằng tháng")
    >>> str(d), d.canonical, d == parse_deadline(d.canonical)
    ('Hằng tháng', 'Hàng tháng', True)
    >>> parse_deadline("06/2025").canonical
    'Tháng 6/2025'
    >>> parse_deadline("trước ngày 28/5", year=2026).canonical
    'Trước ngày 28/5/2026'
    >>> try:
    ...     parse_deadline("Trước ngày 31/02/2025", strict=True)
    ... except DeadlineSyntaxError as exc:
    ...     print(exc.reason)
    ...     print(exc.suggestions[0])
    31/02/2025 is not a date (day is out of range for month)
    Trước ngày 28/02/2025
    """
    result = _parse(text, year)
    if isinstance(result, _Failure):
        if strict or result.empty:
            phrase = clean(text)
            suggestions = () if result.empty else suggest(phrase)
            raise DeadlineSyntaxError(phrase, suggestions, result.reason)
        return Unspecified(text=text)
    return result
