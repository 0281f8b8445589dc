"""Import a plan's task table from an Excel workbook (.xlsx), through openpyxl.

The workbook is checked before openpyxl opens it, with the DOCX reader's limits
(:func:`kh_tthc.importing.package.check_package`): zip bombs, XML parts with a DOCTYPE or
entities, and sheets of more rows than a plan has are refused. It is then read in
openpyxl's read-only mode, which streams a sheet instead of loading it, and with cell
*values*: a formula gives the value Excel saved with it (a formula never recalculated has
none, and is reported). Links to other workbooks are not followed.

A read-only sheet does not expose its merged cells, so they are read from the sheet's own
``<mergeCells>``: the lower part of a cell merged down carries the value above it, and a
cell merged across marks a group row, as in a Word table. The sheet holding the task
table is the one whose header row is recognised (the same header words as for Word and
CSV); when several are, the caller names one. The rows then go through the shared row
logic (:func:`kh_tthc.importing.tasks.rows_to_tasks`).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar
from xml.etree.ElementTree import iterparse

from attrs import frozen

from kh_tthc.errors import Problem, Severity
from kh_tthc.importing.docx import MAX_FILE_BYTES
from kh_tthc.importing.errors import NoTaskTable, SourceRejected, UnsafeSource
from kh_tthc.importing.front_matter import read_front_matter
from kh_tthc.importing.headers import Header, header_help, match_header, match_two_rows
from kh_tthc.importing.package import check_package
from kh_tthc.importing.result import ImportResult, build_plan, year_hint
from kh_tthc.importing.rows import MAX_ROWS, Cell, RawRow
from kh_tthc.importing.tasks import rows_to_tasks
from kh_tthc.io.source import read_bytes

__all__ = [
    "HEADER_SEARCH_ROWS",
    "AmbiguousSheet",
    "Sheet",
    "SheetNotFound",
    "import_xlsx",
    "read_sheets",
]

#: Rows of each sheet searched for the header (titles above the table are common).
HEADER_SEARCH_ROWS = 30

_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?row[\s>/]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")

H = TypeVar("H")


class SheetNotFound(SourceRejected):
    """The sheet the caller named is not in the workbook."""


class AmbiguousSheet(SourceRejected):
    """Several sheets hold a table of the kind sought, and none was named."""


@frozen(kw_only=True)
class Sheet:
    """One worksheet read as plain rows, with what a person should know about it.

    ``rows`` are numbered by the sheet's own row numbers (``line``) and labelled
    "sheet 'Kế hoạch', row 7"; ``warnings`` name cells whose value was not read.
    """

    name: str
    rows: tuple[RawRow, ...]
    warnings: tuple[Problem, ...] = ()


def import_xlsx(
    path: str | Path, *, sheet: str | None = None, year: int | None = None
) -> ImportResult:
    """Import a plan from an Excel workbook's task table.

    Args:
        path: the .xlsx (or .xlsm) file.
        sheet: the sheet holding the task table; needed only when several sheets do.
        year: the year to assume when the workbook shows none.

    Returns:
        The plan and the warnings a person should read before using it.

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
        NoTaskTable: no sheet has a recognisable header row.
        AmbiguousSheet: several sheets do, and ``sheet`` was not given; the message
            lists them.
        SheetNotFound: ``sheet`` names no sheet of the workbook.
        UnsafeSource: the file is too large, unpacks too large, has a sheet of too many
            rows or declares a DOCTYPE or entities.
        SourceRejected: the file is not an Excel workbook or is damaged.
    """
    p = Path(path)
    found = find_table(p, _plan_header, sheet=sheet, what="task table")
    header, at, chosen, warnings_ = found
    above: list[str] = []
    for row in chosen.rows[: at - _header_height(header) + 1]:
        for c in row.cells:
            if not c.continued:
                above += [line for line in c.text.splitlines() if line.strip()]
    front = read_front_matter(above)
    table = rows_to_tasks(header, chosen.rows[at + 1 :], path=p, year=year_hint(front, year))
    return build_plan(front, table, path=p, year=year, extra_warnings=warnings_)


def _header_height(header: Header) -> int:
    return 2 if header.second_row else 1


def _plan_header(rows: Sequence[RawRow]) -> tuple[int, Header] | None:
    """The plan header among the first rows: the index of its last row, and the header."""
    texts = [[c.text if not c.continued else "" for c in r.cells] for r in rows]
    for i, cells in enumerate(texts):
        if i + 1 < len(texts):
            pair = match_two_rows(cells, texts[i + 1])
            if pair is not None:
                return i + 1, pair
        header = match_header(cells)
        if header is not None:
            return i, header
    return None


def find_table(
    path: Path,
    matcher: Callable[[Sequence[RawRow]], tuple[int, H] | None],
    *,
    sheet: str | None,
    what: str,
) -> tuple[H, int, Sheet, list[Problem]]:
    """The sheet whose first rows ``matcher`` recognises as the header of a ``what``.

    Returns the header, the index of its last row in the sheet's rows, the sheet, and the
    workbook's warnings.
    """
    sheets, book_warnings = read_sheets(path, head=HEADER_SEARCH_ROWS)
    names = [s.name for s in sheets]
    if sheet is not None:
        if sheet not in names:
            raise SheetNotFound(path, f"has no sheet {sheet!r} (its sheets: {_list(names)})")
        candidates = [s for s in sheets if s.name == sheet]
    else:
        candidates = sheets
    matches = [(s, m) for s in candidates if (m := matcher(s.rows)) is not None]
    if not matches:
        where = f"sheet {sheet!r}" if sheet is not None else f"any sheet ({_list(names)})"
        raise NoTaskTable(
            path,
            f"no {what} found in {where}: looked in the first {HEADER_SEARCH_ROWS} rows for "
            f"{header_help() if what == 'task table' else what + ' header'}",
        )
    if len(matches) > 1:
        raise AmbiguousSheet(
            path,
            f"several sheets hold a {what}: {_list([s.name for s, _ in matches])}; "
            "name the one to import (--sheet NAME)",
        )
    chosen_name = matches[0][0].name
    full, more = read_sheets(path, only=chosen_name)
    chosen = full[0]
    m = matcher(chosen.rows[:HEADER_SEARCH_ROWS])
    if m is None:  # the first pass matched these rows; only a changing file gets here
        raise SourceRejected(path, f"sheet {chosen_name!r} changed while it was read")
    at, header = m
    # The second read says again what the first said of the workbook (its links to other
    # workbooks): each warning once, with what only reading the whole sheet found.
    again = [w for w in more if w not in book_warnings]
    return header, at, chosen, [*book_warnings, *again, *chosen.warnings]


def _list(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def read_sheets(
    path: Path, *, head: int | None = None, only: str | None = None
) -> tuple[list[Sheet], list[Problem]]:
    """The workbook's sheets as plain rows: the first ``head`` rows of each, or all of the
    sheet named ``only``; and warnings about the workbook as a whole.

    Raises:
        UnsafeSource, SourceRejected: as :func:`import_xlsx`.
    """
    data = read_bytes(
        path,
        what="a .xlsx file",
        limit=MAX_FILE_BYTES,
        too_large=UnsafeSource,
        empty=SourceRejected,
    )
    if not data.startswith(b"PK"):
        raise SourceRejected(
            path,
            "is not an Excel workbook (.xlsx): it is not a zip package"
            + (
                "; an old .xls must be saved as .xlsx first"
                if data.startswith(b"\xd0\xcf\x11\xe0")
                else ""
            ),
        )
    check_package(path, data, kind=".xlsx", rows=_ROW, max_rows=MAX_ROWS, per_part=True)
    problems: list[Problem] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        links = [n for n in zf.namelist() if n.startswith("xl/externalLinks/") and "_rels" not in n]
    if links:
        problems.append(
            _warning(
                path,
                f"links to {len(links)} other workbook(s), which are not opened; formulas "
                "that use them give the values Excel saved",
            )
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheets = list(_sheets(path, data, head=head, only=only))
    problems += [_warning(path, f"openpyxl: {w.message}") for w in caught]
    return sheets, problems


def _warning(path: Path, message: str, where: str = "") -> Problem:
    return Problem(message=message, severity=Severity.WARNING, where=where, file=path)


def _sheets(path: Path, data: bytes, *, head: int | None, only: str | None) -> Iterator[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    # openpyxl raises many kinds of errors for a package that is not a workbook (KeyError
    # for a missing part, InvalidFileException...): all mean the same to the user.
    except Exception as exc:
        reason = str(exc) or type(exc).__name__
        raise SourceRejected(path, f"cannot be read as an Excel workbook ({reason})") from None
    try:
        for ws in book.worksheets:
            if only is not None and ws.title != only:
                continue
            try:
                yield _read_sheet(path, ws, head=head)
            except UnsafeSource:
                raise
            except Exception as exc:
                reason = str(exc) or type(exc).__name__
                raise SourceRejected(
                    path, f"sheet {ws.title!r} cannot be read ({reason})"
                ) from None
    finally:
        book.close()


@frozen
class _Merge:
    top: int
    left: int
    bottom: int
    right: int


def _scan(ws: Any) -> tuple[list[_Merge], list[str]]:
    """The sheet's merged ranges, and the cells whose formula has no saved value."""
    merges: list[_Merge] = []
    uncached: list[str] = []
    with ws._get_source() as source:
        for _, el in iterparse(source, events=("end",)):
            tag = el.tag
            if tag == f"{_MAIN}mergeCell":
                merge = _range(str(el.get("ref", "")))
                if merge is not None:
                    merges.append(merge)
            elif tag == f"{_MAIN}c":
                value = el.find(f"{_MAIN}v")
                no_value = value is None or not (value.text or "").strip()
                if el.find(f"{_MAIN}f") is not None and no_value:
                    uncached.append(str(el.get("r", "?")))
                el.clear()
            elif tag == f"{_MAIN}row":
                el.clear()
    return merges, uncached


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _range(ref: str) -> _Merge | None:
    first, _, last = ref.partition(":")
    a, b = _CELL_REF.match(first), _CELL_REF.match(last or first)
    if a is None or b is None:
        return None
    return _Merge(int(a.group(2)), _col(a.group(1)), int(b.group(2)), _col(b.group(1)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        day = value.strftime("%d/%m/%Y")
        return day if value.time() == time() else f"{day} {value.strftime('%H:%M')}"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _read_sheet(path: Path, ws: Any, *, head: int | None) -> Sheet:
    name = str(ws.title)
    problems: list[Problem] = []
    declared = ws.max_row
    if head is None and isinstance(declared, int) and declared > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise UnsafeSource(
            path,
            f"sheet {name!r} declares {declared} rows, more than the {MAX_ROWS} kh-tthc imports",
        )
    # Some programs write a wrong <dimension> ("A1"), and read-only mode would cut every
    # row to it; rows are read as the sheet has them instead, bounded below.
    ws.reset_dimensions()
    merges, uncached = _scan(ws) if head is None else ([], [])
    for ref in uncached:
        problems.append(
            _warning(
                path,
                f"cell {ref} holds a formula with no saved value (the workbook was saved "
                "without calculating it); read as empty: open and save it in Excel or "
                "LibreOffice first",
                f"sheet {name!r}",
            )
        )
    covered: dict[tuple[int, int], _Merge] = {}
    across: set[tuple[int, int]] = set()
    for m in merges:
        if m.right > m.left:
            across.add((m.top, m.left))
        for r in range(m.top, m.bottom + 1):
            for c in range(m.left, m.right + 1):
                if (r, c) != (m.top, m.left):
                    covered[(r, c)] = m
    down_tops = {(m.top, m.left) for m in merges if m.bottom > m.top}
    top_left: dict[tuple[int, int], str] = {}
    rows: list[RawRow] = []
    limit = MAX_ROWS + HEADER_SEARCH_ROWS
    for index, cells in enumerate(ws.iter_rows(max_row=head), start=1):
        if index > limit:
            raise UnsafeSource(
                path, f"sheet {name!r} has more than {limit} rows, the most kh-tthc imports"
            )
        out: list[Cell] = []
        number = index
        for col, cell in enumerate(cells, start=1):
            if getattr(cell, "row", None) is not None:
                number = int(cell.row)
            value = getattr(cell, "value", None)
            text = _text(value)
            key = (number, col)
            merge = covered.get(key)
            if merge is not None:
                if number > merge.top and col == merge.left:
                    out.append(Cell(text=top_left.get((merge.top, merge.left), ""), continued=True))
                else:
                    out.append(Cell(text="", continued=number > merge.top))
                continue
            if key in down_tops:
                top_left[key] = text
            font = getattr(cell, "font", None)
            bold = bool(getattr(font, "b", False)) if font is not None else False
            out.append(Cell(text=text, bold=bold, merged=key in across))
        while out and not out[-1].text and not out[-1].continued:
            out.pop()
        rows.append(RawRow(cells=tuple(out), label=f"sheet {name!r}, row {number}", line=number))
    return Sheet(name=name, rows=tuple(rows), warnings=tuple(problems))
