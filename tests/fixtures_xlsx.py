"""Excel workbooks for the import tests, built with openpyxl.

The seed workbook holds the seed plan's appendix (the Thái Nguyên Sở KH&CN plan in
``shared/seed``, as transcribed cell by cell in ``tests/fixtures_docx.py``): the real
header and rows, with the appendix title merged across the columns above it. The
two-row-header workbook is ILLUSTRATIVE: its wording is written in the style of
provincial plans and claims no source; it exists for the office-suite features
(merged header cells, cells merged down, a group row merged across).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from tests.built_once import built_once
from tests.fixtures_docx import SEED_BEFORE, SEED_HEADER, SEED_ROWS

__all__ = ["ILLUSTRATIVE_ROWS", "seed_xlsx", "two_row_header_xlsx", "workbook"]

Cell = str | int | float | datetime | None


@built_once()
def workbook(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    """A workbook with these sheets, in order, each a list of rows."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(str(path))
    return path


@built_once({})
def seed_xlsx(path: Path, *, notes_sheet: bool = True) -> Path:
    """The seed appendix on a sheet "Phụ lục", after a sheet of notes (no table)."""
    wb = openpyxl.Workbook()
    if notes_sheet:
        notes = wb.active
        assert notes is not None
        notes.title = "Hướng dẫn"
        notes["A1"] = "Sheet of notes with no table (illustrative)."
        ws = wb.create_sheet("Phụ lục")
    else:
        ws = wb.active
        assert ws is not None
        ws.title = "Phụ lục"
    titles = [t for t in SEED_BEFORE[-3:] if isinstance(t, str)]
    for text in titles:
        ws.append([text.removeprefix("**")])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
    ws.append(list(SEED_HEADER))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for stt, title, lead, support, deadline, style in SEED_ROWS:
        ws.append([stt, title, lead, support, deadline])
        if style.startswith("g"):
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    wb.save(str(path))
    return path


#: The illustrative table's body: STT, task, lead, support, completion time.
ILLUSTRATIVE_ROWS: tuple[tuple[Cell, ...], ...] = (
    ("I", "RÀ SOÁT VĂN BẢN (illustrative)", None, None, None),
    (1, "Rà soát quy định về thủ tục hành chính", "Văn phòng Sở", "Phòng Pháp chế", "Quý II/2026"),
    (2, "Công bố danh mục thủ tục hành chính", None, None, datetime(2026, 6, 30)),
    ("II", "KIỂM TRA (illustrative)", None, None, None),
    (1, "Kiểm tra việc giải quyết hồ sơ", "Thanh tra Sở", "Văn phòng Sở", "Thường xuyên"),
)


@built_once({}, {"second_sheet": False})
def two_row_header_xlsx(path: Path, *, second_sheet: bool = True) -> Path:
    """ILLUSTRATIVE: "Đơn vị thực hiện" merged over "Chủ trì" and "Phối hợp", STT and the
    other headings merged down two rows, group rows merged across, and task 2's lead and
    support cells merged down from task 1's."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kế hoạch 2026"
    ws.append(["KẾ HOẠCH RÀ SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2026 (illustrative)"])
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Nội dung công việc", "Đơn vị thực hiện", None, "Thời gian hoàn thành"])
    ws.append([None, None, "Chủ trì", "Phối hợp", None])
    for ref in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        ws.merge_cells(ref)
    for row in ILLUSTRATIVE_ROWS:
        ws.append(list(row))
        if isinstance(row[0], str):
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=5)
    ws.merge_cells("C5:C6")
    ws.merge_cells("D5:D6")
    if second_sheet:
        other = wb.create_sheet("Ghi chú")
        other.append(["Ghi chú (illustrative): the table is on the first sheet."])
    wb.save(str(path))
    return path
