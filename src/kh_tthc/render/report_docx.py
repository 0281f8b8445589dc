"""Write a report as an official báo cáo DOCX, through the shared renderer."""

from __future__ import annotations

from pathlib import Path

from kh_tthc.io.output import Inputs
from kh_tthc.render.docx import StrPath, check_rows, render_docx, template_path
from kh_tthc.render.report_context import REPORT_FIELDS, report_context
from kh_tthc.report import Report

__all__ = ["render_report"]


def render_report(
    report: Report, path: StrPath, *, template: StrPath | None = None, inputs: Inputs = ()
) -> Path:
    """Write ``report`` as a báo cáo DOCX (Nghị định 30/2020/NĐ-CP, Phụ lục I; Mẫu 1.4).

    Page 1 carries the header block with the number "…/BC-<issuer>", "BÁO CÁO" and the
    summary ("Kết quả thực hiện Kế hoạch … quý IV năm 2025"); the body states the figures
    for the data cut-off window of the period (Nghị định 09/2019/NĐ-CP, Điều 12), the
    difficulties and the proposals, then the recipients and the signature; the results
    table (STT, nhiệm vụ, đơn vị chủ trì, kết quả, tình trạng) follows on landscape pages.

    Args:
        report: the report; its progress was checked against the plan when it was made.
        path: the ``.docx`` to write, atomically: on any failure the previous file is left
            as it was and no partial file remains.
        template: a restyled copy of the shipped template
            (``kh_tthc.copy_template(path, kind="report")``).
        inputs: other files the caller read (plan, progress), which ``path`` must not be.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        TemplateError: the template is not a DOCX, has a broken or forbidden tag, fails
            while rendering, or its variables do not match the report's.
        LimitExceeded: the plan has more tasks than a document can hold
            (:data:`kh_tthc.render.docx.MAX_RENDER_ROWS`).
        OutputRefused: ``path`` is the template or one of ``inputs``.
        SourceUnreadable: the output folder is missing or not writable (a full disk
            included), the output is a folder, or the template cannot be read.

    Warns:
        RenderWarning: control characters were dropped from some text.

    >>> import tempfile, pathlib
    >>> from datetime import date
    >>> from kh_tthc import load_plan, load_progress
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> q4 = load_progress("examples/skhcn-thai-nguyen-2025/progress-2025-Q4.csv", plan)
    >>> report = Report(plan=plan, period=q4.period, progress=q4, as_of=date(2025, 12, 15))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "bao-cao.docx"
    >>> render_report(report, out).exists()
    True
    """
    check_rows(len(report.plan.tasks))
    return render_docx(
        report_context(report),
        path,
        template=template_path("report") if template is None else template,
        required=REPORT_FIELDS,
        title=f"Báo cáo: {report.summary}",
        inputs=inputs,
    )
