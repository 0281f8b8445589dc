"""One mechanism for importing a plan's task table, whatever file it comes from.

The DOCX and CSV readers only turn their source into plain rows of cells
(:class:`RawRow`); everything else is here and shared: recognising the header row by
its wording, turning numbering such as "I, 1, 2, II, 1" into "1, 1.1, 1.2, 2, 2.1",
splitting unit cells, naming units, reading the document's header lines (issuer,
number, date, title) and filling placeholders where the source is silent.

Nothing is dropped silently: each row becomes a task, or a warning that names the row
and says why it was not one.
"""

from __future__ import annotations

import calendar
import contextlib
import enum
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from attrs import field, frozen

from kh_tthc.deadline import Deadline, parse_deadline
from kh_tthc.errors import KhTthcError, PlanFileError, PlanInvalid, Problem, Severity
from kh_tthc.model import (
    Authority,
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    TaskNumber,
    Unit,
)
from kh_tthc.validate import check_plan
from kh_tthc.vn import clean, fold, from_roman, nfc

__all__ = [
    "MAX_ROWS",
    "PLACEHOLDER_YEAR",
    "Cell",
    "EncryptedSource",
    "FrontMatter",
    "Header",
    "ImportResult",
    "LegacyWordFormat",
    "NoTaskTable",
    "RawRow",
    "Role",
    "SourceRejected",
    "UnsafeSource",
    "build_plan",
    "classify_header",
    "header_help",
    "match_header",
    "match_two_rows",
    "read_front_matter",
    "rows_to_tasks",
    "split_units",
]

#: A task table with more rows than this is refused: a real plan has tens or hundreds.
MAX_ROWS = 5000

#: The year used for the period and issue date when neither the source nor the caller
#: gives one; it is always reported as a warning.
PLACEHOLDER_YEAR = 2000

#: Placeholders written where the source lacks a required value; each is reported.
PLACEHOLDER = "[cần điền]"
PLACEHOLDER_CODE = "XXX"


# -- errors -------------------------------------------------------------------------


class SourceRejected(PlanFileError):
    """A file that cannot be imported as a plan: the message says why and what to do."""


class NoTaskTable(SourceRejected):
    """The file holds no table whose header row looks like a plan's task table."""


class UnsafeSource(SourceRejected):
    """The file is refused before parsing: too large, too many rows, or hostile XML."""


class EncryptedSource(SourceRejected):
    """The file is password-protected; it must be saved without a password first."""


class LegacyWordFormat(SourceRejected):
    """An old binary Word (.doc) file that could not be converted to .docx."""


# -- results ------------------------------------------------------------------------


@frozen(kw_only=True)
class ImportResult:
    """A plan read from a source document, and what a person should check in it.

    ``warnings`` holds a :class:`~kh_tthc.Problem` of severity warning for every row that
    did not become a task as written, every placeholder filled in for missing header
    data, and every warning the plan's own checks raise.
    """

    plan: Plan
    warnings: tuple[Problem, ...] = ()


# -- header row ---------------------------------------------------------------------


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


def _key(text: str) -> str:
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
    k = _key(text)
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


# -- rows ---------------------------------------------------------------------------


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


_BULLET = "-–—+•*·"
_SPLIT_DASH = re.compile(r"\s+[-–—+•]\s+(?=\S)")


def _unit_name(text: str) -> str:
    return clean(text).lstrip(_BULLET + " ").rstrip(" .;,:").strip()


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
            parts = _SPLIT_DASH.split(item) if item[:1] in _BULLET and item[:1] else [item]
            for part in parts:
                name = _unit_name(part)
                if name and name.casefold() not in (n.casefold() for n in names):
                    names.append(name)
    return tuple(names)


class _Units:
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


# -- numbers ------------------------------------------------------------------------

