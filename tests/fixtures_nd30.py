"""Documents laid out as the decree's samples are, built with python-docx alone (not with
the library's renderer, so that the check is tried on a document it did not write).

The layouts follow ../shared/reference/nd30-format.md (Nghị định 30/2020/NĐ-CP, Phụ lục I
and the samples of Phụ lục III): a kế hoạch and a báo cáo as Mẫu 1.4 "Văn bản có tên
loại" (the báo cáo sent up to the UBND tỉnh, so with "Kính gửi"), and a công văn as
Mẫu 1.5. The content is illustrative, not an agency's, and each document says so in its
own text ("minh họa"). Formatting is direct, on the paragraphs and runs, over a Normal
style in Times New Roman, the way a clerk sets a document up in Word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

__all__ = ["ILLUSTRATIVE", "bao_cao", "cong_van", "ke_hoach"]

FONT = "Times New Roman"
#: The line each sample carries to say that it is illustrative.
ILLUSTRATIVE = (
    "(Văn bản minh họa, dựng theo mẫu của Nghị định số 30/2020/NĐ-CP để thử công cụ kiểm "
    "tra thể thức; nội dung không phải của cơ quan nào.)"
)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

PARENT = "UBND TỈNH THÁI NGUYÊN"
ISSUER = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DATE_LINE = "Thái Nguyên, ngày 05 tháng 8 năm 2025"


# -- the building blocks -------------------------------------------------------------------


def _document() -> Any:
    """A4 portrait, the sample's margins (top 25, bottom 20, left 35, right 20 mm, header
    10 mm), Times New Roman 14 pt, and the page number centred in the top margin from
    page 2 (Phụ lục I, I.4–I.6)."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    _page(section, landscape=False)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    _page_field(number)
    return doc


def _page(section: Any, *, landscape: bool) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)


