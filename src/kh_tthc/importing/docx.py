"""Import a plan from a Word document: its task table, and its header where present.

The file is checked before python-docx opens it (:func:`kh_tthc.importing.package.
check_package`: zip bombs, DOCTYPE/ENTITY declarations, encodings, the number of table
rows); old .doc files are converted by LibreOffice first, encrypted ones refused.

Then the body is walked in document order. The task table is found by its header row
(:func:`kh_tthc.importing.headers.match_header`); merged cells are resolved on the table's
grid, and the rows handed to the shared row logic. Paragraphs and layout tables outside
the task table give the issuer, number, date, title and signer.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from attrs import frozen

from kh_tthc.errors import LibreOfficeNotFound, Problem, Severity
from kh_tthc.importing.errors import (
    EncryptedSource,
    LegacyWordFormat,
    NoTaskTable,
    SourceRejected,
    UnsafeSource,
)
from kh_tthc.importing.front_matter import read_front_matter
from kh_tthc.importing.headers import header_help, match_header, match_two_rows
from kh_tthc.importing.legacy_fonts import conversion_warning, decode_legacy
from kh_tthc.importing.package import check_package
from kh_tthc.importing.result import ImportResult, build_plan, year_hint
from kh_tthc.importing.rows import MAX_ROWS, Cell, RawRow
from kh_tthc.importing.tasks import rows_to_tasks
from kh_tthc.importing.word_numbering import WordNumbering
from kh_tthc.io.source import read_bytes
from kh_tthc.soffice import ConversionFailed, convert
from kh_tthc.vn import clean, nfc

__all__ = ["MAX_FILE_BYTES", "WordTable", "import_docx", "open_document", "read_table"]

#: The .docx file itself: a plan with a few logos is well under 5 MiB.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Seconds LibreOffice may take to convert an old .doc file.
CONVERT_TIMEOUT = 120

# Element trees come from python-docx, whose lxml base has no type information.
Element = Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def import_docx(path: str | Path, *, year: int | None = None) -> ImportResult:
    """Import a plan from a Word document (.docx; an old .doc is converted first).

    The task table is found by its header row, whatever its exact wording (see
    ``docs/import.md``); group rows, Roman-numbered sections, merged cells, cells listing
    several units and header rows repeated on later pages are handled. The issuer,
    number, date line, title and signer are read from the document's header and
    signature where they are present; otherwise a placeholder is filled in and reported.

    Args:
        path: the .docx (or .doc) file.
        year: the year to assume when the document shows none (no title period, no
            dated completion time, no date line); without it, a placeholder year.

    Returns:
        The plan and the warnings a person should read before using it.

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
        NoTaskTable: the document has no table with a recognisable header row.
        EncryptedSource: the document is password-protected.
        LegacyWordFormat: an old .doc file, and LibreOffice is missing or failed.
        UnsafeSource: the file is too large, unpacks too large, has too many table rows
            or declares a DOCTYPE or entities.
        SourceRejected: the file is not a Word document or is damaged.
    """
    p = Path(path)
    document, warnings = open_document(p)
    table = read_table(
        p,
        document,
        warnings,
        one_row=match_header,
        two_rows=match_two_rows,
        same=lambda a, b: a.roles == b.roles,
    )
    if table.header is None:
        seen = table.first_rows
        shown = f" (first rows of its tables: {'; '.join(seen[:3])})" if seen else ""
        raise NoTaskTable(
            p, f"no task table found: looked for {header_help()}{shown or ' (it has no table)'}"
        )
    front = read_front_matter(table.lines)
    tasks = rows_to_tasks(table.header, table.rows, path=p, year=year_hint(front, year))
    return build_plan(front, tasks, path=p, year=year, extra_warnings=warnings)


def open_document(path: Path) -> tuple[Any, list[Problem]]:
    """The Word document at ``path``, checked, and the warnings opening it gave.

    An old .doc file is converted by LibreOffice first (a warning says so); an encrypted
    file, a file that is not a Word package, and one that fails the package checks
    (:func:`~kh_tthc.importing.package.check_package`) are refused.

    Raises:
        SourceUnreadable, EncryptedSource, LegacyWordFormat, UnsafeSource, SourceRejected:
            as :func:`import_docx` says.
    """
    data = _read(path)
    warnings: list[Problem] = []
    if data.startswith(_CFB_MAGIC):
        data = _from_compound_file(path, data)
        warnings.append(
            Problem(
                message="converted from the old .doc format with LibreOffice; "
                "check group rows and merged cells",
                severity=Severity.WARNING,
                file=path,
            )
        )
    elif not data.startswith(b"PK"):
        raise SourceRejected(
            path,
            "is not a Word document (.docx): it is not a zip package"
            + (" (for a CSV file, use import_csv)" if path.suffix.lower() == ".csv" else ""),
        )
    check_package(path, data, rows=_TR, max_rows=MAX_ROWS)
    return _open(path, data), warnings


# -- reading and checking the file --------------------------------------------------


def _read(path: Path) -> bytes:
    return read_bytes(
        path,
        what="a .docx file",
        limit=MAX_FILE_BYTES,
        too_large=UnsafeSource,
        empty=SourceRejected,
    )


def _from_compound_file(path: Path, data: bytes) -> bytes:
    # An OLE compound file: an encrypted .docx, or a Word 97-2003 .doc. Stream names are
    # stored in UTF-16LE in the file's directory.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedSource(
            path,
            "is password-protected; open it in Word, remove the password (File > Info > "
            "Protect Document) and save it, then import it again",
        )
    if "WordDocument".encode("utf-16-le") not in data:
        raise SourceRejected(path, "is an Office compound file but not a Word document")
    return _convert_doc(path, data)


def _convert_doc(path: Path, data: bytes) -> bytes:
    advice = "open it in Word or LibreOffice, save it as .docx and import that"
    with tempfile.TemporaryDirectory(prefix="kh-tthc-") as tmp:
        source = Path(tmp, "source.doc")
        source.write_bytes(data)
        try:
            with convert(source, "docx:MS Word 2007 XML", timeout=CONVERT_TIMEOUT) as out:
                return _read(out)
        except LibreOfficeNotFound:
            raise LegacyWordFormat(
                path,
                f"is an old Word 97-2003 .doc file and LibreOffice (soffice) is not installed "
                f"to convert it; {advice}",
            ) from None
        except ConversionFailed as exc:
            raise LegacyWordFormat(
                path,
                f"is an old Word 97-2003 .doc file that LibreOffice could not convert "
                f"({exc.reason}); it may be password-protected or damaged; {advice}",
            ) from None


#: What starts a table row in WordprocessingML (``<w:tr>``), for the row limit.
_TR = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?tr[\s>/]")


def _open(path: Path, data: bytes) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    # python-docx and lxml raise many kinds of errors for a damaged package (KeyError for
    # a missing part, ValueError for a non-Word package, XMLSyntaxError...): all of them
    # mean the same thing to the user.
    except Exception as exc:
        reason = str(exc) or type(exc).__name__
        if "content type" in reason:
            reason = "it is another kind of Office file"
        raise SourceRejected(path, f"cannot be read as a Word document ({reason})") from None


# -- walking the document -----------------------------------------------------------


class _Styles:
    """What the document's formatting says about its text: bold (by the run's own
    formatting, its style or its paragraph's), the font of each run, and the numbers of
    automatically numbered paragraphs."""

    def __init__(self, document: Any) -> None:
        self.bold: dict[str, bool | None] = {}
        self.font: dict[str, str | None] = {}
        #: Paragraph styles that number their paragraphs ("List Number").
        self.num_pr: dict[str, Element] = {}
        self.based_on: dict[str, str] = {}
        self.numbering = WordNumbering(document)
        #: What reading the text found worth saying (a placeholder left in a content
        #: control...); the caller drains it with the place it was read.
        self.notes: list[str] = []
        #: The paragraph style of paragraphs that name none ("Normal").
        self.default_paragraph: str | None = None
        #: The document's default font (``w:docDefaults``), under every style.
        self.default_font: str | None = None
        #: Legacy fonts (TCVN3, VNI) whose text was converted, for one warning.
        self.legacy: list[str] = []
        try:
            root = document.styles.element
        except Exception:  # a package without styles.xml: python-docx makes defaults
            root = None
        if root is None:
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = None if defaults is None else _font_of(defaults)
        for style in root.iterchildren(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if not sid:
                continue
            is_default = str(style.get(f"{_W}default", "0")).lower() in ("1", "true", "on")
            if style.get(f"{_W}type") == "paragraph" and is_default:
                self.default_paragraph = self.default_paragraph or str(sid)
            rpr = style.find(f"{_W}rPr")
            self.bold[sid] = None if rpr is None else _on_off(rpr.find(f"{_W}b"))
            self.font[sid] = None if rpr is None else _font_of(rpr)
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.num_pr[sid] = num_pr
            based = style.find(f"{_W}basedOn")
            if based is not None and based.get(f"{_W}val"):
                self.based_on[sid] = str(based.get(f"{_W}val"))

    def is_bold(self, sid: str | None) -> bool | None:
        value = self._inherited(self.bold, sid)
        return None if value is None else bool(value)

    def font_of(self, sid: str | None) -> str | None:
        value = self._inherited(self.font, sid)
        return None if value is None else str(value)

    def run_text(self, text: str, font: str | None) -> str:
        """A run's text as read: text typed in a legacy Vietnamese font (TCVN3
        ``.VnTime``, ``VNI-Times``) is converted to Unicode here, the one place every
        run's text passes, and the font remembered for the warning."""
        decoded = decode_legacy(text, font)
        if decoded is None:
            return text
        if decoded != text and font is not None and font not in self.legacy:
            self.legacy.append(font)
        return decoded

    def numbering_of(self, sid: str | None) -> Element | None:
        value = self._inherited(self.num_pr, sid)
        return None if value is None else value

    def _inherited(self, table: dict[str, Any], sid: str | None) -> Any:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            value = table.get(sid)
            if value is not None:
                return value
            sid = self.based_on.get(sid)
        return None


