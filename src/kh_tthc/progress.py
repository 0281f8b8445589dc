"""Progress files: what each unit reports for a period, as typed rows checked against the plan.

A progress file has one row per task and unit: the task number, the unit, a status, the
result in words, the completion date, and the actual values of the task's indicators. It
comes as **CSV**, the form units fill in with Excel, or as **TOML**. The layout is described
in ``docs/reports.md``.

Reading checks every row against the plan and reports every problem at once, each with its
file and line, the way :func:`kh_tthc.load_plan` does; the periodic report that the rows feed
is the one of Nghị định 09/2019/NĐ-CP, Điều 12.
"""

from __future__ import annotations

import csv
import difflib
import enum
import functools
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w
from attrs import evolve, field, frozen

from kh_tthc import convert as C
from kh_tthc.errors import PlanInvalid, Problem, Severity
from kh_tthc.importing.rows import Cell, RawRow
from kh_tthc.io.csv_safe import escape_row, unescape_cell
from kh_tthc.io.guard import check_data
from kh_tthc.io.output import write_output
from kh_tthc.io.plan_file import parse_toml
from kh_tthc.io.source import format_of, read_text
from kh_tthc.model import DocumentNumber, Plan, Task, TaskNumber
from kh_tthc.periods import Period, PeriodError
from kh_tthc.vn import clean, fold, nfc

__all__ = [
    "FORMATS",
    "Progress",
    "ProgressRow",
    "ProgressStatus",
    "check_progress",
    "dump_progress",
    "dumps_progress",
    "load_progress",
    "loads_progress",
    "read_progress",
]

#: File extensions and the format each one means.
FORMATS = {".csv": "csv", ".toml": "toml", ".xlsx": "xlsx"}
#: The formats a progress file is written in (an Excel sheet is read, never written).
WRITE_FORMATS = {".csv": "csv", ".toml": "toml"}

#: Files larger than this are refused before parsing: a year of rows is far smaller.
MAX_BYTES = 5 * 1024 * 1024

_EXCEL_HINT = "in Excel, save as 'CSV UTF-8 (Comma delimited)'"


def _key(text: str) -> str:
    # Case- and diacritics-blind, and "đ" typed as "d" on a keyboard without Telex.
    return re.sub(r"[\s_-]+", " ", fold(text).replace("đ", "d")).strip()


# The key of a row's status and unit, remembered: they recur in every row of every file.
# (A cache wrapped around `_key`, not a decorator on it: mutation testing leaves decorated
# functions out, and `_key` is a rule.)
_row_key = functools.lru_cache(maxsize=4096)(_key)


class ProgressStatus(enum.Enum):
    """What a unit reports about a task: one of the five statuses a progress file may give.

    The value is the code; :attr:`label` is the Vietnamese the documents print.
    :meth:`parse` accepts either, whatever the case and the diacritics.

    >>> ProgressStatus.parse("Đã hoàn thành") is ProgressStatus.DONE
    True
    >>> ProgressStatus.parse("dang thuc hien").label
    'đang thực hiện'
    >>> ProgressStatus.parse("not-applicable").value
    'not_applicable'
    """

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """The Vietnamese wording, lower case: "đã hoàn thành"."""
        return _STATUS_LABELS[self]

    @property
    def is_done(self) -> bool:
        """True for done and done late."""
        return self in (ProgressStatus.DONE, ProgressStatus.DONE_LATE)

    @classmethod
    def parse(cls, text: str) -> ProgressStatus:
        """Read a status from its Vietnamese label or its code.

        Args:
            text: "đã hoàn thành", "DA HOAN THANH", "done", "Not started"...

        Returns:
            The status.

        Raises:
            ValueError: naming the allowed forms when the text is none of them.
        """
        status = _STATUS_KEYS.get(_row_key(text))
        if status is None:
            raise ValueError(
                f"unknown status {clean(text)!r} (expected one of: {allowed_statuses()})"
            )
        return status


_STATUS_LABELS = {
    ProgressStatus.NOT_STARTED: "chưa thực hiện",
    ProgressStatus.IN_PROGRESS: "đang thực hiện",
    ProgressStatus.DONE: "đã hoàn thành",
    ProgressStatus.DONE_LATE: "hoàn thành quá hạn",
    ProgressStatus.NOT_APPLICABLE: "không phát sinh",
}
_STATUS_ALIASES = {
    "hoàn thành": ProgressStatus.DONE,
    "đã hoàn thành quá hạn": ProgressStatus.DONE_LATE,
    "chưa triển khai": ProgressStatus.NOT_STARTED,
    "đang triển khai": ProgressStatus.IN_PROGRESS,
}
_STATUS_KEYS = {
    **{_key(s.value): s for s in ProgressStatus},
    **{_key(label): s for s, label in _STATUS_LABELS.items()},
    **{_key(alias): s for alias, s in _STATUS_ALIASES.items()},
}


def allowed_statuses() -> str:
    """The five statuses as a file may write them, for error messages."""
    return ", ".join(f"{s.label} ({s.value})" for s in ProgressStatus)


def _clean_values(
    values: Iterable[tuple[str, float]] | Mapping[str, float],
) -> tuple[tuple[str, float], ...]:
    pairs = values.items() if isinstance(values, Mapping) else values
    return tuple(sorted((clean(k), float(v)) for k, v in pairs))


