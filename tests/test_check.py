"""``kh-tthc check``: the documents the library renders pass; a fixture per rule, each the
rendered seed plan (or the công văn) broken in one way, is flagged with that rule and no
other error, also after LibreOffice resaved it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from attrs import evolve
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import Plan, load_plan, render_plan, render_report
from kh_tthc.check import KINDS, RULES, UnknownKind, check_document
from kh_tthc.check.engine import _paragraphs
from kh_tthc.check.rules import ALL_KINDS
from kh_tthc.cli import main
from kh_tthc.portfolio import Portfolio
from kh_tthc.portfolio.letter import reminder, render_reminder
from tests.conftest import SEED_PLAN
from tests.test_report_render import seed_report
from tests.test_roundtrip_docx import valid_plans

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "portfolio"
PROVINCE = "Ủy ban nhân dân tỉnh Thái Nguyên"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendered")
    out = {
        "KH": render_plan(load_plan(SEED_PLAN), folder / "kh.docx"),
        # Sent upward (a Sở to the UBND tỉnh), the báo cáo names its addressee (II.9.b).
        "BC": render_report(evolve(seed_report(), addressees=(PROVINCE,)), folder / "bc.docx"),
    }
    letter = reminder(Portfolio.load(EXAMPLE), as_of=date(2025, 12, 15), units=["vp", "cntt"])
    out["CV"] = render_reminder(letter, folder / "cv.docx")
    return out


class TestRendered:
    @pytest.mark.parametrize("kind", ["KH", "BC", "CV"])
    def test_no_error(self, rendered: dict[str, Path], kind: str) -> None:
        """What the library renders passes, and its kind is recognised."""
        assert check_document(rendered[kind]) == []
        assert check_document(rendered[kind], kind=kind) == []

    def test_summary_report_passes(self, tmp_path: Path) -> None:
        """The portfolio's báo cáo tổng hợp, sent to the province, passes too."""
        from kh_tthc import Period
        from kh_tthc.portfolio.summary import render_summary

        out = render_summary(
            Portfolio.load(EXAMPLE),
            Period.quarter(2025, 4),
            tmp_path / "tong-hop.docx",
            as_of=date(2025, 12, 15),
            addressees=[PROVINCE],
        )
        assert check_document(out) == []

    def test_report_without_addressee_warns(self, tmp_path: Path) -> None:
        """A báo cáo without "Kính gửi:" (one not sent upward) has a warning, no error."""
        out = render_report(seed_report(), tmp_path / "bc.docx")
        assert [(f.rule, f.is_error) for f in check_document(out)] == [("kinh-gui-report", False)]

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plan=valid_plans())
    def test_generated_plans_pass(
        self, plan: Plan, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Every generated plan, rendered, passes the check. The archive line is the plan's
        data: one without "VT" is what the decree forbids (and the check flags), so the
        generated plans keep the records office first and a drafting unit, as real plans do."""
        # "Lưu: VT, <drafting unit>." (Phụ lục I, II.9.a): the records office and a unit.
        rest = tuple(a for a in plan.archive if a != "VT") or ("VP",)
        plan = evolve(plan, archive=("VT", *rest))
        # Likewise the symbol's type code is the plan's data: a "Kế hoạch" numbered
        # "/BC-…" is flagged (Phụ lục III), so the generated number follows the type name.
        code = {"Kế hoạch": "KH", "Báo cáo": "BC"}.get(plan.type_name)
        if code is not None:
            plan = evolve(plan, number=evolve(plan.number, type_code=code))
        out = render_plan(plan, tmp_path_factory.mktemp("gen") / "kh.docx")
        errors = [f for f in check_document(out) if f.is_error]
        assert errors == []


# -- breaking one rule at a time -------------------------------------------------------


def _find(doc: Any, pred: Callable[[str], bool]) -> Any:
    for p in _paragraphs(doc.element.body):
        if pred(p.text):
            return docx.text.paragraph.Paragraph(p.el, None)
    raise AssertionError("paragraph not found")


def _set_text(paragraph: Any, text: str) -> None:
    runs = [r for r in paragraph.runs if r.text]
    runs[0].text = text
    for r in runs[1:]:
        r.text = ""


def _each_run(paragraph: Any, **props: Any) -> None:
    for r in paragraph.runs:
        for name, value in props.items():
            if name == "size":
                r.font.size = Pt(value)
            elif name == "font":
                r.font.name = value
            else:
                setattr(r.font, name, value)


def _title(doc: Any) -> Any:
    return _find(doc, lambda t: t == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def _motto(doc: Any) -> Any:
    return _find(doc, lambda t: t == "Độc lập - Tự do - Hạnh phúc")


def _date(doc: Any) -> Any:
    return _find(doc, lambda t: "năm 2025" in t and "tháng" in t)


def _number(doc: Any) -> Any:
    return _find(doc, lambda t: t.startswith("Số:"))


def _delete(paragraph: Any) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def _unrule(doc: Any, above: Callable[[str], bool]) -> None:
    """Take the border off the empty paragraph that draws the line under a paragraph."""
    found = list(_paragraphs(doc.element.body))
    at = next(i for i, p in enumerate(found) if above(p.text))
    rule = found[at + 1].el
    for border in rule.iter(qn("w:pBdr")):
        border.getparent().remove(border)


def _full_width_rule(doc: Any) -> None:
    """The line under the issuer runs across its whole cell: longer than the issuer."""
    found = list(_paragraphs(doc.element.body))
    at = next(i for i, p in enumerate(found) if p.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    for ind in found[at + 1].el.iter(qn("w:ind")):
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:right"), "0")


def _body(doc: Any) -> Any:
    return _find(doc, lambda t: t.startswith("Thực hiện Kế hoạch số 22/KH-UBND"))


def _line_spacing(doc: Any) -> None:
    _body(doc).paragraph_format.line_spacing = 2.0


def _no_indent(doc: Any) -> None:
    _body(doc).paragraph_format.first_line_indent = 0


def _left(doc: Any) -> None:
    _body(doc).alignment = WD_ALIGN_PARAGRAPH.LEFT


def _drop_addressees(doc: Any) -> None:
    kinh = _find(doc, lambda t: t.startswith("Kính gửi"))
    following = kinh._p.getnext()
    _delete(kinh)
    while following is not None and following.xpath("string(.)").startswith("- "):
        after = following.getnext()
        following.getparent().remove(following)
        following = after


def _page_number_right(doc: Any) -> None:
    doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _no_restart(doc: Any) -> None:
    for el in doc.sections[-1]._sectPr.findall(qn("w:pgNumType")):
        el.getparent().remove(el)


def _no_header_row(doc: Any) -> None:
    for el in doc.element.body.iter(qn("w:tblHeader")):
        el.getparent().remove(el)


def _drop_title_page(doc: Any) -> None:
    sect = doc.sections[0]._sectPr
    for el in sect.findall(qn("w:titlePg")):
        sect.remove(el)


def _drop_page_field(doc: Any) -> None:
    for section in doc.sections:
        for p in section.header.paragraphs:
            for el in list(p._p):
                if el.tag != qn("w:pPr"):
                    p._p.remove(el)


def _landscape_first(doc: Any) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = s.page_height, s.page_width


def _margins(doc: Any) -> None:
    doc.sections[0].left_margin = Mm(25.4)


def _letter_size(doc: Any) -> None:
    for s in doc.sections:
        landscape = s.page_width > s.page_height
        w, h = Mm(215.9), Mm(279.4)
        s.page_width, s.page_height = (h, w) if landscape else (w, h)


#: rule id → (document, how it is broken).
BREAKS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "page-size": ("KH", _letter_size),
    "page-orientation": ("KH", _landscape_first),
    "page-margins": ("KH", _margins),
    "font-family": (
        "KH",
        lambda d: _each_run(_find(d, lambda t: t.startswith("I.")), font="Arial"),
    ),
    "font-legacy": (
        "KH",
        lambda d: _each_run(_find(d, lambda t: t.startswith("I.")), font=".VnTime"),
    ),
    "national-title": ("KH", lambda d: _each_run(_title(d), bold=False)),
    "motto": ("KH", lambda d: _each_run(_motto(d), size=12)),
    "motto-dash": ("KH", lambda d: _set_text(_motto(d), "Độc lập – Tự do – Hạnh phúc")),
    "motto-rule": ("KH", lambda d: _unrule(d, lambda t: t == "Độc lập - Tự do - Hạnh phúc")),
    "issuer-rule": ("KH", lambda d: _unrule(d, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")),
    "summary-rule": ("KH", lambda d: _unrule(d, lambda t: t.startswith("Kiểm soát thủ tục"))),
    "rule-length": ("KH", _full_width_rule),
    "body-align": ("KH", _left),
    "body-indent": ("KH", _no_indent),
    "body-spacing": ("KH", _line_spacing),
    "body-size": ("KH", lambda d: _each_run(_body(d), size=12)),
    "heading": ("KH", lambda d: _set_text(_find(d, lambda t: t == "II. NỘI DUNG"), "II/ NỘI DUNG")),
    "subheading": ("KH", lambda d: _each_run(_find(d, lambda t: t == "1. Mục đích"), bold=False)),
    "kinh-gui-report": ("BC", _drop_addressees),
    "as-above": (
        "CV",
        lambda d: _set_text(_find(d, lambda t: t == "- Như trên;"), "- Giám đốc Sở;"),
    ),
    "page-number-format": ("KH", _page_number_right),
    "appendix-reference": ("KH", lambda d: _delete(_find(d, lambda t: t.startswith("(Kèm theo")))),
    "appendix-page-number": ("KH", _no_restart),
    "appendix-header-row": ("KH", _no_header_row),
    "issuer": (
        "KH",
        lambda d: _set_text(_find(d, lambda t: t.startswith("SỞ")), "Sở Khoa học và Công nghệ"),
    ),
    "number": ("KH", lambda d: _set_text(_number(d), "Số 5/KH-SKHCN")),
    "number-type-code": ("KH", lambda d: _set_text(_number(d), "Số: /BC-SKHCN")),
    "date-line": ("KH", lambda d: _each_run(_date(d), italic=False)),
    "date-padding": ("KH", lambda d: _set_text(_date(d), "Thái Nguyên, ngày 5 tháng 8 năm 2025")),
    "type-name": ("KH", lambda d: _set_text(_find(d, lambda t: t == "KẾ HOẠCH"), "Kế hoạch")),
    "summary": (
        "KH",
        lambda d: _each_run(_find(d, lambda t: t.startswith("Kiểm soát thủ tục")), bold=False),
    ),
    "letter-subject": (
        "CV",
        lambda d: _each_run(_find(d, lambda t: t.startswith("V/v")), bold=True),
    ),
    "kinh-gui": ("CV", _drop_addressees),
    "signature": (
        "CV",
        lambda d: _each_run(_find(d, lambda t: t == "Nguyễn Thị Thuỷ"), bold=False),
    ),
    "recipients-label": (
        "KH",
        lambda d: _each_run(_find(d, lambda t: t == "Nơi nhận:"), italic=False),
    ),
    "recipients-list": (
        "CV",
        lambda d: _set_text(_find(d, lambda t: t.startswith("- Lưu")), "- Lưu: VT"),
    ),
    "page-number-first": ("KH", _drop_title_page),
    "page-number": ("KH", _drop_page_field),
    "appendix": (
        "KH",
        lambda d: _set_text(
            _find(d, lambda t: t.startswith("KIỂM SOÁT THỦ TỤC")), "Danh mục nhiệm vụ"
        ),
    ),
}


#: The name the LibreOffice resave test imports.
BROKEN = BREAKS


def _broken(rendered: dict[str, Path], rule: str, folder: Path) -> Path:
    kind, breaker = BREAKS[rule]
    doc = docx.Document(str(rendered[kind]))
    breaker(doc)
    out = folder / f"{rule}.docx"
    doc.save(str(out))
    return out


def _rules(findings: list[Any]) -> tuple[set[str], set[str]]:
    return {f.rule for f in findings if f.is_error}, {f.rule for f in findings}


def test_every_rule_has_a_broken_fixture() -> None:
    """No rule of the table goes untested."""
    assert set(BREAKS) == set(RULES)


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_broken_fixture_flags_its_rule_only(
    rendered: dict[str, Path], rule: str, tmp_path: Path
) -> None:
    """Each fixture broken in one way is flagged with that rule and no other error."""
    findings = check_document(_broken(rendered, rule, tmp_path))
    errors, every = _rules(findings)
    assert rule in every
    assert errors <= {rule}
    for f in findings:
        assert f.article.startswith("NĐ 30/2020")
        assert f.where
        assert f.found


class TestResolution:
    def test_style_font_and_theme(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A font set in the style (not on the run) is found through the style chain, and a
        theme font through the theme."""
        doc = docx.Document(str(rendered["KH"]))
        doc.styles["KH Body"].font.name = "Arial"
        doc.save(str(tmp_path / "style.docx"))
        found = check_document(tmp_path / "style.docx")
        assert any(f.rule == "font-family" and "Arial" in f.found for f in found)
        doc = docx.Document(str(rendered["KH"]))
        for p in doc.paragraphs:
            for r in p.runs:
                fonts = r._r.get_or_add_rPr().get_or_add_rFonts()
                fonts.set(qn("w:asciiTheme"), "minorHAnsi")
        doc.save(str(tmp_path / "theme.docx"))
        found = check_document(tmp_path / "theme.docx")
        assert any(f.rule == "font-family" for f in found)


class TestKind:
    def test_auto_recognises(self, rendered: dict[str, Path]) -> None:
        """A kế hoạch checked as a công văn breaks the công văn's rules."""
        rules = {f.rule for f in check_document(rendered["KH"], kind="CV")}
        assert {"number-type-code", "letter-subject", "kinh-gui"} <= rules

    def test_unknown_kind(self, rendered: dict[str, Path]) -> None:
        """An unknown kind is refused."""
        with pytest.raises(UnknownKind):
            check_document(rendered["KH"], kind="XX")


class TestCommand:
    def test_exit_codes_and_json(
        self, rendered: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """0 without error, 1 with errors (one line each), 2 for an unreadable file."""
        assert main(["check", str(rendered["KH"])]) == 0
        broken = _broken(rendered, "motto-dash", tmp_path)
        capsys.readouterr()
        assert main(["check", str(broken)]) == 1
        out = capsys.readouterr().out
        assert re.search(r"error \[motto-dash\] table 1, row 1, cell 2, paragraph 2: ", out)
        assert main(["check", str(broken), "--format", "json"]) == 1
        records = json.loads(capsys.readouterr().out)
        assert records[0]["rule"] == "motto-dash"
        assert records[0]["article"] == RULES["motto-dash"].article
        assert main(["check", str(tmp_path / "missing.docx")]) == 2
        (tmp_path / "x.docx").write_text("not a docx")
        assert main(["check", str(tmp_path / "x.docx")]) == 2
        assert main(["check", str(rendered["KH"]), "--kind", "ZZ"]) == 2


def _row(rule: Any) -> str:
    """The rule's row of the table in docs/check.md, made from the rule table."""
    kinds = "all" if rule.kinds == ALL_KINDS else ", ".join(k for k in KINDS if k in rule.kinds)
    cells = (f"`{rule.id}`", rule.article, rule.severity.value, kinds, rule.expected, rule.example)
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def test_docs_list_every_rule() -> None:
    """docs/check.md lists every rule as the rule table says: article, severity, kinds,
    what is expected and the example message, in the table's order."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows == [_row(rule) for rule in RULES.values()]


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_example_is_the_real_message(rendered: dict[str, Path], rule: str, tmp_path: Path) -> None:
    """Each rule's example (the one docs/check.md shows) is what the engine says about that
    rule's broken fixture, word for word, so the docs cannot drift from the engine."""
    findings = [f for f in check_document(_broken(rendered, rule, tmp_path)) if f.rule == rule]
    assert RULES[rule].example in [f.found for f in findings]
    assert any(RULES[rule].example in str(f) for f in findings)


class TestOtherDocuments:
    def _doc(self, tmp_path: Path, *lines: str) -> Path:
        doc = docx.Document()
        for line in lines:
            doc.add_paragraph(line)
        out = tmp_path / "doc.docx"
        doc.save(str(out))
        return out

    def test_blank_document_misses_every_part(self, tmp_path: Path) -> None:
        """A document without the decree's parts is told each one is missing."""
        found = {f.rule: f.found for f in check_document(self._doc(tmp_path, "Xin chào"))}
        assert found["national-title"] == "no national title"
        assert found["motto"] == "no motto"
        assert found["number"] == 'no "Số: …/…" line'
        assert found["date-line"] == "no place and date line"
        assert found["type-name"].startswith("no type name")
        assert found["recipients-label"] == 'no "Nơi nhận:"'

    @pytest.mark.parametrize(
        ("lines", "kind"),
        [
            (("Số: 05/BC-SKHCN",), "BC"),
            (("Số: 05/UBND-VX",), "CV"),
            (("Số: 05/QĐ-UBND",), "other"),
            (("V/v đôn đốc",), "CV"),
            (("BÁO CÁO",), "BC"),
        ],
    )
    def test_kind_from_symbol_or_type_name(
        self, tmp_path: Path, lines: tuple[str, ...], kind: str
    ) -> None:
        """auto reads the kind from the type name, else from the symbol's type code."""
        from kh_tthc.check import detect_kind

        assert detect_kind(docx.Document(str(self._doc(tmp_path, *lines)))) == kind

    @pytest.mark.parametrize(
        ("date_line", "flagged"),
        [
            ("Hà Nội, ngày 05 tháng 1 năm 2025", True),
            ("Hà Nội, ngày 05 tháng 08 năm 2025", True),
            ("Hà Nội, ngày 05 tháng 02 năm 2025", False),
            ("Hà Nội, ngày 15 tháng 12 năm 2025", False),
        ],
    )
    def test_month_padding(self, tmp_path: Path, date_line: str, flagged: bool) -> None:
        """Months 1 and 2 take a leading 0, the others none (Phụ lục I, II.4.b)."""
        rules = {f.rule for f in check_document(self._doc(tmp_path, date_line))}
        assert ("date-padding" in rules) is flagged


# -- the forms a rule may take, and the edges of the new rules -------------------------

_VML_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:line from="0,0" to="90pt,0" strokeweight="1pt"/></w:pict></w:r>'
)
#: Word's Insert ▸ Shapes ▸ Line: a DrawingML straight connector anchored in a run, 90 pt
#: long, centred on the column, 15 pt below the top of its paragraph.
_DRAWN_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
    'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>190500</wp:posOffset></wp:positionV>'
    '<wp:extent cx="1143000" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="DOCPR" name="Straight Connector DOCPR"/><wp:cNvGraphicFramePr/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1143000" cy="0"/>'
    '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
    '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
).replace("DOCPR", "901")


