"""kh_tthc: Vietnamese state plans (kế hoạch) and reports (báo cáo) as typed data."""

from kh_tthc.calendar import CalendarError, CalendarRangeError, DateRangeError, WorkCalendar
from kh_tthc.errors import (
    DeadlineSyntaxError,
    KhTthcError,
    PlanFileError,
    PlanInvalid,
    Problem,
    Severity,
    SourceUnreadable,
    TaskNumberError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "CalendarError",
    "CalendarRangeError",
    "DateRangeError",
    "DeadlineSyntaxError",
    "KhTthcError",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "Severity",
    "SourceUnreadable",
    "TaskNumberError",
    "WorkCalendar",
    "__version__",
]
