"""Assembling the plan: front matter and tasks, placeholders where the source is silent."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from attrs import frozen

from kh_tthc.errors import PlanInvalid, Problem, Severity
from kh_tthc.importing.front_matter import FrontMatter
from kh_tthc.importing.rows import PLACEHOLDER, PLACEHOLDER_CODE, PLACEHOLDER_YEAR
from kh_tthc.importing.tasks import TableResult
from kh_tthc.model import DateSpan, DocumentNumber, IssueDate, Organization, Plan, Signer, Task
from kh_tthc.validate import check_plan
from kh_tthc.vn import fold, from_roman

__all__ = ["ImportResult", "build_plan", "period_from_text", "year_hint"]


@frozen(kw_only=True)
class ImportResult:
    """A plan read from a source document, and what a person should check in it.

    ``warnings`` holds a :class:`~kh_tthc.Problem` of severity warning for every row that
    did not become a task as written, every placeholder filled in for missing header
    data, and every warning the plan's own checks raise.
    """

    plan: Plan
    warnings: tuple[Problem, ...] = ()


_PERIODS = (
    (re.compile(r"\b(\d{1,2}) thang cuoi nam (\d{4})\b"), "last"),
    (re.compile(r"\b(\d{1,2}) thang đau nam (\d{4})\b"), "first"),
    (re.compile(r"\bquy (i{1,3}|iv)\s*(?:/|nam)?\s*(\d{4})\b"), "quarter"),
    (re.compile(r"\bnam (\d{4})\b"), "year"),
    (re.compile(r"\bgiai đoan (\d{4})\s*-\s*(\d{4})\b"), "span"),
)


#: What a title cites rather than names as its period: a full date ("ngày 22 tháng 12
#: năm 2024", "ngày 22/12/2024", "22/12/2024") or a document number with its year
#: ("30/2020/NĐ-CP").
_CITED = re.compile(
    r"\b(?:ngay\s+)?\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b"
    r"|\b(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b"
    r"|\b\d+\s*/\s*\d{4}\s*/\s*[\w-]+"
)


def _months(year: int, first: int, last: int) -> DateSpan:
    end = calendar.monthrange(year, last)[1]
    return DateSpan(start=date(year, first, 1), end=date(year, last, end))


def period_from_text(text: str) -> DateSpan | None:
    """The period a plan's title names: "04 tháng cuối năm 2025", "năm 2026", "Quý IV/2025".

    >>> str(period_from_text("Kiểm soát TTHC 04 tháng cuối năm 2025"))
    '2025-09-01/2025-12-31'
    >>> str(period_from_text("Kế hoạch cải cách hành chính giai đoạn 2021 - 2025"))
    '2021-01-01/2025-12-31'

    A date or a document number cited in the title is not the plan's period: "thực hiện
    Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024" says when that resolution was
    signed, not when this plan runs.

    >>> period_from_text("Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024") is None
    True
    >>> str(period_from_text("Thực hiện Nghị quyết 57 ngày 22/12/2024 trong năm 2025"))
    '2025-01-01/2025-12-31'
    """
    key = _CITED.sub(" ", fold(text))
    key = re.sub(r"\s*([-–/])\s*", lambda m: "-" if m.group(1) != "/" else "/", key)
    for pattern, kind in _PERIODS:
        for m in pattern.finditer(key):
            a, b = int(m.group(1)) if kind != "quarter" else from_roman(m.group(1)), 0
            if kind != "year":
                b = int(m.group(2))
            if kind == "last" and 0 < a <= 12 and b >= 1900:
                return _months(b, 13 - a, 12)
            if kind == "first" and 0 < a <= 12 and b >= 1900:
                return _months(b, 1, a)
            if kind == "quarter" and b >= 1900:
                return _months(b, 3 * a - 2, 3 * a)
            if kind == "year" and a >= 1900:
                return _months(a, 1, 12)
            if kind == "span" and 1900 <= a <= b:
                return DateSpan(start=date(a, 1, 1), end=date(b, 12, 31))
    return None


def year_hint(front: FrontMatter, year: int | None = None) -> int | None:
    """The plan's year as the document around the table gives it: a one-year period in
    the title, else the issue date's year, else ``year`` (the caller's assumption).

    >>> year_hint(FrontMatter(title="Kiểm soát thủ tục hành chính năm 2026"))
    2026
    >>> year_hint(FrontMatter(), 2025)
    2025
    """
    for text in (front.title, front.appendix_title):
        span = period_from_text(text) if text else None
        if span is not None and span.start.year == span.end.year:
            return span.start.year
    if front.issued is not None:
        return front.issued.year
    return year


def _due_dates(tasks: Iterable[Task]) -> Iterator[date]:
    for t in tasks:
        if t.deadline is not None and t.deadline.kind in ("by_date", "by_period"):
            yield from t.deadline.due_dates(date.min, date.max)


def build_plan(
    front: FrontMatter,
    table: TableResult,
    *,
    path: Path | None,
    year: int | None = None,
    extra_warnings: Sequence[Problem] = (),
) -> ImportResult:
    """Assemble the plan from what the source said, placeholders for what it did not.

    Every placeholder is reported as a warning naming the field, so that the person
    fills it in before the plan is rendered or signed.

    Raises:
        PlanInvalid: the assembled plan fails the plan checks (a bug: the importer is
            meant to produce only valid plans).
    """
    warnings: list[Problem] = list(extra_warnings)

    def missing(where: str, what: str, advice: str = "fill it in") -> None:
        warnings.append(
            Problem(
                message=f"{what}; {advice}",
                severity=Severity.WARNING,
                where=where,
                file=path,
            )
        )

    dues = sorted(_due_dates(table.tasks))
    period: DateSpan | None = None
    for text in (front.title, front.appendix_title):
        if text and (period := period_from_text(text)) is not None:
            break
    if period is None and dues:
        period = DateSpan(start=date(dues[0].year, 1, 1), end=date(dues[-1].year, 12, 31))
    if period is None:
        guess = front.issued.year if front.issued else year
        if guess is None:
            guess = PLACEHOLDER_YEAR
        period = DateSpan(start=date(guess, 1, 1), end=date(guess, 12, 31))
        missing("period", f"the plan's period is not evident; set to the year {guess}")
    elif dues and (dues[0] < period.start or dues[-1] > period.end):
        wider = DateSpan(start=min(period.start, dues[0]), end=max(period.end, dues[-1]))
        missing(
            "period",
            f"completion times fall outside the period {period}; widened to {wider}",
        )
        period = wider

    issued = front.issued
    if issued is None:
        issued = IssueDate(year=period.start.year)
        missing("issued", f"no date line found; the issue date is set to {issued}")

    for where, note in front.notes:
        warnings.append(Problem(message=note, severity=Severity.WARNING, where=where, file=path))
    number = front.number
    if number is None:
        code = PLACEHOLDER_CODE
        number = DocumentNumber(type_code="KH", issuer_code=code)
        if any(where == "number" for where, _ in front.notes):
            missing("number", f"set to '{number}'")
        else:
            missing("number", f"no 'Số: .../KH-...' line found; the number is set to '{number}'")

    issuer_name = front.issuer
    if issuer_name is None:
        missing("issuer.name", f"the issuing body is not found; set to {PLACEHOLDER!r}")
        issuer_name = PLACEHOLDER
    for name, upper_text in front.guessed_case:
        where = {"issuer": "issuer.name", "parent": "issuer.parent"}.get(name, name)
        shown = upper_text if len(upper_text) <= 60 else upper_text[:57] + "..."
        missing(where, f"written in capitals ({shown!r})", "check the case of the letters")
    parent = front.parent
    place = front.place
    if place is None:
        missing(
            "issuer.place", f"no place-and-date line found; the place is set to {PLACEHOLDER!r}"
        )
        place = PLACEHOLDER
    abbreviation = number.issuer_code
    if abbreviation == PLACEHOLDER_CODE:
        missing("issuer.abbreviation", f"unknown; set to {PLACEHOLDER_CODE!r}")

    title = front.title
    if not title and front.appendix_title:
        title = front.appendix_title
        missing("title", f"no summary under the plan's name; the appendix title is used: {title!r}")
    if not title:
        title = PLACEHOLDER
        missing("title", f"no summary (trích yếu) found; set to {PLACEHOLDER!r}")

    signer = front.signer
    if signer is None:
        signer = Signer(title=PLACEHOLDER, name=PLACEHOLDER)
        missing("signer", f"no signature block found; title and name set to {PLACEHOLDER!r}")

    plan = Plan(
        issuer=Organization(
            name=issuer_name, abbreviation=abbreviation, place=place, parent=parent
        ),
        number=number,
        issued=issued,
        title=title,
        period=period,
        signer=signer,
        type_name=front.type_name or "Kế hoạch",
        units=table.units,
        tasks=table.tasks,
        appendix_title=front.appendix_title or "",
    )
    checks = check_plan(plan)
    if any(p.is_error for p in checks):
        raise PlanInvalid(p.located(path) for p in checks)
    warnings += table.warnings
    warnings += (p.located(path) for p in checks)
    return ImportResult(plan=plan, warnings=tuple(warnings))
