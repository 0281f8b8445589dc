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
    DateWording,
    Deadline,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
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
    "deadline_phrases",
    "deadlines",
    "event_texts",
    "fixed_deadlines",
    "on_events",
    "ongoings",
    "periodics",
    "periods",
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
    arbitrary = st.text(min_size=1, max_size=40).filter(lambda t: clean(t).rstrip(". ") != "")
    return st.one_of(realistic, arbitrary)


def ongoings() -> st.SearchStrategy[Ongoing]:
    return st.builds(Ongoing, wording=st.sampled_from(OngoingWording))


def on_events() -> st.SearchStrategy[OnEvent]:
    """Every form of on-event deadline, with and without event text and time limit."""
    limit_forms = st.sampled_from([EventForm.WITHIN_TERM, EventForm.WITHIN, EventForm.IN])
    return st.one_of(
        st.builds(OnEvent, form=st.just(EventForm.WHEN), event=event_texts()),
        st.just(OnEvent(form=EventForm.AD_HOC)),
        st.builds(OnEvent, form=st.just(EventForm.ON_REQUEST), event=st.none() | event_texts()),
        st.builds(OnEvent, form=limit_forms, limit=time_limits(), event=st.none() | event_texts()),
    )


def by_dates() -> st.SearchStrategy[ByDate]:
    return st.builds(
        ByDate,
        day=st.dates(min_value=date(1000, 1, 1)),
        wording=st.sampled_from(DateWording),
    )


def by_periods() -> st.SearchStrategy[ByPeriod]:
    return st.builds(ByPeriod, period=periods())


def periodics() -> st.SearchStrategy[Periodic]:
    return st.builds(
        Periodic,
        frequencies=st.sets(st.sampled_from(Frequency), min_size=1).map(tuple),
        regular=st.booleans(),
    )


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
    )


def deadlines() -> st.SearchStrategy[Deadline]:
    """Every kind of deadline, built directly from its parts."""
    return st.one_of(ongoings(), on_events(), by_dates(), by_periods(), periodics(), unspecifieds())


def _respace(text: str, draw: st.DrawFn) -> str:
    words = text.split(" ")
    gaps = [draw(st.sampled_from([" ", "  ", " \t", "\u00a0"])) for _ in words[1:]]
    out = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    return draw(st.sampled_from(["", " ", "\n"])) + out + draw(st.sampled_from(["", " ", "  "]))


@st.composite
def deadline_phrases(draw: st.DrawFn) -> tuple[Deadline, str]:
    """A deadline without free text and a messy way a person might type its phrase.

    The mess is what the parser must forgive: case, spacing, a final full stop, "hằng" for
    "hàng", decomposed Unicode.
    """
    deadline = draw(fixed_deadlines())
    text = str(deadline)
    if draw(st.booleans()):
        text = text.replace("Hàng", "Hằng").replace("hàng", "hằng")
    text = draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    text = _respace(text, draw)
    if draw(st.booleans()):
        text += draw(st.sampled_from([".", " .", "..."]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return deadline, text
