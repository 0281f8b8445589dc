"""The báo cáo as a document: Decree 30 format, prose from the figures, template, PDF.

The format checks reuse the render branch's helpers (tests/test_render_docx.py) so that a
báo cáo is held to the same rules of Nghị định 30/2020/NĐ-CP as a kế hoạch. The figures
asserted in the text were counted by hand from examples/.../progress-2025-Q4.csv.
"""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from attrs import evolve
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docxtpl import DocxTemplate
from hypothesis import given, settings

from kh_tthc import (
    Period,
    Progress,
    ProgressRow,
    ProgressStatus,
    Report,
    TemplateError,
    copy_template,
    docx_to_pdf,
    load_progress,
    render_report,
    report_context,
)
from kh_tthc.cli import main
from kh_tthc.render import template_path
from kh_tthc.render.report_context import (
    REPORT_FIELDS,
    count,
    general_paragraph,
    report_sections,
)
from tests.conftest import SEED_DIR, SEED_PLAN
from tests.needs import need
from tests.progress_strategies import SEED, SEED_PAIRS, rows_for
from tests.test_render_docx import (
    FONT,
    all_paragraphs,
    bold,
    find,
    italic,
    lines,
    mm,
    norm,
    pformat,
    size_pt,
    within,
)
from tests.test_render_pdf import page_sizes, page_text
from tests.test_render_templates import load_builder, parts
from tests.test_report import PLAN, row

GOLDEN = Path(__file__).parent / "data" / "bao-cao-skhcn-thai-nguyen-2025-q4.txt"
Q3, Q4 = Period.quarter(2025, 3), Period.quarter(2025, 4)


def seed_report() -> Report:
    q3 = load_progress(SEED_DIR / "progress-2025-Q3.csv", SEED)
    previous = Report(plan=SEED, period=Q3, progress=q3, as_of=date(2025, 9, 15))
    q4 = load_progress(SEED_DIR / "progress-2025-Q4.csv", SEED)
    return Report(plan=SEED, period=Q4, progress=q4, as_of=date(2025, 12, 15), previous=previous)


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(seed_report(), tmp_path_factory.mktemp("bc") / "bao-cao.docx")


@pytest.fixture(scope="module")
def doc(report_docx: Path) -> Document:
    return docx.Document(str(report_docx))


def body_text(doc: Document) -> str:
    return "\n".join(lines(doc))


