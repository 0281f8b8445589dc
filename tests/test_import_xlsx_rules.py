"""The Excel reader's rules cell by cell, on small workbooks written part by part.

Each workbook here is written as its XML parts (ECMA-376 Part 1, SpreadsheetML: 18.3.1.73
row, 18.3.1.4 c, 18.3.1.55 mergeCell, 18.3.1.35 dimension), so that a test controls what
openpyxl reads: a cell's style, a missing row, a formula with or without its saved value.
The bytes are built once per process (``functools.cache``) and written to a test's own
folder. All rows are ILLUSTRATIVE, in the style of a Sở's plan; no agency's material.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from kh_tthc.errors import Problem, Severity, SourceUnreadable
from kh_tthc.importing import xlsx as xlsx_import
from kh_tthc.importing.errors import NoTaskTable, SourceRejected, UnsafeSource
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.importing.xlsx import (
    AmbiguousSheet,
    Sheet,
    SheetNotFound,
    find_table,
    import_xlsx,
    read_sheets,
)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Font 0 plain, font 1 bold; style (s) 1 is the bold one, style 2 a date (format 14).
# "Normal" is declared, so that openpyxl has no reason to warn (normal=False leaves it
# out, and openpyxl warns).
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="2"><font><sz val="11"/></font>'
    '<font><b/><sz val="11"/></font></fonts><fills count="1"><fill><patternFill '
    'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf fontId="0"/>'
    '<xf fontId="1" applyFont="1"/><xf fontId="0" numFmtId="14" applyNumberFormat="1"/>'
    "</cellXfs>{normal}</styleSheet>"
)
_NORMAL = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'


@functools.cache
def _book(
    sheets: tuple[tuple[str, str], ...],
    *,
    normal: bool = True,
    extra: tuple[tuple[str, str], ...] = (),
    link_rel: bool = False,
) -> bytes:
    """The bytes of a workbook with these sheets (name, the XML inside <worksheet>)."""
    types = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    ]
    rels = [f'<Relationship Id="rId99" Type="{_REL}/styles" Target="styles.xml"/>']
    if link_rel:
        rels.append(
            f'<Relationship Id="rId98" Type="{_REL}/externalLink" '
            'Target="externalLinks/externalLink1.xml"/>'
        )
    entries = []
    parts: dict[str, str] = {}
    # The workbook's reference to its link (18.2.7 externalReference), as Excel writes it.
    refs = '<externalReferences><externalReference r:id="rId98"/></externalReferences>'
    refs = refs if link_rel else ""
    for i, (name, body) in enumerate(sheets, start=1):
        types.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
        )
        rels.append(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        )
        entries.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{body}</worksheet>'
        )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/content-types">{"".join(types)}</Types>'
    )
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
        f'Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f"<sheets>{''.join(entries)}</sheets>{refs}</workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f"{''.join(rels)}</Relationships>"
    )
    parts["xl/styles.xml"] = _STYLES.format(normal=_NORMAL if normal else "")
    parts.update(dict(extra))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _s(ref: str, text: str, style: int = 0) -> str:
    """A cell holding text (an inline string)."""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t>{escape(text)}</t></is></c>'


def _row(n: int, *cells: str | None) -> str:
    """Row ``n`` with text cells from column A on (None: no cell there)."""
    inner = "".join(_s(f"{'ABCDEFGH'[i]}{n}", t) for i, t in enumerate(cells) if t is not None)
    return f'<row r="{n}">{inner}</row>'


def _write(tmp_path: Path, data: bytes, name: str = "b.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


HEADER = ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn")


def _merges(*refs: str) -> str:
    inner = "".join(f'<mergeCell ref="{r}"/>' for r in refs)
    return f'<mergeCells count="{len(refs)}">{inner}</mergeCells>'


# The cells sheet: a bold title merged across A1:C1, then D1; the header; a task whose lead (C3) is
# merged down into row 4; a bold empty cell ending row 4; no row 5; a 2x2 merge B6:C7;
# a formula without its saved value (E6); a cell with no reference (in row 7), whose
# formula has no saved value either.
_CELLS_XML = (
    "<sheetData>"
    f'<row r="1">{_s("A1", "KẾ HOẠCH (illustrative)", 1)}<c r="B1"/><c r="C1"/>'
    f"{_s('D1', 'Số: 12/KH-STP')}</row>"
    + _row(2, *HEADER)
    + '<row r="3"><c r="A3"><v>1</v></c>'
    + _s("B3", "Việc một")
    + _s("C3", "Văn phòng")
    + '<c r="D3" t="b"><v>1</v></c></row>'
    + '<row r="4"><c r="A4"><v>2.5</v></c>'
    + _s("B4", "Việc hai", 1)
    + '<c r="C4" t="inlineStr"><is><t>hidden</t></is></c><c r="E4" s="1"/></row>'
    + '<row r="6">'
    + _s("A6", "3")
    + _s("B6", "Gộp")
    + _s("C6", "ẩn")
    + _s("D6", "Quý II")
    + '<c r="E6"><f>A6*2</f></c></row>'
    + '<row r="7"><c r="A7"><v>4</v></c><c r="B7"/><c r="C7"/><c><f>A7*2</f></c></row>'
    + "</sheetData>"
    + _merges("A1:C1", "C3:C4", "B6:C7")
)


@functools.cache
def _cells_book() -> bytes:
    return _book((("KH", _CELLS_XML),))


def _label(n: int) -> str:
    return f"sheet 'KH', row {n}"


class TestCells:
    """What each cell of a sheet is read as (read_sheets, the whole sheet)."""

    def test_every_cell(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _cells_book())
        (sheet,), book_warnings = read_sheets(path)
        assert book_warnings == []
        assert sheet.name == "KH"
        assert sheet.rows == (
            # The title: bold, merged across; the rest of its merge is empty, not continued.
            RawRow(
                cells=(
                    Cell(text="KẾ HOẠCH (illustrative)", bold=True, merged=True),
                    Cell(),
                    Cell(),
                    Cell(text="Số: 12/KH-STP"),
                ),
                label=_label(1),
                line=1,
            ),
            RawRow(cells=tuple(Cell(text=h) for h in HEADER), label=_label(2), line=2),
            # A number, text, the top of a merge down (not "merged": one column), a boolean.
            RawRow(
                cells=(
                    Cell(text="1"),
                    Cell(text="Việc một"),
                    Cell(text="Văn phòng"),
                    Cell(text="TRUE"),
                ),
                label=_label(3),
                line=3,
            ),
            # 2.5 as written; C4 under the merge carries C3's value (its own is ignored);
            # the bold empty E4 at the end is dropped, the missing D4 with it.
            RawRow(
                cells=(
                    Cell(text="2.5"),
                    Cell(text="Việc hai", bold=True),
                    Cell(text="Văn phòng", continued=True),
                ),
                label=_label(4),
                line=4,
            ),
            # Row 5 is not in the sheet: an empty row, numbered all the same.
            RawRow(cells=(), label=_label(5), line=5),
            # B6:C7: B6 is the top-left; C6, to its right in the top row, is empty and not
            # continued; the formula E6 has no saved value, read as empty (and dropped).
            RawRow(
                cells=(Cell(text="3"), Cell(text="Gộp", merged=True), Cell(), Cell(text="Quý II")),
                label=_label(6),
                line=6,
            ),
            # B7 carries B6's text; C7 is continued but empty (only the left column
            # carries the value).
            RawRow(
                cells=(
                    Cell(text="4"),
                    Cell(text="Gộp", continued=True),
                    Cell(continued=True),
                ),
                label=_label(7),
                line=7,
            ),
        )

    def test_formula_warnings(self, tmp_path: Path) -> None:
        """Each formula without a saved value is named by its cell; one with no
        reference at all as "?"."""
        path = _write(tmp_path, _cells_book())
        (sheet,), _ = read_sheets(path)
        assert [(w.message.split(" holds")[0], w.where, w.file) for w in sheet.warnings] == [
            ("cell E6", "sheet 'KH'", path),
            ("cell ?", "sheet 'KH'", path),
        ]

    def test_header_search_reads_only_the_first_rows(self, tmp_path: Path) -> None:
        """With ``head``, the first rows only, as plain cells: the sheet's XML is not
        scanned for merges nor formulas (the full read of the chosen sheet does that)."""
        path = _write(tmp_path, _cells_book())
        (sheet,), _ = read_sheets(path, head=1)
        assert sheet == Sheet(
            name="KH",
            rows=(
                RawRow(
                    cells=(
                        Cell(text="KẾ HOẠCH (illustrative)", bold=True),
                        Cell(),
                        Cell(),
                        Cell(text="Số: 12/KH-STP"),
                    ),
                    label=_label(1),
                    line=1,
                ),
            ),
        )
        (sheet,), _ = read_sheets(path, head=7)
        assert len(sheet.rows) == 7
        assert sheet.warnings == ()
        assert sheet.rows[3].cells[2] == Cell(text="hidden")

    def test_only_one_sheet(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _book((("A", _row(1, "a")), ("B", _row(1, "b")))))
        sheets, _ = read_sheets(path, only="B")
        assert [(s.name, s.rows[0].cells) for s in sheets] == [("B", (Cell(text="b"),))]

    def test_a_cell_reference_names_the_row(self, tmp_path: Path) -> None:
        """A cell whose own reference says another row than its row element (a damaged
        sheet) is labelled with the cell's row, where a spreadsheet program shows it."""
        xml = f'<sheetData><row r="1">{_s("A3", "x")}</row></sheetData>'
        path = _write(tmp_path, _book((("KH", xml),)))
        (sheet,), _ = read_sheets(path)
        assert [(r.label, r.line) for r in sheet.rows] == [(_label(3), 3)]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "TRUE"),
        (False, "FALSE"),
        (7, "7"),
        (2.0, "2"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (datetime(2026, 6, 3), "03/06/2026"),
        (datetime(2026, 6, 3, 8, 5), "03/06/2026 08:05"),
        (datetime(2026, 6, 3, 17, 45, 30), "03/06/2026 17:45"),
        (date(2026, 6, 3), "03/06/2026"),
        (time(8, 5), "08:05"),
        ("Quý II/2026", "Quý II/2026"),
    ],
)
def test_cell_values_as_text(value: object, text: str) -> None:
    """A cell's value as the text a person reads in the cell: booleans as Excel shows
    them, whole numbers without ".0", dates day first (dd/mm/yyyy), times to the minute."""
    assert xlsx_import._text(value) == text


