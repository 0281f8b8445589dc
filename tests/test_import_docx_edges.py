"""The Word reader's refusals, each with its file and exact message, the symbol-font
characters at the edges of the ranges it keeps, and a table continued without its header.

The task rows are illustrative (in the style of a Sở's plan), not an agency's.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from kh_tthc import (
    EncryptedSource,
    LegacyWordFormat,
    SourceRejected,
    UnsafeSource,
    import_docx,
)
from kh_tthc.importing import docx as docx_import
from tests.fixtures_docx import C, add_table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ADVICE = "open it in Word or LibreOffice, save it as .docx and import that"


def _cfb(*streams: str) -> bytes:
    """Bytes with an OLE compound file's signature and the given stream names."""
    names = b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names + b"\x00" * 1024


class TestCompoundFiles:
    def test_password_protected(self, tmp_path: Path) -> None:
        path = tmp_path / "p.docx"
        path.write_bytes(_cfb("EncryptionInfo", "EncryptedPackage"))
        with pytest.raises(EncryptedSource) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == (
            "is password-protected; open it in Word, remove the password (File > Info > "
            "Protect Document) and save it, then import it again"
        )

    def test_not_a_word_document(self, tmp_path: Path) -> None:
        path = tmp_path / "x.doc"
        path.write_bytes(_cfb("Workbook"))
        with pytest.raises(SourceRejected) as info:
            import_docx(path)
        assert type(info.value) is SourceRejected
        assert info.value.path == path
        assert info.value.problem.message == "is an Office compound file but not a Word document"

    def test_old_doc_without_libreoffice(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Said exactly, and nothing is left behind in the working folder (the .doc is
        copied into a temporary folder for LibreOffice)."""
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(tmp_path / "no-soffice"))
        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)
        path = tmp_path / "old.doc"
        path.write_bytes(_cfb("WordDocument", "1Table"))
        with pytest.raises(LegacyWordFormat) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == (
            "is an old Word 97-2003 .doc file and LibreOffice (soffice) is not installed "
            f"to convert it; {ADVICE}"
        )
        assert os.listdir(work) == []

    def test_old_doc_converter_writes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A converter that exits without writing a file (here the system's `true`,
        standing for a LibreOffice that gives up silently) is said with its reason."""
        true = shutil.which("true")
        if true is None:
            pytest.skip("no `true` program")
        monkeypatch.setenv("KH_TTHC_SOFFICE", true)
        path = tmp_path / "old.doc"
        path.write_bytes(_cfb("WordDocument", "1Table"))
        with pytest.raises(LegacyWordFormat) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == (
            "is an old Word 97-2003 .doc file that LibreOffice could not convert "
            f"(no output); it may be password-protected or damaged; {ADVICE}"
        )

    def test_old_doc_conversion_is_timed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """LibreOffice is given CONVERT_TIMEOUT seconds, then stopped and the reason
        said (here a converter that sleeps, given a hundredth of a second)."""
        script = tmp_path / "soffice"
        script.write_text("#!/bin/sh\nexec sleep 2\n", encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(script))
        monkeypatch.setattr(docx_import, "CONVERT_TIMEOUT", 0.01)
        path = tmp_path / "old.doc"
        path.write_bytes(_cfb("WordDocument", "1Table"))
        with pytest.raises(LegacyWordFormat) as info:
            import_docx(path)
        assert info.value.problem.message == (
            "is an old Word 97-2003 .doc file that LibreOffice could not convert "
            f"(took longer than 0.01 s); it may be password-protected or damaged; {ADVICE}"
        )


class TestFileRefused:
    def test_doctype_names_the_file(self, tmp_path: Path) -> None:
        """The package checks run on the file named: their refusal names it."""
        path = tmp_path / "dtd.docx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(
                "word/document.xml",
                '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "y">]><w:document/>',
            )
        with pytest.raises(UnsafeSource) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == (
            "part word/document.xml declares a DOCTYPE or entities, which office suites "
            "never write; refused so that no external entity is read"
        )

    def test_empty(self, tmp_path: Path) -> None:
        path = tmp_path / "e.docx"
        path.write_bytes(b"")
        with pytest.raises(SourceRejected) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == "is empty"

    def test_too_large_names_a_docx_file(self, tmp_path: Path) -> None:
        """Refused by its size before it is read (a sparse file: nothing is written)."""
        path = tmp_path / "big.docx"
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024 + 1)
        with pytest.raises(UnsafeSource) as info:
            import_docx(path)
        assert info.value.path == path
        assert info.value.problem.message == (
            "is larger than kh-tthc accepts for a .docx file (at most 50 MiB)"
        )


