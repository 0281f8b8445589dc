"""Unit names in a table's cells, and the ids the plan gives them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kh_tthc.model import Unit
from kh_tthc.vn import clean, fold, nfc

__all__ = [
    "BODY_WORDS",
    "BULLETS",
    "COMMA_NAMES",
    "UnitTable",
    "read_units",
    "slug",
    "split_units",
]


BULLETS = "-–—+•*·"
_SPLIT_DASH = re.compile(r"\s+[-–—+•]\s+(?=\S)")


def _unit_name(text: str) -> str:
    return clean(text).lstrip(BULLETS + " ").rstrip(" .;,:").strip()


#: Words that begin the name of a body, as agencies write them: a part of a cell
#: separated by commas that begins with one of these (capitalised) names a body of its
#: own. Each entry has a real example from a published table.
BODY_WORDS: tuple[tuple[str, str], ...] = (
    ("Bộ", "Bộ Khoa học và Công nghệ, Bộ Giáo dục và Đào tạo (NQ 03/NQ-CP, PL II, task 3)"),
    ("Sở", "Sở Y tế"),
    ("UBND", "UBND tỉnh Thái Nguyên"),
    ("Ủy ban", "Ủy ban dữ liệu quốc gia"),
    ("Uỷ ban", "Uỷ ban nhân dân tỉnh"),
    ("Ban", "Ban Tuyên giáo Trung ương (NQ 03/NQ-CP, PL II, task 1)"),
    ("Văn phòng", "Văn phòng Sở (Kế hoạch 05/KH-SKHCN)"),
    ("Công an", "Công an tỉnh"),
    ("Cục", "Cục Kiểm soát thủ tục hành chính"),
    ("Tổng cục", "Tổng cục Thống kê"),
    ("Chi cục", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
    ("Thanh tra", "Thanh tra Chính phủ (NQ 03/NQ-CP, PL II, task 14)"),
    ("Trung tâm", "Trung tâm Phục vụ hành chính công"),
    ("Phòng", "Phòng Chuyển đổi số (Kế hoạch 05/KH-SKHCN)"),
    ("Hội", "Hội Luật gia"),
    ("Hội đồng", "Hội đồng nhân dân tỉnh"),
    ("HĐND", "HĐND tỉnh"),
    ("Viện", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam"),
    ("Trường", "Trường Chính trị tỉnh"),
    ("Đài", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Báo", "Báo Thái Nguyên"),
    ("Kho bạc", "Kho bạc Nhà nước tỉnh"),
    ("Ngân hàng", "Ngân hàng Nhà nước"),
    ("Bảo hiểm xã hội", "Bảo hiểm xã hội tỉnh"),
    ("Tòa án", "Tòa án nhân dân tỉnh"),
    ("Đảng ủy", "Đảng ủy Chính phủ (Công văn 402-CV/VPĐU)"),
    ("Tỉnh ủy", "Tỉnh ủy Thái Nguyên"),
    ("Mặt trận", "Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Đoàn", "Đoàn Thanh niên"),
    ("Liên đoàn", "Liên đoàn Lao động tỉnh"),
    ("Các", "Các bộ, ngành, địa phương (NQ 03/NQ-CP, PL II, task 3): a collective"),
)

#: Names of single bodies that hold a comma: never split, never warned.
COMMA_NAMES: tuple[str, ...] = (
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Khoa học, Công nghệ và Đổi mới sáng tạo",
    "Lao động, Thương binh và Xã hội",
)

_BODY_KEYS = sorted({fold(w) for w, _ in BODY_WORDS}, key=len, reverse=True)
#: What "các ..." may gather besides bodies: "các bộ, ngành, địa phương".
_GATHERED_KEYS = (*_BODY_KEYS, "nganh", "đia phuong", "đon vi", "co quan", "to chuc", "tinh")
_COMMA_KEYS = tuple(fold(n) for n in COMMA_NAMES)


def _names_a_body(part: str) -> bool:
    """Whether a comma-separated part starts a body's name: a capitalised body word
    ("Bộ Tài chính", "Thanh tra Chính phủ"), a collective ("các bộ, ngành") or an
    acronym ("VTV", "TTXVN")."""
    key = fold(part)
    rest = key[4:]
    if key.startswith("cac ") and any(
        rest == w or rest.startswith(w + " ") for w in _GATHERED_KEYS
    ):
        return True  # a collective: "các bộ, ngành và địa phương"
    if not part[:1].isupper():
        return False
    first = part.split(" ", 1)[0]
    if len(first) >= 2 and first.isupper() and first.isalpha():
        return True
    return any(key == w or key.startswith(w + " ") for w in _BODY_KEYS)


def _top_level_commas(text: str) -> list[str]:
    # Commas inside parentheses belong to a note: "Văn phòng Sở (bộ phận tiếp nhận, trả
    # kết quả)".
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _split_commas(item: str, unsure: list[str]) -> list[str]:
    """An item split at commas where each part names a body; a part that does not is
    kept with the one before it, and noted in ``unsure`` unless the name before is a
    collective ("Các phòng, đơn vị thuộc Sở") or a known name with a comma."""
    parts = [p.strip() for p in _top_level_commas(item)]
    if len(parts) == 1:
        return parts
    out: list[str] = []
    for part in parts:
        if not out or (part and _names_a_body(part)):
            out.append(part)
            continue
        joined = f"{out[-1]}, {part}"
        known = any(k in fold(joined) for k in _COMMA_KEYS)
        before = fold(out[-1])
        generic = before.startswith("cac ") or before in _BODY_KEYS  # "Bộ, ngành, địa phương"
        if not known and not generic and _names_a_body(out[-1]):
            unsure.append(joined)
        out[-1] = joined
    return out


def split_units(text: str) -> tuple[str, ...]:
    """Unit names in a cell: one per line or paragraph, or separated by ";" or by
    commas between names of bodies.

    A leading "- " or "+ " marks an item, so a cell that starts with one is also split at
    " - " (a list that lost its line breaks). A comma splits only where the next part
    names a body (:data:`BODY_WORDS`): "Các phòng, đơn vị thuộc Sở" stays one collective
    unit. :func:`read_units` also says which joins it was unsure of.

    >>> split_units("- Văn phòng Sở; - Các phòng, đơn vị thuộc Sở.")
    ('Văn phòng Sở', 'Các phòng, đơn vị thuộc Sở')
    >>> split_units("- Văn phòng Sở - Các phòng thuộc Sở")
    ('Văn phòng Sở', 'Các phòng thuộc Sở')
    >>> split_units("Bộ Tài chính, Bộ Công an, Bộ Nội vụ")
    ('Bộ Tài chính', 'Bộ Công an', 'Bộ Nội vụ')
    """
    return read_units(text)[0]


def read_units(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The unit names in a cell (see :func:`split_units`) and the names kept whole
    although a comma might have separated two bodies ("Bộ Tài chính, Kế hoạch").

    >>> read_units("Bộ Tài chính, Kế hoạch")
    (('Bộ Tài chính, Kế hoạch',), ('Bộ Tài chính, Kế hoạch',))
    >>> read_units("Sở Văn hóa, Thể thao và Du lịch")
    (('Sở Văn hóa, Thể thao và Du lịch',), ())
    """
    names: list[str] = []
    unsure: list[str] = []
    for line in nfc(text).splitlines():
        for item in line.split(";"):
            item = item.strip()
            parts = _SPLIT_DASH.split(item) if item[:1] in BULLETS and item[:1] else [item]
            for part in parts:
                for piece in _split_commas(_unit_name(part), unsure):
                    name = _unit_name(piece)
                    if name and name.casefold() not in (n.casefold() for n in names):
                        names.append(name)
    return tuple(names), tuple(_unit_name(u) for u in unsure)


