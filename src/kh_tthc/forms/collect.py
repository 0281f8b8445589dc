"""Collecting filled forms: each checked against the plan, then merged into one progress.

Every form is read by the XLSX reader of :mod:`kh_tthc.importing.xlsx` (package limits,
read-only mode, values and never formulas), checked cell by cell against the description
in :mod:`kh_tthc.forms.columns`, and its rows then go through the progress row reader
(the one that reads CSV and Excel progress files), so a form says nothing a progress file
could not. A problem names the file and the cell: ``Phòng CĐS.xlsx!F7: ...``. A form with
any error contributes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import frozen

from kh_tthc.errors import KhTthcError, PlanInvalid, Problem, Severity, SourceUnreadable
from kh_tthc.forms.columns import (
    DATA_SHEET,
    FIRST_ROW,
    FORM_VERSION,
    HEADER_ROW,
    IDENTITY_SHEET,
    FormColumn,
    column_letter,
    form_columns,
    plan_fingerprint,
    status_choices,
)
from kh_tthc.forms.write import (
    FormRow,
    Members,
    _indicators,
    _locked_value,
    check_members,
    form_rows,
    members_text,
    parse_members,
)
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.model import DocumentNumber, Plan, Task, TaskNumber
from kh_tthc.periods import Period, PeriodError
from kh_tthc.progress import (
    Progress,
    ProgressRow,
    ProgressStatus,
    _Collector,
    _loads_rows,
    check_progress,
    parse_date,
    parse_number,
    plan_matches,
)

__all__ = ["Collection", "Form", "Owed", "collect_forms", "merge_member_rows", "read_form"]

_FORMULA = re.compile(
    rb'<(?:\w+:)?c\b[^>]*\br="([A-Z]+\d+)"[^>]*>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f[\s>/]', re.S
)


@frozen(kw_only=True)
class Owed:
    """A unit that has not returned its form, and the tasks it owes a report on."""

    unit: str
    name: str
    tasks: tuple[FormRow, ...]


@frozen(kw_only=True)
class Collection:
    """What collecting a period's forms gives.

    ``progress`` merges every form; ``warnings`` are about forms that were read anyway;
    ``missing`` lists the units that returned no form; ``unreported`` the tasks no unit
    reported on.
    """

    progress: Progress
    forms: tuple[tuple[Path, str], ...]
    warnings: tuple[Problem, ...]
    missing: tuple[Owed, ...]
    unreported: tuple[Task, ...]


def _at(path: Path, ref: str, message: str, *, warning: bool = False) -> Problem:
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(message=message, where=f"{path}!{ref}" if ref else str(path), severity=severity)


def _formula_cells(path: Path) -> tuple[list[str], bool]:
    """Cells of the task sheet that hold a formula, and whether the book links elsewhere."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        links = any(n.startswith("xl/externalLinks/") for n in names)
        part = "xl/worksheets/sheet1.xml"
        cells = _FORMULA.findall(zf.read(part)) if part in names else []
    return [c.decode() for c in cells], links


@frozen(kw_only=True)
class Form:
    """A filled form as read: its unit, its rows as a progress, its warnings, and the
    collective-to-member mapping it was made with."""

    path: Path
    unit: str
    progress: Progress
    warnings: tuple[Problem, ...]
    members: dict[str, tuple[str, ...]]


