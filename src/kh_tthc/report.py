"""The progress report (báo cáo) of a plan for one period, as figures.

A :class:`Report` puts a plan, a reporting period, the units' progress and the day the
report is made (``as_of``) together, and derives what a report states: each task's status,
counts by status, by lead unit and by group, the completion rate, the overdue tasks, the
attainment of each indicator's target, and the change since the previous report.

The report covers the data cut-off window of its period (Nghị định 09/2019/NĐ-CP, Điều 12):
for Quý IV/2025, 15/9/2025 to 14/12/2025. How each status is derived is written down in
``docs/reports.md``; in short:

* a task is reported on when it has a completion time; a task due in an earlier window is
  carried into this one only while it is open (a row for it now, or not done in the
  previous report);
* each lead unit's row gives that unit's status; a task due in the window whose due day
  has passed by ``as_of`` without completion is overdue; a lead unit with no row has not
  reported;
* the task's status combines its lead units': overdue or not reported as soon as one lead
  unit is; done when all are; otherwise in progress, or not started when none has started.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from kh_tthc import convert as C
from kh_tthc.calendar import WorkCalendar
from kh_tthc.errors import KhTthcError, PlanInvalid
from kh_tthc.model import DocumentNumber, Indicator, IssueDate, Plan, Task, TaskNumber, Unit
from kh_tthc.periods import Period, PeriodKind, SendingRule, Window, short_date
from kh_tthc.progress import (
    Progress,
    ProgressRow,
    ProgressStatus,
    check_progress,
    is_tracked,
)
from kh_tthc.tables import frame, records_csv, report_table
from kh_tthc.vn import clean, format_number, format_percent, to_roman

if TYPE_CHECKING:
    import pandas

    from kh_tthc.deadline import Deadline

__all__ = [
    "Attainment",
    "Change",
    "GroupFigures",
    "Remark",
    "Report",
    "ReportError",
    "Tally",
    "TaskResult",
    "TaskStatus",
    "UnitFigures",
    "UnitResult",
    "UnitValue",
    "period_phrase",
]

_DATED = frozenset({"by_date", "by_period"})


class ReportError(KhTthcError, ValueError):
    """A report that cannot be made: progress for another period, ``as_of`` too early..."""


class TaskStatus(enum.Enum):
    """A task's status in a report: the five a unit reports, and two the report derives.

    ``OVERDUE`` (quá hạn): a due day in the window has passed without completion.
    ``NOT_REPORTED`` (chưa báo cáo): a lead unit sent no row for a task it had to report on.
    Members are in the order reports list them.

    >>> [s.label for s in (TaskStatus.OVERDUE, TaskStatus.NOT_REPORTED)]
    ['quá hạn', 'chưa báo cáo']
    """

    DONE = "done"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    NOT_REPORTED = "not_reported"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """The Vietnamese wording, lower case."""
        return _TASK_LABELS[self]

    @property
    def is_done(self) -> bool:
        return self in (TaskStatus.DONE, TaskStatus.DONE_LATE)

    @classmethod
    def of(cls, status: ProgressStatus) -> TaskStatus:
        """The report status matching a reported one."""
        return cls(status.value)


_TASK_LABELS = {
    TaskStatus.DONE: "đã hoàn thành",
    TaskStatus.DONE_LATE: "hoàn thành quá hạn",
    TaskStatus.IN_PROGRESS: "đang thực hiện",
    TaskStatus.NOT_STARTED: "chưa thực hiện",
    TaskStatus.OVERDUE: "quá hạn",
    TaskStatus.NOT_REPORTED: "chưa báo cáo",
    TaskStatus.NOT_APPLICABLE: "không phát sinh",
}
_ORDER = tuple(TaskStatus)


def _counts(values: Iterable[int]) -> tuple[int, ...]:
    counts = tuple(values)
    if len(counts) != len(_ORDER) or any(c < 0 for c in counts):
        raise ValueError(f"expected {len(_ORDER)} counts of 0 or more, got {counts}")
    return counts


@frozen(kw_only=True)
class Tally:
    """How many tasks have each status, and the completion rate they give.

    The completion rate is done (on time or late) over the tasks that applied in the period:
    "không phát sinh" is left out of both sides.

    >>> t = Tally.of([TaskStatus.DONE, TaskStatus.DONE_LATE, TaskStatus.OVERDUE,
    ...               TaskStatus.NOT_APPLICABLE])
    >>> t[TaskStatus.DONE], t.total, t.done, format_percent(t.completion_rate or 0)
    (1, 4, 2, '66,7%')
    """

    counts: tuple[int, ...] = field(converter=_counts)

    @classmethod
    def of(cls, statuses: Iterable[TaskStatus]) -> Tally:
        """Count a collection of statuses."""
        counts = dict.fromkeys(_ORDER, 0)
        for s in statuses:
            counts[s] += 1
        return cls(counts=tuple(counts.values()))

    def __getitem__(self, status: TaskStatus) -> int:
        return self.counts[_ORDER.index(status)]

    def items(self) -> tuple[tuple[TaskStatus, int], ...]:
        """(status, count) for every status, zeros included, in report order."""
        return tuple(zip(_ORDER, self.counts, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def done(self) -> int:
        """Done on time plus done late."""
        return self[TaskStatus.DONE] + self[TaskStatus.DONE_LATE]

    @property
    def applicable(self) -> int:
        """Tasks that applied in the period: all but "không phát sinh"."""
        return self.total - self[TaskStatus.NOT_APPLICABLE]

    @property
    def completion_rate(self) -> float | None:
        """Done over applicable, 0 to 1; None when no task applied."""
        return self.done / self.applicable if self.applicable else None

    def as_dict(self) -> dict[str, int]:
        """Counts by status code, for JSON."""
        return {s.value: n for s, n in self.items()}


@frozen(kw_only=True)
class UnitResult:
    """One unit's part in a task: its status and its row, if it sent one."""

    unit: str
    lead: bool
    status: TaskStatus
    row: ProgressRow | None = None


