"""Issue 12, items 1–3 and days off: the Python path is as solid as the file path.

Each test is a finding of the issue: a wrong type accepted at construction and crashing
later, a plan the library writes and then refuses, no way to edit a plan, days off that
only the holiday data could know. Every one failed on the main the branch started from.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import evolve
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kh_tthc import (
    Authority,
    DateSpan,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Period,
    Plan,
    Progress,
    ProgressRow,
    ProgressStatus,
    Report,
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
    WorkCalendar,
    check_plan,
    load_plan,
    load_progress,
    parse_deadline,
)
from kh_tthc.cli import main
from kh_tthc.errors import KhTthcError, PlanInvalid, Problem
from kh_tthc.io.plan_file import dumps_plan, loads_plan
from kh_tthc.schedule import build_schedule
from tests.conftest import ROOT
from tests.strategies import deadlines, names, plans, texts

SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
Q4 = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "progress-2025-Q4.csv"


def small_plan(**changes: Any) -> Plan:
    """A plan built in code, as a developer from another department would build it."""
    fields: dict[str, Any] = {
        "issuer": Organization(name="Sở Tư pháp", abbreviation="STP", place="Hà Nội"),
        "number": "/KH-STP",
        "issued": "2025-08",
        "title": "Kiểm soát thủ tục hành chính năm 2025 (ví dụ minh hoạ)",
        "period": "2025-01-01/2025-12-31",
        "signer": Signer(title="Giám đốc", name="Nguyễn Văn A"),
        "units": [Unit(id="vp", name="Văn phòng Sở"), Unit(id="tt", name="Thanh tra Sở")],
        "tasks": [
            Task(number="1", title="Rà soát TTHC", group=True),
            Task(number="1.1", title="Rà soát quy định", lead=["vp"], deadline="Quý II/2025"),
            Task(number="1.2", title="Công bố TTHC", lead=["tt"], deadline="Thường xuyên"),
            Task(number="2", title="Báo cáo định kỳ", lead=["vp"], deadline="Hằng quý"),
        ],
    }
    fields.update(changes)
    return Plan(**fields)


# -- 1. checked construction ------------------------------------------------------------


class TestTextForms:
    """The documented text form of a single value becomes that value."""

    def test_a_deadline_phrase_is_parsed_as_the_loader_parses_it(self) -> None:
        """Task(deadline="Hằng tháng") holds the parsed rule, and check_plan reads it."""
        task = Task(number="1", title="Báo cáo", lead=["vp"], deadline="Hằng tháng")
        assert task.deadline == parse_deadline("Hằng tháng")
        assert str(task.deadline) == "Hằng tháng"
        plan = small_plan(tasks=[task])
        assert not [p for p in check_plan(plan) if p.is_error]

    def test_a_yearless_date_stays_unspecified_without_a_plan_and_takes_the_plans_year(
        self,
    ) -> None:
        """ "trước ngày 28/5" is unspecified alone, and in a 2025 plan the 28 May 2025."""
        task = Task(number="1", title="Rà soát", lead=["vp"], deadline="Trước ngày 28/5")
        assert task.deadline is not None
        assert task.deadline.kind == "unspecified"
        plan = small_plan(tasks=[task])
        read = plan.task("1").deadline
        assert read == parse_deadline("Trước ngày 28/5", year=2025)
        assert read is not None
        assert read.kind == "by_date"
        assert str(read) == "Trước ngày 28/5"
        assert loads_plan(dumps_plan(plan)) == plan

    def test_evolve_parses_a_deadline_phrase(self) -> None:
        task = Task(number="1", title="Rà soát")
        assert evolve(task, deadline="Quý IV/2025").deadline == parse_deadline("Quý IV/2025")

    def test_a_task_number_text_is_a_task_number(self) -> None:
        assert Task(number="2.1", title="x").number == TaskNumber.parse("2.1")
        assert TaskNumber("2.1") == TaskNumber.parse("2.1")

    def test_a_document_number_text_is_a_document_number(self) -> None:
        plan = small_plan(number="05/KH-STP")
        assert plan.number == DocumentNumber.parse("05/KH-STP")

    def test_an_authority_text_is_an_authority(self) -> None:
        signer = Signer(title="Phó Giám đốc", name="A", authority="KT", head_title="Giám đốc")
        assert signer.authority is Authority.KT
        assert signer.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")

    def test_iso_strings_are_dates(self) -> None:
        span = DateSpan(start="2025-09-01", end="2025-12-31")
        assert span == DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 31))
        assert small_plan(issued="2025-08-05").issued == IssueDate(year=2025, month=8, day=5)

    def test_a_report_period_text_and_iso_as_of(self) -> None:
        """Report(period="2025-Q4", as_of="2025-12-15") is the report of Quý IV/2025."""
        plan = load_plan(SEED)
        progress = load_progress(Q4, plan)
        report = Report(plan=plan, period="2025-Q4", progress=progress, as_of="2025-12-15")
        expected = Report(
            plan=plan,
            period=Period.quarter(2025, 4),
            progress=progress,
            as_of=date(2025, 12, 15),
        )
        assert report.to_records() == expected.to_records()

    def test_calendar_methods_take_iso_dates(self) -> None:
        cal = WorkCalendar.vietnam()
        day = date(2026, 2, 13)
        assert cal.add_working_days("2026-02-13", 10) == cal.add_working_days(day, 10)
        assert cal.is_working_day("2026-02-13") == cal.is_working_day(day)
        assert cal.working_days_between("2026-02-13", "2026-03-02") == (
            cal.working_days_between(day, date(2026, 3, 2))
        )

    def test_schedule_takes_an_iso_as_of(self) -> None:
        plan = load_plan(SEED)
        got = [(o.due, o.task.number, o.status) for o in plan.schedule(as_of="2025-10-15")]
        expected = plan.schedule(as_of=date(2025, 10, 15))
        assert got == [(o.due, o.task.number, o.status) for o in expected]


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=4),
    st.lists(st.text(max_size=4), max_size=3),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
    st.builds(object),
    st.dates(),
    st.datetimes(),
    st.sets(st.text(max_size=3), max_size=2),
    st.sampled_from(
        [Unit(id="vp", name="Văn phòng"), TaskNumber.parse("1"), Authority.KT, "2025-Q4", "1.1"]
    ),
)


def _outcome(make: Any) -> Any:
    """What ``make()`` returns, or the TypeError/ValueError it raises."""
    try:
        return make()
    except (TypeError, ValueError) as exc:
        return exc


def _refusal(make: Any) -> Exception:
    with pytest.raises((TypeError, ValueError)) as info:
        make()
    return info.value


class TestRefused:
    """Everything else is refused when built, naming the class, the field and the form."""

    @pytest.mark.parametrize(
        ("make", "where", "kind"),
        [
            (lambda: Task(number="1", title="x", lead="vp"), "Task.lead", TypeError),
            (lambda: Task(number="1", title="x", support=("vp", 3)), "Task.support[1]", TypeError),
            (lambda: Task(number=1, title="x"), "Task.number", TypeError),
            (lambda: Task(number="2..1", title="x"), "Task.number", ValueError),
            (lambda: Task(number="1", title=None), "Task.title", TypeError),
            (lambda: Task(number="1", title="x", deadline=5), "Task.deadline", TypeError),
            (lambda: Task(number="1", title="x", group="false"), "Task.group", TypeError),
            (lambda: Task(number="1", title="x", extra="Sản phẩm"), "Task.extra", TypeError),
            (lambda: Task(number="1", title="a\x1b[2J"), "Task.title", ValueError),
            (lambda: Unit(id="Thanh Tra", name="Thanh tra"), "Unit.id", ValueError),
            (lambda: Unit(id="vp", name=["Văn phòng"]), "Unit.name", TypeError),
            (
                lambda: Organization(name="A", abbreviation="B", place=3),
                "Organization.place",
                TypeError,
            ),
            (
                lambda: DocumentNumber(type_code="K H", issuer_code="X"),
                "DocumentNumber.type_code",
                ValueError,
            ),
            (
                lambda: DocumentNumber(type_code="KH", issuer_code="X", number="5"),
                "DocumentNumber.number",
                TypeError,
            ),
            (lambda: IssueDate(year="2025"), "IssueDate.year", TypeError),
            (lambda: IssueDate(year=1800), "IssueDate.year", ValueError),
            (lambda: Signer(title="A", name="B", authority="XYZ"), "Signer.authority", ValueError),
            (lambda: Signer(title="A", name="B", authority=1), "Signer.authority", TypeError),
            (
                lambda: DateSpan(start="1/9/2025", end=date(2025, 12, 31)),
                "DateSpan.start",
                ValueError,
            ),
            (lambda: DateSpan(start=date(2025, 1, 1), end=20251231), "DateSpan.end", TypeError),
            (lambda: Section(title="I", paragraphs="Một đoạn"), "Section.paragraphs", TypeError),
            (lambda: Indicator(id="so-hoa", name="x", target="100"), "Indicator.target", TypeError),
            (
                lambda: Indicator(id="so-hoa", name="x", target=float("inf")),
                "Indicator.target",
                ValueError,
            ),
            (lambda: TaskNumber((0, 1)), "TaskNumber.parts", ValueError),
            (lambda: small_plan(units={"vp": "Văn phòng Sở"}), "Plan.units", TypeError),
            (lambda: small_plan(tasks=[{"number": "1"}]), "Plan.tasks[0]", TypeError),
            (lambda: small_plan(archive="VT"), "Plan.archive", TypeError),
            (lambda: small_plan(number=5), "Plan.number", TypeError),
            (lambda: small_plan(period=("2025-01-01", "2025-12-31")), "Plan.period", TypeError),
            (lambda: small_plan(issuer="Sở Tư pháp"), "Plan.issuer", TypeError),
            (lambda: small_plan(days_off="2025-09-01"), "Plan.days_off", TypeError),
            (
                lambda: small_plan(days_off=["2025-09-01"], working_days=["2025-09-01"]),
                "Plan.working_days",
                ValueError,
            ),
            (
                lambda: WorkCalendar.vietnam().add_working_days(20260213, 1),
                "WorkCalendar.add_working_days.d",
                TypeError,
            ),
            (
                lambda: WorkCalendar.vietnam().add_working_days(date(2026, 2, 13), 1.5),
                "WorkCalendar.add_working_days.n",
                TypeError,
            ),
            (lambda: small_plan().schedule(as_of="hôm nay"), "Plan.schedule.as_of", ValueError),
        ],
    )
    def test_wrong_values_name_class_and_field(self, make: Any, where: str, kind: type) -> None:
        exc = _refusal(make)
        assert isinstance(exc, kind)
        assert str(exc).startswith(f"{where}: ")
        assert "expected" in str(exc) or "outside" in str(exc) or "holds" in str(exc)

    def test_a_mapping_of_units_is_refused_never_half_kept(self) -> None:
        """Plan(units={"vp": "Văn phòng Sở"}) used to keep the key "vp" and drop the name."""
        exc = _refusal(lambda: small_plan(units={"vp": "Văn phòng Sở"}))
        assert "a table" in str(exc)
        assert "Unit(" in str(exc)

    def test_a_report_of_a_wrong_period_type_is_refused(self) -> None:
        plan = load_plan(SEED)
        progress = load_progress(Q4, plan)
        exc = _refusal(lambda: Report(plan=plan, period=4, progress=progress, as_of="2025-12-15"))
        assert str(exc).startswith("Report.period: ")

    def test_a_string_where_a_list_belongs_is_one_rule_for_files_and_code(self) -> None:
        """The loader and the constructor refuse archive = "VT" with the same words."""
        from_code = str(_refusal(lambda: small_plan(archive="VT")))
        text = dumps_plan(small_plan()).replace('archive = [\n    "VT",\n]', 'archive = "VT"')
        text = text if 'archive = "VT"' in text else 'archive = "VT"\n' + text
        with pytest.raises(PlanInvalid) as info:
            loads_plan(text)
        from_file = " ".join(str(p) for p in info.value.problems)
        assert "got the string 'VT'" in from_code
        assert "got the string 'VT'" in from_file

    def test_an_odd_unit_id_is_refused_with_the_loaders_rule(self) -> None:
        """Unit(id="Thanh Tra") was built, passed check_plan, was written, then refused."""
        exc = _refusal(lambda: Unit(id="Thanh Tra", name="Thanh tra Sở"))
        text = dumps_plan(small_plan()).replace(
            'tt = "Thanh tra Sở"', '"Thanh Tra" = "Thanh tra Sở"'
        )
        with pytest.raises(PlanInvalid) as info:
            loads_plan(text)
        rule = "lower-case letters, digits, '-' or '_'"
        assert rule in str(exc)
        assert any(rule in p.message for p in info.value.problems)


class TestCheckPlanNeverRaises:
    """check_plan(anything) gives problems, never an exception."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=10),
            st.builds(object),
            st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
            st.lists(st.builds(object), max_size=2),
            st.from_type(type).flatmap(st.just),
            st.builds(Unit, id=st.just("vp"), name=names()),
        )
    )
    def test_objects_that_are_not_plans_are_one_problem(self, thing: Any) -> None:
        problems = check_plan(thing)
        assert len(problems) == 1
        assert problems[0].is_error
        assert "expected a Plan" in problems[0].message

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        plans(),
        st.sampled_from(["tasks", "units", "period", "number", "title", "issuer"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=5), st.builds(object)),
    )
    def test_a_plan_changed_behind_the_models_back_is_a_problem(
        self, plan: Plan, name: str, junk: Any
    ) -> None:
        """Even a field set with object.__setattr__ to junk gives problems, not a crash."""
        refused = isinstance(_outcome(lambda: evolve(plan, **{name: junk})), Exception)
        object.__setattr__(plan, name, junk)
        problems = check_plan(plan)
        assert isinstance(problems, tuple)
        assert all(isinstance(p, Problem) for p in problems)
        if refused:  # what the constructor refuses, check_plan reports as an error
            assert any(p.is_error and "fields take" in p.message for p in problems)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans(), st.data())
    def test_built_with_wrong_types_is_refused_or_checked(
        self, plan: Plan, data: st.DataObject
    ) -> None:
        """st.builds-style fuzz: junk in any field is refused naming it, or checked."""
        fields = [a.name for a in attrs.fields(Plan) if a.init and a.name != "source"]
        chosen = data.draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True))
        changes = {name: data.draw(_JUNK, label=name) for name in chosen}
        built = _outcome(lambda: evolve(plan, **changes))
        if isinstance(built, Exception):
            assert isinstance(built, KhTthcError), repr(built)
            assert any(str(built).startswith(f"Plan.{name}") for name in chosen), str(built)
            return
        problems = check_plan(built)
        assert all(isinstance(p, Problem) for p in problems)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_tasks_built_with_wrong_types_are_refused_naming_the_field(
        self, data: st.DataObject
    ) -> None:
        fields = [a.name for a in attrs.fields(Task) if a.init]
        name = data.draw(st.sampled_from(fields))
        base: dict[str, Any] = {"number": "1", "title": "Rà soát"}
        task = _outcome(lambda: Task(**{**base, name: data.draw(_JUNK)}))
        if isinstance(task, Exception):
            assert isinstance(task, KhTthcError), repr(task)
            assert str(task).startswith(f"Task.{name}"), str(task)
            return
        assert isinstance(check_plan(small_plan(tasks=[task])), tuple)

    def test_a_deadline_given_as_text_does_not_crash_check_plan(self) -> None:
        """The issue's example: Task(deadline="Hằng tháng") then check_plan."""
        plan = small_plan(tasks=[Task(number="1", title="x", lead=["vp"], deadline="Hằng tháng")])
        assert isinstance(check_plan(plan), tuple)