def _font_of(rpr: Element) -> str | None:
    """The font a run's properties name for Vietnamese text (``w:rFonts``).

    Letters outside ASCII, as Vietnamese ones are, show in the ``w:hAnsi`` font
    (ECMA-376 Part 1, 17.3.2.26), so it is asked first.
    """
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    for attribute in ("hAnsi", "ascii", "cs"):
        name = fonts.get(f"{_W}{attribute}")
        if name:
            return str(name)
    return None


def _on_off(el: Element | None) -> bool | None:
    if el is None:
        return None
    return str(el.get(f"{_W}val", "true")).lower() not in ("0", "false", "off")


# Tracked deletions (w:del, w:moveFrom) are dropped and insertions (w:ins, w:moveTo)
# read as text, as the document reads once every change is accepted; a content
# control's properties hold no text of the document.
_SKIP = {
    f"{_W}{t}"
    for t in (
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "drawing",
        "pict",
        "object",
        "rPr",
        "sdtPr",
        "sdtEndPr",
    )
} | {f"{_MC}AlternateContent", f"{_W}pPr"}


#: Characters of symbol fonts (Wingdings, Symbol) that tracking tables tick with,
#: written by Word as ``<w:sym w:font="Wingdings" w:char="F0FC"/>``.
_SYMBOLS = {
    0xF0FC: "✓",
    0xF0FB: "✗",
    0xF0FD: "☒",
    0xF0FE: "☑",
    0xF0A8: "☐",
    0xF06F: "☐",
    0xF078: "☒",
    0xF06E: "■",
    0xF06C: "●",
    0xF0B7: "•",
    0xF0A7: "▪",
    0xF0D8: "➢",
    0xF0E0: "→",
}


