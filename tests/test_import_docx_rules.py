"""The Word reader's rules one at a time: the year a caller assumes, the file named in
every warning, the messages when no task table is found or the file is no Word package,
a .doc handed to LibreOffice, the grid attributes and tracked changes of a table's rows,
what each piece of a paragraph's XML reads as, bold and fonts by run, style and default
style, and how a row's cells on the table's grid map onto the header's columns
(``_logical`` and ``_grid_texts`` directly: their cells reach the task rules only as
Cells, where a continued or merged flag is not always visible).

The documents are written here as WordprocessingML into python-docx's own empty
document (built once); their task rows are illustrative, in the style of a Sở's plan,
no agency's.
"""

from __future__ import annotations

import functools
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from kh_tthc import NoTaskTable, SourceRejected, import_docx
from kh_tthc.errors import Severity
from kh_tthc.importing.docx import _grid_texts, _logical, _Phys
from kh_tthc.importing.result import ImportResult
from kh_tthc.importing.rows import Cell

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def _empty() -> bytes:
    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{_p(text)}</w:tc>"


def _tbl(*rows: list[str]) -> str:
    width = max(len(r) for r in rows)
    grid = "<w:tblGrid>" + "<w:gridCol/>" * width + "</w:tblGrid>"
    body = "".join("<w:tr>" + "".join(_tc(t) for t in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{grid}{body}</w:tbl>"


@functools.cache
def _document(body: str, styles: bytes | None = None) -> bytes:
    """python-docx's empty document with ``body`` as its body (and ``styles`` as its
    styles part, when given)."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_empty())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = xml if info.filename == "word/document.xml" else zin.read(info)
            if info.filename == "word/styles.xml" and styles is not None:
                data = styles
            zout.writestr(info.filename, data)
    return out.getvalue()


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(_document(body))
    return path


HEADER = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành"]
#: No year anywhere: no title period, no date line, completion times without a year.
NO_YEAR = _p("KẾ HOẠCH") + _tbl(
    HEADER,
    ["1", "Rà soát thủ tục hành chính", "Văn phòng", "Trước ngày 28/5"],
    ["2", "Công khai thủ tục hành chính", "Văn phòng", "Trước ngày 15/9"],
)


class TestYear:
    def test_the_callers_year_dates_the_tasks(self, tmp_path: Path) -> None:
        result = import_docx(_write(tmp_path, NO_YEAR), year=2027)
        days = [t.deadline.day for t in result.plan.tasks]  # type: ignore[union-attr]
        assert days == [date(2027, 5, 28), date(2027, 9, 15)]
        # Dated when read, so the period follows from them: nothing to fill in about it.
        assert "period" not in [w.where for w in result.warnings]

    def test_the_callers_year_is_the_plans(self, tmp_path: Path) -> None:
        """Without a dated completion time the plan's period is the caller's year."""
        body = _p("KẾ HOẠCH") + _tbl(HEADER, ["1", "Rà soát", "Văn phòng", "Thường xuyên"])
        result = import_docx(_write(tmp_path, body), year=2027)
        assert (result.plan.period.start, result.plan.period.end) == (
            date(2027, 1, 1),
            date(2027, 12, 31),
        )
        assert "the plan's period is not evident; set to the year 2027; fill it in" in [
            w.message for w in result.warnings
        ]


class TestWarningsNameTheFile:
    def test_grid_and_task_warnings(self, tmp_path: Path) -> None:
        """A grid warning (read_table's) and a row warning (the task rows') both name it."""
        bad_span = "<w:tc><w:tcPr><w:gridSpan w:val='x'/></w:tcPr>" + _p("Văn phòng") + "</w:tc>"
        table = _tbl(HEADER, ["1", "Rà soát", "Văn phòng", "Tháng 6/2026"], ["", "", "", ""])
        table = table.replace(_tc("Văn phòng"), bad_span, 1)
        path = _write(tmp_path, table)
        warnings = import_docx(path).warnings
        grid = [w for w in warnings if w.message == "w:gridSpan 'x' is not a number; read as 1"]
        assert [w.where for w in grid] == ["table 1, row 2"]
        empty = [w for w in warnings if "empty" in w.message]
        assert empty
        assert {w.file for w in grid + empty} == {path}


class TestNoTaskTable:
    def test_no_table(self, tmp_path: Path) -> None:
        path = _write(tmp_path, _p("KẾ HOẠCH") + _p("Không có bảng"))
        with pytest.raises(NoTaskTable) as info:
            import_docx(path)
        message = info.value.problem.message
        assert message.startswith("no task table found: looked for ")
        assert message.endswith(" (it has no table)")
        assert "first rows" not in message

    def test_first_rows_of_three_tables_at_most(self, tmp_path: Path) -> None:
        tables = [_tbl(["A", "B"]), _tbl(["C"]), _tbl(["D", "E", "F"]), _tbl(["G"])]
        path = _write(tmp_path, _p("x").join(tables))
        with pytest.raises(NoTaskTable) as info:
            import_docx(path)
        assert info.value.problem.message.endswith(
            " (first rows of its tables: A | B; C; D | E | F)"
        )


def _phys(start: int, span: int = 1, text: str = "", *, vmerge: str | None = None) -> _Phys:
    return _Phys(start, span, vmerge, text, text.startswith("**"))


#: A header on a grid of five columns: STT, a title over two grid columns, unit, time.
HEAD = [_phys(0, text="STT"), _phys(1, 2, "Nội dung"), _phys(3, text="Chủ trì"), _phys(4)]


class TestLogical:
    """_logical maps a row's cells (on the grid) onto the header's columns: the Word
    reader's rows reach the task rules only through it, as Cells."""

    def test_cells_past_the_header(self) -> None:
        # Grid columns 5 and 7 lie past the header's end (5): they are columns 4 and 6.
        row = [_phys(0, text="1"), _phys(5, text="x"), _phys(7, text="y")]
        cells = _logical(row, HEAD, {})
        assert [c.text for c in cells] == ["1", "", "", "", "x", "", "y"]

    def test_cells_past_a_two_column_header(self) -> None:
        head = [_phys(0, text="STT"), _phys(1, 2, "Nội dung")]
        cells = _logical([_phys(3, text="x"), _phys(4, text="y")], head, {})
        assert [c.text for c in cells] == ["", "", "x", "y"]

    def test_two_cells_under_one_heading(self) -> None:
        """Both texts, one per line; bold only when every piece with text is bold."""
        row = [_phys(1, text="Rà soát"), _phys(2, text="**hồ sơ")]
        cell = _logical(row, HEAD, {})[1]
        assert cell == Cell(text="Rà soát\n**hồ sơ", bold=False, merged=False, continued=False)
        row = [_phys(1, text="**Rà soát"), _phys(2, text="**hồ sơ")]
        assert _logical(row, HEAD, {})[1].bold is True

    def test_a_cell_across_headings_is_merged(self) -> None:
        cells = _logical([_phys(0, 4, "**I. NHÓM")], HEAD, {})
        assert cells[0] == Cell(text="**I. NHÓM", bold=True, merged=True, continued=False)
        assert [c.merged for c in cells[1:]] == [False, False, False]

    def test_continued_down(self) -> None:
        above: dict[int, tuple[str, bool]] = {}
        _logical([_phys(0, text="1"), _phys(3, text="**Văn phòng", vmerge="restart")], HEAD, above)
        cells = _logical([_phys(0, text="2"), _phys(3, vmerge="continue")], HEAD, above)
        assert cells[2] == Cell(text="**Văn phòng", bold=True, merged=False, continued=True)
        assert cells[0] == Cell(text="2")

    def test_continued_with_nothing_above(self) -> None:
        cells = _logical([_phys(0, text="1"), _phys(3, vmerge="continue")], HEAD, {})
        assert cells[2] == Cell(text="", bold=False, merged=False, continued=True)


class TestGridTexts:
    def test_continued_cells_are_blank(self) -> None:
        row = [_phys(0, text="STT", vmerge="continue"), _phys(1, 2, "Chủ trì"), _phys(3)]
        assert _grid_texts(row, 4) == ["", "Chủ trì", "", ""]


FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice converting a .doc (the real one runs in the soffice tests):
# writes the prepared document where LibreOffice would, and records the filter asked for.
while [ $# -gt 0 ]; do
  case "$1" in
    --convert-to) filter="$2"; shift ;;
    --outdir) outdir="$2"; shift ;;
    *) source="$1" ;;
  esac
  shift