_ROMAN = re.compile(r"^([IVX]+)\s*[.:)]?$")
_LETTER = re.compile(r"^\(?([a-zđ]|i{1,3}|iv|vi{0,3}|ix|x)\s*[.)]$|^[a-zđ]$")
_PAREN_NUMBER = re.compile(r"^\(?(\d+)\)$")
_PREFIX = re.compile(
    r"^(?P<num>[IVX]+\.|\d+(?:\.\d+)+\.?|\d+\.)\s+(?P<rest>\S.*)$",
    re.DOTALL,
)


@frozen
class _Stt:
    kind: str  # "roman", "number", "letter", "none" or "unknown"
    parts: tuple[int, ...] = ()
    text: str = ""


def _parse_stt(text: str) -> _Stt:
    s = clean(text)
    if not s or all(c in _BULLET for c in s):
        return _Stt("none", text=s)
    m = _ROMAN.match(s)
    if m:
        try:
            n = from_roman(m.group(1))
        except ValueError:
            n = 0
        if 0 < n < 40:
            return _Stt("roman", (n,), s)
    try:
        return _Stt("number", TaskNumber.parse(s).parts, s)
    except KhTthcError:
        pass
    m = _PAREN_NUMBER.match(s)
    if m and int(m.group(1)) > 0:
        return _Stt("number", (int(m.group(1)),), s)
    if _LETTER.match(s):
        return _Stt("letter", text=s)
    return _Stt("unknown", text=s)


# -- rows to tasks ------------------------------------------------------------------


@frozen(kw_only=True)
class TableResult:
    """Tasks, units and warnings from the rows of one task table."""

    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]
    warnings: tuple[Problem, ...]


class _Draft:
    """A task being built; rows may still add units to it (continuations)."""

    def __init__(self, number: TaskNumber, title: str, row: RawRow) -> None:
        self.number = number
        self.title = title
        self.row = row
        self.lead: list[str] = []
        self.support: list[str] = []
        self.deadline: Deadline | None = None
        self.deadline_text = ""
        self.heading = False
        self.bold = False
        self.note = ""
        self.extra: list[tuple[str, str]] = []


def _is_column_numbers(texts: Sequence[str]) -> bool:
    # The "(1) (2) (3) ..." row that many tables carry under the header.
    values = [t.strip() for t in texts if t.strip()]
    if len(values) < 3 or not all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in values):
        return False
    numbers = [int(v.strip("()")) for v in values]
    return numbers == sorted(set(numbers))


