"""Which column is which: a table header's wording, read as roles.

The wordings are data (:data:`HEADER_WORDS`), each role with the header texts real
tables use; :func:`classify_header` and :func:`match_header` read them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import Literal

from attrs import frozen

from kh_tthc.vn import clean, fold

__all__ = [
    "HEADER_TABLE",
    "HEADER_WORDS",
    "Column",
    "Header",
    "HeaderWords",
    "Role",
    "classify_header",
    "header_help",
    "match_header",
    "match_two_rows",
    "text_key",
]


class Role(enum.Enum):
    """What a column of the task table holds.

    ``RESULT`` columns (what was achieved, how far along) and ``EXTRA`` columns are both
    kept on each task as ``Task.extra`` under their header; ``RESULT`` is named so that
    a report table can be told from a plan's.
    """

    NUMBER = "STT"
    TITLE = "Nội dung công việc"
    LEAD = "Đơn vị chủ trì"
    SUPPORT = "Đơn vị phối hợp"
    DEADLINE = "Thời gian hoàn thành"
    RESULT = "Kết quả"
    EXTRA = "other"


# Where the examples below were read (each example is a header cell exactly as printed).
_SEED = "Kế hoạch 05/KH-SKHCN, Sở KH&CN Thái Nguyên, 2025 (shared/seed)"
_NQ03 = "Nghị quyết 03/NQ-CP, Phụ lục II (thetrungdtt/VNMasterplan, NQCP03/NQ03 PL2 Nhiem vu.md)"
_DU57 = (
    "Đảng ủy Chính phủ, báo cáo NQ 57-NQ/TW, Phụ lục 1 (thetrungdtt/VNMasterplan, CPbaocaot5.md)"
)
_ISSUE = "tracking tables of Sở Tư pháp and Ministries, as quoted in the project's issue 9"


@frozen
class HeaderWords:
    """One line of the header-word table: the words that give a column its role.

    ``phrases`` are compared with the header cell's key (:func:`text_key`: no case, no
    accents, no punctuation, no notes in parentheses). ``how`` says where the phrase must
    stand: ``"whole"`` the whole key, ``"start"`` at its start, ``"word"`` anywhere as
    whole words. ``examples`` are real header cells with their source; each one is
    checked by the tests to get this role.
    """

    role: Role
    how: Literal["whole", "start", "word"]
    phrases: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]

    def matches(self, key: str) -> bool:
        if self.how == "whole":
            return key in self.phrases
        if self.how == "start":
            return any(re.match(rf"{re.escape(p)}\b", key) for p in self.phrases)
        return any(re.search(rf"\b{re.escape(p)}\b", key) for p in self.phrases)


#: The header words, tried in this order; the first line that matches gives the role and
#: a header matching none is an extra column. A new wording is one phrase or one example.
HEADER_TABLE: tuple[HeaderWords, ...] = (
    HeaderWords(
        role=Role.NUMBER,
        how="whole",
        phrases=("stt", "tt", "so tt", "so thu tu"),
        examples=(("STT", _SEED), ("TT", _NQ03), ("Số TT", _ISSUE), ("Số thứ tự", _ISSUE)),
    ),
    # Before the completion time, so that "Tiến độ thực hiện" is a result, not a date;
    # before the task, so that "Kết quả thực hiện nhiệm vụ" is not the task's text.
    HeaderWords(
        role=Role.RESULT,
        how="start",
        phrases=("ket qua", "tinh hinh thuc hien", "tien đo thuc hien", "tinh trang"),
        examples=(
            ("Kết quả", _NQ03),
            ("KẾT QUẢ YÊU CẦU", _DU57),
            ("KẾT QUẢ HIỆN NAY", _DU57),
            ("Tình hình thực hiện", _ISSUE),
            ("Tiến độ thực hiện", _ISSUE),
        ),
    ),
    HeaderWords(
        role=Role.DEADLINE,
        how="start",
        phrases=(
            "thoi gian",
            "thoi han",
            "tien đo",
            "han hoan thanh",
            "thoi điem",
            "ngay du kien",
            "du kien thoi gian",
        ),
        examples=(
            ("Thời gian hoàn thành", _SEED),
            ("THỜI GIAN HOÀN THÀNH", _DU57),
            ("Thời gian thực hiện", _ISSUE),
            ("Thời hạn", _ISSUE),
            ("Thời hạn hoàn thành", _ISSUE),
            ("Thời hạn trình", _ISSUE),
            ("Ngày dự kiến trình ban hành", _ISSUE),
            ("Tiến độ", _ISSUE),
        ),
    ),
    HeaderWords(
        role=Role.LEAD,
        how="word",
        phrases=("chu tri",),
        examples=(
            ("Đơn vị chủ trì thực hiện", _SEED),
            ("Cơ quan chủ trì", _NQ03),
            ("Cơ quan chủ trì soạn thảo", _ISSUE),
            ("Bộ, ngành chủ trì", _ISSUE),
            ("Chủ trì", _ISSUE),
        ),
    ),
    HeaderWords(
        role=Role.SUPPORT,
        how="word",
        phrases=("phoi hop", "theo doi"),
        examples=(
            ("Đơn vị phối hợp/theo dõi", _SEED),
            ("Cơ quan phối hợp", _NQ03),
            ("Phối hợp", _ISSUE),
        ),
    ),
    HeaderWords(
        role=Role.LEAD,
        how="word",
        phrases=("đon vi", "co quan", "trach nhiem"),
        examples=(
            ("CƠ QUAN THỰC HIỆN", _DU57),
            ("Cơ quan soạn thảo", _ISSUE),
            ("Đơn vị thực hiện", _ISSUE),
            ("Trách nhiệm thực hiện", _ISSUE),
        ),
    ),
    HeaderWords(
        role=Role.TITLE,
        how="word",
        phrases=(
            "noi dung",
            "nhiem vu",
            "cong viec",
            "hoat đong",
            "ten goi van ban",
            "ten van ban",
            "ten đe an",
        ),
        examples=(
            ("Nội dung công việc", _SEED),
            ("Tên nhiệm vụ", _NQ03),
            ("NHIỆM VỤ", _DU57),
            ("Tên gọi văn bản", _ISSUE),
            ("Tên văn bản", _ISSUE),
            ("Tên đề án", _ISSUE),
            ("Nội dung nhiệm vụ", _ISSUE),
            ("Hoạt động", _ISSUE),
        ),
    ),
)


def _words_by_role() -> dict[Role, tuple[str, ...]]:
    words: dict[Role, dict[str, str]] = {}
    for line in HEADER_TABLE:
        for example, _ in line.examples:
            words.setdefault(line.role, {}).setdefault(example.casefold(), example)
    return {role: tuple(w.values()) for role, w in words.items()}


#: Header wordings recognised for each role (the table's examples), for documentation
#: and error messages.
HEADER_WORDS: dict[Role, tuple[str, ...]] = _words_by_role()

_PUNCT = re.compile(r"[^\w/&]+")


def text_key(text: str) -> str:
    """A header's text compared without case, accents, punctuation or notes.

    >>> text_key("Nội dung công việc (2)") == text_key("NOI DUNG CONG VIEC")
    True
    """
    no_notes = re.sub(r"\(.*?\)", " ", fold(text))
    return " ".join(_PUNCT.sub(" ", no_notes).split())


def classify_header(text: str) -> Role | None:
    """The role of a header cell, or None when the cell is empty.

    The first line of :data:`HEADER_TABLE` whose words the cell has gives the role;
    matching ignores case, diacritics and punctuation. A wording that matches no line is
    an extra column (kept on each task as ``Task.extra``).

    >>> classify_header("Đơn vị chủ trì thực hiện")
    <Role.LEAD: 'Đơn vị chủ trì'>
    >>> classify_header("THỜI GIAN THỰC HIỆN")
    <Role.DEADLINE: 'Thời gian hoàn thành'>
    >>> classify_header("Tiến độ thực hiện")
    <Role.RESULT: 'Kết quả'>
    >>> classify_header("Sản phẩm")
    <Role.EXTRA: 'other'>
    """
    key = text_key(text)
    if not key:
        return None
    for line in HEADER_TABLE:
        if line.matches(key):
            return line.role
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
        if role is None or (role in seen and role is not Role.RESULT):
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

    A sub-heading takes its role from its own words and its name from both rows, so
    "Hình thức xử lý" over "Thay thế", "Bãi bỏ", "Ban hành mới" gives the columns
    "Hình thức xử lý: Thay thế" and so on. A parent merged across several columns
    arrives in its first column only (the others are empty); it is carried to the right
    over the sub-headings under it.

    >>> h = match_two_rows(["STT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian"],
    ...                    ["", "", "Chủ trì", "Phối hợp", ""])
    >>> [c.role.name for c in h.columns]
    ['NUMBER', 'TITLE', 'LEAD', 'SUPPORT', 'DEADLINE']
    >>> h = match_two_rows(["TT", "Tên văn bản", "Cơ quan soạn thảo", "Hình thức xử lý", "", ""],
    ...                    ["", "", "", "Thay thế", "Bãi bỏ", "Ban hành mới"])
    >>> [c.header for c in h.columns[3:]]
    ['Hình thức xử lý: Thay thế', 'Hình thức xử lý: Bãi bỏ', 'Hình thức xử lý: Ban hành mới']
    """
    if not any(t.strip() for t in second) or match_header(second) is not None:
        return None  # the lower row is a header by itself: the upper one is a title
    width = max(len(first), len(second))
    below = [clean(t) for t in [*second, *[""] * (width - len(second))]]
    above = [clean(t) for t in [*first, *[""] * (width - len(first))]]
    parents: list[str] = []
    for i in range(width):
        if above[i]:
            parents.append(above[i] if below[i] else "")
        else:
            parents.append(parents[-1] if parents and below[i] else "")
    pair = match_header([b or a for a, b in zip(above, below, strict=True)])
    if pair is None:
        return None
    alone = _known(match_header(first))
    # Sub-headings under an unnamed column (a parent merged across) name new columns;
    # a task row never has its number and text cells empty.
    names_new = any(b and not p and not a for a, b, p in zip(above, below, parents, strict=True))
    names_new = names_new or any(b and p for b, p in zip(below, parents, strict=True))
    keys = [i for i in (pair.index(Role.NUMBER), pair.index(Role.TITLE)) if i is not None]
    if _known(pair) < alone or (
        _known(pair) == alone and not (names_new and not any(below[i] for i in keys))
    ):
        return None
    columns = tuple(
        Column(role=c.role, header=f"{p}: {b}" if p and b and fold(p) != fold(b) else c.header)
        for c, p, b in zip(pair.columns, parents, below, strict=True)
    )
    return Header(columns, second_row=tuple(below))


def header_help() -> str:
    """What a header row must look like, for error messages."""
    title = " / ".join(f"'{w}'" for w in HEADER_WORDS[Role.TITLE][:3])
    others = ", ".join(f"'{HEADER_WORDS[r][0]}'" for r in _CORE)
    return (
        f"a header row with a task column ({title}...) and at least two of {others} "
        "(wording, case and accents may vary)"
    )
