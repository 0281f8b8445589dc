"""Rows to tasks: numbering, group rows, continuation rows and merged cells.

Nothing is dropped silently: each row becomes a task, or a warning that names the row
and says why it was not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import frozen

from kh_tthc.deadline import Deadline, parse_deadline
from kh_tthc.errors import KhTthcError, Problem, Severity
from kh_tthc.importing.errors import UnsafeSource
from kh_tthc.importing.headers import Column, Header, Role, match_header
from kh_tthc.importing.rows import MAX_ROWS, PLACEHOLDER, RawRow
from kh_tthc.importing.units import BULLETS, UnitTable, read_units
from kh_tthc.model import Task, TaskNumber, Unit
from kh_tthc.vn import clean, fold, from_roman

__all__ = ["TableResult", "rows_to_tasks"]


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
    if not s or all(c in BULLETS for c in s):
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
        self.year: int | None = None  # for completion times without a year
        self.units = UnitTable()
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
        self.i_extra = [
            i for i, c in enumerate(header.columns) if c.role in (Role.EXTRA, Role.RESULT)
        ]
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
            title = title.lstrip(BULLETS + " ") or title
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
        draft.lead += self._unit_ids(draft, row, self.i_lead)
        support = self._unit_ids(draft, row, self.i_support)
        for unit_id in support:
            if unit_id in draft.lead:
                self.warn(
                    row,
                    f"{self.units.name(unit_id)!r} is named both to lead and to support; "
                    "kept as lead only",
                    draft.number,
                )
        draft.support += support
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

    def _unit_ids(self, draft: _Draft, row: RawRow, column: int | None) -> tuple[str, ...]:
        names, unsure = read_units(row.text(column))
        for name in unsure:
            self.warn(
                row,
                f"kept {name!r} as one unit: the part after the comma does not begin "
                "with the name of a body (Bộ, Sở, Phòng...); split the cell if it is two",
                draft.number,
            )
        return self.units.ids(names)

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
            draft.deadline = parse_deadline(text, year=self.year)
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


def rows_to_tasks(
    header: Header, rows: Iterable[RawRow], *, path: Path | None, year: int | None = None
) -> TableResult:
    """Turn the rows under a header into tasks, units and warnings.

    Every row becomes a task or a warning: empty rows, repeated header rows and the
    "(1) (2) (3)" row are skipped with a warning; a row with neither number nor text adds
    its cells to the task above; numbers that repeat or go backwards are renumbered.
    ``year`` is the plan's year as far as the document says (:func:`year_hint`), for
    completion times written without one ("trước ngày 28/5").
    """
    reader = _Reader(header, path)
    reader.year = year
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise UnsafeSource(
                path, f"the task table has more than {MAX_ROWS} rows, the most kh-tthc imports"
            )
        reader.add(row)
    return reader.result()