class _Reader:
    def __init__(self, header: Header, path: Path | None) -> None:
        self.header = header
        self.path = path
        self.units = _Units()
        self.drafts: list[_Draft] = []
        self.warnings: list[Problem] = []
        self.used: set[TaskNumber] = set()
        self.roman: int | None = None
        self.last_numbered: TaskNumber | None = None
        self.auto: dict[TaskNumber | None, int] = {}
        self.remap: tuple[tuple[int, ...], tuple[int, ...]] | None = None
        self.empty_rows: list[RawRow] = []
        self.i_number = header.index(Role.NUMBER)
        self.i_title = header.index(Role.TITLE)
        self.i_lead = header.index(Role.LEAD)
        self.i_support = header.index(Role.SUPPORT)
        self.i_deadline = header.index(Role.DEADLINE)
        self.i_extra = [i for i, c in enumerate(header.columns) if c.role is Role.EXTRA]
        self.extra_names = self._extra_names()

    def _extra_names(self) -> dict[int, str]:
        # Extra columns become keys of a TOML table, so equal headers get a suffix.
        names: dict[int, str] = {}
        seen: dict[str, int] = {}
        for i in self.i_extra:
            name = self.header.columns[i].header
            count = seen.get(name.casefold(), 0) + 1
            seen[name.casefold()] = count
            names[i] = name if count == 1 else f"{name} ({count})"
        return names

    def warn(self, row: RawRow | None, message: str, task: TaskNumber | None = None) -> None:
        where = [] if row is None or not row.label else [row.label]
        if task is not None:
            where.append(f"task {task}")
        self.warnings.append(
            Problem(
                message=message,
                severity=Severity.WARNING,
                where=", ".join(where),
                file=self.path,
                line=None if row is None else row.line,
            )
        )

    # -- per row --

    def add(self, row: RawRow) -> None:
        texts = [c.text for c in row.cells]
        if not any(t.strip() for t in texts):
            self.empty_rows.append(row)
            return
        self._flush_empty()
        if len(row.cells) > len(self.header.columns):
            extra = row.cells[len(self.header.columns) :]
            if any(c.text.strip() for c in extra):
                self._widen(len(row.cells))
        second = self.header.second_row
        if match_header(texts) is not None or (
            second and [clean(t) for t in texts[: len(second)]] == list(second)
        ):
            self.warn(row, "repeats the header row; skipped")
            return
        if _is_column_numbers(texts):
            self.warn(row, "column numbers under the header; skipped")
            return
        number_cell, title_cell = row.cell(self.i_number), row.cell(self.i_title)
        number_text = clean(number_cell.text) if not number_cell.continued else ""
        title = clean(title_cell.text) if not title_cell.continued else ""
        stt = _parse_stt(number_text)
        merged_number = False
        if stt.kind in ("unknown", "none") and not title:
            # A group row merged across the table: "I. NHIỆM VỤ CHUNG" in the STT cell.
            m = _PREFIX.match(number_text)
            if m:
                stt, title, merged_number = _parse_stt(m.group("num")), clean(m.group("rest")), True
        elif stt.kind == "none":
            m = _PREFIX.match(title)
            if m and _parse_stt(m.group("num")).kind in ("roman", "number"):
                stt, title = _parse_stt(m.group("num")), clean(m.group("rest"))
        if not title and stt.kind == "none":
            self._continuation(row)
            return
        if not title and stt.kind != "unknown":
            self.warn(
                row, f"has the number {number_text!r} but no task text; titled {PLACEHOLDER!r}"
            )
            title = PLACEHOLDER
        elif not title:
            title = number_text
        if stt.kind in ("none", "letter", "unknown"):
            title = title.lstrip(_BULLET + " ") or title
        number = self._number(row, stt)
        draft = _Draft(number, title, row)
        draft.heading = (
            stt.kind == "roman" or merged_number or title_cell.merged or number_cell.merged
        )
        draft.bold = (title_cell.bold if title_cell.text.strip() else number_cell.bold) and bool(
            title
        )
        self._fill(draft, row)
        self.drafts.append(draft)

    def _widen(self, n: int) -> None:
        cols = list(self.header.columns)
        for i in range(len(cols), n):
            cols.append(Column(role=Role.EXTRA, header=f"Cột {i + 1}"))
            self.i_extra.append(i)
        self.header = Header(tuple(cols))
        self.extra_names = self._extra_names()

    def _fill(self, draft: _Draft, row: RawRow) -> None:
        draft.lead += self.units.ids(split_units(row.text(self.i_lead)))
        draft.support += self.units.ids(split_units(row.text(self.i_support)))
        text = clean(row.text(self.i_deadline))
        if text:
            self._set_deadline(draft, row, text)
        for i in self.i_extra:
            value = clean(row.text(i))
            if not value:
                continue
            name = self.extra_names[i]
            known = dict(draft.extra)
            if name in known:  # a continuation row adds to the same column
                draft.extra = [(k, f"{v}; {value}" if k == name else v) for k, v in draft.extra]
            else:
                draft.extra.append((name, value))

    def _set_deadline(self, draft: _Draft, row: RawRow, text: str) -> None:
        if draft.deadline is not None:
            if fold(text) != fold(draft.deadline_text):
                self.warn(
                    row,
                    f"a second completion time {text!r}; kept {draft.deadline_text!r} "
                    "and added this one to the note",
                    draft.number,
                )
                draft.note = clean(f"{draft.note} Thời gian hoàn thành: {text}")
            return
        try:
            draft.deadline = parse_deadline(text)
            draft.deadline_text = text
        except KhTthcError as exc:
            self.warn(row, f"completion time not read ({exc}); kept in the note", draft.number)
            draft.note = clean(f"{draft.note} Thời gian hoàn thành: {text}")

    def _continuation(self, row: RawRow) -> None:
        if not self.drafts:
            self.warn(row, "has no number and no task text, and no task above it; skipped")
            return
        draft = self.drafts[-1]
        self.warn(
            row,
            "has no number and no task text; its cells were added to the task above",
            draft.number,
        )
        self._fill(draft, row)

    def _flush_empty(self) -> None:
        if not self.empty_rows:
            return
        first, last = self.empty_rows[0], self.empty_rows[-1]
        self.empty_rows = []
        if first is last:
            self.warn(first, "empty row; skipped")
            return
        span = RawRow(
            cells=(),
            label=f"{first.label} to {last.label.rpartition(' ')[2]}" if first.label else "",
            line=first.line,
        )
        self.warn(span, "empty rows; skipped")

    # -- numbering --

    def _number(self, row: RawRow, stt: _Stt) -> TaskNumber:
        note = ""
        if stt.kind == "roman":
            self.roman = stt.parts[0]
            parts = stt.parts
        elif stt.kind == "number":
            parts = stt.parts if self.roman is None else (self.roman, *stt.parts)
        else:
            parent = self.last_numbered
            count = self.auto.get(parent, 0) + 1
            self.auto[parent] = count
            parts = (count,) if parent is None else (*parent.parts, count)
            under = "at the top level" if parent is None else f"under task {parent}"
            what = f"the STT {stt.text!r} is not a number" if stt.text else "no number (STT)"
            note = f"{what}; numbered {TaskNumber(parts)} {under}"
        number = self._place(row, parts, note)
        if stt.kind in ("roman", "number"):
            self.last_numbered = number
        return number

    def _place(self, row: RawRow, parts: tuple[int, ...], note: str) -> TaskNumber:
        if self.remap is not None:
            old, new = self.remap
            if len(parts) > len(old) and parts[: len(old)] == old:
                parts = (*new, *parts[len(old) :])
            else:
                self.remap = None
        wanted = TaskNumber(parts)
        prev = self.drafts[-1].number if self.drafts else None
        number = wanted
        if wanted in self.used or (prev is not None and wanted <= prev):
            assert prev is not None  # an empty table has nothing used and no previous
            level = wanted.level
            if level <= prev.level:
                base = prev.parts[: level - 1]
                number = TaskNumber((*base, prev.parts[level - 1] + 1))
            else:
                number = TaskNumber((*prev.parts, 1))
            self.remap = (wanted.parts, number.parts)
            why = "repeats an earlier number" if wanted in self.used else f"comes after {prev}"
            note = f"the number {wanted} {why}; renumbered {number}"
        self._add_missing_groups(row, number)
        self.used.add(number)
        if note:
            self.warn(row, note, number)
        return number

    def _add_missing_groups(self, row: RawRow, number: TaskNumber) -> None:
        missing = []
        parent = number.parent
        while parent is not None and parent not in self.used:
            missing.append(parent)
            parent = parent.parent
        for group in reversed(missing):
            title = f"{PLACEHOLDER} nhóm {group}"
            self.warn(
                row,
                f"task {number} has no group row {group}; added a group titled {title!r}",
                group,
            )
            draft = _Draft(group, title, row)
            draft.heading = True
            self.drafts.append(draft)
            self.used.add(group)

    # -- result --

    def result(self) -> TableResult:
        self._flush_empty()
        parents = {d.number.parent for d in self.drafts}
        titled = [d for d in self.drafts if d.title and d.title != PLACEHOLDER]
        # When every row is bold, bold says nothing about group rows.
        bold_means_group = any(not d.bold for d in titled)
        tasks = tuple(
            Task(
                number=d.number,
                title=d.title,
                lead=tuple(dict.fromkeys(d.lead)),
                support=tuple(u for u in dict.fromkeys(d.support) if u not in d.lead),
                deadline=d.deadline,
                group=d.heading or (bold_means_group and d.bold) or d.number in parents,
                note=d.note,
                extra=tuple(d.extra),
            )
            for d in self.drafts
        )
        return TableResult(tasks=tasks, units=self.units.units, warnings=tuple(self.warnings))


