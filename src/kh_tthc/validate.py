"""Whole-plan checks that report every problem at once.

Real plans are messy, so problems come in two severities. Errors make a plan unusable
(a duplicate number, a unit that does not exist); warnings point at what a person should
look at but that a signed plan may well contain (a task with no lead unit, as row 2.4 of
the Thái Nguyên plan has).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from attrs import evolve

from kh_tthc.convert import describe
from kh_tthc.deadline import parse_deadline, suggest
from kh_tthc.errors import PlanInvalid, Problem, Severity
from kh_tthc.model import Plan, Task, Unit
from kh_tthc.vn import shows

__all__ = ["check_plan", "validate_plan"]


def validate_plan(plan: Plan) -> tuple[Problem, ...]:
    """Check a plan and return its warnings.

    Args:
        plan: the plan to check.

    Returns:
        The warnings, each naming the task or field concerned (and the file and line when
        the plan was read from a file).

    Raises:
        PlanInvalid: when there is at least one error; ``problems`` holds all of them,
            warnings included.
    """
    problems = check_plan(plan)
    if any(p.is_error for p in problems):
        raise PlanInvalid(problems)
    return problems


def check_plan(plan: object) -> tuple[Problem, ...]:
    """Every problem of a plan, errors and warnings, without raising.

    Whatever it is given: an object that is not a :class:`Plan` is one error, not an
    exception, and so is a check that fails on a plan it cannot read (say, a task changed
    behind the model's back with ``object.__setattr__``).

    >>> [str(p) for p in check_plan({"title": "x"})]
    ['plan: expected a Plan (load_plan or Plan(...)), got a table']
    """
    if not isinstance(plan, Plan):
        return (_error(f"expected a Plan (load_plan or Plan(...)), got {describe(plan)}", "plan"),)
    try:
        # A plan changed behind the model's back (object.__setattr__) is built again
        # through its constructor: the same field rules, reported instead of raised.
        evolve(plan)
    except (TypeError, ValueError) as exc:
        return (_error(f"the plan does not hold what its fields take: {exc}", "plan"),)
    return check_built_plan(plan)


def check_built_plan(plan: Plan) -> tuple[Problem, ...]:
    """:func:`check_plan` of a plan its constructor has just built (the plan-file reader's):
    the same problems, without building the plan again to see that its fields hold what
    they take, which its constructor has just seen."""
    found: list[Problem] = []
    try:
        for problem in _problems(plan):
            found.append(_locate(plan, problem))
    except Exception as exc:  # the promise: a problem, never an exception
        found.append(_error(f"the plan could not be checked: {type(exc).__name__}: {exc}", "plan"))
    return tuple(found)


def _locate(plan: Plan, problem: Problem) -> Problem:
    if plan.source is None:
        return problem
    return problem.located(plan.source.path)


def _error(message: str, where: str, line: int | None = None) -> Problem:
    return Problem(message=message, where=where, line=line)


def _warning(message: str, where: str, line: int | None = None) -> Problem:
    return Problem(message=message, where=where, line=line, severity=Severity.WARNING)


def _problems(plan: Plan) -> Iterator[Problem]:
    if not shows(plan.title):  # "\u200b" shows nothing: as empty as ""
        yield _error("empty title (expected the plan's summary, trích yếu)", "title")
    if plan.period.end < plan.period.start:
        yield _error(
            f"period ends on {plan.period.end.isoformat()} before it starts on "
            f"{plan.period.start.isoformat()}",
            "period",
        )
    if plan.number.type_code.upper() != "KH" and plan.type_name == "Kế hoạch":
        yield _warning(
            f"the symbol {plan.number.symbol!r} does not start with 'KH', the abbreviation "
            "of Kế hoạch (Nghị định 30/2020/NĐ-CP, Phụ lục III)",
            "number",
        )
    yield from _unit_problems(plan)
    yield from _task_problems(plan)
    yield from _indicator_problems(plan)


def _indicator_problems(plan: Plan) -> Iterator[Problem]:
    lines = plan.source.task_lines if plan.source else ()
    seen: dict[str, str] = {}
    for index, task in enumerate(plan.tasks):
        line = lines[index] if index < len(lines) else None
        where = f"task {task.number}"
        for indicator in task.indicators:
            if not Unit.is_valid_id(indicator.id):
                yield _error(
                    f"invalid indicator id {indicator.id!r} (expected lower-case letters, "
                    "digits, '-' or '_')",
                    where,
                    line,
                )
            if indicator.id in seen:
                yield _error(
                    f"indicator id {indicator.id!r} is already used by task {seen[indicator.id]}"
                    " (ids name progress-file columns, so they are unique in a plan)",
                    where,
                    line,
                )
            seen.setdefault(indicator.id, str(task.number))
            if not indicator.target > 0:
                yield _error(
                    f"indicator {indicator.id!r}: target must be above 0, got {indicator.target}",
                    where,
                    line,
                )


def _unit_problems(plan: Plan) -> Iterator[Problem]:
    seen: set[str] = set()
    used = {u for t in plan.tasks for u in t.units}
    for u in plan.units:
        where = f"unit {u.id!r}"
        if not shows(u.name):
            yield _error("empty unit name", where)
        if u.id in seen:
            yield _error("unit id declared twice", where)
        seen.add(u.id)
        if u.id not in used:
            yield _warning("declared but no task refers to it", where)


def _task_problems(plan: Plan) -> Iterator[Problem]:
    lines = plan.source.task_lines if plan.source else ()
    known_units = {u.id for u in plan.units}
    unit_list = ", ".join(sorted(known_units)) or "none declared"
    numbers = {t.number for t in plan.tasks}
    has_children = {t.number.parent for t in plan.tasks if t.number.parent is not None}
    seen = set()
    previous: Task | None = None
    for index, task in enumerate(plan.tasks):
        line = lines[index] if index < len(lines) else None
        where = f"task {task.number}"
        if task.number in seen:
            yield _error("duplicate task number", where, line)
        seen.add(task.number)
        # The order of task numbers is the order of their parts (TaskNumber's one field).
        if previous is not None and task.number.parts < previous.number.parts:
            yield _error(
                f"out of order: comes after task {previous.number} (expected ascending numbers)",
                where,
                line,
            )
        previous = task
        parent = task.number.parent
        if parent is not None and parent not in numbers:
            yield _error(f"its group {parent} is missing", where, line)
        if not shows(task.title):
            yield _error("empty title", where, line)
        for role, ids in (("lead", task.lead), ("support", task.support)):
            for unit_id in ids:
                if unit_id not in known_units:
                    close = difflib.get_close_matches(unit_id, sorted(known_units), n=1)
                    hint = f"did you mean {close[0]!r}? " if close else ""
                    yield _error(
                        f"unknown {role} unit id {unit_id!r} ({hint}expected one of: {unit_list})",
                        where,
                        line,
                    )
        for unit_id in sorted(set(task.lead) & set(task.support)):
            yield _warning(f"unit {unit_id!r} both leads and supports", where, line)
        yield from _deadline_problems(plan, task, where, line)
        actionable = task.deadline is not None or task.number not in has_children
        if actionable and not task.lead:
            yield _warning("no lead unit (đơn vị chủ trì)", where, line)
        if task.deadline is None and task.number not in has_children:
            yield _warning("no completion time (thời gian hoàn thành)", where, line)


def _deadline_problems(plan: Plan, task: Task, where: str, line: int | None) -> Iterator[Problem]:
    deadline = task.deadline
    if deadline is None:
        return
    if deadline.kind == "unspecified":
        best = suggest(str(deadline))
        hint = f" (closest known form: {best[0]!r})" if best else ""
        yield _warning(
            f"completion time {str(deadline)!r} is not a known phrase; it will not be "
            f"scheduled{hint}",
            where,
            line,
        )
    for note in deadline.notes:
        # A phrase read with low confidence: which date was taken, or how it was read.
        yield _warning(f"completion time {str(deadline)!r}: {note}", where, line)
    again = parse_deadline(str(deadline), year=plan.period.start.year)
    if again != deadline:
        # The plan file holds the phrase: what it would read back as must be what it is.
        yield _error(
            f"completion time {str(deadline)!r} would read back from a plan file as "
            f"{again.kind} {again.canonical!r}, not as {deadline.kind} "
            f"{deadline.canonical!r} (build it with parse_deadline(text, year=...))",
            where,
            line,
        )
    if deadline.kind in ("by_date", "by_period"):
        days = deadline.due_dates(date.min, date.max, calendar=plan.calendar())
        outside = [d for d in days if d not in plan.period]
        if outside:
            yield _error(
                f"completion time {str(deadline)!r} falls on {outside[0].isoformat()}, outside the "
                f"plan's period {plan.period.start.isoformat()} – {plan.period.end.isoformat()}",
                where,
                line,
            )
