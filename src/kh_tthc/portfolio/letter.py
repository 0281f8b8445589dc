"""The reminder letter (công văn đôn đốc): a unit's overdue and not-reported tasks across
the plans of a portfolio, in the official công văn form (Nghị định 30/2020/NĐ-CP, Phụ lục
III, Mẫu 1.5)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kh_tthc.calendar import WorkCalendar
from kh_tthc.io.output import Inputs
from kh_tthc.model import IssueDate, Plan
from kh_tthc.periods import Period
from kh_tthc.portfolio.core import Late, Portfolio, PortfolioError
from kh_tthc.render.addressees import AS_ABOVE, addressee_lines
from kh_tthc.render.context import (
    BLANK_NUMBER,
    body_blocks,
    header_context,
    signature_context,
    xml_safe,
)
from kh_tthc.report import period_phrase

__all__ = ["LETTER_FIELDS", "Reminder", "reminder", "render_reminder"]

#: The variables the công văn template uses.
LETTER_FIELDS = frozenset(
    {
        "parent",
        "issuer",
        "number",
        "date_line",
        "subject",
        "addressees",
        "body",
        "recipients",
        "signer_titles",
        "signer_name",
    }
)


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class Reminder:
    """A reminder letter's content: who it goes to, the late items, the report-by date."""

    def __init__(
        self,
        *,
        portfolio: Portfolio,
        plan: Plan,
        units: tuple[str, ...],
        items: tuple[Late, ...],
        period: Period,
        as_of: date,
        report_by: date,
        number: int | None,
        symbol: str,
    ) -> None:
        self.portfolio = portfolio
        self.plan = plan
        self.units = units
        self.items = items
        self.period = period
        self.as_of = as_of
        self.report_by = report_by
        self.number = number
        self.symbol = symbol

    @property
    def number_text(self) -> str:
        """ "     /SKHCN-VP" in a draft, "05/SKHCN-VP" once numbered (a công văn has no
        type abbreviation: Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3.b)."""
        n = BLANK_NUMBER if self.number is None else f"{self.number:02d}"
        return f"{n}/{self.symbol}"

    @property
    def plan_labels(self) -> list[str]:
        return list(dict.fromkeys(i.plan_number for i in self.items))

    @property
    def subject(self) -> str:
        """ "V/v đôn đốc …" (ô 5b, Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b)."""
        labels = self.plan_labels
        if len(labels) == 1:
            return f"V/v đôn đốc thực hiện, báo cáo kết quả Kế hoạch số {labels[0]}"
        return f"V/v đôn đốc thực hiện, báo cáo kết quả các kế hoạch {period_phrase(self.period)}"

    def paragraphs(self) -> list[str]:
        names = self.portfolio.names
        issuer = self.plan.issuer.name
        whom = ", ".join(names.get(u, u) for u in self.units)
        out = [
            f"Theo dõi tiến độ thực hiện các kế hoạch {period_phrase(self.period)} đến ngày "
            f"{_dmy(self.as_of)}, {issuer} nhận thấy các nhiệm vụ sau do {whom} chủ trì "
            "đã quá hạn hoặc chưa được báo cáo kết quả:"
        ]
        by_plan: dict[str, list[Late]] = {}
        for item in self.items:
            by_plan.setdefault(item.plan_number, []).append(item)
        for label, items in by_plan.items():
            entry = self.portfolio.entry(items[0].plan)
            title = entry.plan.title if entry.plan is not None else ""
            out.append(f"- Kế hoạch số {label} ({title}):")
            for i, item in enumerate(items, start=1):
                due = f", hạn {_dmy(item.due)}" if item.due else ""
                mark = "." if i == len(items) and label == list(by_plan)[-1] else ";"
                out.append(f"+ Nhiệm vụ {item.task}: {item.title}{due} ({item.kind_label}){mark}")
        out.append(
            f"{issuer} đề nghị {whom} khẩn trương hoàn thành các nhiệm vụ nêu trên và báo cáo "
            f"kết quả (qua Văn phòng Sở) trước ngày {_dmy(self.report_by)} để tổng hợp, báo "
            "cáo theo quy định./."
        )
        return out

    def context(self) -> dict[str, Any]:
        """Everything the công văn template prints; keys :data:`LETTER_FIELDS`."""
        plan = self.plan
        head = header_context(plan.issuer, plan.number, IssueDate.of(self.as_of))
        head["number"] = xml_safe(self.number_text, "number")
        names = self.portfolio.names
        return {
            **head,
            "subject": xml_safe(self.subject, "subject"),
            "addressees": addressee_lines([names.get(u, u) for u in self.units]),
            "body": body_blocks((), preamble=self.paragraphs()),
            **signature_context(plan.signer, [AS_ABOVE, "Lãnh đạo Sở"], plan.archive),
        }


def reminder(
    portfolio: Portfolio,
    *,
    as_of: date,
    period: Period | None = None,
    units: Sequence[str] = (),
    number: int | None = None,
    calendar: WorkCalendar | None = None,
) -> Reminder:
    """The reminder letter to ``units`` (every unit with a late item when empty).

    Args:
        portfolio: The portfolio.
        as_of: The day of the letter; items are late as of this day.
        period: The reporting period; the quarter of ``as_of`` when None.
        units: Registry ids or names of the addressees.
        number: The letter's number; a draft "     /SKHCN-VP" when None.
        calendar: The working calendar for the report-by date (the national one).

    Raises:
        PortfolioError: no unit has an overdue or not-reported task, or a unit is unknown.
    """
    period = period or Period.containing(_quarter(), as_of)
    ids = tuple(portfolio.unit_id(u) for u in units)
    items = [
        i
        for i in portfolio.late_items(period, as_of=as_of)
        if not ids or set(ids).intersection(i.units)
    ]
    if not items:
        who = ", ".join(ids) if ids else "any unit"
        raise PortfolioError(
            f"nothing to remind: no overdue or not-reported task for {who} in "
            f"{period.label} as of {as_of.isoformat()}"
        )
    if not ids:
        late = {u for i in items for u in i.units}
        ids = tuple(u.id for u in portfolio.units if u.id in late)
    plan = next(e.plan for e in portfolio.plans if e.plan is not None)
    days = int(portfolio.letter.get("report_within_days", 5))
    cal = calendar or WorkCalendar.vietnam()
    symbol = str(portfolio.letter.get("symbol") or f"{plan.issuer.abbreviation}-VP")
    return Reminder(
        portfolio=portfolio,
        plan=plan,
        units=ids,
        items=tuple(items),
        period=period,
        as_of=as_of,
        report_by=cal.add_working_days(as_of, days),
        number=number,
        symbol=symbol,
    )


def _quarter() -> Any:
    from kh_tthc.periods import PeriodKind

    return PeriodKind.QUARTER


def render_reminder(letter: Reminder, path: str | Path, *, inputs: Inputs = ()) -> Path:
    """Write the letter as a công văn DOCX (Nghị định 30/2020/NĐ-CP, Mẫu 1.5), atomically.

    Raises:
        OutputRefused: ``path`` is one of ``inputs``.
        SourceUnreadable: the output folder is missing or not writable.
    """
    from kh_tthc.render.docx import render_docx, template_path

    return render_docx(
        letter.context(),
        path,
        template=template_path("letter"),
        required=LETTER_FIELDS,
        title=f"Công văn: {letter.subject}",
        inputs=inputs,
    )
