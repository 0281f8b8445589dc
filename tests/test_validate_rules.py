"""Rules of plan validation that mutation testing (issue 11) found unchecked: the line a
completion-time problem names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from attrs import evolve

from kh_tthc import (
    DateSpan,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    TaskNumber,
    Unit,
    check_plan,
    load_plan,
    parse_deadline,
)
from kh_tthc.errors import Severity
from kh_tthc.model import Source
from kh_tthc.validate import check_built_plan
from tests.conftest import SEED_PLAN


def test_unknown_phrase_warned_on_its_line(tmp_path: Path) -> None:
    """Row 3.2 of the seed with a completion time no rule reads: a warning on its line."""
    old = 'lead = ["cds"]\nsupport = ["vp", "co-tthc"]\ndeadline = "Thường xuyên"'
    new = 'lead = ["cds"]\nsupport = ["vp", "co-tthc"]\ndeadline = "Khi nào xong thì báo"'
    text = SEED_PLAN.read_text("utf-8")
    assert text.count(old) == 1
    path = tmp_path / "p.toml"
    path.write_text(text.replace(old, new), "utf-8")
    # The task's entry starts on the [[tasks]] line just above its number.
    line = text.splitlines().index('number = "3.2"')
    found = [(p.file, p.line, p.is_error, p.message) for p in check_plan(load_plan(path))]
    assert (
        path,
        line,
        False,
        "completion time 'Khi nào xong thì báo' is not a known phrase; it will not be "
        "scheduled (closest known form: 'Hàng tháng')",
    ) in found


def test_read_back_error_on_its_line(seed_plan: Plan) -> None:
    """A date built for another year than the plan's reads back otherwise from a file: the
    error names the task's line."""
    index = [t.number for t in seed_plan.tasks].index(TaskNumber.parse("3.2"))
    tasks = list(seed_plan.tasks)
    tasks[index] = evolve(tasks[index], deadline=parse_deadline("31/12", year=2024))
    lines = tuple(range(101, 101 + len(tasks)))  # illustrative line numbers
    plan = evolve(
        seed_plan, tasks=tuple(tasks), source=Source(path=Path("p.toml"), task_lines=lines)
    )
    found = [(p.line, p.where, p.message) for p in check_plan(plan) if p.where == "task 3.2"]
    assert found == [
        (
            101 + index,
            "task 3.2",
            "completion time '31/12' would read back from a plan file as by_date "
            "'Ngày 31/12/2025', not as by_date 'Ngày 31/12/2024' (build it with "
            "parse_deadline(text, year=...))",
        ),
        (
            101 + index,
            "task 3.2",
            "completion time '31/12' falls on 2024-12-31, outside the plan's period "
            "2025-09-01 – 2025-12-31",
        ),
    ]


# An illustrative plan (made up for these tests, not an agency's): one of every problem a
# task row can have, each on its own line of a file "minh-hoa.toml" (illustrative lines
# 11, 12, ...), so that every problem must name the line of its own row.
def _illustrative_plan() -> Plan:
    def task(number: str, title: str, **fields: object) -> Task:
        return Task(number=TaskNumber.parse(number), title=title, **fields)  # type: ignore[arg-type]

    tasks = (
        task("1", "Nhóm việc minh hoạ"),  # a heading: no lead, no time, no warning
        task(
            "1.1",
            "Việc có ghi chú",
            lead=("vp",),
            support=("vp", "cntt"),
            deadline=parse_deadline("Trong 2 - 3 tháng", year=2025),
            indicators=(Indicator(id="hs", name="Hồ sơ", target=5),),
        ),
        task(
            "1.2",
            "",
            lead=("vpp",),
            support=("xyz",),
            deadline=parse_deadline("zzz qqq", year=2025),
            indicators=(Indicator(id="hs", name="Hồ sơ", target=0),),
        ),
        task(
            "1.2",
            "Việc lặp số",
            lead=("cntt",),
            indicators=(Indicator(id="Ho so", name="Hồ sơ", target=1),),
        ),
        task("3.1", "Việc thiếu nhóm", lead=("cntt",), deadline=parse_deadline("Quý IV/2025")),
        task("2", "Việc sai thứ tự", deadline=parse_deadline("Tháng 10/2025")),
    )
    return Plan(
        issuer=Organization(
            name="Sở Minh hoạ", abbreviation="SMH", place="Thái Nguyên", parent="UBND tỉnh"
        ),
        number=DocumentNumber(type_code="QD", issuer_code="SMH"),
        issued=IssueDate(year=2025, month=8),
        title="Kế hoạch minh hoạ",
        period=DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="Người Ký Minh Hoạ"),
        units=(Unit(id="vp", name="Văn phòng"), Unit(id="cntt", name="Phòng Công nghệ")),
        tasks=tasks,
        source=Source(path=Path("minh-hoa.toml"), task_lines=(11, 12, 13, 14, 15, 16)),
    )


_ILLUSTRATIVE = _illustrative_plan()
_W, _E = Severity.WARNING, Severity.ERROR
_FILE = Path("minh-hoa.toml")


