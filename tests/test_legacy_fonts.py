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

from kh_tthc import import_docx
from kh_tthc.errors import Problem, Severity
from kh_tthc.importing import legacy_fonts
from kh_tthc.importing.legacy_fonts import (
    TCVN3_CAPITALS,
    TCVN3_FAMILIES,
    LegacyEncoding,
    conversion_warning,
    decode_legacy,
    encode_legacy,
    legacy_encoding,
)
from tests.fixtures_docx import SEED_TITLE, seed_docx
from tests.fixtures_legacy import tcvn3_docx, tcvn3_rows

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
            (" .VnTime ", LegacyEncoding.TCVN3),  # spaces around the name
            (".VNTIME", LegacyEncoding.TCVN3),  # the prefix in any case
            (".VnTimeh", LegacyEncoding.TCVN3),  # only a capital H is the capitals font
            ("VnTime", None),  # no dot: not a TCVN3 font
            ("VNI Times", LegacyEncoding.VNI),
            ("vni-times", LegacyEncoding.VNI),
            ("VNITimes", None),  # no separator after VNI
            ("Times VNI-Times", None),  # VNI must start the name
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


def _first_letter(value: object) -> str | None:
    """A parameter's id: its first letter without its marks ("a" for "ă"), in ASCII so
    that it stays the same each time pytest collects the tests in one process (mutmut
    collects them several times, and pytest escapes an id that is not plain ASCII, a
    backslash included, once more each time)."""
    if not isinstance(value, str):
        return None
    letter = unicodedata.normalize("NFD", value[:1].replace("đ", "d").replace("Đ", "D"))
    return letter.encode("ascii", "ignore").decode()


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
class TestTcvn3Table:
    @pytest.mark.parametrize(("letters", "codes"), TCVN3_FAMILIES, ids=_first_letter)
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
    @pytest.mark.parametrize(("letters", "codes"), XVNKB_VNI.items(), ids=_first_letter)
    def test_family_matches_xvnkb(self, letters: str, codes: tuple[str, ...]) -> None:
        """Each VNI letter family reads as the published xvnkb table writes it."""
        for letter, code in zip(letters, codes, strict=True):
            assert decode_legacy(code, "VNI-Times") == letter
            assert encode_legacy(letter, LegacyEncoding.VNI) == code


def test_capitals_are_stored_in_lower_case() -> None:
    """A ".VnTimeH" font shows the lower-case codes as capitals, so capitals typed in it
    are stored as the lower-case letters' codes: "KẾ HOẠCH" as "kÕ ho¹ch" (the codes
    of "kế hoạch"), not left as Unicode capitals plain TCVN3 has no code for."""
    assert encode_legacy("KẾ HOẠCH", LegacyEncoding.TCVN3_CAPITALS) == "k\u00d5 ho\u00b9ch"


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
    def test_warning_names_fonts_and_place(self, tmp_path: Path) -> None:
        """The warning names the fonts, their encoding and where they were."""
        problem = conversion_warning(["VNI-Times"], where="table 1, row 3", path=tmp_path)
        assert problem.severity is Severity.WARNING
        assert "VNI-Times (VNI)" in problem.message
        assert problem.where == "table 1, row 3"

    def test_warning_in_full(self, tmp_path: Path) -> None:
        """Both families at once: fonts in the order met, each named once, the encodings
        sorted; the place and file as given."""
        problem = conversion_warning(
            ["VNI-Times", ".VnTime", "VNI-Times", ".VnTimeH"], where="document", path=tmp_path
        )
        assert problem == Problem(
            message="text in the legacy fonts VNI-Times, .VnTime, .VnTimeH (TCVN3, VNI) "
            "converted to Unicode; check the diacritics, and set a Unicode font such as "
            "Times New Roman",
            severity=Severity.WARNING,
            where="document",
            file=tmp_path,
        )

    def test_warning_defaults(self) -> None:
        """Without a place or file the warning has neither."""
        problem = conversion_warning([".VnArial"])
        assert (problem.where, problem.file) == ("", None)


def _imported(path: Path) -> tuple[list[str], list[tuple[str, ...]], list[str]]:
    """What import_docx reads from a plan: the title, the task rows, the warnings."""
    result = import_docx(path, year=2025)
    rows = [
        (str(t.number), t.title, *result.plan.unit_names(t.lead))
        for t in result.plan.tasks
        if not t.group
    ]
    return [result.plan.title], rows, [w.message for w in result.warnings]