def _many_rows(last: int) -> bytes:
    """A sheet whose only rows are 1 and ``last`` (openpyxl gives the ones between as
    empty), declaring its size as "A1" as some programs do."""
    xml = f'<dimension ref="A1"/><sheetData>{_row(1, "đầu")}{_row(last, "cuối")}</sheetData>'
    return _book((("KH", xml),))


class TestRowLimits:
    """A plan has at most MAX_ROWS (5,000) rows; a sheet may have 30 more above them."""

    def test_last_row_allowed(self, tmp_path: Path) -> None:
        (sheet,), _ = read_sheets(_write(tmp_path, _many_rows(5030)))
        assert len(sheet.rows) == 5030
        assert (sheet.rows[-1].label, sheet.rows[-1].line) == (_label(5030), 5030)
        assert sheet.rows[-1].cells == (Cell(text="cuối"),)
        assert sheet.rows[4970].cells == ()

    def test_one_row_too_many(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _many_rows(5031))
        with pytest.raises(UnsafeSource) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message="sheet 'KH' has more than 5030 rows, the most kh-tthc imports", file=path
        )

    @staticmethod
    @functools.cache
    def _declared(rows: int) -> bytes:
        table = _row(1, *HEADER) + _row(2, "1", "Việc", "VP", "Năm 2026")
        return _book(
            (
                ("KH", f"<sheetData>{table}</sheetData>"),
                ("Lớn", f'<dimension ref="A1:B{rows}"/><sheetData>{_row(1, "x")}</sheetData>'),
            )
        )

    @pytest.mark.parametrize("rows", [5000, 5030])
    def test_declared_size_allowed(self, tmp_path: Path, rows: int) -> None:
        (_, sheet), _ = read_sheets(_write(tmp_path, self._declared(rows)))
        assert sheet.rows == (RawRow(cells=(Cell(text="x"),), label="sheet 'Lớn', row 1", line=1),)

    def test_declared_size_too_large(self, tmp_path: Path) -> None:
        path = _write(tmp_path, self._declared(5031))
        with pytest.raises(UnsafeSource) as info:
            read_sheets(path, only="Lớn")
        assert info.value.problem == Problem(
            message="sheet 'Lớn' declares 5031 rows, more than the 5000 kh-tthc imports",
            file=path,
        )

    def test_declared_size_of_another_sheet(self, tmp_path: Path) -> None:
        """Only the sheet imported is read whole: another one's declared size is not
        looked at (its first rows are, for the header search)."""
        path = _write(tmp_path, self._declared(9000))
        (lead,) = {u.name for u in import_xlsx(path).plan.units}
        assert lead == "VP"
        sheets, _ = read_sheets(path, head=30)
        assert [s.name for s in sheets] == ["KH", "Lớn"]


