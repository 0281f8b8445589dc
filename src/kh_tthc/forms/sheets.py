"""The báo cáo and the agenda as Excel workbooks, laid out like the forms.

Times New Roman, wrapped text, a frozen header repeated on every printed page, A4
landscape. Every text is written as a string, never a formula (docs/security.md).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from kh_tthc.forms.write import _FONT, _lines, _text
from kh_tthc.periods import short_date
from kh_tthc.vn import format_number, format_percent

if TYPE_CHECKING:
    from kh_tthc.report import Report
    from kh_tthc.schedule import Schedule

__all__ = ["agenda_xlsx", "report_xlsx", "schedule_xlsx"]

Cell = str | float | int | None


def _table(
    book: Any,
    name: str,
    title: str,
    headings: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Cell]],
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(name)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = get_column_letter(len(headings))
    _text(ws, "A1", title).font = Font(name=_FONT, size=13, bold=True)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    for index, (heading, width) in enumerate(headings, start=1):
        letter = get_column_letter(index)
        cell = _text(ws, f"{letter}3", heading)
        cell.font = Font(name=_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[3].height = 64
    for number, values in enumerate(rows, start=4):
        height = 1
        for index, value in enumerate(values, start=1):
            ref = f"{get_column_letter(index)}{number}"
            if isinstance(value, str):
                cell = _text(ws, ref, value)
                height = max(height, _lines(value, headings[index - 1][1]))
            else:
                cell = ws[ref]
                cell.value = value
            cell.font = Font(name=_FONT, size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = box
        ws.row_dimensions[number].height = height * 16
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _book() -> Any:
    from openpyxl import Workbook

    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    return book


def _bytes(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _day(d: date | None) -> str:
    return "" if d is None else short_date(d)


def report_xlsx(report: Report) -> bytes:
    """The báo cáo's figures and task table as an Excel workbook (two sheets).

    >>> from kh_tthc import load_plan, load_progress, Report
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> q4 = load_progress("examples/skhcn-thai-nguyen-2025/progress-2025-Q4.csv", plan)
    >>> data = report_xlsx(Report(plan=plan, period=q4.period, progress=q4,
    ...                           as_of=date(2025, 12, 15)))
    >>> data[:2]
    b'PK'
    """
    book = _book()
    counts = report.counts
    rate = report.completion_rate
    figures: list[Sequence[Cell]] = [
        [status.label[:1].upper() + status.label[1:], n] for status, n in counts.items()
    ]
    figures.append(["Tổng số nhiệm vụ", counts.total])
    figures.append(["Tỷ lệ hoàn thành", "" if rate is None else format_percent(rate)])
    title = f"KẾT QUẢ THỰC HIỆN {report.plan.type_name.upper()} {report.period_phrase.upper()}"
    _table(book, "Số liệu", title, [("Chỉ số", 40), ("Số lượng", 16)], figures)
    indicators = [i for t in report.plan.tasks for i in t.indicators]
    rows: list[Sequence[Cell]] = []
    for record in report.to_records():
        rows.append(
            [
                record["number"],
                record["title"],
                "; ".join(record["lead"]),
                record["status_label"],
                ", ".join(short_date(d) for d in record["due"]),
                _day(record["completed"]),
                record["result"],
                *(
                    "" if record.get(i.id) is None else format_number(record[i.id])
                    for i in indicators
                ),
            ]
        )
    headings = [
        ("STT", 7),
        ("Nội dung nhiệm vụ", 42),
        ("Đơn vị chủ trì", 18),
        ("Trạng thái", 16),
        ("Hạn trong kỳ", 12),
        ("Ngày hoàn thành", 12),
        ("Kết quả thực hiện", 44),
        *((f"{i.name} ({i.unit or 'số'})", 14) for i in indicators),
    ]
    _table(book, "Nhiệm vụ", title, headings, rows)
    return _bytes(book)


def schedule_xlsx(agenda: Schedule) -> bytes:
    """The agenda (what is due, by whom) as an Excel workbook.

    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> schedule_xlsx(plan.schedule(as_of=date(2025, 10, 15)))[:2]
    b'PK'
    """
    from kh_tthc.schedule import Status

    book = _book()
    rows: list[Sequence[Cell]] = [
        [
            _day(r["due"]),
            Status(r["status"]).label,
            r["number"],
            r["label"] or "",
            "; ".join(r["lead"]),
            "; ".join(r["support"]),
            r["title"],
        ]
        for r in agenda.to_records()
    ]
    headings = [
        ("Hạn", 12),
        ("Trạng thái", 14),
        ("STT", 7),
        ("Kỳ", 12),
        ("Đơn vị chủ trì", 20),
        ("Đơn vị phối hợp", 20),
        ("Nội dung nhiệm vụ", 50),
    ]
    _table(book, "Lịch", "LỊCH THỰC HIỆN NHIỆM VỤ", headings, rows)
    return _bytes(book)


def agenda_xlsx(records: Sequence[Mapping[str, Any]], title: str) -> bytes:
    """An agenda across plans (``Portfolio.agenda_records``) as an Excel workbook, one row
    an item with the plan's number beside the task's.

    >>> agenda_xlsx([], "LỊCH VIỆC THEO CÁC KẾ HOẠCH")[:2]
    b'PK'
    """
    book = _book()
    rows: list[Sequence[Cell]] = [
        [
            _day(r["due"]),
            str(r["status_label"]),
            str(r["plan_number"]),
            str(r["task"]),
            "; ".join(r["units"]),
            str(r["title"]),
        ]
        for r in records
    ]
    headings = [
        ("Hạn", 12),
        ("Trạng thái", 14),
        ("Kế hoạch", 16),
        ("STT", 7),
        ("Đơn vị", 24),
        ("Nội dung nhiệm vụ", 50),
    ]
    _table(book, "Lịch", title, headings, rows)
    return _bytes(book)
