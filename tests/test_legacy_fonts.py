"""Text typed in TCVN3 (.VnTime) and VNI fonts reads as Unicode."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.errors import Severity
from kh_tthc.importing.legacy_fonts import (
    TCVN3_CAPITALS,
    TCVN3_FAMILIES,
    LegacyEncoding,
    conversion_warning,
    decode_legacy,
    decode_runs,
    encode_legacy,
    legacy_encoding,
    run_font,
    style_fonts,
)
from tests.fixtures_legacy import TCVN3_PARAGRAPHS, tcvn3_docx, tcvn3_rows

#: Every Vietnamese letter, lower case (the 67 with marks, and the plain vowels and d).
LOWER = "".join(
    sorted(
        {
            unicodedata.normalize("NFC", base + mark)
            for base in "aăâeêioôơuưy"
            for mark in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
        }
        | {"đ"}
    )
)
UPPER = LOWER.upper()

# The VNI table of xvnkb (Đào Hải Lâm, VISC, 2002), file vni.h of the public repository
# lamdao/xvnkb, read through the project's reference search: each letter family in the
# order plain, sắc, huyền, hỏi, ngã, nặng, lower case. Transcribed here as a second,
# independent source for the table in kh_tthc.importing.legacy_fonts.
XVNKB_VNI = {
    "aáàảãạ": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "âấầẩẫậ": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ăắằẳẵặ": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "eéèẻẽẹ": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "êếềểễệ": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "oóòỏõọ": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ôốồổỗộ": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơớờởỡợ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "uúùủũụ": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ưứừửữự": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "iíìỉĩị": ("i", "í", "ì", "æ", "ó", "ò"),
    "yýỳỷỹỵ": ("y", "yù", "yø", "yû", "yõ", "î"),
    "đ": ("ñ",),
    "AÁÀẢÃẠ": ("A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ"),
    "ÂẤẦẨẪẬ": ("AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ"),
    "ĂẮẰẲẴẶ": ("AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË"),
    "EÉÈẺẼẸ": ("E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ"),
    "ÊẾỀỂỄỆ": ("EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ"),
    "OÓÒỎÕỌ": ("O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ"),
    "ÔỐỒỔỖỘ": ("OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ"),
    "ƠỚỜỞỠỢ": ("Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ"),
    "UÚÙỦŨỤ": ("U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ"),
    "ƯỨỪỬỮỰ": ("Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ"),
    "IÍÌỈĨỊ": ("I", "Í", "Ì", "Æ", "Ó", "Ò"),
    "YÝỲỶỸỴ": ("Y", "YÙ", "YØ", "YÛ", "YÕ", "Î"),
    "Đ": ("Ñ",),
}


def _iconv_tcvn(code: str) -> str:
    """The C library's TCVN 5712:1993 converter's reading of one Latin-1 code."""
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
        input=code.encode("latin-1"),
        capture_output=True,
        check=True,
    )
    return out.stdout.decode()


class TestFonts:
    @pytest.mark.parametrize(
        ("font", "expected"),
        [
            (".VnTime", LegacyEncoding.TCVN3),
            (".VnArial", LegacyEncoding.TCVN3),
            (".VnCentury Schoolbook", LegacyEncoding.TCVN3),
            (".VnTimeH", LegacyEncoding.TCVN3_CAPITALS),
            (".VnArialH", LegacyEncoding.TCVN3_CAPITALS),
            ("VNI-Times", LegacyEncoding.VNI),
            ("VNI-Helve", LegacyEncoding.VNI),
            ("Times New Roman", None),
            ("Arial", None),
            ("", None),
            (None, None),
        ],
    )
    def test_font_names(self, font: str | None, expected: LegacyEncoding | None) -> None:
        """The font's name says which legacy table, if any, its text is in."""
        assert legacy_encoding(font) is expected

    def test_unicode_font_left_alone(self) -> None:
        """Text in a Unicode font is not converted: the same codes are ordinary letters."""
        assert decode_legacy("Café ¸", "Times New Roman") is None


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
class TestTcvn3Table:
    @pytest.mark.parametrize(("letters", "codes"), TCVN3_FAMILIES, ids=lambda x: x[:1])
    def test_family_matches_the_c_library(self, letters: str, codes: str) -> None:
        """Each letter family's codes read as the C library's TCVN5712-1 reads them."""
        for letter, code in zip(letters, codes, strict=True):
            assert _iconv_tcvn(code) == letter
            assert decode_legacy(code, ".VnTime") == letter

    def test_capitals_match_the_c_library(self) -> None:
        """The seven capitals of VN3 are at 0xA1-0xA7."""
        for letter, code in zip(*TCVN3_CAPITALS, strict=True):
            assert _iconv_tcvn(code) == letter
            assert decode_legacy(code, ".VnArial") == letter

    def test_every_lower_case_letter_has_a_code(self) -> None:
        """VN3 covers all 74 lower-case Vietnamese letters and đ."""
        encoded = encode_legacy(LOWER, LegacyEncoding.TCVN3)
        assert all(ord(c) < 0x80 or 0xA0 < ord(c) < 0x100 for c in encoded)
        assert len(encoded) == len(LOWER)