def _symbol(sym: Element) -> str:
    """The character a ``w:sym`` shows; a symbol-font character without a Unicode
    equivalent here reads as "□" rather than vanishing."""
    code = _int_hex(sym.get(f"{_W}char"))
    if code is None:
        return "□"
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    if 0xF000 <= code <= 0xF0FF or not 0x20 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "□"
    return chr(code)


def _int_hex(text: str | None) -> int | None:
    try:
        return None if text is None else int(text, 16)
    except ValueError:
        return None


def _placeholder(sdt: Element) -> bool:
    """A content control still showing its placeholder ("Click or tap here to enter
    text."): what it shows is not the document's text."""
    return sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _paragraph(p: Element, styles: _Styles) -> tuple[str, bool | None]:
    """A paragraph's text ("\\n" for line breaks), its automatic number first, and
    whether all its text is bold."""
    pstyle = p.find(f"{_W}pPr/{_W}pStyle")
    style_id = styles.default_paragraph if pstyle is None else pstyle.get(f"{_W}val")
    para_bold = styles.is_bold(style_id)
    para_font = styles.font_of(style_id) or styles.default_font
    label = styles.numbering.label(p, styles.numbering_of(style_id))
    parts: list[str] = [f"{label} "] if label else []
    bold: bool | None = None

    def walk(el: Element, run_bold: bool, font: str | None) -> None:
        nonlocal bold
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}sdt" and _placeholder(child):
                shown = clean("".join(t.text or "" for t in child.iter(f"{_W}t")))
                styles.notes.append(
                    f"a content control still shows its placeholder {shown[:80]!r}; read as empty"
                )
                continue
            if tag == f"{_W}r":
                rpr = child.find(f"{_W}rPr")
                rstyle = None if rpr is None else rpr.find(f"{_W}rStyle")
                own = None if rpr is None else _font_of(rpr)
                by_style = styles.font_of(None if rstyle is None else rstyle.get(f"{_W}val"))
                walk(child, _run_bold(child, styles, para_bold), own or by_style or para_font)
            elif tag == f"{_W}t":
                text = styles.run_text(child.text or "", font)
                parts.append(text)
                if text.strip():
                    bold = run_bold if bold is None else bold and run_bold
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}tab":
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}softHyphen":
                # Only TCVN3 has a letter there: "ư" is its 0xAD, which Word and
                # LibreOffice store as this optional-hyphen mark ("trường", not "trờng").
                soft = styles.run_text("\xad", font)
                parts.append("" if soft == "\xad" else soft)
            elif tag == f"{_W}sym":
                parts.append(_symbol(child))
            else:
                walk(child, run_bold, font)

    walk(p, bool(para_bold), para_font)
    return nfc("".join(parts)), bold