def _page_field(paragraph: Any) -> None:
    """A PAGE field, Arabic, 14 pt regular."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        run.font.size = Pt(14)
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            run.text = text
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = CENTER,
    before: float = 0,
    after: float = 0,
    first_line: Any = None,
    left: Any = None,
) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
    return p


def _rule(container: Any, *, indent: Any) -> Any:
    """A solid line drawn as the bottom border of an empty paragraph, its length set by
    the indents on both sides (the lines under the issuer, the motto and the summary)."""
    p = _para(container, size=6)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = indent
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)
    return p


def _cell(table: Any, row: int, col: int) -> Any:
    """An empty cell of ``table``: python-docx gives each cell an empty paragraph, which
    goes, so that the cell holds only what is added."""
    cell = table.cell(row, col)
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def _table(doc: Any, widths: tuple[Any, ...], rows: int) -> Any:
    """A borderless table (the document's default table style has no borders) with
    columns of ``widths``, set on the grid (LibreOffice reads) and on each cell (Word)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    # No cell margins: the columns are the text's widths, as in the sample files.
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        el = OxmlElement(side)
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def _header(doc: Any, number: str, *, subject: str | None = None) -> None:
    """The header block (Mẫu 1.4, 1.5): parent and issuer over the number on the left, the
    national title and the motto over the place and date on the right (Phụ lục I, II.1–II.5);
    a công văn's "V/v" line under its number."""
    table = _table(doc, (Cm(6.75), Cm(10.0)), rows=2)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    _para(left, PARENT, size=12)
    _para(left, ISSUER, size=12, bold=True)
    _rule(left, indent=Cm(2.2))
    _para(right, NATIONAL_TITLE, size=12, bold=True)
    _para(right, MOTTO, size=13, bold=True)
    _rule(right, indent=Cm(2.2))
    left, right = _cell(table, 1, 0), _cell(table, 1, 1)
    _para(left, number, size=13, before=6)
    if subject is not None:
        _para(left, subject, size=12, before=6)
    _para(right, DATE_LINE, size=14, italic=True, before=6)


def _title(doc: Any, type_name: str, summary: str) -> None:
    """The type name and the summary under it, with its line (Phụ lục I, II.5.a)."""
    _para(doc, type_name, bold=True, before=18)
    _para(doc, summary, bold=True)
    _rule(doc, indent=Cm(5.25))


def _body(doc: Any, *lines: str) -> None:
    """Body paragraphs: justified, first-line indent 1.27 cm, 6 pt between them, single
    line spacing (Phụ lục I, II.6). A line in upper case after a Roman numeral is a
    heading, bold; "1. Title" a bold sub-heading."""
    for line in lines:
        head, _, rest = line.partition(" ")
        heading = head.rstrip(".").isalpha() and head.endswith(".") and line == line.upper()
        sub = head.endswith(".") and head[:-1].isdigit() and not rest.endswith((".", ";", ":"))
        _para(
            doc,
            line,
            bold=heading or sub,
            align=JUSTIFY,
            first_line=Cm(1.27),
            before=6,
        )


def _kinh_gui(doc: Any, addressees: tuple[str, ...]) -> None:
    """ "Kính gửi:" (Phụ lục I, II.9.b, II.9.d): one addressee on the same line; several
    each on its own line, "- " first, the dashes under the colon."""
    if len(addressees) == 1:
        _para(doc, f"Kính gửi: {addressees[0]}", before=12, after=6)
        return
    _para(doc, "Kính gửi:", align=LEFT, left=Cm(3.0), before=12)
    for a in addressees:
        _para(doc, a, align=LEFT, left=Cm(5.2))


def _signature(doc: Any, recipients: tuple[str, ...], signer: tuple[str, ...], name: str) -> None:
    """The signature table (Mẫu 1.4, about 5.3 / 11.1 cm): "Nơi nhận:" and the recipients
    on the left, level with the authority, title and name on the right (Phụ lục I, II.7,
    II.9.a)."""
    table = _table(doc, (Cm(5.3), Cm(11.1)), rows=1)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    for r in recipients:
        _para(left, r, size=11, align=LEFT)
    for line in signer:
        _para(right, line, bold=True, before=12 if line == signer[0] else 0)
    for _ in range(4):  # room for the signature and the seal
        _para(right)
    _para(right, name, bold=True)


def _appendix(doc: Any, title: str, reference: str, rows: list[tuple[str, ...]]) -> None:
    """The appendix on landscape pages of its own, numbered on its own from 1 with no
    number on its first page; the label, the title, the "Kèm theo" line, and a task table
    whose header row repeats on every page (Phụ lục I, II.10; I.6)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    cols = section._sectPr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(numbering)
    else:
        section._sectPr.append(numbering)
    _para(doc, "Phụ lục", bold=True)
    _para(doc, title, bold=True)
    _para(doc, reference, italic=True, after=12)
    table = _table(doc, (Cm(1.5), Cm(12.0), Cm(5.5), Cm(5.0)), rows=len(rows))
    table.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = _cell(table, r, c)
            _para(cell, text, size=13, bold=r == 0, align=CENTER if c != 1 else LEFT)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))


# -- the three documents --------------------------------------------------------------------


def ke_hoach(path: Path) -> Path:
    """A kế hoạch as Mẫu 1.4, with an appendix of tasks (illustrative content)."""
    doc = _document()
    _header(doc, "Số: 05/KH-SKHCN")
    _title(doc, "KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2025 (minh họa)")
    _body(
        doc,
        ILLUSTRATIVE,
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Nâng cao chất lượng giải quyết thủ tục hành chính tại Sở.",
        "2. Yêu cầu",
        "Các phòng thực hiện đúng tiến độ các nhiệm vụ tại Phụ lục kèm theo.",
        "II. NỘI DUNG",
        "Các nhiệm vụ, đơn vị chủ trì và thời gian hoàn thành tại Phụ lục kèm theo.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Văn phòng Sở theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch này./.",
    )
    _signature(
        doc,
        ("- Văn phòng UBND tỉnh;", "- Lãnh đạo Sở;", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."),
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        "Nguyễn Văn A",
    )
    _appendix(
        doc,
        "DANH MỤC NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 05/KH-SKHCN ngày 05 tháng 8 năm 2025 của Sở Khoa học và Công nghệ)",
        [
            ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành"),
            ("1", "Rà soát thủ tục hành chính (minh họa)", "Văn phòng Sở", "Quý IV/2025"),
            ("2", "Công khai thủ tục hành chính (minh họa)", "Văn phòng Sở", "Thường xuyên"),
        ],
    )
    doc.save(str(path))
    return path


def bao_cao(path: Path) -> Path:
    """A báo cáo as Mẫu 1.4, sent up to the UBND tỉnh: "Kính gửi" with one addressee,
    and "- Như trên;" first in "Nơi nhận" (illustrative content)."""
    doc = _document()
    _header(doc, "Số: 12/BC-SKHCN")
    _title(doc, "BÁO CÁO", "Kết quả kiểm soát thủ tục hành chính quý III năm 2025 (minh họa)")
    _kinh_gui(doc, ("Ủy ban nhân dân tỉnh Thái Nguyên.",))
    _body(
        doc,
        ILLUSTRATIVE,
        "I. KẾT QUẢ THỰC HIỆN",
        "Trong quý, Sở đã hoàn thành các nhiệm vụ theo Kế hoạch số 05/KH-SKHCN.",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV",
        "Tiếp tục rà soát, công khai thủ tục hành chính theo quy định./.",
    )
    _signature(
        doc,
        ("- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."),
        ("GIÁM ĐỐC",),
        "Nguyễn Văn A",
    )
    doc.save(str(path))
    return path


def cong_van(path: Path) -> Path:
    """A công văn as Mẫu 1.5: no type code in the number, the "V/v" line under it, "Kính
    gửi" to several addressees (illustrative content)."""
    doc = _document()
    _header(
        doc,
        "Số: 123/SKHCN-VP",
        subject="V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 05/KH-SKHCN",
    )
    _kinh_gui(doc, ("- Phòng Quản lý chuyên ngành;", "- Trung tâm Thông tin và Thống kê."))
    _body(
        doc,
        ILLUSTRATIVE,
        "Thực hiện Kế hoạch số 05/KH-SKHCN, Sở đề nghị các đơn vị gửi báo cáo kết quả "
        "thực hiện về Văn phòng Sở trước ngày 15 tháng 9 năm 2025./.",
    )
    _signature(
        doc,
        ("- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."),
        ("GIÁM ĐỐC",),
        "Nguyễn Văn A",
    )
    doc.save(str(path))
    return path