class TestFormat:
    """The rules the plan document is held to, on the report."""

    def test_pages(self, doc: Document) -> None:
        """A4 portrait with the sample's margins, then the results on A4 landscape."""
        main_section, appendix = doc.sections
        assert main_section.orientation == WD_ORIENT.PORTRAIT
        assert (round(mm(main_section.page_width)), round(mm(main_section.page_height))) == (
            210,
            297,
        )
        for s in (main_section, appendix):
            assert within(s.top_margin, 20, 25)
            assert within(s.bottom_margin, 20, 25)
            assert within(s.left_margin, 30, 35)
            assert within(s.right_margin, 15, 20)
        assert appendix.orientation == WD_ORIENT.LANDSCAPE
        assert main_section.different_first_page_header_footer  # no number on page 1
        assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"

    def test_times_new_roman_only(self, report_docx: Path) -> None:
        d = docx.Document(str(report_docx))
        for part in (d.styles.element, d.element):
            for fonts in part.iter(qn("w:rFonts")):
                assert set(fonts.attrib.values()) == {FONT}

    def test_header_block(self, doc: Document) -> None:
        """Parent and issuer left; "Số: /BC-SKHCN" 13 pt; the date line italic 13–14."""
        issuer = find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
        assert bold(issuer)
        assert 12 <= size_pt(issuer) <= 13
        number = find(doc, "Số: /BC-SKHCN")
        assert number.text == "Số:      /BC-SKHCN"
        assert size_pt(number) == 13
        when = find(doc, "Thái Nguyên, ngày tháng 12 năm 2025")
        assert italic(when)
        assert 13 <= size_pt(when) <= 14
        assert bold(find(doc, "Độc lập - Tự do - Hạnh phúc"))

    def test_type_name_and_summary(self, doc: Document) -> None:
        for text in (
            "BÁO CÁO",
            "Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý IV năm 2025",
        ):
            p = find(doc, text)
            assert bold(p)
            assert 13 <= size_pt(p) <= 14
            assert pformat(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        rule = find(doc, "BÁO CÁO")._p.getnext().getnext()
        assert rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None

    def test_body_paragraphs(self, doc: Document) -> None:
        """Justified, 13–14 pt, first-line indent 1–1.27 cm, at least 6 pt apart."""
        paragraphs = [
            p for p in all_paragraphs(doc) if p.style is not None and p.style.name == "KH Body"
        ]
        assert len(paragraphs) > 15
        for p in paragraphs:
            assert pformat(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
            assert 13 <= size_pt(p) <= 14
            assert 1.0 <= float(pformat(p, "first_line_indent").cm) <= 1.27
            gap = Length((pformat(p, "space_before") or 0) + (pformat(p, "space_after") or 0))
            assert gap.pt >= 6

    def test_headings(self, doc: Document) -> None:
        for text in (
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Tình hình chung",
            "3. Kết quả thực hiện các chỉ tiêu",
            "II. KHÓ KHĂN, VƯỚNG MẮC",
            "III. ĐỀ XUẤT, KIẾN NGHỊ",
        ):
            p = find(doc, text)
            assert bold(p)
            assert 13 <= size_pt(p) <= 14

    def test_signature_and_recipients(self, doc: Document) -> None:
        """The closing ends with "./."; then "Nơi nhận:" 12 bold italic and the signer."""
        texts = lines(doc)
        closing = next(i for i, t in enumerate(texts) if t.endswith("./."))
        assert texts[closing].startswith("Trên đây là báo cáo kết quả thực hiện Kế hoạch")
        assert texts[closing + 1].startswith("Nơi nhận:")
        label = find(doc, "Nơi nhận:")
        assert (size_pt(label), bold(label), italic(label)) == (12, True, True)
        lu = find(doc, "- Lưu: VT, VP.")
        assert size_pt(lu) == 11
        for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Thuỷ"):
            assert bold(find(doc, text))

    def test_results_table(self, doc: Document) -> None:
        """Header row repeated, rows never split, one row per task under the headings."""
        table = doc.tables[-1]
        assert [c.text for c in table.rows[0].cells] == [
            "STT",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Kết quả thực hiện",
            "Tình trạng",
        ]
        for i, r in enumerate(table.rows):
            assert r._tr.trPr.find(qn("w:cantSplit")) is not None
            assert (r._tr.trPr.find(qn("w:tblHeader")) is not None) == (i == 0)
        numbers = [r.cells[0].text.rstrip(".") for r in table.rows[1:]]
        headings = ["1", "2", "2.1", "2.2", "2.3", "2.6", "3"]
        assert len(numbers) == 22 + len(headings)
        assert set(headings) <= set(numbers)
        assert "2.6" in numbers  # heading of 2.6.1, kept for context
        assert bold(table.rows[1].cells[0].paragraphs[0])  # "1." as in the plan


class TestFiguresInTheText:
    """What a reader sees matches the progress file (counted by hand)."""

    def test_window_and_period(self, doc: Document) -> None:
        text = norm(body_text(doc))
        assert "báo cáo kết quả thực hiện quý IV năm 2025 (số liệu từ ngày 15/9/2025 đến ngày " \
            "14/12/2025) như sau:" in text  # fmt: skip

    def test_general_paragraph(self, doc: Document) -> None:
        text = norm(body_text(doc))
        for expected in (
            "Kế hoạch có 22 nhiệm vụ phải thực hiện",
            "đã hoàn thành 08 nhiệm vụ (trong đó 01 nhiệm vụ hoàn thành quá hạn)",
            "đang thực hiện 10 nhiệm vụ",
            "chưa thực hiện 01 nhiệm vụ",
            "01 nhiệm vụ chưa có báo cáo của đơn vị chủ trì",
            "02 nhiệm vụ không phát sinh trong kỳ",
            "Tỷ lệ hoàn thành đạt 40% (08/20 nhiệm vụ phát sinh trong kỳ)",
            "tăng 29,5 điểm phần trăm so với quý III năm 2025",
        ):
            assert expected in text
        assert "quá hạn chưa hoàn thành" not in text  # no overdue task: no such clause

    def test_units_and_targets(self, doc: Document) -> None:
        text = norm(body_text(doc))
        assert (
            "- Văn phòng Sở: chủ trì 17 nhiệm vụ, đã hoàn thành 08 (01 quá hạn), đang thực hiện"
            " 07, chưa thực hiện 01, không phát sinh 01; tỷ lệ hoàn thành 50%." in text
        )
        assert "được số hóa (nhiệm vụ 2.3.3): đạt 92,5%, bằng 92,5% chỉ tiêu (100%)" in text
        assert "quý III năm 2025 đạt 84,2%" in text

    def test_not_reported_and_remarks(self, doc: Document) -> None:
        text = norm(body_text(doc))
        assert 'Nhiệm vụ 2.6.1 "Xử lý phản ánh, kiến nghị về quy định hành chính"' in text
        assert (
            "- Thiết bị số hóa (máy quét) tại các phòng chuyên môn còn thiếu (Các phòng, đơn vị"
            " thuộc Sở có thủ tục hành chính, nhiệm vụ 2.3.3)." in text
        )

    def test_table_rows(self, doc: Document) -> None:
        rows = {r.cells[0].text: r for r in doc.tables[-1].rows[1:]}
        assert rows["2.5"].cells[4].text == "Hoàn thành quá hạn"
        assert rows["2.6.1"].cells[4].text == "Chưa báo cáo"
        assert rows["2.3.1"].cells[3].text.startswith("Văn phòng Sở: Tiếp nhận 1.234 hồ sơ")
        assert rows["2.3.3"].cells[3].text.endswith("92,5% (chỉ tiêu 100%), đạt 92,5% chỉ tiêu")
        assert rows["1.3"].cells[2].text.split("\n") == [
            "- Văn phòng Sở;",
            "- Các phòng, đơn vị thuộc Sở.",
        ]

    def test_golden(self, doc: Document) -> None:
        """The whole text, reviewed against the rendered pages; rewrite with
        KH_TTHC_UPDATE_GOLDEN=1 after a deliberate change and review the diff."""
        text = "\n".join(lines(doc)) + "\n"
        if os.environ.get("KH_TTHC_UPDATE_GOLDEN") == "1":
            GOLDEN.write_text(text, encoding="utf-8")
            pytest.skip(f"rewrote {GOLDEN}")
        assert text == GOLDEN.read_text(encoding="utf-8")


ZERO = re.compile(r"(?<![\d/.,])00(?![\d/.,])")
#: "1.234", "95,5", "1.234,5": dots between thousands, a comma before decimals.
VI_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")


class TestProse:
    def test_counts(self) -> None:
        assert [count(n) for n in (1, 9, 10, 1234)] == [
            "01 nhiệm vụ",
            "09 nhiệm vụ",
            "10 nhiệm vụ",
            "1.234 nhiệm vụ",
        ]

    def test_overdue_is_named_with_its_due_day(self) -> None:
        report = Report(
            plan=PLAN,
            period=Q4,
            progress=Progress(period=Q4, rows=(row("1.1", "a", ProgressStatus.IN_PROGRESS),)),
            as_of=date(2025, 11, 3),
        )
        ctx = report_context(report)
        text = " ".join(b["text"] for b in ctx["body"])
        # 1.1 is past its day (30/10), and 2.1's Quý III report was due 16/9 with no row.
        assert "02 nhiệm vụ quá hạn chưa hoàn thành" in text
        assert '- Nhiệm vụ 1.1 "Nhiệm vụ 1.1" (Phòng A, hạn 30/10/2025).' in text
        (task,) = [r for r in ctx["tasks"] if r["number"] == "1.1"]
        assert task["status"] == "Quá hạn (hạn 30/10/2025)"

    def test_nothing_to_report(self) -> None:
        """A window with no task: one plain sentence and no empty list of units."""
        report = Report(
            plan=evolve(PLAN, tasks=()),
            period=Q4,
            progress=Progress(period=Q4),
            as_of=date(2025, 12, 15),
        )
        assert general_paragraph(report) == (
            "Trong kỳ báo cáo, Kế hoạch không có nhiệm vụ phải thực hiện."
        )
        headings = [b["text"] for b in report_context(report)["body"] if b["kind"] != "text"]
        assert headings == [
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Tình hình chung",
            "2. Nhiệm vụ quá hạn, chưa báo cáo",
            "II. KHÓ KHĂN, VƯỚNG MẮC",
            "III. ĐỀ XUẤT, KIẾN NGHỊ",
        ]

    @settings(max_examples=30, deadline=None)
    @given(rows_for(SEED, SEED_PAIRS))
    def test_no_zero_count_is_written(self, rows: tuple[ProgressRow, ...]) -> None:
        """Whatever the rows, the figures never state a count of zero, and numbers and
        percentages use the Vietnamese decimal comma."""
        report = Report(
            plan=SEED, period=Q4, progress=Progress(period=Q4, rows=rows), as_of=date(2025, 12, 15)
        )
        results = report_sections(report)[0]
        texts = [p for sub in results.subsections for p in sub.paragraphs]
        for text in texts:
            if text.startswith("- Nhiệm vụ"):
                continue  # quotes a task's title
            assert not ZERO.search(text), text
            for figure in re.findall(r"(?:đạt|bằng) ([\d.,]+)|([\d.,]+%)", text):
                assert VI_NUMBER.fullmatch("".join(figure).rstrip("%,")), text


class TestTemplate:
    def test_committed_template_equals_a_fresh_build(self, tmp_path: Path) -> None:
        """bao-cao.docx is what tools/build_templates.py builds; run `make templates`."""
        load_builder().main(["--out", str(tmp_path)])
        fresh = parts(tmp_path / "bao-cao.docx")
        committed = parts(template_path("report"))
        assert sorted(fresh) == sorted(committed)
        assert [name for name in fresh if fresh[name] != committed[name]] == []

    def test_template_and_context_agree(self) -> None:
        ctx = report_context(seed_report())
        assert set(ctx) == REPORT_FIELDS
        tpl = DocxTemplate(template_path("report"))
        assert tpl.get_undeclared_template_variables(context=ctx) == set()
        assert DocxTemplate(template_path("report")).get_undeclared_template_variables() == (
            REPORT_FIELDS
        )

    def test_each_jinja_tag_sits_in_one_run(self) -> None:
        with zipfile.ZipFile(template_path("report")) as z:
            xml = z.read("word/document.xml").decode()
        for text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml):
            assert text.count("{{") == text.count("}}"), text
            assert text.count("{%") == text.count("%}"), text

    def test_restyled_copy(self, tmp_path: Path) -> None:
        """A copy of the report template can be passed back as template=."""
        copy = copy_template(tmp_path / "mine.docx", kind="report")
        out = render_report(seed_report(), tmp_path / "bc.docx", template=copy)
        assert "BÁO CÁO" in lines(docx.Document(str(out)))

    def test_plan_template_is_refused(self, tmp_path: Path) -> None:
        """The kế hoạch template has the same slots; a broken copy is refused, nothing written."""
        bad = tmp_path / "bad.docx"
        bad.write_text("not a docx")
        out = tmp_path / "bc.docx"
        out.write_bytes(b"previous")
        with pytest.raises(TemplateError):
            render_report(seed_report(), out, template=bad)
        assert out.read_bytes() == b"previous"


class TestCommand:
    def test_docx(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        out = tmp_path / "bao-cao.docx"
        code = main(["report", str(SEED_PLAN), str(SEED_DIR / "progress-2025-Q4.csv"),
                     "--period", "2025-Q4", "--as-of", "2025-12-15", "-o", str(out)])  # fmt: skip
        assert code == 0
        assert "BÁO CÁO" in lines(docx.Document(str(out)))
        assert capsys.readouterr().out.startswith(f"{out}: Quý IV/2025, 22 tasks, 40% done")

    def test_pdf_needs_docx(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code = main(["report", str(SEED_PLAN), str(SEED_DIR / "progress-2025-Q4.csv"),
                     "--period", "2025-Q4", "-o", str(tmp_path / "r.json"), "--pdf"])  # fmt: skip
        assert code == 2
        assert "--pdf needs a .docx output" in capsys.readouterr().err


class TestPdf:
    """LibreOffice lays the report out as expected (skips without it, unless
    KH_TTHC_REQUIRE_SOFFICE=1)."""

    @pytest.fixture(scope="class")
    @classmethod
    def pdf(cls, tmp_path_factory: pytest.TempPathFactory) -> Path:
        need("soffice", "pdftotext", "pdfinfo")
        folder = tmp_path_factory.mktemp("bc-pdf")
        source = render_report(seed_report(), folder / "bao-cao.docx")
        return docx_to_pdf(source, folder / "bao-cao.pdf")

    def test_portrait_body_then_landscape_results(self, pdf: Path) -> None:
        sizes = page_sizes(pdf)
        portrait = [w < h for w, h in sizes]
        first_landscape = portrait.index(False)
        assert first_landscape >= 2
        assert all(portrait[:first_landscape])
        assert not any(portrait[first_landscape:])

    def test_page_one_and_numbers(self, pdf: Path) -> None:
        text = norm(page_text(pdf, 1))
        for expected in (
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "/BC-SKHCN",
            "BÁO CÁO",
            "từ ngày 15/9/2025 đến ngày 14/12/2025",
            "Tỷ lệ hoàn thành đạt 40%",
        ):
            assert expected in text
        firsts = [page_text(pdf, n).split()[0] for n in range(1, len(page_sizes(pdf)) + 1)]
        assert firsts[0] == "UBND"
        assert firsts[1] == "2"

    def test_every_task_in_the_results(self, pdf: Path) -> None:
        text = " ".join(
            norm(page_text(pdf, n)) for n, (w, h) in enumerate(page_sizes(pdf), start=1) if w > h
        )
        assert "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV NĂM 2025" in text
        for number in ("2.3.3", "2.6.1", "3.7"):
            assert f" {number} " in f" {text} "
