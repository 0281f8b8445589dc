"""The numbers Word shows for list paragraphs: how one counter is written in each format
(ECMA-376 Part 1, 17.18.59 ST_NumberFormat), at the edges of what each format can write.

The lists are illustrative numbering parts made here, in the shape Word writes them.
"""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from kh_tthc.importing.word_numbering import WordNumbering, _format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "upperRoman", "I"),
        (3999, "upperRoman", "MMMCMXCIX"),
        (14, "lowerRoman", "xiv"),
        # Roman numerals stop at 3999 and have no zero: the counter is written in figures.
        (0, "upperRoman", "0"),
        (0, "lowerRoman", "0"),
        (4000, "upperRoman", "4000"),
        (4000, "lowerRoman", "4000"),
        (1, "lowerLetter", "a"),
        (25, "lowerLetter", "y"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (52, "upperLetter", "ZZ"),
        (53, "upperLetter", "AAA"),
        # No letter for zero either.
        (0, "lowerLetter", "0"),
        (0, "upperLetter", "0"),
        (7, "decimal", "7"),
        (7, "ordinal", "7"),  # a format not read: figures
    ],
)
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert _format_number(n, fmt) == expected


def numbering(start: str, fmt: str) -> WordNumbering:
    """A python-docx document whose numbering part holds one list of one level."""
    xml = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    document = docx.Document()
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    for child in etree.fromstring(xml):
        root.append(child)
    return WordNumbering(document)


PARA = (
    f'<w:p xmlns:w="{W}"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/>'
    "</w:numPr></w:pPr></w:p>"
)


@pytest.mark.parametrize(
    ("start", "fmt", "expected"),
    [
        ("0", "upperRoman", ["0.", "I.", "II."]),
        ("0", "lowerLetter", ["0.", "a.", "b."]),
        ("3999", "upperRoman", ["MMMCMXCIX.", "4000.", "4001."]),
    ],
)
def test_list_counting_past_the_edges(start: str, fmt: str, expected: list[str]) -> None:
    """A list starting at 0 (Word allows it) or running past 3999 keeps numbering."""
    n = numbering(start, fmt)
    para = etree.fromstring(PARA)
    assert [n.label(para) for _ in expected] == expected


def part(abstract: str, nums: str) -> WordNumbering:
    """A numbering part of these abstract lists and w:num entries (illustrative XML)."""
    xml = f'<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>'
    document = docx.Document()
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    for child in etree.fromstring(xml):
        root.append(child)
    return WordNumbering(document)


def lvl(ilvl: str, text: str, start: str | None = "1", fmt: str | None = "decimal") -> str:
    inner = "" if start is None else f'<w:start w:val="{start}"/>'
    inner += "" if fmt is None else f'<w:numFmt w:val="{fmt}"/>'
    return f'<w:lvl w:ilvl="{ilvl}">{inner}<w:lvlText w:val="{text}"/></w:lvl>'


def abstract(*levels: str, aid: str = "0") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def num(nid: str, aid: str = "0", overrides: dict[str, str] | None = None) -> str:
    inner = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for level, start in (overrides or {}).items()
    )
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{inner}</w:num>'


def p(nid: str | None, ilvl: str | None = "0") -> etree._Element:
    inner = "" if nid is None else f'<w:numId w:val="{nid}"/>'
    inner += "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:numPr>{inner}</w:numPr></w:pPr></w:p>')


class TestLabels:
    @pytest.mark.parametrize(
        ("start", "first"),
        [("-5", "0."), ("2000000", "1000000."), ("x", "0."), ("7", "7.")],
    )
    def test_start_is_kept_within_bounds(self, start: str, first: str) -> None:
        """A start below 0 counts from 0, one above a million from a million; a start
        that is no number counts from 0."""
        n = part(abstract(lvl("0", "%1.", start=start)), num("1"))
        assert n.label(p("1")) == first

    def test_defaults_of_a_level(self) -> None:
        """No w:start counts from 0; no w:numFmt is decimal."""
        n = part(abstract(lvl("0", "(%1)", start=None, fmt=None)), num("1"))
        assert [n.label(p("1")) for _ in range(2)] == ["(0)", "(1)"]

    def test_levels_zero_to_eight(self) -> None:
        n = part(abstract(lvl("8", "%9)"), lvl("9", "%1"), lvl("-1", "%1")), num("1"))
        assert n.label(p("1", "8")) == "1)"
        assert n.label(p("1", "9")) is None
        assert n.label(p("1", "-1")) is None

    def test_override_restarts_once(self) -> None:
        """A w:num's startOverride sets its level's count the first time that w:num is
        used (the count is the abstract list's, shared by its w:num entries); bounds as
        for w:start; levels past 8 are ignored."""
        n = part(
            abstract(lvl("0", "%1."), aid="1")
            + abstract(lvl("0", "%1."), aid="2")
            + abstract(lvl("0", "%1."), lvl("1", "%1.%2."), aid="3"),
            num("2", aid="1", overrides={"0": "-3", "9": "7"})
            + num("5", aid="1", overrides={"0": "10"})
            + num("3", aid="2", overrides={"0": "3000000"})
            + num("4", aid="3", overrides={"1": "4"}),
        )
        assert [n.label(p("2")), n.label(p("2"))] == ["0.", "1."]
        assert [n.label(p("5")), n.label(p("2")), n.label(p("5"))] == ["10.", "11.", "12."]
        assert [n.label(p("3")), n.label(p("3"))] == ["1000000.", "1000001."]
        assert [n.label(p("4", "1")), n.label(p("4", "1"))] == ["1.4.", "1.5."]

    def test_counting_up_restarts_deeper_levels(self) -> None:
        n = part(abstract(lvl("0", "%1."), lvl("1", "%1.%2."), lvl("2", "%1.%2.%3.")), num("1"))
        got = [n.label(p("1", ilvl)) for ilvl in ("0", "1", "2", "2", "1", "2", "0", "2")]
        assert got == ["1.", "1.1.", "1.1.1.", "1.1.2.", "1.2.", "1.2.1.", "2.", "2.1.1."]

    def test_a_level_not_counted_yet(self) -> None:
        """ "%2" before level 2 was used shows its start; "%3" of a level the list lacks
        shows 1."""
        n = part(
            abstract(lvl("0", "%2-%1-%3"), lvl("1", "%2", start="5", fmt="upperLetter")), num("1")
        )
        assert n.label(p("1")) == "E-1-1"

    def test_no_level_given_is_level_zero(self) -> None:
        n = part(abstract(lvl("0", "%1.")), num("1"))
        assert n.label(p("1", None)) == "1."

    def test_style_list_with_the_paragraph_level(self) -> None:
        """A paragraph's own w:numPr without w:numId uses the style's list."""
        n = part(abstract(lvl("0", "%1."), lvl("1", "%2)", fmt="lowerLetter")), num("1"))
        style = p("1", "0").find(f"{{{W}}}pPr/{{{W}}}numPr")
        assert n.label(p(None, "1"), by_style=style) == "a)"
        assert n.label(p(None, "1")) is None  # no list at all

    def test_a_list_naming_an_unknown_abstract_list(self) -> None:
        n = part(abstract(lvl("0", "%1.")), num("1", aid="7"))
        assert n.label(p("1")) is None

    def test_an_empty_list_id_is_an_id(self) -> None:
        """List ids are compared as written: a paragraph naming the list "" is numbered
        by the w:num whose w:numId is "" (and not by one with another id)."""
        n = part(abstract(lvl("0", "%1.")), num("") + num("2"))
        assert [n.label(p("")), n.label(p(""))] == ["1.", "2."]