class TestVniTable:
    @pytest.mark.parametrize(("letters", "codes"), XVNKB_VNI.items(), ids=lambda x: x[:1])
    def test_family_matches_xvnkb(self, letters: str, codes: tuple[str, ...]) -> None:
        """Each VNI letter family reads as the published xvnkb table writes it."""
        for letter, code in zip(letters, codes, strict=True):
            assert decode_legacy(code, "VNI-Times") == letter
            assert encode_legacy(letter, LegacyEncoding.VNI) == code


class TestRoundTrip:
    @given(st.text(alphabet=LOWER + "abcdeghiklmnopqrstuvxyz0123456789 ,.;:/-()ĂÂÊÔƠƯĐ"))
    def test_tcvn3(self, text: str) -> None:
        """Unicode → TCVN3 → Unicode gives the text back, for every letter VN3 holds."""
        assert decode_legacy(encode_legacy(text, LegacyEncoding.TCVN3), ".VnTime") == text

    @given(st.text(alphabet=UPPER + "ABCDEGHIKLMNOPQRSTUVXY0123456789 ,.;:/-()"))
    def test_tcvn3_capitals(self, text: str) -> None:
        """Capitals typed in a ".VnTimeH" font come back as the same capitals."""
        stored = encode_legacy(text, LegacyEncoding.TCVN3_CAPITALS)
        assert decode_legacy(stored, ".VnTimeH") == text

    @given(st.text(alphabet=LOWER + UPPER + "bcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 ,.;/-"))
    def test_vni(self, text: str) -> None:
        """Unicode → VNI → Unicode gives the text back, capitals and all."""
        assert decode_legacy(encode_legacy(text, LegacyEncoding.VNI), "VNI-Times") == text

    @given(st.text(), st.sampled_from([".VnTime", ".VnTimeH", "VNI-Times"]))
    def test_any_text_decodes_to_nfc(self, text: str, font: str) -> None:
        """Decoding never fails, and its result is NFC."""
        decoded = decode_legacy(text, font)
        assert decoded is not None
        assert decoded == unicodedata.normalize("NFC", decoded)


class TestWarning:
    def test_runs_name_the_fonts_converted(self) -> None:
        """Joining runs reports each legacy font once, Unicode fonts not at all."""
        runs = [("Sè: ", ".VnTime"), ("05/KH", "Arial"), ("kÕ ho¹ch", ".VnTimeH"), ("x", ".VnTime")]
        decoded = decode_runs(runs)
        assert decoded.text == "Số: 05/KHKẾ HOẠCHx"
        assert decoded.fonts == (".VnTime", ".VnTimeH")

    def test_plain_ascii_in_a_legacy_font_is_not_reported(self) -> None:
        """Digits typed in .VnTime are the same in Unicode: nothing was converted."""
        assert decode_runs([("05/KH-SKHCN", ".VnTime")]).fonts == ()

    def test_warning_names_fonts_and_place(self, tmp_path: Path) -> None:
        """The warning names the fonts, their encoding and where they were."""
        problem = conversion_warning(["VNI-Times"], where="table 1, row 3", path=tmp_path)
        assert problem.severity is Severity.WARNING
        assert "VNI-Times (VNI)" in problem.message
        assert problem.where == "table 1, row 3"