# -- 2. what it accepts, it writes and reads back ------------------------------------------

_PHRASES = st.sampled_from(
    [
        "Thường xuyên",
        "Khi có phát sinh",
        "Năm 2025",
        "Quý IV/2025",
        "Trước ngày 15/12/2025",
        "Trước ngày 28/5",
        "Định kỳ hàng quý, năm",
        "Hằng tháng",
        "Tháng 10",
        "trong vòng 5 ngày làm việc",
        "Chưa rõ",
    ]
)
_ODD = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Thanh Tra", "vp", "VP", "đ", "a b", "-x", "x-", "_", "1", "van-phong"]),
)


def _try(make: Any) -> Any:
    try:
        return make()
    except (TypeError, ValueError):
        return None


@st.composite
def built_plans(draw: st.DrawFn) -> Plan:
    """Plans built through the public constructors from odd input, strings included."""
    ids = draw(st.lists(_ODD, max_size=4))
    units = [u for u in (_try(lambda i=i: Unit(id=i, name=draw(names()))) for i in ids) if u]
    refs = [u.id for u in units] + draw(st.lists(_ODD, max_size=1))
    tasks = []
    for number in draw(
        st.lists(st.sampled_from(["1", "1.1", "1.2", "2", "2.1", "3"]), unique=True, max_size=5)
    ):
        deadline = draw(st.one_of(st.none(), _PHRASES, deadlines()))
        task = _try(
            lambda number=number, deadline=deadline: Task(
                number=number,
                title=draw(st.one_of(texts(), st.text(max_size=10))),
                lead=draw(st.lists(st.sampled_from(refs), max_size=2)) if refs else [],
                deadline=deadline,
                note=draw(st.one_of(st.just(""), st.text(max_size=8))),
                extra=draw(st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2)),
            )
        )
        if task is not None:
            tasks.append(task)
    plan = _try(
        lambda: Plan(
            issuer=Organization(
                name=draw(st.text(max_size=10)), abbreviation="STP", place=draw(st.text(max_size=8))
            ),
            number=draw(st.sampled_from(["/KH-STP", "05/KH-STP", "5/KH-UBND-VP", "/BC-X"])),
            issued=draw(st.sampled_from(["2025", "2025-08", "2025-08-05"])),
            title=draw(st.text(min_size=1, max_size=20)),
            period=draw(st.sampled_from(["2025-01-01/2025-12-31", "2025-09-01/2025-12-31"])),
            signer=Signer(
                title="Giám đốc",
                name=draw(st.text(max_size=8)),
                authority=draw(st.sampled_from([None, "KT", "TM."])),
            ),
            units=units,
            tasks=sorted(tasks, key=lambda t: t.number),
            archive=draw(st.lists(st.text(max_size=6), min_size=1, max_size=2)),
            days_off=draw(st.lists(st.dates(date(2025, 1, 1), date(2025, 12, 31)), max_size=2)),
        )
    )
    assume(plan is not None)
    return plan


