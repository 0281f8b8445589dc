"""The plain rows every reader produces, and the limits every reader shares.

A reader (Word, CSV, ...) turns its source into :class:`RawRow` values of
:class:`Cell` s; everything after that is format-independent.
"""

from __future__ import annotations

from attrs import field, frozen

from kh_tthc.vn import nfc

__all__ = ["MAX_ROWS", "PLACEHOLDER", "PLACEHOLDER_CODE", "PLACEHOLDER_YEAR", "Cell", "RawRow"]

#: A task table with more rows than this is refused: a real plan has tens or hundreds.
MAX_ROWS = 5000

#: The year used for the period and issue date when neither the source nor the caller
#: gives one; it is always reported as a warning.
PLACEHOLDER_YEAR = 2000

#: Placeholders written where the source lacks a required value; each is reported.
PLACEHOLDER = "[cần điền]"
PLACEHOLDER_CODE = "XXX"


@frozen(kw_only=True)
class Cell:
    """One cell of a source row, as the format-specific reader saw it.

    ``text`` keeps line and paragraph breaks as "\\n" (several units are often written
    one per line). ``merged`` marks a cell spanning columns of other roles (a group row
    merged across the table); ``continued`` marks the lower part of a vertically merged
    cell, whose ``text`` the reader has already filled with the value above.
    """

    text: str = field(default="", converter=nfc)
    bold: bool = False
    merged: bool = False
    continued: bool = False


@frozen(kw_only=True)
class RawRow:
    """A row of the source table: its cells, and where it is for warnings.

    ``label`` is the row as a person finds it in the source ("table 2, row 7"); ``line``
    is the line in a text file. Either may be empty.
    """

    cells: tuple[Cell, ...]
    label: str = ""
    line: int | None = None

    def text(self, i: int | None) -> str:
        if i is None or i >= len(self.cells):
            return ""
        return self.cells[i].text

    def cell(self, i: int | None) -> Cell:
        if i is None or i >= len(self.cells):
            return Cell()
        return self.cells[i]