def rows_to_tasks(header: Header, rows: Iterable[RawRow], *, path: Path | None) -> TableResult:
    """Turn the rows under a header into tasks, units and warnings.

    Every row becomes a task or a warning: empty rows, repeated header rows and the
    "(1) (2) (3)" row are skipped with a warning; a row with neither number nor text adds
    its cells to the task above; numbers that repeat or go backwards are renumbered.
    """
    reader = _Reader(header, path)
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise UnsafeSource(
                path, f"the task table has more than {MAX_ROWS} rows, the most kh-tthc imports"
            )
        reader.add(row)
    return reader.result()


# -- the document's header: issuer, number, date, title, signer ----------------------


@frozen(kw_only=True)
class FrontMatter:
    """What the lines around the task table say about the plan; None where silent."""

    parent: str | None = None
    issuer: str | None = None
    number: DocumentNumber | None = None
    place: str | None = None
    issued: IssueDate | None = None
    type_name: str | None = None
    title: str | None = None
    appendix_title: str | None = None
    signer: Signer | None = None
    #: Fields written in capitals in the source whose ordinary case was guessed.
    guessed_case: tuple[tuple[str, str], ...] = ()


_NUMBER_LINE = re.compile(r"^Số\s*:\s*(\d*\s*/\s*[^\s/]+-\S+)", re.IGNORECASE)
_ANNEX_NUMBER = re.compile(r"Kế hoạch\s+số\s*:?\s*(\d*\s*/\s*[^\s/]+-[^\s,;)]+)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?"
    r"\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_NOT_ISSUER = ("cong hoa xa hoi chu nghia viet nam", "đoc lap tu do hanh phuc", "du thao")
_TYPE_NAMES = ("ke hoach", "chuong trinh", "ke hoach hanh đong")
_STOP_TITLE = re.compile(r"^(căn cứ|thực hiện|i\.|1\.|phần|-{3,}|_{3,})|:$", re.IGNORECASE)
_SIGN = re.compile(r"^(KT|TM|Q|TL|TUQ)\s*\.\s*(.+)$")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_KEEP_UPPER = {"ubnd", "hđnd", "kh&cn", "khcn", "cntt", "tthc", "mttq", "cntt&tt", "tn&mt"}
#: Words after which a place name follows: "tỉnh Thái Nguyên", "thành phố Hà Nội".
_PLACE_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "phố"}