def _run_bold(r: Element, styles: _Styles, para_bold: bool | None) -> bool:
    own = _on_off(r.find(f"{_W}rPr/{_W}b"))
    if own is not None:
        return own
    rstyle = r.find(f"{_W}rPr/{_W}rStyle")
    by_style = styles.is_bold(None if rstyle is None else rstyle.get(f"{_W}val"))
    if by_style is not None:
        return by_style
    return bool(para_bold)


def _blocks(parent: Element) -> Iterator[Element]:
    """Paragraphs and tables in order, looking through content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            yield from _blocks(child)


def _children(parent: Element, tag: str) -> Iterator[Element]:
    """Rows of a table or cells of a row, looking through content controls."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            yield from _children(child, tag)


@frozen
class _Phys:
    """A physical cell on the table grid."""

    start: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    text: str
    bold: bool


def _cell_text(tc: Element, styles: _Styles) -> tuple[str, bool]:
    lines: list[str] = []
    bolds: list[bool] = []
    for block in _blocks(tc):
        if block.tag == f"{_W}p":
            text, bold = _paragraph(block, styles)
            lines.append(text)
            if bold is not None:
                bolds.append(bold)
        else:  # a table inside the cell: keep its text, one line per paragraph
            for row in _children(block, f"{_W}tr"):
                for cell in _children(row, f"{_W}tc"):
                    text, _ = _cell_text(cell, styles)
                    lines.append(text)
    return "\n".join(lines).strip(), bool(bolds) and all(bolds)


