"""A Word plan typed in TCVN3 (.VnTime fonts), as offices did before Unicode.

The texts are the seed plan's (``shared/seed``, the Thái Nguyên appendix, as transcribed in
``tests/fixtures_docx.py``); only their encoding is synthetic: each is stored in the
TCVN3 codes a ".VnTime" typist's file holds, with the document's default font set to
".VnTime" and the capitals in ".VnTimeH" runs, the way Word keeps such a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kh_tthc.importing.legacy_fonts import LegacyEncoding, encode_legacy
from tests.built_once import built_once
from tests.fixtures_docx import SEED_HEADER, SEED_ROWS, SEED_TITLE

__all__ = ["TCVN3_PARAGRAPHS", "tcvn3_docx", "tcvn3_rows"]

#: Paragraphs above the table: (Unicode text, font); capitals in the capitals font.
TCVN3_PARAGRAPHS: tuple[tuple[str, str], ...] = (
    ("UBND TỈNH THÁI NGUYÊN", ".VnTimeH"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", ".VnTimeH"),
    ("Số: /KH-SKHCN", ".VnTime"),
    ("Thái Nguyên, ngày    tháng 8 năm 2025", ".VnTime"),
    ("KẾ HOẠCH", ".VnTimeH"),
    (SEED_TITLE, ".VnTime"),
)


def tcvn3_rows(count: int = 8) -> list[tuple[str, ...]]:
    """The header and the first ``count`` rows of the seed appendix, in Unicode."""
    return [SEED_HEADER, *(row[:5] for row in SEED_ROWS[:count])]


def _set_font(run: object, font: str) -> None:
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), font)


def _encoded(text: str, font: str) -> str:
    caps = font.endswith("H")
    return encode_legacy(text, LegacyEncoding.TCVN3_CAPITALS if caps else LegacyEncoding.TCVN3)


@built_once({})
def tcvn3_docx(path: Path, rows: Sequence[Sequence[str]] | None = None) -> Path:
    """The document: the header paragraphs, then the table; header row in ".VnTimeH"."""
    rows = tcvn3_rows() if rows is None else rows
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = ".VnTime"  # the default font: runs below carry no font of their own
    for text, font in TCVN3_PARAGRAPHS:
        run = document.add_paragraph().add_run(_encoded(text, font))
        if font != ".VnTime":
            _set_font(run, font)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            for i, line in enumerate(text.split("\n")):
                if i:
                    paragraph = table.cell(r, c).add_paragraph()
                font = ".VnTimeH" if r == 0 else ".VnTime"
                run = paragraph.add_run(_encoded(line.upper() if r == 0 else line, font))
                if font != ".VnTime":
                    _set_font(run, font)
    document.add_paragraph()
    document.save(str(path))
    return path