def read_form(path: Path, plan: Plan, period: Period | None = None) -> Form:
    """Read one filled form: the unit it is for, its progress, and its warnings.

    Raises:
        SourceUnreadable: the file is missing or unreadable.
        PlanInvalid: listing every problem of the form, each with its file and cell.
    """
    from kh_tthc.importing.xlsx import read_sheets

    try:
        sheets, book_warnings = read_sheets(path)
    except SourceUnreadable:
        raise
    except KhTthcError as exc:
        raise PlanInvalid((_at(path, "", _reason(exc, path)),)) from None
    problems: list[Problem] = []
    formulas, links = _formula_cells(path)
    if links:
        problems.append(_at(path, "", "links to other workbooks; a form has none"))
    for ref in formulas:
        problems.append(
            _at(path, ref, "holds a formula; type the value itself (formulas are not read)")
        )
    by_name = {s.name: s for s in sheets}
    ident_sheet = by_name.get(IDENTITY_SHEET)
    data = by_name.get(DATA_SHEET)
    if ident_sheet is None or data is None:
        raise PlanInvalid(
            (
                _at(
                    path,
                    "",
                    "is not a kh-tthc reporting form (no hidden identity sheet or no "
                    f"{DATA_SHEET!r} sheet); use the forms made by 'kh-tthc forms'",
                ),
            )
        )
    ident = {r.text(0): r.text(1) for r in ident_sheet.rows}
    unit, form_period = _check_identity(path, plan, period, ident, problems)
    if unit is None or form_period is None:
        raise PlanInvalid(tuple(problems))
    try:
        mapping = check_members(plan, parse_members(ident.get("members", "")))
    except ValueError as exc:
        raise PlanInvalid((*problems, _at(path, "", str(exc)))) from None
    expected = form_rows(plan, form_period, members=mapping).get(unit, ())
    columns = form_columns(_indicators(expected))
    if ident.get("columns") != ",".join(c.key for c in columns) or ident.get("tasks") != ",".join(
        str(r.task.number) for r in expected
    ):
        problems.append(
            _at(
                path,
                "",
                "was made from another version of the plan's tasks for this unit; send the "
                "unit a new form",
            )
        )
        raise PlanInvalid(tuple(problems))
    rows = {r.line: r for r in data.rows}
    header = rows.get(HEADER_ROW)
    for index, col in enumerate(columns):
        got = header.text(index) if header is not None else ""
        if got != col.heading:
            ref = f"{column_letter(index + 1)}{HEADER_ROW}"
            problems.append(
                _at(path, ref, f"heading changed: expected {col.heading!r}, got {got!r}")
            )
    raw: list[RawRow] = [
        RawRow(cells=(Cell(text=f"# plan: {plan.number}"),), line=1),
        RawRow(cells=(Cell(text=f"# period: {form_period.iso}"),), line=2),
        RawRow(cells=tuple(Cell(text=c) for c in ("task", "unit", *_open_keys(columns))), line=3),
    ]
    for offset, expect in enumerate(expected):
        number = FIRST_ROW + offset
        row = rows.get(number, RawRow(cells=()))
        cells = _check_row(path, number, row, columns, expect, problems)
        if cells is not None:
            raw.append(
                RawRow(
                    cells=tuple(
                        Cell(text=c)
                        for c in (str(expect.task.number), expect.behalf or unit, *cells)
                    ),
                    line=number,
                )
            )
    extra = [
        n
        for n in rows
        if n is not None
        and n >= FIRST_ROW + len(expected)
        and any(c.text.strip() for c in rows[n].cells)
    ]
    for n in extra:
        problems.append(_at(path, f"A{n}", "a row below the form's tasks; add no rows to a form"))
    if len(raw) == 3 and not any(p.is_error for p in problems):
        problems.append(
            _at(
                path, "", "empty form: no task has a trạng thái; fill in the form before sending it"
            )
        )
    if any(p.is_error for p in problems):
        raise PlanInvalid(tuple(problems))
    out = _Collector(plan)
    try:
        progress, more = _loads_rows(raw, out, period=form_period, source=path)
    except PlanInvalid as exc:
        raise PlanInvalid(tuple(problems) + exc.problems) from None
    warnings = [*book_warnings, *problems, *more]
    located = tuple(w.located(path) for w in warnings)
    return Form(path=path, unit=unit, progress=progress, warnings=located, members=mapping)


def _reason(exc: KhTthcError, path: Path) -> str:
    text = str(exc)
    prefix = f"{path}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def _open_keys(columns: Sequence[FormColumn]) -> list[str]:
    return [c.key for c in columns if not c.locked]


def _check_identity(
    path: Path,
    plan: Plan,
    period: Period | None,
    ident: dict[str, str],
    problems: list[Problem],
) -> tuple[str | None, Period | None]:
    where = IDENTITY_SHEET
    if ident.get("version") != FORM_VERSION:
        problems.append(
            _at(path, where, f"a form of another kh-tthc version ({ident.get('version')!r})")
        )
        return None, None
    try:
        number = DocumentNumber.parse(ident.get("plan", ""))
    except ValueError:
        number = None
    if number is None or not plan_matches(plan, number) or ident.get("issuer") != plan.issuer.name:
        problems.append(
            _at(
                path,
                "",
                f"is a form of plan {ident.get('plan')!r} of {ident.get('issuer')!r}, "
                f"not of plan {str(plan.number)!r} of {plan.issuer.name!r}",
            )
        )
        return None, None
    try:
        form_period = Period.parse(ident.get("period", ""))
    except PeriodError:
        problems.append(_at(path, "", f"names no valid period ({ident.get('period')!r})"))
        return None, None
    if period is not None and form_period != period:
        problems.append(_at(path, "", f"is a form for {form_period.label}, not {period.label}"))
        return None, None
    if ident.get("fingerprint") != plan_fingerprint(plan):
        problems.append(
            _at(
                path,
                "",
                "was made from an older or different version of the plan's tasks; "
                "send the unit a new form",
            )
        )
        return None, None
    unit = ident.get("unit", "")
    if unit not in {u.id for u in plan.units}:
        problems.append(_at(path, "", f"is for unit {unit!r}, which the plan does not have"))
        return None, None
    return unit, form_period