done
printf '%s' "$filter" > "{record}"
mkdir -p "$outdir"
name=$(basename "$source")
cp "{docx}" "$outdir/${{name%.*}}.${{filter%%:*}}"
"""


def test_old_doc_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old .doc is handed to LibreOffice for Word 2007's format, its output read as
    the document, and the conversion said in the first warning."""
    prepared = _write(tmp_path, NO_YEAR)
    script = tmp_path / "soffice"
    record = tmp_path / "filter.txt"
    script.write_text(FAKE_SOFFICE.format(record=record, docx=prepared), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("KH_TTHC_SOFFICE", str(script))
    path = tmp_path / "cu.doc"
    names = b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in ("WordDocument", "1Table"))
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names)
    result = import_docx(path, year=2027)
    assert record.read_text(encoding="utf-8") == "docx:MS Word 2007 XML"
    assert [t.title for t in result.plan.tasks] == [
        "Rà soát thủ tục hành chính",
        "Công khai thủ tục hành chính",
    ]
    first = result.warnings[0]
    assert (first.message, first.severity, first.file) == (
        "converted from the old .doc format with LibreOffice; check group rows and merged cells",
        Severity.WARNING,
        path,
    )


def _row(cells: list[str], tr_pr: str = "") -> str:
    props = f"<w:trPr>{tr_pr}</w:trPr>" if tr_pr else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def _task(n: int, *, unit: str = "Văn phòng", title: str = "") -> list[str]:
    return [_tc(str(n)), _tc(title or f"Việc {n}"), _tc(unit), _tc("Tháng 6/2026")]