class TestDocx:
    def test_tcvn3_document_reads_as_unicode(self, tmp_path: Path) -> None:
        """Every paragraph and cell of a .VnTime document decodes to the seed's text."""
        path = tcvn3_docx(tmp_path / "tcvn3.docx")
        document = docx.Document(str(path))
        fonts = style_fonts(document.styles.element)
        default = fonts.get("Normal", fonts.get(None))
        assert default == ".VnTime"

        def text_of(paragraph: docx.text.paragraph.Paragraph) -> tuple[str, tuple[str, ...]]:
            runs = [(r.text, run_font(r._r, default)) for r in paragraph.runs]
            decoded = decode_runs(runs)
            return decoded.text, decoded.fonts

        paragraphs = [text_of(p) for p in document.paragraphs if p.text]
        assert [t for t, _ in paragraphs] == [
            t.upper() if f.endswith("H") else t for t, f in TCVN3_PARAGRAPHS
        ]
        # Each paragraph with a Vietnamese letter was converted, and says so.
        assert all(used for text, used in paragraphs if any(ord(c) > 127 for c in text))
        table = document.tables[0]
        cells = [
            ["\n".join(text_of(p)[0] for p in cell.paragraphs) for cell in row.cells]
            for row in table.rows
        ]
        expected = [[c.upper() for c in tcvn3_rows()[0]], *map(list, tcvn3_rows()[1:])]
        assert cells == expected

    def test_stored_text_is_not_unicode_vietnamese(self, tmp_path: Path) -> None:
        """The fixture really is legacy: its stored text has no Vietnamese letters."""
        path = tcvn3_docx(tmp_path / "tcvn3.docx")
        stored = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert "Kế hoạch" not in stored
        assert not any(c in stored for c in "ếạảọ")
        assert "KÕ" not in stored  # capitals are stored in lower case in .VnTimeH
        assert "kÕ ho¹ch" in stored


def _hook_lines(path: Path) -> tuple[list[str], object]:
    """Each non-empty paragraph's text, read through the reader's hook."""
    from kh_tthc.importing.legacy_fonts import LegacyFonts

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    document = docx.Document(str(path))
    fonts = LegacyFonts(document.styles.element)
    lines = []
    for p in document.element.body.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        sid = None if style is None else style.get(f"{w}val")
        parts = []
        for r in p.iter(f"{w}r"):
            for node in r.iterchildren():
                if node.tag == f"{w}t":
                    parts.append(fonts.text(r, node.text or "", sid))
                elif node.tag == f"{w}softHyphen":
                    parts.append(fonts.soft_hyphen(r, sid))
        text = "".join(parts)
        if text:
            lines.append(text)
    return lines, fonts


class TestLegacyFonts:
    def test_reader_hook_over_the_document_xml(self, tmp_path: Path) -> None:
        """Walking the document's XML with the hook gives the seed's text and one warning."""
        lines, fonts = _hook_lines(tcvn3_docx(tmp_path / "t.docx"))
        expected = [t.upper() if f.endswith("H") else t for t, f in TCVN3_PARAGRAPHS]
        assert lines[: len(expected)] == expected
        assert lines[len(expected) : len(expected) + 5] == [c.upper() for c in tcvn3_rows()[0]]
        (warning,) = fonts.warnings(tmp_path)  # type: ignore[attr-defined]
        assert ".VnTime" in warning.message
        assert ".VnTimeH" in warning.message

    def test_unicode_document_gives_no_warning(self, tmp_path: Path) -> None:
        """A document in Times New Roman is left alone and gives no warning."""
        from kh_tthc.importing.legacy_fonts import LegacyFonts

        document = docx.Document()
        document.add_paragraph().add_run("Kế hoạch ¸")
        fonts = LegacyFonts(document.styles.element)
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        runs = list(document.element.body.iter(f"{w}r"))
        assert fonts.text(runs[0], "Kế hoạch ¸") == "Kế hoạch ¸"
        assert fonts.warnings() == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_resave_keeps_the_fonts(tmp_path: Path) -> None:
    """The TCVN3 document saved by LibreOffice (docx → odt → docx) still reads as Unicode,
    "ư" included, which LibreOffice writes as a w:softHyphen element (its code is 0xAD)."""
    from kh_tthc.soffice import convert

    original = tcvn3_docx(tmp_path / "t.docx")
    with convert(original, "odt", timeout=180) as odt:
        shutil.copy(odt, tmp_path / "t.odt")
    (tmp_path / "back").mkdir()
    with convert(tmp_path / "t.odt", "docx:MS Word 2007 XML", timeout=180) as back:
        resaved = Path(shutil.copy(back, tmp_path / "back" / "t.docx"))
    assert _hook_lines(resaved)[0] == _hook_lines(original)[0]


def test_soft_hyphen_is_u_horn_only_in_tcvn3(tmp_path: Path) -> None:
    """A w:softHyphen in a .VnTime run is "ư"; in a Unicode font it is nothing."""
    from docx.oxml import OxmlElement

    from kh_tthc.importing.legacy_fonts import LegacyFonts

    document = docx.Document()
    legacy = document.add_paragraph().add_run("tr")
    legacy.font.name = ".VnTime"
    plain = document.add_paragraph().add_run("tr")
    for run in (legacy, plain):
        run._r.append(OxmlElement("w:softHyphen"))
    fonts = LegacyFonts(document.styles.element)
    assert fonts.soft_hyphen(legacy._r) == "ư"
    assert fonts.soft_hyphen(plain._r) == ""
