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