def _sym(char: str | None) -> str:
    attr = "" if char is None else f' w:char="{char}"'
    element = etree.fromstring(f'<w:sym xmlns:w="{W_NS}" w:font="Wingdings"{attr}/>')
    return docx_import._symbol(element)


class TestSymbols:
    """What a ``w:sym`` reads as (ECMA-376 Part 1, 17.3.3.30: w:char is a hexadecimal
    code): symbol-font codes U+F000-U+F0FF without a known meaning, controls, surrogates
    and codes past Unicode read as "□"; other codes as the character."""

    @pytest.mark.parametrize(
        ("char", "shown"),
        [
            (None, "□"),
            ("zz", "□"),
            ("F0FC", "✓"),
            ("F000", "□"),
            ("F0FF", "□"),
            ("F100", "\uf100"),
            ("EFFF", "\uefff"),
            ("0001", "□"),
            ("001F", "□"),
            ("0020", " "),
            ("0041", "A"),
            ("D7FF", "\ud7ff"),
            ("D800", "□"),
            ("D801", "□"),
            ("DFFF", "□"),
            ("E000", "\ue000"),
            ("10FFFF", "\U0010ffff"),
            ("110000", "□"),
        ],
    )
    def test_code(self, char: str | None, shown: str) -> None:
        assert _sym(char) == shown


HEADER = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành")


class TestContinuation:
    def test_continued_table_with_a_merged_cell(self, tmp_path: Path) -> None:
        """A headerless table as wide as the task table, its last two columns merged, is
        read as the continuation: its width counts the merged cell's span."""
        document = docx.Document()
        add_table(document, [HEADER, ("1", "Việc một", "Sở Y tế", "Năm 2025")])
        document.add_paragraph()
        add_table(document, [("2", "Việc hai", C("Sở Tư pháp", span=2))], repeat_header=False)
        document.save(str(tmp_path / "c.docx"))
        result = import_docx(tmp_path / "c.docx", year=2025)
        assert [t.title for t in result.plan.tasks] == ["Việc một", "Việc hai"]
        assert [w.where for w in result.warnings if "continuation" in w.message] == ["table 2"]

    def test_table_of_empty_rows_after_the_task_table(self, tmp_path: Path) -> None:
        """A table whose rows have no cells (width 0) is not a continuation, and not an
        error."""
        document = docx.Document()
        add_table(document, [HEADER, ("1", "Việc một", "Sở Y tế", "Năm 2025")])
        document.add_paragraph()
        empty = document.add_table(rows=2, cols=1)
        for tr in empty._tbl.findall(f"{{{W_NS}}}tr"):
            for tc in tr.findall(f"{{{W_NS}}}tc"):
                tr.remove(tc)
        document.save(str(tmp_path / "e.docx"))
        result = import_docx(tmp_path / "e.docx", year=2025)
        assert [t.title for t in result.plan.tasks] == ["Việc một"]
        assert not [w for w in result.warnings if "continuation" in w.message]


def test_another_kind_of_office_file(tmp_path: Path) -> None:
    """A package whose main part is a spreadsheet's: said in the user's words."""
    source = tmp_path / "w.docx"
    docx.Document().save(str(source))
    with zipfile.ZipFile(source) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    path = tmp_path / "s.docx"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(SourceRejected) as info:
        import_docx(path)
    assert info.value.path == path
    assert info.value.problem.message == (
        "cannot be read as a Word document (it is another kind of Office file)"
    )