class TestFiles:
    """What is refused before a sheet is read, with the file named."""

    def test_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(SourceUnreadable) as info:
            read_sheets(tmp_path)
        assert (info.value.path, info.value.reason) == (
            tmp_path,
            "is a directory, not a .xlsx file; kh-tthc reads regular files only",
        )

    def test_empty_file(self, tmp_path: Path) -> None:
        path = _write(tmp_path, b"")
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert type(info.value) is SourceRejected
        assert info.value.problem == Problem(message="is empty", file=path)

    def test_too_large(self, tmp_path: Path) -> None:
        """Over 50 MiB (a sparse file: nothing is written) is refused unread."""
        path = tmp_path / "big.xlsx"
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024 + 1)
        with pytest.raises(UnsafeSource) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message="is larger than kh-tthc accepts for a .xlsx file (at most 50 MiB)",
            file=path,
        )

    def test_not_a_zip(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "STT,Nhiệm vụ\n".encode())
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message="is not an Excel workbook (.xlsx): it is not a zip package", file=path
        )

    def test_an_old_xls(self, tmp_path: Path) -> None:
        path = _write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message="is not an Excel workbook (.xlsx): it is not a zip package; an old .xls "
            "must be saved as .xlsx first",
            file=path,
        )

    def test_damaged_zip(self, tmp_path: Path) -> None:
        """A file that starts like a zip and is not one: the package check names the kind."""
        path = _write(tmp_path, b"PK\x03\x04" + b"\x00" * 40)
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert info.value.path == path
        assert info.value.problem.message.startswith("is damaged or not a .xlsx file (")

    def test_rows_are_counted_sheet_by_sheet(self, tmp_path: Path) -> None:
        """Two sheets of 2,600 rows each: 5,200 rows together, but each sheet is a table
        of its own, under the 5,000 limit."""
        path = _write(tmp_path, _two_long_sheets())
        sheets, _ = read_sheets(path, head=1)
        assert [s.rows[0].cells for s in sheets] == [(Cell(text="0"),), (Cell(text="0"),)]


