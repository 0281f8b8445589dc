"""Writing the reporting forms: one Excel workbook per unit, for one period.

A form lists the unit's tasks that the period's báo cáo covers (Nghị định 09/2019/NĐ-CP,
Điều 12: the data cut-off window): tasks due in the period, ongoing work, periodic
sendings, and on-event tasks, for which "không phát sinh" is a valid answer. The columns
come from :mod:`kh_tthc.forms.columns`; the plan's cells are locked, the unit's are open.

Text from the plan is always written as a string, never as a formula (docs/security.md).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from attrs import frozen

from kh_tthc.calendar import WorkCalendar
from kh_tthc.forms.columns import (
    DATA_SHEET,
    FIRST_ROW,
    FORM_VERSION,
    GUIDE_SHEET,
    HEADER_ROW,
    IDENTITY_SHEET,
    FormColumn,
    column_letter,
    form_columns,
    plan_fingerprint,
    status_choices,
)
from kh_tthc.io.output import output_path
from kh_tthc.model import Indicator, Plan, Task, Unit
from kh_tthc.periods import Period, SendingRule, short_date
from kh_tthc.progress import Progress

__all__ = [
    "FormRow",
    "check_members",
    "default_due",
    "form_file_name",
    "form_rows",
    "make_forms",
    "members_text",
    "parse_members",
]

_DATED = frozenset({"by_date", "by_period"})
_FONT = "Times New Roman"


Members = Mapping[str, Sequence[str]]


@frozen(kw_only=True)
class FormRow:
    """One task on one unit's form: the task, whether the unit leads or supports it, and
    the plan unit the row reports for: the form's own unit, or the collective unit it
    belongs to (``behalf``) when ``members`` maps one to its member units."""

    task: Task
    lead: bool
    behalf: str | None = None
    behalf_name: str = ""

    @property
    def role(self) -> str:
        """ "chủ trì" or "phối hợp", and for whom when on behalf of a collective unit."""
        role = "chủ trì" if self.lead else "phối hợp"
        return f"{role} (thuộc {self.behalf_name})" if self.behalf else role


def check_members(plan: Plan, members: Members) -> dict[str, tuple[str, ...]]:
    """The members mapping checked: collective unit ids of the plan to unit ids of the plan.

    Raises:
        ValueError: naming an unknown unit, a unit that is not collective, or a member
            that is itself collective.
    """
    units = plan.units_by_id
    known = ", ".join(units)
    checked: dict[str, tuple[str, ...]] = {}
    for group, ids in members.items():
        if group not in units:
            raise ValueError(f"--members: unknown unit {group!r} (expected one of: {known})")
        if not units[group].is_collective:
            raise ValueError(f"--members: {group!r} ({units[group].name}) is not a collective unit")
        for member in ids:
            if member not in units:
                raise ValueError(f"--members: unknown unit {member!r} (expected one of: {known})")
            if units[member].is_collective:
                raise ValueError(f"--members: member {member!r} is itself a collective unit")
        checked[group] = tuple(dict.fromkeys(ids))
    return checked


def form_rows(
    plan: Plan, period: Period, *, members: Members | None = None
) -> dict[str, tuple[FormRow, ...]]:
    """Each unit's rows for ``period``, keyed by unit id in the plan's unit order.

    The tasks are those of the period's báo cáo (:class:`kh_tthc.report.Report`), less the
    dated tasks whose first due date comes after the period ends. A collective unit that
    ``members`` maps to its member units gets no form: each member gets its rows.

    Raises:
        ValueError: ``members`` names an unknown or non-collective unit.
    """
    from kh_tthc.report import Report

    groups = check_members(plan, members or {})

    window = period.cutoff()
    empty = Report(plan=plan, period=period, progress=Progress(period=period), as_of=window.end)
    rows: dict[str, list[FormRow]] = {u.id: [] for u in plan.units}
    for result in empty.tasks:
        task = result.task
        deadline = task.deadline
        later = (
            deadline is not None
            and deadline.kind in _DATED
            and not result.due
            and result.carried_over is None
            and not deadline.due_dates(window.start, period.end)
        )
        if later:
            continue  # due after the period: on a later form
        roles = [(u, True) for u in task.lead]
        roles += [(u, False) for u in task.support if u not in task.lead]
        for unit, lead in roles:
            if unit in groups:
                name = plan.unit(unit).name
                for member in groups[unit]:
                    row = FormRow(task=task, lead=lead, behalf=unit, behalf_name=name)
                    rows.setdefault(member, []).append(row)
            else:
                rows.setdefault(unit, []).append(FormRow(task=task, lead=lead))
    return {u: tuple(r) for u, r in rows.items() if r}


def members_text(members: Members) -> str:
    """The mapping as the identity sheet keeps it: "phong=cds|vp;..".

    >>> members_text({"phong": ["cds", "vp"]})
    'phong=cds|vp'
    """
    return ";".join(f"{g}={'|'.join(ids)}" for g, ids in sorted(members.items()))


def parse_members(text: str) -> dict[str, tuple[str, ...]]:
    """The mapping from :func:`members_text`'s form, or from ``--members phong=cds,vp``.

    >>> parse_members("phong=cds|vp;all=cntt")
    {'phong': ('cds', 'vp'), 'all': ('cntt',)}
    """
    out: dict[str, tuple[str, ...]] = {}
    for part in text.split(";"):
        group, sep, ids = part.partition("=")
        if not part.strip():
            continue
        if not sep or not group.strip():
            raise ValueError(f"expected COLLECTIVE=MEMBER,MEMBER..., got {part!r}")
        out[group.strip()] = tuple(i.strip() for i in re.split(r"[|,]", ids) if i.strip())
    return out


def default_due(plan: Plan, period: Period, calendar: WorkCalendar | None = None) -> date:
    """When units return their forms: 3 working days before the báo cáo is due upward.

    The báo cáo's own date follows the plan's sending rule (by default 2 working days after
    the cut-off, Nghị định 09/2019/NĐ-CP, Điều 12).
    """
    cal = calendar or WorkCalendar.vietnam()
    rule = plan.reporting or SendingRule.default()
    return cal.add_working_days(rule.deadline(period, cal), -3)


def form_file_name(unit: Unit) -> str:
    """The form's file name: the unit's name, safe on every file system.

    >>> form_file_name(Unit(id="cds", name="Phòng Chuyển đổi số"))
    'Phòng Chuyển đổi số.xlsx'
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", unit.name).strip(" .")
    return f"{name[:120].strip() or unit.id}.xlsx"


