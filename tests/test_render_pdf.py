"""The seed plan as LibreOffice lays it out: pages, page numbers, text, the header rules.

One conversion per session (`kh-tthc render --pdf`, which also covers the command's PDF
path). Without LibreOffice or poppler these tests skip, unless KH_TTHC_REQUIRE_SOFFICE=1
(as CI sets it), where a missing tool is a failure.
"""

from __future__ import annotations

import os
import stat
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from kh_tthc import LibreOfficeNotFound, PdfConversionError, docx_to_pdf, load_plan
from kh_tthc.cli import main
from tests.conftest import SEED_PLAN
from tests.needs import need


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed plan rendered with `kh-tthc render --pdf`: (docx, pdf)."""
    need("soffice", "pdftotext", "pdfinfo", "pdftoppm")
    out = tmp_path_factory.mktemp("pdf") / "ke-hoach.docx"
    assert main(["render", str(SEED_PLAN), "-o", str(out), "--pdf"]) == 0
    return out, out.with_suffix(".pdf")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", "999", str(pdf))
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


def page_text(
    pdf: Path, page: int, *, crop: tuple[float, float, float, float] | None = None
) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page)]
    if crop is not None:
        x, y, w, h = (str(round(v)) for v in crop)
        args += ["-x", x, "-y", y, "-W", w, "-H", h]
    return run(*args, str(pdf), "-")


def norm(text: str) -> str:
    return " ".join(text.split())


class TestPages:
    def test_portrait_body_then_landscape_appendix(self, seed_pdf: tuple[Path, Path]) -> None:
        """Two A4 portrait pages of body, then the appendix on four A4 landscape pages, as
        long as the seed's own appendix."""
        sizes = page_sizes(seed_pdf[1])
        portrait = [w < h for w, h in sizes]
        assert portrait == [True, True, False, False, False, False]
        for w, h in sizes:
            assert sorted((round(w * 25.4 / 72), round(h * 25.4 / 72))) == [210, 297]

    def test_page_numbers(self, seed_pdf: tuple[Path, Path]) -> None:
        """No number on page 1; "2" on page 2; the appendix counts again from 1 and, like
        page 1, starts with its heading rather than a number."""
        pdf = seed_pdf[1]
        firsts = [page_text(pdf, n).split()[0] for n in range(1, len(page_sizes(pdf)) + 1)]
        assert firsts[0] == "UBND"
        assert firsts[1:] == ["2", "Phụ", "2", "3", "4"]

    def test_header_row_on_every_appendix_page(self, seed_pdf: tuple[Path, Path]) -> None:
        """The table's header row repeats at the top of each landscape page."""
        pdf = seed_pdf[1]
        for n, (w, h) in enumerate(page_sizes(pdf), start=1):
            if w > h:
                text = norm(page_text(pdf, n))
                assert "STT" in text
                assert "Nội dung công việc" in text
                assert "Thời gian hoàn thành" in text


