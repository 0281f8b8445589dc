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
from kh_tthc.periods import (
    Period,
    PeriodError,
    PeriodKind,
    PeriodSyntaxError,
    SendingRule,
    SendingRuleError,
    SendingRuleKind,
    SendingRuleSyntaxError,
    Window,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "CalendarError",
    "CalendarRangeError",
    "DateRangeError",
    "DeadlineSyntaxError",
    "KhTthcError",
    "Period",
    "PeriodError",
    "PeriodKind",
    "PeriodSyntaxError",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "SendingRule",
    "SendingRuleError",
    "SendingRuleKind",
    "SendingRuleSyntaxError",
    "Severity",
    "SourceUnreadable",
    "TaskNumberError",
    "Window",
    "WorkCalendar",
    "__version__",
]