def make_forms(
    plan: Plan,
    period: Period,
    folder: str | Path,
    *,
    due: date | None = None,
    calendar: WorkCalendar | None = None,
    members: Members | None = None,
    inputs: Sequence[Path | None] = (),
) -> tuple[Path, ...]:
    """Write one form per unit that leads or supports a task of ``period`` into ``folder``.

    Args:
        plan: The plan.
        period: The reporting period.
        folder: Where the forms go; created when missing. Existing forms are replaced.
        due: The day units return their forms (default: :func:`default_due`).
        calendar: The working calendar for the default due day.
        members: Collective unit ids mapped to their member units, who then each get the
            collective's rows instead of the collective getting a form.
        inputs: The command's input files, which an output must never replace.

    Returns:
        The forms written, in the plan's unit order.

    >>> import tempfile
    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> with tempfile.TemporaryDirectory() as out:
    ...     paths = make_forms(plan, Period.parse("2025-Q4"), out)
    ...     paths[0].name
    'Văn phòng Sở.xlsx'
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    when = due or default_due(plan, period, calendar)
    written = []
    mapping = check_members(plan, members or {})
    for unit_id, rows in form_rows(plan, period, members=mapping).items():
        unit = plan.unit(unit_id)
        path = out / form_file_name(unit)
        with output_path(path, inputs=tuple(inputs)) as tmp:
            build_form(plan, period, unit, rows, due=when, members=mapping).save(tmp)
            _reproducible(tmp)
        written.append(path)
    return tuple(written)


def _reproducible(path: Path) -> None:
    """With ``SOURCE_DATE_EPOCH`` set (reproducible-builds.org), give the workbook that
    time instead of now, in its properties and its zip entries: the same plan then makes
    the same bytes, so forms kept in a repository change only when their content does."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.isdigit():
        return
    when = datetime.fromtimestamp(int(epoch), tz=UTC)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as zin:
        parts = [(info.filename, zin.read(info)) for info in zin.infolist()]
    fixed = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data
                )
            zout.writestr(zipfile.ZipInfo(name, date_time=fixed), data, zipfile.ZIP_DEFLATED)