def _check_row(
    path: Path,
    number: int,
    row: RawRow,
    columns: Sequence[FormColumn],
    expect: FormRow,
    problems: list[Problem],
) -> list[str] | None:
    """The open cells of a task row as progress text, or None when the row is blank or wrong."""
    before = sum(p.is_error for p in problems)
    for index, col in enumerate(columns):
        if col.locked:
            want = _locked_value(col, expect)
            got = row.text(index)
            if got.strip() != want.strip():
                ref = f"{column_letter(index + 1)}{number}"
                problems.append(
                    _at(path, ref, f"a pre-filled cell was changed: expected {want!r}, got {got!r}")
                )
    texts = []
    status_given = False
    any_given = False
    for index, col in enumerate(columns):
        if col.locked:
            continue
        ref = f"{column_letter(index + 1)}{number}"
        text = row.text(index).strip()
        any_given = any_given or bool(text)
        if col.kind == "status" and text:
            status_given = True
            try:
                ProgressStatus.parse(text)
            except ValueError:
                problems.append(
                    _at(
                        path,
                        ref,
                        f"trạng thái {text!r} is not one of: {', '.join(status_choices())}",
                    )
                )
        elif col.kind == "number" and text:
            unit = col.indicator.unit if col.indicator is not None else ""
            try:
                parse_number(text, percent=unit == "%")
            except ValueError as exc:
                problems.append(_at(path, ref, f"{col.heading}: {exc}"))
        elif col.kind == "date" and text:
            try:
                parse_date(text)
            except ValueError as exc:
                problems.append(_at(path, ref, f"{col.heading}: {exc}"))
        elif col.kind == "text" and text and _is_number(text) and col.key == "result":
            problems.append(
                _at(path, ref, f"{col.heading}: a bare number {text!r}; say in words what was done")
            )
        texts.append(text)
    if any_given and not status_given:
        status_col = next(i for i, c in enumerate(columns) if c.kind == "status")
        problems.append(
            _at(
                path,
                f"{column_letter(status_col + 1)}{number}",
                "no trạng thái, though the row is filled in",
            )
        )
    if sum(p.is_error for p in problems) > before or not status_given:
        return None
    return texts


def _is_number(text: str) -> bool:
    return re.fullmatch(r"[\d.,\s%]+", text) is not None


_ORDER = (
    ProgressStatus.NOT_STARTED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.DONE_LATE,
    ProgressStatus.DONE,
)


def merge_member_rows(plan: Plan, pairs: Sequence[tuple[str, ProgressRow]]) -> ProgressRow:
    """One row for a collective unit from its member units' rows on the same task, given
    as (member unit id, row) pairs.

    The status: "không phát sinh" when every member says so; else, leaving those out, the
    same status when all agree, "hoàn thành quá hạn" when all are done and one was late,
    "đang thực hiện" otherwise. The completion day is the last member's; results,
    difficulties and proposals are kept, each after its member's name; an indicator's
    value is the sum of the members' values, or their mean for a "%" indicator.
    """
    rows = [r for _, r in pairs]
    first = rows[0]
    if len(rows) == 1:
        return first
    applicable = [r for r in rows if r.status is not ProgressStatus.NOT_APPLICABLE]
    statuses = {r.status for r in applicable}
    if not applicable:
        status = ProgressStatus.NOT_APPLICABLE
    elif len(statuses) == 1:
        status = applicable[0].status
    elif all(s.is_done for s in statuses):
        status = ProgressStatus.DONE_LATE
    else:
        status = ProgressStatus.IN_PROGRESS
    completed = None
    if status.is_done:
        days = [r.completed for r in applicable if r.completed is not None]
        completed = max(days) if days else None
    names = {u.id: u.name for u in plan.units}

    def joined(key: str) -> str:
        parts = [(names.get(m, m), str(getattr(r, key))) for m, r in pairs]
        return "\n".join(f"{n}: {t}" for n, t in parts if t)

    percent = {i.id for t in plan.tasks for i in t.indicators if i.unit == "%"}
    values: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r.values:
            values.setdefault(k, []).append(v)
    return ProgressRow(
        task=first.task,
        unit=first.unit,
        status=status,
        result=joined("result"),
        completed=completed,
        difficulty=joined("difficulty"),
        proposal=joined("proposal"),
        values={k: sum(v) / len(v) if k in percent else sum(v) for k, v in values.items()},
    )