class TestRoundTrip:
    """A plan check_plan passes without errors is written and read back equal."""

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(built_plans(), st.sampled_from(["toml", "json"]))
    def test_what_check_plan_passes_round_trips(self, plan: Plan, fmt: str) -> None:
        assume(not any(p.is_error for p in check_plan(plan)))
        back = loads_plan(dumps_plan(plan, format=fmt), format=fmt)
        assert back == plan
        assert [str(t.deadline) for t in back.tasks] == [str(t.deadline) for t in plan.tasks]

    def test_a_deadline_that_would_read_back_differently_is_an_error(self) -> None:
        """A rule built for 2024 in a 2025 plan: the file would say another year."""
        wrong = parse_deadline("Trước ngày 28/5", year=2024)
        plan = small_plan(
            period="2025-01-01/2025-12-31",
            tasks=[Task(number="1", title="x", lead=["vp"], deadline=wrong)],
        )
        messages = [p.message for p in check_plan(plan) if p.is_error]
        assert any("would read back" in m for m in messages)

    def test_days_off_are_written_and_read_back(self) -> None:
        plan = small_plan(days_off=["2025-09-01", "2025-10-10"], working_days=["2025-10-11"])
        for fmt in ("toml", "json"):
            back = loads_plan(dumps_plan(plan, format=fmt), format=fmt)
            assert back.days_off == (date(2025, 9, 1), date(2025, 10, 10))
            assert back.working_days == (date(2025, 10, 11),)