def ordinary_case(text: str) -> str:
    """A name written in capitals, in ordinary case: "UBND TỈNH THÁI NGUYÊN" and so on.

    Place names after "tỉnh", "huyện"... are capitalised and known acronyms kept; other
    words are lower case, so a person should check names such as "Sở Khoa học và Công
    nghệ".

    >>> ordinary_case("UBND TỈNH THÁI NGUYÊN")
    'UBND tỉnh Thái Nguyên'
    >>> ordinary_case("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    'Sở khoa học và công nghệ'
    """
    words = clean(text).split(" ")
    out: list[str] = []
    in_place = False
    for i, word in enumerate(words):
        low = word.lower()
        if low in _KEEP_UPPER or any(ch.isdigit() for ch in word):
            out.append(word)
            continue
        out.append(low[:1].upper() + low[1:] if in_place or i == 0 else low)
        in_place = in_place or low in _PLACE_WORDS
    return " ".join(out)


def read_front_matter(lines: Iterable[str]) -> FrontMatter:
    """Read the issuer, number, date line, title and signer from a document's lines.

    The lines are the paragraphs (and cells of layout tables) outside the task table, in
    document order, as Nghị định 30/2020/NĐ-CP, Phụ lục I lays them out: the bodies in
    capitals, "Số: 05/KH-SKHCN", "Thái Nguyên, ngày 05 tháng 8 năm 2025", "KẾ HOẠCH"
    and the summary below it, and at the end the signature block.

    >>> fm = read_front_matter(["UBND TỈNH THÁI NGUYÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    ...     "Số: 05/KH-SKHCN", "Thái Nguyên, ngày 05 tháng 8 năm 2025", "KẾ HOẠCH",
    ...     "Kiểm soát thủ tục hành chính năm 2025", "Căn cứ ..."])
    >>> str(fm.number), str(fm.issued), fm.place, fm.title
    ('05/KH-SKHCN', '2025-08-05', 'Thái Nguyên', 'Kiểm soát thủ tục hành chính năm 2025')
    """
    text_lines = [clean(line) for line in lines]
    text_lines = [line for line in text_lines if line]
    values: dict[str, object] = {}
    capitals: list[str] = []
    header_done = False
    i = 0
    while i < len(text_lines):
        line = text_lines[i]
        key = _key(line)
        if "number" not in values and (m := _NUMBER_LINE.match(line)):
            with contextlib.suppress(ValueError):
                values["number"] = DocumentNumber.parse(m.group(1).replace(" ", ""))
            header_done = True
        elif "issued" not in values and (m := _DATE_LINE.match(line)):
            try:
                values["issued"] = IssueDate(
                    year=int(m.group("year")),
                    month=int(m.group("month")) if m.group("month") else None,
                    day=int(m.group("day")) if m.group("day") and m.group("month") else None,
                )
                values["place"] = clean(m.group("place"))
            except ValueError:
                pass
            header_done = True
        elif key in _TYPE_NAMES and "title" not in values and _is_upper(line):
            values["type_name"] = line[:1] + line[1:].lower()
            title: list[str] = []
            j = i + 1
            while j < len(text_lines) and len(title) < 2:
                nxt = text_lines[j]
                if _STOP_TITLE.match(nxt) or _DATE_LINE.match(nxt):
                    break
                title.append(nxt)
                j += 1
            if title:
                values["title"] = clean(" ".join(title))
            header_done = True
            i = j
            continue
        elif (
            "title" not in values
            and _is_upper(line)
            and (kind := next((t for t in _TYPE_NAMES if key.startswith(t + " ")), None))
        ):
            # "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026" on one line, as a CSV title row has it.
            words = len(kind.split(" "))
            head, rest = " ".join(line.split(" ")[:words]), " ".join(line.split(" ")[words:])
            values["type_name"] = head[:1] + head[1:].lower()
            values["title"] = rest
            header_done = True
        elif key == "phu luc" or key.startswith("phu luc "):
            if "appendix_title" not in values and i + 1 < len(text_lines):
                nxt = text_lines[i + 1]
                if not nxt.startswith("("):
                    values["appendix_title"] = nxt
        elif "signer" not in values and (m := _SIGN.match(line)) and _is_upper(line):
            values["signer"] = _signer(m, text_lines[i + 1 : i + 4])
        elif not header_done and _is_upper(line) and key not in _NOT_ISSUER:
            capitals.append(line)
        if "number" not in values and (m := _ANNEX_NUMBER.search(line)):
            with contextlib.suppress(ValueError):
                values["annex_number"] = DocumentNumber.parse(m.group(1).replace(" ", ""))
        i += 1
    if "number" not in values and "annex_number" in values:
        values["number"] = values["annex_number"]
    values.pop("annex_number", None)
    spelling = _Spelling(text_lines)
    guessed: list[tuple[str, str]] = []
    for field_name, text in (
        ("issuer", capitals[-1] if capitals else None),
        ("parent", capitals[-2] if len(capitals) > 1 else None),
        ("appendix_title", values.get("appendix_title")),
        ("title", values.get("title")),
    ):
        if isinstance(text, str):
            values[field_name], found = spelling.recase(text)
            if not found:
                guessed.append((field_name, text))
    return FrontMatter(**values, guessed_case=tuple(guessed))  # type: ignore[arg-type]