#: Columns of a table's grid: real tables have a dozen; attributes pointing further
#: (``w:gridSpan="999999999"``) are clamped to the grid, with a warning.
MAX_GRID_COLUMNS = 64


class _Grid:
    """A table's grid width and the checks on the grid attributes of its rows and cells.

    ``w:gridBefore``, ``w:gridAfter`` and ``w:gridSpan`` are counts of grid columns
    (ECMA-376 Part 1, 17.4.14, 17.4.13 and 17.4.17). A value that is not a whole number,
    is negative, or reaches past the grid is replaced by the nearest value that keeps the
    row's cells on the grid, and reported; so a hostile file can neither allocate
    millions of columns nor stop the import, and no cell is pushed off its column.
    """

    def __init__(self, tbl: Element, table_no: int, warn: _Warn) -> None:
        declared = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        self.width = min(declared, MAX_GRID_COLUMNS) if declared else MAX_GRID_COLUMNS
        self.table_no = table_no
        self.warn = warn

    def value(self, el: Element | None, default: int, row: int, what: str) -> int:
        """The attribute's whole-number value; the default (warned) when it is not one."""
        if el is None or el.get(f"{_W}val") is None:
            return default
        raw = str(el.get(f"{_W}val"))
        try:
            n = int(raw.strip())
        except ValueError:
            self.say(row, f"{what} {raw!r} is not a number; read as {default}")
            return default
        if n < default:
            self.say(row, f"{what} {raw!r} is below {default}; read as {default}")
            return default
        return n

    def fit(self, value: int, room: int, floor: int, row: int, what: str) -> int:
        """``value`` cut to ``room`` (never below ``floor``), warned when cut."""
        if value <= room:
            return value
        cut = max(floor, room)
        self.say(row, f"{what} {value} reaches past the table's grid; read as {cut}")
        return cut

    def say(self, row: int, message: str) -> None:
        self.warn(f"table {self.table_no}, row {row}", message)


_Warn = Callable[[str, str], None]