def _optional_date(value: date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


@frozen(kw_only=True)
class ProgressRow:
    """One unit's report on one task for a period.

    ``values`` holds the actual value of each of the task's indicators that the unit gave,
    as (indicator id, value) pairs sorted by id. ``line`` is where the row was read, for
    messages; it is not part of the row's value.

    >>> row = ProgressRow(task=TaskNumber.parse("2.3.3"), unit="vp", status=ProgressStatus.DONE,
    ...                   values={"so-hoa": 92.5})
    >>> row.value("so-hoa"), row.value("dong-bo")
    (92.5, None)
    """

    task: TaskNumber
    unit: str = field(converter=clean)
    status: ProgressStatus
    result: str = field(default="", converter=clean)
    completed: date | None = field(default=None, converter=_optional_date)
    values: tuple[tuple[str, float], ...] = field(default=(), converter=_clean_values)
    #: Difficulties met (khó khăn, vướng mắc), in the unit's words.
    difficulty: str = field(default="", converter=clean)
    #: What the unit proposes (đề xuất, kiến nghị).
    proposal: str = field(default="", converter=clean)
    line: int | None = field(default=None, eq=False, repr=False)

    def value(self, indicator_id: str) -> float | None:
        """The actual value given for an indicator, or None when the cell was blank."""
        for key, value in self.values:
            if key == indicator_id:
                return value
        return None


def _period(value: Period | str) -> Period:
    # The one rule for a period field (kh_tthc.convert): a Period or its text, "2025-Q4".
    convert = C.parsed(Period, Period.parse, "'2025-Q4' or 'Quý IV/2025'")
    return C.in_field(convert, value, _period)  # type: ignore[return-value]


def _rows(values: Iterable[ProgressRow]) -> tuple[ProgressRow, ...]:
    return tuple(values)


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(t for t in (clean(v) for v in values) if t)


def _optional_number(value: DocumentNumber | str | None) -> DocumentNumber | None:
    return DocumentNumber.parse(value) if isinstance(value, str) else value


@C.checked
@frozen(kw_only=True)
class Progress:
    """The progress of a plan for one reporting period: every unit's rows.

    ``plan`` is the number of the plan the file says it is for ("/KH-SKHCN" for a draft),
    None when the file does not say. ``difficulties`` and ``proposals`` hold general ones,
    not tied to a task; the rows carry their own too.

    >>> p = Progress(period=Period.parse("2025-Q4"), plan="/KH-SKHCN", rows=())
    >>> str(p.plan), p.period.label
    ('/KH-SKHCN', 'Quý IV/2025')
    """

    period: Period = field(converter=_period)
    rows: tuple[ProgressRow, ...] = field(default=(), converter=_rows)
    plan: DocumentNumber | None = field(default=None, converter=_optional_number)
    difficulties: tuple[str, ...] = field(default=(), converter=_texts)
    proposals: tuple[str, ...] = field(default=(), converter=_texts)
    source: Path | None = field(default=None, eq=False, repr=False)

    def rows_for(self, task: TaskNumber | Task) -> tuple[ProgressRow, ...]:
        """The rows about one task, in file order."""
        number = task.number if isinstance(task, Task) else task
        return tuple(r for r in self.rows if r.task == number)

    def renumbered(self, mapping: Mapping[TaskNumber | str, TaskNumber | str]) -> Progress:
        """This progress with its rows' task numbers changed by ``mapping`` (old → new).

        ``mapping`` is what :meth:`Plan.renumber` returns; numbers it does not name stay
        as they are. All numbers change at once, so 2.2 → 2.3 and 2.3 → 2.4 together move
        both rows.

        >>> from kh_tthc import ProgressStatus
        >>> p = Progress(period=Period.parse("2025-Q4"), rows=[
        ...     ProgressRow(task=TaskNumber.parse("3"), unit="vp", status=ProgressStatus.DONE)])
        >>> [str(r.task) for r in p.renumbered({"3": "2"}).rows]
        ['2']
        """

        def number(value: TaskNumber | str) -> TaskNumber:
            return TaskNumber.parse(value) if isinstance(value, str) else value

        table = {number(old): number(new) for old, new in mapping.items()}
        rows = tuple(r if r.task not in table else evolve(r, task=table[r.task]) for r in self.rows)
        return evolve(self, rows=rows)


# -- checks against the plan ---------------------------------------------------------------


def is_tracked(task: Task) -> bool:
    """Whether a task is reported on: it has a completion time.

    A heading row with no completion time ("2.1 Kiểm soát ban hành TTHC") only groups its
    sub-tasks; a heading that carries one (rows 2.4 and 2.5 of the seed) is work of its own.
    """
    return task.deadline is not None


def reporting_units(task: Task) -> tuple[str, ...] | None:
    """Units that may report on a task: its lead and support units, or None for any unit.

    A task whose plan row names no unit at all (row 2.4 of the seed) may be reported by
    whichever unit did the work.
    """
    return task.units or None


def plan_matches(plan: Plan, number: DocumentNumber) -> bool:
    """Whether a progress file's plan number names ``plan``.

    The symbol must match; the number too once both have one, so that files written while
    the plan was a draft ("/KH-SKHCN") still match it once it is signed ("05/KH-SKHCN").
    """
    if fold(number.symbol) != fold(plan.number.symbol):
        return False
    return (
        number.number is None or plan.number.number is None or number.number == plan.number.number
    )


def period_in_plan(plan: Plan, period: Period) -> bool:
    """Whether a period's data cut-off window meets the plan's period at all.

    The window, not the calendar period, decides (Nghị định 09/2019/NĐ-CP, Điều 12): a plan
    running 01/9–31/12/2025 has progress for Quý III/2025 (window 15/6–14/9) and for Quý
    I/2026 (window 15/12/2025–14/3/2026), whose window holds its last fortnight.
    """
    window = period.cutoff()
    return window.start <= plan.period.end and plan.period.start <= window.end


@frozen(kw_only=True)
class _Draft:
    """A row as far as it could be read: fields that failed to parse are None."""

    line: int | None
    task: TaskNumber | None
    unit: str | None
    values: tuple[str, ...] = ()  # the indicator ids given a value


def _unit_key(plan: Plan) -> dict[str, str]:
    # A unit may be written by its id or its name, as a person filling in Excel would.
    keys = {_key(u.name): u.id for u in plan.units}
    keys.update({u.id: u.id for u in plan.units})
    return keys


def _problem(message: str, line: int | None, where: str = "", *, warning: bool = False) -> Problem:
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(message=message, where=where, line=line, severity=severity)


def _check_drafts(plan: Plan, drafts: Sequence[_Draft]) -> Iterator[Problem]:
    tasks = {t.number: t for t in plan.tasks}
    indicator_owner = {i.id: t.number for t in plan.tasks for i in t.indicators}
    known_units = {u.id for u in plan.units}
    unit_list = ", ".join(sorted(known_units)) or "none declared"
    first_line: dict[tuple[TaskNumber, str], int | None] = {}
    for d in drafts:
        where = "" if d.task is None else f"task {d.task}"
        task = None if d.task is None else tasks.get(d.task)
        if d.task is not None and task is None:
            close = difflib.get_close_matches(str(d.task), [str(n) for n in tasks], n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            yield _problem(f"unknown task number {str(d.task)!r} (not in the plan{hint})", d.line)
            where = ""
        elif task is not None and not is_tracked(task):
            yield _problem(
                "a heading with no completion time; report on the tasks under it", d.line, where
            )
        if d.unit is not None and d.unit not in known_units:
            yield _problem(
                f"unknown unit {d.unit!r} (expected an id or a name: {unit_list})", d.line, where
            )
        elif d.unit is not None and task is not None:
            allowed = reporting_units(task)
            if allowed is not None and d.unit not in allowed:
                yield _problem(
                    f"unit {d.unit!r} is neither lead nor support of this task (expected one "
                    f"of: {', '.join(allowed)})",
                    d.line,
                    where,
                )
        for indicator_id in d.values:
            owner = indicator_owner.get(indicator_id)
            if task is not None and owner is not None and owner != task.number:
                yield _problem(
                    f"a value for indicator {indicator_id!r}, which belongs to task {owner}",
                    d.line,
                    where,
                )
        if d.task is not None and d.unit is not None and task is not None:
            key = (d.task, d.unit)
            if key in first_line:
                at = first_line[key]
                earlier = f" (first on line {at})" if at is not None else ""
                yield _problem(f"duplicate row for unit {d.unit!r}{earlier}", d.line, where)
            else:
                first_line[key] = d.line


def _header_problems(
    plan: Plan, progress_plan: DocumentNumber | None, period: Period
) -> Iterator[Problem]:
    if progress_plan is not None and not plan_matches(plan, progress_plan):
        yield _problem(
            f"this progress file is for plan {str(progress_plan)!r}, not {str(plan.number)!r}",
            None,
            "plan",
        )
    if not period_in_plan(plan, period):
        yield _problem(
            f"period {period.label} (data from {period.cutoff()}) is outside the plan's period "
            f"{plan.period.start.isoformat()} – {plan.period.end.isoformat()}",
            None,
            "period",
        )


def check_progress(plan: Plan, progress: Progress) -> tuple[Problem, ...]:
    """Every problem of a progress against its plan, without raising.

    Args:
        plan: The plan the progress reports on.
        progress: The rows, typically from :func:`load_progress`.

    Returns:
        The problems, each with the row's line when the progress was read from a file:
        unknown task, a heading row, unknown unit, a unit that is neither lead nor support,
        a value for another task's indicator, a duplicate row, a progress for another plan
        or for a period outside the plan's.

    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> row = ProgressRow(task=TaskNumber.parse("3.2"), unit="cntt", status=ProgressStatus.DONE)
    >>> [p.message for p in check_progress(plan, Progress(period=Period.parse("2025-Q4"),
    ...                                                   rows=(row,)))]
    ["unit 'cntt' is neither lead nor support of this task (expected one of: cds, vp, co-tthc)"]
    """
    drafts = [
        _Draft(line=r.line, task=r.task, unit=r.unit, values=tuple(k for k, _ in r.values))
        for r in progress.rows
    ]
    problems = [
        *_header_problems(plan, progress.plan, progress.period),
        *_check_drafts(plan, drafts),
    ]
    problems += _value_problems(plan, progress.rows)
    return tuple(p.located(progress.source) for p in problems)


def _value_problems(plan: Plan, rows: Iterable[ProgressRow]) -> Iterator[Problem]:
    indicators = {i.id for t in plan.tasks for i in t.indicators}
    for r in rows:
        for key, value in r.values:
            where = f"task {r.task}"
            if key not in indicators:
                yield _problem(f"unknown indicator {key!r}", r.line, where)
            elif not math.isfinite(value) or value < 0:
                yield _problem(
                    f"indicator {key!r}: expected a number of 0 or more, got {value}", r.line, where
                )


# -- reading ---------------------------------------------------------------------------------


class _Collector:
    """Problems and the drafts of every row, gathered while reading."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.problems: list[Problem] = []
        self.drafts: list[_Draft] = []
        self.rows: list[ProgressRow] = []
        self.units = _unit_key(plan)
        self.indicators = {i.id: i for t in plan.tasks for i in t.indicators}

    def _errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    def add(
        self, message: str, line: int | None, where: str = "", *, warning: bool = False
    ) -> None:
        self.problems.append(_problem(message, line, where, warning=warning))

    def row(self, fields: Mapping[str, Any], values: Mapping[str, Any], line: int | None) -> None:
        """Read one row from its fields (task, unit, status...) and indicator values."""
        before = self._errors()
        task = self._task(fields.get("task"), line)
        where = "" if task is None else f"task {task}"
        unit = self._unit(fields.get("unit"), line, where)
        status = self._status(fields.get("status"), line, where)
        completed = self._date(fields.get("completed"), line, where)
        parsed: dict[str, float] = {}
        for key, raw in values.items():
            number = self._number(key, raw, line, where)
            if number is not None:
                parsed[key] = number
        texts = {k: self._text(k, fields.get(k), line, where) for k in _TEXT_FIELDS}
        self.drafts.append(_Draft(line=line, task=task, unit=unit, values=tuple(parsed)))
        if completed is not None and status is not None and not status.is_done:
            self.add(
                f"a completion date with status {status.label!r}; it is ignored",
                line,
                where,
                warning=True,
            )
            completed = None
        if self._errors() == before and task and unit and status:
            self.rows.append(
                ProgressRow(
                    task=task,
                    unit=unit,
                    status=status,
                    completed=completed,
                    values=parsed,
                    line=line,
                    **texts,
                )
            )

    def _task(self, raw: Any, line: int | None) -> TaskNumber | None:
        if raw is None or (isinstance(raw, str) and not clean(raw)):
            self.add("missing task number", line)
            return None
        if not isinstance(raw, str):
            self.add(f'task number: expected text such as "2.1.1", got {raw!r}', line)
            return None
        try:
            return TaskNumber.parse(raw)
        except ValueError as exc:
            self.add(str(exc), line)
            return None

    def _unit(self, raw: Any, line: int | None, where: str) -> str | None:
        if not isinstance(raw, str) or not clean(raw):
            self.add("missing unit (đơn vị): give its id, such as 'vp'", line, where)
            return None
        text = clean(raw)
        return (
            self.units.get(text)
            or self.units.get(text.lower())
            or self.units.get(_row_key(text), text)
        )

    def _status(self, raw: Any, line: int | None, where: str) -> ProgressStatus | None:
        if not isinstance(raw, str) or not clean(raw):
            self.add(f"missing status (expected one of: {allowed_statuses()})", line, where)
            return None
        try:
            return ProgressStatus.parse(raw)
        except ValueError as exc:
            self.add(str(exc), line, where)
            return None

    def _date(self, raw: Any, line: int | None, where: str) -> date | None:
        if raw is None or (isinstance(raw, str) and not clean(raw)):
            return None
        if isinstance(raw, datetime):
            self.add("completion date: expected a date without a time", line, where)
            return None
        if isinstance(raw, date):
            return raw
        if not isinstance(raw, str):
            self.add(
                f"completion date: expected a date such as 20/11/2025, got {raw!r}", line, where
            )
            return None
        try:
            return parse_date(raw)
        except ValueError as exc:
            self.add(str(exc), line, where)
            return None

    def _number(self, key: str, raw: Any, line: int | None, where: str) -> float | None:
        indicator = self.indicators.get(key)
        percent = indicator is not None and indicator.unit == "%"
        try:
            return parse_number(raw, percent=percent)
        except ValueError as exc:
            self.add(f"indicator {key!r}: {exc}", line, where)
            return None

    def _text(self, key: str, raw: Any, line: int | None, where: str) -> str:
        if raw is None:
            return ""
        if not isinstance(raw, str):
            self.add(f"{key}: expected text, got {raw!r}", line, where)
            return ""
        return clean(raw)

    def finish(
        self,
        *,
        source: Path | None,
        file_plan: str | None,
        file_period: str | None,
        period: Period | None,
        difficulties: Sequence[str] = (),
        proposals: Sequence[str] = (),
        meta_lines: Mapping[str, int | None] | None = None,
    ) -> tuple[Progress, tuple[Problem, ...]]:
        lines = meta_lines or {}
        number = None
        if file_plan is not None:
            try:
                number = DocumentNumber.parse(file_plan)
            except ValueError as exc:
                self.add(str(exc), lines.get("plan"), "plan")
        chosen = self._period(file_period, period, lines.get("period"))
        if not self.drafts:
            self.add("empty progress file: no rows", None)
        self.problems += _check_drafts(self.plan, self.drafts)
        if chosen is not None:
            self.problems += _header_problems(self.plan, number, chosen)
        # File order: what concerns the whole file first, then line by line.
        ordered = sorted(self.problems, key=lambda p: (p.line is not None, p.line or 0))
        problems = tuple(p.located(source) for p in ordered)
        if chosen is None or any(p.is_error for p in problems):
            raise PlanInvalid(problems)
        progress = Progress(
            period=chosen,
            plan=number,
            rows=tuple(self.rows),
            difficulties=difficulties,
            proposals=proposals,
            source=source,
        )
        return progress, problems

    def _period(self, text: str | None, given: Period | None, line: int | None) -> Period | None:
        in_file = None
        if text is not None:
            try:
                in_file = Period.parse(text)
            except PeriodError as exc:
                self.add(str(exc), line, "period")
                return None
        if in_file is not None and given is not None and in_file != given:
            self.add(
                f"this progress file is for {in_file.label}, not {given.label}", line, "period"
            )
            return None
        chosen = in_file or given
        if chosen is None:
            self.add(
                "no reporting period: write '# period: 2025-Q4' above the header row "
                '(period = "2025-Q4" in TOML) or pass one',
                None,
                "period",
            )
        return chosen


_TEXT_FIELDS = ("result", "difficulty", "proposal")

#: Column headings a CSV may use for each field, compared case- and diacritics-blind.
COLUMNS: dict[str, tuple[str, ...]] = {
    "task": ("task", "stt", "số tt", "số thứ tự", "nhiệm vụ", "mã nhiệm vụ"),
    "unit": (
        "unit",
        "đơn vị",
        "mã đơn vị",
        "đơn vị thực hiện",
        "đơn vị báo cáo",
        "đơn vị chủ trì",
        "cơ quan chủ trì",
        "đơn vị chủ trì thực hiện",
    ),
    "status": ("status", "tình trạng", "trạng thái"),
    # Report tables put the status in words inside these: "Đã hoàn thành; ban hành ...".
    "result": (
        "result",
        "kết quả",
        "kết quả thực hiện",
        "tình hình thực hiện",
        "tiến độ thực hiện",
        "kết quả thực hiện nhiệm vụ",
        "tình hình, kết quả thực hiện",
    ),
    "completed": ("completed", "ngày hoàn thành", "hoàn thành ngày", "completion date"),
    "difficulty": ("difficulty", "khó khăn", "khó khăn, vướng mắc", "vướng mắc"),
    "proposal": ("proposal", "đề xuất", "kiến nghị", "đề xuất, kiến nghị"),
    # Kept for the reader of the sheet, not read: the plan has the title.
    "title": (
        "title",
        "nội dung",
        "nội dung công việc",
        "tên nhiệm vụ",
        "nội dung nhiệm vụ",
        "nhiệm vụ, nội dung công việc",
    ),
}
_COLUMN_KEYS = {_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
_META_KEYS = {
    **{_key(a): "plan" for a in ("plan", "kế hoạch", "kế hoạch số")},
    **{_key(a): "period" for a in ("period", "kỳ", "kỳ báo cáo")},
}


def parse_date(text: str) -> date:
    """Read a completion date as units write it: "20/11/2025" (day first) or "2025-11-20".

    Raises:
        ValueError: for any other form or an impossible date.

    >>> parse_date("5/1/2026"), parse_date("2025-11-20")
    (datetime.date(2026, 1, 5), datetime.date(2025, 11, 20))
    """
    s = clean(text)
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return date.fromisoformat(s)
    except ValueError:
        pass
    raise ValueError(f"bad completion date {s!r} (expected day/month/year such as 20/11/2025)")


_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:\.\d{3})*,\d+")
_AMBIGUOUS = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def parse_number(raw: Any, *, percent: bool = False) -> float:
    """Read an indicator value: 92,5 or 92.5, "1.234" as Vietnamese write thousands.

    A value such as "1.234" could be a thousand or a decimal: it is refused with a message
    saying how to write either. A "%" is accepted after the value of a "%" indicator.

    Raises:
        ValueError: for text that is not a number of 0 or more.

    >>> parse_number("92,5"), parse_number("1.234.567"), parse_number("95,5%", percent=True)
    (92.5, 1234567.0, 95.5)
    """
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, got {raw!r}")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or raw < 0:
            raise ValueError(f"expected a number of 0 or more, got {raw!r}")
        return float(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected a number, got {raw!r}")
    s = re.sub(r"[\s\u00a0\u202f]", "", nfc(raw))
    shown = clean(raw)
    if percent and s.endswith("%"):
        s = s[:-1]
    if _AMBIGUOUS.fullmatch(s):
        raise ValueError(
            f"{shown!r} is ambiguous: write {s.replace('.', '')} for a whole number or "
            f"{s.replace('.', ',')} for a decimal"
        )
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    if _VI_GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    raise ValueError(f"expected a number such as 95,5, got {shown!r}")


def _delimiter(lines: Sequence[str]) -> str:
    # Excel writes ";" where the list separator is ";", as in a Vietnamese Windows locale.
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            return ";" if line.count(";") > line.count(",") else ","
    return ","


def _csv_rows(text: str, out: _Collector) -> Iterator[RawRow]:
    """The records of a CSV text as rows of cells, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.splitlines()))
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            out.add(f"invalid CSV: {exc}", start)
            return
        # The "'" that the library's CSV writers put before a formula character goes.
        yield RawRow(cells=tuple(map(_cell, cells)), line=start)