def test_bold_from_the_paragraph_style(tmp_path: Path) -> None:
    """A row without a number whose paragraph style is bold (not its runs) is a group;
    the rows under it are its tasks."""
    document = docx.Document()
    style = document.styles.add_style("Nhom", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    table = document.add_table(rows=4, cols=3)
    rows = [
        HEADER[:3],
        ("", "Nhóm việc A", ""),
        ("1", "Việc một", "Sở Y tế"),
        ("2", "Việc hai", "Sở Y tế"),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text)
    table.cell(1, 1).paragraphs[0].style = style
    document.save(str(tmp_path / "b.docx"))
    plan = import_docx(tmp_path / "b.docx", year=2025).plan
    assert [(t.title, t.group) for t in plan.tasks] == [
        ("Nhóm việc A", True),
        ("Việc một", False),
        ("Việc hai", False),
    ]


def test_legacy_font_without_letters_to_convert_is_not_warned(tmp_path: Path) -> None:
    """Runs in .VnTime whose text is plain ASCII read the same in any font: nothing was
    converted, so no warning names the font."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(HEADER[:3]):
        table.cell(0, c).paragraphs[0].add_run(text)
    for c, text in enumerate(("1", "Kiem tra ISO 9001", "VP")):
        table.cell(1, c).paragraphs[0].add_run(text).font.name = ".VnTime"
    document.save(str(tmp_path / "a.docx"))
    result = import_docx(tmp_path / "a.docx", year=2025)
    assert [t.title for t in result.plan.tasks] == ["Kiem tra ISO 9001"]
    assert not [w for w in result.warnings if "legacy fonts" in w.message]


def _styled_rows_docx(path: Path, style_of: Callable[[Any], Any]) -> Path:
    """Header, an unnumbered row in the style ``style_of(document)`` gives, two tasks."""
    document = docx.Document()
    style = style_of(document)
    table = document.add_table(rows=4, cols=3)
    rows = [
        HEADER[:3],
        ("", "Nhóm việc A", ""),
        ("1", "Việc một", "Sở Y tế"),
        ("2", "Việc hai", "Sở Y tế"),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text)
    table.cell(1, 1).paragraphs[0].style = style
    document.save(str(path))
    return path


GROUPED = [("Nhóm việc A", True), ("Việc một", False), ("Việc hai", False)]


def test_bold_inherited_from_the_base_style(tmp_path: Path) -> None:
    """A style based on a bold style is bold (ECMA-376 Part 1, 17.7.4.3 basedOn)."""

    def style(document: Any) -> Any:
        bold = document.styles.add_style("NhomGoc", WD_STYLE_TYPE.PARAGRAPH)
        bold.font.bold = True
        child = document.styles.add_style("NhomCon", WD_STYLE_TYPE.PARAGRAPH)
        child.base_style = bold
        return child

    plan = import_docx(_styled_rows_docx(tmp_path / "b.docx", style), year=2025).plan
    assert [(t.title, t.group) for t in plan.tasks] == GROUPED


def test_styles_based_on_each_other(tmp_path: Path) -> None:
    """Two styles based on each other (a damaged file), neither bold: the chain is
    followed once round, not for ever, and the row is not bold."""

    def style(document: Any) -> Any:
        a = document.styles.add_style("VongA", WD_STYLE_TYPE.PARAGRAPH)
        b = document.styles.add_style("VongB", WD_STYLE_TYPE.PARAGRAPH)
        a.base_style = b
        b.base_style = a
        return a

    plan = import_docx(_styled_rows_docx(tmp_path / "c.docx", style), year=2025).plan
    assert [(t.title, t.group) for t in plan.tasks] == [
        ("Nhóm việc A", False),
        ("Việc một", False),
        ("Việc hai", False),
    ]