def _text(ws: Any, ref: str, value: str) -> Any:
    """Put ``value`` in a cell as a string, never a formula, whatever it starts with."""
    cell = ws[ref]
    cell.value = value
    cell.data_type = "s"
    return cell


def _indicators(rows: Sequence[FormRow]) -> list[Indicator]:
    seen: dict[str, Indicator] = {}
    for r in rows:
        for i in r.task.indicators:
            seen.setdefault(i.id, i)
    return list(seen.values())


def build_form(
    plan: Plan,
    period: Period,
    unit: Unit,
    rows: Sequence[FormRow],
    *,
    due: date,
    members: Members | None = None,
) -> Any:
    """The form of one unit as an openpyxl workbook (not saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = form_columns(_indicators(rows))
    book = Workbook()
    ws: Any = book.active
    ws.title = DATA_SHEET
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    last = column_letter(len(columns))

    title = (
        f"PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN {plan.type_name.upper()} SỐ {plan.number} "
        f"{period.label.upper()}"
    )
    _text(ws, "A1", title).font = Font(name=_FONT, size=13, bold=True)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    window = period.cutoff()
    line2 = (
        f"Đơn vị: {unit.name}. Số liệu từ ngày {short_date(window.start)} đến ngày "
        f"{short_date(window.end)}. Gửi Văn phòng Sở trước ngày {short_date(due)}."
    )
    _text(ws, "A2", line2).font = Font(name=_FONT, size=12, italic=True)
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[2].height = 32

    head_fill = PatternFill("solid", fgColor="D9E2F3")
    open_fill = PatternFill("solid", fgColor="FFF9E5")
    for index, col in enumerate(columns, start=1):
        letter = column_letter(index)
        cell = _text(ws, f"{letter}{HEADER_ROW}", col.heading)
        cell.font = Font(name=_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        cell.fill = head_fill
        ws.column_dimensions[letter].width = col.width
    ws.row_dimensions[HEADER_ROW].height = 80

    for offset, row in enumerate(rows):
        number = FIRST_ROW + offset
        # LibreOffice and Excel do not grow a row to its wrapped text on opening: set it.
        lines = max(_lines(_locked_value(c, row), c.width) for c in columns)
        ws.row_dimensions[number].height = max(lines, 2) * 16
        for index, col in enumerate(columns, start=1):
            ref = f"{column_letter(index)}{number}"
            value = _locked_value(col, row)
            cell = _text(ws, ref, value) if value else ws[ref]
            cell.font = Font(name=_FONT, size=12)
            cell.alignment = wrap
            cell.border = box
            if not col.locked:
                cell.protection = Protection(locked=False)
                cell.fill = open_fill
                if col.kind == "date":
                    cell.number_format = "DD/MM/YYYY"

    end = FIRST_ROW + max(len(rows), 1) - 1
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(status_choices()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error="Chọn một trạng thái trong danh sách.",
    )
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Chỉ tiêu",
        error="Nhập một số (0 trở lên), ví dụ 95,5.",
    )
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày hoàn thành",
        error="Nhập một ngày, ví dụ 20/11/2025.",
    )
    for index, col in enumerate(columns, start=1):
        span = f"{column_letter(index)}{FIRST_ROW}:{column_letter(index)}{end}"
        if col.kind == "status":
            statuses.add(span)
        elif col.kind == "number":
            numbers.add(span)
        elif col.kind == "date":
            dates.add(span)
    for validation in (statuses, numbers, dates):
        if validation.sqref:
            ws.add_data_validation(validation)

    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_options.horizontalCentered = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    _guide(book, plan, period, unit, due)
    _identity(book, plan, period, unit, rows, columns, members or {})
    book.security = WorkbookProtection(lockStructure=True)
    book.active = 0
    return book


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate
    for Times New Roman 12, whose letters are narrower than Excel's width unit)."""
    per_line = max(int(width * 1.3), 1)
    return max(1, sum(-(-len(part) // per_line) or 1 for part in text.split("\n")))


def _locked_value(col: FormColumn, row: FormRow) -> str:
    task = row.task
    if col.key == "task":
        return str(task.number)
    if col.key == "title":
        return task.title
    if col.key == "role":
        return row.role
    if col.key == "deadline":
        return "" if task.deadline is None else str(task.deadline)
    if col.key == "targets":
        return "; ".join(i.label for i in task.indicators)
    return ""


def guide_lines(plan: Plan, period: Period, unit: Unit, due: date) -> tuple[str, ...]:
    """The text of the "Hướng dẫn" sheet."""
    window = period.cutoff()
    return (
        "HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO",
        f"Kế hoạch số {plan.number} của {plan.issuer.name}: {plan.title}.",
        f"Kỳ báo cáo: {period.label}; số liệu từ ngày {short_date(window.start)} đến ngày "
        f"{short_date(window.end)} (Nghị định số 09/2019/NĐ-CP, Điều 12).",
        f"Đơn vị báo cáo: {unit.name}.",
        "1. Trên trang 'Báo cáo', mỗi dòng là một nhiệm vụ đơn vị chủ trì hoặc phối hợp.",
        "2. Chọn 'Trạng thái' trong danh sách; với nhiệm vụ chỉ thực hiện khi phát sinh mà "
        "trong kỳ không có việc, chọn 'Không phát sinh'.",
        "3. Ghi 'Kết quả thực hiện' bằng lời; ghi 'Ngày hoàn thành' khi đã hoàn thành.",
        "4. Với nhiệm vụ có chỉ tiêu, ghi giá trị đạt được bằng số (ví dụ 95,5).",
        "5. Ghi khó khăn, vướng mắc và đề xuất, kiến nghị nếu có.",
        "6. Không sửa các cột đã điền sẵn, không đổi tên tệp hoặc trang tính.",
        f"Gửi phiếu về Văn phòng Sở trước ngày {short_date(due)}.",
    )


def _guide(book: Any, plan: Plan, period: Period, unit: Unit, due: date) -> None:
    from openpyxl.styles import Alignment, Font

    ws: Any = book.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 110
    for number, line in enumerate(guide_lines(plan, period, unit, due), start=1):
        cell = _text(ws, f"A{number}", line)
        cell.font = Font(name=_FONT, size=12, bold=number == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[number].height = _lines(line, 110) * 16
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.protection.sheet = True


def identity(
    plan: Plan,
    period: Period,
    unit: Unit,
    rows: Sequence[FormRow],
    columns: Sequence[FormColumn],
    members: Members,
) -> tuple[tuple[str, str], ...]:
    """What the hidden sheet records, as (key, value) pairs."""
    return (
        ("version", FORM_VERSION),
        ("plan", str(plan.number)),
        ("issuer", plan.issuer.name),
        ("year", str(plan.issued.year)),
        ("period", period.iso),
        ("fingerprint", plan_fingerprint(plan)),
        ("unit", unit.id),
        ("columns", ",".join(c.key for c in columns)),
        ("tasks", ",".join(str(r.task.number) for r in rows)),
        ("members", members_text(members)),
    )


def _identity(
    book: Any,
    plan: Plan,
    period: Period,
    unit: Unit,
    rows: Sequence[FormRow],
    columns: Sequence[FormColumn],
    members: Members,
) -> None:
    ws: Any = book.create_sheet(IDENTITY_SHEET)
    pairs = identity(plan, period, unit, rows, columns, members)
    for number, (key, value) in enumerate(pairs, start=1):
        _text(ws, f"A{number}", key)
        _text(ws, f"B{number}", value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