def _grid_rows(tbl: Element, styles: _Styles, grid: _Grid) -> Iterator[tuple[int, list[_Phys]]]:
    """Each row (its number in the table, from 1) as cells on the grid; a row whose
    deletion is tracked (``w:trPr/w:del``) is left out, as once the change is accepted."""
    for r, tr in enumerate(_children(tbl, f"{_W}tr"), start=1):
        if tr.find(f"{_W}trPr/{_W}del") is not None:
            continue
        tcs = [tc for tc in _children(tr, f"{_W}tc") if tc.find(f"{_W}tcPr/{_W}cellDel") is None]
        # A row with more cells than the grid declares widens it: each cell takes at
        # least one column. Beyond MAX_GRID_COLUMNS cells are reported, not read, so
        # only the cells read need room on the grid.
        limit = min(max(grid.width, len(tcs)), MAX_GRID_COLUMNS)
        read = min(len(tcs), limit)
        trpr = tr.find(f"{_W}trPr")
        before = grid.value(
            None if trpr is None else trpr.find(f"{_W}gridBefore"), 0, r, "w:gridBefore"
        )
        after = grid.value(
            None if trpr is None else trpr.find(f"{_W}gridAfter"), 0, r, "w:gridAfter"
        )
        col = grid.fit(before, limit - read, 0, r, "w:gridBefore")
        grid.fit(after, limit - read, 0, r, "w:gridAfter")
        cells: list[_Phys] = []
        for i, tc in enumerate(tcs):
            tcpr = tc.find(f"{_W}tcPr")
            span, vmerge, hmerge = 1, None, None
            if tcpr is not None:
                span = grid.value(tcpr.find(f"{_W}gridSpan"), 1, r, "w:gridSpan")
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = str(vm.get(f"{_W}val", "continue"))
                hm = tcpr.find(f"{_W}hMerge")
                if hm is not None:
                    hmerge = str(hm.get(f"{_W}val", "continue"))
            text, bold = _cell_text(tc, styles)
            for note in styles.notes:
                grid.say(r, note)
            styles.notes.clear()
            if any(tc.find(f".//{_W}{kind}") is not None for kind in ("drawing", "pict", "object")):
                shown = f" beside the text {clean(text)[:80]!r}" if text.strip() else ""
                grid.say(r, f"a cell holds a picture, text box or object{shown}; it is not read")
            if col >= limit:
                grid.say(r, f"a cell past column {limit} is not read: {clean(text)[:80]!r}")
                continue
            remaining = read - i - 1
            span = grid.fit(span, limit - col - remaining, 1, r, "w:gridSpan")
            if hmerge == "continue" and cells:  # the legacy form of a horizontal merge
                last = cells[-1]
                cells[-1] = _Phys(last.start, last.span + span, last.vmerge, last.text, last.bold)
            else:
                cells.append(_Phys(col, span, vmerge, text, bold))
            col += span
        yield r, cells


def _width(grid: list[list[_Phys]]) -> int:
    return max((c.start + c.span for row in grid for c in row), default=0)


def _grid_texts(row: list[_Phys], width: int) -> list[str]:
    texts = [""] * width
    for c in row:
        if c.vmerge != "continue" and c.start < width:
            texts[c.start] = c.text
    return texts


def _header_of(
    rows: list[list[_Phys]],
    one_row: Callable[[Sequence[str]], H | None],
    two_rows: Callable[[Sequence[str], Sequence[str]], H | None],
) -> tuple[int, H, list[_Phys]] | None:
    """The header (one row, or two on the grid) and the index of its last row."""
    for i, row in enumerate(rows[:6]):
        if i + 1 < len(rows):
            width = max(
                c.start + c.span for c in [*row, *rows[i + 1], _Phys(0, 0, None, "", False)]
            )
            pair = two_rows(_grid_texts(row, width), _grid_texts(rows[i + 1], width))
            if pair is not None:
                return i + 1, pair, [_Phys(g, 1, None, "", False) for g in range(width)]
        header = one_row([c.text for c in row])
        if header is not None:
            return i, header, row
    return None


def _logical(
    row: list[_Phys], header_cells: list[_Phys], above: dict[int, tuple[str, bool]]
) -> tuple[Cell, ...]:
    """Map a row's physical cells onto the header's columns."""
    ends = [c.start + c.span for c in header_cells]
    last_end = ends[-1] if ends else 0

    def column(start: int) -> int:
        for j, h in enumerate(header_cells):
            if start < h.start + h.span:
                return j
        return len(header_cells) + (start - last_end)

    texts: dict[int, list[str]] = {}
    bold: dict[int, bool] = {}
    merged: set[int] = set()
    continued: set[int] = set()
    for c in row:
        j = column(c.start)
        text, is_bold = c.text, c.bold
        if c.vmerge == "continue":
            text, is_bold = above.get(c.start, ("", False))
            continued.add(j)
        else:
            above[c.start] = (c.text, c.bold)
        if column(c.start + c.span - 1) != j:
            merged.add(j)
        texts.setdefault(j, []).append(text)
        if text.strip():
            bold[j] = bold.get(j, True) and is_bold
    width = max([len(header_cells), *(j + 1 for j in texts)])
    return tuple(
        Cell(
            text="\n".join(t for t in texts.get(j, []) if t),
            bold=bold.get(j, False),
            merged=j in merged,
            continued=j in continued,
        )
        for j in range(width)
    )


