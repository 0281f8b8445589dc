"""Whole-plan validation: every problem at once, errors apart from warnings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given

from kh_tthc import (
    DateSpan,
    Indicator,
    Plan,
    PlanInvalid,
    Task,
    TaskNumber,
    Unit,
    check_plan,
    load_plan,
    parse_deadline,
    validate_plan,
)
from tests.conftest import SEED_PLAN
from tests.strategies import edgy_plans, plans


def _messages(plan: Plan) -> list[str]:
    return [str(p) for p in check_plan(plan)]


class TestSeed:
    def test_seed_has_no_errors(self, seed_plan: Plan) -> None:
        """The real plan is messy but valid: one warning, row 2.4 without a lead unit."""
        warnings = validate_plan(seed_plan)
        assert [(w.where, w.message, w.is_error) for w in warnings] == [
            ("task 2.4", "no lead unit (đơn vị chủ trì)", False)
        ]

    def test_task_without_lead_is_a_warning(self, seed_plan: Plan) -> None:
        """Row 2.4 has no lead unit in the signed plan: a warning naming it."""
        (warning,) = [p for p in check_plan(seed_plan) if "task 2.4" in str(p)]
        assert not warning.is_error
        assert "no lead unit" in warning.message
        assert warning.line is not None


def _replace_task(plan: Plan, index: int, **changes: object) -> Plan:
    tasks = list(plan.tasks)
    tasks[index] = evolve(tasks[index], **changes)  # type: ignore[arg-type]
    return evolve(plan, tasks=tuple(tasks))


class TestWarnings:
    def test_unit_both_lead_and_support(self, seed_plan: Plan) -> None:
        """A unit listed in both columns of a row is flagged, not refused."""
        plan = _replace_task(seed_plan, 1, lead=("vp",), support=("vp", "phong-don-vi"))
        (problem,) = [p for p in check_plan(plan) if "both leads and supports" in p.message]
        assert (problem.where, problem.is_error) == ("task 1.1", False)


class TestErrors:
    def test_duplicate_number(self, seed_plan: Plan) -> None:
        plan = evolve(seed_plan, tasks=(*seed_plan.tasks, seed_plan.tasks[-1]))
        assert any("task 3.7: duplicate task number" in m for m in _messages(plan))

    def test_missing_group(self, seed_plan: Plan) -> None:
        plan = evolve(seed_plan, tasks=tuple(t for t in seed_plan.tasks if str(t.number) != "2.2"))
        assert any("task 2.2.1: its group 2.2 is missing" in m for m in _messages(plan))

    def test_out_of_order(self, seed_plan: Plan) -> None:
        t = list(seed_plan.tasks)
        t[1], t[2] = t[2], t[1]
        msgs = _messages(evolve(seed_plan, tasks=tuple(t)))
        assert any("task 1.1: out of order: comes after task 1.2" in m for m in msgs), msgs

    def test_unknown_unit_lists_known_ids(self, seed_plan: Plan) -> None:
        plan = _replace_task(seed_plan, 1, lead=("vanphong",))
        msgs = _messages(plan)
        assert any("task 1.1: unknown lead unit id 'vanphong'" in m and "vp" in m for m in msgs)

    def test_empty_title(self, seed_plan: Plan) -> None:
        msgs = _messages(_replace_task(seed_plan, 2, title="  "))
        assert any("task 1.2: empty title" in m for m in msgs)

    def test_period_reversed(self, seed_plan: Plan) -> None:
        plan = evolve(seed_plan, period=DateSpan(start=date(2025, 12, 31), end=date(2025, 9, 1)))
        assert any("period ends on 2025-09-01 before it starts" in m for m in _messages(plan))

    def test_dated_deadline_outside_period(self, seed_plan: Plan) -> None:
        plan = _replace_task(seed_plan, 1, deadline=parse_deadline("Năm 2026"))
        msgs = _messages(plan)
        assert any("task 1.1: completion time 'Năm 2026'" in m and "outside" in m for m in msgs)

    def test_all_problems_at_once(self, seed_plan: Plan) -> None:
        """Several errors in one plan are all reported by one call."""
        plan = _replace_task(seed_plan, 1, lead=("nope",), title="")
        plan = evolve(plan, tasks=(*plan.tasks, plan.tasks[-1]))
        with pytest.raises(PlanInvalid) as info:
            validate_plan(plan)
        assert len(info.value.errors) == 3

    def test_problems_name_file_and_line(self, tmp_path: Path) -> None:
        text = SEED_PLAN.read_text("utf-8").replace('lead = ["cds"]', 'lead = ["xyz"]')
        path = tmp_path / "p.toml"
        path.write_text(text, "utf-8")
        with pytest.raises(PlanInvalid) as info:
            load_plan(path)
        (err,) = info.value.errors
        assert str(err).startswith(f"{path}:{err.line}: task 3.2: unknown lead unit id 'xyz'")


_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def expected_errors(plan: Plan) -> set[str]:
    """Where a plan breaks the rules, worked out here from the rules themselves (not from
    validate.py): the oracle validate_plan is tested against."""
    where: set[str] = set()
    if not plan.title:
        where.add("title")
    if plan.period.end < plan.period.start:
        where.add("period")
    ids = [u.id for u in plan.units]
    for u in plan.units:
        if not u.name or ids.count(u.id) > 1:
            where.add(f"unit {u.id!r}")
    numbers = [t.number for t in plan.tasks]
    indicator_ids: list[str] = []  # those of the rows above: an id used again is the error
    for index, task in enumerate(plan.tasks):
        here = f"task {task.number}"
        parent = task.number.parent
        broken = (
            numbers.count(task.number) > 1
            or (index > 0 and task.number < numbers[index - 1])
            or (parent is not None and parent not in numbers)
            or not task.title
            or any(u not in ids for u in (*task.lead, *task.support))
        )
        for i in task.indicators:
            broken = broken or not _ID.fullmatch(i.id) or i.id in indicator_ids or i.target <= 0
            indicator_ids.append(i.id)
        if task.deadline is not None and task.deadline.kind in ("by_date", "by_period"):
            dues = task.deadline.due_dates(date.min, date.max)
            broken = broken or any(not plan.period.start <= d <= plan.period.end for d in dues)
        if broken:
            where.add(here)
    return where


class TestProperties:
    @given(edgy_plans())
    def test_check_finds_exactly_the_broken_places(self, plan: Plan) -> None:
        """Every error check_plan reports is at a place that breaks a rule, and every such
        place is reported, over plans with broken outlines, duplicate ids, empty names."""
        errors = {p.where for p in check_plan(plan) if p.is_error}
        assert errors == expected_errors(plan)

    @given(edgy_plans())
    def test_validate_raises_exactly_when_a_rule_is_broken(self, plan: Plan) -> None:
        """validate_plan raises PlanInvalid naming every broken place, or returns the
        warnings alone."""
        expected = expected_errors(plan)
        if expected:
            with pytest.raises(PlanInvalid) as info:
                validate_plan(plan)
            assert {p.where for p in info.value.errors} == expected
        else:
            warnings = validate_plan(plan)
            assert all(not p.is_error for p in warnings)
            assert {p.where for p in warnings} <= {"number"} | {
                f"task {t.number}" for t in plan.tasks
            } | {f"unit {u.id!r}" for u in plan.units}

    @given(plans())
    def test_any_plan_is_checked_without_raising(self, plan: Plan) -> None:
        """check_plan reports on any well-typed plan, and its errors are the oracle's."""
        errors = {p.where for p in check_plan(plan) if p.is_error}
        assert errors == expected_errors(plan)

    def test_well_formed_outline_has_no_numbering_errors(self, seed_plan: Plan) -> None:
        """Appending a correct child keeps the plan free of errors; the new row warns of
        nothing (it has a lead) except its missing completion time."""
        extra = Task(number=TaskNumber.parse("3.8"), title="Mới", lead=("vp",))
        warnings = validate_plan(evolve(seed_plan, tasks=(*seed_plan.tasks, extra)))
        assert [(w.where, w.message) for w in warnings if w.where == "task 3.8"] == [
            ("task 3.8", "no completion time (thời gian hoàn thành)")
        ]
        assert not any(w.is_error for w in warnings)


