"""Unit names in a table's cells, and the ids the plan gives them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kh_tthc.model import Unit
from kh_tthc.vn import clean, fold, nfc

__all__ = ["BULLETS", "UnitTable", "slug", "split_units"]


BULLETS = "-–—+•*·"
_SPLIT_DASH = re.compile(r"\s+[-–—+•]\s+(?=\S)")


def _unit_name(text: str) -> str:
    return clean(text).lstrip(BULLETS + " ").rstrip(" .;,:").strip()


def split_units(text: str) -> tuple[str, ...]:
    """Unit names in a cell: one per line or paragraph, or separated by ";".

    A leading "- " or "+ " marks an item, so a cell that starts with one is also split at
    " - " (a list that lost its line breaks). Commas never split: unit names contain
    them ("Các phòng, đơn vị thuộc Sở").

    >>> split_units("- Văn phòng Sở; - Các phòng, đơn vị thuộc Sở.")
    ('Văn phòng Sở', 'Các phòng, đơn vị thuộc Sở')
    >>> split_units("- Văn phòng Sở - Các phòng thuộc Sở")
    ('Văn phòng Sở', 'Các phòng thuộc Sở')
    """
    names: list[str] = []
    for line in nfc(text).splitlines():
        for item in line.split(";"):
            item = item.strip()
            parts = _SPLIT_DASH.split(item) if item[:1] in BULLETS and item[:1] else [item]
            for part in parts:
                name = _unit_name(part)
                if name and name.casefold() not in (n.casefold() for n in names):
                    names.append(name)
    return tuple(names)


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