class TestText:
    def test_page_one_header_and_title(self, seed_pdf: tuple[Path, Path]) -> None:
        """The header block and the title read as in the seed document."""
        text = norm(page_text(seed_pdf[1], 1))
        plan = load_plan(SEED_PLAN)
        for expected in (
            "UBND TỈNH THÁI NGUYÊN",
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thái Nguyên, ngày tháng 8 năm 2025",
            "KẾ HOẠCH",
            plan.title,
            "I. MỤC ĐÍCH, YÊU CẦU",
        ):
            assert norm(expected) in text

    def test_body_and_signature(self, seed_pdf: tuple[Path, Path]) -> None:
        """Every body paragraph, then the recipients and the signer, on the portrait pages."""
        plan = load_plan(SEED_PLAN)
        text = norm(page_text(seed_pdf[1], 1) + " " + page_text(seed_pdf[1], 2))
        paragraphs = [*plan.preamble, *plan.closing]
        for section in plan.sections:
            paragraphs += section.paragraphs
            paragraphs += [p for sub in section.subsections for p in sub.paragraphs]
        for paragraph in paragraphs:
            assert norm(paragraph) in text
        for expected in (
            "Nơi nhận:",
            "- Lưu: VT, VP.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Nguyễn Thị Thuỷ",
        ):
            assert expected in text

    def test_every_task_title_in_the_table(self, seed_pdf: tuple[Path, Path]) -> None:
        """Cropped to the "Nội dung công việc" column, the pages hold every task title."""
        docx_path, pdf = seed_pdf
        d = docx.Document(str(docx_path))
        appendix = d.sections[1]
        grid = d.tables[-1]._tbl.find(qn("w:tblGrid"))
        widths = [int(c.get(qn("w:w"))) / 20 for c in grid]  # points
        left = appendix.left_margin.pt + widths[0]
        column = ""
        for n, (w, h) in enumerate(page_sizes(pdf), start=1):
            if w > h:
                column += " " + page_text(pdf, n, crop=(left + 1, 0, widths[1] - 2, h))
        column = norm(column)
        for task in load_plan(SEED_PLAN).tasks:
            assert task.title in column


