"""Formatting resolved the way Word resolves it (ECMA-376 Part 1, 17.7.2 "Style hierarchy").

A run property comes from the run's direct formatting, then its character style and that
style's bases, then the paragraph's style and its bases (the default paragraph style when
the paragraph names none), then the document defaults; a font given as a theme slot
(``w:asciiTheme``) is read from the theme's major or minor font.

>>> W_NS.endswith("/main")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["W_NS", "Resolver", "w"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_OFF = {"0", "false", "off"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag.

    >>> w("b")
    '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}b'
    """
    return f"{{{W_NS}}}{tag}"


class Resolver:
    """Effective run and paragraph properties of one python-docx ``Document``."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self._styles = {s.get(w("styleId")): s for s in root.findall(w("style"))}
        self._default_para = next(
            (
                s.get(w("styleId"))
                for s in root.findall(w("style"))
                if s.get(w("type")) == "paragraph" and s.get(w("default")) in {"1", "true", "on"}
            ),
            None,
        )
        defaults = root.find(w("docDefaults"))
        self._rpr_default = (
            None if defaults is None else defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
        )
        self._ppr_default = (
            None if defaults is None else defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        )
        self._theme = _theme_fonts(document)

    def _chain(self, style_id: str | None, prop: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            pr = style.find(w(prop))
            if pr is not None:
                yield pr
            based = style.find(w("basedOn"))
            style_id = None if based is None else based.get(w("val"))

    def _para_style(self, p: Any) -> str | None:
        ppr = p.find(w("pPr"))
        ps = None if ppr is None else ppr.find(w("pStyle"))
        return self._default_para if ps is None else ps.get(w("val"))

    def run_props(self, p: Any, r: Any) -> list[Any]:
        """The rPr elements that apply to run ``r`` of paragraph ``p``, nearest first."""
        out: list[Any] = []
        rpr = r.find(w("rPr"))
        if rpr is not None:
            out.append(rpr)
            rs = rpr.find(w("rStyle"))
            if rs is not None:
                out.extend(self._chain(rs.get(w("val")), "rPr"))
        out.extend(self._chain(self._para_style(p), "rPr"))
        if self._rpr_default is not None:
            out.append(self._rpr_default)
        return out

    def para_props(self, p: Any) -> list[Any]:
        """The pPr elements that apply to paragraph ``p``, nearest first."""
        out: list[Any] = []
        ppr = p.find(w("pPr"))
        if ppr is not None:
            out.append(ppr)
        out.extend(self._chain(self._para_style(p), "pPr"))
        if self._ppr_default is not None:
            out.append(self._ppr_default)
        return out

    def bold(self, p: Any, r: Any) -> bool:
        """Whether run ``r`` shows bold."""
        return _toggle(self.run_props(p, r), "b")

    def italic(self, p: Any, r: Any) -> bool:
        """Whether run ``r`` shows italic."""
        return _toggle(self.run_props(p, r), "i")

    def size(self, p: Any, r: Any) -> float:
        """Run ``r``'s size in points (Word's default 10 pt when nothing sets it)."""
        for pr in self.run_props(p, r):
            sz = pr.find(w("sz"))
            if sz is not None and sz.get(w("val")):
                return int(sz.get(w("val"))) / 2
        return 10.0

    def font(self, p: Any, r: Any) -> str | None:
        """Run ``r``'s Latin font name, theme slots read from the theme."""
        for pr in self.run_props(p, r):
            fonts = pr.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w("asciiTheme"))
            if theme:
                return self._theme.get("major" if theme.startswith("major") else "minor")
            name = fonts.get(w("ascii"))
            if name:
                return str(name)
        return None

    def align(self, p: Any) -> str:
        """The paragraph's alignment (``left`` when nothing sets it)."""
        for pr in self.para_props(p):
            jc = pr.find(w("jc"))
            if jc is not None:
                return str(jc.get(w("val")))
        return "left"


def _toggle(props: list[Any], tag: str) -> bool:
    for pr in props:
        el = pr.find(w(tag))
        if el is not None:
            return el.get(w("val")) not in _OFF
    return False


def _theme_fonts(document: Any) -> dict[str, str]:
    from docx.oxml import parse_xml  # python-docx's parser: no entities, no network

    fonts: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype != _THEME or rel.is_external:
            continue
        try:
            root = parse_xml(rel.target_part.blob)
        except SyntaxError:  # lxml's XMLSyntaxError
            return fonts
        for slot in ("major", "minor"):
            latin = root.find(f".//{{{_A_NS}}}{slot}Font/{{{_A_NS}}}latin")
            if latin is not None and latin.get("typeface"):
                fonts[slot] = str(latin.get("typeface"))
    return fonts