@frozen(kw_only=True)
class TaskResult:
    """A task's status in the report, with the due days and every unit's part.

    ``due`` holds the task's due days in the reporting window; ``carried_over`` the due day
    of a dated task that fell in an earlier window and was still open. ``units`` lists the
    lead units (each with a status, reported or not), then the support units that sent a
    row.
    """

    task: Task
    status: TaskStatus
    due: tuple[date, ...] = ()
    carried_over: date | None = None
    units: tuple[UnitResult, ...] = ()

    @property
    def number(self) -> TaskNumber:
        return self.task.number

    @property
    def rows(self) -> tuple[ProgressRow, ...]:
        """The rows sent about this task, lead units first."""
        return tuple(u.row for u in self.units if u.row is not None)

    @property
    def reported(self) -> bool:
        """Whether every lead unit sent a row."""
        leads = [u for u in self.units if u.lead]
        return bool(leads) and all(u.row is not None for u in leads)

    @property
    def completed(self) -> date | None:
        """The day the last lead unit finished, when the task is done."""
        if not self.status.is_done:
            return None
        days = [u.row.completed for u in self.units if u.lead and u.row and u.row.completed]
        return max(days) if days else None


@frozen(kw_only=True)
class UnitFigures:
    """The tasks a unit leads, counted by that unit's status in each."""

    unit: Unit
    tally: Tally


@frozen(kw_only=True)
class GroupFigures:
    """The tasks under a top-level heading of the appendix ("1.", "2.", "3."), counted."""

    task: Task
    tally: Tally


@frozen(kw_only=True)
class UnitValue:
    """One unit's actual value for an indicator and its ratio to the target."""

    unit: str
    value: float
    ratio: float


