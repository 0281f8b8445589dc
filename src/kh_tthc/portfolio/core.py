"""A portfolio: the plans a unit tracks, read from a folder's ``portfolio.toml``.

A ``portfolio.toml`` lists the plan files (``[[plans]]``, each with its progress files
and the plan it implements), plans known only by reference (``[[references]]``: number,
date, issuer and title, as a plan cites them) and a shared unit registry (``[units]``).
Paths are relative to the folder. See docs/portfolio.md.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from kh_tthc._slots import slot_maker
from kh_tthc.errors import KhTthcError, PlanFileError, PlanInvalid, Problem, SourceUnreadable
from kh_tthc.io.plan_file import FORMATS as PLAN_FORMATS
from kh_tthc.io.plan_file import MAX_BYTES as PLAN_MAX_BYTES
from kh_tthc.io.plan_file import parse_toml, plan_from_bytes
from kh_tthc.io.source import format_of, read_bytes, read_text
from kh_tthc.model import DocumentNumber, IssueDate, Plan, TaskNumber, Unit
from kh_tthc.periods import Period
from kh_tthc.progress import MAX_BYTES as _PROGRESS_MAX_BYTES
from kh_tthc.progress import Progress, read_progress
from kh_tthc.vn import clean, fold

if TYPE_CHECKING:
    import pandas

    from kh_tthc.report import Report
    from kh_tthc.schedule import Occurrence

__all__ = [
    "AgendaItem",
    "Lineage",
    "PlanEntry",
    "PlanFigures",
    "PlanRef",
    "Portfolio",
    "PortfolioError",
    "PortfolioInvalid",
    "UnitFigures",
    "clear_cache",
]

PORTFOLIO_FILE = "portfolio.toml"
_UNSET: Any = object()  # not worked out yet (None is a value)
_MAX_BYTES = 1_000_000


class PortfolioError(KhTthcError, ValueError):
    """A portfolio that cannot be used at all (no ``portfolio.toml``, no plans)."""


class PortfolioInvalid(PlanInvalid):
    """Problems across the portfolio; ``problems`` lists every one with its file."""


@frozen(kw_only=True)
class Lineage:
    """The plan a plan implements: its number, issuer and year (a number is unique only
    within one issuer's year, Nghị định 30/2020/NĐ-CP, Phụ lục I, II.3)."""

    number: str = field(converter=clean)
    issuer: str = field(converter=clean)
    year: int

    def __str__(self) -> str:
        return f"{self.number} ({self.issuer}, {self.year})"


@frozen(kw_only=True)
class PlanRef:
    """A plan known only by reference: number, date, issuer and title, no tasks."""

    id: str
    number: DocumentNumber
    issued: IssueDate
    issuer: str = field(converter=clean)
    title: str = field(converter=clean)

    @property
    def key(self) -> tuple[str, int, str]:
        return (fold(self.issuer), self.issued.year, str(self.number))

    @property
    def citation(self) -> str:
        """As a plan cites it: "Kế hoạch số 22/KH-UBND ngày 05/8/2025 của UBND tỉnh …"."""
        d = self.issued.as_date()
        when = f" ngày {d.day:02d}/{d.month}/{d.year}" if d else f" năm {self.issued.year}"
        return f"Kế hoạch số {self.number}{when} của {self.issuer}"


@frozen(kw_only=True)
class PlanEntry:
    """A plan of the portfolio with its progress, as loaded; ``plan`` is None when the
    plan file failed validation (its problems are in the portfolio's)."""

    id: str
    file: Path
    plan: Plan | None
    progress: tuple[Progress, ...] = ()
    implements: Lineage | None = None
    #: Task number here -> task number of the implemented plan.
    serves: tuple[tuple[str, str], ...] = ()
    #: The addressee of the upward báo cáo ("Kính gửi:"), when the portfolio names one.
    addressee: str = ""
    #: Plan-local unit id -> registry id.
    unit_map: tuple[tuple[str, str], ...] = ()

    @property
    def number(self) -> str:
        return "" if self.plan is None else str(self.plan.number)

    @property
    def label(self) -> str:
        """The plan as a person names it: its number, or "Kế hoạch (dự thảo) <id>"."""
        if self.plan is None:
            return self.id
        n = self.plan.number
        return str(n) if n.number is not None else f"{n} (dự thảo)"

    def progress_for(self, period: Period) -> Progress | None:
        for p in self.progress:
            if p.period == period:
                return p
        return None

    def local_ids(self, unit: str) -> tuple[str, ...]:
        """The plan's own unit ids that are the registry unit ``unit``."""
        return tuple(local for local, reg in self.unit_map if reg == unit)

    def registry_id(self, local: str) -> str:
        return dict(self.unit_map).get(local, local)


@frozen(kw_only=True)
class AgendaItem:
    """One due item of the agenda across plans."""

    plan: str
    plan_number: str
    occurrence: Occurrence
    units: tuple[str, ...]

    @property
    def due(self) -> date | None:
        return self.occurrence.due

    @property
    def task(self) -> str:
        return str(self.occurrence.task.number)

    @property
    def uid(self) -> str:
        """A UID that stays the same from one run to the next (RFC 5545, 3.8.4.7)."""
        return _uid(self.plan, str(self.occurrence.task.number), self.occurrence)

    def record(self, names: Mapping[str, str]) -> dict[str, Any]:
        o = self.occurrence
        return {
            "due": o.due,
            "plan": self.plan,
            "plan_number": self.plan_number,
            "task": str(o.task.number),
            "title": o.task.title,
            "units": [names.get(u, u) for u in self.units],
            "kind": o.kind,
            "period": o.period.iso if o.period is not None else (o.label or None),
            "status": o.status.value,
            "status_label": o.status.label,
        }


# AgendaItem(plan, plan_number, occurrence, units) for the agenda, which makes one per
# due item (192,000 for 500 plans): the object the constructor makes, without binding
# keywords (kh_tthc._slots; no converter, validator or post-init to run:
# tests/test_portfolio.py checks that and compares the two).
_agenda_item = slot_maker(AgendaItem)


def _uid(plan: str, task: str, o: Occurrence, period: str | None = None) -> str:
    """:attr:`AgendaItem.uid` from its parts; ``period``, when given, is ``o.period.iso``."""
    key = (period or o.period.iso) if o.period is not None else o.label or "-"
    due = "-" if o.due is None else o.due.isoformat()
    return f"{plan}/{task}/{o.kind}/{key}/{due}@kh-tthc"


@frozen(kw_only=True)
class PlanFigures:
    """A plan's figures for a period: counts, completion, overdue, not reported."""

    plan: str
    plan_number: str
    title: str
    total: int
    done: int
    overdue: int
    not_reported: int
    completion_rate: float | None


@frozen(kw_only=True)
class UnitFigures:
    """A unit's figures across plans for a period (tasks it leads)."""

    unit: str
    name: str
    total: int
    done: int
    overdue: int
    not_reported: int
    completion_rate: float | None


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a portfolio's plans, schedules and
    reports are built: they are millions of objects without cycles, and each collection
    of the oldest generation walks every one of them (a quarter of a first load of 500
    plans). Collection resumes afterwards; nothing is lost, only delayed. The same
    measure as Mercurial's ``util.nogc`` around building large structures.

    Before it resumes, what was made meanwhile is moved to the collector's oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``, which moves the frozen objects
    there without walking them). Otherwise the first collection afterwards walks every
    object made, to move it up one generation, and a later one walks them all again to
    move them up once more: 0.2 s for the 400,000 objects of a 500 plans' agenda, 0.3 s
    for the second walk. In the oldest generation they are walked only by the full
    collections, which run as rarely as before. A reference cycle made meanwhile (the
    application's, as ours make none) is freed by the next full collection instead of a
    younger one. Not done when the application has frozen objects itself (before forking,
    say): ``gc.unfreeze()`` would hand those back to the collector.
    """
    if not gc.isenabled():
        yield  # already paused by a caller (or by the application)
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _problem(message: str, file: Path, where: str = "") -> Problem:
    return Problem(message=message, file=file, where=where)


def _str(value: Any, key: str, file: Path, out: list[Problem]) -> str:
    if not isinstance(value, str) or not clean(value):
        out.append(_problem(f"{key}: expected a text, got {value!r}", file))
        return ""
    return clean(value)


@frozen(kw_only=True)
class Portfolio:
    """The plans of a folder, reconciled: one unit registry, lineage, progress.

    Attributes:
        folder: The folder holding ``portfolio.toml``.
        title: The portfolio's title ("Các kế hoạch của Sở … năm 2025").
        owner: The registry id of the unit that tracks the plans (the Văn phòng).
        units: The unit registry.
        plans: The plan files, in the order listed.
        references: Plans known only by reference.
        problems: Every problem found (errors and warnings).
        letter: Settings of reminder letters (number, signer, deadline days).

    >>> p = Portfolio.load("examples/portfolio")
    >>> [e.id for e in p.plans], [r.id for r in p.references]
    (['kiem-soat-tthc-2025', 'so-hoa-2025'], ['ubnd-22-2025'])
    >>> p.incomplete
    False
    """

    folder: Path
    title: str
    owner: str | None
    units: tuple[Unit, ...]
    plans: tuple[PlanEntry, ...]
    references: tuple[PlanRef, ...] = ()
    problems: tuple[Problem, ...] = ()
    letter: Mapping[str, Any] = field(factory=dict, eq=False, repr=False)
    #: Reports and agendas already derived, by their arguments (the portfolio is frozen).
    _memo: dict[Any, Any] = field(factory=dict, init=False, eq=False, repr=False)

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def load(cls, folder: str | Path, *, strict: bool = True) -> Portfolio:
        """Read ``folder/portfolio.toml`` with its plans and progress files.

        Plans and progress files are kept by their content (path and a digest of their
        bytes) with what is derived from them (schedules, reports): loading the folder
        again in the same process reads every file but parses only those that changed.

        Args:
            folder: The folder (or the ``portfolio.toml`` itself).
            strict: Raise on any error; with False, a plan that fails validation is
                kept as a member without content, the portfolio is :attr:`incomplete`
                and :attr:`problems` lists why.

        Raises:
            SourceUnreadable: no ``portfolio.toml`` or it cannot be read.
            PlanFileError: it is not valid TOML.
            PortfolioError: it lists no plans.
            PortfolioInvalid: (``strict``) broken links, two plans with one issuer, year
                and number, a lineage loop, a unit unknown to the registry, progress for a
                plan not in the portfolio, a plan or progress file with errors.
        """
        path = Path(folder)
        if path.is_dir():
            path = path / PORTFOLIO_FILE
        text = read_text(path, what="a portfolio.toml", limit=_MAX_BYTES)
        data = parse_toml(text, path)
        with _gc_paused():
            portfolio = _build(path, data)
        errors = [p for p in portfolio.problems if p.is_error]
        if strict and errors:
            raise PortfolioInvalid(portfolio.problems)
        return portfolio

    @property
    def incomplete(self) -> bool:
        """Whether a plan of the portfolio failed to load."""
        return any(e.plan is None for e in self.plans)

    @property
    def names(self) -> dict[str, str]:
        """Registry id -> unit name."""
        return {u.id: u.name for u in self.units}

    def entry(self, plan_id: str) -> PlanEntry:
        for e in self.plans:
            if e.id == plan_id:
                return e
        raise KeyError(plan_id)

    def unit_id(self, unit: str) -> str:
        """The registry id of ``unit`` (an id or a name, any case).

        Raises:
            PortfolioError: no unit of the registry; the message lists the ids.
        """
        if unit in self.names:
            return unit
        key = fold(unit)
        for u in self.units:
            if fold(u.name) == key:
                return u.id
        import difflib

        close = difflib.get_close_matches(unit, sorted(self.names), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise PortfolioError(
            f"no unit {unit!r} in the portfolio ({hint}unit ids: {', '.join(sorted(self.names))})"
        )

    # -- the agenda --------------------------------------------------------------------

    @_gc_paused()
    def agenda(
        self,
        *,
        as_of: date,
        unit: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> tuple[AgendaItem, ...]:
        """Every due item of every plan (for ``unit`` when given, as lead or support),
        sorted by due day (undated last), plan and task number."""
        from kh_tthc import convert
        from kh_tthc.schedule import build_schedule

        uid = None if unit is None else self.unit_id(unit)
        key = ("agenda", as_of, uid, start, end)
        if key in self._memo:
            return self._memo[key]  # type: ignore[no-any-return]
        day = convert.to_date(as_of, "Plan.schedule", "as_of")
        # The plans' rules expanded once for all of them: their completion times repeat.
        expansions: dict[Any, Any] = {}
        # Each plan's schedule is in (due day, task number) order, undated last. Taken plan
        # by plan in id order and gathered by due day, the items come out in the agenda's
        # order (due day, plan, task number) without sorting the whole agenda.
        by_due: dict[date | None, list[AgendaItem]] = {}
        for e in sorted(self.plans, key=lambda e: e.id):
            plan = e.plan
            if plan is None:
                continue
            lo = max(start, plan.period.start) if start else plan.period.start
            hi = min(end, plan.period.end) if end else plan.period.end
            if hi < lo:
                continue
            local = None if uid is None else set(e.local_ids(uid))
            if local is not None and not local:
                continue
            # Worked out once per plan and per task, not once per occurrence: the units of
            # each task's items, None when the task is not the unit's.
            registry = dict(e.unit_map)
            regs_of: dict[int, tuple[str, ...] | None] = {}
            for task in plan.tasks:
                mine = local is None or bool(local.intersection(task.lead + task.support))
                regs_of[id(task)] = (
                    tuple(dict.fromkeys(registry.get(u, u) for u in task.lead)) if mine else None
                )
            label = e.label
            pid = e.id
            kept = self._derived(e.id)
            schedule = None if kept is None else kept.get(("schedule", lo, hi, day))
            if schedule is None:
                schedule = build_schedule(plan, lo, hi, as_of=day, expansions=expansions)
                if kept is not None:
                    kept[("schedule", lo, hi, day)] = schedule
            # The schedule runs by due day: its group is looked up once per run of a day.
            run_due: Any = _UNSET
            group: list[AgendaItem] = []
            for o in schedule.occurrences:
                regs = regs_of[id(o.task)]
                if regs is None:
                    continue
                due = o.due
                if due != run_due:
                    run_due = due
                    found = by_due.get(due)
                    if found is None:
                        found = by_due[due] = []
                    group = found
                group.append(_agenda_item(pid, label, o, regs))
        days = sorted(d for d in by_due if d is not None)
        items = tuple(chain.from_iterable(by_due[d] for d in days)) + tuple(by_due.get(None, ()))
        self._memo[key] = items
        return items

    def agenda_records(self, items: Sequence[AgendaItem]) -> list[dict[str, Any]]:
        names = self.names
        return [i.record(names) for i in items]

    # -- the roll-up -------------------------------------------------------------------

    @_gc_paused()
    def reports(self, period: Period, *, as_of: date) -> dict[str, Report]:
        """Each plan's report for ``period``; a plan without progress for it counts every
        task as not reported. Plans whose period misses ``period`` are left out."""
        from kh_tthc.progress import period_in_plan
        from kh_tthc.report import Report

        key = ("reports", period, as_of)
        if key in self._memo:
            return dict(self._memo[key])
        out: dict[str, Report] = {}
        for e in self.plans:
            plan = e.plan
            if plan is None or not period_in_plan(plan, period):
                continue
            if as_of < period.cutoff().start:
                continue
            kept = self._derived(e.id)
            pkey = self._progress_key(e, period)
            rkey = None if pkey is None else (pkey, as_of)
            report = None if kept is None or rkey is None else kept.get(rkey)
            if report is None:
                progress = e.progress_for(period) or Progress(period=period, plan=plan.number)
                report = Report(plan=plan, period=period, progress=progress, as_of=as_of)
                if kept is not None and rkey is not None:
                    kept[rkey] = report
            out[e.id] = report
        self._memo[key] = out
        return dict(out)

    def _derived(self, plan_id: str) -> dict[Any, Any] | None:
        """What is derived from the plan of ``plan_id`` (its schedules, its reports), kept
        with the plan read from its file and dropped with it; None when the plan was not
        read through the load's cache."""
        kept = self._memo.get("derived", {}).get(plan_id)
        return None if kept is None else kept[0]

    def _progress_key(self, e: PlanEntry, period: Period) -> Any:
        """The key of a report of ``e`` for ``period``: the content key of the progress
        file it reads (or "none"); None when that progress was not read through the cache."""
        kept = self._memo.get("derived", {}).get(e.id)
        if kept is None:
            return None
        for progress, key in zip(e.progress, kept[1], strict=True):
            if progress.period == period:
                return None if key is None else ("report", period, key)
        return ("report", period, "none")

    def rollup(
        self, period: Period, *, as_of: date
    ) -> tuple[tuple[PlanFigures, ...], tuple[UnitFigures, ...]]:
        """Figures per plan and per unit across plans for ``period``."""
        from kh_tthc.report import TaskStatus

        reports = self.reports(period, as_of=as_of)
        per_plan = []
        acc: dict[str, list[int]] = {}
        for e in self.plans:
            report = reports.get(e.id)
            if report is None or e.plan is None:
                continue
            c = report.counts
            per_plan.append(
                PlanFigures(
                    plan=e.id,
                    plan_number=e.label,
                    title=e.plan.title,
                    total=c.total,
                    done=c.done,
                    overdue=len(report.overdue),
                    not_reported=len(report.not_reported),
                    completion_rate=c.completion_rate,
                )
            )
            for uf in report.by_unit:
                reg = e.registry_id(uf.unit.id)
                t = uf.tally
                a = acc.setdefault(reg, [0, 0, 0, 0, 0])
                a[0] += t.total
                a[1] += t.done
                a[2] += t[TaskStatus.OVERDUE]
                a[3] += t[TaskStatus.NOT_REPORTED]
                a[4] += t.applicable
        names = self.names
        per_unit = tuple(
            UnitFigures(
                unit=u,
                name=names.get(u, u),
                total=a[0],
                done=a[1],
                overdue=a[2],
                not_reported=a[3],
                completion_rate=a[1] / a[4] if a[4] else None,
            )
            for u, a in sorted(acc.items(), key=lambda kv: list(names).index(kv[0]))
        )
        return tuple(per_plan), per_unit

    def late_items(self, period: Period, *, as_of: date, unit: str | None = None) -> list[Late]:
        """The overdue and not-reported tasks of ``period``, per plan, for ``unit``'s lead
        tasks when given."""
        uid = None if unit is None else self.unit_id(unit)
        out: list[Late] = []
        for plan_id, report in self.reports(period, as_of=as_of).items():
            e = self.entry(plan_id)
            for kind, results in (
                ("overdue", report.overdue),
                ("not_reported", report.not_reported),
            ):
                for r in results:
                    leads = tuple(dict.fromkeys(e.registry_id(u) for u in r.task.lead))
                    if uid is not None and uid not in leads:
                        continue
                    due = r.due[-1] if r.due else r.carried_over
                    out.append(
                        Late(
                            plan=plan_id,
                            plan_number=e.label,
                            task=str(r.task.number),
                            title=r.task.title,
                            units=leads,
                            due=due,
                            kind=kind,
                        )
                    )
        return out

    def to_records(self, period: Period, *, as_of: date) -> list[dict[str, Any]]:
        """One record per plan of the roll-up for ``period``."""
        plans, _ = self.rollup(period, as_of=as_of)
        return [
            {
                "plan": f.plan,
                "plan_number": f.plan_number,
                "title": f.title,
                "total": f.total,
                "done": f.done,
                "overdue": f.overdue,
                "not_reported": f.not_reported,
                "completion_rate": f.completion_rate,
            }
            for f in plans
        ]

    def to_frame(self, period: Period, *, as_of: date) -> pandas.DataFrame:
        """The roll-up per plan as a DataFrame indexed by plan id (needs pandas)."""
        from kh_tthc.tables import frame

        return frame(self.to_records(period, as_of=as_of), what="Portfolio.to_frame", index="plan")


@frozen(kw_only=True)
class Late:
    """An overdue or not-reported task of a plan, for the lists and the letters."""

    plan: str
    plan_number: str
    task: str
    title: str
    units: tuple[str, ...]
    due: date | None
    kind: str  # "overdue" or "not_reported"

    @property
    def kind_label(self) -> str:
        return "quá hạn" if self.kind == "overdue" else "chưa báo cáo"


# -- building ------------------------------------------------------------------------------


#: Plans and progress files already read, by path and a digest of the file's bytes: what
#: a file holds, not its size or modification time, so an edited file is always read
#: again. Plans and progress are immutable, so a reloaded portfolio shares them. A
#: long-lived process (a notebook, a dashboard rebuilt on every change) reloads a folder
#: of hundreds of plans by re-reading only the files that changed.
_CACHE_SIZE = 2048
_cache: OrderedDict[Any, Any] = OrderedDict()


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _cached(key: Any, read: Callable[[], Any]) -> Any:
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    value = read()  # a failure raises and is not kept
    _cache[key] = value
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return value


def _read_plan(file: Path) -> tuple[Plan, tuple[Problem, ...], Any, dict[Any, Any]]:
    """:func:`read_plan`, kept by the file's content; also the key it was kept by and a
    dict for what is derived from the plan (schedules, reports), kept with it.

    The bytes hashed are the bytes parsed, so a file changing while it is read cannot
    leave a plan under another content's key.
    """
    fmt = format_of(file, PLAN_FORMATS, what="plan file")
    data = read_bytes(file, what="a plan file", limit=PLAN_MAX_BYTES)
    key = ("plan", file, fmt, _digest(data))

    def read() -> tuple[Plan, tuple[Problem, ...], dict[Any, Any]]:
        plan, problems = plan_from_bytes(data, file, format=fmt)
        return plan, problems, {}  # the dict: what is derived from the plan, kept with it

    plan, problems, derived = _cached(key, read)
    return plan, problems, key, derived


def _progress_key(file: Path) -> bytes | None:
    try:
        return _digest(read_bytes(file, what="a progress file", limit=_PROGRESS_MAX_BYTES))
    except (KhTthcError, OSError):
        return None  # read_progress says why, as it does without a cache


def _read_progress(
    file: Path, plan: Plan, plan_key: Any
) -> tuple[Progress, tuple[Problem, ...], Any]:
    """:func:`read_progress` against ``plan``, kept by the file's content and the plan's;
    also the key it was kept by (None when it was not kept).

    Kept only when the file held the same bytes before and after it was read.
    """
    before = _progress_key(file)
    key = ("progress", file, before, plan_key)
    if before is not None and key in _cache:
        _cache.move_to_end(key)
        return (*_cache[key], key)
    progress, notes = read_progress(file, plan)
    if before is None or _progress_key(file) != before:
        return progress, notes, None
    _cached(key, lambda: (progress, notes))
    return progress, notes, key


def clear_cache() -> None:
    """Drop the plans and progress files kept by their content, and what was derived from
    them (schedules, reports), to free their memory.

    Portfolios already loaded keep what they hold; the next :meth:`Portfolio.load`
    parses every file again.

    >>> from kh_tthc.portfolio import Portfolio, clear_cache
    >>> first = Portfolio.load("examples/portfolio")
    >>> clear_cache()
    >>> again = Portfolio.load("examples/portfolio")
    >>> again == first, again.plans[0].plan is first.plans[0].plan
    (True, False)
    """
    _cache.clear()


def _failure(exc: KhTthcError, file: Path, path: Path, where: str) -> list[Problem]:
    """The problems of a plan or progress file that failed to load: its own, located in
    ``file``, or else its message, located at ``where`` in the portfolio file ``path``."""
    problems = getattr(exc, "problems", None)
    if problems:
        return [p.located(file) for p in problems]
    return [_problem(str(exc), path, where)]


def _registry(raw: Any, file: Path, out: list[Problem]) -> tuple[Unit, ...]:
    units: list[Unit] = []
    if not isinstance(raw, dict) or not raw:
        out.append(_problem("[units]: expected a table of unit ids and names", file))
        return ()
    for uid, name in raw.items():
        if isinstance(name, str) and clean(name) and Unit.is_valid_id(uid):
            units.append(Unit(id=uid, name=name))
        else:
            out.append(_problem(f"[units] {uid!r}: expected an id and a name", file))
    return tuple(units)


def _lineage(raw: Any, file: Path, where: str, out: list[Problem]) -> Lineage | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        out.append(
            _problem(
                'implements: expected { number = "22/KH-UBND", issuer = "…", year = 2025 }',
                file,
                where,
            )
        )
        return None
    number = _str(raw.get("number"), "implements.number", file, out)
    issuer = _str(raw.get("issuer"), "implements.issuer", file, out)
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        out.append(_problem(f"implements.year: expected a year, got {year!r}", file, where))
        return None
    if not number or not issuer:
        return None
    return Lineage(number=number, issuer=issuer, year=year)


def _reconcile(
    plan: Plan, registry: Sequence[Unit], file: Path, out: list[Problem]
) -> tuple[tuple[str, str], ...]:
    """Map the plan's unit ids to the registry: the same id with the same name, or the same
    name under another id, is the same unit; the same id with another name is a conflict."""
    by_id = {u.id: u for u in registry}
    by_name = {fold(u.name): u.id for u in registry}
    pairs: list[tuple[str, str]] = []
    for u in plan.units:
        named = by_name.get(fold(u.name))
        if named is not None:
            pairs.append((u.id, named))
            continue
        if u.id in by_id:
            out.append(
                _problem(
                    f"unit {u.id!r} is {u.name!r} here but {by_id[u.id].name!r} in the "
                    "registry (portfolio.toml [units])",
                    file,
                )
            )
            pairs.append((u.id, u.id))
            continue
        out.append(
            _problem(
                f"unit {u.id!r} ({u.name!r}) is unknown to the registry; add it to "
                "portfolio.toml [units]",
                file,
            )
        )
        pairs.append((u.id, u.id))
    return tuple(pairs)


def _build(path: Path, data: Mapping[str, Any]) -> Portfolio:
    folder = path.parent
    out: list[Problem] = []
    raw_plans = data.get("plans")
    if not isinstance(raw_plans, list) or not raw_plans:
        raise PortfolioError(f'{path}: no plans: add a [[plans]] table with file = "…"')
    registry = _registry(data.get("units"), path, out)
    owner = data.get("owner")
    if owner is not None and owner not in {u.id for u in registry}:
        out.append(_problem(f"owner: {owner!r} is not a unit of the registry", path))
    entries: list[PlanEntry] = []
    seen_ids: set[str] = set()
    # Plan id -> what is derived from its plan, and the keys of its progress files.
    kept: dict[str, tuple[dict[Any, Any], tuple[Any, ...]] | None] = {}
    for i, raw in enumerate(raw_plans, start=1):
        where = f"plans[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
            out.append(_problem('expected a table with file = "plan.toml"', path, where))
            continue
        file = folder / raw["file"]
        given = raw.get("id")
        pid: str = given if isinstance(given, str) else file.stem
        if pid in seen_ids:
            out.append(_problem(f"two plans with the id {pid!r}", path, where))
        seen_ids.add(pid)
        lineage = _lineage(raw.get("implements"), path, where, out)
        serves_raw = raw.get("serves", {})
        serves = (
            tuple((str(k), str(v)) for k, v in serves_raw.items())
            if isinstance(serves_raw, dict)
            else ()
        )
        addressee = raw.get("addressee", "") if isinstance(raw.get("addressee", ""), str) else ""
        plan: Plan | None = None
        plan_key: Any = None
        derived: dict[Any, Any] | None = None
        progress_keys: list[Any] = []
        progress: list[Progress] = []
        unit_map: tuple[tuple[str, str], ...] = ()
        try:
            plan, warnings, plan_key, derived = _read_plan(file)
            out.extend(w.located(file) for w in warnings if w.is_error)
            if any(w.is_error for w in warnings):
                plan = None
        except (SourceUnreadable, PlanFileError, PlanInvalid) as exc:
            out.extend(_failure(exc, file, path, where))
        if plan is not None:
            unit_map = _reconcile(plan, registry, file, out)
            loaded = plan
            listed = raw.get("progress", [])
            for pf in listed if isinstance(listed, list) else []:
                pfile = folder / str(pf)
                try:
                    prog, notes, pkey = _read_progress(pfile, loaded, plan_key)
                    progress.append(prog)
                    progress_keys.append(pkey)
                    out.extend(n.located(pfile) for n in notes if n.is_error)
                except (SourceUnreadable, PlanFileError, PlanInvalid) as exc:
                    out.extend(_failure(exc, pfile, path, where))
                    plan = None
            if plan is None:
                out.append(
                    _problem(
                        f"a progress file of plan {pid!r} has errors; the portfolio is incomplete",
                        path,
                        where,
                    )
                )
        else:
            out.append(
                _problem(
                    f"plan {pid!r} failed validation; the portfolio is incomplete", path, where
                )
            )
        entries.append(
            PlanEntry(
                id=pid,
                file=file,
                plan=plan,
                progress=tuple(progress),
                implements=lineage,
                serves=serves,
                addressee=clean(addressee),
                unit_map=unit_map,
            )
        )
        if plan is not None and derived is not None:
            # Two plans under one id (an error reported above) share nothing.
            kept[pid] = None if pid in kept else (derived, tuple(progress_keys))
    # Progress listed on its own, for a plan named by id.
    for j, raw in enumerate(data.get("progress", []) or [], start=1):
        if not isinstance(raw, dict):
            continue
        target = raw.get("plan")
        if target not in seen_ids:
            out.append(
                _problem(
                    f"progress file {raw.get('file')!r} is for plan {target!r}, which is not "
                    f"in the portfolio (plans: {', '.join(sorted(seen_ids))})",
                    path,
                    f"progress[{j}]",
                )
            )
    refs = _references(data.get("references", []), path, out)
    _check_links(path, entries, refs, out)
    letter = data.get("letter", {}) if isinstance(data.get("letter"), dict) else {}
    portfolio = Portfolio(
        folder=folder,
        title=clean(str(data.get("title", ""))) or "Danh mục kế hoạch",
        owner=owner if isinstance(owner, str) else None,
        units=registry,
        plans=tuple(entries),
        references=refs,
        problems=tuple(out),
        letter=letter,
    )
    portfolio._memo["derived"] = {k: v for k, v in kept.items() if v is not None}
    return portfolio


def _references(raw: Any, path: Path, out: list[Problem]) -> tuple[PlanRef, ...]:
    refs: list[PlanRef] = []
    if not isinstance(raw, list):
        out.append(_problem("references: expected [[references]] tables", path))
        return ()
    for i, r in enumerate(raw, start=1):
        where = f"references[{i}]"
        if not isinstance(r, dict):
            out.append(_problem("expected a table", path, where))
            continue
        if "tasks" in r:
            out.append(
                _problem("a reference has no tasks; list the plan file instead", path, where)
            )
        try:
            issued = r.get("issued")
            issue = (
                IssueDate.of(issued) if isinstance(issued, date) else IssueDate.parse(str(issued))
            )
            refs.append(
                PlanRef(
                    id=str(r.get("id") or f"ref-{i}"),
                    number=DocumentNumber.parse(str(r.get("number", ""))),
                    issued=issue,
                    issuer=_str(r.get("issuer"), "issuer", path, out),
                    title=_str(r.get("title"), "title", path, out),
                )
            )
        except (KhTthcError, ValueError) as exc:
            out.append(_problem(str(exc), path, where))
    return tuple(refs)


def _entry_key(e: PlanEntry) -> tuple[str, int, str] | None:
    plan = e.plan
    if plan is None or plan.number.number is None:
        return None  # a draft has no number yet
    return (fold(plan.issuer.name), plan.issued.year, str(plan.number))


def _lineage_key(lin: Lineage) -> tuple[str, int, str]:
    return (fold(lin.issuer), lin.year, str(DocumentNumber.parse(lin.number)))


def _check_links(
    path: Path, entries: Sequence[PlanEntry], refs: Sequence[PlanRef], out: list[Problem]
) -> None:
    owners: dict[tuple[str, int, str], str] = {}
    alias: dict[tuple[str, int, str], str] = {}
    for e in entries:
        key = _entry_key(e)
        if key is None:
            continue
        if key in owners:
            out.append(
                _problem(
                    f"plans {owners[key]!r} and {e.id!r} have one issuer, year and number "
                    f"({key[2]}, {e.plan.issuer.name if e.plan else ''}, {key[1]})",
                    path,
                )
            )
        owners[key] = e.id
        if e.plan is not None:
            alias[(fold(e.plan.issuer.abbreviation), key[1], key[2])] = e.id
    for r in refs:
        if r.key in owners:
            out.append(
                _problem(
                    f"reference {r.id!r} has the issuer, year and number of plan "
                    f"{owners[r.key]!r} ({r.number})",
                    path,
                )
            )
        owners[r.key] = r.id
    known = {**alias, **owners}
    parent: dict[str, str] = {}
    for e in entries:
        if e.implements is None:
            continue
        try:
            key = _lineage_key(e.implements)
        except (KhTthcError, ValueError) as exc:
            out.append(_problem(f"implements: {exc}", path, f"plan {e.id}"))
            continue
        target = known.get(key)
        if target is None:
            out.append(
                _problem(
                    f"implements {e.implements}, which is neither a plan nor a reference of "
                    "the portfolio (broken link)",
                    path,
                    f"plan {e.id}",
                )
            )
            continue
        parent[e.id] = target
        if e.serves:
            tentry = next((x for x in entries if x.id == target), None)
            for here, there in e.serves:
                if e.plan is not None and not _has_task(e.plan, here):
                    out.append(
                        _problem(f"serves: no task {here} in this plan", path, f"plan {e.id}")
                    )
                if (
                    tentry is not None
                    and tentry.plan is not None
                    and not _has_task(tentry.plan, there)
                ):
                    out.append(
                        _problem(
                            f"serves: no task {there} in plan {target!r} (broken link)",
                            path,
                            f"plan {e.id}",
                        )
                    )
    for start in parent:
        chain = [start]
        node = start
        while node in parent:
            node = parent[node]
            if node in chain:
                loop = " → ".join([*chain[chain.index(node) :], node])
                if start == min(chain[chain.index(node) :]):
                    out.append(_problem(f"lineage loop: {loop}", path))
                break
            chain.append(node)


def _has_task(plan: Plan, number: str) -> bool:
    try:
        n = TaskNumber.parse(number)
    except KhTthcError:
        return False
    return any(t.number == n for t in plan.tasks)


def iter_units(portfolio: Portfolio) -> Iterator[Unit]:
    """The registry units that lead or support a task of some plan."""
    used: set[str] = set()
    for e in portfolio.plans:
        if e.plan is None:
            continue
        for t in e.plan.tasks:
            used.update(e.registry_id(u) for u in t.lead + t.support)
    return (u for u in portfolio.units if u.id in used)
