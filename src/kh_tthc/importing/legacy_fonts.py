"""Text typed in the pre-Unicode Vietnamese encodings, recognised by its font.

Before Unicode (and in many offices long after), Vietnamese was typed in 8-bit fonts whose
glyphs sit where Western letters normally are. The text stored in the file is then
Latin-1 look-alikes ("KÕ ho¹ch" for "Kế hoạch") that only the font makes readable. Two
families are still common in older documents:

* **TCVN3 (ABC)**, the 8-bit table of TCVN 5712:1993, form VN3: fonts named ``.VnTime``,
  ``.VnArial``, ``.VnCentury Schoolbook``... The VN3 form has the lower-case letters and
  only seven capitals (Ă Â Ê Ô Ơ Ư Đ); capitals with tone marks are typed in the
  companion "H" fonts (``.VnTimeH``, ``.VnArialH``), whose glyphs are all capitals: the
  file holds lower-case codes that display as capitals.
* **VNI** (VNI for Windows), fonts named ``VNI-Times``, ``VNI-Helve``...: a base letter
  followed by one byte for its marks ("Keá hoaïch").

The font, not the text, says which table applies: the same bytes are ordinary French in
Times New Roman. :func:`legacy_encoding` reads a font name, :func:`decode_legacy` converts
one run of text, and :func:`decode_runs` a paragraph's runs together with the fonts that
were converted, for the warning a reader gives (:func:`conversion_warning`). The tables are
data below, one row per letter family; ``tests/test_legacy_fonts.py`` checks the TCVN3 one
against the C library's ``TCVN5712-1`` converter and the VNI one against a published
converter's table.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import frozen

from kh_tthc.errors import Problem, Severity
from kh_tthc.vn import nfc

__all__ = [
    "Decoded",
    "LegacyEncoding",
    "LegacyFonts",
    "conversion_warning",
    "decode_legacy",
    "decode_runs",
    "encode_legacy",
    "legacy_encoding",
    "run_font",
]


class LegacyEncoding(enum.Enum):
    """A pre-Unicode Vietnamese encoding, as a font name reveals it."""

    TCVN3 = "TCVN3"
    #: The capitals fonts of TCVN3 (".VnTimeH"): every letter displays as a capital.
    TCVN3_CAPITALS = "TCVN3 (capitals font)"
    VNI = "VNI"


# -- TCVN3 (TCVN 5712:1993, VN3) ------------------------------------------------------------
#
# One row per letter family: the letter without a tone, then with huyền, hỏi, ngã, sắc,
# nặng, each as Unicode and as the VN3 code (shown as the Latin-1 character Word stores).
# A family whose plain letter is ASCII has "" as its plain code.

#: (Unicode letters, TCVN3 codes) per family, tones in the order: none, ` ? ~ ' .
TCVN3_FAMILIES: tuple[tuple[str, str], ...] = (
    ("aàảãáạ", "aµ¶·¸¹"),
    ("ăằẳẵắặ", "¨»¼½¾Æ"),
    ("âầẩẫấậ", "©ÇÈÉÊË"),
    ("eèẻẽéẹ", "eÌÎÏÐÑ"),
    ("êềểễếệ", "ªÒÓÔÕÖ"),
    ("iìỉĩíị", "i×ØÜÝÞ"),
    ("oòỏõóọ", "oßáâãä"),
    ("ôồổỗốộ", "«åæçèé"),
    ("ơờởỡớợ", "¬êëìíî"),
    ("uùủũúụ", "uïñòóô"),
    ("ưừửữứự", "\xadõö÷øù"),
    ("yỳỷỹýỵ", "yúûüýþ"),
    ("đ", "®"),
)
#: The seven capitals VN3 has, at 0xA1-0xA7.
TCVN3_CAPITALS: tuple[str, str] = ("ĂÂÊÔƠƯĐ", "¡¢£¤¥¦§")

# -- VNI (VNI for Windows) -------------------------------------------------------------------
#
# A letter is its base letter followed by a code for its marks; a few letters are one code.
# Lower case, then the capital forms, tones in the order: none, ` ? ~ ' .

#: The code after a base letter for each tone (lower case, capitals).
VNI_TONES: tuple[str, str] = ("øûõùï", "ØÛÕÙÏ")
#: Circumflex (â ê ô) with each tone: plain, ` ? ~ ' . (lower case, capitals).
VNI_CIRCUMFLEX: tuple[str, str] = ("âàåãáä", "ÂÀÅÃÁÄ")
#: Breve (ă) with each tone.
VNI_BREVE: tuple[str, str] = ("êèúüéë", "ÊÈÚÜÉË")
#: Letters that are one code: ơ ư đ, and i and y whose toned forms are single codes.
VNI_SINGLE: tuple[tuple[str, str], ...] = (
    ("ơƠưƯđĐ", "ôÔöÖñÑ"),
    ("ìỉĩíịÌỈĨÍỊ", "ìæóíòÌÆÓÍÒ"),
    ("ỵỴ", "îÎ"),
)

_TONES = "\u0300\u0309\u0303\u0301\u0323"  # grave, hook, tilde, acute, dot below


def _tcvn3_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letters, codes in TCVN3_FAMILIES:
        for letter, code in zip(letters, codes, strict=True):
            if letter != code:
                table[code] = letter
    for letter, code in zip(*TCVN3_CAPITALS, strict=True):
        table[code] = letter
    return table


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for case, bases in ((0, "aeiouy"), (1, "AEIOUY")):
        for base in bases:
            for tone, code in zip(_TONES, VNI_TONES[case], strict=True):
                table[base + code] = nfc(base + tone)
        for base in ("aeo", "AEO")[case]:
            modified = nfc(base + "\u0302")
            for tone, code in zip(["", *_TONES], VNI_CIRCUMFLEX[case], strict=True):
                table[base + code] = nfc(modified + tone)
        a = "aA"[case]
        for tone, code in zip(["", *_TONES], VNI_BREVE[case], strict=True):
            table[a + code] = nfc(a + "\u0306" + tone)
    for letters, codes in VNI_SINGLE:
        for letter, code in zip(letters, codes, strict=True):
            table[code] = letter
    # ơ and ư carry their tone after them, like a base letter.
    for case, (o, u) in enumerate((("ô", "ö"), ("Ô", "Ö"))):
        for base, letter in ((o, "ơƠ"[case]), (u, "ưƯ"[case])):
            for tone, code in zip(_TONES, VNI_TONES[case], strict=True):
                table[base + code] = nfc(letter + tone)
    # i and y in two codes are not written; their toned forms are single codes above,
    # except y's, which take a tone code like a vowel (yù = ý), ỵ being the one code.
    for key in [k for k in table if k[:1] in "iI" and len(k) == 2]:
        del table[key]
    for key in ("yï", "YÏ"):
        table.pop(key, None)
    return table


_FROM_TCVN3 = _tcvn3_table()
_TO_TCVN3 = {v: k for k, v in _FROM_TCVN3.items()}
_FROM_VNI = _vni_table()
_TO_VNI = {v: k for k, v in _FROM_VNI.items()}
_VNI_PAIRS = {k for k in _FROM_VNI if len(k) == 2}


def legacy_encoding(font: str | None) -> LegacyEncoding | None:
    """The legacy encoding a font name implies, or None for a Unicode font.

    >>> legacy_encoding(".VnTime"), legacy_encoding(".VnTimeH"), legacy_encoding("VNI-Times")
    (<LegacyEncoding.TCVN3: 'TCVN3'>, <LegacyEncoding.TCVN3_CAPITALS: 'TCVN3 (capitals font)'>, \
<LegacyEncoding.VNI: 'VNI'>)
    >>> legacy_encoding("Times New Roman") is None
    True
    """
    if not font:
        return None
    name = font.strip()
    if name[:3].casefold() == ".vn":
        return LegacyEncoding.TCVN3_CAPITALS if name.endswith("H") else LegacyEncoding.TCVN3
    if re.match(r"vni[- ]", name, re.IGNORECASE):
        return LegacyEncoding.VNI
    return None


def _decode(text: str, encoding: LegacyEncoding) -> str:
    if encoding is LegacyEncoding.VNI:
        out: list[str] = []
        i = 0
        while i < len(text):
            pair = text[i : i + 2]
            if pair in _VNI_PAIRS:
                out.append(_FROM_VNI[pair])
                i += 2
            else:
                out.append(_FROM_VNI.get(text[i], text[i]))
                i += 1
        return nfc("".join(out))
    decoded = nfc("".join(_FROM_TCVN3.get(c, c) for c in text))
    return decoded.upper() if encoding is LegacyEncoding.TCVN3_CAPITALS else decoded


def decode_legacy(text: str, font: str | None) -> str | None:
    """``text`` in Unicode (NFC) when ``font`` is a TCVN3 or VNI font, else None.

    Text in a ".VnTime...H" capitals font comes out in capitals, as it is displayed.

    >>> decode_legacy("KÕ ho¹ch kiÓm so¸t thñ tôc hµnh chÝnh", ".VnTime")
    'Kế hoạch kiểm soát thủ tục hành chính'
    >>> decode_legacy("céng hoµ x· héi chñ nghÜa viÖt nam", ".VnTimeH")
    'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'
    >>> decode_legacy("Keá hoaïch naêm 2025", "VNI-Times")
    'Kế hoạch năm 2025'
    >>> decode_legacy("Kế hoạch", "Times New Roman") is None
    True
    """
    encoding = legacy_encoding(font)
    return None if encoding is None else _decode(text, encoding)


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """``text`` as it is stored when typed in a font of ``encoding`` (the inverse).

    For the capitals fonts the text is stored in lower case. A letter the encoding has no
    code for (a capital with a tone in plain TCVN3) is left as it is. Used to build test
    documents; real documents are only ever decoded.

    >>> encode_legacy("Kế hoạch", LegacyEncoding.TCVN3)
    'KÕ ho¹ch'
    >>> encode_legacy("Kế hoạch", LegacyEncoding.VNI)
    'Keá hoaïch'
    """
    text = nfc(text)
    if encoding is LegacyEncoding.VNI:
        return "".join(_TO_VNI.get(c, c) for c in text)
    if encoding is LegacyEncoding.TCVN3_CAPITALS:
        text = text.lower()
    return "".join(_TO_TCVN3.get(c, c) for c in text)


@frozen(kw_only=True)
class Decoded:
    """A paragraph's text from its runs, and the legacy fonts converted on the way."""

    text: str
    fonts: tuple[str, ...] = ()


