"""Whole-plan validation: every problem at once, errors apart from warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given

from kh_tthc import (
    DateSpan,
    Plan,
    PlanInvalid,
    Task,
    TaskNumber,
    check_plan,
    load_plan,
    parse_deadline,
    validate_plan,
)
from tests.conftest import SEED_PLAN
from tests.strategies import plans


def _messages(plan: Plan) -> list[str]:
    return [str(p) for p in check_plan(plan)]


class TestSeed:
    def test_seed_has_no_errors(self, seed_plan: Plan) -> None:
        """The real plan is messy but valid: warnings only."""
        assert validate_plan(seed_plan)  # returns the warnings

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


class TestProperties:
    @given(plans())
    def test_check_never_raises(self, plan: Plan) -> None:
        """check_plan reports; it never fails on a well-typed plan."""
        problems = check_plan(plan)
        assert all(p.message for p in problems)

    @given(plans())
    def test_validate_raises_exactly_when_errors(self, plan: Plan) -> None:
        errors = [p for p in check_plan(plan) if p.is_error]
        if errors:
            with pytest.raises(PlanInvalid):
                validate_plan(plan)
        else:
            assert all(not p.is_error for p in validate_plan(plan))

    def test_well_formed_outline_has_no_numbering_errors(self, seed_plan: Plan) -> None:
        """Appending a correct child keeps the plan free of errors."""
        extra = Task(number=TaskNumber.parse("3.8"), title="Mới", lead=("vp",))
        validate_plan(evolve(seed_plan, tasks=(*seed_plan.tasks, extra)))