class TestDocx:
    def test_tcvn3_plan_imports_as_unicode(self, tmp_path: Path) -> None:
        """A plan typed in .VnTime imports with the seed's Unicode text, and one warning
        names the fonts converted."""
        path = tcvn3_docx(tmp_path / "tcvn3.docx")
        result = import_docx(path, year=2025)
        assert result.plan.title == SEED_TITLE
        assert result.plan.issuer.name == "Sở Khoa học và Công nghệ"
        titles = {row[1] for row in tcvn3_rows()[1:]}
        assert [t.title for t in result.plan.tasks if t.title not in titles] == []
        assert len(result.plan.tasks) == len(tcvn3_rows()) - 1
        (warning,) = [w for w in result.warnings if "legacy fonts" in w.message]
        assert ".VnTime" in warning.message
        assert ".VnTimeH" in warning.message
        assert "(TCVN3)" in warning.message

    def test_unicode_plan_gives_no_legacy_warning(self, tmp_path: Path) -> None:
        """The seed plan in Times New Roman gives the same task titles, and no warning
        about legacy fonts."""
        legacy = import_docx(tcvn3_docx(tmp_path / "t.docx"), year=2025)
        unicode = import_docx(seed_docx(tmp_path / "u.docx"), year=2025)
        assert not any("legacy fonts" in w.message for w in unicode.warnings)
        for task in legacy.plan.tasks:
            assert unicode.plan.task(str(task.number)).title == task.title

    def test_stored_text_is_not_unicode_vietnamese(self, tmp_path: Path) -> None:
        """The fixture really is legacy: its stored text has no Vietnamese letters."""
        path = tcvn3_docx(tmp_path / "tcvn3.docx")
        stored = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert "Kế hoạch" not in stored
        assert not any(c in stored for c in "ếạảọ")
        assert "KÕ" not in stored  # capitals are stored in lower case in .VnTimeH
        assert "kÕ ho¹ch" in stored


@pytest.mark.usefixtures("soffice")
def test_libreoffice_resave_keeps_the_fonts(tmp_path: Path) -> None:
    """The TCVN3 document saved by LibreOffice (docx → odt → docx) imports alike, "ư"
    included, which LibreOffice writes as a w:softHyphen element (its code is 0xAD)."""
    from kh_tthc.soffice import convert

    original = tcvn3_docx(tmp_path / "t.docx")
    with convert(original, "odt", timeout=180) as odt:
        shutil.copy(odt, tmp_path / "t.odt")
    (tmp_path / "back").mkdir()
    with convert(tmp_path / "t.odt", "docx:MS Word 2007 XML", timeout=180) as back:
        resaved = Path(shutil.copy(back, tmp_path / "back" / "t.docx"))
    assert _imported(resaved) == _imported(original)
    assert any("ư" in title for _, title, *_ in _imported(resaved)[1])


def test_soft_hyphen_is_u_horn_only_in_tcvn3(tmp_path: Path) -> None:
    """A w:softHyphen in a .VnTime run reads as "ư"; in a Unicode font, as nothing."""
    from docx.oxml import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("STT", "Nội dung công việc", "Đơn vị chủ trì")):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "1"
    legacy = table.cell(1, 1).paragraphs[0].add_run("tr")
    legacy.font.name = ".VnTime"
    legacy._r.append(OxmlElement("w:softHyphen"))
    legacy.add_text("êng")  # "êng" in TCVN3 codes is "ờng"
    plain = table.cell(1, 2).paragraphs[0].add_run("Văn phòng")
    plain._r.append(OxmlElement("w:softHyphen"))
    plain.add_text(" Sở")
    document.save(str(tmp_path / "s.docx"))
    (task,) = import_docx(tmp_path / "s.docx", year=2025).plan.tasks
    assert task.title == "trường"
    assert import_docx(tmp_path / "s.docx", year=2025).plan.unit_names(task.lead) == (
        "Văn phòng Sở",
    )