@functools.cache
def _two_long_sheets() -> bytes:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>0</v></c></row>' for n in range(1, 2601))
    return _book((("A", f"<sheetData>{rows}</sheetData>"), ("B", f"<sheetData>{rows}</sheetData>")))


class TestWorkbookWarnings:
    def test_links_counted_without_their_relationships(self, tmp_path: Path) -> None:
        """A link part's own relationships (_rels) are not another link."""
        link = '<externalLink xmlns="' + _MAIN + '"><externalBook/></externalLink>'
        data = _book(
            (("KH", _row(1, "x")),),
            extra=(
                ("xl/externalLinks/externalLink1.xml", link),
                (
                    "xl/externalLinks/_rels/externalLink1.xml.rels",
                    f'<Relationships xmlns="{_PKG}"/>',
                ),
            ),
        )
        path = _write(tmp_path, data)
        _, warnings = read_sheets(path)
        assert warnings == [
            Problem(
                message="links to 1 other workbook(s), which are not opened; formulas that "
                "use them give the values Excel saved",
                severity=Severity.WARNING,
                file=path,
            )
        ]

    def test_a_damaged_link_is_not_opened(self, tmp_path: Path) -> None:
        """The linked workbook's part is not read at all: damaged, it harms nothing."""
        data = _book(
            (("KH", f"<sheetData>{_row(1, *HEADER)}{_row(2, '1', 'Việc', 'VP')}</sheetData>"),),
            extra=(("xl/externalLinks/externalLink1.xml", "not xml <"),),
            link_rel=True,
        )
        path = _write(tmp_path, data)
        (sheet,), warnings = read_sheets(path)
        assert sheet.rows[1].cells[1] == Cell(text="Việc")
        assert [w.message[:18] for w in warnings] == ["links to 1 other w"]

    def test_openpyxl_warnings_are_passed_on(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _book((("KH", _row(1, "x")),), normal=False))
        _, warnings = read_sheets(path)
        assert warnings == [
            Problem(
                message="openpyxl: Workbook contains no default style, apply openpyxl's default",
                severity=Severity.WARNING,
                file=path,
            )
        ]


