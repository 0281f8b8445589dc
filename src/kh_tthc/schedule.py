"""A plan's agenda: every task's deadlines expanded over a window, with a status.

:func:`build_schedule` (or :meth:`kh_tthc.Plan.schedule`) turns each task's completion time
into occurrences:

* a date or a period deadline gives its due date (flagged when it is a day off, see
  :mod:`kh_tthc.deadline`);
* a periodic deadline gives one occurrence per report due in the window, dated by the
  sending rule (Nghị định 09/2019/NĐ-CP, Điều 8 and 12);
* ongoing work ("Thường xuyên") gives one occurrence per reporting period, dated like that
  period's report: something to report on, not something to finish;
* work on an event, and text the parser did not recognise, give one undated occurrence.

Each occurrence's status is told relative to ``as_of``, a date the caller passes in (the
library never reads the clock): ``overdue`` before it, ``due_soon`` within ``soon`` working
days from it, ``upcoming`` after that; ``ongoing``, ``on_event`` and ``unspecified`` for the
undated kinds. A schedule knows no progress: a past due date stays ``overdue`` until a
report says the work is done.

The exports at the end of the module (:func:`to_table`, :func:`to_csv`, :func:`to_json`,
:func:`to_ics`) are pure functions of a schedule.
"""

from __future__ import annotations

import csv
import difflib
import enum
import io
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time
from html import escape
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from kh_tthc._slots import slot_maker
from kh_tthc.calendar import WorkCalendar, check_range
from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    Deadline,
    Frequency,
    Periodic,
)
from kh_tthc.errors import KhTthcError
from kh_tthc.io.csv_safe import escape_row
from kh_tthc.model import Plan, Task
from kh_tthc.periods import Period, SendingRule, short_date
from kh_tthc.tables import check_choice, frame
from kh_tthc.vn import fold

if TYPE_CHECKING:
    import pandas

__all__ = [
    "EXPORTS",
    "FORMATS",
    "ROLES",
    "Occurrence",
    "Schedule",
    "ScheduleError",
    "Status",
    "build_schedule",
    "to_csv",
    "to_ics",
    "to_json",
    "to_table",
]

#: Working days ahead of ``as_of`` in which a due date counts as "due soon".
DEFAULT_SOON = 5


class ScheduleError(KhTthcError, ValueError):
    """A schedule asked for something the plan does not have (an unknown unit)."""


class Status(enum.Enum):
    """Where an occurrence stands on the day ``as_of``."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    ON_EVENT = "on_event"
    UNSPECIFIED = "unspecified"

    @property
    def label(self) -> str:
        """The Vietnamese word for the status, for tables."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.OVERDUE: "Quá hạn",
    Status.DUE_SOON: "Sắp đến hạn",
    Status.UPCOMING: "Chưa đến hạn",
    Status.ONGOING: "Thường xuyên",
    Status.ON_EVENT: "Khi phát sinh",
    Status.UNSPECIFIED: "Chưa rõ thời hạn",
}


@frozen(kw_only=True)
class Occurrence:
    """One thing a task asks for on the agenda: a due date, a report, a period to report on.

    ``due`` is None for work on an event and unrecognised deadlines. ``period`` is the
    reporting period (or the period of a "Quý IV/2025" deadline); ``label`` names it for
    people ("Quý IV/2025", "Tuần 42/2025"), empty when there is none. ``on_day_off`` flags a
    date the plan states that falls on a day off.
    """

    task: Task
    kind: str
    status: Status
    due: date | None = None
    period: Period | None = None
    label: str = ""
    on_day_off: bool = False

    @property
    def deadline(self) -> Deadline | None:
        """The task's completion time."""
        return self.task.deadline


# Occurrence(task, kind, status, due, period, label, on_day_off) for build_schedule, which
# makes 192,000 of them for a portfolio of 500 plans: the object the constructor makes,
# without binding keywords (kh_tthc._slots). The class has no converter, validator,
# default factory or __attrs_post_init__ to run (tests/test_schedule.py checks that, and
# compares the two). A third of the time of making each occurrence.
_occurrence = slot_maker(Occurrence)


Role = Literal["lead", "support", "any"]

#: The values ``Schedule.for_unit(role=...)`` accepts.
ROLES: tuple[Role, ...] = ("lead", "support", "any")

#: The ``format`` names of :meth:`Schedule.export`, as ``kh-tthc schedule --format``.
FORMATS = ("table", "csv", "json", "ics")