# -- 3. editing ---------------------------------------------------------------------------


def _numbers(plan: Plan) -> list[str]:
    return [str(t.number) for t in plan.tasks]


class TestEditing:
    def test_add_places_a_task_by_its_number(self) -> None:
        plan = small_plan().add_task(Task(number="1.3", title="Niêm yết", lead=["vp"]))
        assert _numbers(plan) == ["1", "1.1", "1.2", "1.3", "2"]
        assert plan.task("1.3").title == "Niêm yết"

    def test_add_refuses_a_number_in_use(self) -> None:
        with pytest.raises(ValueError, match=r"already has a task 1\.1"):
            small_plan().add_task(Task(number="1.1", title="x"))

    def test_insert_then_renumber_shifts_the_later_rows(self) -> None:
        plan = small_plan().insert_task(Task(number="1.9", title="Mới", lead=["vp"]), after="1.1")
        assert _numbers(plan) == ["1", "1.1", "1.9", "1.2", "2"]
        plan, mapping = plan.renumber()
        assert _numbers(plan) == ["1", "1.1", "1.2", "1.3", "2"]
        assert plan.task("1.2").title == "Mới"
        assert {str(k): str(v) for k, v in mapping.items()} == {"1.9": "1.2", "1.2": "1.3"}

    def test_insert_before_a_group_goes_before_its_rows(self) -> None:
        plan = small_plan().insert_task(Task(number="5", title="Đầu"), before="1")
        assert _numbers(plan)[0] == "5"

    def test_replace_keeps_the_place(self) -> None:
        plan = small_plan().replace_task("1.2", Task(number="1.2", title="Khác", lead=["tt"]))
        assert _numbers(plan) == _numbers(small_plan())
        assert plan.task("1.2").title == "Khác"

    def test_remove_takes_the_rows_under_it(self) -> None:
        plan = small_plan().remove_task("1")
        assert _numbers(plan) == ["2"]
        plan, mapping = plan.renumber()
        assert _numbers(plan) == ["1"]
        assert {str(k): str(v) for k, v in mapping.items()} == {"2": "1"}

    def test_move_takes_the_rows_under_it(self) -> None:
        plan = small_plan().move_task("1", after="2")
        assert _numbers(plan) == ["2", "1", "1.1", "1.2"]
        plan, mapping = plan.renumber()
        assert _numbers(plan) == ["1", "2", "2.1", "2.2"]
        assert plan.task("2.1").title == "Rà soát quy định"
        assert str(mapping[TaskNumber.parse("1.1")]) == "2.1"

    def test_move_inside_itself_is_refused(self) -> None:
        with pytest.raises(ValueError, match="inside itself"):
            small_plan().move_task("1", after="1.1")

    def test_unknown_numbers_are_key_errors(self) -> None:
        with pytest.raises(KeyError, match="no task 9"):
            small_plan().remove_task("9")

    @settings(max_examples=40, deadline=None)
    @given(st.data())
    def test_renumbered_plans_are_valid_outlines(self, data: st.DataObject) -> None:
        """Any removal then renumber gives ascending numbers with every group present."""
        plan = small_plan()
        victim = data.draw(st.sampled_from(_numbers(plan)))
        edited, mapping = plan.remove_task(victim).renumber()
        assert not [p for p in check_plan(edited) if "order" in p.message or "group" in p.message]
        for old, new in mapping.items():
            assert edited.task(new).title == plan.task(old).title

    def test_progress_is_carried_across_a_renumbering(self) -> None:
        plan = load_plan(SEED)
        progress = load_progress(Q4, plan)
        first = plan.tasks[0].number
        edited, mapping = plan.remove_task(first).renumber()
        carried = progress.renumbered(mapping)
        kept = [r for r in progress.rows if not (first == r.task or first.is_ancestor_of(r.task))]
        carried_rows = [
            r for r in carried.rows if r.task in {mapping.get(k.task, k.task) for k in kept}
        ]
        assert len(carried_rows) >= len(kept) > 0
        for row in kept:
            new = mapping.get(row.task, row.task)
            assert edited.task(new).title == plan.task(row.task).title

    def test_renumbered_progress_moves_all_rows_at_once(self) -> None:
        rows = [
            ProgressRow(task=TaskNumber.parse(n), unit="vp", status=ProgressStatus.DONE)
            for n in ("2.2", "2.3")
        ]
        progress = Progress(period=Period.parse("2025-Q4"), rows=rows)
        moved = progress.renumbered({"2.2": "2.3", "2.3": "2.4"})
        assert [str(r.task) for r in moved.rows] == ["2.3", "2.4"]

    def test_an_edited_plan_drops_the_lines_it_no_longer_has(self) -> None:
        """evolve kept Source, so problems pointed at lines of a file without the task."""
        plan = load_plan(SEED)
        assert plan.source is not None
        assert all(plan.source.task_lines)
        index = 3
        changed = evolve(plan.tasks[index], title="Đã sửa")
        edited = evolve(plan, tasks=(*plan.tasks[:index], changed, *plan.tasks[index + 1 :]))
        assert edited.source is not None
        assert edited.source.task_lines[index] is None
        others = [x for i, x in enumerate(edited.source.task_lines) if i != index]
        assert others == [x for i, x in enumerate(plan.source.task_lines) if i != index]

    def test_a_moved_task_keeps_its_line(self) -> None:
        plan = load_plan(SEED)
        assert plan.source is not None
        last = plan.tasks[-1]
        line = plan.source.task_lines[-1]
        moved = plan.move_task(last.number, before=plan.tasks[0].number)
        assert moved.source is not None
        assert moved.source.task_lines[0] == line

    def test_problems_of_an_added_task_have_no_line(self) -> None:
        plan = load_plan(SEED)
        top = max(t.number for t in plan.tasks if t.level == 1)
        number = TaskNumber((top.parts[0] + 1,))
        edited = plan.add_task(Task(number=number, title="Mới", lead=["không-có"]))
        mine = [p for p in check_plan(edited) if p.where == f"task {number}"]
        assert mine
        assert all(p.line is None for p in mine)