H = TypeVar("H")


@frozen(kw_only=True)
class WordTable(Generic[H]):
    """What :func:`read_table` found in a document.

    ``header`` is None when no table has a header the rules recognise; ``rows`` are the
    table's rows mapped onto the header's columns (continuation tables included);
    ``lines`` the text outside it, in order, for the document's front matter; and
    ``first_rows`` the first row of each other table, for the message when none matched.
    """

    header: H | None
    rows: tuple[RawRow, ...] = ()
    lines: tuple[str, ...] = ()
    first_rows: tuple[str, ...] = ()


def read_table(
    path: Path,
    document: Any,
    warnings: list[Problem],
    *,
    one_row: Callable[[Sequence[str]], H | None],
    two_rows: Callable[[Sequence[str], Sequence[str]], H | None],
    same: Callable[[H, H], bool],
) -> WordTable[H]:
    """The document's table whose header the rules recognise, read on its grid.

    The one Word table reader, for a plan's task table and a report's results table
    alike: the rules say what a header is (one row, or a parent row over sub-columns)
    and when a later table's header is the same table's again. Tables broken across
    pages continue it, with their header repeated or (same width, no header) without;
    merged cells, grid attributes, tracked changes and content controls are resolved
    here, and every doubt is appended to ``warnings`` with its table and row.
    """
    styles = _Styles(document)
    root = document.element
    body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
    if body is None:  # python-docx accepts any root element in the main part
        raise SourceRejected(path, "cannot be read as a Word document (it has no body)")
    lines: list[str] = []
    header: H | None = None
    rows: list[RawRow] = []
    first_rows: list[str] = []
    table_no = 0

    def warn(where: str, message: str) -> None:
        warnings.append(Problem(message=message, severity=Severity.WARNING, where=where, file=path))

    task_cells: list[_Phys] = []
    for block in _blocks(body):
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block, styles)[0])
            for note in styles.notes:
                warn("document", note)
            styles.notes.clear()
            continue
        table_no += 1
        numbered = list(_grid_rows(block, styles, _Grid(block, table_no, warn)))
        grid = [cells for _, cells in numbered]
        found = _header_of(grid, one_row, two_rows)
        if found is None and header is not None and grid and _width(grid) == _width([task_cells]):
            # A table broken across pages without its header repeated: the same columns
            # as the first table, and no header of its own.
            warn(
                f"table {table_no}",
                "has no header row but the task table's columns; read as its continuation",
            )
            above_cont: dict[int, tuple[str, bool]] = {}
            for r, row in numbered:
                cells = _logical(row, task_cells, above_cont)
                rows.append(RawRow(cells=cells, label=f"table {table_no}, row {r}"))
            continue
        if found is None:
            if grid:
                first_rows.append(" | ".join(clean(c.text) for c in grid[0]))
            lines += [line for row in grid for c in row for line in c.text.splitlines()]
            continue
        at, this_header, this_cells = found
        if header is not None and not same(this_header, header):
            headings = " | ".join(clean(c.text) for c in grid[at])
            warn(
                f"table {table_no}",
                "looks like another task table but its columns differ from the first "
                f"one's; not imported: {headings}",
            )
            continue
        if header is None:
            header, task_cells = this_header, this_cells
        above: dict[int, tuple[str, bool]] = {}
        for r, row in numbered[at + 1 :]:
            cells = _logical(row, this_cells, above)
            rows.append(RawRow(cells=cells, label=f"table {table_no}, row {r}"))
        lines += [line for row in grid[:at] for c in row for line in c.text.splitlines()]
    if styles.legacy:
        warnings.append(conversion_warning(styles.legacy, where="document", path=path))
    return WordTable(
        header=header, rows=tuple(rows), lines=tuple(lines), first_rows=tuple(first_rows)
    )
