"""Hypothesis strategies for dates, periods, sending rules and deadlines."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from kh_tthc.periods import Period, PeriodKind, SendingRule

__all__ = ["calendar_dates", "periods", "sending_rules"]


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
