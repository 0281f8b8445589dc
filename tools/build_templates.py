"""Build the DOCX templates shipped in ``src/kh_tthc/render/templates/``.

The templates are code, not hand-edited Word files, so that every rule of Nghị định
30/2020/NĐ-CP they carry can be reviewed in a diff and rebuilt the same way::

    .venv/bin/python tools/build_templates.py    # or: make templates

``tests/test_render_templates.py`` fails when a committed template differs from a fresh
build.

The building blocks (styles, page set-up, the header block, the title, the body loop, the
signature block, a table loop on landscape pages) are functions shared by every document
type: the kế hoạch template is :func:`build_plan_template`, and a báo cáo template is the
same calls with its own table.

Pitfalls of docxtpl designed around here:

* each Jinja tag is written in one run, never split across runs;
* page numbers, the different first page and the landscape section are already in the
  template, because docxtpl cannot add them;
* python-docx copies "different first page" into every new section, so the appendix
  section unsets it explicitly;
* no subdocuments (they lose their formatting): loops over ``{%p %}`` paragraphs and
  ``{%tr %}`` table rows instead;
* formatting lives in named styles ("KH …"), so a copy restyled in Word keeps working.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from kh_tthc.render.metrics import text_width_pt
from kh_tthc.render.styles import MOTTO_RULE_STYLE, SHORT_RULE_RATIO, SHORT_RULE_STYLE

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "kh_tthc" / "render" / "templates"

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Page (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.4): A4, and the margins of the official
# sample, in twips: top 25 mm, bottom 20 mm, left 35 mm, right 20 mm, header 10 mm.
A4_SHORT, A4_LONG = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1418, 1134, 1985, 1134
HEADER_DISTANCE = FOOTER_DISTANCE = 567

#: Mẫu 1.4: header block about 6.75 cm / 10 cm, signature block about 5.3 cm / 11.1 cm.
HEADER_COLUMNS = (3827, 5670)
SIGNATURE_COLUMNS = (3005, 6294)
#: Body paragraphs: first-line indent 1.27 cm (Phụ lục I, mục II.5.a).
FIRST_LINE = 720
#: "Kính gửi:" starts 3 cm in; further addressees start under the first one's dash.
ADDRESSEE_INDENT = 1701
ADDRESSEE_MORE_INDENT = ADDRESSEE_INDENT + round(
    text_width_pt("Kính gửi: ", size_pt=14, bold=False) * 20
)


@dataclass(frozen=True)
class Style:
    """A named style: its font and paragraph settings (None: inherited)."""

    name: str
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float | None = None
    after: float | None = None
    first_line: int | None = None
    line: float | None = None
    keep_next: bool = False
    outline: int | None = None
    color: str | None = None
    character: bool = False
    exact_line: float | None = None
    #: No space between consecutive paragraphs of this style (w:contextualSpacing).
    contextual: bool = False
    #: Left indent in twips; with a negative ``first_line``, a hanging indent.
    left: int | None = None


CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

#: Every style the templates use, with the rule each follows (Phụ lục I of the decree).
STYLES = (
    # mục II.1: cơ quan chủ quản, 12–13, upright; II.2: cơ quan ban hành, 12–13, bold.
    Style("KH Parent", size=12, align=CENTER),
    Style("KH Issuer", size=12, bold=True, align=CENTER),
    # mục II.1: Quốc hiệu 12–13 bold; Tiêu ngữ 13–14 bold.
    Style("KH National Title", size=12, bold=True, align=CENTER),
    Style("KH Motto", size=13, bold=True, align=CENTER),
    # The short rules: an empty, low paragraph whose bottom border is the line; the
    # renderer sets its indents from the width of the text above it.
    Style("KH Rule", size=2, align=CENTER, exact_line=4),
    Style("KH Motto Rule", size=2, align=CENTER, exact_line=4),
    # mục II.3: number 13, upright; II.4: place and date 13–14, italic.
    Style("KH Number", size=13, align=CENTER, before=6),
    Style("KH Date Line", size=14, italic=True, align=CENTER, before=6),
    # mục II.5: type name and summary 13–14 bold, centred.
    Style("KH Type Name", size=14, bold=True, align=CENTER, before=24, keep_next=True),
    Style("KH Summary", size=14, bold=True, align=CENTER, keep_next=True),
    # mục II.6: body 13–14, justified, first-line indent 1–1.27 cm, ≥ 6 pt apart, single
    # to 1.5 line spacing; headings bold ("I." upper case, "1." as written).
    Style("KH Body", size=14, align=JUSTIFY, before=6, first_line=FIRST_LINE, line=1.15),
    Style(
        "KH Basis", size=14, italic=True, align=JUSTIFY, before=6, first_line=FIRST_LINE, line=1.15
    ),
    Style(
        "KH Heading 1",
        size=14,
        bold=True,
        align=JUSTIFY,
        before=6,
        first_line=FIRST_LINE,
        line=1.15,
        keep_next=True,
        outline=0,
    ),
    Style(
        "KH Heading 2",
        size=14,
        bold=True,
        align=JUSTIFY,
        before=6,
        first_line=FIRST_LINE,
        line=1.15,
        keep_next=True,
        outline=1,
    ),
    Style(
        "KH Heading 3",
        size=14,
        bold=True,
        italic=True,
        align=JUSTIFY,
        before=6,
        first_line=FIRST_LINE,
        line=1.15,
        keep_next=True,
        outline=2,
    ),
    # mục II.8–II.9: "Nơi nhận:" 12 bold italic, the list 11 upright; signer 13–14 bold.
    Style("KH Recipients Label", size=12, bold=True, italic=True, align=LEFT, before=12),
    Style("KH Recipient", size=11, align=LEFT),
    Style("KH Signer Title", size=14, bold=True, align=CENTER, before=12, contextual=True),
    Style("KH Signer Name", size=14, bold=True, align=CENTER, before=78),
    # mục I.6: page numbers 13–14, upright, centred in the top margin.
    Style("KH Page Number", size=13, align=CENTER),
    # A section break that takes no room, so it never pushes a blank page.
    Style("KH Section Break", size=1, exact_line=1),
    # Phụ lục: "Phụ lục" 14 bold; title 13–14 bold; reference italic.
    Style("KH Appendix Label", size=14, bold=True, align=CENTER, keep_next=True),
    Style("KH Appendix Title", size=14, bold=True, align=CENTER, keep_next=True),
    Style("KH Appendix Reference", size=14, italic=True, align=CENTER, after=12, keep_next=True),
    # The task table.
    Style("KH Table Heading", size=12, bold=True, align=CENTER, before=3, after=3),
    Style("KH Table Text", size=12, align=JUSTIFY, before=3, after=3),
    Style("KH Table Units", size=12, align=LEFT, before=3, after=3),
    Style("KH Table Center", size=12, align=CENTER, before=3, after=3),
    # Group rows: level 1 bold, deeper levels bold italic, as the seed plan prints them.
    Style("KH Group", bold=True, character=True),
    Style("KH Subgroup", bold=True, italic=True, character=True),
    # Công văn (Mẫu 1.5, Phụ lục I, mục II.5.b): "V/v …" 12–13, upright, centred under the
    # number, 6 pt below it.
    Style("KH Letter Subject", size=12, align=CENTER, before=6),
    # mục II.9.d: "Kính gửi:" 13–14, upright; several addressees one per line, the dashes
    # aligned (a hanging indent as wide as "Kính gửi: ").
    Style(
        "KH Addressee",
        size=14,
        align=LEFT,
        before=12,
        left=ADDRESSEE_MORE_INDENT,
        first_line=ADDRESSEE_INDENT - ADDRESSEE_MORE_INDENT,
        contextual=True,
    ),
    Style(
        "KH Addressee More",
        size=14,
        align=LEFT,
        left=ADDRESSEE_MORE_INDENT,
        first_line=0,
        contextual=True,
    ),
    # Jinja control tags ({%p for %}...): removed when rendering; small and grey in Word.
    Style("KH Tag", size=9, color="7F7F7F", align=LEFT),
)


# ---------------------------------------------------------------------------------------
# Document, styles, page


def new_document(title: str) -> DocumentObject:
    """A blank document with only Times New Roman styles and no leftovers of python-docx's
    default template (thumbnail, theme-font styles, sample numbering)."""
    doc = Document()
    _drop_relationships(doc.part.package.rels, {RT.THUMBNAIL})
    _drop_relationships(
        doc.part.rels,
        {
            RT.CUSTOM_XML,
            RT.NUMBERING,
            "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        },
    )
    settings = doc.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    for el in settings.findall(qn("w:themeFontLang")):
        el.set(qn("w:val"), LANGUAGE)
    core = doc.core_properties
    core.title = title
    core.author = "kh_tthc"
    core.comments = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP, dựng bằng tools/build_templates.py"
    core.revision = 1
    # No creation date: the template must build the same bytes of XML on any day.
    for tag in ("dcterms:created", "dcterms:modified"):
        for el in core._element.findall(qn(tag)):
            core._element.remove(el)
    _define_styles(doc)
    return doc


def _drop_relationships(rels: Any, reltypes: set[str]) -> None:
    for rid, rel in list(rels.items()):
        if rel.reltype in reltypes:
            del rels[rid]
            rels._target_parts_by_rId.pop(rid, None)


def _fonts_xml() -> str:
    # All four slots: without eastAsia and cs, Word and LibreOffice fall back to a theme
    # font for some characters (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.2: one font).
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _define_styles(doc: DocumentObject) -> None:
    styles = doc.styles.element
    for el in list(styles):
        styles.remove(el)
    styles.append(
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_fonts_xml()}"
            '<w:sz w:val="28"/><w:szCs w:val="28"/>'
            f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        )
    )
    for xml in (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:rPr>{_fonts_xml()}"
        '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ):
        styles.append(parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1)))
    for spec in STYLES:
        _add_style(doc, spec)


def _add_style(doc: DocumentObject, spec: Style) -> None:
    kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
    style: Any = doc.styles.add_style(spec.name, kind)
    style.base_style = None if spec.character else doc.styles["Normal"]
    style.quick_style = True
    rpr = style.element.get_or_add_rPr()
    rpr.insert(0, parse_xml(_fonts_xml().replace("<w:rFonts ", f"<w:rFonts {nsdecls('w')} ", 1)))
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
        _set_cs_size(rpr, spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.character:
        return
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before = None if spec.before is None else Pt(spec.before)
    fmt.space_after = None if spec.after is None else Pt(spec.after)
    fmt.first_line_indent = None if spec.first_line is None else Twips(spec.first_line)
    if spec.left is not None:
        fmt.left_indent = Twips(spec.left)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    if spec.exact_line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.exact_line)
    if spec.keep_next:
        fmt.keep_with_next = True
    if spec.contextual:
        style.element.get_or_add_pPr().insert_element_before(
            OxmlElement("w:contextualSpacing"),
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
    fmt.widow_control = True
    if spec.outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline))
        ppr.append(level)


def _set_cs_size(rpr: Any, size: float) -> None:
    # szCs too, so that complex-script runs keep the size of the style.
    for el in rpr.findall(qn("w:szCs")):
        rpr.remove(el)
    sz_cs = OxmlElement("w:szCs")
    sz_cs.set(qn("w:val"), str(round(size * 2)))
    sz = rpr.find(qn("w:sz"))
    sz.addnext(sz_cs)


def setup_page(section: Section, *, landscape: bool = False) -> None:
    """A4 with the official margins (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.4)."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_LONG), Twips(A4_SHORT)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    section.top_margin = Twips(MARGIN_TOP)
    section.bottom_margin = Twips(MARGIN_BOTTOM)
    section.left_margin = Twips(MARGIN_LEFT)
    section.right_margin = Twips(MARGIN_RIGHT)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)


