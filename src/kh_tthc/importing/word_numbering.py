"""The numbers Word shows for automatically numbered paragraphs.

A number from Word's list numbering is not in the paragraph's text: it is computed from
the package's ``word/numbering.xml`` (ECMA-376 Part 1, 17.9).
"""

from __future__ import annotations

import re
from typing import Any

from kh_tthc.vn import to_roman

__all__ = ["WordNumbering"]

# Element trees come from python-docx, whose lxml base has no type information.
Element = Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WordNumbering:
    """The numbers Word shows for automatically numbered paragraphs (``w:numPr``).

    The number is not in the text: it is computed from ``numbering.xml`` as Word does
    (ECMA-376 Part 1, 17.9): each abstract numbering keeps a counter per level, starting
    at the level's ``w:start``; a level counting up restarts the levels below it; a
    ``w:num`` with ``w:lvlOverride/w:startOverride`` restarts its levels once; the label
    is ``w:lvlText`` with ``%1``, ``%2``... replaced by the counters in each level's
    ``w:numFmt``. Bullets read as "-". Unknown ids and bad values give no number.
    """

    def __init__(self, document: Any) -> None:
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered automatically
            return
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            aid = str(abstract.get(f"{_W}abstractNumId"))
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = _int(_val(lvl.find(f"{_W}start"))) or 0
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                levels[ilvl] = (max(0, min(start, 10**6)), fmt, text)
            self.levels[aid] = levels
        for num in root.iterchildren(f"{_W}num"):
            nid = str(num.get(f"{_W}numId"))
            ref = _val(num.find(f"{_W}abstractNumId"))
            if ref is None:
                continue
            self.abstract_of[nid] = ref
            for override in num.iterchildren(f"{_W}lvlOverride"):
                level = _int(override.get(f"{_W}ilvl"))
                restart = _int(_val(override.find(f"{_W}startOverride")))
                if level is not None and restart is not None and 0 <= level <= 8:
                    self.overrides.setdefault(nid, {})[level] = max(0, min(restart, 10**6))

    def label(self, p: Element, by_style: Element | None = None) -> str | None:
        """The number Word shows before paragraph ``p``, or None if it has none: from the
        paragraph's own ``w:numPr``, else from its style's (``by_style``)."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            num_pr = by_style
        if num_pr is None:
            return None
        nid = _val(num_pr.find(f"{_W}numId"))
        if nid is None and by_style is not None:
            nid = _val(by_style.find(f"{_W}numId"))  # own w:ilvl, the style's list
        ilvl = _int(_val(num_pr.find(f"{_W}ilvl"))) or 0
        aid = self.abstract_of.get(nid or "")
        levels = self.levels.get(aid or "", {})
        if aid is None or ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if nid is not None and nid not in self.started:
            self.started.add(nid)
            for level, start in self.overrides.get(nid, {}).items():
                counters[level] = start - 1
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def number(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lstart, lfmt, _ = levels.get(level, (1, "decimal", ""))
            return _format_number(counters.get(level, lstart), lfmt)

        return re.sub(r"%([1-9])", number, text)


def _val(el: Element | None) -> str | None:
    return None if el is None or el.get(f"{_W}val") is None else str(el.get(f"{_W}val"))


def _int(text: str | None) -> int | None:
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letters = "abcdefghijklmnopqrstuvwxyz"
        letter = letters[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)
