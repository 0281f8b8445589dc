"""Import a plan's task table from a CSV file exported from Excel.

Excel writes "CSV UTF-8" (UTF-8 with a byte-order mark), plain "CSV" (UTF-8 here, a
code page on Windows) and "Unicode Text" (UTF-16, tab-separated); lists use "," or ";"
depending on the regional settings. The encoding is read from the byte-order mark, and
the delimiter is the one under which a recognisable header row appears. The rows then go
through the same logic as a Word table's (:mod:`kh_tthc.importing`); rows above the
header (a title, "Số: ...") are read like a document's header lines.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

from kh_tthc.importing.errors import NoTaskTable, SourceRejected, UnsafeSource
from kh_tthc.importing.front_matter import read_front_matter
from kh_tthc.importing.headers import Header, header_help, match_header, match_two_rows
from kh_tthc.importing.result import ImportResult, build_plan, year_hint
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.importing.tasks import rows_to_tasks
from kh_tthc.io.csv_safe import unescape_cell
from kh_tthc.io.source import read_bytes, text_encoding
from kh_tthc.vn import clean, nfc

__all__ = ["MAX_CSV_BYTES", "MAX_CSV_CELL_CHARS", "MAX_CSV_COLUMNS", "import_csv"]

#: A CSV file larger than this is refused before it is read.
MAX_CSV_BYTES = 20 * 1024 * 1024
#: Columns in one record: a task table has about ten; a line with more is refused before
#: the CSV parser splits it (19 MiB of commas would otherwise make 20 million cells).
MAX_CSV_COLUMNS = 256
#: Characters in one cell: Excel's own limit for a cell.
MAX_CSV_CELL_CHARS = 32767
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
    above = [
        " ".join(c for c in cells if c.strip())
        for _, cells in itertools.islice(_records(p, text, delimiter), start)
    ]
    front = read_front_matter(above)

    def rows() -> Iterator[RawRow]:
        # A generator, so that the row limit of rows_to_tasks fires as the file is read
        # (19 MiB of newlines are 20 million empty records).
        for index, (line, cells) in enumerate(_records(p, text, delimiter)):
            if index > at:
                yield RawRow(cells=tuple(Cell(text=c) for c in cells), line=line)

    table = rows_to_tasks(header, rows(), path=p, year=year_hint(front, year))
    return build_plan(front, table, path=p, year=year)


def _decode(path: Path, data: bytes) -> str:
    encoding = text_encoding(data)
    try:
        text = nfc(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise SourceRejected(
            path,
            f"is not {encoding.upper()} text (byte {exc.start}); in Excel, save it as "
            "'CSV UTF-8' or 'Unicode Text'",
        ) from None
    if (at := text.find("\x00")) >= 0:
        line = text.count("\n", 0, at) + 1
        raise SourceRejected(
            path, f"line {line}: holds a NUL character, which a text file never has"
        )
    return text


class _TooWide(UnsafeSource):
    """A line with more columns than the limit: the reason to give first."""


def _lines(path: Path, text: str, delimiter: str) -> Iterator[str]:
    """The physical lines of ``text``, each refused before parsing if it would split
    into more than :data:`MAX_CSV_COLUMNS` cells."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(delimiter) >= MAX_CSV_COLUMNS and _columns(line, delimiter) > MAX_CSV_COLUMNS:
            raise _TooWide(
                path,
                f"line {number}: has more than {MAX_CSV_COLUMNS} columns, the most kh-tthc "
                f"reads (a task table has about ten)",
            )
        yield line


def _columns(line: str, delimiter: str) -> int:
    # Delimiters outside quotes; only reached for a line with very many delimiters.
    if '"' not in line:
        return line.count(delimiter) + 1
    count, quoted = 1, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; quoted cells may span lines.

    Raises:
        UnsafeSource: a line has more columns, or a cell more characters, than the limits.
        SourceRejected: a record is not readable as CSV.
    """
    reader = csv.reader(_lines(path, text, delimiter), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            for cell in cells:
                if len(cell) > MAX_CSV_CELL_CHARS:
                    raise UnsafeSource(
                        path,
                        f"line {start}: a cell has {len(cell):,} characters, more than "
                        f"the {MAX_CSV_CELL_CHARS:,} a spreadsheet cell holds",
                    )
            yield start, [unescape_cell(cell) for cell in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UnsafeSource(
                path,
                f"line {reader.line_num}: a cell has more than the {MAX_CSV_CELL_CHARS:,} "
                "characters a spreadsheet cell holds",
            ) from None
        raise SourceRejected(path, f"line {reader.line_num}: not readable as CSV ({exc})") from None


def _find_header(path: Path, text: str) -> tuple[str, int, int, Header]:
    """The delimiter, the header's first and last row, and the header."""
    best: tuple[int, str, int, int, Header] | None = None
    unsafe: UnsafeSource | None = None
    for delimiter in DELIMITERS:
        head: list[list[str]] = []
        try:
            for _, cells in _records(path, text, delimiter):
                head.append(cells)
                if len(head) > HEADER_SEARCH_ROWS:
                    break
        except UnsafeSource as exc:
            # Refused under this delimiter (one huge cell when it is the wrong one);
            # said only if no delimiter shows a header.
            if unsafe is None or (isinstance(exc, _TooWide) and not isinstance(unsafe, _TooWide)):
                unsafe = exc
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
    if best is None and unsafe is not None:
        raise unsafe
    if best is None:
        first = clean(text.lstrip().partition("\n")[0][:200])[:120]
        raise NoTaskTable(
            path,
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: looked for "
            f"{header_help()}, separated by tab, ',' or ';' (the first line is {first!r})",
        )
    _, delimiter, top, bottom, header = best
    return delimiter, top, bottom, header