# -- days off -----------------------------------------------------------------------------


def _due_dates(plan: Plan, **options: Any) -> list[date]:
    return [o.due for o in plan.schedule(as_of=plan.period.start, **options) if o.due]


class TestDaysOff:
    def test_the_plans_calendar_has_its_days(self) -> None:
        plan = small_plan(days_off=["2025-10-10"], working_days=["2025-04-26"])
        cal = plan.calendar()
        assert not cal.is_working_day(date(2025, 10, 10))
        assert WorkCalendar.vietnam().is_working_day(date(2025, 10, 10))
        assert cal == WorkCalendar(days_off=[date(2025, 10, 10)], working_days=[date(2025, 4, 26)])

    def test_a_plan_without_days_uses_the_national_calendar(self) -> None:
        assert small_plan().calendar() is WorkCalendar.vietnam()

    def test_the_schedule_uses_the_plans_days_off(self) -> None:
        plan = load_plan(SEED)
        due = sorted(set(_due_dates(plan)))
        assert due
        off = tuple(d for d in due if d.weekday() < 5)[:3]
        local = evolve(plan, days_off=off)
        agenda = local.schedule(as_of=plan.period.start)
        # Days computed in working days move; a day the phrase names is flagged.
        for o in agenda:
            if o.due in off:
                assert o.on_day_off
        assert _due_dates(local) != _due_dates(plan)
        explicit = build_schedule(
            plan, as_of=plan.period.start, calendar=WorkCalendar(days_off=off)
        )
        assert [(o.due, o.on_day_off) for o in agenda] == [(o.due, o.on_day_off) for o in explicit]

    def test_the_plan_file_declares_days_off(self, tmp_path: Path) -> None:
        plan = load_plan(SEED)
        off = sorted(d for d in set(_due_dates(plan)) if d.weekday() < 5)[0]
        text = SEED.read_text(encoding="utf-8").replace(
            'type = "Kế hoạch"', f'type = "Kế hoạch"\ndays_off = [{off.isoformat()}]', 1
        )
        path = tmp_path / "plan.toml"
        path.write_text(text, encoding="utf-8")
        local = load_plan(path)
        assert local.days_off == (off,)
        assert _due_dates(local) != _due_dates(plan)
        assert all(o.on_day_off for o in local.schedule(as_of=local.period.start) if o.due == off)

    def test_report_due_days_use_the_plans_days_off(self) -> None:
        plan = load_plan(SEED)
        progress = load_progress(Q4, plan)
        report = Report(plan=plan, period=progress.period, progress=progress, as_of="2025-12-31")
        dues = sorted({d for t in report.tasks for d in t.due if d.weekday() < 5})
        assert dues
        local = evolve(plan, days_off=dues[:2])
        again = Report(plan=local, period=progress.period, progress=progress, as_of="2025-12-31")
        assert not {d for t in again.tasks for d in t.due} & set(dues[:2])

    def test_a_days_off_list_written_as_a_string_is_refused_in_the_file(self) -> None:
        text = 'days_off = "2025-09-01"\n' + SEED.read_text(encoding="utf-8")
        with pytest.raises(PlanInvalid) as info:
            loads_plan(text)
        assert any(p.where == "days_off" for p in info.value.problems)

    def test_day_off_on_the_command_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        plan = load_plan(SEED)
        off = sorted(d for d in set(_due_dates(plan)) if d.weekday() < 5)[0]
        args = ["schedule", str(SEED), "--as-of", "2025-09-01", "--format", "json"]
        assert main(args) == 0
        before = capsys.readouterr().out
        assert main([*args, "--day-off", off.isoformat()]) == 0
        after = capsys.readouterr().out
        assert off.isoformat() in before
        assert off.isoformat() not in after
        assert json.loads(after)

    def test_day_off_is_repeatable_and_on_validate_and_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert (
            main(["validate", str(SEED), "--day-off", "2025-10-10", "--day-off", "2025-10-13"]) == 0
        )
        out = tmp_path / "r.json"
        code = main(
            [
                "report",
                str(SEED),
                str(Q4),
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-31",
                "-o",
                str(out),
                "--day-off",
                "2025-12-16",
            ]
        )
        assert code == 0, capsys.readouterr().err
        assert "2025-12-16" not in out.read_text(encoding="utf-8")

    def test_a_day_off_that_contradicts_the_plan_is_one_line_exit_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = "working_days = [2025-10-11]\n" + SEED.read_text(encoding="utf-8")
        path = tmp_path / "plan.toml"
        path.write_text(text, encoding="utf-8")
        assert main(["validate", str(path), "--day-off", "2025-10-11"]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1
        assert "2025-10-11" in err[0]
        assert "Traceback" not in err[0]


def test_the_python_guide_is_run_by_the_docs_tests() -> None:
    """docs/python-api.md is among the pages tests/test_docs.py runs, and covers each step."""
    from tests.test_docs import DOCS

    guide = ROOT / "docs" / "python-api.md"
    assert guide in DOCS
    text = guide.read_text(encoding="utf-8")
    for step in (
        "## Build",
        "## Edit",
        "## Check",
        "## Save",
        "## Render",
        "## Schedule",
        "## Report",
    ):
        assert step in text
    assert "tempfile.mkdtemp()" in text  # examples write only into a temporary folder