# ---------------------------------------------------------------------------------------
# The rules under the issuer, the motto and the summary, measured on the rendered page


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def text_lines(pdf: Path, page: int, folder: Path) -> list[Box]:
    out = folder / "bbox.html"
    run("pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), str(out))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    lines = []
    for line in ET.parse(out).getroot().iterfind(".//h:line", ns):
        words = [w.text or "" for w in line.iterfind("h:word", ns)]
        box = [float(line.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
        lines.append(Box(*box, text=" ".join(words)))
    return lines


def horizontal_rules(pdf: Path, page: int, folder: Path, dpi: int = 144) -> list[Box]:
    """Dark horizontal runs at least 1 cm long, in points, from a greyscale render."""
    run(
        "pdftoppm",
        "-f",
        str(page),
        "-l",
        str(page),
        "-r",
        str(dpi),
        "-gray",
        str(pdf),
        str(folder / "p"),
    )
    (image,) = folder.glob("p*.pgm")
    data = image.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][: width * height]
    scale = 72 / dpi
    rules = []
    min_run = int(dpi / 2.54)
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        x = 0
        while x < width:
            if row[x] < 128:
                start = x
                while x < width and row[x] < 128:
                    x += 1
                if x - start >= min_run:
                    rules.append(Box(start * scale, y * scale, x * scale, (y + 1) * scale))
            x += 1
    merged: list[Box] = []
    for r in rules:  # a line 1–2 pixels thick is one rule
        if merged and abs(merged[-1].x0 - r.x0) < 1 and abs(merged[-1].y1 - r.y0) < 1:
            merged[-1] = Box(merged[-1].x0, merged[-1].y0, max(merged[-1].x1, r.x1), r.y1)
        else:
            merged.append(r)
    return merged


def rule_below(rules: list[Box], text: Box) -> Box:
    hits = [
        r for r in rules if text.y1 - 2 < r.y0 < text.y1 + 12 and r.x0 < text.x1 and r.x1 > text.x0
    ]
    assert len(hits) == 1, f"rules under {text.text!r}: {hits}"
    return hits[0]


@pytest.fixture(scope="module")
def page_one(
    seed_pdf: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Box], list[Box]]:
    folder = tmp_path_factory.mktemp("page1")
    return text_lines(seed_pdf[1], 1, folder), horizontal_rules(seed_pdf[1], 1, folder)


class TestRules:
    def test_issuer_rule_is_a_third_to_a_half_of_the_issuer(
        self, page_one: tuple[list[Box], list[Box]]
    ) -> None:
        """Phụ lục I, mục II.2: 1/3–1/2 of the issuer's length, centred under it."""
        lines, rules = page_one
        (issuer,) = [line for line in lines if line.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
        rule = rule_below(rules, issuer)
        assert 1 / 3 <= rule.width / issuer.width <= 1 / 2
        assert rule.centre == pytest.approx(issuer.centre, abs=2)

    def test_motto_rule_is_as_long_as_the_motto(
        self, page_one: tuple[list[Box], list[Box]]
    ) -> None:
        """Phụ lục I, mục II.1: a solid line under the motto, as long as it."""
        lines, rules = page_one
        (motto,) = [line for line in lines if line.text == "Độc lập - Tự do - Hạnh phúc"]
        rule = rule_below(rules, motto)
        assert rule.width == pytest.approx(motto.width, rel=0.05)
        assert rule.centre == pytest.approx(motto.centre, abs=2)

    def test_summary_rule_is_a_third_to_a_half_of_its_lines(
        self, page_one: tuple[list[Box], list[Box]]
    ) -> None:
        """Phụ lục I, mục II.5: under the summary, 1/3–1/2 of its (longest) line."""
        lines, rules = page_one
        (heading,) = [line for line in lines if line.text == "KẾ HOẠCH"]
        below = sorted((r for r in rules if r.y0 > heading.y1), key=lambda r: r.y0)
        rule = below[0]
        summary = [line for line in lines if heading.y1 <= line.y0 and line.y1 <= rule.y0 + 1]
        assert len(summary) >= 2
        widest = max(line.width for line in summary)
        assert 1 / 3 <= rule.width / widest <= 1 / 2
        assert rule.centre == pytest.approx(heading.centre, abs=2)


# ---------------------------------------------------------------------------------------
# docx_to_pdf without a working LibreOffice


def fake_soffice(folder: Path, script: str) -> Path:
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def some_docx(tmp_path: Path) -> Path:
    path = tmp_path / "a.docx"
    path.write_bytes(b"not really a docx; the fake converters never read it")
    return path


class TestConversionErrors:
    def test_not_installed(self, tmp_path: Path, some_docx: Path) -> None:
        """A missing LibreOffice is LibreOfficeNotFound, saying how to install it."""
        with pytest.raises(LibreOfficeNotFound, match="apt-get install"):
            docx_to_pdf(some_docx, tmp_path / "a.pdf", soffice=tmp_path / "nowhere" / "soffice")

    @pytest.mark.skipif(os.name != "posix", reason="the fake converter is a shell script")
    def test_failure_keeps_the_previous_pdf(self, tmp_path: Path, some_docx: Path) -> None:
        """LibreOffice failing is PdfConversionError; the old PDF stays, no stray file."""
        pdf = tmp_path / "a.pdf"
        pdf.write_bytes(b"old")
        soffice = fake_soffice(
            tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1"
        )
        with pytest.raises(PdfConversionError, match="could not be loaded"):
            docx_to_pdf(some_docx, pdf, soffice=soffice)
        assert pdf.read_bytes() == b"old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.pdf", "soffice"]

    @pytest.mark.skipif(os.name != "posix", reason="the fake converter is a shell script")
    def test_no_output_is_an_error(self, tmp_path: Path, some_docx: Path) -> None:
        """A converter that exits 0 without writing a PDF is an error, not success."""
        with pytest.raises(PdfConversionError, match="no PDF"):
            docx_to_pdf(some_docx, tmp_path / "a.pdf", soffice=fake_soffice(tmp_path, "exit 0"))
        assert not (tmp_path / "a.pdf").exists()

    @pytest.mark.skipif(os.name != "posix", reason="the fake converter is a shell script")
    def test_hanging_converter_is_stopped(self, tmp_path: Path, some_docx: Path) -> None:
        """A converter that hangs is stopped at the timeout, with its children."""
        soffice = fake_soffice(tmp_path, "sleep 30 & wait")
        with pytest.raises(PdfConversionError, match="longer than"):
            docx_to_pdf(some_docx, tmp_path / "a.pdf", soffice=soffice, timeout=0.5)
