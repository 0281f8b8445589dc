"""The báo cáo tổng hợp: one báo cáo for every plan of a portfolio in a period, a section
and a table per plan (Nghị định 30/2020/NĐ-CP, Phụ lục I; Mẫu 1.4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kh_tthc.io.output import Inputs
from kh_tthc.model import DocumentNumber, IssueDate
from kh_tthc.periods import Period
from kh_tthc.portfolio.core import Portfolio, PortfolioError
from kh_tthc.render.addressees import AS_ABOVE, addressee_lines
from kh_tthc.render.context import (
    body_blocks,
    header_context,
    signature_context,
    xml_safe,
)
from kh_tthc.report import period_phrase
from kh_tthc.vn import format_percent

__all__ = ["SUMMARY_FIELDS", "render_summary", "summary_context"]

#: The variables the báo cáo tổng hợp template uses.
SUMMARY_FIELDS = frozenset(
    {
        "parent",
        "issuer",
        "number",
        "date_line",
        "type_name",
        "title",
        "addressees",
        "body",
        "plans",
        "closing",
        "recipients",
        "signer_titles",
        "signer_name",
    }
)


def summary_context(
    portfolio: Portfolio,
    period: Period,
    *,
    as_of: date,
    addressees: Sequence[str] = (),
) -> dict[str, Any]:
    """Everything the báo cáo tổng hợp prints; keys :data:`SUMMARY_FIELDS`.

    Raises:
        PortfolioError: no plan of the portfolio runs in ``period``.
    """
    from kh_tthc.render.report_context import result_rows

    reports = portfolio.reports(period, as_of=as_of)
    if not reports:
        raise PortfolioError(f"no plan of the portfolio runs in {period.label}")
    plans_fig, _ = portfolio.rollup(period, as_of=as_of)
    first = next(e.plan for e in portfolio.plans if e.plan is not None)
    issuer = first.issuer
    number = DocumentNumber(type_code="BC", issuer_code=issuer.abbreviation)
    phrase = period_phrase(period)
    sections = []
    for i, f in enumerate(plans_fig, start=1):
        report = reports[f.plan]
        rate = "chưa có" if f.completion_rate is None else format_percent(f.completion_rate)
        sections.append(
            {
                "heading": xml_safe(f"{i}. Kế hoạch số {f.plan_number}: {f.title}", f.plan),
                "figures": (
                    f"Tổng số {f.total} nhiệm vụ; đã hoàn thành {f.done} (tỷ lệ {rate}); "
                    f"quá hạn {f.overdue}; chưa báo cáo {f.not_reported}."
                ),
                "tasks": result_rows(report),
            }
        )
    intro = (
        f"{issuer.name} tổng hợp kết quả thực hiện {len(sections)} kế hoạch "
        f"{phrase} (tính đến ngày {as_of:%d/%m/%Y}) như sau:"
    )
    recipients = [AS_ABOVE, *first.recipients] if addressees else list(first.recipients)
    return {
        **header_context(issuer, number, IssueDate(year=as_of.year, month=as_of.month)),
        "type_name": "BÁO CÁO",
        "title": xml_safe(f"Tổng hợp kết quả thực hiện các kế hoạch {phrase}", "title"),
        "addressees": addressee_lines(addressees),
        "body": body_blocks((), preamble=[xml_safe(intro, "preamble")]),
        "plans": sections,
        "closing": f"Trên đây là báo cáo tổng hợp kết quả thực hiện các kế hoạch {phrase} "
        f"của {issuer.name}./.",
        **signature_context(first.signer, recipients, first.archive),
    }


def render_summary(
    portfolio: Portfolio,
    period: Period,
    path: str | Path,
    *,
    as_of: date,
    addressees: Sequence[str] = (),
    inputs: Inputs = (),
) -> Path:
    """Write the báo cáo tổng hợp DOCX, atomically.

    Raises:
        PortfolioError: no plan of the portfolio runs in ``period``.
        OutputRefused: ``path`` is one of ``inputs``.
    """
    from kh_tthc.render.docx import render_docx, template_path

    context = summary_context(portfolio, period, as_of=as_of, addressees=addressees)
    return render_docx(
        context,
        path,
        template=template_path("summary"),
        required=SUMMARY_FIELDS,
        title=f"Báo cáo tổng hợp {period.label}",
        inputs=inputs,
    )