@frozen(kw_only=True)
class Attainment:
    """How far an indicator's target is reached: actual / target, per unit and overall.

    The overall actual value is the mean of the units' values for a "%" indicator (each unit
    reports its own share) and their sum for a count ("hồ sơ", "văn bản").

    >>> a = Attainment(task_number=TaskNumber.parse("2.3.3"),
    ...                indicator=Indicator(id="so-hoa", name="Hồ sơ được số hóa", target=100),
    ...                by_unit=(UnitValue(unit="vp", value=95.5, ratio=0.955),
    ...                         UnitValue(unit="co-tthc", value=89.5, ratio=0.895)))
    >>> format_number(a.actual or 0), format_percent(a.ratio or 0), a.text
    ('92,5', '92,5%', '92,5% (chỉ tiêu 100%), đạt 92,5% chỉ tiêu')
    """

    task_number: TaskNumber
    indicator: Indicator
    by_unit: tuple[UnitValue, ...] = ()

    @property
    def actual(self) -> float | None:
        """The overall actual value; None when no unit gave one."""
        values = [u.value for u in self.by_unit]
        if not values:
            return None
        total = sum(values)
        return total / len(values) if self.indicator.unit == "%" else total

    @property
    def ratio(self) -> float | None:
        """Actual over target, 1.0 when the target is met exactly; None without a value."""
        actual = self.actual
        return None if actual is None else actual / self.indicator.target

    @property
    def text(self) -> str:
        """The figure as a report writes it: "92,5% (chỉ tiêu 100%), đạt 92,5% chỉ tiêu"."""
        if self.actual is None:
            return "chưa có số liệu"
        unit = _unit_suffix(self.indicator.unit)
        return (
            f"{format_number(self.actual)}{unit} (chỉ tiêu "
            f"{format_number(self.indicator.target)}{unit}), "
            f"đạt {format_percent(self.ratio or 0)} chỉ tiêu"
        )


def _unit_suffix(unit: str) -> str:
    return unit if unit == "%" or not unit else f" {unit}"


@frozen(kw_only=True)
class Remark:
    """A difficulty or a proposal, with the unit and task it came from when it has them."""

    text: str = field(converter=clean)
    unit: str | None = None
    task: TaskNumber | None = None


@frozen(kw_only=True)
class Change:
    """What moved since the previous report.

    ``completion_rate`` is the difference in rates (0.125 is 12,5 percentage points), None
    when either report had no applicable task. ``counts`` is this report's counts minus the
    previous one's, status by status.
    """

    previous: Period
    completion_rate: float | None
    counts: tuple[tuple[TaskStatus, int], ...]
    #: Tasks done now that were not done before.
    newly_done: tuple[TaskNumber, ...] = ()
    #: Tasks overdue now that were not overdue before.
    newly_overdue: tuple[TaskNumber, ...] = ()
    #: Tasks overdue before and done now.
    resolved: tuple[TaskNumber, ...] = ()


def period_phrase(period: Period) -> str:
    """The period inside a sentence: "quý IV năm 2025", "6 tháng đầu năm 2026".

    >>> period_phrase(Period.parse("2025-Q4")), period_phrase(Period.parse("2025-10"))
    ('quý IV năm 2025', 'tháng 10 năm 2025')
    """
    if period.kind is PeriodKind.QUARTER:
        return f"quý {to_roman(period.index)} năm {period.year}"
    if period.kind is PeriodKind.MONTH:
        month = f"{period.index:02d}" if period.index < 3 else str(period.index)
        return f"tháng {month} năm {period.year}"
    if period.kind is PeriodKind.HALF:
        return f"6 tháng {'đầu' if period.index == 1 else 'cuối'} năm {period.year}"
    return f"năm {period.year}"


def _check_previous(_: Report, __: object, previous: Report | None) -> None:
    if previous is not None and not isinstance(previous, Report):
        raise TypeError(f"previous must be a Report, got {type(previous).__name__}")


def _PLAN(value: Plan) -> Plan:
    return C.in_field(C.instance_of(Plan, "load_plan(...)"), value, _PLAN)


def _PERIOD(value: Period | str) -> Period:
    convert = C.parsed(Period, Period.parse, "'2026-Q1' or 'Quý I/2026'")
    return C.in_field(convert, value, _PERIOD)  # type: ignore[return-value]


def _PROGRESS(value: Progress) -> Progress:
    return C.in_field(C.instance_of(Progress, "load_progress(...)"), value, _PROGRESS)


