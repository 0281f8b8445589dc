"""Hypothesis strategies for dates, periods, sending rules and deadlines.

``deadlines()`` builds every kind of deadline directly from its parts (never through the
parser), so that properties such as ``parse_deadline(str(d)) == d`` test the parser against
independently built values. ``tests/strategies.py`` imports it for whole plans.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import strategies as st

from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    Composite,
    DateWording,
    DayOf,
    Deadline,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Recurring,
    Unspecified,
    WorkingDays,
    parse_deadline,
)
from kh_tthc.periods import Period, PeriodKind, SendingRule
from kh_tthc.vn import clean

__all__ = [
    "by_dates",
    "by_periods",
    "calendar_dates",
    "composites",
    "deadline_phrases",
    "deadlines",
    "event_texts",
    "fixed_deadlines",
    "on_events",
    "ongoings",
    "periodics",
    "periods",
    "recurrings",
    "sending_rules",
    "time_limits",
    "unspecifieds",
]


def calendar_dates(min_year: int = 1995, max_year: int = 2095) -> st.SearchStrategy[date]:
    """Days inside the years the national working calendar covers (1901–2100)."""
    return st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31))


def periods(
    kinds: st.SearchStrategy[PeriodKind] | None = None,
    min_year: int = 1000,
    max_year: int = 9999,
) -> st.SearchStrategy[Period]:
    """Any period of the given kinds (all kinds by default)."""
    kind_strategy = kinds if kinds is not None else st.sampled_from(PeriodKind)

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        kind = draw(kind_strategy)
        year = draw(st.integers(min_year, max_year))
        index = draw(st.integers(1, kind.per_year))
        return Period(kind=kind, year=year, index=index)

    return build()


def sending_rules() -> st.SearchStrategy[SendingRule]:
    """Either kind of sending rule, over its whole allowed range."""
    return st.one_of(
        st.integers(1, 99).map(SendingRule.after_cutoff),
        st.integers(16, 31).map(SendingRule.day_of_last_month),
    )


def time_limits() -> st.SearchStrategy[WorkingDays | CalendarDays]:
    """A working-day or calendar-day limit."""
    days = st.integers(1, 9999)
    return st.one_of(days.map(WorkingDays), days.map(CalendarDays))


def event_texts() -> st.SearchStrategy[str]:
    """Event texts: realistic ones and arbitrary text that is not blank or only full stops."""
    realistic = st.sampled_from(
        [
            "phát sinh",
            "yêu cầu",
            "ngày nhận đủ hồ sơ hợp lệ",
            "ngày nhận được văn bản",
            "Sở Nội vụ",
            "UBND tỉnh",
            "khi có văn bản chỉ đạo kể từ ngày ký",
        ]
    )
    # No ";": it separates the rules of a composite phrase ("Thường xuyên; Khi có …"), so
    # an event text holding one cannot be told from a second rule (check_plan says so).
    arbitrary = st.text(min_size=1, max_size=40).filter(
        lambda t: clean(t).rstrip(". ") != "" and ";" not in t
    )
    return st.one_of(realistic, arbitrary)


# Sessions named without a date, as plans name them (illustrative wordings).
SESSIONS = (
    "Kỳ họp HĐND gần nhất",
    "Kỳ họp giữa năm 2026",
    "Kỳ họp thường lệ cuối năm",
    "Phiên họp thường kỳ của Chính phủ",
)


def ongoings() -> st.SearchStrategy[Ongoing]:
    return st.builds(Ongoing, wording=st.sampled_from(OngoingWording))


def limited_events() -> st.SearchStrategy[OnEvent]:
    """On-event deadlines with a time limit ("Trong thời hạn 05 ngày làm việc ...")."""
    limit_forms = st.sampled_from([EventForm.WITHIN_TERM, EventForm.WITHIN, EventForm.IN])
    return st.builds(
        OnEvent, form=limit_forms, limit=time_limits(), event=st.none() | event_texts()
    )


def on_events() -> st.SearchStrategy[OnEvent]:
    """Every form of on-event deadline, with and without event text and time limit."""
    return st.one_of(
        st.builds(OnEvent, form=st.just(EventForm.WHEN), event=event_texts()),
        st.just(OnEvent(form=EventForm.AD_HOC)),
        st.builds(OnEvent, form=st.just(EventForm.ON_REQUEST), event=st.none() | event_texts()),
        limited_events(),
        st.builds(OnEvent, form=st.just(EventForm.AFTER), event=event_texts()),
        st.builds(OnEvent, form=st.just(EventForm.NAMED), event=st.sampled_from(SESSIONS)),
    )


@st.composite
def by_dates(draw: st.DrawFn) -> ByDate:
    """One day, or several (one per step of a cell), with any wording."""
    days = draw(st.lists(st.dates(min_value=date(1000, 1, 1)), min_size=1, max_size=4, unique=True))
    return ByDate(day=days[0], wording=draw(st.sampled_from(DateWording)), also=days[1:])


@st.composite
def _spans(draw: st.DrawFn) -> ByPeriod:
    first = draw(periods(max_year=9980))
    last = first
    for _ in range(draw(st.integers(1, 12))):
        last = last.next()
    return ByPeriod(period=last, start=first)


def by_periods() -> st.SearchStrategy[ByPeriod]:
    """One period, or a span from an earlier period of the same kind."""
    return st.one_of(st.builds(ByPeriod, period=periods()), _spans())


def periodics() -> st.SearchStrategy[Periodic]:
    """Every period or several, from a year or not; or one period every few ("Định kỳ 2
    năm/lần, bắt đầu từ năm 2024")."""
    every_few = st.builds(
        Periodic,
        frequencies=st.sampled_from([Frequency.MONTH, Frequency.QUARTER, Frequency.YEAR]).map(
            lambda f: (f,)
        ),
        every=st.integers(2, 99),
        since=st.none() | st.integers(1000, 9999),
    )
    return st.one_of(
        st.builds(
            Periodic,
            frequencies=st.sets(st.sampled_from(Frequency), min_size=1).map(tuple),
            regular=st.booleans(),
            since=st.none() | st.integers(1000, 9999),
        ),
        st.builds(
            lambda f, r, y, n: Periodic(frequencies=f, regular=r, since=y, until=y + n),
            st.sets(st.sampled_from(Frequency), min_size=1).map(tuple),
            st.booleans(),
            st.integers(1000, 9000),
            st.integers(0, 50),
        ),
        every_few,
    )


def recurrings() -> st.SearchStrategy[Recurring]:
    """Every shape of recurring day: weekdays, days of the month, of a quarter, of the year."""
    weekly = st.lists(st.integers(0, 6).map(lambda w: DayOf(weekday=w)), min_size=1, max_size=3)
    monthly = st.lists(
        st.one_of(st.integers(1, 31), st.just(-1)).map(lambda d: DayOf(day=d)),
        min_size=1,
        max_size=3,
    )
    quarterly = st.tuples(st.integers(1, 31), st.integers(1, 3)).map(
        lambda dm: [DayOf(day=dm[0], month=dm[1])]
    )
    yearly = st.lists(
        st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)).map(
            lambda d: DayOf(day=d.day, month=d.month)
        ),
        min_size=1,
        max_size=3,
    )
    before = st.booleans()
    return st.one_of(
        st.builds(Recurring, frequency=st.just(Frequency.WEEK), days=weekly, before=before),
        st.builds(Recurring, frequency=st.just(Frequency.MONTH), days=monthly, before=before),
        st.builds(Recurring, frequency=st.just(Frequency.QUARTER), days=quarterly, before=before),
        st.builds(Recurring, frequency=st.just(Frequency.YEAR), days=yearly, before=before),
    )