PICTURE = "<w:r><w:drawing/></w:r>"
#: One table, a grid attribute or a tracked change per row (rows 2 to 13); the last
#: two rows' attributes are within the grid.
GRID = (
    "<w:tbl><w:tblGrid>"
    + "<w:gridCol/>" * 4
    + "</w:tblGrid>"
    + _row([_tc(t) for t in HEADER])
    + _row(_task(1), "<w:gridBefore w:val='x'/>")
    + _row(_task(2), "<w:gridBefore w:val='-5'/>")
    + _row(_task(3), "<w:gridBefore w:val=' 9 '/>")
    + _row(_task(4), "<w:gridAfter w:val='2'/>")
    + _row([_tc("5"), _tc("Việc 5", "<w:gridSpan w:val='abc'/>"), _tc("Văn phòng"), _tc("Quý III")])
    + _row([_tc("6"), _tc("Việc 6", "<w:gridSpan w:val='0'/>"), _tc("Văn phòng"), _tc("Quý III")])
    + _row([_tc("7"), _tc("Việc 7", "<w:gridSpan w:val='3'/>"), _tc("Văn phòng"), _tc("Quý III")])
    + _row(
        _task(8, title="Việc xoá"), "<w:del w:id='1' w:author='A' w:date='2026-01-01T00:00:00Z'/>"
    )
    + _row([*_task(9)[:2], _tc("Sở Tư pháp", "<w:cellDel/>"), *_task(9)[2:]])
    + _row(
        [
            _tc("10"),
            _tc("Việc 10"),
            _tc("Văn phòng").replace("</w:p>", PICTURE + "</w:p>"),
            _tc("Quý III"),
        ]
    )
    + _row(
        [_tc("11"), _tc("Việc 11", "<w:gridSpan w:val='1'/>"), *_task(11)[2:]],
        "<w:gridBefore w:val='0'/>",
    )
    + _row(_task(12)[:3], "<w:gridAfter w:val='1'/>")
    + "</w:tbl>"
)


Grid = tuple[list[tuple[str, str]], list[tuple[str, tuple[str, ...], str]]]


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Grid:
    """The grid document's row warnings and tasks, imported once."""
    path = tmp_path_factory.mktemp("grid") / "luoi.docx"
    path.write_bytes(_document(GRID))
    result = import_docx(path)
    warned = [(w.where or "", w.message) for w in result.warnings if w.where and "row" in w.where]
    tasks = [(t.title, t.lead, str(t.deadline or "")) for t in result.plan.tasks]
    return warned, tasks


class TestGrid:
    def test_warnings(self, grid: Grid) -> None:
        warned, _ = grid
        assert warned == [
            ("table 1, row 2", "w:gridBefore 'x' is not a number; read as 0"),
            ("table 1, row 3", "w:gridBefore '-5' is below 0; read as 0"),
            ("table 1, row 4", "w:gridBefore 9 reaches past the table's grid; read as 0"),
            ("table 1, row 5", "w:gridAfter 2 reaches past the table's grid; read as 0"),
            ("table 1, row 6", "w:gridSpan 'abc' is not a number; read as 1"),
            ("table 1, row 7", "w:gridSpan '0' is below 1; read as 1"),
            ("table 1, row 8", "w:gridSpan 3 reaches past the table's grid; read as 1"),
            (
                "table 1, row 11",
                "a cell holds a picture, text box or object beside the text 'Văn phòng'; "
                "it is not read",
            ),
        ]

    def test_tasks(self, grid: Grid) -> None:
        """Every row is read on its columns; the deleted row is left out, and the deleted
        cell (a unit) does not push the completion time out of its column."""
        _, tasks = grid
        month, quarter = "Tháng 6/2026", "Quý III"
        assert tasks == [
            *((f"Việc {n}", ("vp",), month) for n in (1, 2, 3, 4)),
            *((f"Việc {n}", ("vp",), quarter) for n in (5, 6, 7)),
            ("Việc 9", ("vp",), month),
            ("Việc 10", ("vp",), quarter),
            ("Việc 11", ("vp",), month),
            ("Việc 12", ("vp",), ""),
        ]


def _runs(*xml: str) -> str:
    """A cell of one paragraph holding ``xml`` (runs and what else a paragraph holds)."""
    return f"<w:tc><w:p>{''.join(xml)}</w:p></w:tc>"


def _r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}<w:t xml:space='preserve'>{text}</w:t></w:r>"


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: Task titles, each written with one feature of a paragraph's XML (rows 2 to 12).
TEXTS = [
    _runs(_r("Rà"), "<w:r><w:tab/></w:r>", _r("soát")),
    _runs(_r("Rà"), "<w:r><w:br/></w:r>", _r("soát")),
    _runs(_r("Tự"), "<w:r><w:noBreakHyphen/></w:r>", _r("động")),
    _runs(_r("Tự"), "<w:r><w:softHyphen/></w:r>", _r("động")),
    _runs(_r("Lập "), "<w:del><w:r><w:delText>bỏ </w:delText></w:r></w:del>", _r("danh mục")),
    _runs(_r("Lập "), "<w:ins><w:r><w:t>mới </w:t></w:r></w:ins>", _r("danh mục")),
    _runs(_r("Lập "), "<w:moveFrom><w:r><w:t>cũ </w:t></w:r></w:moveFrom>", _r("danh mục")),
    _runs("<w:r><w:instrText> PAGE </w:instrText></w:r>", _r("Báo cáo")),
    _runs(_r("Kiểm tra "), "<w:r><w:sym w:font='Wingdings' w:char='F0FC'/></w:r>"),
    _runs(
        "<w:sdt><w:sdtPr><w:alias w:val='Tên'/></w:sdtPr>"
        "<w:sdtContent><w:r><w:t>Tổng hợp</w:t></w:r></w:sdtContent></w:sdt>"
    ),
    _runs(
        f"<mc:AlternateContent xmlns:mc='{MC}'><mc:Choice Requires='w14'>"
        "<w:r><w:t>hình</w:t></w:r></mc:Choice></mc:AlternateContent>",
        _r("Đánh giá"),
    ),
]
PARAGRAPHS = (
    "<w:tbl><w:tblGrid>"
    + "<w:gridCol/>" * 4
    + "</w:tblGrid>"
    + _row([_tc(t) for t in HEADER])
    + "".join(
        _row([_tc(str(n)), text, _tc("Văn phòng"), _tc("Quý III/2026")])
        for n, text in enumerate(TEXTS, start=1)
    )
    + "</w:tbl>"
)