# Entries of TCVN 5712:1993 (VN3) as the GNU C library's charmap lists them
# (localedata/charmaps/TCVN5712-1 of the public glibc repository, read through the
# project's reference search): code, Unicode letter.
GLIBC_TCVN3 = {
    "\xa1": "Ă",
    "\xa7": "Đ",
    "\xa8": "ă",
    "\xad": "ư",
    "\xae": "đ",
    "\xb5": "à",
    "\xbe": "ắ",
    "\xd5": "ế",
    "\xe4": "ọ",
    "\xf9": "ự",
    "\xfe": "ỵ",
}


class TestTableBuilders:
    """The builders run once, at import; these call them again and check what they build
    (a mutation of a builder is otherwise never seen: the tables in use were built by the
    original)."""

    def test_tcvn3_builder_gives_the_table_in_use(self) -> None:
        assert legacy_fonts._tcvn3_table() == legacy_fonts._FROM_TCVN3

    def test_tcvn3_builder_hand_checked(self) -> None:
        """The glibc charmap's entries, and no entry for a letter whose code is itself:
        the plain vowels, and ý, which is 0xFD in both TCVN3 and Latin-1."""
        table = legacy_fonts._tcvn3_table()
        assert {code: table[code] for code in GLIBC_TCVN3} == GLIBC_TCVN3
        assert not {"a", "e", "i", "o", "u", "y", "ý"} & table.keys()
        # 12 families of 6 letters and đ, less those 7, plus the 7 capitals.
        assert len(table) == 12 * 6 + 1 - 7 + 7

    def test_vni_builder_gives_the_table_in_use(self) -> None:
        assert legacy_fonts._vni_table() == legacy_fonts._FROM_VNI

    def test_vni_builder_matches_xvnkb(self) -> None:
        """Every code of the xvnkb table (above) but the plain ASCII letters is an entry,
        and nothing else: ì and í (Ì, Í) are entries whose code is the letter itself."""
        table = legacy_fonts._vni_table()
        expected = {
            code: letter
            for letters, codes in XVNKB_VNI.items()
            for letter, code in zip(letters, codes, strict=True)
            if not code.isascii()
        }
        assert table == expected
        assert table["ì"] == "ì"

    def test_vni_builder_hand_checked(self) -> None:
        """A few entries read off the xvnkb table by hand, and the two-code forms VNI does
        not write: i and y never take a tone code (their toned forms are one code), but
        y's other tones do."""
        table = legacy_fonts._vni_table()
        assert table["aù"] == "á"
        assert table["AØ"] == "À"
        assert table["eá"] == "ế"
        assert table["aë"] == "ặ"
        assert table["AÊ"] == "Ă"
        assert table["öï"] == "ự"
        assert table["ÔÙ"] == "Ớ"
        assert table["ñ"] == "đ"
        assert table["Ñ"] == "Đ"
        assert table["ò"] == "ị"
        assert table["yù"] == "ý"
        assert table["YÕ"] == "Ỹ"
        for absent in ("iù", "Iø", "yï", "YÏ"):
            assert absent not in table

    @pytest.mark.parametrize(
        ("name", "bad"),
        [
            ("TCVN3_FAMILIES", (("aàả", "aµ"),)),
            ("TCVN3_CAPITALS", ("ĂÂÊ", "¡¢")),
        ],
    )
    def test_tcvn3_builder_rejects_a_short_row(
        self, monkeypatch: pytest.MonkeyPatch, name: str, bad: object
    ) -> None:
        """A row whose letters and codes differ in number is a typo in the table: the
        builder stops rather than pair the wrong letters."""
        monkeypatch.setattr(legacy_fonts, name, bad)
        with pytest.raises(ValueError, match="zip"):
            legacy_fonts._tcvn3_table()

    @pytest.mark.parametrize(
        ("name", "bad"),
        [
            ("VNI_CIRCUMFLEX", ("âàåãá", "ÂÀÅÃÁ")),
            ("VNI_BREVE", ("êèúüé", "ÊÈÚÜÉ")),
            ("VNI_SINGLE", (("ơƠưƯđĐ", "ôÔöÖñ"),)),
        ],
    )
    def test_vni_builder_rejects_a_short_row(
        self, monkeypatch: pytest.MonkeyPatch, name: str, bad: object
    ) -> None:
        """As for TCVN3: a row one code short stops the builder."""
        monkeypatch.setattr(legacy_fonts, name, bad)
        with pytest.raises(ValueError, match="zip"):
            legacy_fonts._vni_table()