def text_width(section: Section) -> int:
    """The width between the margins, in twips."""
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        raise ValueError("the section has no page size or margins yet")
    return int(width.twips - left.twips - right.twips)


def add_page_numbers(section: Section) -> None:
    """A PAGE field centred in the top margin, not shown on the first page.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.6: Arabic numerals, 13–14, centred at the
    top, the first page without a number ("different first page", w:titlePg).
    """
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = "KH Page Number"
    _add_field(paragraph, "PAGE")
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = "KH Page Number"


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("2")
    char("end")


def add_section(doc: DocumentObject, *, landscape: bool) -> Section:
    """A new section on a new page, with its own page numbering from 1.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.6: an appendix is numbered on its own, and
    like the document's page 1 its first page shows no number. python-docx copies
    "different first page" from the previous section; it is set explicitly here so that
    the rule does not hang on that copy, and the first-page header stays linked to the
    main section's empty one.
    """
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph python-docx added to carry the previous section's properties.
    doc.paragraphs[-1].style = "KH Section Break"
    setup_page(section, landscape=landscape)
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        numbering,
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    )
    return section


# ---------------------------------------------------------------------------------------
# Paragraphs and tables


def para(container: Any, style: str, *runs: str, reuse: bool = False) -> Paragraph:
    """A paragraph of ``style`` with each of ``runs`` in a run of its own, so that no
    Jinja tag is ever split across runs. ``reuse`` fills the empty paragraph a new table
    cell starts with."""
    if reuse and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
        paragraph = container.paragraphs[0]
        paragraph.style = style
    else:
        paragraph = container.add_paragraph(style=style)
    for text in runs:
        paragraph.add_run(text)
    return paragraph