class TestUnreadable:
    def test_not_a_workbook_package(self, tmp_path: Path) -> None:
        """A zip without a workbook part: openpyxl's reason is given."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("a.txt", "x")
        path = _write(tmp_path, buf.getvalue())
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message='cannot be read as an Excel workbook ("There is no item named '
            "'[Content_Types].xml' in the archive\")",
            file=path,
        )

    def test_a_sheet_that_cannot_be_read(self, tmp_path: Path) -> None:
        """A cell whose number is not one: the sheet is named, with the reason."""
        path = _write(
            tmp_path,
            _book(
                (("Số liệu", '<sheetData><row r="1"><c r="A1"><v>abc</v></c></row></sheetData>'),)
            ),
        )
        with pytest.raises(SourceRejected) as info:
            read_sheets(path)
        assert info.value.problem == Problem(
            message="sheet 'Số liệu' cannot be read (invalid literal for int() with base 10: "
            "'abc')",
            file=path,
        )


def _table(*rows: str) -> bytes:
    return _book((("KH", f"<sheetData>{_row(1, *HEADER)}{''.join(rows)}</sheetData>"),))


class TestFindTable:
    def test_unknown_sheet(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _table())
        with pytest.raises(SheetNotFound) as info:
            import_xlsx(path, sheet="Khác")
        assert info.value.problem == Problem(
            message="has no sheet 'Khác' (its sheets: 'KH')", file=path
        )

    def test_no_table_in_the_named_sheet(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _book((("KH", _row(1, "x")), ("Ghi chú", _row(1, "y")))))
        with pytest.raises(NoTaskTable) as info:
            import_xlsx(path, sheet="Ghi chú")
        assert info.value.problem == Problem(
            message="no task table found in sheet 'Ghi chú': looked in the first 30 rows for "
            "a header row with a task column ('Nội dung công việc' / 'Tên nhiệm vụ' / "
            "'NHIỆM VỤ'...) and at least two of 'STT', 'Đơn vị chủ trì thực hiện', "
            "'Đơn vị phối hợp/theo dõi', 'Thời gian hoàn thành' (wording, case and accents "
            "may vary)",
            file=path,
        )

    def test_no_table_of_another_kind(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _book((("KH", _row(1, "x")), ("B", _row(1, "y")))))
        with pytest.raises(NoTaskTable) as info:
            find_table(path, lambda rows: None, sheet=None, what="progress table")
        assert info.value.problem == Problem(
            message="no progress table found in any sheet ('KH', 'B'): looked in the first "
            "30 rows for progress table header",
            file=path,
        )

    def test_two_tables(self, tmp_path: Path) -> None:
        table = f"<sheetData>{_row(1, *HEADER)}</sheetData>"
        path = _write(tmp_path, _book((("A", table), ("B", _row(1, "x")), ("C", table))))
        with pytest.raises(AmbiguousSheet) as info:
            import_xlsx(path)
        assert info.value.problem == Problem(
            message="several sheets hold a task table: 'A', 'C'; name the one to import "
            "(--sheet NAME)",
            file=path,
        )

    def test_a_sheet_that_changes(self, tmp_path: Path) -> None:
        """The header found in the first pass must be found again in the second."""
        path = _write(tmp_path, _table())
        answers = iter([(0, "header"), None])
        with pytest.raises(SourceRejected) as info:
            find_table(path, lambda rows: next(answers), sheet=None, what="task table")
        assert info.value.problem == Problem(
            message="sheet 'KH' changed while it was read", file=path
        )

    def test_what_is_returned(self, tmp_path: Path) -> None:
        """The header, its row's index, the whole sheet, and the warnings."""
        path = _write(
            tmp_path,
            _book((("KH", f"<sheetData>{_row(1, 'a')}{_row(2, 'b')}</sheetData>"),), normal=False),
        )
        seen: list[int] = []

        def matcher(rows: Sequence[RawRow]) -> tuple[int, str]:
            seen.append(len(rows))
            return 1, "found"

        header, at, sheet, warnings = find_table(path, matcher, sheet="KH", what="x")
        assert (header, at, sheet.name, len(sheet.rows)) == ("found", 1, "KH", 2)
        assert seen == [2, 2]
        assert [w.message for w in warnings] == [
            "openpyxl: Workbook contains no default style, apply openpyxl's default"
        ]


