"""Which column is which: a table header's wording, read as roles.

The wordings are data (:data:`HEADER_WORDS`), each role with the header texts real
tables use; :func:`classify_header` and :func:`match_header` read them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from attrs import frozen

from kh_tthc.vn import clean, fold

__all__ = [
    "HEADER_WORDS",
    "Column",
    "Header",
    "Role",
    "classify_header",
    "header_help",
    "match_header",
    "match_two_rows",
    "text_key",
]


class Role(enum.Enum):
    """What a column of the task table holds."""

    NUMBER = "STT"
    TITLE = "Nội dung công việc"
    LEAD = "Đơn vị chủ trì"
    SUPPORT = "Đơn vị phối hợp"
    DEADLINE = "Thời gian hoàn thành"
    EXTRA = "other"


#: Header wordings recognised for each role, as documentation and for error messages.
HEADER_WORDS: dict[Role, tuple[str, ...]] = {
    Role.NUMBER: ("STT", "TT", "Số TT", "Số thứ tự"),
    Role.TITLE: (
        "Nội dung công việc",
        "Nội dung nhiệm vụ",
        "Nhiệm vụ",
        "Nội dung",
        "Công việc",
        "Tên nhiệm vụ",
        "Hoạt động",
    ),
    Role.LEAD: (
        "Đơn vị chủ trì",
        "Cơ quan chủ trì",
        "Chủ trì",
        "Đơn vị chủ trì thực hiện",
        "Đơn vị thực hiện",
        "Cơ quan thực hiện",
        "Trách nhiệm thực hiện",
    ),
    Role.SUPPORT: (
        "Đơn vị phối hợp",
        "Cơ quan phối hợp",
        "Phối hợp",
        "Đơn vị phối hợp/theo dõi",
        "Đơn vị theo dõi",
    ),
    Role.DEADLINE: (
        "Thời gian hoàn thành",
        "Thời gian thực hiện",
        "Thời hạn",
        "Thời hạn hoàn thành",
        "Thời gian",
        "Tiến độ",
    ),
}

_PUNCT = re.compile(r"[^\w/&]+")


def text_key(text: str) -> str:
    # Diacritic- and case-insensitive, parentheses and punctuation ignored:
    # "Nội dung công việc (2)" and "NOI DUNG CONG VIEC" give the same key.
    no_notes = re.sub(r"\(.*?\)", " ", fold(text))
    return " ".join(_PUNCT.sub(" ", no_notes).split())


def classify_header(text: str) -> Role | None:
    """The role of a header cell, or None when the cell is empty.

    Matching ignores case, diacritics and punctuation. A wording that matches no role is
    an extra column (kept on each task as ``Task.extra``).

    >>> classify_header("Đơn vị chủ trì thực hiện")
    <Role.LEAD: 'Đơn vị chủ trì'>
    >>> classify_header("THỜI GIAN THỰC HIỆN")
    <Role.DEADLINE: 'Thời gian hoàn thành'>
    >>> classify_header("Sản phẩm")
    <Role.EXTRA: 'other'>
    """
    k = text_key(text)
    if not k:
        return None
    if re.fullmatch(r"(stt|tt|so tt|so thu tu)", k):
        return Role.NUMBER
    if re.match(r"(thoi gian|thoi han|tien đo|han hoan thanh|thoi điem)\b", k):
        return Role.DEADLINE
    if "chu tri" in k:
        return Role.LEAD
    if re.search(r"\b(phoi hop|theo doi)\b", k):
        return Role.SUPPORT
    if re.search(r"\b(đon vi|co quan|trach nhiem)\b", k):
        return Role.LEAD
    if re.search(r"\b(noi dung|nhiem vu|cong viec|hoat đong)\b", k):
        return Role.TITLE
    return Role.EXTRA


@frozen
class Column:
    """A column of the task table: its role and the header's own wording."""

    role: Role
    header: str


@frozen
class Header:
    """The recognised header: one :class:`Column` per cell, in order.

    ``second_row`` holds the lower row's texts when the header takes two rows ("Đơn vị
    thực hiện" above "Chủ trì" and "Phối hợp"), so that a repeat of it is recognised.
    """

    columns: tuple[Column, ...]
    second_row: tuple[str, ...] = ()

    def index(self, role: Role) -> int | None:
        for i, c in enumerate(self.columns):
            if c.role is role:
                return i
        return None

    @property
    def roles(self) -> tuple[Role, ...]:
        return tuple(c.role for c in self.columns)


_CORE = (Role.NUMBER, Role.LEAD, Role.SUPPORT, Role.DEADLINE)


def match_header(cells: Sequence[str]) -> Header | None:
    """The header a row of cells makes, or None when it is not a task table's header.

    A header needs a task column ("Nội dung công việc", "Nhiệm vụ"...) and at least two
    of the number, lead, support and completion-time columns. A role seen twice counts
    once; the second column is kept as an extra one.

    >>> h = match_header(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ghi chú"])
    >>> [c.role.name for c in h.columns]
    ['NUMBER', 'TITLE', 'LEAD', 'DEADLINE', 'EXTRA']
    >>> match_header(["UBND TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) is None
    True
    """
    columns: list[Column] = []
    seen: set[Role] = set()
    for i, text in enumerate(cells):
        role = classify_header(text)
        name = clean(text) or f"Cột {i + 1}"
        if role is None or role in seen:
            role = Role.EXTRA
        if role is not Role.EXTRA:
            seen.add(role)
        columns.append(Column(role=role, header=name))
    if Role.TITLE not in seen or sum(r in seen for r in _CORE) < 2:
        return None
    return Header(tuple(columns))


def _known(header: Header | None) -> int:
    return 0 if header is None else sum(c.role is not Role.EXTRA for c in header.columns)


def match_two_rows(first: Sequence[str], second: Sequence[str]) -> Header | None:
    """The header two rows make together, if they describe more columns than the first
    row alone: a parent heading above sub-headings, cells of one column on the grid.

    >>> h = match_two_rows(["STT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian"],
    ...                    ["", "", "Chủ trì", "Phối hợp", ""])
    >>> [c.role.name for c in h.columns]
    ['NUMBER', 'TITLE', 'LEAD', 'SUPPORT', 'DEADLINE']
    """
    if not any(t.strip() for t in second) or match_header(second) is not None:
        return None  # the lower row is a header by itself: the upper one is a title
    width = max(len(first), len(second))
    below = [*second, *[""] * (width - len(second))]
    above = [*first, *[""] * (width - len(first))]
    pair = match_header([b if b.strip() else a for a, b in zip(above, below, strict=True)])
    if pair is None or _known(pair) <= _known(match_header(first)):
        return None
    return Header(pair.columns, second_row=tuple(clean(t) for t in second))


def header_help() -> str:
    """What a header row must look like, for error messages."""
    title = " / ".join(f"'{w}'" for w in HEADER_WORDS[Role.TITLE][:3])
    others = ", ".join(f"'{HEADER_WORDS[r][0]}'" for r in _CORE)
    return (
        f"a header row with a task column ({title}...) and at least two of {others} "
        "(wording, case and accents may vary)"
    )
