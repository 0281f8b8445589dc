"""Page locations from the document's PDF: ``check_document(..., pdf=...)``,
``kh-tthc check --pdf`` and ``--pages``, and the text search behind them
(:mod:`kh_tthc.check.pages`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.check import Finding, check_document
from kh_tthc.check.pages import locate, page_texts
from kh_tthc.cli import main
from kh_tthc.errors import SourceUnreadable
from kh_tthc.soffice import convert_many
from tests.needs import need
from tests.test_check import _broken, _each_run, _find, rendered

__all__ = ["rendered"]  # the fixture the module-scoped ones below build on


def _heading(doc: docx.document.Document) -> docx.text.paragraph.Paragraph:
    return _find(doc, lambda t: t.startswith("I."))


@pytest.fixture(scope="module")
def documents(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of documents with their PDFs (made in one LibreOffice run): the kế hoạch with
    its first heading in Arial (``arial``), the same with that heading moved to a page of
    its own by a page break before it (``arial-page-2``), and the kế hoạch showing a page
    number on page 1 (``page-number-first``)."""
    need("soffice", "pdftotext")
    folder = tmp_path_factory.mktemp("pages")
    for name, moved in (("arial", False), ("arial-page-2", True)):
        doc = docx.Document(str(rendered["KH"]))
        heading = _heading(doc)
        _each_run(heading, font="Arial")
        heading.paragraph_format.page_break_before = moved
        doc.save(str(folder / f"{name}.docx"))
    _broken(rendered, "page-number-first", folder)
    sources = sorted(folder.glob("*.docx"))
    with convert_many(sources, "pdf", timeout=600) as produced:
        for source, pdf in produced.items():
            shutil.copyfile(pdf, source.with_suffix(".pdf"))
    return folder


def _only(findings: list[Finding], rule: str) -> Finding:
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, findings
    return found[0]


class TestCheckDocument:
    def test_finding_on_page_2_says_page_2(self, documents: Path, soffice: None) -> None:
        """A heading pushed to the top of page 2 by a page break is reported on page 2; the
        same heading without the break on page 1."""
        moved = documents / "arial-page-2.docx"
        finding = _only(check_document(moved, pdf=moved.with_suffix(".pdf")), "font-family")
        assert finding.page == 2
        assert str(finding).startswith("error [font-family] page 2, paragraph ")
        still = documents / "arial.docx"
        finding = _only(check_document(still, pdf=still.with_suffix(".pdf")), "font-family")
        assert finding.page == 1

    def test_same_findings_with_or_without_the_pdf(self, documents: Path, soffice: None) -> None:
        """The PDF adds pages, and changes nothing else."""
        path = documents / "arial-page-2.docx"
        without = check_document(path)
        with_pdf = check_document(path, pdf=path.with_suffix(".pdf"))
        assert [(f.rule, f.where, f.found) for f in with_pdf] == [
            (f.rule, f.where, f.found) for f in without
        ]
        assert all(f.page is None for f in without)
        assert "page" not in without[0].to_dict()

    def test_section_finding_is_on_its_first_page(self, documents: Path, soffice: None) -> None:
        """A finding about section 1 (a page number on page 1) is on page 1."""
        path = documents / "page-number-first.docx"
        finding = _only(check_document(path, pdf=path.with_suffix(".pdf")), "page-number-first")
        assert finding.page == 1

    def test_a_row_is_on_the_page_of_its_first_paragraph(
        self, documents: Path, soffice: None
    ) -> None:
        """A finding about a table row (not a paragraph) is on the page where the row's
        first paragraph is, one about a section on its first page: the header block's row
        on page 1, the appendix's row and section on the appendix's first page."""
        from kh_tthc.check.engine import _with_pages
        from kh_tthc.check.pages import page_texts

        path = documents / "arial.docx"
        pages = page_texts(path.with_suffix(".pdf"))
        places = ["table 1, row 1", "table 3, row 1", "section 2"]
        found = [Finding(rule="issuer", where=place, found="x") for place in places]
        placed = _with_pages(docx.Document(str(path)), found, pages)
        appendix = next(i for i, text in enumerate(pages, 1) if "Phụ lục" in text)
        assert [f.page for f in placed] == [1, appendix, appendix]
        assert appendix > 1

    def test_missing_or_bad_pdf(self, rendered: dict[str, Path], tmp_path: Path) -> None:
        """A PDF that is missing or is not a PDF is refused, naming the file."""
        need("pdftotext")
        path = rendered["KH"]
        with pytest.raises(SourceUnreadable, match=r"missing\.pdf: no such file"):
            check_document(path, pdf=tmp_path / "missing.pdf")
        (tmp_path / "bad.pdf").write_text("not a PDF", encoding="utf-8")
        with pytest.raises(SourceUnreadable, match=r"bad\.pdf: not a PDF"):
            check_document(path, pdf=tmp_path / "bad.pdf")