class TestImport:
    """What import_xlsx hands to the shared row logic and to the plan."""

    @staticmethod
    @functools.cache
    def _book() -> bytes:
        return _table(_row(2, "1", "Việc một", "VP", "30/6"), _row(3, "2", "Việc hai", "VP", "x"))

    def test_a_year_for_dates_without_one(self, tmp_path: Path) -> None:
        """The caller's year completes "30/6", and gives the plan's period."""
        path = _write(tmp_path, self._book())
        result = import_xlsx(path, year=2026)
        first = result.plan.tasks[0]
        assert first.deadline is not None
        assert first.deadline.due_dates(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 6, 30)]
        assert (result.plan.period.start, result.plan.period.end) == (
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
        assert not [w for w in result.warnings if w.where == "period"]

    def test_a_year_for_the_plan_alone(self, tmp_path: Path) -> None:
        """No completion time to date the plan: the caller's year is its period."""
        path = _write(tmp_path, _table(_row(2, "1", "Việc một", "VP")))
        result = import_xlsx(path, year=2025)
        assert (result.plan.period.start, result.plan.period.end) == (
            date(2025, 1, 1),
            date(2025, 12, 31),
        )

    def test_row_warnings_name_the_file(self, tmp_path: Path) -> None:
        path = _write(tmp_path, self._book())
        result = import_xlsx(path, year=2026)
        assert [w for w in result.warnings if w.where == "task 2"] == [
            Problem(
                message="completion time 'x' is not a known phrase; it will not be scheduled",
                severity=Severity.WARNING,
                where="task 2",
                file=path,
            )
        ]
        assert {w.file for w in result.warnings} == {path}

    def test_no_table(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _book((("KH", _row(1, "x")),)))
        with pytest.raises(NoTaskTable) as info:
            import_xlsx(path)
        assert info.value.problem.message.startswith(
            "no task table found in any sheet ('KH'): looked in the first 30 rows for a "
            "header row with a task column ("
        )


def test_warnings_of_the_two_reads(tmp_path: Path) -> None:
    """find_table reads the first rows of every sheet, then the chosen sheet whole: the
    workbook's warnings once each (the link; openpyxl's on a date cell in the first rows,
    met by both reads), then openpyxl's met only in the whole read (row 40), then the
    sheet's own (a formula without its saved value)."""
    bad_date = '<c r="{0}" s="2"><v>99999999</v></c>'
    xml = (
        "<sheetData>"
        + _row(1, *HEADER)
        + f'<row r="2">{_s("A2", "1")}{_s("B2", "Việc")}{bad_date.format("C2")}</row>'
        + f'<row r="40">{_s("A40", "2")}{_s("B40", "Khác")}{bad_date.format("C40")}'
        + '<c r="D40"><f>A40*2</f></c></row></sheetData>'
    )
    link = ("xl/externalLinks/externalLink1.xml", f'<externalLink xmlns="{_MAIN}"/>')
    path = _write(tmp_path, _book((("KH", xml),), extra=(link,)))
    header, at, sheet, warnings = find_table(
        path, lambda rows: (0, "h") if rows else None, sheet=None, what="task table"
    )
    assert (header, at, len(sheet.rows)) == ("h", 0, 40)
    assert sheet.rows[1].cells[2] == Cell(text="#VALUE!")

    def date_warning(cell: str) -> str:
        return (
            f"openpyxl: Cell {cell} is marked as a date but the serial value 99999999 is "
            "outside the limits for dates. The cell will be treated as an error."
        )

    assert [(w.message[:40], w.where) for w in warnings] == [
        ("links to 1 other workbook(s), which are ", ""),
        (date_warning("C2")[:40], ""),
        (date_warning("C40")[:40], ""),
        ("cell D40 holds a formula with no saved v", "sheet 'KH'"),
    ]
    assert [w.message for w in warnings[1:3]] == [date_warning("C2"), date_warning("C40")]
    assert {(w.file, w.severity) for w in warnings} == {(path, Severity.WARNING)}


def test_too_many_task_rows(tmp_path: Path) -> None:
    """The sheet may hold 5,030 rows, the table under its header 5,000 at most: a header
    in row 1 and a last row 5030 leave 5,029, refused with the file named."""
    path = _write(tmp_path, _long_table())
    with pytest.raises(UnsafeSource) as info:
        import_xlsx(path)
    assert info.value.problem == Problem(
        message="the task table has more than 5000 rows, the most kh-tthc imports", file=path
    )


@functools.cache
def _long_table() -> bytes:
    xml = (
        f'<dimension ref="A1"/><sheetData>{_row(1, *HEADER)}'
        f"{_row(5030, '1', 'Việc', 'VP')}</sheetData>"
    )
    return _book((("KH", xml),))


def test_formulas_with_and_without_saved_values(tmp_path: Path) -> None:
    """A formula with its saved value gives the value, unwarned; one whose saved value is
    missing, empty or blank is warned about, cell by cell."""
    xml = (
        '<sheetData><row r="1"><c r="A1" t="str"><f>B1&amp;C1</f><v>Quý II</v></c>'
        '<c r="B1"><f>1+1</f><v>2</v></c><c r="C1"><f>1+1</f><v/></c>'
        '<c r="D1" t="str"><f>""&amp;" "</f><v> </v></c><c r="E1"><f>1+1</f></c>'
        f"{_s('F1', 'x')}</row></sheetData>"
    )
    path = _write(tmp_path, _one_sheet(xml))
    (sheet,), _ = read_sheets(path)
    assert [c.text for c in sheet.rows[0].cells] == ["Quý II", "2", "", " ", "", "x"]
    assert [w.message.split(" holds")[0] for w in sheet.warnings] == [
        "cell C1",
        "cell D1",
        "cell E1",
    ]


@functools.cache
def _one_sheet(xml: str) -> bytes:
    return _book((("KH", xml),))


def test_cells_missing_from_the_sheet(tmp_path: Path) -> None:
    """A cell missing between two others is an empty, plain cell; a cell merged down from
    a top cell the sheet does not have (row 2 is missing) is continued, and empty."""
    xml = (
        f'<sheetData><row r="1">{_s("A1", "a")}{_s("C1", "c")}</row>'
        f'<row r="3">{_s("B3", "b")}</row></sheetData>{_merges("A2:A3")}'
    )
    path = _write(tmp_path, _one_sheet(xml))
    (sheet,), _ = read_sheets(path)
    assert [r.cells for r in sheet.rows] == [
        (Cell(text="a"), Cell(), Cell(text="c")),
        (),
        (Cell(continued=True), Cell(text="b")),
    ]