class UnitTable:
    """Unit names to ids: one unit per name (compared cleaned, case-insensitively)."""

    def __init__(self) -> None:
        self.by_key: dict[str, Unit] = {}
        self.taken: set[str] = set()

    def ids(self, names: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for name in names:
            key = name.casefold()
            unit = self.by_key.get(key)
            if unit is None:
                unit = Unit(id=self._new_id(name), name=name)
                self.by_key[key] = unit
            if unit.id not in out:
                out.append(unit.id)
        return tuple(out)

    def _new_id(self, name: str) -> str:
        base = slug(name)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def name(self, unit_id: str) -> str:
        return next((u.name for u in self.by_key.values() if u.id == unit_id), unit_id)

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(self.by_key.values())


_ACRONYM = re.compile(r"^[A-ZĐ0-9&]{2,}$")


def slug(name: str) -> str:
    """A short ASCII id from a unit name's initials; acronyms are kept whole.

    >>> slug("Văn phòng Sở"), slug("Phòng Chuyển đổi số"), slug("Trung tâm CNTT&TT")
    ('vps', 'pcds', 'ttcntttt')
    """
    letters: list[str] = []
    for word in re.split(r"[^\w&]+", nfc(name)):
        if not word:
            continue
        if _ACRONYM.match(word) and len(word) <= 8:
            letters.append(word.replace("&", ""))
        else:
            letters.append(word[0])
    text = fold("".join(letters)).replace("đ", "d")
    text = re.sub(r"[^a-z0-9]", "", text)[:10]
    return text or "dv"
