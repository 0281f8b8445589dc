"""LibreOffice resaving for the import tests: docx → odt → docx, as a user's office
suite would rewrite a file. Tests using it skip when ``soffice`` is missing, unless
KH_TTHC_REQUIRE_SOFFICE is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx

from kh_tthc.soffice import convert
from tests.built_once import built_once
from tests.needs import need

__all__ = [
    "list_style_docx",
    "numbered_docx",
    "placeholder_docx",
    "resave",
    "sdt_docx",
    "split_docx",
    "tracked_docx",
]


def resave(source: Path, folder: Path) -> Path:
    """``source`` saved as .odt by LibreOffice, then that saved back as .docx."""
    need("soffice")
    odt = folder / f"{source.stem}.odt"
    with convert(source, "odt", timeout=180) as out:
        odt.write_bytes(out.read_bytes())
    docx = folder / f"{source.stem}-resaved.docx"
    with convert(odt, "docx:MS Word 2007 XML", timeout=180) as out:
        docx.write_bytes(out.read_bytes())
    return docx


# -- what office suites write ------------------------------------------------------------
#
# The texts below are illustrative (in the style of a Sở's plan), not an agency's; only
# the office features are the point: each builder makes the Word XML those features are
# written as (ECMA-376 Part 1: 17.9 numbering, 17.13.5 revisions, 17.5.2 content
# controls), with python-docx and lxml.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _xml(text: str) -> Any:
    from lxml import etree

    return etree.fromstring(f'<root xmlns:w="{W_NS}">{text}</root>')[0]


def _table(document: Any, rows: list[tuple[str, ...]], *, bold_rows: set[int] = frozenset()) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            run = table.cell(r, c).paragraphs[0].add_run(text)
            run.bold = (r in bold_rows) or None
    return table


@built_once()
def numbered_docx(path: Path) -> Path:
    """STT cells numbered by Word's automatic numbering: "I.", "1.", "2.", "II.", "1."
    shown, nothing typed. Level 0 is upper Roman, level 1 decimal restarting under it."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = _xml(
        '<w:abstractNum w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(_xml('<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    rows = [
        HEADER,
        ("", "Công tác kiểm soát thủ tục hành chính", "", ""),
        ("", "Rà soát, đánh giá thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
        ("", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", "Thường xuyên"),
        ("", "Công tác cải cách hành chính", "", ""),
        ("", "Báo cáo kết quả cải cách hành chính", "Văn phòng Sở", "Năm 2025"),
    ]
    table = _table(document, rows, bold_rows={1, 4})
    for r, level in ((1, 0), (2, 1), (3, 1), (4, 0), (5, 1)):
        p = table.cell(r, 0).paragraphs[0]._p
        p.get_or_add_pPr().append(
            _xml(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_paragraph()
    document.save(str(path))
    return path


@built_once()
def tracked_docx(path: Path) -> Path:
    """Tracked changes: an inserted word and a deleted word in a task's text, an
    inserted completion time, and a whole row deleted."""
    document = docx.Document()
    rows = [
        HEADER,
        ("1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
        ("2", "Nhiệm vụ đã bị xóa", "Văn phòng Sở", "Năm 2025"),
        ("3", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", ""),
    ]
    table = _table(document, rows)
    author = 'w:author="Chuyên viên" w:date="2025-09-01T08:00:00Z"'
    title = table.cell(1, 1).paragraphs[0]._p
    keep = '<w:t xml:space="preserve"> nội bộ</w:t>'
    gone = '<w:delText xml:space="preserve"> cũ</w:delText>'
    title.append(_xml(f'<w:ins w:id="1" {author}><w:r>{keep}</w:r></w:ins>'))
    title.append(_xml(f'<w:del w:id="2" {author}><w:r>{gone}</w:r></w:del>'))
    deadline = table.cell(3, 3).paragraphs[0]._p
    deadline.append(_xml(f'<w:ins w:id="3" {author}><w:r><w:t>Thường xuyên</w:t></w:r></w:ins>'))
    deleted = table.rows[2]._tr
    deleted.get_or_add_trPr().append(_xml(f'<w:del w:id="4" {author}/>'))
    for cell in table.rows[2].cells:
        for run in cell.paragraphs[0]._p.findall(_w("r")):
            t = run.find(_w("t"))
            if t is not None:
                t.tag = _w("delText")
            wrapper = _xml(f'<w:del w:id="5" {author}/>')
            run.addprevious(wrapper)
            wrapper.append(run)
    document.add_paragraph()
    document.save(str(path))
    return path


@built_once()
def split_docx(path: Path) -> Path:
    """A task table broken over three tables, as pages: the second repeats the header,
    the third does not."""
    document = docx.Document()
    _table(
        document,
        [
            HEADER,
            ("1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
            ("2", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", "Thường xuyên"),
        ],
    )
    document.add_page_break()
    _table(
        document,
        [
            HEADER,
            ("3", "Số hóa hồ sơ thủ tục hành chính", "Phòng Chuyển đổi số", "Năm 2025"),
        ],
    )
    document.add_page_break()
    _table(
        document,
        [
            ("4", "Báo cáo kết quả kiểm soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
            ("5", "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính", "Văn phòng Sở", "Năm 2025"),
        ],
    )
    document.add_paragraph()
    document.save(str(path))
    return path


@built_once()
def sdt_docx(path: Path) -> Path:
    """Content controls around a row, around a cell and around a run."""
    document = docx.Document()
    table = _table(
        document,
        [
            HEADER,
            ("1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
            ("2", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", "Thường xuyên"),
            ("3", "Số hóa hồ sơ", "Phòng Chuyển đổi số", "Năm 2025"),
        ],
    )
    trs = [row._tr for row in table.rows]
    # Row 1 inside a row-level control.
    tr = trs[1]
    row_sdt = _xml('<w:sdt><w:sdtPr><w:tag w:val="row"/></w:sdtPr><w:sdtContent/></w:sdt>')
    tr.addprevious(row_sdt)
    row_sdt.find(_w("sdtContent")).append(tr)
    # Row 2's lead cell inside a cell-level control.
    tc = trs[2].findall(_w("tc"))[2]
    cell_sdt = _xml('<w:sdt><w:sdtPr><w:tag w:val="cell"/></w:sdtPr><w:sdtContent/></w:sdt>')
    tc.addprevious(cell_sdt)
    cell_sdt.find(_w("sdtContent")).append(tc)
    # Row 3's task text continued by a run inside a run-level control.
    p = trs[3].findall(_w("tc"))[1].find(_w("p"))
    p.append(
        _xml(
            '<w:sdt><w:sdtPr><w:alias w:val="Nội dung"/></w:sdtPr><w:sdtContent>'
            '<w:r><w:t xml:space="preserve"> thủ tục hành chính</w:t></w:r>'
            "</w:sdtContent></w:sdt>"
        )
    )
    document.add_paragraph()
    document.save(str(path))
    return path


@built_once()
def placeholder_docx(path: Path) -> Path:
    """A completion-time cell left as a content control showing its placeholder."""
    document = docx.Document()
    table = _table(
        document,
        [HEADER, ("1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "")],
    )
    p = table.cell(1, 3).paragraphs[0]._p
    p.append(
        _xml(
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            "<w:r><w:t>Nhấp hoặc gõ vào đây để nhập văn bản.</w:t></w:r>"
            "</w:sdtContent></w:sdt>"
        )
    )
    document.add_paragraph()
    document.save(str(path))
    return path


@built_once()
def list_style_docx(path: Path) -> Path:
    """STT cells numbered by their paragraph style ("List Number"), not by their own
    numbering properties."""
    document = docx.Document()
    table = _table(
        document,
        [
            HEADER,
            ("", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
            ("", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", "Thường xuyên"),
        ],
    )
    for r in (1, 2):
        table.cell(r, 0).paragraphs[0].style = "List Number"
    document.add_paragraph()
    document.save(str(path))
    return path