class _Spelling:
    """Ordinary-case spellings of words, learnt from the document's own running text.

    A name printed in capitals in the header ("SỞ KHOA HỌC VÀ CÔNG NGHỆ") is usually
    written normally somewhere else ("... tại Sở Khoa học và Công nghệ").
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = [line for line in lines if not _is_upper(line)]
        self.words: dict[str, str] = {}
        lower: set[str] = set()
        for line in self.lines:
            for word in line.split(" ")[1:]:
                if word[:1].isupper():
                    self.words.setdefault(word.casefold(), word)
                else:
                    lower.add(word.casefold())
        # "Chính" in "Chính phủ" but "chính" in "hành chính": learn only words that are
        # never written in lower case.
        for word in lower:
            self.words.pop(word, None)

    def recase(self, text: str) -> tuple[str, bool]:
        """``text`` in ordinary case, and whether it was found written so."""
        if not _is_upper(text):
            return text, True
        key = text.casefold()
        for line in self.lines:
            folded = line.casefold()
            at = folded.find(key)
            if at >= 0 and len(folded) == len(line):
                return line[at : at + len(text)], True
        words = ordinary_case(text).split(" ")
        return " ".join([words[0], *(self.words.get(w.casefold(), w) for w in words[1:])]), False


def _signer(m: re.Match[str], following: Sequence[str]) -> Signer | None:
    # "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / (signature, "(Đã ký)") / "Nguyễn Thị Thuỷ"
    head = ordinary_case(m.group(2))
    title: str | None = None
    for line in following:
        if _is_upper(line):
            if title is not None:
                return None
            title = ordinary_case(line)
        elif not line.startswith("(") and not line.endswith(":"):
            return Signer(
                authority=Authority.parse(m.group(1)),
                head_title=head,
                title=title or head,
                name=line,
            )
    return None


# -- the plan -----------------------------------------------------------------------

_PERIODS = (
    (re.compile(r"\b(\d{1,2}) thang cuoi nam (\d{4})\b"), "last"),
    (re.compile(r"\b(\d{1,2}) thang đau nam (\d{4})\b"), "first"),
    (re.compile(r"\bquy (i{1,3}|iv)\s*(?:/|nam)?\s*(\d{4})\b"), "quarter"),
    (re.compile(r"\bnam (\d{4})\b"), "year"),
    (re.compile(r"\bgiai đoan (\d{4})\s*-\s*(\d{4})\b"), "span"),
)


def _months(year: int, first: int, last: int) -> DateSpan:
    end = calendar.monthrange(year, last)[1]
    return DateSpan(start=date(year, first, 1), end=date(year, last, end))


def period_from_text(text: str) -> DateSpan | None:
    """The period a plan's title names: "04 tháng cuối năm 2025", "năm 2026", "Quý IV/2025".

    >>> str(period_from_text("Kiểm soát TTHC 04 tháng cuối năm 2025"))
    '2025-09-01/2025-12-31'
    >>> str(period_from_text("Kế hoạch cải cách hành chính giai đoạn 2021 - 2025"))
    '2021-01-01/2025-12-31'
    """
    key = re.sub(r"\s*([-–/])\s*", lambda m: "-" if m.group(1) != "/" else "/", fold(text))
    for pattern, kind in _PERIODS:
        for m in pattern.finditer(key):
            a, b = int(m.group(1)) if kind != "quarter" else from_roman(m.group(1)), 0
            if kind != "year":
                b = int(m.group(2))
            if kind == "last" and 0 < a <= 12 and b >= 1900:
                return _months(b, 13 - a, 12)
            if kind == "first" and 0 < a <= 12 and b >= 1900:
                return _months(b, 1, a)
            if kind == "quarter" and b >= 1900:
                return _months(b, 3 * a - 2, 3 * a)
            if kind == "year" and a >= 1900:
                return _months(a, 1, 12)
            if kind == "span" and 1900 <= a <= b:
                return DateSpan(start=date(a, 1, 1), end=date(b, 12, 31))
    return None


def _due_dates(tasks: Iterable[Task]) -> Iterator[date]:
    for t in tasks:
        if t.deadline is not None and t.deadline.kind in ("by_date", "by_period"):
            yield from t.deadline.due_dates(date.min, date.max)


def build_plan(
    front: FrontMatter,
    table: TableResult,
    *,
    path: Path | None,
    year: int | None = None,
    extra_warnings: Sequence[Problem] = (),
) -> ImportResult:
    """Assemble the plan from what the source said, placeholders for what it did not.

    Every placeholder is reported as a warning naming the field, so that the person
    fills it in before the plan is rendered or signed.

    Raises:
        PlanInvalid: the assembled plan fails the plan checks (a bug: the importer is
            meant to produce only valid plans).
    """
    warnings: list[Problem] = list(extra_warnings)

    def missing(where: str, what: str, advice: str = "fill it in") -> None:
        warnings.append(
            Problem(
                message=f"{what}; {advice}",
                severity=Severity.WARNING,
                where=where,
                file=path,
            )
        )

    dues = sorted(_due_dates(table.tasks))
    period: DateSpan | None = None
    for text in (front.title, front.appendix_title):
        if text and (period := period_from_text(text)) is not None:
            break
    if period is None and dues:
        period = DateSpan(start=date(dues[0].year, 1, 1), end=date(dues[-1].year, 12, 31))
    if period is None:
        guess = front.issued.year if front.issued else year
        if guess is None:
            guess = PLACEHOLDER_YEAR
        period = DateSpan(start=date(guess, 1, 1), end=date(guess, 12, 31))
        missing("period", f"the plan's period is not evident; set to the year {guess}")
    elif dues and (dues[0] < period.start or dues[-1] > period.end):
        wider = DateSpan(start=min(period.start, dues[0]), end=max(period.end, dues[-1]))
        missing(
            "period",
            f"completion times fall outside the period {period}; widened to {wider}",
        )
        period = wider

    issued = front.issued
    if issued is None:
        issued = IssueDate(year=period.start.year)
        missing("issued", f"no date line found; the issue date is set to {issued}")

    number = front.number
    if number is None:
        code = PLACEHOLDER_CODE
        number = DocumentNumber(type_code="KH", issuer_code=code)
        missing("number", f"no 'Số: .../KH-...' line found; the number is set to '{number}'")

    issuer_name = front.issuer
    if issuer_name is None:
        missing("issuer.name", f"the issuing body is not found; set to {PLACEHOLDER!r}")
        issuer_name = PLACEHOLDER
    for name, upper_text in front.guessed_case:
        where = {"issuer": "issuer.name", "parent": "issuer.parent"}.get(name, name)
        shown = upper_text if len(upper_text) <= 60 else upper_text[:57] + "..."
        missing(where, f"written in capitals ({shown!r})", "check the case of the letters")
    parent = front.parent
    place = front.place
    if place is None:
        missing(
            "issuer.place", f"no place-and-date line found; the place is set to {PLACEHOLDER!r}"
        )
        place = PLACEHOLDER
    abbreviation = number.issuer_code
    if abbreviation == PLACEHOLDER_CODE:
        missing("issuer.abbreviation", f"unknown; set to {PLACEHOLDER_CODE!r}")

    title = front.title
    if not title and front.appendix_title:
        title = front.appendix_title
        missing("title", f"no summary under the plan's name; the appendix title is used: {title!r}")
    if not title:
        title = PLACEHOLDER
        missing("title", f"no summary (trích yếu) found; set to {PLACEHOLDER!r}")

    signer = front.signer
    if signer is None:
        signer = Signer(title=PLACEHOLDER, name=PLACEHOLDER)
        missing("signer", f"no signature block found; title and name set to {PLACEHOLDER!r}")

    plan = Plan(
        issuer=Organization(
            name=issuer_name, abbreviation=abbreviation, place=place, parent=parent
        ),
        number=number,
        issued=issued,
        title=title,
        period=period,
        signer=signer,
        type_name=front.type_name or "Kế hoạch",
        units=table.units,
        tasks=table.tasks,
        appendix_title=front.appendix_title or "",
    )
    checks = check_plan(plan)
    if any(p.is_error for p in checks):
        raise PlanInvalid(p.located(path) for p in checks)
    warnings += table.warnings
    warnings += (p.located(path) for p in checks)
    return ImportResult(plan=plan, warnings=tuple(warnings))
