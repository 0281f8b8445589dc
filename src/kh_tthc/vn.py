"""Vietnamese text rules shared by the model, the parsers and the renderers.

Word often stores Vietnamese decomposed (a base letter followed by combining marks), and
text pasted from PDFs carries stray spaces; everything that enters the library goes through
:func:`nfc` or :func:`clean` first so that equal words compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from decimal import Decimal

__all__ = [
    "clean",
    "date_line",
    "date_phrase",
    "fold",
    "format_number",
    "format_percent",
    "from_roman",
    "nfc",
    "pad2",
    "shows",
    "to_roman",
    "upper",
    "visible",
]

_SPACE = re.compile(r"\s+")
#: Characters that show nothing: white space, zero-width spaces and joiners, the
#: byte-order mark, soft hyphens and the like. Text made of them only is empty.
_INVISIBLE = re.compile(r"[\s\u00ad\u034f\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C (composed), as every output uses.

    >>> nfc("Thuy\u0309") == "Thuỷ"
    True
    """
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC-normalise ``text``, fold runs of white space into one space and strip the ends.

    >>> clean("  Văn   phòng\\nSở ")
    'Văn phòng Sở'
    """
    if type(text) is str and len(text) <= _FOLD_KEPT:
        return _clean_kept(text)
    return _clean(text)


@functools.lru_cache(maxsize=8192)
def _clean_kept(text: str) -> str:
    # Short texts recur: each progress row's task number, unit, status and date are
    # cleaned several times on their way into the model, in every file of a portfolio.
    return _clean(text)


def _clean(text: str) -> str:
    text = nfc(text)
    if UNCLEAN_SPACE.search(text) is None:
        return text  # most text: nothing to fold or strip
    return _SPACE.sub(" ", text).strip()


#: What clean() changes in NFC text: white space other than single spaces inside, a
#: space at either end.
UNCLEAN_SPACE = re.compile(r"[^\S ]|  |^ | $")


def fold(text: str) -> str:
    """A comparison key: cleaned, lower case, "đ" kept distinct, other marks removed.

    Used to match headers and phrases whatever their case and diacritics
    ("Thời gian hoàn thành", "THỜI GIAN HOÀN THÀNH", "thoi gian hoan thanh").

    >>> fold("  Đơn vị CHỦ TRÌ ")
    'đon vi chu tri'
    """
    if type(text) is str and len(text) <= _FOLD_KEPT:
        return _fold_kept(text)
    return _fold(text)


#: Texts up to this length are cleaned and folded once each (at most 8,192 of each
#: kept): the same headers, unit names, statuses and dates recur in every row of every
#: file of a portfolio.
_FOLD_KEPT = 200


@functools.lru_cache(maxsize=8192)
def _fold_kept(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", clean(text).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def upper(text: str) -> str:
    """Upper-case Vietnamese text, NFC in and out ("Sở" -> "SỞ")."""
    return nfc(nfc(text).upper())


def pad2(n: int) -> str:
    """Write a day or document number the official way: a leading zero below 10.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3-4: "ngày 05", "Số: 05/KH-...".

    >>> pad2(5), pad2(12)
    ('05', '12')
    """
    return f"{n:02d}"


def _month_text(month: int) -> str:
    # NĐ 30/2020, Phụ lục I, II.4: months 1 and 2 get a leading zero, the others do not.
    return f"{month:02d}" if month < 3 else str(month)


def date_line(
    place: str,
    *,
    year: int,
    month: int | None = None,
    day: int | None = None,
) -> str:
    """The italic place-and-date line under the motto.

    A draft may leave the day (and even the month) blank; a blank keeps its room with
    spaces, as the clerk fills it in by hand when the document is signed
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4).

    >>> date_line("Thái Nguyên", year=2025, month=8, day=5)
    'Thái Nguyên, ngày 05 tháng 8 năm 2025'
    >>> date_line("Hà Nội", year=2026, month=1, day=15)
    'Hà Nội, ngày 15 tháng 01 năm 2026'
    >>> date_line("Thái Nguyên", year=2025, month=8)
    'Thái Nguyên, ngày    tháng 8 năm 2025'
    """
    day_text = pad2(day) if day is not None else "  "
    month_text = _month_text(month) if month is not None else "  "
    return f"{clean(place)}, ngày {day_text} tháng {month_text} năm {year}"


def date_phrase(d: date) -> str:
    """A date inside running text, "ngày 05 tháng 8 năm 2025"."""
    return f"ngày {pad2(d.day)} tháng {_month_text(d.month)} năm {d.year}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def to_roman(n: int) -> str:
    """Roman numeral for section headings and quarters ("I.", "Quý IV").

    >>> to_roman(4), to_roman(14)
    ('IV', 'XIV')
    """
    if not 0 < n < 4000:
        raise ValueError(f"no Roman numeral for {n}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    """Parse a Roman numeral, case-insensitively.

    >>> from_roman("iv")
    4
    """
    s = text.strip().upper()
    if not s or not _ROMAN_RE.match(s):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    i = 0
    for value, letters in _ROMAN:
        while s.startswith(letters, i):
            total += value
            i += len(letters)
    return total


def format_number(value: float | int | Decimal, *, decimals: int = 1) -> str:
    """A number written the Vietnamese way: "." between thousands, "," before decimals.

    Uses babel's ``vi`` locale; trailing zeros are dropped.

    >>> format_number(1234), format_number(95.5), format_number(100.0)
    ('1.234', '95,5', '100')
    """
    from babel.numbers import format_decimal  # deferred: babel's locale data loads slowly

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale="vi"))


def format_percent(ratio: float, *, decimals: int = 1) -> str:
    """A ratio as a Vietnamese percentage, "95,5%".

    >>> format_percent(0.955), format_percent(1)
    ('95,5%', '100%')
    """
    return format_number(ratio * 100, decimals=decimals) + "%"


def visible(text: str) -> str:
    """``text`` without invisible characters and spaces: empty when nothing would show.

    >>> visible("\\u200b \\u200b")
    ''
    """
    return _INVISIBLE.sub("", text)


def shows(text: str) -> bool:
    """Whether anything of ``text`` would show: ``visible(text) != ""``, told without
    writing the visible text (the whole-plan checks ask it of every title and unit name,
    whose first character mostly answers).

    >>> shows("\u200b \u200b"), shows(" a")
    (False, True)
    """
    return text != "" and _INVISIBLE.fullmatch(text) is None