def test_every_problem_names_its_own_line() -> None:
    """Every problem of the illustrative plan, in order, with its place, line and
    severity: a problem about row N names row N's line, a plan-wide one no line."""
    found = [(p.where, p.line, p.severity, p.message) for p in check_plan(_ILLUSTRATIVE)]
    assert found == [
        (
            "number",
            None,
            _W,
            "the symbol 'QD-SMH' does not start with 'KH', the abbreviation of Kế hoạch "
            "(Nghị định 30/2020/NĐ-CP, Phụ lục III)",
        ),
        ("task 1.1", 12, _W, "unit 'vp' both leads and supports"),
        (
            "task 1.1",
            12,
            _W,
            "completion time 'Trong 2 - 3 tháng': a limit of 2 to 3 months: the schedule "
            "counts the longer, 3",
        ),
        ("task 1.2", 13, _E, "empty title"),
        (
            "task 1.2",
            13,
            _E,
            "unknown lead unit id 'vpp' (did you mean 'vp'? expected one of: cntt, vp)",
        ),
        ("task 1.2", 13, _E, "unknown support unit id 'xyz' (expected one of: cntt, vp)"),
        (
            "task 1.2",
            13,
            _W,
            "completion time 'zzz qqq' is not a known phrase; it will not be scheduled",
        ),
        ("task 1.2", 14, _E, "duplicate task number"),
        ("task 1.2", 14, _W, "no completion time (thời gian hoàn thành)"),
        ("task 3.1", 15, _E, "its group 3 is missing"),
        ("task 2", 16, _E, "out of order: comes after task 3.1 (expected ascending numbers)"),
        ("task 2", 16, _W, "no lead unit (đơn vị chủ trì)"),
        (
            "task 1.2",
            13,
            _E,
            "indicator id 'hs' is already used by task 1.1 (ids name progress-file columns, "
            "so they are unique in a plan)",
        ),
        ("task 1.2", 13, _E, "indicator 'hs': target must be above 0, got 0"),
        (
            "task 1.2",
            14,
            _E,
            "invalid indicator id 'Ho so' (expected lower-case letters, digits, '-' or '_')",
        ),
    ]
    assert {p.file for p in check_plan(_ILLUSTRATIVE)} == {_FILE}


def test_symbol_of_another_type_not_warned() -> None:
    """A document whose type is not Kế hoạch may carry another symbol: no warning."""
    plan = evolve(_ILLUSTRATIVE, type_name="Chương trình")
    assert [p for p in check_plan(plan) if p.where == "number"] == []


def test_plan_kh_symbol_in_lower_case_not_warned() -> None:
    plan = evolve(_ILLUSTRATIVE, number=DocumentNumber(type_code="kh", issuer_code="SMH"))
    assert [p for p in check_plan(plan) if p.where == "number"] == []


def test_unknown_unit_when_none_declared() -> None:
    """With no unit declared, the message says so instead of an empty list."""
    plan = evolve(_ILLUSTRATIVE, units=(), tasks=_ILLUSTRATIVE.tasks[:2])
    found = [(p.line, p.message) for p in check_plan(plan) if p.is_error]
    assert found == [
        (12, "unknown lead unit id 'vp' (expected one of: none declared)"),
        (12, "unknown support unit id 'vp' (expected one of: none declared)"),
        (12, "unknown support unit id 'cntt' (expected one of: none declared)"),
    ]


class _Unreadable:
    """A period whose end cannot be read: a plan changed behind the model's back."""

    start = date(2025, 9, 1)

    @property
    def end(self) -> date:
        raise RuntimeError("minh hoạ: no end")


def test_a_check_that_fails_is_one_problem() -> None:
    """A plan the checks cannot read is one error on "plan", naming the failure, never
    an exception (check_built_plan: check_plan would refuse the field before)."""
    plan = evolve(_ILLUSTRATIVE, source=None)
    object.__setattr__(plan, "period", _Unreadable())
    (problem,) = check_built_plan(plan)
    assert (problem.where, problem.line, problem.severity, problem.message) == (
        "plan",
        None,
        _E,
        "the plan could not be checked: RuntimeError: minh hoạ: no end",
    )


def test_not_a_plan_is_one_problem() -> None:
    """Anything but a Plan is one error on "plan" that says what it got."""
    found = [(p.where, p.line, p.severity, p.message) for p in check_plan({"title": "x"})]
    assert found == [("plan", None, _E, "expected a Plan (load_plan or Plan(...)), got a table")]


def test_a_field_changed_behind_the_model_is_one_problem() -> None:
    """A title set to a number with object.__setattr__: check_plan builds the plan again
    and reports the field its constructor refuses, as one error on "plan"."""
    plan = evolve(_ILLUSTRATIVE, source=None)
    object.__setattr__(plan, "title", 5)
    found = [(p.where, p.line, p.severity, p.message) for p in check_plan(plan)]
    assert found == [
        (
            "plan",
            None,
            _E,
            "the plan does not hold what its fields take: Plan.title: expected a string, got "
            "the number 5",
        )
    ]