@C.checked
@frozen(kw_only=True)
class Report:
    """The report of a plan for a period: derived statuses and every figure a báo cáo states.

    Attributes:
        plan: The plan reported on.
        period: The reporting period; its Decree 09 cut-off window is the data range
            (Nghị định 09/2019/NĐ-CP, Điều 12).
        progress: The units' rows for ``period``, checked against ``plan``.
        as_of: The day the report is made: due days before it have passed.
        previous: The report for an earlier period of the same plan, for the change.
        calendar: The working calendar for due days; the plan's (:meth:`Plan.calendar`)
            when None.
        reporting: The sending rule for periodic tasks; when None, the plan's own rule
            (``Plan.reporting``), else :meth:`SendingRule.default`.
        number: The báo cáo's number; a draft "/BC-<issuer>" when None.
        issued: Its date; the month of ``as_of``, day left blank, when None.
        title: The subject after "Kết quả thực hiện Kế hoạch"; taken from the plan's
            title up to its first comma when None.
        addressees: The higher bodies the báo cáo is sent to, printed after "Kính gửi:"
            with "- Như trên;" first under "Nơi nhận:" (Nghị định 30/2020/NĐ-CP, Phụ lục
            I, mục II.9.b); none by default.

    Raises:
        ReportError: the progress is for another period, ``as_of`` is before the window
            starts, or ``previous`` is for another plan or a period not before this one.
        PlanInvalid: the progress does not fit the plan; ``problems`` lists every problem.

    >>> from kh_tthc import load_plan, load_progress
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> q4 = load_progress("examples/skhcn-thai-nguyen-2025/progress-2025-Q4.csv", plan)
    >>> report = Report(plan=plan, period=q4.period, progress=q4, as_of=date(2025, 12, 15))
    >>> report.window_phrase
    'từ ngày 15/9/2025 đến ngày 14/12/2025'
    >>> report.counts.total == len(report.tasks)
    True
    """

    plan: Plan = field(converter=_PLAN)
    period: Period = field(converter=_PERIOD)
    progress: Progress = field(converter=_PROGRESS)
    as_of: date = field(converter=C.a_date)
    previous: Report | None = field(default=None, validator=_check_previous, repr=False)
    calendar: WorkCalendar | None = field(default=None, repr=False)
    reporting: SendingRule | None = None
    number: DocumentNumber | None = None
    issued: IssueDate | None = None
    title: str | None = None
    #: The bodies the báo cáo is sent to ("Kính gửi:"), when it goes to a higher one.
    addressees: tuple[str, ...] = field(default=(), converter=tuple)
    #: The tasks in the report, in plan order; derived, not given.
    tasks: tuple[TaskResult, ...] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.progress.period != self.period:
            raise ReportError(
                f"the progress is for {self.progress.period.label}, not {self.period.label}"
            )
        problems = check_progress(self.plan, self.progress)
        if any(p.is_error for p in problems):
            raise PlanInvalid(problems)
        if self.as_of < self.window.start:
            raise ReportError(
                f"as_of {self.as_of.isoformat()} is before the reporting window starts "
                f"({self.window})"
            )
        if self.previous is not None:
            if self.previous.plan != self.plan:
                raise ReportError("the previous report is for another plan")
            if not self.previous.period < self.period:
                raise ReportError(
                    f"the previous report is for {self.previous.period.label}, "
                    f"which does not come before {self.period.label}"
                )
        object.__setattr__(self, "tasks", tuple(_derive(self)))

    # -- the period --------------------------------------------------------------------

    @property
    def window(self) -> Window:
        """The data cut-off window (Nghị định 09/2019/NĐ-CP, Điều 12)."""
        return self.period.cutoff()

    @property
    def window_phrase(self) -> str:
        """The window in running text: "từ ngày 15/9/2025 đến ngày 14/12/2025"."""
        w = self.window
        return f"từ ngày {short_date(w.start)} đến ngày {short_date(w.end)}"

    @property
    def period_phrase(self) -> str:
        """ "quý IV năm 2025"."""
        return period_phrase(self.period)

    # -- the document ------------------------------------------------------------------

    @property
    def document_number(self) -> DocumentNumber:
        """The báo cáo's number; "/BC-SKHCN" while it is a draft (NĐ 30/2020, Phụ lục III)."""
        if self.number is not None:
            return self.number
        return DocumentNumber(type_code="BC", issuer_code=self.plan.number.issuer_code)

    @property
    def issue_date(self) -> IssueDate:
        return self.issued or IssueDate(year=self.as_of.year, month=self.as_of.month)

    @property
    def subject(self) -> str:
        """What the plan is about, for the summary: "kiểm soát thủ tục hành chính"."""
        if self.title is not None:
            return clean(self.title)
        head = self.plan.title.split(",")[0].split(";")[0].strip()
        return head[:1].lower() + head[1:] if head[1:2].islower() else head

    @property
    def summary(self) -> str:
        """The trích yếu (NĐ 30/2020, Phụ lục I, II.5).

        For the seed's Quý IV/2025: "Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính
        quý IV năm 2025".
        """
        return f"Kết quả thực hiện Kế hoạch {self.subject} {self.period_phrase}"

    # -- figures -----------------------------------------------------------------------

    def result(self, task: TaskNumber | str) -> TaskResult | None:
        """The task's result, or None when the task is not in this report."""
        number = TaskNumber.parse(task) if isinstance(task, str) else task
        for r in self.tasks:
            if r.number == number:
                return r
        return None

    @property
    def counts(self) -> Tally:
        """Tasks by status; ``counts.total`` is the number of tasks in the report."""
        return Tally.of(r.status for r in self.tasks)

    @property
    def completion_rate(self) -> float | None:
        """Done (on time or late) over the tasks that applied; None when none did."""
        return self.counts.completion_rate

    @property
    def overdue(self) -> tuple[TaskResult, ...]:
        """Tasks whose due day passed without completion, in plan order."""
        return tuple(r for r in self.tasks if r.status is TaskStatus.OVERDUE)

    @property
    def not_reported(self) -> tuple[TaskResult, ...]:
        return tuple(r for r in self.tasks if r.status is TaskStatus.NOT_REPORTED)

    @property
    def by_unit(self) -> tuple[UnitFigures, ...]:
        """For each unit that leads a task in the report, its statuses counted."""
        # Each unit's lead statuses in task order, gathered in one pass over the tasks
        # (a portfolio's roll-up asks this of every report).
        statuses: dict[str, list[TaskStatus]] = {}
        for r in self.tasks:
            for u in r.units:
                if u.lead:
                    statuses.setdefault(u.unit, []).append(u.status)
        return tuple(
            UnitFigures(unit=unit, tally=Tally.of(statuses[unit.id]))
            for unit in self.plan.units
            if statuses.get(unit.id)
        )

    @property
    def by_group(self) -> tuple[GroupFigures, ...]:
        """For each top-level heading, its tasks in the report counted."""
        out = []
        for top in self.plan.children():
            statuses = [
                r.status
                for r in self.tasks
                if r.number == top.number or top.number.is_ancestor_of(r.number)
            ]
            if statuses:
                out.append(GroupFigures(task=top, tally=Tally.of(statuses)))
        return tuple(out)

    @property
    def attainment(self) -> tuple[Attainment, ...]:
        """Each indicator of a task in the report, with the values units gave."""
        out = []
        for r in self.tasks:
            for indicator in r.task.indicators:
                values = tuple(
                    UnitValue(unit=u.unit, value=v, ratio=v / indicator.target)
                    for u in r.units
                    if u.row is not None and (v := u.row.value(indicator.id)) is not None
                )
                out.append(Attainment(task_number=r.number, indicator=indicator, by_unit=values))
        return tuple(out)

    @property
    def difficulties(self) -> tuple[Remark, ...]:
        """General difficulties first, then each row's, in plan and unit order."""
        return self._remarks(self.progress.difficulties, lambda row: row.difficulty)

    @property
    def proposals(self) -> tuple[Remark, ...]:
        """General proposals first, then each row's, in plan and unit order."""
        return self._remarks(self.progress.proposals, lambda row: row.proposal)

    def _remarks(
        self, general: Sequence[str], pick: Callable[[ProgressRow], str]
    ) -> tuple[Remark, ...]:
        out = [Remark(text=t) for t in general]
        for r in self.tasks:
            out += [
                Remark(text=pick(row), unit=row.unit, task=r.number) for row in r.rows if pick(row)
            ]
        return tuple(out)

    @property
    def change(self) -> Change | None:
        """The change since ``previous``; None without a previous report."""
        prev = self.previous
        if prev is None:
            return None
        now, before = self.counts, prev.counts
        rate = None
        if now.completion_rate is not None and before.completion_rate is not None:
            rate = now.completion_rate - before.completion_rate
        old = {r.number: r.status for r in prev.tasks}
        return Change(
            previous=prev.period,
            completion_rate=rate,
            counts=tuple((s, now[s] - before[s]) for s in _ORDER),
            newly_done=tuple(
                r.number
                for r in self.tasks
                if r.status.is_done and not (old.get(r.number) or TaskStatus.NOT_REPORTED).is_done
            ),
            newly_overdue=tuple(
                r.number
                for r in self.tasks
                if r.status is TaskStatus.OVERDUE and old.get(r.number) is not TaskStatus.OVERDUE
            ),
            resolved=tuple(
                r.number
                for r in self.tasks
                if r.status.is_done and old.get(r.number) is TaskStatus.OVERDUE
            ),
        )

    # -- for notebooks and files -------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per task in the report, in plan order, ready for pandas.

        Keys: ``number``, ``title``, ``group`` (the top-level heading's number),
        ``lead_ids`` and ``lead`` (the lead units' ids and names), ``status`` (the code),
        ``status_label`` (Vietnamese), ``due`` (the due dates in the window, a list of
        :class:`datetime.date`), ``overdue``, ``reported``, ``completed`` (a date or None),
        ``result``, and one key per indicator of the task with the overall actual value.
        """
        attainment = {(a.task_number, a.indicator.id): a for a in self.attainment}
        records = []
        for r in self.tasks:
            lead = tuple(u.unit for u in r.units if u.lead)
            record: dict[str, Any] = {
                "number": str(r.number),
                "title": r.task.title,
                "group": str(r.number.parts[0]),
                "lead_ids": list(lead),
                "lead": list(self.plan.unit_names(lead)),
                "status": r.status.value,
                "status_label": r.status.label,
                "due": list(r.due),
                "overdue": r.status is TaskStatus.OVERDUE,
                "reported": r.reported,
                "completed": r.completed,
                "result": self.result_text(r),
            }
            for indicator in r.task.indicators:
                record[indicator.id] = attainment[(r.number, indicator.id)].actual
            records.append(record)
        return records

    def result_text(self, result: TaskResult) -> str:
        """The results the units wrote, each after its unit's name when there are several."""
        rows = [row for row in result.rows if row.result]
        if len(rows) == 1:
            return rows[0].result
        names = self.plan.units_by_id
        return "\n".join(
            f"{names[row.unit].name if row.unit in names else row.unit}: {row.result}"
            for row in rows
        )

    def to_frame(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame indexed by task number (``kh-tthc[pandas]``).

        ``status`` is a category in :class:`TaskStatus` order, ``completed`` a
        ``datetime64`` column; ``due`` keeps its list of dates per task.

        Raises:
            ModuleNotFoundError: pandas is not installed.
        """
        return frame(
            self.to_records(),
            what="Report.to_frame",
            index="number",
            dates=("completed",),
            categories={"status": [s.value for s in TaskStatus]},
        )

    def to_csv(self) -> str:
        """The task records as CSV for Excel: a byte-order mark, lists joined with "; ",
        dates as ISO days, every text cell through :func:`kh_tthc.io.csv_safe.escape_cell`.
        """
        return records_csv(self.to_records(), bom=True)

    def to_table(self, *, width: int = 110) -> str:
        """The tasks as an aligned text table for a terminal, in Vietnamese."""
        return report_table(self, width=width)

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text, Vietnamese kept readable."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Every figure as plain JSON-ready data."""
        change = self.change
        names = self.plan.units_by_id
        return {
            "plan": str(self.plan.number),
            "plan_title": self.plan.title,
            "period": self.period.iso,
            "period_label": self.period.label,
            "window": {"start": self.window.start.isoformat(), "end": self.window.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "counts": self.counts.as_dict(),
            "total": self.counts.total,
            "completion_rate": self.completion_rate,
            "by_unit": [
                {
                    "unit": f.unit.id,
                    "name": f.unit.name,
                    "counts": f.tally.as_dict(),
                    "total": f.tally.total,
                    "completion_rate": f.tally.completion_rate,
                }
                for f in self.by_unit
            ],
            "by_group": [
                {
                    "number": str(g.task.number),
                    "title": g.task.title,
                    "counts": g.tally.as_dict(),
                    "total": g.tally.total,
                    "completion_rate": g.tally.completion_rate,
                }
                for g in self.by_group
            ],
            "overdue": [str(r.number) for r in self.overdue],
            "attainment": [
                {
                    "task": str(a.task_number),
                    "indicator": a.indicator.id,
                    "name": a.indicator.name,
                    "target": a.indicator.target,
                    "unit": a.indicator.unit,
                    "actual": a.actual,
                    "ratio": a.ratio,
                    "by_unit": [
                        {"unit": u.unit, "value": u.value, "ratio": u.ratio} for u in a.by_unit
                    ],
                }
                for a in self.attainment
            ],
            "difficulties": [_remark_dict(r, names) for r in self.difficulties],
            "proposals": [_remark_dict(r, names) for r in self.proposals],
            "change": None
            if change is None
            else {
                "previous": change.previous.iso,
                "completion_rate": change.completion_rate,
                "counts": {s.value: n for s, n in change.counts},
                "newly_done": [str(n) for n in change.newly_done],
                "newly_overdue": [str(n) for n in change.newly_overdue],
                "resolved": [str(n) for n in change.resolved],
            },
            "tasks": [{k: _iso(v) for k, v in r.items()} for r in self.to_records()],
        }

    def _repr_html_(self) -> str:
        """A summary line and the task table, for Jupyter."""
        counts = self.counts
        rate = self.completion_rate
        parts = [f"{s.label}: {n}" for s, n in counts.items() if n]
        head = (
            f"<p><b>{escape(self.summary)}</b><br>{escape(self.window_phrase)}, "
            f"số liệu đến ngày {short_date(self.as_of)}<br>{counts.total} nhiệm vụ; "
            f"{escape('; '.join(parts))}; tỷ lệ hoàn thành "
            f"{'—' if rate is None else format_percent(rate)}</p>"
        )
        rows = []
        for rec, r in zip(self.to_records(), self.tasks, strict=True):
            cells = (
                f"<td>{escape(rec['number'])}</td><td>{escape(rec['title'])}</td>"
                f"<td>{'<br>'.join(escape(u) for u in rec['lead'])}</td>"
                f"<td>{escape(rec['result']).replace(chr(10), '<br>')}</td>"
                f"<td>{escape(r.status.label)}</td>"
            )
            rows.append(f"<tr>{cells}</tr>")
        table = (
            "<table><thead><tr><th>STT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th>"
            f"<th>Kết quả</th><th>Tình trạng</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table>"
        )
        return head + table


def _iso(value: Any) -> Any:
    # Dates in records are dates; in JSON, ISO days.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _remark_dict(remark: Remark, names: Mapping[str, Unit]) -> dict[str, Any]:
    return {
        "text": remark.text,
        "unit": remark.unit,
        "unit_name": None if remark.unit is None else names[remark.unit].name,
        "task": None if remark.task is None else str(remark.task),
    }


# -- deriving statuses -------------------------------------------------------------------------


def _derive(report: Report) -> Iterator[TaskResult]:
    plan = report.plan
    window = report.window
    start = max(window.start, plan.period.start)
    end = min(window.end, plan.period.end)
    rule = report.reporting if report.reporting is not None else plan.reporting
    calendar = report.calendar if report.calendar is not None else plan.calendar()
    previous = report.previous
    # Progress.rows_for, for every task at once: the rows by task number, in file order.
    rows_of: dict[TaskNumber, list[ProgressRow]] = {}
    for row in report.progress.rows:
        rows_of.setdefault(row.task, []).append(row)
    for task in plan.tasks:
        deadline = task.deadline
        if deadline is None or not is_tracked(task):
            continue
        rows = tuple(rows_of.get(task.number, ()))
        due = _due_dates(deadline, start, end, calendar, rule) if start <= end else ()
        carried: date | None = None
        if deadline.kind in _DATED and not due and start > plan.period.start:
            before_start = start - timedelta(days=1)
            earlier = _due_dates(deadline, plan.period.start, before_start, calendar, rule)
            if earlier:
                before = None if previous is None else previous.result(task.number)
                still_open = before is not None and not (
                    before.status.is_done or before.status is TaskStatus.NOT_APPLICABLE
                )
                if not rows and not still_open:
                    continue  # due and settled in an earlier window
                carried = earlier[-1]
        yield _task_result(report, task, rows, due, carried)


def _due_days(
    deadline: Deadline, start: date, end: date, calendar: WorkCalendar, rule: SendingRule | None
) -> tuple[date, ...]:
    """``deadline.due_dates(start, end, calendar=..., reporting=...)``."""
    return tuple(deadline.due_dates(start, end, calendar=calendar, reporting=rule))


# Worked out once per rule, window, calendar and sending rule: the plans of a portfolio
# repeat their completion times, and each plan's report asked for the same days again (a
# deadline is keyed by its value, as build_schedule keys its expansions). Wrapped, not a
# decorator: mutation testing leaves decorated functions out.
_due_dates = functools.lru_cache(maxsize=8192)(_due_days)


def _task_result(
    report: Report,
    task: Task,
    rows: tuple[ProgressRow, ...],
    due: tuple[date, ...],
    carried: date | None,
) -> TaskResult:
    passed = any(d < report.as_of for d in due) or carried is not None
    dated = task.deadline is not None and task.deadline.kind in _DATED
    final_due = carried or (due[-1] if due and dated else None)
    by_unit = {r.unit: r for r in rows}
    # A task whose plan row names no unit is led by whoever reported on it.
    leads = task.lead or (tuple(sorted(by_unit)) if not task.units else ())
    units = [
        UnitResult(
            unit=u,
            lead=True,
            status=_unit_status(by_unit.get(u), passed, final_due),
            row=by_unit.get(u),
        )
        for u in leads
    ]
    for u in task.support:
        if u in by_unit and u not in leads:
            row = by_unit[u]
            units.append(
                UnitResult(unit=u, lead=False, status=_unit_status(row, passed, final_due), row=row)
            )
    lead_statuses = [u.status for u in units if u.lead]
    status = _combine(lead_statuses) if lead_statuses else _unit_status(None, passed, final_due)
    return TaskResult(task=task, status=status, due=due, carried_over=carried, units=tuple(units))


def _unit_status(row: ProgressRow | None, passed: bool, final_due: date | None) -> TaskStatus:
    if row is None:
        return TaskStatus.OVERDUE if passed else TaskStatus.NOT_REPORTED
    if row.status is ProgressStatus.NOT_APPLICABLE:
        return TaskStatus.NOT_APPLICABLE
    if row.status.is_done:
        late = row.status is ProgressStatus.DONE_LATE or (
            final_due is not None and row.completed is not None and row.completed > final_due
        )
        return TaskStatus.DONE_LATE if late else TaskStatus.DONE
    return TaskStatus.OVERDUE if passed else TaskStatus.of(row.status)


def _combine(statuses: Sequence[TaskStatus]) -> TaskStatus:
    """A task's status from its lead units' statuses (rules in the module docstring)."""
    applicable = [s for s in statuses if s is not TaskStatus.NOT_APPLICABLE]
    if not applicable:
        return TaskStatus.NOT_APPLICABLE
    for worst in (TaskStatus.OVERDUE, TaskStatus.NOT_REPORTED):
        if worst in applicable:
            return worst
    if all(s.is_done for s in applicable):
        return TaskStatus.DONE_LATE if TaskStatus.DONE_LATE in applicable else TaskStatus.DONE
    if all(s is TaskStatus.NOT_STARTED for s in applicable):
        return TaskStatus.NOT_STARTED
    return TaskStatus.IN_PROGRESS
