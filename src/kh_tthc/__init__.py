"""kh_tthc: Vietnamese state plans (kế hoạch) and reports (báo cáo) as typed data.

>>> from kh_tthc import load_plan
>>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
>>> plan.issuer.abbreviation, len(plan.tasks)
('SKHCN', 29)
"""

from kh_tthc.deadline import Deadline, parse_deadline
from kh_tthc.errors import (
    DeadlineSyntaxError,
    KhTthcError,
    LibreOfficeNotFound,
    PdfConversionError,
    PlanFileError,
    PlanInvalid,
    Problem,
    RenderWarning,
    Severity,
    SourceUnreadable,
    TaskNumberError,
    TemplateError,
)
from kh_tthc.io.plan_file import dump_plan, dumps_plan, load_plan, loads_plan, read_plan
from kh_tthc.model import (
    Authority,
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
)
from kh_tthc.render import copy_template, docx_to_pdf, plan_context, render_plan
from kh_tthc.validate import check_plan, validate_plan

__version__ = "0.1.0.dev0"

__all__ = [
    "Authority",
    "DateSpan",
    "Deadline",
    "DeadlineSyntaxError",
    "DocumentNumber",
    "IssueDate",
    "KhTthcError",
    "LibreOfficeNotFound",
    "Organization",
    "PdfConversionError",
    "Plan",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "RenderWarning",
    "Section",
    "Severity",
    "Signer",
    "SourceUnreadable",
    "Task",
    "TaskNumber",
    "TaskNumberError",
    "TemplateError",
    "Unit",
    "__version__",
    "check_plan",
    "copy_template",
    "docx_to_pdf",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "parse_deadline",
    "plan_context",
    "read_plan",
    "render_plan",
    "validate_plan",
]
