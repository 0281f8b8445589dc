"""Import a plan's task table from a CSV file exported from Excel.

Excel writes "CSV UTF-8" (UTF-8 with a byte-order mark), plain "CSV" (UTF-8 here, a
code page on Windows) and "Unicode Text" (UTF-16, tab-separated); lists use "," or ";"
depending on the regional settings. The encoding is read from the byte-order mark, and
the delimiter is the one under which a recognisable header row appears. The rows then go
through the same logic as a Word table's (:mod:`kh_tthc.importing`); rows above the
header (a title, "Số: ...") are read like a document's header lines.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from kh_tthc.importing.errors import NoTaskTable, SourceRejected, UnsafeSource
from kh_tthc.importing.front_matter import read_front_matter
from kh_tthc.importing.headers import Header, header_help, match_header, match_two_rows
from kh_tthc.importing.result import ImportResult, build_plan
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.importing.tasks import rows_to_tasks
from kh_tthc.io.source import read_bytes
from kh_tthc.vn import clean, nfc

__all__ = ["MAX_CSV_BYTES", "import_csv"]

#: A CSV file larger than this is refused before it is read.
MAX_CSV_BYTES = 20 * 1024 * 1024
#: Delimiters tried, in this order; the first under which a header row appears wins.
DELIMITERS = ("\t", ",", ";", "|")
#: Rows searched for the header (titles above the table are common).
HEADER_SEARCH_ROWS = 30


def import_csv(path: str | Path, *, year: int | None = None) -> ImportResult:
    """Import a plan from a CSV (or tab-separated) export of the task table.

    The header row is found by its wording, as in :func:`kh_tthc.import_docx`. A CSV has
    no bold or merged cells, so group rows are those with a Roman number or with rows
    numbered under them. The issuer, number and date are read from rows above the header
    if present; otherwise placeholders are filled in and reported.

    Args:
        path: the .csv, .tsv or .txt file.
        year: the year to assume when the file shows none.

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
        NoTaskTable: no row looks like the header of a task table.
        UnsafeSource: the file or its table is larger than the limits.
        SourceRejected: the file is empty or not UTF-8/UTF-16 text.
    """
    p = Path(path)
    data = read_bytes(
        p, what="a .csv file", limit=MAX_CSV_BYTES, too_large=UnsafeSource, empty=SourceRejected
    )
    text = _decode(p, data)
    if not text.strip():
        raise SourceRejected(p, "is empty")
    delimiter, start, at, header = _find_header(p, text)
    above: list[str] = []
    rows: list[RawRow] = []
    for index, (line, cells) in enumerate(_records(p, text, delimiter)):
        if index < start:
            above.append(" ".join(c for c in cells if c.strip()))
        elif index > at:
            rows.append(RawRow(cells=tuple(Cell(text=c) for c in cells), line=line))
    table = rows_to_tasks(header, rows, path=p)
    return build_plan(read_front_matter(above), table, path=p, year=year)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:4096]:
        # UTF-16 without a mark: ASCII letters leave a zero byte beside them.
        even = data[:4096:2].count(0)
        encoding = "utf-16-be" if even > data[1:4096:2].count(0) else "utf-16-le"
    else:
        encoding = "utf-8"
    try:
        return nfc(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise SourceRejected(
            path,
            f"is not {encoding.upper()} text (byte {exc.start}); in Excel, save it as "
            "'CSV UTF-8' or 'Unicode Text'",
        ) from None


def _records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceRejected(path, f"line {reader.line_num}: not readable as CSV ({exc})") from None


def _find_header(path: Path, text: str) -> tuple[str, int, int, Header]:
    """The delimiter, the header's first and last row, and the header."""
    best: tuple[int, str, int, int, Header] | None = None
    for delimiter in DELIMITERS:
        head: list[list[str]] = []
        try:
            for _, cells in _records(path, text, delimiter):
                head.append(cells)
                if len(head) > HEADER_SEARCH_ROWS:
                    break
        except SourceRejected:
            pass  # an unreadable row below the header is reported by the full read
        for index, cells in enumerate(head[:HEADER_SEARCH_ROWS]):
            at, header = (
                index + 1,
                (match_two_rows(cells, head[index + 1]) if index + 1 < len(head) else None),
            )
            if header is None:
                at, header = index, match_header(cells)
            if header is not None:
                known = sum(c.role.name != "EXTRA" for c in header.columns)
                if best is None or known > best[0]:
                    best = (known, delimiter, index, at, header)
                break
    if best is None:
        first = clean(text.splitlines()[0])[:120] if text.strip() else ""
        raise NoTaskTable(
            path,
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: looked for "
            f"{header_help()}, separated by tab, ',' or ';' (the first line is {first!r})",
        )
    _, delimiter, top, bottom, header = best
    return delimiter, top, bottom, header
