"""Hypothesis strategies for dates, periods, sending rules and deadlines."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

__all__ = ["calendar_dates"]


def calendar_dates(min_year: int = 1995, max_year: int = 2095) -> st.SearchStrategy[date]:
    """Days inside the years the national working calendar covers (1901–2100)."""
    return st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31))