def _issuer(doc: Any) -> Any:
    return _find(doc, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")


def _checked(rendered: dict[str, Path], kind: str, change: Any, tmp_path: Path) -> list[Any]:
    doc = docx.Document(str(rendered[kind]))
    change(doc)
    doc.save(str(tmp_path / "changed.docx"))
    return check_document(tmp_path / "changed.docx")


def _with_line(markup: str) -> Callable[[Any], None]:
    """The empty paragraph under the issuer draws a shape instead of a border."""

    def change(doc: Any) -> None:
        _unrule(doc, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
        rule = _issuer(doc)._p.getnext()
        rule.append(docx.oxml.parse_xml(markup))

    return change


def _issuer_border(doc: Any) -> None:
    """The issuer's own paragraph carries the bottom border (no empty paragraph)."""
    _unrule(doc, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    issuer = _issuer(doc)
    issuer._p.getparent().remove(issuer._p.getnext())
    ppr = issuer._p.get_or_add_pPr()
    ppr.append(docx.oxml.parse_xml(f'<w:pBdr {_W}><w:bottom w:val="single" w:sz="6"/></w:pBdr>'))


def _cell_border(doc: Any) -> None:
    """The issuer ends its cell, and the cell's bottom border is the line."""
    _unrule(doc, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    issuer = _issuer(doc)
    issuer._p.getparent().remove(issuer._p.getnext())
    tc = issuer._p.getparent()
    tc.tcPr.append(
        docx.oxml.parse_xml(f'<w:tcBorders {_W}><w:bottom w:val="single" w:sz="6"/></w:tcBorders>')
    )


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class TestLines:
    @pytest.mark.parametrize(
        "change",
        [_with_line(_VML_LINE), _with_line(_DRAWN_LINE), _issuer_border, _cell_border],
        ids=["vml-line", "drawn-line", "paragraph-border", "cell-border"],
    )
    def test_forms_word_drafts_use(
        self, rendered: dict[str, Path], change: Any, tmp_path: Path
    ) -> None:
        """A drawn line (VML or DrawingML), the issuer's own bottom border or its cell's
        bottom border is a line under the issuer."""
        rules = {f.rule for f in _checked(rendered, "KH", change, tmp_path)}
        assert "issuer-rule" not in rules

    def test_a_picture_is_not_a_line(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A drawing that is not a straight line (a logo) does not count."""
        picture = _DRAWN_LINE.replace('prst="line"', 'prst="rect"')
        rules = {f.rule for f in _checked(rendered, "KH", _with_line(picture), tmp_path)}
        assert "issuer-rule" in rules

    def test_summary_line_as_the_next_paragraphs_top_border(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """A top border on the paragraph after the summary is a line under it (as long as
        the page's text, so too long: a warning of its own)."""

        def change(doc: Any) -> None:
            _unrule(doc, lambda t: t.startswith("Kiểm soát thủ tục"))
            ppr = _body(doc)._p.get_or_add_pPr()
            border = f'<w:pBdr {_W}><w:top w:val="single" w:sz="6"/></w:pBdr>'
            ppr.insert(1, docx.oxml.parse_xml(border))

        assert check_document_rules(rendered, change, tmp_path) == {"rule-length"}


def check_document_rules(rendered: dict[str, Path], change: Any, tmp_path: Path) -> set[str]:
    return {f.rule for f in _checked(rendered, "KH", change, tmp_path)}


class TestBody:
    def test_sections_in_order(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A section heading out of order is flagged with the numeral expected."""

        def change(doc: Any) -> None:
            _set_text(_find(doc, lambda t: t == "III. KINH PHÍ"), "IV. KINH PHÍ")

        found = [f.found for f in _checked(rendered, "KH", change, tmp_path)]
        assert "heading IV. where III. comes" in found

    def test_heading_bold_and_upper(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A section heading in plain case, not bold, is flagged twice."""

        def change(doc: Any) -> None:
            p = _find(doc, lambda t: t == "II. NỘI DUNG")
            _set_text(p, "II. Nội dung")
            _each_run(p, bold=False)

        found = {f.found for f in _checked(rendered, "KH", change, tmp_path) if f.is_error}
        assert found == {
            "heading not bold: 'II. Nội dung'",
            "heading not in upper case: 'II. Nội dung'",
        }

    def test_gap_between_paragraphs(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """No space between two body paragraphs is flagged; an exact line height within
        single to 1.5 lines is not."""

        def change(doc: Any) -> None:
            p = _find(doc, lambda t: t.startswith("- Tăng cường trách nhiệm"))
            p.paragraph_format.space_before = Pt(0)
            _body(doc).paragraph_format.line_spacing = Pt(18)

        found = [(f.rule, f.found) for f in _checked(rendered, "KH", change, tmp_path)]
        assert [rule for rule, _ in found] == ["body-spacing"]
        assert found[0][1].startswith("0 pt before the paragraph: '- Tăng cường")

    def test_contextual_spacing_drops_the_gap(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """Word's "Don't add space between paragraphs of the same style" leaves none."""

        def change(doc: Any) -> None:
            style = doc.styles["KH Body"].element
            style.pPr.append(docx.oxml.parse_xml(f"<w:contextualSpacing {_W}/>"))

        rules = [f.rule for f in _checked(rendered, "KH", change, tmp_path)]
        assert rules == ["body-spacing"]

    def test_hanging_indent(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A hanging indent is no first-line indent."""

        def change(doc: Any) -> None:
            _body(doc).paragraph_format.first_line_indent = Mm(-5)

        found = [f.found for f in _checked(rendered, "KH", change, tmp_path)]
        assert found == ["first-line indent -0.50 cm: 'Thực hiện Kế hoạch số 22/KH-UBND ngày 0…'"]

    @pytest.mark.parametrize(
        ("text", "heading"),
        [
            ("1. Mục đích", True),
            ("2. Mục đích, yêu cầu", True),
            ("1. Trưởng các phòng căn cứ nội dung Kế hoạch tổ chức thực hiện.", False),
            ("3. Các phòng thực hiện:", False),
            ("1. " + " ".join(["từ"] * 13), False),
        ],
    )
    def test_numbered_title_or_clause(self, text: str, heading: bool) -> None:
        """A few words without closing punctuation make a title; a clause ends with one."""
        from kh_tthc.check.engine import _is_subheading

        assert _is_subheading(text) is heading

    @given(value=st.integers(min_value=1, max_value=399))
    def test_roman_numerals_round_trip(self, value: int) -> None:
        """Section numbers are read back from the numerals they are written as."""
        from kh_tthc.check.engine import _roman, _to_roman

        assert _roman(_to_roman(value)) == value

    def test_unusual_numeral_is_no_heading(self) -> None:
        """ "IIII." is not a numeral written the usual way."""
        from kh_tthc.check.engine import _roman

        assert _roman("IIII") is None


class TestAddressees:
    def test_report_kinh_gui_without_colon(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A báo cáo's "Kính gửi" follows the công văn's form: a colon after it."""

        def change(doc: Any) -> None:
            p = _find(doc, lambda t: t.startswith("Kính gửi"))
            _set_text(p, f"Kính gửi {PROVINCE}.")

        found = [(f.rule, f.is_error) for f in _checked(rendered, "BC", change, tmp_path)]
        assert found == [("kinh-gui", True)]


class TestPageNumbers:
    def test_in_the_footer(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A page number in the footer instead of the header is flagged."""

        def change(doc: Any) -> None:
            _drop_page_field(doc)
            p = doc.sections[0].footer.paragraphs[0]
            p._p.append(docx.oxml.parse_xml(f'<w:fldSimple {_W} w:instr=" PAGE "/>'))

        found = {(f.rule, f.found) for f in _checked(rendered, "KH", change, tmp_path)}
        assert ("page-number-format", "a page number in the footer") in found

    def test_roman_and_small(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """Roman page numbers and a 12 pt number are flagged."""

        def change(doc: Any) -> None:
            sect = doc.sections[0]._sectPr
            sect.append(docx.oxml.parse_xml(f'<w:pgNumType {_W} w:fmt="lowerRoman"/>'))
            _each_run(doc.sections[0].header.paragraphs[0], size=12)

        found = [f.found for f in _checked(rendered, "KH", change, tmp_path)]
        assert found == ["page number 12 pt", "page numbers in lowerRoman"]


class TestAppendixAlone:
    def test_appendix_in_the_body_section(self, tmp_path: Path) -> None:
        """An appendix without a section break before it goes on with the body's pages; its
        "Kèm theo" line is found, and must be italic."""
        doc = docx.Document()
        for line in ("Phụ lục", "DANH MỤC", "(Kèm theo Kế hoạch số 05/KH-SKHCN)"):
            doc.add_paragraph(line)
        doc.save(str(tmp_path / "a.docx"))
        found = {f.rule: f.found for f in check_document(tmp_path / "a.docx")}
        assert found["appendix-page-number"].startswith("no section break before the appendix")
        # The line is there (found under the title), but not in italic.
        assert found["appendix-reference"] == '"(Kèm theo …)" line not italic'


def test_check_document_from_the_top_level() -> None:
    """``from kh_tthc import check_document`` works, and ``import kh_tthc`` alone does not
    load the checker."""
    import subprocess
    import sys

    import kh_tthc
    import kh_tthc.check

    assert kh_tthc.check_document is kh_tthc.check.check_document
    assert kh_tthc.Finding is kh_tthc.check.Finding
    probe = "import sys, kh_tthc; print('kh_tthc.check' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class TestLineLength:
    @pytest.mark.parametrize(
        ("extent_pt", "flagged"), [(90, False), (40, True), (120, True)], ids=str
    )
    def test_drawn_line_against_the_issuer(
        self, rendered: dict[str, Path], tmp_path: Path, extent_pt: int, flagged: bool
    ) -> None:
        """A drawn line is measured by its extent: 90 pt under the 184 pt issuer is within
        1/3–1/2, 40 pt and 120 pt are not."""
        shape = _DRAWN_LINE.replace('cx="1143000"', f'cx="{extent_pt * 12700}"')
        rules = [f.rule for f in _checked(rendered, "KH", _with_line(shape), tmp_path)]
        assert rules == (["rule-length"] if flagged else [])

    def test_vml_line_in_points(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A VML line's end points in points give its length."""
        shape = _VML_LINE.replace('to="90pt,0"', 'to="30pt,0"')
        found = [f.found for f in _checked(rendered, "KH", _with_line(shape), tmp_path)]
        assert found == ["the line under the issuer is 0.16 of its length"]


# -- a draft typed in Word, not rendered by the library ---------------------------------

_WORD_SUMMARY = "Triển khai thực hiện kiểm soát thủ tục hành chính năm 2025"


def _line_run(points: float, shape_id: int, below: float = 15) -> Any:
    """A DrawingML straight line ``points`` long, ``below`` points under the top of its
    paragraph (Word's Insert ▸ Shapes ▸ Line)."""
    markup = _DRAWN_LINE.replace('cx="1143000"', f'cx="{int(points * 12700)}"')
    markup = markup.replace("190500", str(int(below * 12700)))
    return docx.oxml.parse_xml(
        markup.replace('"901"', f'"{shape_id}"').replace(" 901", f" {shape_id}")
    )


def _para(container: Any, text: str, *, size: float = 14, bold: bool = False,
          italic: bool = False, align: Any = None) -> Any:  # fmt: skip
    p = container.add_paragraph()
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    if align is not None:
        p.alignment = align
    return p


def _body_para(doc: Any, text: str, *, bold: bool = False, exact: bool = False) -> Any:
    p = _para(doc, text, bold=bold, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    fmt = p.paragraph_format
    fmt.first_line_indent = Mm(10)
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)
    fmt.line_spacing = Pt(18) if exact else 1.2
    return p


def _widths(table: Any, *widths: Any) -> None:
    """Fixed column widths, in the grid and in each cell, as Word writes them."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def word_draft(path: Path) -> Path:
    """An illustrative kế hoạch laid out as a clerk does it in Word after Mẫu 1.4 of Phụ lục
    III (not an agency's document): direct formatting on the Normal style, the decree's
    smallest margins, lines drawn as shapes, Word's default cell margins, the page number
    in a PAGE field, a landscape appendix numbered on its own."""
    from kh_tthc.render.metrics import text_width_pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:ascii"), "Times New Roman")
        fonts.set(qn("w:hAnsi"), "Times New Roman")
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    s.different_first_page_header_footer = True
    number = s.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number._p.append(docx.oxml.parse_xml(f'<w:fldSimple {_W} w:instr=" PAGE "/>'))
    number.style.font.size = Pt(13)
    centre = WD_ALIGN_PARAGRAPH.CENTER

    head = doc.add_table(rows=2, cols=2)
    left, right = head.cell(0, 0), head.cell(0, 1)
    # Wider than the text by 3 mm, reaching into the left margin (as drafts often do), so
    # that the issuer and the national title keep to one line each.
    _widths(head, Mm(75), Mm(93))
    indent = f'<w:tblInd {_W} w:w="{int(Mm(-3).twips)}" w:type="dxa"/>'
    head._tbl.tblPr.find(qn("w:tblLayout")).addprevious(docx.oxml.parse_xml(indent))
    left.paragraphs[0].text = ""
    _para(left, "UBND TỈNH THÁI NGUYÊN", size=13, align=centre)
    issuer = _para(left, "SỞ KHOA HỌC VÀ CÔNG NGHỆ", size=13, bold=True, align=centre)
    issuer._p.append(
        _line_run(0.4 * text_width_pt(issuer.text, size_pt=13, bold=True), 1, below=18)
    )
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=centre)
    motto = _para(right, MOTTO_TEXT, size=13, bold=True, align=centre)
    under = _para(right, "", size=6, align=centre)
    under._p.append(_line_run(text_width_pt(motto.text, size_pt=13, bold=True), 2, below=0))
    _para(head.cell(1, 0), "Số: 05/KH-SKHCN", size=13, align=centre)
    date_line = "Thái Nguyên, ngày 05 tháng 02 năm 2025"
    _para(head.cell(1, 1), date_line, size=14, italic=True, align=centre)
    for cell in (left, right, head.cell(1, 0), head.cell(1, 1)):
        first = cell.paragraphs[0]
        if not first.text and first._p.getnext() is not None:
            first._p.getparent().remove(first._p)

    _para(doc, "KẾ HOẠCH", bold=True, align=centre)
    _para(doc, _WORD_SUMMARY, bold=True, align=centre)
    rule = _para(doc, "", size=6, align=centre)
    rule._p.append(_line_run(0.4 * text_width_pt(_WORD_SUMMARY, size_pt=14, bold=True), 3, 0))
    _body_para(doc, "Căn cứ kế hoạch của Ủy ban nhân dân tỉnh, Sở xây dựng Kế hoạch như sau:")
    _body_para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _body_para(doc, "1. Mục đích", bold=True)
    _body_para(doc, "a) Nâng cao chất lượng giải quyết thủ tục hành chính;", exact=True)
    _body_para(doc, "b) Công khai, minh bạch thủ tục hành chính.", exact=True)
    _body_para(doc, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _body_para(doc, "1. Văn phòng Sở theo dõi, đôn đốc các phòng thực hiện Kế hoạch này./.")

    sign = doc.add_table(rows=1, cols=2)
    _widths(sign, Mm(55), Mm(110))
    to, signer = sign.cell(0, 0), sign.cell(0, 1)
    to.paragraphs[0]._p.getparent().remove(to.paragraphs[0]._p)
    signer.paragraphs[0]._p.getparent().remove(signer.paragraphs[0]._p)
    _para(to, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ("- UBND tỉnh (b/c);", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."):
        _para(to, line, size=11)
    for line in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"):
        _para(signer, line, bold=True, align=centre)
    _para(signer, "Nguyễn Văn An", bold=True, align=centre)

    appendix = doc.add_section()
    appendix.orientation = 1  # landscape
    appendix.page_width, appendix.page_height = Mm(297), Mm(210)
    appendix._sectPr.append(docx.oxml.parse_xml(f'<w:pgNumType {_W} w:start="1"/>'))
    _para(doc, "Phụ lục", bold=True, align=centre)
    _para(doc, "DANH MỤC NHIỆM VỤ NĂM 2025", bold=True, align=centre)
    reference = (
        "(Kèm theo Kế hoạch số 05/KH-SKHCN ngày 05 tháng 02 năm 2025 của Sở Khoa học và Công nghệ)"
    )
    _para(doc, reference, italic=True, align=centre)
    tasks = doc.add_table(rows=3, cols=3)
    for i, row in enumerate((("TT", "Nhiệm vụ", "Thời hạn"), ("1", "Rà soát", "Quý I"),
                             ("2", "Công khai", "Quý II"))):  # fmt: skip
        for j, text in enumerate(row):
            tasks.cell(i, j).paragraphs[0].add_run(text).font.size = Pt(13)
    tasks.rows[0]._tr.get_or_add_trPr().append(docx.oxml.parse_xml(f"<w:tblHeader {_W}/>"))
    doc.save(str(path))
    return path


MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"


def test_a_word_draft_after_the_sample_passes(tmp_path: Path) -> None:
    """A kế hoạch typed in Word after the decree's sample, in forms the library's templates
    do not use (shapes for the lines, direct formatting, an exact line height), passes."""
    found = check_document(word_draft(tmp_path / "draft.docx"))
    assert [str(f) for f in found] == []


def _undraw(doc: Any) -> None:
    issuer = _issuer(doc)
    for run in issuer._p.findall(qn("w:r")):
        if run.find(qn("w:drawing")) is not None:
            issuer._p.remove(run)


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        ("issuer-rule", _undraw),
        (
            "body-indent",
            lambda d: setattr(
                _find(d, lambda t: t.startswith("Căn cứ")).paragraph_format, "first_line_indent", 0
            ),
        ),
        ("heading", lambda d: _each_run(_find(d, lambda t: t.startswith("II. TỔ")), bold=False)),
        (
            "body-spacing",
            lambda d: setattr(
                _find(d, lambda t: t.startswith("b) ")).paragraph_format, "line_spacing", Pt(30)
            ),
        ),
    ],
)
def test_a_broken_word_draft(rule: str, change: Any, tmp_path: Path) -> None:
    """The Word draft broken in one way is flagged with that rule and no other."""
    doc = docx.Document(str(word_draft(tmp_path / "draft.docx")))
    change(doc)
    doc.save(str(tmp_path / "broken.docx"))
    assert {f.rule for f in check_document(tmp_path / "broken.docx")} == {rule}


class TestLibreOfficeForms:
    """What LibreOffice writes when it saves a document, made here without it (the resave
    tests, which need soffice, found these)."""

    def test_no_indent_written_as_hanging_zero(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """``w:hanging="0"`` on the paragraph overrides its style's first-line indent."""

        def change(doc: Any) -> None:
            ppr = _body(doc)._p.get_or_add_pPr()
            ind = f'<w:ind {_W} w:left="0" w:right="0" w:hanging="0"/>'
            ppr.append(docx.oxml.parse_xml(ind))

        rules = [f.rule for f in _checked(rendered, "KH", change, tmp_path)]
        assert rules == ["body-indent"]

    def _move_header(self, doc: Any) -> None:
        """Section 1's default header moved to the appendix's section."""
        first, last = doc.sections[0]._sectPr, doc.sections[-1]._sectPr
        ref = next(
            r for r in first.findall(qn("w:headerReference")) if r.get(qn("w:type")) == "default"
        )
        first.remove(ref)
        last.insert(0, ref)

    def test_header_in_a_later_section(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A page number in a later section's header counts when section 1 has no default
        header of its own."""
        assert _checked(rendered, "KH", self._move_header, tmp_path) == []

    def test_section_1_header_without_number_decides(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """When section 1 has its own default header, a later section's does not count."""

        def change(doc: Any) -> None:
            first_page = doc.sections[0]._sectPr
            blank = next(
                r
                for r in first_page.findall(qn("w:headerReference"))
                if r.get(qn("w:type")) == "first"
            )
            self._move_header(doc)
            rid = blank.get(qn("r:id"))
            default = docx.oxml.parse_xml(
                f'<w:headerReference {_W} xmlns:r="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships" w:type="default" r:id="{rid}"/>'
            )
            first_page.insert(0, default)

        rules = [f.rule for f in _checked(rendered, "KH", change, tmp_path)]
        assert rules == ["page-number"]


class TestMoreForms:
    def test_last_addressee_without_full_stop(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """The last of several addressees ends with "." (Phụ lục I, II.9.d)."""

        def change(doc: Any) -> None:
            _set_text(_find(doc, lambda t: t == "- Trung tâm CNTT&TT."), "- Trung tâm CNTT&TT;")

        found = [(f.rule, f.found) for f in _checked(rendered, "CV", change, tmp_path)]
        assert found == [
            ("kinh-gui", "the last addressee '- Trung tâm CNTT&TT;' without a full stop")
        ]

    def test_page_number_bold(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """The page number is regular, not bold."""

        def change(doc: Any) -> None:
            _each_run(doc.sections[0].header.paragraphs[0], bold=True)

        found = [f.found for f in _checked(rendered, "KH", change, tmp_path)]
        assert found == ["page number bold"]

    def test_line_anchored_elsewhere_in_the_cell(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """A line shape anchored in another paragraph of the issuer's cell (the parent body
        above it) is the line under the issuer: Word anchors shapes where the cursor was."""

        def change(doc: Any) -> None:
            _unrule(doc, lambda t: t == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
            parent = _find(doc, lambda t: t == "UBND TỈNH THÁI NGUYÊN")
            parent._p.append(docx.oxml.parse_xml(_DRAWN_LINE))

        assert _checked(rendered, "KH", change, tmp_path) == []

    def test_vml_line_in_other_units_is_not_measured(
        self, rendered: dict[str, Path], tmp_path: Path
    ) -> None:
        """A VML line given in other units than points counts as a line, unmeasured."""
        shape = _VML_LINE.replace('from="0,0" to="90pt,0"', 'from="0,0" to="3cm,0"')
        assert _checked(rendered, "KH", _with_line(shape), tmp_path) == []

    @pytest.mark.parametrize(
        ("spacing", "flagged"),
        [
            ('w:before="0" w:beforeLines="50"', False),
            ('w:before="120" w:beforeLines="20"', True),
            ('w:before="0" w:beforeAutospacing="1"', False),
        ],
        ids=["half-a-line", "a-fifth-of-a-line", "html-auto"],
    )
    def test_spacing_in_lines_or_auto(
        self, rendered: dict[str, Path], tmp_path: Path, spacing: str, flagged: bool
    ) -> None:
        """Space given in hundredths of a line (as WPS writes it) wins over twips; Word's
        HTML auto spacing is 14 pt."""

        def change(doc: Any) -> None:
            p = _find(doc, lambda t: t.startswith("- Tăng cường trách nhiệm"))
            p._p.get_or_add_pPr().append(docx.oxml.parse_xml(f"<w:spacing {_W} {spacing}/>"))

        rules = [f.rule for f in _checked(rendered, "KH", change, tmp_path)]
        assert rules == (["body-spacing"] if flagged else [])