@st.composite
def composites(draw: st.DrawFn) -> Composite:
    """Two or three rules of different kinds; free text, which runs to the end of the
    phrase, only in the last."""
    plain = st.one_of(
        ongoings(),
        st.sampled_from([OnEvent(form=EventForm.AD_HOC), OnEvent(form=EventForm.ON_REQUEST)]),
        by_dates(),
        by_periods(),
        periodics(),
        recurrings(),
    )
    parts = draw(st.lists(plain, min_size=1, max_size=3, unique_by=lambda d: d.kind))
    if (len(parts) == 1 or draw(st.booleans())) and all(p.kind != "on_event" for p in parts):
        parts.append(draw(on_events()))
    if len(parts) < 2:
        parts.append(Ongoing() if parts[0].kind != "ongoing" else OnEvent())
    return Composite(parts=parts)


def _is_unrecognised(text: str) -> bool:
    if clean(text).rstrip(". ") == "":
        return False  # the empty phrase is an error, not a deadline
    return parse_deadline(text).kind == "unspecified"


def unspecifieds() -> st.SearchStrategy[Unspecified]:
    """Unspecified deadlines, only from text that parses as no other kind."""
    realistic = st.sampled_from(
        [
            "Theo tiến độ của dự án",
            "Quý V/2025",
            "Trước ngày 31/02/2025",
            "Năm 20255",
            "Tháng 9 - 12/2025",
            "Sau khi có hướng dẫn của Bộ",
            "Định kỳ",
        ]
    )
    return (
        st.one_of(realistic, st.text(min_size=1, max_size=40))
        .filter(_is_unrecognised)
        .map(lambda t: Unspecified(text=t))
    )


def fixed_deadlines() -> st.SearchStrategy[Deadline]:
    """Deadlines whose phrase carries no free text, so that case changes keep their meaning."""
    return st.one_of(
        ongoings(),
        st.sampled_from(
            [
                OnEvent(),
                OnEvent(event="yêu cầu"),
                OnEvent(form=EventForm.AD_HOC),
                OnEvent(form=EventForm.ON_REQUEST),
            ]
        ),
        st.builds(
            OnEvent,
            form=st.sampled_from([EventForm.WITHIN_TERM, EventForm.WITHIN, EventForm.IN]),
            limit=time_limits(),
        ),
        by_dates(),
        by_periods(),
        periodics(),
        recurrings(),
    )


def deadlines() -> st.SearchStrategy[Deadline]:
    """Every kind of deadline, built directly from its parts."""
    return st.one_of(
        ongoings(),
        on_events(),
        by_dates(),
        by_periods(),
        periodics(),
        recurrings(),
        composites(),
        unspecifieds(),
    )


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _respace(text: str, draw: st.DrawFn) -> str:
    words = text.split(" ")
    gaps = [draw(st.sampled_from([" ", "  ", " \t", "\u00a0"])) for _ in words[1:]]
    out = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    return draw(st.sampled_from(["", " ", "\n"])) + out + draw(st.sampled_from(["", " ", "  "]))


@st.composite
def deadline_phrases(draw: st.DrawFn) -> tuple[Deadline, str]:
    """A deadline without free text and a messy way a person might type its phrase.

    The mess is what the parser must forgive: case, spacing, a final full stop, "hằng" for
    "hàng", no diacritics at all, decomposed Unicode.
    """
    deadline = draw(fixed_deadlines())
    text = str(deadline)
    if draw(st.booleans()):
        text = text.replace("Hàng", "Hằng").replace("hàng", "hằng")
    if draw(st.integers(0, 4)) == 0:
        text = _strip_marks(text)
    text = draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    text = _respace(text, draw)
    if draw(st.booleans()):
        text += draw(st.sampled_from([".", " .", "..."]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return deadline, text