@frozen(kw_only=True)
class Schedule:
    """The occurrences of a plan's tasks from ``start`` to ``end``, as of ``as_of``.

    Occurrences are in agenda order: dated ones by due date then task number, the undated
    ones after them by task number.
    """

    plan: Plan = field(repr=False)
    start: date
    end: date
    as_of: date
    occurrences: tuple[Occurrence, ...]

    def __iter__(self) -> Iterator[Occurrence]:
        return iter(self.occurrences)

    def __len__(self) -> int:
        return len(self.occurrences)

    def _replace(self, occurrences: Iterable[Occurrence]) -> Schedule:
        return Schedule(
            plan=self.plan,
            start=self.start,
            end=self.end,
            as_of=self.as_of,
            occurrences=tuple(occurrences),
        )

    def unit_id(self, unit: str) -> str:
        """The id of the unit named by ``unit``: its id, or its name in any case.

        Raises:
            ScheduleError: No unit of the plan has that id or name; the message lists the ids.
        """
        by_id = self.plan.units_by_id
        if unit in by_id:
            return unit
        key = fold(unit)
        for u in self.plan.units:
            if fold(u.name) == key:
                return u.id
        known = ", ".join(sorted(by_id)) or "none"
        close = difflib.get_close_matches(unit, sorted(by_id), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ScheduleError(f"no unit {unit!r} in the plan ({hint}unit ids: {known})")

    def for_unit(self, unit: str, *, role: Role = "any") -> Schedule:
        """The occurrences of tasks the unit leads (``"lead"``), supports, or either.

        Args:
            unit: A unit id or name.
            role: Which responsibility counts: ``"lead"``, ``"support"`` or ``"any"``.

        Returns:
            A schedule with those occurrences only.

        Raises:
            ScheduleError: The plan has no such unit.
            ValueError: ``role`` is not one of :data:`ROLES`; the message lists them.
        """
        check_choice("role", role, ROLES)
        uid = self.unit_id(unit)

        def keep(o: Occurrence) -> bool:
            lead = uid in o.task.lead
            support = uid in o.task.support
            return lead if role == "lead" else support if role == "support" else lead or support

        return self._replace(o for o in self.occurrences if keep(o))

    def with_status(self, *statuses: Status | str) -> Schedule:
        """The occurrences with one of ``statuses``, given as :class:`Status` or its value
        (``"overdue"``).

        Raises:
            ValueError: a status that is not one of :class:`Status`; the message lists them.
        """
        values = [s.value for s in Status]
        wanted = {
            s if isinstance(s, Status) else Status(check_choice("status", s, values))
            for s in statuses
        }
        return self._replace(o for o in self.occurrences if o.status in wanted)

    def _names(self) -> Callable[[tuple[str, ...]], list[str]]:
        # Plan.unit_names builds its lookup on every call; exports call it per row.
        by_id = {u.id: u.name for u in self.plan.units}
        return lambda ids: [by_id.get(i, i) for i in ids]

    def _export_records(self) -> list[dict[str, Any]]:
        # The rows of the JSON and CSV exports, whose columns stay as they were.
        names = self._names()
        out = []
        for o in self.occurrences:
            period = o.period.iso if o.period is not None else (o.label or None)
            out.append(
                {
                    "task": str(o.task.number),
                    "title": o.task.title,
                    "lead": names(o.task.lead),
                    "due": None if o.due is None else o.due.isoformat(),
                    "kind": o.kind,
                    "period": period,
                    "status": o.status.value,
                }
            )
        return out

    def records(self) -> list[dict[str, Any]]:
        """Deprecated: use :meth:`to_records`, whose ``due`` is a date.

        One plain dict per occurrence with the keys of the JSON export: ``task``, ``title``,
        ``lead`` (names), ``due`` (ISO text or None), ``kind``, ``period``, ``status``.
        Kept for one minor version; it warns with a :class:`DeprecationWarning`.
        """
        warnings.warn(
            "Schedule.records() is deprecated: use Schedule.to_records(), whose 'due' is a "
            "date, or Schedule.to_json()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._export_records()

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per occurrence, in agenda order, with the keys of every ``to_records``.

        Keys: ``number`` (the task number), ``title``, ``lead_ids`` and ``lead`` (unit ids
        and names), ``support_ids`` and ``support``, ``due`` (a :class:`datetime.date` or
        None), ``kind``, ``period`` (a code such as "2025-Q4", or None), ``label`` ("Quý
        IV/2025"), ``status`` (the :class:`Status` value) and ``on_day_off``.

        >>> from kh_tthc import load_plan
        >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
        >>> row = plan.schedule(as_of=date(2025, 10, 15)).to_records()[0]
        >>> row["due"], row["lead_ids"], row["status"]
        (datetime.date(2025, 9, 16), ['vp'], 'ongoing')
        """
        names = self._names()
        return [
            {
                "number": str(o.task.number),
                "title": o.task.title,
                "lead_ids": list(o.task.lead),
                "lead": names(o.task.lead),
                "support_ids": list(o.task.support),
                "support": names(o.task.support),
                "due": o.due,
                "kind": o.kind,
                "period": None if o.period is None else o.period.iso,
                "label": o.label,
                "status": o.status.value,
                "on_day_off": o.on_day_off,
            }
            for o in self.occurrences
        ]

    def to_frame(self) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame (``kh-tthc[pandas]``): ``due`` is
        ``datetime64``, ``status`` a category in :class:`Status` order, ``kind`` a category.

        Raises:
            ModuleNotFoundError: pandas is not installed.
        """
        return frame(
            self.to_records(),
            what="Schedule.to_frame",
            dates=("due",),
            categories={"status": [s.value for s in Status], "kind": None},
        )

    def to_csv(self) -> str:
        """The schedule as CSV (see :func:`to_csv`)."""
        return to_csv(self)

    def to_json(self) -> str:
        """The schedule as JSON (see :func:`to_json`)."""
        return to_json(self)

    def to_table(self, *, width: int = 110) -> str:
        """The schedule as a text table for a terminal (see :func:`to_table`)."""
        return to_table(self, width=width)

    def to_ics(self) -> bytes:
        """The dated occurrences as an iCalendar file (see :func:`to_ics`)."""
        return to_ics(self)

    def export(self, format: str) -> str | bytes:
        """The schedule in one of :data:`FORMATS`, as ``kh-tthc schedule --format``.

        Raises:
            ValueError: an unknown format; the message lists the known ones.
        """
        return EXPORTS[check_choice("format", format, FORMATS)](self)

    def _repr_html_(self) -> str:
        """An HTML table of the agenda for Jupyter; every text from the plan is escaped."""
        rows = []
        for r in self.to_records():
            due = "" if r["due"] is None else short_date(r["due"])
            cells = (due, Status(r["status"]).label, r["number"], r["label"], "; ".join(r["lead"]))
            tds = "".join(f"<td>{escape(c)}</td>" for c in (*cells, r["title"]))
            rows.append(f"<tr>{tds}</tr>")
        head = "".join(
            f"<th>{h}</th>" for h in ("Hạn", "Trạng thái", "STT", "Kỳ", "Chủ trì", "Nội dung")
        )
        caption = escape(
            f"Lịch thực hiện từ {short_date(self.start)} đến {short_date(self.end)} "
            f"(tính đến ngày {short_date(self.as_of)})"
        )
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


# -- building -----------------------------------------------------------------------------


@frozen
class _Item:
    """One expansion of a deadline rule, shared by every task with that rule."""

    due: date | None
    period: Period | None
    label: str
    on_day_off: bool


def _expand(
    deadline: Deadline,
    start: date,
    end: date,
    cal: WorkCalendar,
    rule: SendingRule,
    report_every: Periodic,
) -> tuple[_Item, ...]:
    if deadline.kind == "ongoing":
        sent = report_every.sendings(start, end, calendar=cal, reporting=rule)
        return tuple(_Item(s.due, s.period, s.label, False) for s in sent)
    if isinstance(deadline, Periodic):
        sent = deadline.sendings(start, end, calendar=cal, reporting=rule)
        return tuple(_Item(s.due, s.period, s.label, False) for s in sent)
    if isinstance(deadline, ByDate | ByPeriod):
        period = deadline.period if isinstance(deadline, ByPeriod) else None
        # Each named day is flagged on its own: a cell of numbered steps names several.
        return tuple(
            _Item(due, period, period.label if period else "", not cal.is_working_day(due))
            for due in deadline.due_dates(start, end)
        )
    if deadline.kind in ("recurring", "composite"):
        # Days from a rule (already moved off days off) or the parts' dates; a composite
        # with no date in the window (ongoing work and an event) is listed undated.
        days = deadline.due_dates(start, end, calendar=cal, reporting=rule)
        if days or deadline.kind == "recurring":
            return tuple(_Item(due, None, "", False) for due in days)
    return (_Item(None, None, "", False),)


_UNDATED = {"on_event": Status.ON_EVENT, "unspecified": Status.UNSPECIFIED}


def build_schedule(
    plan: Plan,
    start: date | None = None,
    end: date | None = None,
    *,
    as_of: date,
    calendar: WorkCalendar | None = None,
    reporting: SendingRule | None = None,
    report_every: Frequency = Frequency.QUARTER,
    soon: int = DEFAULT_SOON,
    expansions: dict[Any, dict[Deadline, tuple[_Item, ...]]] | None = None,
) -> Schedule:
    """Expand every task's completion time over ``start``..``end``.

    Each distinct deadline rule is expanded once, however many tasks share it.

    Args:
        plan: The plan.
        start: First day of the window; the plan's first day when None.
        end: Last day of the window; the plan's last day when None.
        as_of: The day statuses are told from.
        calendar: The working calendar; the plan's (:meth:`Plan.calendar`) when None.
        reporting: The sending rule of periodic reports; the plan's ``reporting``, else
            :meth:`SendingRule.default`, when
            None.
        report_every: How often ongoing work is reported on; quarterly by default, as the
            seed plan's section IV asks ("định kỳ ... báo cáo (quý, năm)").
        soon: Working days after ``as_of`` in which a due date is "due soon".
        expansions: A dict the caller keeps to share the expansions of rules between
            calls (a portfolio's plans repeat their completion times); empty at first.
            An expansion depends on the rule, the window, the calendar and the sending
            rules only, which key it.

    Returns:
        The schedule.

    Raises:
        DateRangeError: ``end`` is before ``start``.
        CalendarRangeError: The window lies outside the years the calendar covers.

    >>> from kh_tthc import load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> agenda = build_schedule(plan, as_of=date(2025, 10, 15))
    >>> for o in agenda:
    ...     if str(o.task.number) == "2.5":
    ...         print(o.due, o.label, o.status.value)
    2025-09-16 Quý III/2025 overdue
    2025-12-16 Quý IV/2025 upcoming
    2025-12-16 Năm 2025 upcoming
    """
    first = plan.period.start if start is None else start
    last = plan.period.end if end is None else end
    check_range(first, last)
    cal = calendar if calendar is not None else plan.calendar()
    rule = reporting if reporting is not None else plan.reporting or SendingRule.default()
    every = Periodic(frequencies=(report_every,))
    soon_limit = cal.add_working_days(as_of, soon) if soon > 0 else as_of
    expanded: dict[Deadline, tuple[_Item, ...]] = (
        {} if expansions is None else expansions.setdefault((first, last, cal, rule, every), {})
    )
    # Agenda order is by due day, then task number, then the task's place in the plan,
    # then the order of its rule's expansion. Sort keys hold the task's rank in that
    # order (by number, then place) and a running count, plain ints that compare fast:
    # no two keys are equal, so the occurrences themselves are never compared.
    tasks = plan.tasks
    ranks = sorted(range(len(tasks)), key=lambda i: (tasks[i].number.parts, i))
    rank_of = {index: rank for rank, index in enumerate(ranks)}
    dated: list[tuple[date, int, int, Occurrence]] = []
    undated: list[tuple[int, int, Occurrence]] = []
    count = 0
    for index, task in enumerate(tasks):
        deadline = task.deadline
        if deadline is None:
            continue
        items = expanded.get(deadline)
        if items is None:
            items = _expand(deadline, first, last, cal, rule, every)
            expanded[deadline] = items
        kind = deadline.kind
        rank = rank_of[index]
        for item in items:
            due = item.due
            if due is None:
                status = _UNDATED.get(kind, Status.ON_EVENT)
            elif kind == "ongoing":
                status = Status.ONGOING
            elif due < as_of:
                status = Status.OVERDUE
            elif due <= soon_limit:
                status = Status.DUE_SOON
            else:
                status = Status.UPCOMING
            occurrence = _occurrence(
                task, kind, status, due, item.period, item.label, item.on_day_off
            )
            count += 1
            if due is None:
                undated.append((rank, count, occurrence))
            else:
                dated.append((due, rank, count, occurrence))
    dated.sort()
    undated.sort()
    return Schedule(
        plan=plan,
        start=first,
        end=last,
        as_of=as_of,
        occurrences=tuple(row[-1] for row in dated) + tuple(row[-1] for row in undated),
    )


# -- exports ------------------------------------------------------------------------------


def to_json(schedule: Schedule) -> str:
    """The schedule as a JSON array, one object per occurrence, UTF-8 text kept readable.

    Keys: ``task`` (number), ``title``, ``lead`` (unit names), ``due`` (ISO date or None),
    ``kind``, ``period`` (a code such as "2025-Q4", a week label, or None) and ``status``.
    """
    return json.dumps(schedule._export_records(), ensure_ascii=False, indent=2) + "\n"


def to_csv(schedule: Schedule) -> str:
    """The schedule as CSV with a header row; lead units are joined by "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = ["task", "title", "lead", "due", "kind", "period", "status"]
    writer.writerow(keys)
    for record in schedule._export_records():
        record["lead"] = "; ".join(record["lead"])
        # Text that a spreadsheet would run as a formula gets a leading "'" (io/csv_safe).
        writer.writerow(escape_row(["" if record[k] is None else record[k] for k in keys]))
    return buffer.getvalue()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(schedule: Schedule, *, width: int = 110) -> str:
    """The schedule as an aligned text table for a terminal, in Vietnamese.

    A due date on a day off is marked with "*"; a note under the table says so.
    """
    header = f"Lịch thực hiện từ {short_date(schedule.start)} đến {short_date(schedule.end)}"
    header += f" (tính đến ngày {short_date(schedule.as_of)})"
    columns = ("Hạn", "Trạng thái", "STT", "Kỳ", "Chủ trì", "Nội dung")
    names = schedule._names()
    rows = []
    flagged = False
    for o in schedule.occurrences:
        due = "" if o.due is None else short_date(o.due) + ("*" if o.on_day_off else "")
        flagged = flagged or o.on_day_off
        lead = "; ".join(names(o.task.lead))
        rows.append(
            (due, o.status.label, str(o.task.number), o.label, _cut(lead, 28), o.task.title)
        )
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns[:-1])]
    used = sum(widths) + 2 * len(widths)
    title_width = max(width - used, 20)

    def line(cells: tuple[str, ...]) -> str:
        fixed = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
        return f"{fixed}  {_cut(cells[-1], title_width)}".rstrip()

    out = [header, "", line(columns), line((*("-" * w for w in widths), "-" * 9))]
    out.extend(line(r) for r in rows)
    if not rows:
        out.append("(không có nhiệm vụ nào)")
    if flagged:
        out.extend(["", "* ngày nghỉ: thời hạn giữ nguyên như kế hoạch ghi"])
    return "\n".join(out) + "\n"


def to_ics(schedule: Schedule) -> bytes:
    """The dated occurrences as an iCalendar file (RFC 5545), one all-day event each.

    Each event carries the task number and title in its summary, the lead and supporting
    units and the completion time in its description, the lead units as categories, and a
    UID stable across runs. DTSTAMP is ``as_of`` at midnight UTC, so the same schedule
    always gives the same bytes.
    """
    from icalendar import Calendar, Event  # deferred: only this export needs it

    plan = schedule.plan
    cal = Calendar()
    cal.add("prodid", "-//kh-tthc//schedule//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{plan.type_name} {plan.number}")
    stamp = datetime.combine(schedule.as_of, time(0, 0), tzinfo=UTC)
    issuer = fold(plan.issuer.abbreviation).replace(" ", "-") or "plan"
    names = schedule._names()
    for o in schedule.occurrences:
        if o.due is None:
            continue
        lead = names(o.task.lead)
        support = names(o.task.support)
        what = f" – {o.label}" if o.label else ""
        # The summary carries the task number and title; the description what is around it.
        description = []
        if lead:
            description.append("Chủ trì: " + "; ".join(lead))
        if support:
            description.append("Phối hợp/theo dõi: " + "; ".join(support))
        description.append(f"Thời gian hoàn thành: {o.task.deadline}")
        if o.on_day_off:
            description.append("Ngày nghỉ: thời hạn giữ nguyên như kế hoạch ghi.")
        key = o.period.iso if o.period is not None else o.label or o.due.isoformat()
        event = Event()
        event.add("uid", f"{o.task.number}-{o.kind}-{key}-{o.due.isoformat()}@{issuer}.kh-tthc")
        event.add("dtstamp", stamp)
        event.add("dtstart", o.due)
        event.add("summary", f"{o.task.number} {o.task.title}{what}")
        event.add("description", "\n".join(description))
        if lead:
            event.add("categories", lead)
        cal.add_component(event)
    return bytes(cal.to_ical())


#: Every export by its ``--format`` name.
EXPORTS: Mapping[str, Callable[[Schedule], str | bytes]] = {
    "table": to_table,
    "csv": to_csv,
    "json": to_json,
    "ics": to_ics,
}