def tag(container: Any, text: str, *, reuse: bool = False) -> Paragraph:
    """A paragraph holding only a Jinja control tag (removed when rendering)."""
    return para(container, "KH Tag", text, reuse=reuse)


def _set_rule_length(paragraph: Paragraph, available: int, length: float) -> None:
    # The template's own indents, for the seed's text; the renderer recomputes them for the
    # text it prints (kh_tthc.render.docx).
    side = max(0, round((available - length) / 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = Twips(side)
    fmt.right_indent = Twips(side)


def _rule(container: Any, style: str) -> Paragraph:
    paragraph = container.add_paragraph(style=style)
    ppr = paragraph._p.get_or_add_pPr()
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="000000"/></w:pBdr>'
    )
    ppr.insert_element_before(
        border,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:outlineLvl",
        "w:rPr",
        "w:sectPr",
    )
    return paragraph


def _tbl_pr(table: Table, child: Any, *successors: str) -> None:
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(child.tag):
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(child, *successors)


def new_table(
    doc: DocumentObject,
    widths: Sequence[int],
    *,
    rows: int,
    borders: bool,
    cell_margin: int | None = None,
    centered: bool = True,
) -> Table:
    """A fixed-layout table, its columns ``widths`` twips wide, centred on the page or
    starting at the left margin.

    Borderless for the header and signature blocks (Mẫu 1.4), single 0.5 pt lines for
    the task table.
    """
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER if centered else WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    _tbl_pr(
        table,
        width,
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
    )
    line = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    none = '<w:{0} w:val="nil"/>'
    edges = "".join(
        (line if borders else none).format(edge)
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    _tbl_pr(
        table,
        parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"),
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
    )
    if cell_margin is not None:
        margins = "".join(
            f'<w:{side} w:w="{cell_margin}" w:type="dxa"/>' for side in ("left", "right")
        )
        _tbl_pr(
            table, parse_xml(f"<w:tblCellMar {nsdecls('w')}>{margins}</w:tblCellMar>"), "w:tblLook"
        )
    for col, w in zip(table.columns, widths, strict=True):
        col.width = Twips(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Twips(w)
    return table


def _row_flags(row: Any, *, header: bool = False) -> None:
    # A row is never split across pages (w:cantSplit); the header row repeats on every
    # page (w:tblHeader), as the decree asks of a table that runs over several pages.
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


# ---------------------------------------------------------------------------------------
# Building blocks shared by the document types


def add_header_block(doc: DocumentObject) -> Table:
    """The two-column borderless header of page 1 (Nghị định 30/2020/NĐ-CP, Phụ lục I,
    mục II.1–II.4; Phụ lục III, Mẫu 1.4).

    Left: the parent body (upright), the issuer (bold) with its short rule, then
    "Số: {{ number }}". Right: the national title and the motto (bold) with a rule as long
    as the motto, then the italic place-and-date line, level with the number.
    """
    table = new_table(doc, HEADER_COLUMNS, rows=2, borders=False, cell_margin=0)
    left, right = table.rows[0].cells
    tag(left, "{%p if parent %}", reuse=True)
    para(left, "KH Parent", "{{ parent }}")
    tag(left, "{%p endif %}")
    para(left, "KH Issuer", "{{ issuer }}")
    issuer = text_width_pt("SỞ KHOA HỌC VÀ CÔNG NGHỆ", size_pt=12, bold=True) * 20
    _set_rule_length(_rule(left, SHORT_RULE_STYLE), HEADER_COLUMNS[0], issuer * SHORT_RULE_RATIO)
    para(right, "KH National Title", NATIONAL_TITLE, reuse=True)
    para(right, "KH Motto", MOTTO)
    motto = text_width_pt(MOTTO, size_pt=13, bold=True) * 20
    _set_rule_length(_rule(right, MOTTO_RULE_STYLE), HEADER_COLUMNS[1], motto)
    left, right = table.rows[1].cells
    para(left, "KH Number", "Số: ", "{{ number }}", reuse=True)
    para(right, "KH Date Line", "{{ date_line }}", reuse=True)
    return table


def add_title_block(doc: DocumentObject, body_width: int) -> None:
    """The type name ("KẾ HOẠCH") and the summary, bold and centred, with the short rule
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5)."""
    para(doc, "KH Type Name", "{{ type_name }}")
    para(doc, "KH Summary", "{{ title }}")
    # A summary of several lines is as long as the line.
    _set_rule_length(_rule(doc, SHORT_RULE_STYLE), body_width, body_width * SHORT_RULE_RATIO)


def add_addressees(doc: DocumentObject) -> None:
    """ "Kính gửi:" and the addressees (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9.b and
    II.9.d): the first line carries "Kính gửi: ", the next ones start under its dash;
    nothing is printed when ``addressees`` is empty."""
    tag(doc, "{%p for line in addressees %}")
    tag(doc, "{%p if loop.first %}")
    para(doc, "KH Addressee", "{{ line }}")
    tag(doc, "{%p else %}")
    para(doc, "KH Addressee More", "{{ line }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def add_body_loop(doc: DocumentObject) -> None:
    """The body: legal bases, paragraphs and numbered headings, one style per kind
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b and II.6)."""
    tag(doc, "{%p for block in body %}")
    tag(doc, "{%p if block.kind == 'heading1' %}")
    para(doc, "KH Heading 1", "{{ block.text }}")
    tag(doc, "{%p elif block.kind == 'heading2' %}")
    para(doc, "KH Heading 2", "{{ block.text }}")
    tag(doc, "{%p elif block.kind == 'heading3' %}")
    para(doc, "KH Heading 3", "{{ block.text }}")
    tag(doc, "{%p elif block.kind == 'basis' %}")
    para(doc, "KH Basis", "{{ block.text }}")
    tag(doc, "{%p else %}")
    para(doc, "KH Body", "{{ block.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def add_signature_block(doc: DocumentObject) -> Table:
    """The borderless signature table: "Nơi nhận:" and the list on the left, the
    authority, room to sign and the name on the right (Nghị định 30/2020/NĐ-CP, Phụ lục I,
    mục II.7–II.9)."""
    # From the left margin, so that "Nơi nhận:" lines up with the body; the wider right
    # cell reaches a little into the right margin, as in the sample.
    table = new_table(doc, SIGNATURE_COLUMNS, rows=1, borders=False, cell_margin=0, centered=False)
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells
    para(left, "KH Recipients Label", "Nơi nhận:", reuse=True)
    tag(left, "{%p for line in recipients %}")
    para(left, "KH Recipient", "{{ line }}")
    tag(left, "{%p endfor %}")
    tag(right, "{%p for line in signer_titles %}", reuse=True)
    para(right, "KH Signer Title", "{{ line }}")
    tag(right, "{%p endfor %}")
    para(right, "KH Signer Name", "{{ signer_name }}")
    return table


@dataclass(frozen=True)
class Column:
    """A column of a table loop: its heading, width, cell style and the row field."""

    heading: str
    width: int
    field: str
    style: str = "KH Table Text"
    #: Run styles on "group" and "subgroup" rows; None prints the field plainly there.
    group_style: str | None = None
    subgroup_style: str | None = None


def add_table_loop(doc: DocumentObject, columns: Sequence[Column], rows_var: str) -> Table:
    """A bordered table with a repeated header row and one row per item of ``rows_var``.

    Rows come from a ``{%tr for %}`` loop (never a subdocument); an item's ``kind`` picks
    the row variant: "group" and "subgroup" rows print each column in its run style (bold,
    bold italic), other rows plainly.
    """
    widths = [c.width for c in columns]
    variants = (
        ("{%tr if row.kind == 'group' %}", "group_style"),
        ("{%tr elif row.kind == 'subgroup' %}", "subgroup_style"),
        ("{%tr else %}", None),
    )
    rows = 1 + 1 + 2 * len(variants) + 1 + 1
    table = new_table(doc, widths, rows=rows, borders=True)
    _row_flags(table.rows[0], header=True)
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        para(cell, "KH Table Heading", column.heading, reuse=True)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    tag(table.rows[1].cells[0], f"{{%tr for row in {rows_var} %}}", reuse=True)
    index = 2
    for control, style_field in variants:
        tag(table.rows[index].cells[0], control, reuse=True)
        row = table.rows[index + 1]
        _row_flags(row)
        for cell, column in zip(row.cells, columns, strict=True):
            paragraph = para(cell, column.style, reuse=True)
            run = paragraph.add_run(f"{{{{ row.{column.field} }}}}")
            run_style = None if style_field is None else getattr(column, style_field)
            if run_style is not None:
                run.style = run_style
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        index += 2
    tag(table.rows[index].cells[0], "{%tr endif %}", reuse=True)
    tag(table.rows[index + 1].cells[0], "{%tr endfor %}", reuse=True)
    return table


# ---------------------------------------------------------------------------------------
# Templates

#: The appendix table of a kế hoạch, on a landscape page 24.2 cm wide between margins. As
#: in the seed plan, group numbers are bold, level-1 group titles bold and deeper group
#: titles bold italic.
PLAN_COLUMNS = (
    Column("STT", 737, "number", "KH Table Center", "KH Group", "KH Group"),
    Column("Nội dung công việc", 6237, "title", "KH Table Text", "KH Group", "KH Subgroup"),
    Column("Đơn vị chủ trì thực hiện", 2665, "lead", "KH Table Units"),
    Column("Đơn vị phối hợp/theo dõi", 2438, "support", "KH Table Units"),
    Column("Thời gian hoàn thành", 1642, "deadline", "KH Table Center"),
)


def build_document(
    title: str, columns: Sequence[Column], *, addressees: bool = False
) -> DocumentObject:
    """A document of Mẫu 1.4 (Nghị định 30/2020/NĐ-CP): header block, type name and
    summary, body, signature, then an appendix table of ``columns`` on landscape pages of
    its own. ``title`` is the document's title in its properties."""
    doc = new_document(title)
    main = doc.sections[0]
    setup_page(main)
    add_page_numbers(main)
    add_header_block(doc)
    add_title_block(doc, text_width(main))
    if addressees:
        add_addressees(doc)
    add_body_loop(doc)
    add_signature_block(doc)
    appendix = add_section(doc, landscape=True)
    assert sum(c.width for c in columns) == text_width(appendix)
    tag(doc, "{%p if tasks %}")
    para(doc, "KH Appendix Label", "Phụ lục")
    para(doc, "KH Appendix Title", "{{ appendix_title }}")
    para(doc, "KH Appendix Reference", "{{ appendix_reference }}")
    add_table_loop(doc, columns, "tasks")
    tag(doc, "{%p endif %}")
    return doc


def build_plan_template() -> DocumentObject:
    """The kế hoạch template: Mẫu 1.4 of Nghị định 30/2020/NĐ-CP, then the task table on
    landscape pages of its own."""
    return build_document("Kế hoạch", PLAN_COLUMNS)


#: The results table of a báo cáo (STT, nhiệm vụ, đơn vị chủ trì, kết quả, tình trạng), on
#: the same landscape pages; headings of the plan print as in its appendix.
REPORT_COLUMNS = (
    Column("STT", 737, "number", "KH Table Center", "KH Group", "KH Group"),
    Column("Nhiệm vụ", 4706, "title", "KH Table Text", "KH Group", "KH Subgroup"),
    Column("Đơn vị chủ trì", 2438, "lead", "KH Table Units"),
    # Left-aligned: a justified cell stretches every line that ends in a line break.
    Column("Kết quả thực hiện", 4196, "result", "KH Table Units"),
    Column("Tình trạng", 1642, "status", "KH Table Center"),
)


def build_report_template() -> DocumentObject:
    """The báo cáo template: Mẫu 1.4 of Nghị định 30/2020/NĐ-CP like the kế hoạch, with the
    results of the period's tasks as its appendix table."""
    return build_document("Báo cáo", REPORT_COLUMNS, addressees=True)


def build_letter_template() -> DocumentObject:
    """The công văn template (Mẫu 1.5 of Nghị định 30/2020/NĐ-CP): the header block with
    "V/v …" centred under the number, no type name, "Kính gửi:", the body, the signature
    and "Nơi nhận:" starting with "- Như trên;"."""
    doc = new_document("Công văn")
    main = doc.sections[0]
    setup_page(main)
    add_page_numbers(main)
    header = add_header_block(doc)
    para(header.rows[1].cells[0], "KH Letter Subject", "{{ subject }}")
    add_addressees(doc)
    add_body_loop(doc)
    add_signature_block(doc)
    return doc


#: The table of each plan in a báo cáo tổng hợp, on the portrait page (15.5 cm).
SUMMARY_COLUMNS = (
    Column("STT", 737, "number", "KH Table Center", "KH Group", "KH Group"),
    Column("Nhiệm vụ", 4253, "title", "KH Table Text", "KH Group", "KH Subgroup"),
    Column("Đơn vị chủ trì", 2155, "lead", "KH Table Units"),
    Column("Tình trạng", 1642, "status", "KH Table Center"),
)


def build_summary_template() -> DocumentObject:
    """The báo cáo tổng hợp: Mẫu 1.4 like the báo cáo, then for each plan a heading, its
    figures and a table of its tasks' statuses, then the signature."""
    doc = new_document("Báo cáo tổng hợp")
    main = doc.sections[0]
    setup_page(main)
    add_page_numbers(main)
    add_header_block(doc)
    add_title_block(doc, text_width(main))
    add_addressees(doc)
    add_body_loop(doc)
    assert sum(c.width for c in SUMMARY_COLUMNS) == text_width(main)
    tag(doc, "{%p for plan in plans %}")
    para(doc, "KH Heading 2", "{{ plan.heading }}")
    para(doc, "KH Body", "{{ plan.figures }}")
    add_table_loop(doc, SUMMARY_COLUMNS, "plan.tasks")
    tag(doc, "{%p endfor %}")
    para(doc, "KH Body", "{{ closing }}")
    add_signature_block(doc)
    return doc


BUILDERS = {
    "ke-hoach.docx": build_plan_template,
    "bao-cao-tong-hop.docx": build_summary_template,
    "bao-cao.docx": build_report_template,
    "cong-van.docx": build_letter_template,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the DOCX templates of kh_tthc.")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder to write to")
    args = parser.parse_args(argv)
    for name, build in BUILDERS.items():
        target = args.out / name
        build().save(str(target))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
