"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or
``@`` (and, in some versions, a tab or a carriage return) as a formula: a title copied
from someone else's Word file such as ``=HYPERLINK("http://…")`` or
``+cmd|' /C calc'!A0`` would run when the CSV is opened (OWASP, "CSV Injection"). Every
CSV the library writes passes its *text* cells through :func:`escape_cell`, which puts a
``'`` in front (the spreadsheet's own mark for "this is text"); numbers are written as
they are. The library's own CSV readers pass every cell through :func:`unescape_cell`,
so its files read back exactly.

The two are inverse for every text: a text that already begins with ``'`` followed by a
formula character gets one more ``'``.

>>> escape_cell("=SUM(A1:A9)"), escape_cell("Rà soát"), escape_cell(-5)
("'=SUM(A1:A9)", 'Rà soát', -5)
>>> unescape_cell(escape_cell("'=1")) == "'=1"
True
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["FORMULA_STARTS", "escape_cell", "escape_row", "unescape_cell"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def _needs(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def escape_cell(value: T) -> T | str:
    """``value`` ready for a CSV cell: text that a spreadsheet would run gets a ``'``.

    Anything that is not a ``str`` (an int, a float, None) is returned unchanged.
    """
    if isinstance(value, str) and _needs(value):
        return "'" + value
    return value


def escape_row(values: list[T]) -> list[T | str]:
    """:func:`escape_cell` on each value of a row."""
    return [escape_cell(v) for v in values]


def unescape_cell(text: str) -> str:
    """The text :func:`escape_cell` was given: one leading ``'`` is removed when it marks
    a formula character.

    >>> unescape_cell("'+84 912"), unescape_cell("'quoted")
    ('+84 912', "'quoted")
    """
    if text.startswith("'") and _needs(text[1:]):
        return text[1:]
    return text
