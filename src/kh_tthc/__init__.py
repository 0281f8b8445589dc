"""kh_tthc: Vietnamese state plans (kế hoạch) and reports (báo cáo) as typed data.

>>> from kh_tthc import load_plan
>>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
>>> plan.issuer.abbreviation, len(plan.tasks)
('SKHCN', 29)
"""

from kh_tthc.calendar import (
    CalendarError,
    CalendarRangeError,
    DateRangeError,
    WorkCalendar,
)
from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    DateWording,
    Deadline,
    DeadlineValueError,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Sending,
    TimeLimit,
    Unspecified,
    WorkingDays,
    parse_deadline,
)
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
from kh_tthc.io.csv_import import import_csv
from kh_tthc.io.docx_import import import_docx
from kh_tthc.io.plan_file import dump_plan, dumps_plan, load_plan, loads_plan, read_plan
from kh_tthc.io.table_import import (
    EncryptedSource,
    ImportResult,
    LegacyWordFormat,
    NoTaskTable,
    SourceRejected,
    UnsafeSource,
)
from kh_tthc.model import (
    Authority,
    DateSpan,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Plan,
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
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
from kh_tthc.validate import (
    check_plan,
    validate_plan,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "Authority",
    "ByDate",
    "ByPeriod",
    "CalendarDays",
    "CalendarError",
    "CalendarRangeError",
    "DateRangeError",
    "DateSpan",
    "DateWording",
    "Deadline",
    "DeadlineSyntaxError",
    "DeadlineValueError",
    "DocumentNumber",
    "EncryptedSource",
    "EventForm",
    "Frequency",
    "ImportResult",
    "Indicator",
    "IssueDate",
    "KhTthcError",
    "LegacyWordFormat",
    "NoTaskTable",
    "OnEvent",
    "Ongoing",
    "OngoingWording",
    "Organization",
    "Period",
    "PeriodError",
    "PeriodKind",
    "PeriodSyntaxError",
    "Periodic",
    "Plan",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "Section",
    "Sending",
    "SendingRule",
    "SendingRuleError",
    "SendingRuleKind",
    "SendingRuleSyntaxError",
    "Severity",
    "Signer",
    "SourceRejected",
    "SourceUnreadable",
    "Task",
    "TaskNumber",
    "TaskNumberError",
    "TimeLimit",
    "Unit",
    "UnsafeSource",
    "Unspecified",
    "Window",
    "WorkCalendar",
    "WorkingDays",
    "__version__",
    "check_plan",
    "dump_plan",
    "dumps_plan",
    "import_csv",
    "import_docx",
    "load_plan",
    "loads_plan",
    "parse_deadline",
    "read_plan",
    "validate_plan",
]