@pytest.fixture(scope="module")
def titles(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = tmp_path_factory.mktemp("p") / "doan.docx"
    path.write_bytes(_document(PARAGRAPHS))
    return [t.title for t in import_docx(path).plan.tasks]


def test_paragraph_text(titles: list[str]) -> None:
    """A tab reads as a space, a line break as one (in a title), a non-breaking hyphen
    as "-", an optional hyphen as nothing; deleted, moved-away and field-code text is
    left out, inserted text and a content control's text read; a Wingdings tick is "✓";
    an AlternateContent's drawing text is left out."""
    assert titles == [
        "Rà soát",
        "Rà soát",
        "Tự-động",
        "Tựđộng",
        "Lập danh mục",
        "Lập mới danh mục",
        "Lập danh mục",
        "Báo cáo",
        "Kiểm tra ✓",
        "Tổng hợp",
        "Đánh giá",
    ]


#: A task table broken over four tables: its header repeated, another table with other
#: columns, one continuing without its header, and one of another width.
BROKEN = (
    _p("KẾ HOẠCH")
    + _tbl(HEADER, ["1", "Việc một", "Văn phòng", "Quý I/2026"])
    + _p("")
    + _tbl(HEADER, ["2", "Việc hai", "Văn phòng", "Quý II/2026"])
    + _tbl(["STT", "Nội dung công việc", "Thời gian hoàn thành"], ["9", "Việc khác", "Quý I/2026"])
    + _tbl(["3", "Việc ba", "Văn phòng", "Quý III/2026"])
    + _tbl(["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"])
)


def test_a_table_broken_over_several(tmp_path: Path) -> None:
    result = import_docx(_write(tmp_path, BROKEN))
    assert [(t.title, str(t.deadline)) for t in result.plan.tasks] == [
        ("Việc một", "Quý I/2026"),
        ("Việc hai", "Quý II/2026"),
        ("Việc ba", "Quý III/2026"),
    ]
    tables = [(w.where, w.message) for w in result.warnings if (w.where or "").startswith("table")]
    assert tables == [
        (
            "table 3",
            "looks like another task table but its columns differ from the first one's; "
            "not imported: STT | Nội dung công việc | Thời gian hoàn thành",
        ),
        ("table 4", "has no header row but the task table's columns; read as its continuation"),
    ]


@pytest.mark.parametrize("above", [5, 6])
def test_header_looked_for_in_the_first_six_rows(tmp_path: Path, above: int) -> None:
    """Title rows above the header: five leave it the sixth row, found; six push it to
    the seventh, not looked at."""
    rows = [[f"Dòng {n}", ""] for n in range(above)]
    path = _write(tmp_path, _tbl(*rows, HEADER, ["1", "Việc một", "Văn phòng", "Quý I/2026"]))
    if above == 5:
        assert [t.title for t in import_docx(path).plan.tasks] == ["Việc một"]
    else:
        with pytest.raises(NoTaskTable):
            import_docx(path)


def _styled(style: str, *runs: str) -> str:
    return f"<w:tc><w:p><w:pPr><w:pStyle w:val='{style}'/></w:pPr>{''.join(runs)}</w:p></w:tc>"


#: Task titles bold or not by each rule (python-docx's template: "Strong" is a bold
#: character style, "Heading1" a bold paragraph style); the last row's is plain.
BOLD = {
    "Việc 1": (_runs(_r("Việc 1", "<w:b/>")), True),
    "Việc 2": (_runs(_r("Việc 2", "<w:b w:val='0'/>")), False),
    "Việc 3": (_runs(_r("Việc 3", "<w:b w:val='false'/>")), False),
    "Việc 4": (_runs(_r("Việc 4", "<w:b w:val='off'/>")), False),
    "Việc 5": (_runs(_r("Việc 5", "<w:b w:val='on'/>")), True),
    "Việc 6": (_runs(_r("Việc 6", "<w:b w:val='TRUE'/>")), True),
    "Việc 7": (_runs(_r("Việc 7", "<w:rStyle w:val='Strong'/>")), True),
    "Việc 8": (_styled("Heading1", _r("Việc 8")), True),
    "Việc 9": (_styled("Heading1", _r("Việc 9", "<w:b w:val='0'/>")), False),
    "Việc 10": (_runs(_r("Việc ", "<w:rStyle w:val='Strong'/>"), _r("10")), False),
    "Việc 11": (_runs(_r("Việc 11", "<w:b/>"), _r("  ")), True),
    "Việc 12": (_runs(_r("Việc 12")), False),
}


def test_bold_titles_are_groups(tmp_path: Path) -> None:
    body = (
        "<w:tbl><w:tblGrid>"
        + "<w:gridCol/>" * 4
        + "</w:tblGrid>"
        + _row([_tc(t) for t in HEADER])
        + "".join(
            _row([_tc(str(n)), cell, _tc("Văn phòng"), _tc("Quý I/2026")])
            for n, (cell, _) in enumerate(BOLD.values(), start=1)
        )
        + "</w:tbl>"
    )
    tasks = import_docx(_write(tmp_path, body)).plan.tasks
    assert {t.title: t.group for t in tasks} == {title: bold for title, (_, bold) in BOLD.items()}


def test_legacy_horizontal_merge(tmp_path: Path) -> None:
    """``w:hMerge`` (Word 95's merge across): the continuing cell joins the one before,
    its own text not read, and the next cells keep their columns."""
    header = [_tc("STT"), _tc("Nội dung công việc", "<w:gridSpan w:val='2'/>")]
    header += [_tc("Đơn vị chủ trì"), _tc("Thời gian hoàn thành")]
    row = [_tc("1"), _tc("Rà soát", "<w:hMerge w:val='restart'/>"), _tc("bỏ", "<w:hMerge/>")]
    row += [_tc("Văn phòng"), _tc("Quý I/2026")]
    body = "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * 5 + "</w:tblGrid>"
    body += _row(header) + _row(row) + "</w:tbl>"
    (task,) = import_docx(_write(tmp_path, body)).plan.tasks
    assert (task.title, task.lead, str(task.deadline)) == ("Rà soát", ("vp",), "Quý I/2026")


def test_cells_past_the_widest_grid(tmp_path: Path) -> None:
    """A table without a declared grid is read up to 64 columns; a row of more cells
    has the rest reported, not read."""
    extra = [_tc(f"c{n}") for n in range(5, 67)]
    row = [_tc("1"), _tc("Rà soát"), _tc("Văn phòng"), _tc("Quý I/2026"), *extra]
    body = "<w:tbl>" + _row([_tc(t) for t in HEADER]) + _row(row) + "</w:tbl>"
    result = import_docx(_write(tmp_path, body))
    assert [t.title for t in result.plan.tasks] == ["Rà soát"]
    past = [(w.where, w.message) for w in result.warnings if "past column" in w.message]
    assert past == [
        ("table 1, row 2", "a cell past column 64 is not read: 'c65'"),
        ("table 1, row 2", "a cell past column 64 is not read: 'c66'"),
    ]


PLACEHOLDER = (
    "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
    "<w:r><w:t>Bấm vào đây để nhập</w:t></w:r></w:sdtContent></w:sdt>"
)


def test_content_control_placeholders(tmp_path: Path) -> None:
    """A placeholder still shown reads as empty, said where it was: in a paragraph, the
    document; in a cell, its table and row."""
    body = f"<w:p>{PLACEHOLDER}</w:p>" + _tbl(
        HEADER, ["1", "Rà soát", "Văn phòng", "Quý I/2026"]
    ).replace(_tc("Văn phòng"), _runs(_r("Văn phòng"), PLACEHOLDER))
    result = import_docx(_write(tmp_path, body))
    (task,) = result.plan.tasks
    assert task.lead == ("vp",)
    said = "a content control still shows its placeholder 'Bấm vào đây để nhập'; read as empty"
    assert [(w.where, w.file) for w in result.warnings if w.message == said] == [
        ("document", tmp_path / "ke-hoach.docx"),
        ("table 1, row 2", tmp_path / "ke-hoach.docx"),
    ]


def _fonts(**names: str) -> str:
    return "<w:rFonts " + " ".join(f"w:{k}='{v}'" for k, v in names.items()) + "/>"


def test_the_font_vietnamese_letters_show_in(tmp_path: Path) -> None:
    """Letters outside ASCII show in the w:hAnsi font (ECMA-376 Part 1, 17.3.2.26): text
    in TCVN3's .VnTime there is converted ("b¸o c¸o" is "báo cáo"); the ascii font, then
    the cs font, count when hAnsi names none."""
    legacy = "b\u00b8o c\u00b8o"
    cells = [
        _runs(_r(legacy, _fonts(hAnsi=".VnTime", ascii="Times New Roman"))),
        _runs(_r(legacy, _fonts(ascii=".VnTime"))),
        _runs(_r(legacy, _fonts(cs=".VnTime"))),
        _runs(_r(legacy, _fonts(hAnsi="Times New Roman", ascii=".VnTime"))),
    ]
    body = "<w:tbl>" + _row([_tc(t) for t in HEADER])
    for n, cell in enumerate(cells, start=1):
        body += _row([_tc(str(n)), cell, _tc("Văn phòng"), _tc("Quý I/2026")])
    result = import_docx(_write(tmp_path, body + "</w:tbl>"))
    assert [t.title for t in result.plan.tasks] == ["báo cáo", "báo cáo", "báo cáo", legacy]
    assert [w.where for w in result.warnings if ".VnTime" in w.message] == ["document"]


@pytest.mark.parametrize(
    ("name", "hint"),
    [("ke-hoach.csv", True), ("KE-HOACH.CSV", True), ("ke-hoach.docx", False)],
)
def test_not_a_zip_package(tmp_path: Path, name: str, hint: bool) -> None:
    """Text is no Word document; a .csv file (whatever its letters' case) is pointed to
    the CSV importer."""
    path = tmp_path / name
    path.write_text("STT,Nội dung công việc\n", encoding="utf-8")
    with pytest.raises(SourceRejected) as info:
        import_docx(path)
    assert type(info.value) is SourceRejected
    assert info.value.path == path
    assert info.value.problem.message == (
        "is not a Word document (.docx): it is not a zip package"
        + (" (for a CSV file, use import_csv)" if hint else "")
    )


def test_a_zip_without_a_document(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(SourceRejected) as info:
        import_docx(path)
    assert info.value.path == path
    assert info.value.problem.message.startswith("cannot be read as a Word document (")


def test_a_table_inside_a_cell(tmp_path: Path) -> None:
    """A table inside a cell keeps its text, one line per cell, after the paragraph above
    it; an empty paragraph says nothing about bold (the title stays bold: a group)."""
    inner = "<w:tbl><w:tr>" + _tc("hồ sơ") + _tc("đất đai") + "</w:tr></w:tbl>"
    nested = "<w:tc>" + _runs(_r("Rà soát"))[6:-7] + inner + "<w:p/></w:tc>"
    bold = "<w:tc>" + _runs(_r("Nhóm việc", "<w:b/>"))[6:-7] + "<w:p/></w:tc>"
    body = "<w:tbl>" + _row([_tc(t) for t in HEADER])
    body += _row([_tc("1"), bold, _tc(""), _tc("")])
    body += _row([_tc("2"), nested, _tc("Văn phòng"), _tc("Quý I/2026")])
    tasks = import_docx(_write(tmp_path, body + "</w:tbl>")).plan.tasks
    assert [(t.title, t.group) for t in tasks] == [
        ("Nhóm việc", True),
        ("Rà soát hồ sơ đất đai", False),
    ]


def _styles(default: str) -> bytes:
    """Styles where the default paragraph style ("Thuong") is bold through the style it
    is based on; a character style and a later paragraph style also claim the default,
    a style without an id (skipped) comes first, and a plain paragraph style not marked
    default before it."""
    return f"""<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph"><w:name w:val="Không mã"/></w:style>
<w:style w:type="character" w:default="1" w:styleId="Chu"><w:name w:val="Chữ"/></w:style>
<w:style w:type="paragraph" w:styleId="Nhat"><w:name w:val="Nhạt"/></w:style>
<w:style w:type="paragraph" w:styleId="Dam"><w:name w:val="Đậm"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:default="{default}" w:styleId="Thuong"><w:name w:val="Thường"/>
<w:basedOn w:val="Dam"/></w:style>
<w:style w:type="paragraph" w:default="1" w:styleId="Khac"><w:name w:val="Khác"/></w:style>
</w:styles>""".encode()


@pytest.mark.parametrize("default", ["1", "true", "on", "ON"])
def test_the_default_paragraph_style(tmp_path: Path, default: str) -> None:
    """A paragraph naming no style has the default one's formatting, here bold through
    its base style; the first paragraph style marked default (w:default "1", "true" or
    "on") is it."""
    body = "<w:tbl>" + _row([_tc(t) for t in HEADER])
    body += _row([_tc("1"), _tc("Nhóm việc"), _tc(""), _tc("")])
    body += _row([_tc("2"), _runs(_r("Rà soát", "<w:b w:val='0'/>")), _tc("Văn phòng"), _tc("")])
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(_document(body + "</w:tbl>", _styles(default)))
    tasks = import_docx(path).plan.tasks
    assert [(t.title, t.group) for t in tasks] == [("Nhóm việc", True), ("Rà soát", False)]


def test_the_documents_default_font(tmp_path: Path) -> None:
    """The font of w:docDefaults is under every run naming none: TCVN3 text there is
    converted; runs naming Times New Roman, themselves or by their style, are not."""
    styles = f"""<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="character" w:styleId="Moi"><w:name w:val="Mới"/>
<w:rPr><w:rFonts w:hAnsi="Times New Roman"/></w:rPr></w:style></w:styles>""".encode()
    times = _fonts(hAnsi="Times New Roman")
    body = "<w:tbl>" + _row([_runs(_r(t, times)) for t in HEADER])
    cells = [_runs(_r("1")), _runs(_r("b\u00b8o c\u00b8o"))]
    cells += [_runs(_r("Văn phòng", times)), _runs(_r("Quý I/2026", times))]
    body += _row(cells)
    styled = _runs(_r("b\u00b8o c\u00b8o", "<w:rStyle w:val='Moi'/>"))
    body += _row([_runs(_r("2")), styled, *cells[2:]]) + "</w:tbl>"
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(_document(body, styles))
    result = import_docx(path)
    assert [(t.title, t.lead) for t in result.plan.tasks] == [
        ("báo cáo", ("vp",)),
        ("b\u00b8o c\u00b8o", ("vp",)),
    ]


def test_a_styles_part_of_another_type(tmp_path: Path) -> None:
    """A styles part declared as another content type (python-docx gives no styles for
    it): read without styles, the text as it is."""
    data = _document(NO_YEAR)
    out = io.BytesIO()
    styles = b"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "[Content_Types].xml":
                assert styles in part
                part = part.replace(styles, b"application/octet-stream")
            zout.writestr(info.filename, part)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(out.getvalue())
    assert [t.title for t in import_docx(path, year=2027).plan.tasks] == [
        "Rà soát thủ tục hành chính",
        "Công khai thủ tục hành chính",
    ]


# -- one document for many rules, imported once ---------------------------------------

#: Paragraph styles for EDGES: "Dam" bold, "Cu" in TCVN3's .VnTime.
EDGE_STYLES = f"""<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:styleId="Dam"><w:name w:val="Đậm"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Cu"><w:name w:val="Cũ"/>
<w:rPr><w:rFonts w:hAnsi=".VnTime"/></w:rPr></w:style>
</w:styles>""".encode()

SPAN2 = "<w:gridSpan w:val='2'/>"
BOLD_RUN = "<w:r><w:rPr><w:b/></w:rPr>"
RESTART, CONTINUE = "<w:hMerge w:val='restart'/>", "<w:hMerge/>"
#: A content control's placeholder of several texts (one empty), 86 characters shown.
LONG_PLACEHOLDER = (
    "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
    "<w:r><w:t>Bấm vào đây để nhập tên đơn vị chủ trì, </w:t></w:r><w:r><w:t/></w:r>"
    "<w:r><w:t>đơn vị phối hợp và thời gian hoàn thành của nhiệm vụ</w:t></w:r>"
    "</w:sdtContent></w:sdt>"
)
LONG_TITLE = "Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý để kiến nghị đơn giản hoá"


def _cell(paragraph: str, props: str = SPAN2) -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"


def _in(style: str, inner: str) -> str:
    """A paragraph of style ``style`` holding ``inner`` as it is."""
    return f"<w:p><w:pPr><w:pStyle w:val='{style}'/></w:pPr>{inner}</w:p>"


def _wide(n: int, title: str, unit: str = "Văn phòng", due: str = "Quý I/2026") -> list[str]:
    """A task row of the six-column grid: the title and unit each span two columns."""
    return [_tc(str(n)), _cell(_p(title)), _cell(_p(unit)), _tc(due)]


#: The task table, inside a block-level content control and without a w:tblGrid: its
#: header's "Nội dung công việc" and "Đơn vị chủ trì" each span two grid columns.
EDGES = (
    "<w:sdt><w:sdtPr><w:alias w:val='Bảng'/></w:sdtPr><w:sdtContent><w:tbl>"
    + _row([_tc("STT"), _cell(_p(HEADER[1])), _cell(_p(HEADER[2])), _tc(HEADER[3])])
    # 1: a number cell merged across the title's columns (no title of its own).
    + _row(
        [
            _tc("Nhiệm vụ chung", RESTART),
            _cell("<w:p/>", CONTINUE + SPAN2),
            _cell("<w:p/>"),
            _tc(""),
        ]
    )
    # 2: the unit merged the legacy way (w:hMerge) after two cells.
    + _row(
        [
            _tc("2"),
            _cell(_p("Việc hai")),
            _tc("Văn phòng", RESTART),
            _tc("bỏ", CONTINUE),
            _tc("Quý I/2026"),
        ]
    )
    # 3: a bold title merged across its column's two grid columns by w:hMerge.
    + _row(
        [
            _tc("3"),
            _tc("Nhóm ba", RESTART).replace("<w:r>", BOLD_RUN),
            _tc("", CONTINUE),
            *_wide(3, "")[2:],
        ]
    )
    # 4 and 5: a unit merged down (w:vMerge) and across (w:hMerge) at once.
    + _row(
        [
            _tc("4"),
            _cell(_p("Việc bốn")),
            _tc("Văn phòng", "<w:vMerge w:val='restart'/>" + RESTART),
            _tc("", CONTINUE),
            _tc("Quý II/2026"),
        ]
    )
    + _row(
        [
            _tc("5"),
            _cell(_p("Việc năm")),
            _tc("", "<w:vMerge/>" + RESTART),
            _tc("", CONTINUE),
            _tc("Quý II/2026"),
        ]
    )
    # 6: a placeholder, then the unit's text, in one paragraph.
    + _row(
        [
            *_wide(6, "Việc sáu")[:2],
            _cell(f"<w:p>{LONG_PLACEHOLDER}{_r('Văn phòng')}</w:p>"),
            _tc("Quý I/2026"),
        ]
    )
    # 7: an object alone in the completion time's cell.
    + _row([*_wide(7, "Việc bảy")[:3], "<w:tc><w:p><w:r><w:object/></w:r></w:p></w:tc>"])
    # 8: a long title beside a picture.
    + _row([_tc("8"), _cell(f"<w:p>{_r(LONG_TITLE)}{PICTURE}</w:p>"), *_wide(8, "")[2:]])
    # 9: a w:gridAfter that is no number.
    + _row(_wide(9, "Việc chín"), "<w:gridAfter w:val='x'/>")
    # 10: plain text, then bold: not all bold.
    + _row(
        [_tc("10"), _cell(f"<w:p>{_r('Việc ')}{_r('mười', '<w:b/>')}</w:p>"), *_wide(10, "")[2:]]
    )
    # 11 to 14: text outside any run, directly in the paragraph or in an element this
    # reader does not know, takes the paragraph style's bold (Dam) and font (Cu).
    + _row([_tc("11"), _cell(_in("Dam", "<w:t>Nhóm mười một</w:t>")), *_wide(11, "")[2:]])
    + _row(
        [
            _tc("12"),
            _cell(_in("Dam", "<w:smartTag><w:t>Nhóm mười hai</w:t></w:smartTag>")),
            *_wide(12, "")[2:],
        ]
    )
    + _row([_tc("13"), _cell(_in("Cu", "<w:t>b\u00b8o c\u00b8o</w:t>")), *_wide(13, "")[2:]])
    + _row(
        [
            _tc("14"),
            _cell(_in("Cu", "<w:smartTag><w:t>k\u00aa khai</w:t></w:smartTag>")),
            *_wide(14, "")[2:],
        ]
    )
    + "</w:tbl></w:sdtContent></w:sdt>"
    # The table continued on two more pages, without its header.
    + _tbl(["15", "Việc mười lăm", "", "Văn phòng", "", "Quý IV/2026"], ["16", "", "", "", "", ""])
    + _p("")
    + _tbl(["17", "Việc mười bảy", "", "Văn phòng", "", "Quý IV/2026"])
    # A layout table of 65 cells: the last is past the widest grid.
    + "<w:tbl>"
    + _row([_tc("") for _ in range(64)] + [_tc(LONG_TITLE)])
    + "</w:tbl>"
)


@pytest.fixture
def edges(tmp_path: Path) -> tuple[Path, ImportResult]:
    """The EDGES document (its file, and what importing it gives), imported for each test:
    under mutmut an import shared by the tests would tie the importer to the first of
    them only, and a mutant would run without the others."""
    path = tmp_path / "bien.docx"
    path.write_bytes(_document(EDGES, EDGE_STYLES))
    return path, import_docx(path, year=2026)


Edges = tuple[Path, ImportResult]


def test_edge_tasks(edges: Edges) -> None:
    """Every task of EDGES read on its columns: the table inside a content control is
    found; without a w:tblGrid the header's spans are kept (the grid is as wide as the
    widest row needs); a w:hMerge joins the cell before it, keeping its vertical merge
    and bold; a number merged across the title makes a heading; text after a
    placeholder is read; text outside runs takes its paragraph's bold and font; the
    table goes on over both continuing tables."""
    _, result = edges
    vp, i, ii, iv = ("vp",), "Quý I/2026", "Quý II/2026", "Quý IV/2026"
    assert [
        (str(t.number), t.title, t.group, t.lead, str(t.deadline or "")) for t in result.plan.tasks
    ] == [
        ("1", "Nhiệm vụ chung", True, (), ""),
        ("2", "Việc hai", False, vp, i),
        ("3", "Nhóm ba", True, vp, i),
        ("4", "Việc bốn", False, vp, ii),
        ("5", "Việc năm", False, vp, ii),
        ("6", "Việc sáu", False, vp, i),
        ("7", "Việc bảy", False, vp, ""),
        ("8", LONG_TITLE, False, vp, i),
        ("9", "Việc chín", False, vp, i),
        ("10", "Việc mười", False, vp, i),
        ("11", "Nhóm mười một", True, vp, i),
        ("12", "Nhóm mười hai", True, vp, i),
        ("13", "báo cáo", False, vp, i),
        ("14", "kê khai", False, vp, i),
        ("15", "Việc mười lăm", False, vp, iv),
        ("16", "[cần điền]", False, (), ""),
        ("17", "Việc mười bảy", False, vp, iv),
    ]


def test_edge_warnings(edges: Edges) -> None:
    """What reading EDGES' tables says, each where it was: a placeholder's text shown
    (cut to 80 characters), a cell holding an object (with the text beside it, cut to
    80 characters), a w:gridAfter that is no number, the continuing tables, a row of a
    continuing table by its own table and row, and a cell past the 64th column."""
    _, result = edges
    said = [
        (w.where, w.message)
        for w in result.warnings
        if (w.where or "").startswith("table")
        and (not (w.where or "").startswith("table 4") or "past column" in w.message)
    ]
    shown = repr(LONG_TITLE[:80])
    assert said == [
        (
            "table 1, row 7",
            "a content control still shows its placeholder 'Bấm vào đây để nhập tên đơn vị "
            "chủ trì, đơn vị phối hợp và thời gian hoàn thành '; read as empty",
        ),
        ("table 1, row 8", "a cell holds a picture, text box or object; it is not read"),
        (
            "table 1, row 9",
            f"a cell holds a picture, text box or object beside the text {shown}; it is not read",
        ),
        ("table 1, row 10", "w:gridAfter 'x' is not a number; read as 0"),
        ("table 2", "has no header row but the task table's columns; read as its continuation"),
        ("table 3", "has no header row but the task table's columns; read as its continuation"),
        ("table 4, row 1", f"a cell past column 64 is not read: {shown}"),
        (
            "table 1, row 2, task 1",
            "the STT 'Nhiệm vụ chung' is not a number; numbered 1 at the top level",
        ),
        ("table 2, row 2", "has the number '16' but no task text; titled '[cần điền]'"),
    ]


def test_edge_warnings_name_the_file(edges: Edges) -> None:
    """Every warning is a warning naming the file, the legacy fonts' one included."""
    path, result = edges
    assert {(w.severity, w.file) for w in result.warnings} == {(Severity.WARNING, path)}
    assert [w.where for w in result.warnings if ".VnTime" in w.message] == ["document"]


#: A two-row header under a title row, alone in its table: the title row and the
#: header's upper row stop short of the grid (w:gridAfter), the completion time's heading
#: is only in the lower row; the tasks are in the next table, continuing it without a
#: header.
HEADER_ALONE = (
    "<w:tbl><w:tblGrid>"
    + "<w:gridCol/>" * 5
    + "</w:tblGrid>"
    + _row([_tc("KẾ HOẠCH THỰC HIỆN NĂM 2026")], "<w:gridAfter w:val='4'/>")
    + _row(
        [_tc("STT"), _tc("Nội dung công việc"), _tc("Đơn vị thực hiện", SPAN2)],
        "<w:gridAfter w:val='1'/>",
    )
    + _row([_tc(""), _tc(""), _tc("Chủ trì"), _tc("Phối hợp"), _tc("Thời gian hoàn thành")])
    + "</w:tbl>"
    + _tbl(["1", "Rà soát", "Văn phòng", "Sở Tư pháp", "Quý I/2026"])
)


def test_a_two_row_header_alone_in_its_table(tmp_path: Path) -> None:
    """The header is its table's last two rows, and as wide as its lower row: the next
    table, of the same five columns, continues it."""
    (task,) = import_docx(_write(tmp_path, HEADER_ALONE)).plan.tasks
    assert (task.title, task.lead, task.support, str(task.deadline)) == (
        "Rà soát",
        ("vp",),
        ("stp",),
        "Quý I/2026",
    )


def test_a_row_past_the_widest_grid_warns_once(edges: Edges) -> None:
    """EDGES' layout table: a row of 65 cells without grid attributes; only the cell
    past the 64th column is worth a warning."""
    _, result = edges
    assert [w.message for w in result.warnings if w.where == "table 4, row 1"] == [
        f"a cell past column 64 is not read: {LONG_TITLE[:80]!r}"
    ]
