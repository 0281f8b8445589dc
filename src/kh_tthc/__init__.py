"""kh_tthc: Vietnamese state plans (kế hoạch) and reports (báo cáo) as typed data."""

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
    "DeadlineSyntaxError",
    "KhTthcError",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "Severity",
    "SourceUnreadable",
    "TaskNumberError",
    "__version__",
]