def _cell(text: str) -> Cell:
    """The cell of a CSV field; a short one is made once per text (statuses, units, task
    numbers and dates recur in every row of every file, and a cell is immutable)."""
    if len(text) > _CELL_KEPT:
        return Cell(text=unescape_cell(text))
    return _short_cell(text)


_CELL_KEPT = 64


@functools.lru_cache(maxsize=4096)
def _short_cell(text: str) -> Cell:
    return Cell(text=unescape_cell(text))


def _loads_csv(
    text: str, plan: Plan, period: Period | None, source: Path | None
) -> tuple[Progress, tuple[Problem, ...]]:
    out = _Collector(plan)
    return _loads_rows(_csv_rows(text, out), out, period=period, source=source)


def _loads_rows(
    rows: Iterable[RawRow], out: _Collector, *, period: Period | None, source: Path | None
) -> tuple[Progress, tuple[Problem, ...]]:
    """Read a progress table from its rows, whatever file they come from (CSV, a sheet).

    Rows starting with "#" before the header give the plan and the period; the first
    other row is the header; each row after it is a task and unit's progress.
    """
    meta: dict[str, str] = {}
    meta_lines: dict[str, int | None] = {}
    header: list[str | None] | None = None
    header_line = 0
    for row in rows:
        cells = [clean(c.text) for c in row.cells]
        start = row.line or 0
        if not any(cells):
            continue
        if cells[0].startswith("#"):
            _meta_line(cells, start, meta, meta_lines, out)
            continue
        if header is None:
            header = _header(cells, start, out.plan, out)
            header_line = start
            continue
        _csv_row(cells, header, header_line, start, out)
    return out.finish(
        source=source,
        file_plan=meta.get("plan"),
        file_period=meta.get("period"),
        period=period,
        meta_lines=meta_lines,
    )


