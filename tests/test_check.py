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
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings

from kh_tthc import Plan, load_plan, render_plan, render_report
from kh_tthc.check import RULES, UnknownKind, check_document
from kh_tthc.check.engine import _paragraphs
from kh_tthc.cli import main
from kh_tthc.portfolio import Portfolio
from kh_tthc.portfolio.letter import reminder, render_reminder
from tests.conftest import SEED_PLAN
from tests.test_report_render import seed_report
from tests.test_roundtrip_docx import valid_plans

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "portfolio"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendered")
    out = {
        "KH": render_plan(load_plan(SEED_PLAN), folder / "kh.docx"),
        "BC": render_report(seed_report(), folder / "bc.docx"),
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
    "kinh-gui": (
        "CV",
        lambda d: _set_text(_find(d, lambda t: t.startswith("Kính gửi")), "- Văn phòng Sở;"),
    ),
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


def test_docs_list_every_rule() -> None:
    """docs/check.md lists every rule with its article and its example message."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text("utf-8")
    for rule in RULES.values():
        row = next((line for line in text.splitlines() if f"`{rule.id}`" in line), "")
        assert rule.article in row, rule.id
        assert rule.example.replace("|", "\\|") in row, rule.id


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