class TestCommand:
    def test_text_and_json_show_the_page(
        self, documents: Path, capsys: pytest.CaptureFixture[str], soffice: None
    ) -> None:
        """``--pdf`` puts the page before the place, in the text and as a JSON field."""
        path = documents / "arial-page-2.docx"
        pdf = str(path.with_suffix(".pdf"))
        assert main(["check", str(path), "--pdf", pdf]) == 1
        out = capsys.readouterr().out
        assert re.search(r"error \[font-family\] page 2, paragraph \d+: 'Arial'", out), out
        assert main(["check", str(path), "--pdf", pdf, "--format", "json"]) == 1
        records = json.loads(capsys.readouterr().out)
        assert [r["page"] for r in records if r["rule"] == "font-family"] == [2]

    def test_pages_makes_the_pdf(
        self, documents: Path, capsys: pytest.CaptureFixture[str], soffice: None
    ) -> None:
        """``--pages`` makes the PDF with LibreOffice, leaving nothing beside the document."""
        path = documents / "arial-page-2.docx"
        before = sorted(documents.iterdir())
        assert main(["check", str(path), "--pages"]) == 1
        assert "[font-family] page 2, paragraph " in capsys.readouterr().out
        assert sorted(documents.iterdir()) == before

    def test_usage_errors(
        self, rendered: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing PDF exits 2 with one line; --pdf and --pages together are refused."""
        path = str(rendered["KH"])
        assert main(["check", path, "--pdf", str(tmp_path / "none.pdf")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "none.pdf: no such file" in err
        assert main(["check", path, "--pdf", str(tmp_path / "x.pdf"), "--pages"]) == 2

    def test_no_libreoffice_or_pdftotext(
        self,
        rendered: dict[str, Path],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Without LibreOffice, ``--pages`` exits 2 saying so; without pdftotext, so does
        ``--pdf``, naming the package to install."""
        path = str(rendered["KH"])
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(tmp_path / "no-soffice"))
        assert main(["check", path, "--kind", "CV", "--pages"]) == 2
        assert "LibreOffice not found" in capsys.readouterr().err
        (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4\n")
        monkeypatch.setenv("PATH", str(tmp_path))
        assert main(["check", path, "--pdf", str(tmp_path / "d.pdf")]) == 2
        assert "poppler-utils" in capsys.readouterr().err

    def test_pages_runs_libreoffice_only_when_needed(
        self,
        rendered: dict[str, Path],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """``--pages`` on a document without findings, or on a file that is not a Word
        document, does not need LibreOffice: it is never started."""
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(tmp_path / "no-soffice"))
        assert main(["check", str(rendered["KH"]), "--pages"]) == 0
        (tmp_path / "x.docx").write_text("not a docx", encoding="utf-8")
        assert main(["check", str(tmp_path / "x.docx"), "--pages"]) == 2
        err = capsys.readouterr().err
        assert "x.docx" in err
        assert "LibreOffice" not in err


class TestHostilePdf:
    """What a hostile PDF makes ``pdftotext`` do (run for ever, write without end) is played
    by a stand-in script named pdftotext on the PATH: no real PDF does it on demand."""

    def _stand_in(self, folder: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
        need("sh")
        tool = folder / "pdftotext"
        tool.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
        tool.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
        pdf = folder / "d.pdf"
        pdf.write_bytes(b"%PDF-1.4\n")
        return pdf

    def test_endless_text_is_cut_at_the_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Text past MAX_TEXT_BYTES is refused, and pdftotext is stopped."""
        pdf = self._stand_in(tmp_path, monkeypatch, "exec yes 'Độc lập - Tự do - Hạnh phúc'")
        with pytest.raises(SourceUnreadable, match="MiB limit"):
            page_texts(pdf)

    def test_a_stuck_pdftotext_is_stopped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pdftotext that never ends is stopped after ``timeout`` seconds."""
        pdf = self._stand_in(tmp_path, monkeypatch, "exec sleep 60")
        with pytest.raises(SourceUnreadable, match=r"longer than 0\.5 s"):
            page_texts(pdf, timeout=0.5)

    def test_the_last_warning_is_the_reason(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failing pdftotext's last line on stderr says why, however much it wrote."""
        script = "yes 'Syntax Error: junk' | head -n 100000 >&2; echo 'I/O Error: gone' >&2; exit 1"
        pdf = self._stand_in(tmp_path, monkeypatch, script)
        with pytest.raises(SourceUnreadable, match=r"not a PDF \(I/O Error: gone\)$"):
            page_texts(pdf)

    def test_pages_split_at_form_feeds(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Pages are what pdftotext separates with a form feed, the last one with or
        without one after it; the two readings of a page are joined."""
        script = """case "$1" in -layout) printf 'một\\fhai\\f' ;; *) printf 'một\\fhai' ;; esac"""
        pdf = self._stand_in(tmp_path, monkeypatch, script)
        assert page_texts(pdf) == ("một\nmột", "hai\nhai")

    def test_readings_that_disagree_are_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two readings with different page counts are not matched up page by page."""
        script = """case "$1" in -layout) printf 'a\\fb\\f' ;; *) printf 'a\\f' ;; esac"""
        pdf = self._stand_in(tmp_path, monkeypatch, script)
        with pytest.raises(SourceUnreadable, match="different number of pages"):
            page_texts(pdf)

    def test_a_pdftotext_that_cannot_start(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pdftotext that cannot be started is reported, not a traceback."""
        pdf = self._stand_in(tmp_path, monkeypatch, "")
        (tmp_path / "pdftotext").write_text("#!/no/such/shell\n", encoding="utf-8")
        with pytest.raises(SourceUnreadable, match="pdftotext could not start"):
            page_texts(pdf)

    def test_a_pdf_without_pages_gives_no_page(
        self, rendered: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A PDF with no text pages leaves every finding without a page."""
        pdf = self._stand_in(tmp_path, monkeypatch, "exit 0")
        findings = check_document(rendered["KH"], kind="CV", pdf=pdf)
        assert findings
        assert all(f.page is None for f in findings)


# -- the search itself ------------------------------------------------------------------

_WORD = st.text(alphabet="abcdeghiklmnoprstuvxyĐđăâêôơư", min_size=1, max_size=6)


@given(
    layout=st.lists(st.lists(st.integers(1, 6), min_size=1, max_size=5), min_size=1, max_size=5),
    spaces=st.sampled_from([" ", "  ", "\n", " \n   "]),
)
def test_unique_paragraphs_are_found_on_their_page(layout: list[list[int]], spaces: str) -> None:
    """Paragraphs of words used nowhere else are found on the page they were laid out on,
    whatever the spaces and line ends the PDF put between their words."""
    pages: list[str] = []
    texts: list[str] = []
    expected: list[int] = []
    n = 0
    for page, lengths in enumerate(layout, 1):
        lines = []
        for length in lengths:
            words = [f"w{n + i}" for i in range(length)]
            n += length
            texts.append(" ".join(words))
            lines.append(spaces.join(words))
            expected.append(page)
        pages.append("\n".join(lines))
    assert locate(pages, texts) == expected


@given(pages=st.lists(st.text(), max_size=4), texts=st.lists(st.text(), max_size=8))
def test_any_text_is_located_in_range_or_not_at_all(pages: list[str], texts: list[str]) -> None:
    """Whatever the texts, each gets a page of the PDF or None, and no exception."""
    found = locate(pages, texts)
    assert len(found) == len(texts)
    assert all(p is None or 1 <= p <= len(pages) for p in found)


@given(words=st.lists(_WORD, min_size=1, max_size=20))
def test_a_repeated_text_is_given_the_page_of_its_place(words: list[str]) -> None:
    """The same paragraph on pages 1 and 3, after a paragraph found on page 3, is given
    page 3."""
    text = " ".join(words)
    marker = "Phần thứ ba của văn bản"
    pages = [text, "trang hai", f"{marker}\n{text}"]
    assert locate(pages, [marker, text]) == [3, 3]


def test_page_texts_reads_each_page(documents: Path, soffice: None) -> None:
    """The PDF's text comes page by page: page 2 shows its number in the top margin, then
    the heading moved there."""
    pages = page_texts(documents / "arial-page-2.pdf")
    assert "I. MỤC ĐÍCH" not in pages[0]
    assert pages[1].split()[:4] == ["2", "I.", "MỤC", "ĐÍCH,"]