def _unit_plan(seed_plan: Plan, *units: Unit) -> Plan:
    return evolve(seed_plan, units=(*seed_plan.units, *units))


def _only(plan: Plan, where: str) -> list[tuple[str, bool]]:
    return [(p.message, p.is_error) for p in check_plan(plan) if p.where == where]


class TestPathsOnceNeverRun:
    """Checks no test reached before issue 11."""

    def test_empty_plan_title(self, seed_plan: Plan) -> None:
        assert _only(evolve(seed_plan, title=""), "title") == [
            ("empty title (expected the plan's summary, trích yếu)", True)
        ]

    def test_empty_unit_name(self, seed_plan: Plan) -> None:
        plan = _unit_plan(seed_plan, Unit(id="moi", name=""))
        assert ("empty unit name", True) in _only(plan, "unit 'moi'")

    def test_unit_declared_twice(self, seed_plan: Plan) -> None:
        plan = _unit_plan(seed_plan, Unit(id="vp", name="Văn phòng Sở (lần hai)"))
        assert _only(plan, "unit 'vp'") == [("unit id declared twice", True)]

    def test_unused_unit_is_a_warning(self, seed_plan: Plan) -> None:
        plan = _unit_plan(seed_plan, Unit(id="moi", name="Phòng mới"))
        assert _only(plan, "unit 'moi'") == [("declared but no task refers to it", False)]

    @pytest.mark.parametrize("bad", ["So-hoa", "có-dấu", "-x", ""])
    def test_invalid_indicator_id(self, seed_plan: Plan, bad: str) -> None:
        plan = _replace_task(seed_plan, 1, indicators=(Indicator(id=bad, name="X", target=1),))
        (message,) = [m for m, e in _only(plan, "task 1.1") if e]
        assert message.startswith(f"invalid indicator id {bad!r} (expected lower-case")

    def test_indicator_id_used_twice(self, seed_plan: Plan) -> None:
        ind = Indicator(id="hs", name="Hồ sơ", target=10)
        plan = _replace_task(_replace_task(seed_plan, 1, indicators=(ind,)), 2, indicators=(ind,))
        assert _only(plan, "task 1.1") == []
        (message,) = [m for m, e in _only(plan, "task 1.2") if e]
        assert message.startswith("indicator id 'hs' is already used by task 1.1")

    @pytest.mark.parametrize(("target", "refused"), [(0, True), (-5, True), (0.01, False)])
    def test_indicator_target_above_zero(
        self, seed_plan: Plan, target: float, refused: bool
    ) -> None:
        """A target of 0 or less is refused: attainment divides by it
        (tests/mutations/09-validate-target-zero.patch)."""
        plan = _replace_task(
            seed_plan, 1, indicators=(Indicator(id="hs", name="X", target=target),)
        )
        errors = [m for m, e in _only(plan, "task 1.1") if e]
        assert errors == (
            [f"indicator 'hs': target must be above 0, got {target}"] if refused else []
        )

    def test_group_with_deadline_needs_a_lead(self, seed_plan: Plan) -> None:
        """A group row with its own completion time is work someone must lead: warned
        without a lead unit; a group without one is a heading, not warned
        (tests/mutations/10-validate-group-deadline-no-lead.patch)."""
        index = [str(t.number) for t in seed_plan.tasks].index("2.1")
        assert seed_plan.tasks[index].lead == ()
        assert _only(seed_plan, "task 2.1") == []
        plan = _replace_task(seed_plan, index, deadline=parse_deadline("Năm 2025"))
        assert _only(plan, "task 2.1") == [("no lead unit (đơn vị chủ trì)", False)]
