"""Beyond one plan: a portfolio of plans, the agenda across them, the roll-up, reminder
letters (công văn đôn đốc) and a static dashboard. See docs/portfolio.md."""

from kh_tthc.portfolio.core import (
    AgendaItem,
    Late,
    Lineage,
    PlanEntry,
    PlanFigures,
    PlanRef,
    Portfolio,
    PortfolioError,
    PortfolioInvalid,
    UnitFigures,
    clear_cache,
)

__all__ = [
    "AgendaItem",
    "Late",
    "Lineage",
    "PlanEntry",
    "PlanFigures",
    "PlanRef",
    "Portfolio",
    "PortfolioError",
    "PortfolioInvalid",
    "UnitFigures",
    "clear_cache",
]