def collect_forms(
    plan: Plan,
    paths: Iterable[str | Path],
    *,
    period: Period | None = None,
    members: Members | None = None,
) -> Collection:
    """Read filled forms and merge them into one progress for their period.

    Two forms from one unit: the one modified later is kept, with a warning. Rows that
    member units report for their collective unit are merged into one
    (:func:`merge_member_rows`).

    Args:
        plan: The plan the forms were made from.
        paths: The returned forms.
        period: The period; when None, the forms' own (they must agree).
        members: The collective-to-member mapping the forms were made with, for the list
            of units that still owe a form; by default the one the forms record.

    Raises:
        SourceUnreadable: a file is missing or unreadable.
        PlanInvalid: listing every problem of every form; nothing is merged.
    """
    problems: list[Problem] = []
    read: dict[str, Form] = {}
    chosen = period
    mapping: dict[str, tuple[str, ...]] | None = (
        None if members is None else check_members(plan, members)
    )
    for raw_path in paths:
        path = Path(raw_path)
        try:
            form = read_form(path, plan, chosen)
        except PlanInvalid as exc:
            problems += exc.problems
            continue
        if mapping is None:
            mapping = form.members
        elif members is None and form.members != mapping:
            problems.append(
                _at(
                    path,
                    "",
                    f"was made with other member units ({members_text(form.members)!r}) "
                    f"than the other forms ({members_text(mapping)!r})",
                )
            )
            continue
        chosen = chosen or form.progress.period
        problems += form.warnings
        earlier = read.get(form.unit)
        if earlier is not None:
            keep, drop = form, earlier
            if earlier.path.stat().st_mtime > path.stat().st_mtime:
                keep, drop = earlier, form
            problems.append(
                _at(
                    keep.path,
                    "",
                    f"a second form from unit {form.unit!r}; {drop.path} is ignored",
                    warning=True,
                )
            )
            form = keep
        read[form.unit] = form
    if any(p.is_error for p in problems):
        raise PlanInvalid(tuple(problems))
    if chosen is None:
        raise PlanInvalid((Problem(message="no forms given"),))
    grouped: dict[tuple[TaskNumber, str], list[tuple[str, ProgressRow]]] = {}
    for unit_id in [u.id for u in plan.units]:
        if unit_id in read:
            for row in read[unit_id].progress.rows:
                grouped.setdefault((row.task, row.unit), []).append((unit_id, row))
    order = {t.number: i for i, t in enumerate(plan.tasks)}
    unit_order = {u.id: i for i, u in enumerate(plan.units)}
    rows = [merge_member_rows(plan, pairs) for pairs in grouped.values()]
    rows.sort(key=lambda r: (order.get(r.task, 0), unit_order.get(r.unit, 0)))
    progress = Progress(period=chosen, plan=plan.number, rows=tuple(rows))
    errors = [p for p in check_progress(plan, progress) if p.is_error]
    if errors:
        raise PlanInvalid(tuple(errors))
    expected = form_rows(plan, chosen, members=mapping or {})
    missing = tuple(
        Owed(unit=u, name=plan.unit(u).name, tasks=r) for u, r in expected.items() if u not in read
    )
    reported: set[TaskNumber] = {r.task for r in rows}
    seen: dict[TaskNumber, Task] = {}
    for form_list in expected.values():
        for r in form_list:
            seen.setdefault(r.task.number, r.task)
    unreported = tuple(t for t in plan.tasks if t.number in seen and t.number not in reported)
    return Collection(
        progress=progress,
        forms=tuple((f.path, u) for u, f in read.items()),
        warnings=tuple(problems),
        missing=missing,
        unreported=unreported,
    )