def _is_progress_header(rows: Sequence[RawRow]) -> bool:
    """Whether the first row that is not a "#" line names a task, a unit and a status."""
    for row in rows:
        cells = [clean(c.text) for c in row.cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        names = {progress_column(c) for c in cells}
        return {"task", "unit", "status"} <= names
    return False


def _loads_xlsx(
    path: Path, plan: Plan, period: Period | None
) -> tuple[Progress, tuple[Problem, ...]]:
    """A progress table on a sheet of a workbook: the same layout as the CSV file."""
    from kh_tthc.importing.xlsx import HEADER_SEARCH_ROWS, AmbiguousSheet, read_sheets

    heads, problems = read_sheets(path, head=HEADER_SEARCH_ROWS)
    names = [s.name for s in heads if _is_progress_header(s.rows)]
    if len(names) > 1:
        raise AmbiguousSheet(
            path,
            f"several sheets hold a progress table: {', '.join(map(repr, names))}; keep one "
            "per file",
        )
    chosen = names[0] if names else heads[0].name if heads else None
    sheets, more = read_sheets(path, only=chosen) if chosen is not None else ([], [])
    out = _Collector(plan)
    out.problems += [*problems, *more, *(w for s in sheets for w in s.warnings)]
    rows = sheets[0].rows if sheets else ()
    return _loads_rows(rows, out, period=period, source=path)


def _meta_line(
    cells: list[str],
    line: int,
    meta: dict[str, str],
    meta_lines: dict[str, int | None],
    out: _Collector,
) -> None:
    text = ", ".join(c for c in cells if c).lstrip("#").strip()
    key, sep, value = text.partition(":")
    name = _META_KEYS.get(_key(key)) if sep else None
    if name is None:
        return  # a comment
    if name in meta:
        out.add(f"'{name}' given twice (first on line {meta_lines[name]})", line, name)
        return
    meta[name] = value.strip()
    meta_lines[name] = line


def progress_column(heading: str) -> str | None:
    """The progress field a column heading names ("task", "status", "result"...), or None.

    The same words serve progress files and report tables written in Word or Excel
    (:mod:`kh_tthc.importing.progress_table`); notes in parentheses are ignored.

    >>> progress_column("Tình hình thực hiện"), progress_column("TRẠNG THÁI")
    ('result', 'status')
    >>> progress_column("Kết quả thực hiện (đến 14/12/2025)"), progress_column("Ghi chú")
    ('result', None)
    """
    key = _key(heading)
    found = _COLUMN_KEYS.get(key)
    if found is None and "(" in heading:
        found = _COLUMN_KEYS.get(_key(re.sub(r"\(.*?\)", " ", heading)))
    return found


def _header(cells: list[str], line: int, plan: Plan, out: _Collector) -> list[str | None]:
    indicators = {i.id for t in plan.tasks for i in t.indicators}
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        name = progress_column(cell) or (cell if cell in indicators else None)
        if name is None and cell:
            known = sorted({*COLUMNS, *indicators})
            close = difflib.get_close_matches(cell, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "expected: " + ", ".join(known)
            out.add(f"unknown column {cell!r} ({hint})", line, f"column {index}")
        elif name is not None and name in seen:
            out.add(
                f"column {cell!r} given twice (also column {seen[name]})", line, f"column {index}"
            )
            name = None
        if name is not None:
            seen[name] = index
        names.append(name)
    for required in ("task", "unit", "status"):
        if required not in seen:
            out.add(
                f"no {required!r} column (headings accepted: {', '.join(COLUMNS[required])})",
                line,
            )
    return names


def _csv_row(
    cells: list[str], header: list[str | None], header_line: int, line: int, out: _Collector
) -> None:
    if len(cells) > len(header) and any(cells[len(header) :]):
        out.add(
            f"{len(cells)} cells but the header on line {header_line} has {len(header)}",
            line,
        )
    fields: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, cell in zip(header, cells, strict=False):
        if name is None or name == "title":
            continue
        if name in _FIELD_NAMES:
            fields[name] = cell
        elif cell:
            values[name] = cell
    out.row(fields, values, line)


_FIELD_NAMES = frozenset(COLUMNS) - {"title"}
_TOML_TOP = ("plan", "period", "difficulties", "proposals", "rows")
_TOML_ROW = (
    "task",
    "unit",
    "status",
    "result",
    "completed",
    "values",
    "difficulty",
    "proposal",
    "title",
)


def _toml_line(where: str, lines: list[str], row_lines: list[int]) -> int | None:
    """The line of the key at ``where`` ("rows[2].values.so-hoa") in a progress file:
    within its ``[[rows]]`` table when it is in one."""
    m = re.match(r"rows\[(\d+)\]", where)
    first, last = 1, len(lines)
    if m is not None and int(m.group(1)) < len(row_lines):
        i = int(m.group(1))
        first = row_lines[i]
        last = row_lines[i + 1] - 1 if i + 1 < len(row_lines) else len(lines)
    key = where.rsplit(".", 1)[-1].split("[", 1)[0]
    for n in range(first, last + 1):
        if re.match(rf"^{re.escape(key)}\s*=", lines[n - 1]):
            return n
    return first if m is not None else None


def _loads_toml(
    text: str, plan: Plan, period: Period | None, source: Path | None
) -> tuple[Progress, tuple[Problem, ...]]:
    data = parse_toml(text, source)
    lines = [s.strip() for s in text.splitlines()]
    row_lines = [n for n, s in enumerate(lines, start=1) if s == "[[rows]]"]
    # text, numbers, dates and depth: io/guard.py
    check_data(data, source, line_of=lambda where: _toml_line(where, lines, row_lines))
    out = _Collector(plan)
    key_lines: dict[str, int | None] = {}
    for n, s in enumerate(lines, start=1):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*=", s)
        if m and (not row_lines or n < row_lines[0]):
            key_lines.setdefault(m.group(1), n)
    for key in data:
        if key not in _TOML_TOP:
            out.add(_unknown_key(key, _TOML_TOP), key_lines.get(key))
    meta: dict[str, str | None] = {}
    for key in ("plan", "period"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            out.add(f"{key}: expected a string, got {value!r}", key_lines.get(key), key)
            value = None
        meta[key] = value
    lists = {
        k: _string_list(data.get(k, []), k, key_lines.get(k), out)
        for k in ("difficulties", "proposals")
    }
    rows = data.get("rows", [])
    if not isinstance(rows, list):
        out.add("rows: expected an array of tables ([[rows]])", key_lines.get("rows"), "rows")
        rows = []
    for index, raw in enumerate(rows):
        line: int | None = row_lines[index] if index < len(row_lines) else None
        if not isinstance(raw, dict):
            out.add(f"rows[{index}]: expected a table", line)
            continue
        for key in raw:
            if key not in _TOML_ROW:
                out.add(_unknown_key(key, _TOML_ROW), line, f"rows[{index}]")
        values = raw.get("values", {})
        if not isinstance(values, dict):
            out.add("values: expected a table such as { so-hoa = 92.5 }", line, f"rows[{index}]")
            values = {}
        unknown = [k for k in values if k not in out.indicators]
        for key in unknown:
            out.add(f"unknown indicator {key!r} in values", line, f"rows[{index}]")
        fields = {k: raw.get(k) for k in _FIELD_NAMES}
        out.row(fields, {k: v for k, v in values.items() if k not in unknown}, line)
    return out.finish(
        source=source,
        file_plan=meta["plan"],
        file_period=meta["period"],
        period=period,
        difficulties=lists["difficulties"],
        proposals=lists["proposals"],
        meta_lines=key_lines,
    )


def _unknown_key(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "expected one of: " + ", ".join(known)
    return f"unknown key {key!r} ({hint})"


def _string_list(value: Any, key: str, line: int | None, out: _Collector) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        out.add(f"{key}: expected an array of strings", line, key)
        return []
    return list(value)


def loads_progress(
    text: str,
    plan: Plan,
    *,
    format: str = "csv",
    period: Period | None = None,
    source: Path | None = None,
) -> Progress:
    """Read progress from the text of a CSV or TOML progress file and check it.

    Args:
        text: The file's text.
        plan: The plan the progress reports on; every row is checked against it.
        format: "csv" or "toml".
        period: The reporting period when the file does not name one; when both do, they
            must agree.
        source: The file's path, for messages.

    Returns:
        The progress.

    Raises:
        PlanFileError: the text is not valid TOML.
        PlanInvalid: listing every problem with its line.

    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> text = "task,unit,status,so-hoa\\n2.3.3,vp,đang thực hiện,\\"92,5\\"\\n"
    >>> progress = loads_progress(text, plan, period=Period.parse("2025-Q4"))
    >>> progress.rows[0].status, progress.rows[0].value("so-hoa")
    (<ProgressStatus.IN_PROGRESS: 'in_progress'>, 92.5)
    """
    return _loads(nfc(text), plan, format=format, period=period, source=source)[0]


def _loads(
    text: str, plan: Plan, *, format: str, period: Period | None, source: Path | None
) -> tuple[Progress, tuple[Problem, ...]]:
    if format == "csv":
        return _loads_csv(text, plan, period, source)
    if format == "toml":
        return _loads_toml(text, plan, period, source)
    raise ValueError(f"unknown format {format!r} (expected 'csv' or 'toml')")


def read_progress(
    path: str | Path, plan: Plan, *, period: Period | None = None
) -> tuple[Progress, tuple[Problem, ...]]:
    """Read and check a progress file, returning the progress and its warnings.

    Args:
        path: A ``.csv`` or ``.toml`` file; UTF-8, with or without a byte-order mark.
        plan: The plan the progress reports on.
        period: The reporting period, when the file does not name one.

    Returns:
        The progress and the warnings found while reading it.

    Raises:
        SourceUnreadable: the file is missing, a directory, unreadable or of an unknown kind.
        PlanFileError: the file is not UTF-8 or not valid TOML.
        PlanInvalid: the rows have errors; ``problems`` lists every one with its line.
    """
    p = Path(path)
    fmt = format_of(p, FORMATS, what="progress file")
    if fmt == "xlsx":
        return _loads_xlsx(p, plan, period)
    text = read_text(p, what="a progress file", limit=MAX_BYTES, hint=_EXCEL_HINT)
    return _loads(text, plan, format=fmt, period=period, source=p)


def load_progress(path: str | Path, plan: Plan, *, period: Period | None = None) -> Progress:
    """Read a progress file (CSV or TOML) and check every row against the plan.

    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> q4 = load_progress("examples/skhcn-thai-nguyen-2025/progress-2025-Q4.csv", plan)
    >>> q4.period.label, str(q4.plan)
    ('Quý IV/2025', '/KH-SKHCN')

    Raises:
        SourceUnreadable: the file is missing, a directory, unreadable or of an unknown kind.
        PlanFileError: the file is not UTF-8 or not valid TOML.
        PlanInvalid: the rows have errors; ``problems`` lists every one with its line.
    """
    return read_progress(path, plan, period=period)[0]


# -- writing -----------------------------------------------------------------------------------


def _csv_number(value: float) -> str:
    text = repr(value).removesuffix(".0")
    return text.replace(".", ",")


def dumps_progress(progress: Progress, plan: Plan, *, format: str = "csv") -> str:
    """The text of a progress file; reading it back gives the same progress.

    CSV columns are the standard ones, with the task's title for the reader, then one
    column per indicator of the plan. General difficulties and proposals exist only in TOML.

    Raises:
        ValueError: for an unknown format, or general difficulties in a CSV.
    """
    if format == "toml":
        return tomli_w.dumps(_toml_data(progress), multiline_strings=False)
    if format != "csv":
        raise ValueError(f"unknown format {format!r} (expected 'csv' or 'toml')")
    if progress.difficulties or progress.proposals:
        raise ValueError("general difficulties and proposals need a TOML progress file")
    indicators = [i.id for t in plan.tasks for i in t.indicators]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if progress.plan is not None:
        buffer.write(f"# plan: {progress.plan}\n")
    buffer.write(f"# period: {progress.period.iso}\n")
    writer.writerow(
        [
            "task",
            "title",
            "unit",
            "status",
            "result",
            "completed",
            "difficulty",
            "proposal",
            *indicators,
        ]
    )
    titles = {t.number: t.title for t in plan.tasks}
    for r in progress.rows:
        text = [titles.get(r.task, ""), r.unit, r.status.label, r.result]
        writer.writerow(
            [
                str(r.task),
                *escape_row(text),  # no formula for a spreadsheet to run (io/csv_safe)
                "" if r.completed is None else r.completed.strftime("%d/%m/%Y"),
                *escape_row([r.difficulty, r.proposal]),
                *("" if (v := r.value(i)) is None else _csv_number(v) for i in indicators),
            ]
        )
    return buffer.getvalue()


def _toml_data(progress: Progress) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if progress.plan is not None:
        data["plan"] = str(progress.plan)
    data["period"] = progress.period.iso
    if progress.difficulties:
        data["difficulties"] = list(progress.difficulties)
    if progress.proposals:
        data["proposals"] = list(progress.proposals)
    rows = []
    for r in progress.rows:
        row: dict[str, Any] = {"task": str(r.task), "unit": r.unit, "status": r.status.value}
        for key in _TEXT_FIELDS:
            if getattr(r, key):
                row[key] = getattr(r, key)
        if r.completed is not None:
            row["completed"] = r.completed
        if r.values:
            row["values"] = dict(r.values)
        rows.append(row)
    data["rows"] = rows
    return data


def dump_progress(progress: Progress, plan: Plan, path: str | Path) -> None:
    """Write a progress file atomically; the extension (.csv or .toml) picks the format.

    Raises:
        SourceUnreadable: the extension is unknown or the folder cannot be written.
    """
    p = Path(path)
    write_output(
        p,
        dumps_progress(progress, plan, format=format_of(p, WRITE_FORMATS, what="progress file")),
    )