def decode_runs(runs: Iterable[tuple[str, str | None]]) -> Decoded:
    """Join ``(text, font)`` runs into Unicode text, converting the legacy-font runs.

    >>> d = decode_runs([("Sè: ", ".VnTime"), ("05/KH-SKHCN", "Times New Roman")])
    >>> d.text, d.fonts
    ('Số: 05/KH-SKHCN', ('.VnTime',))
    """
    parts: list[str] = []
    fonts: list[str] = []
    for text, font in runs:
        decoded = decode_legacy(text, font)
        if decoded is None:
            parts.append(text)
            continue
        parts.append(decoded)
        if decoded != text and font is not None and font not in fonts:
            fonts.append(font)
    return Decoded(text=nfc("".join(parts)), fonts=tuple(fonts))


def conversion_warning(
    fonts: Iterable[str], *, where: str = "", path: Path | None = None
) -> Problem:
    """The warning a reader gives after converting text typed in legacy fonts.

    >>> conversion_warning([".VnTime", ".VnTimeH"]).message  # doctest: +ELLIPSIS
    'text in the legacy fonts .VnTime, .VnTimeH (TCVN3) converted to Unicode; check ...'
    """
    names = list(dict.fromkeys(fonts))
    kinds = sorted(
        {"VNI" if e is LegacyEncoding.VNI else "TCVN3" for e in map(legacy_encoding, names) if e}
    )
    return Problem(
        message=f"text in the legacy fonts {', '.join(names)} ({', '.join(kinds)}) converted "
        "to Unicode; check the diacritics, and set a Unicode font such as Times New Roman",
        severity=Severity.WARNING,
        where=where,
        file=path,
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run_font(r: Any, default: str | None = None) -> str | None:
    """The font a Word run (``w:r`` element) displays Vietnamese letters in.

    Letters outside ASCII are shown in the ``w:hAnsi`` font of the run's ``w:rFonts``
    (ECMA-376 Part 1, 17.3.2.26), ASCII ones in ``w:ascii``; a run without its own font
    uses ``default`` (its style's or the document's).
    """
    rfonts = r.find(f"{_W}rPr/{_W}rFonts")
    if rfonts is None:
        return default
    font = rfonts.get(f"{_W}hAnsi") or rfonts.get(f"{_W}ascii")
    return str(font) if font else default


def style_fonts(styles_root: Any) -> Mapping[str | None, str]:
    """Each paragraph or character style's own font, and the document default under None.

    ``styles_root`` is the ``w:styles`` element (python-docx: ``document.styles.element``).
    """
    fonts: dict[str | None, str] = {}
    default = styles_root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    if default is not None and (default.get(f"{_W}hAnsi") or default.get(f"{_W}ascii")):
        fonts[None] = str(default.get(f"{_W}hAnsi") or default.get(f"{_W}ascii"))
    for style in styles_root.iterchildren(f"{_W}style"):
        rfonts = style.find(f"{_W}rPr/{_W}rFonts")
        sid = style.get(f"{_W}styleId")
        if sid and rfonts is not None and (rfonts.get(f"{_W}hAnsi") or rfonts.get(f"{_W}ascii")):
            fonts[str(sid)] = str(rfonts.get(f"{_W}hAnsi") or rfonts.get(f"{_W}ascii"))
    return fonts


class LegacyFonts:
    """A Word document's fonts, to convert the text of its runs as a reader walks them.

    Built once per document from its ``w:styles`` element; :meth:`text` converts the text
    of one ``w:t`` in its run when the run's font is a legacy one, and :meth:`warning`
    gives the one warning for the document afterwards. A run's font is its own
    ``w:rFonts``, else its character style's, else its paragraph style's (following
    ``w:basedOn``), else the document default (ECMA-376 Part 1, 17.7.2, style hierarchy).

    A reader's hook is one call per text node::

        fonts = LegacyFonts(document.styles.element)           # once
        text = fonts.text(run, t.text or "", paragraph_style)  # for each w:t
        text = fonts.soft_hyphen(run, paragraph_style)         # for each w:softHyphen
        warnings += fonts.warnings(path)                       # at the end
    """

    def __init__(self, styles_root: Any | None) -> None:
        self._own: dict[str | None, str] = {}
        self._based_on: dict[str, str] = {}
        self._default_paragraph: str | None = None
        self.converted: list[str] = []
        if styles_root is None:
            return
        self._own = dict(style_fonts(styles_root))
        for style in styles_root.iterchildren(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            based = style.find(f"{_W}basedOn")
            if sid and based is not None and based.get(f"{_W}val"):
                self._based_on[str(sid)] = str(based.get(f"{_W}val"))
            if (
                sid
                and style.get(f"{_W}type") == "paragraph"
                and style.get(f"{_W}default")
                in (
                    "1",
                    "true",
                )
            ):
                self._default_paragraph = str(sid)

    def _style_font(self, sid: str | None) -> str | None:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self._own:
                return self._own[sid]
            sid = self._based_on.get(sid)
        return None

    def font(self, run: Any, paragraph_style: str | None = None) -> str | None:
        """The font of a ``w:r`` element in a paragraph of style ``paragraph_style``."""
        rstyle = run.find(f"{_W}rPr/{_W}rStyle")
        by_style = (
            self._style_font(str(rstyle.get(f"{_W}val"))) if rstyle is not None else None
        ) or self._style_font(paragraph_style or self._default_paragraph)
        return run_font(run, by_style or self._own.get(None))

    def text(self, run: Any, text: str, paragraph_style: str | None = None) -> str:
        """``text`` of a node in ``run``, in Unicode when the run's font is a legacy one."""
        font = self.font(run, paragraph_style)
        decoded = decode_legacy(text, font)
        if decoded is None:
            return text
        if decoded != text and font is not None and font not in self.converted:
            self.converted.append(font)
        return decoded

    def soft_hyphen(self, run: Any, paragraph_style: str | None = None) -> str:
        """The text of a ``w:softHyphen`` element in ``run``: "ư" in a TCVN3 font, else "".

        TCVN3 puts "ư" at 0xAD, the soft hyphen of Latin-1, and Word and LibreOffice store
        that character as a ``w:softHyphen`` element rather than text; read as an optional
        hyphen it would turn "trường" into "trờng".
        """
        font = self.font(run, paragraph_style)
        if legacy_encoding(font) in (LegacyEncoding.TCVN3, LegacyEncoding.TCVN3_CAPITALS):
            return self.text(run, "\xad", paragraph_style)
        return ""

    def warnings(self, path: Path | None = None) -> list[Problem]:
        """The warning to give when text was converted, else none."""
        return [conversion_warning(self.converted, path=path)] if self.converted else []
