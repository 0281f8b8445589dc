"""Tests for kh_tthc.schedule and the schedule command: a plan's agenda and its exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import kh_tthc.schedule as schedule_module
from kh_tthc import (
    DateRangeError,
    DateSpan,
    Deadline,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    SendingRule,
    Signer,
    Task,
    TaskNumber,
    Unit,
    WorkCalendar,
    parse_deadline,
)
from kh_tthc.cli import main
from kh_tthc.deadline import Frequency
from kh_tthc.periods import Period
from kh_tthc.schedule import (
    Schedule,
    ScheduleError,
    Status,
    build_schedule,
    to_csv,
    to_ics,
    to_json,
    to_table,
)
from tests.conftest import SEED_PLAN
from tests.strategies_time import deadlines

SEPT_TO_DEC = (date(2025, 9, 1), date(2025, 12, 31))
CAL = WorkCalendar.vietnam()


def make_plan(*rows: tuple[str, str | None, tuple[str, ...], tuple[str, ...]]) -> Plan:
    """A small plan: (number, deadline phrase, lead ids, support ids) per task."""
    return Plan(
        issuer=Organization(name="Sở Khoa học và Công nghệ", abbreviation="SKHCN", place="Huế"),
        number=DocumentNumber(type_code="KH", issuer_code="SKHCN", number=12),
        issued=IssueDate(year=2025, month=8, day=5),
        title="Kế hoạch thử",
        period=DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
        units=(
            Unit(id="vp", name="Văn phòng Sở"),
            Unit(id="cds", name="Phòng Chuyển đổi số"),
        ),
        tasks=tuple(
            Task(
                number=TaskNumber.parse(number),
                title=f"Nhiệm vụ {number}",
                lead=lead,
                support=support,
                deadline=None if phrase is None else parse_deadline(phrase),
            )
            for number, phrase, lead, support in rows
        ),
    )


def rows_of(agenda: Schedule) -> list[tuple[str, date | None, str, str, str]]:
    return [(str(o.task.number), o.due, o.label, o.kind, o.status.value) for o in agenda]


class TestSeedPlan:
    """The seed plan, 01/9/2025–31/12/2025, as of 15/10/2025."""

    @pytest.fixture
    def agenda(self, seed_plan: Plan) -> Schedule:
        return seed_plan.schedule(*SEPT_TO_DEC, as_of=date(2025, 10, 15))

    def test_reports_of_task_2_5(self, agenda: Schedule) -> None:
        """Task 2.5 ("Định kỳ hàng quý, năm") lists the Q3, Q4 and year reports.

        Cut-offs end Sunday 14/9 and Sunday 14/12/2025; two working days later are 16/9 and
        16/12; Q3 was due before 15/10, the others are ahead.
        """
        reports = [r for r in rows_of(agenda) if r[0] == "2.5"]
        assert reports == [
            ("2.5", date(2025, 9, 16), "Quý III/2025", "periodic", "overdue"),
            ("2.5", date(2025, 12, 16), "Quý IV/2025", "periodic", "upcoming"),
            ("2.5", date(2025, 12, 16), "Năm 2025", "periodic", "upcoming"),
        ]

    def test_ongoing_tasks_are_reported_on_each_quarter(self, agenda: Schedule) -> None:
        """An ongoing task ("Thường xuyên") appears once per quarter, as ongoing."""
        task_1_1 = [r for r in rows_of(agenda) if r[0] == "1.1"]
        assert task_1_1 == [
            ("1.1", date(2025, 9, 16), "Quý III/2025", "ongoing", "ongoing"),
            ("1.1", date(2025, 12, 16), "Quý IV/2025", "ongoing", "ongoing"),
        ]
        ongoing_tasks = {o.task.number for o in agenda if o.kind == "ongoing"}
        assert len(ongoing_tasks) == 18  # the rows the seed plan marks "Thường xuyên"
        assert all(o.status is Status.ONGOING for o in agenda if o.kind == "ongoing")

    def test_other_kinds(self, agenda: Schedule) -> None:
        """ "Năm 2025" is due 31/12/2025; "Khi có phát sinh" is listed once, undated."""
        rows = rows_of(agenda)
        assert ("2.3.3", date(2025, 12, 31), "Năm 2025", "by_period", "upcoming") in rows
        assert ("2.1.1", None, "", "on_event", "on_event") in rows
        assert rows[-1] == ("2.1.1", None, "", "on_event", "on_event")

    def test_group_rows_without_deadline_are_left_out(self, agenda: Schedule) -> None:
        """Heading rows with no completion time give nothing; 2.4 and 2.5 carry one."""
        numbers = {str(o.task.number) for o in agenda}
        assert "1" not in numbers
        assert "2.6" not in numbers
        assert {"2.4", "2.5"} <= numbers

    def test_agenda_order(self, agenda: Schedule) -> None:
        """Dated occurrences come first by date, then the undated ones."""
        dues = [o.due for o in agenda]
        dated = [d for d in dues if d is not None]
        assert dated == sorted(dated)
        assert dues[: len(dated)] == dated


class TestStatus:
    PLAN = make_plan(
        ("1", "Ngày 15/10/2025", ("vp",), ()),
        ("2", "Ngày 22/10/2025", ("vp",), ()),
        ("3", "Ngày 23/10/2025", ("vp",), ()),
        ("4", "Ngày 14/10/2025", ("vp",), ()),
        ("5", "Thường xuyên", ("vp",), ()),
        ("6", "Đột xuất", ("vp",), ()),
        ("7", "Theo tiến độ dự án", ("vp",), ()),
    )

    def status_of(self, agenda: Schedule, number: str) -> Status:
        return next(o.status for o in agenda if str(o.task.number) == number)

    def test_statuses_as_of_a_wednesday(self) -> None:
        """As of Wed 15/10/2025: 5 working days ahead is Wed 22/10."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 15))
        assert self.status_of(agenda, "1") is Status.DUE_SOON  # due today
        assert self.status_of(agenda, "2") is Status.DUE_SOON  # the 5th working day
        assert self.status_of(agenda, "3") is Status.UPCOMING  # the 6th
        assert self.status_of(agenda, "4") is Status.OVERDUE
        assert self.status_of(agenda, "5") is Status.ONGOING
        assert self.status_of(agenda, "6") is Status.ON_EVENT
        assert self.status_of(agenda, "7") is Status.UNSPECIFIED

    def test_soon_counts_working_days(self) -> None:
        """Over a weekend, 5 working days from Fri 17/10 reach Fri 24/10."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 17))
        assert self.status_of(agenda, "3") is Status.DUE_SOON

    def test_soon_is_configurable(self) -> None:
        """With soon=0 only today's due dates are due soon."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 15), soon=0)
        assert self.status_of(agenda, "1") is Status.DUE_SOON
        assert self.status_of(agenda, "2") is Status.UPCOMING

    def test_with_status(self) -> None:
        """with_status keeps the occurrences of the statuses named."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 15))
        picked = agenda.with_status(Status.OVERDUE, Status.UNSPECIFIED)
        assert [str(o.task.number) for o in picked] == ["4", "7"]

    def test_soon_of_one_working_day(self) -> None:
        """With soon=1, as of Tue 21/10/2025 the next working day (Wed 22/10) is due soon,
        the day after (Thu 23/10) is not."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 21), soon=1)
        assert self.status_of(agenda, "2") is Status.DUE_SOON
        assert self.status_of(agenda, "3") is Status.UPCOMING

    def test_soon_zero_on_a_saturday(self) -> None:
        """With soon=0 nothing after as_of is due soon, not even the next working day:
        as of Sat 11/10/2025, Mon 13/10 is upcoming."""
        plan = make_plan(("1", "Ngày 13/10/2025", ("vp",), ()))
        agenda = plan.schedule(as_of=date(2025, 10, 11), soon=0)
        assert self.status_of(agenda, "1") is Status.UPCOMING

    def test_with_status_by_value(self) -> None:
        """A status may be given by its value ("overdue"), alone or with Status members."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 15))
        assert [str(o.task.number) for o in agenda.with_status("overdue")] == ["4"]
        picked = agenda.with_status("unspecified", Status.OVERDUE)
        assert [str(o.task.number) for o in picked] == ["4", "7"]
        assert len(agenda.with_status()) == 0

    def test_with_status_unknown(self) -> None:
        """An unknown status is an error naming every status value."""
        agenda = self.PLAN.schedule(as_of=date(2025, 10, 15))
        message = (
            "status must be one of 'overdue', 'due_soon', 'upcoming', 'ongoing', "
            "'on_event', 'unspecified', not 'late'"
        )
        with pytest.raises(ValueError, match="status must be one of") as raised:
            agenda.with_status(Status.OVERDUE, "late")
        assert str(raised.value) == message


class TestOptions:
    def test_window_defaults_to_the_plan(self) -> None:
        """Without start and end the plan's own period is the window."""
        plan = make_plan(("1", "Hằng tháng", ("vp",), ()))
        agenda = plan.schedule(as_of=date(2025, 9, 1))
        assert (agenda.start, agenda.end) == SEPT_TO_DEC
        assert [o.label for o in agenda] == [
            "Tháng 9/2025",
            "Tháng 10/2025",
            "Tháng 11/2025",
            "Tháng 12/2025",
        ]

    def test_reversed_window(self) -> None:
        """A window that ends before it starts is refused."""
        plan = make_plan(("1", "Thường xuyên", ("vp",), ()))
        with pytest.raises(DateRangeError):
            plan.schedule(date(2025, 12, 1), date(2025, 1, 1), as_of=date(2025, 1, 1))

    def test_sending_rule(self) -> None:
        """Another sending rule moves the reports: the 20th, Saturday 20/12 → Monday 22/12."""
        plan = make_plan(("1", "Định kỳ hàng quý", ("vp",), ()))
        agenda = plan.schedule(as_of=date(2025, 9, 1), reporting=SendingRule.day_of_last_month(20))
        assert [o.due for o in agenda] == [date(2025, 9, 22), date(2025, 12, 22)]

    def test_report_every(self) -> None:
        """Ongoing work can be reported on monthly instead of quarterly."""
        plan = make_plan(("1", "Liên tục", ("vp",), ()))
        agenda = plan.schedule(as_of=date(2025, 9, 1), report_every=Frequency.MONTH)
        assert len(agenda) == 4

    def test_calendar(self) -> None:
        """A province's day off moves a computed report deadline, not a written date."""
        plan = make_plan(("1", "Định kỳ hàng quý", ("vp",), ()), ("2", "Ngày 16/12/2025", (), ()))
        local = WorkCalendar(days_off=[date(2025, 12, 16)])
        agenda = plan.schedule(as_of=date(2025, 9, 1), calendar=local)
        dues = {(str(o.task.number), o.due, o.on_day_off) for o in agenda}
        assert ("1", date(2025, 12, 17), False) in dues
        assert ("2", date(2025, 12, 16), True) in dues

    def test_written_date_on_a_day_off_is_flagged(self) -> None:
        """A plan date on a day off keeps its day, flagged in the table with "*"."""
        plan = make_plan(("1", "Ngày 01/9/2025", ("vp",), ()))
        agenda = plan.schedule(as_of=date(2025, 8, 1))
        (occurrence,) = agenda
        assert occurrence.due == date(2025, 9, 1)
        assert occurrence.on_day_off
        assert "01/9/2025*" in to_table(agenda)
        assert occurrence.deadline is plan.tasks[0].deadline
        # The calendar event says so too, in its description (lines folded at 75 octets).
        ics = to_ics(agenda).decode("utf-8").replace("\r\n ", "")
        assert "Ngày nghỉ: thời hạn giữ nguyên như kế hoạch ghi." in ics
        assert "DTSTART;VALUE=DATE:20250901" in ics

    def test_each_rule_is_expanded_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Tasks sharing a completion time share one expansion of it."""
        calls: list[Deadline] = []
        real = schedule_module._expand

        def counting(deadline: Deadline, *args: object) -> object:
            calls.append(deadline)
            return real(deadline, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(schedule_module, "_expand", counting)
        plan = make_plan(
            *[(str(i), "Thường xuyên", ("vp",), ()) for i in range(1, 40)],
            *[(str(i), "Định kỳ hằng quý, năm", ("vp",), ()) for i in range(40, 60)],
            ("60", "Định kỳ hàng quý, năm", ("vp",), ()),
        )
        agenda = plan.schedule(as_of=date(2025, 9, 1))
        assert len(calls) == 2
        assert len(agenda) == 39 * 2 + 21 * 3


class TestUnits:
    PLAN = make_plan(
        ("1", "Năm 2025", ("vp",), ("cds",)),
        ("2", "Năm 2025", ("cds",), ()),
        ("3", "Năm 2025", ("vp",), ()),
    )

    def numbers(self, agenda: Schedule) -> list[str]:
        return [str(o.task.number) for o in agenda]

    def test_roles(self) -> None:
        """A unit's tasks: those it leads, supports, or either."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        assert self.numbers(agenda.for_unit("cds")) == ["1", "2"]
        assert self.numbers(agenda.for_unit("cds", role="lead")) == ["2"]
        assert self.numbers(agenda.for_unit("cds", role="support")) == ["1"]
        assert self.numbers(agenda.for_unit("vp", role="lead")) == ["1", "3"]

    def test_by_name(self) -> None:
        """A unit can be named instead of given by id, in any case."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        assert self.numbers(agenda.for_unit("PHÒNG CHUYỂN ĐỔI SỐ")) == ["1", "2"]

    def test_unknown(self) -> None:
        """An unknown unit is an error listing the ids."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        with pytest.raises(ScheduleError, match="cds, vp"):
            agenda.for_unit("xyz")

    def test_unknown_messages(self) -> None:
        """The message names the unit asked for, a close id when there is one, and the ids."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        with pytest.raises(ScheduleError) as raised:
            agenda.unit_id("xyz")
        assert str(raised.value) == "no unit 'xyz' in the plan (unit ids: cds, vp)"
        with pytest.raises(ScheduleError) as raised:
            agenda.unit_id("cdss")
        assert str(raised.value) == (
            "no unit 'cdss' in the plan (did you mean 'cds'? unit ids: cds, vp)"
        )

    def test_unknown_in_a_plan_without_units(self) -> None:
        """A plan that names no unit says so: "unit ids: none"."""
        plan = make_plan()
        bare = Plan(
            issuer=plan.issuer,
            number=plan.number,
            issued=plan.issued,
            title=plan.title,
            period=plan.period,
            signer=plan.signer,
            units=(),
            tasks=(),
        )
        agenda = bare.schedule(as_of=date(2025, 9, 1))
        with pytest.raises(ScheduleError) as raised:
            agenda.unit_id("vp")
        assert str(raised.value) == "no unit 'vp' in the plan (unit ids: none)"

    def test_subset_keeps_the_window(self) -> None:
        """for_unit and with_status keep the schedule's start, end and as_of."""
        agenda = self.PLAN.schedule(date(2025, 9, 1), date(2025, 12, 31), as_of=date(2025, 10, 1))
        for part in (agenda.for_unit("cds"), agenda.with_status(Status.UPCOMING)):
            assert (part.start, part.end, part.as_of) == (
                date(2025, 9, 1),
                date(2025, 12, 31),
                date(2025, 10, 1),
            )

    def test_unit_id(self) -> None:
        """An id is returned as is; a name, in any case, gives its unit's id."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        assert agenda.unit_id("cds") == "cds"
        assert agenda.unit_id("Văn phòng Sở") == "vp"
        assert agenda.unit_id("VĂN PHÒNG SỞ") == "vp"
        assert agenda.unit_id("phòng chuyển đổi số") == "cds"

    def test_unknown_role(self) -> None:
        """A role other than lead, support or any is an error listing the three."""
        agenda = self.PLAN.schedule(as_of=date(2025, 9, 1))
        with pytest.raises(ValueError, match="role must be one of") as raised:
            agenda.for_unit("vp", role="chu-tri")  # type: ignore[arg-type]
        assert str(raised.value) == "role must be one of 'lead', 'support', 'any', not 'chu-tri'"


@st.composite
def small_plans(draw: st.DrawFn) -> Plan:
    phrases = draw(st.lists(deadlines(), min_size=1, max_size=8))
    plan = make_plan()
    tasks = tuple(
        Task(number=TaskNumber((i + 1,)), title=f"Việc {i + 1}", lead=("vp",), deadline=d)
        for i, d in enumerate(phrases)
    )
    return Plan(
        issuer=plan.issuer,
        number=plan.number,
        issued=plan.issued,
        title=plan.title,
        period=plan.period,
        signer=plan.signer,
        units=plan.units,
        tasks=tasks,
    )


class TestProperties:
    @settings(deadline=None, max_examples=40)
    @given(
        small_plans(),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        st.integers(0, 400),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2031, 12, 31)),
    )
    def test_invariants(self, plan: Plan, start: date, length: int, as_of: date) -> None:
        """Occurrences lie in the window, in agenda order, and statuses match their dates."""
        end = date.fromordinal(start.toordinal() + length)
        agenda = build_schedule(plan, start, end, as_of=as_of)
        soon = CAL.add_working_days(as_of, 5)
        dated = [o for o in agenda if o.due is not None]
        assert [o.due for o in dated] == sorted(o.due for o in dated)
        for o in agenda:
            assert o.task.deadline is not None
            assert o.kind == o.task.deadline.kind
            if o.due is None:
                assert o.status in {Status.ON_EVENT, Status.UNSPECIFIED}
                continue
            assert start <= o.due <= end
            if o.kind == "ongoing":
                assert o.status is Status.ONGOING
            elif o.due < as_of:
                assert o.status is Status.OVERDUE
            elif o.due <= soon:
                assert o.status is Status.DUE_SOON
            else:
                assert o.status is Status.UPCOMING
        for task in plan.tasks:
            assert task.deadline is not None
            if task.deadline.kind in {"by_date", "by_period", "periodic"}:
                mine = {o.due for o in agenda if o.task == task}
                assert mine == set(task.deadline.due_dates(start, end))

    @settings(deadline=None, max_examples=40)
    @given(
        st.lists(
            st.tuples(deadlines(), st.lists(st.integers(1, 3), min_size=1, max_size=2)),
            min_size=1,
            max_size=8,
        ),
        st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
    )
    def test_order_of_tasks_out_of_order(
        self, rows: list[tuple[Deadline, list[int]]], as_of: date
    ) -> None:
        """The agenda is in (due day, task number, place in the plan) order, undated last,
        each task's items in the order its rule gives them, even when numbers repeat or go
        backwards (a plan validation refuses, which can still be scheduled)."""
        base = make_plan()
        tasks = tuple(
            Task(number=TaskNumber(tuple(parts)), title=f"Việc {i}", lead=("vp",), deadline=d)
            for i, (d, parts) in enumerate(rows)
        )
        plan = Plan(
            issuer=base.issuer,
            number=base.number,
            issued=base.issued,
            title=base.title,
            period=DateSpan(start=date(2025, 1, 1), end=date(2026, 12, 31)),
            signer=base.signer,
            units=base.units,
            tasks=tasks,
        )
        # Each task alone, its items in their own order, then the whole plan sorted stably.
        alone = [
            (index, o)
            for index, task in enumerate(tasks)
            for o in build_schedule(evolve(plan, tasks=(task,)), as_of=as_of)
        ]
        expected = sorted(
            alone,
            key=lambda r: (r[1].due is None, r[1].due or date.min, r[1].task.number.parts, r[0]),
        )
        got = build_schedule(plan, as_of=as_of).occurrences
        assert [(o.task, o.due, o.label, o.status) for o in got] == [
            (o.task, o.due, o.label, o.status) for _, o in expected
        ]


class TestOccurrenceBuilder:
    """``_occurrence``, build_schedule's way of making occurrences, makes what the
    constructor makes; it can only while the class has nothing for ``__init__`` to run."""

    def test_the_class_has_nothing_to_run(self) -> None:
        fields = attrs.fields(schedule_module.Occurrence)
        assert [f.name for f in fields] == [
            "task", "kind", "status", "due", "period", "label", "on_day_off"
        ]  # fmt: skip
        for f in fields:
            assert f.converter is None
            assert f.validator is None
            assert f.on_setattr is None
            assert not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        assert not hasattr(schedule_module.Occurrence, "__attrs_post_init__")
        assert not hasattr(schedule_module.Occurrence, "__attrs_pre_init__")

    @settings(deadline=None, max_examples=40)
    @given(
        st.sampled_from(list(Status)),
        st.none() | st.dates(),
        st.sampled_from([None, Period.parse("2025-Q4"), Period.parse("2026")]),
        st.text(max_size=5),
        st.booleans(),
        st.sampled_from(["by_date", "periodic", "ongoing"]),
    )
    def test_the_same_as_the_constructor(
        self,
        status: Status,
        due: date | None,
        period: Period | None,
        label: str,
        on_day_off: bool,
        kind: str,
    ) -> None:
        task = Task(number=TaskNumber((1, 2)), title="Việc", lead=("vp",))
        made = schedule_module._occurrence(task, kind, status, due, period, label, on_day_off)
        built = schedule_module.Occurrence(
            task=task,
            kind=kind,
            status=status,
            due=due,
            period=period,
            label=label,
            on_day_off=on_day_off,
        )
        assert type(made) is schedule_module.Occurrence
        assert attrs.astuple(made, recurse=False) == attrs.astuple(built, recurse=False)
        assert made == built
        assert hash(made) == hash(built)
        assert repr(made) == repr(built)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.label = "x"  # type: ignore[misc]


class TestExports:
    @pytest.fixture
    def agenda(self, seed_plan: Plan) -> Schedule:
        return seed_plan.schedule(*SEPT_TO_DEC, as_of=date(2025, 10, 15))

    def test_json_layout(self) -> None:
        """JSON is indented by two spaces and keeps Vietnamese letters as they are."""
        plan = make_plan(("1", "Ngày 13/10/2025", ("vp",), ()))
        text = to_json(plan.schedule(as_of=date(2025, 10, 1)))
        assert text.startswith('[\n  {\n    "task": "1",\n    "title": "Nhiệm vụ 1",\n')
        assert '    "lead": [\n      "Văn phòng Sở"\n    ],\n' in text
        assert text.endswith("  }\n]\n")

    def test_long_lead_cut_in_the_table(self) -> None:
        """In the text table a lead longer than 28 characters is cut to 27 and "…"."""
        plan = make_plan(("1", "Ngày 13/10/2025", ("vp", "cds"), ()))
        table = to_table(plan.schedule(as_of=date(2025, 10, 1)))
        assert "Văn phòng Sở; Phòng Chuyển …" in table  # of "...Phòng Chuyển đổi số"
        assert "Chuyển đổi" not in table

    def test_lead_outside_the_units_keeps_its_id(self) -> None:
        """A lead id the plan's units do not name is shown as the id itself."""
        plan = make_plan(("1", "Ngày 13/10/2025", ("vp", "so-tc"), ()))
        record = plan.schedule(as_of=date(2025, 10, 1)).to_records()[0]
        assert record["lead"] == ["Văn phòng Sở", "so-tc"]

    def test_json(self, agenda: Schedule) -> None:
        """JSON has one object per occurrence with exactly the documented keys."""
        data = json.loads(to_json(agenda))
        assert len(data) == len(agenda)
        assert all(
            set(item) == {"task", "title", "lead", "due", "kind", "period", "status"}
            for item in data
        )
        q4 = [d for d in data if d["task"] == "2.5" and d["period"] == "2025-Q4"]
        assert q4 == [
            {
                "task": "2.5",
                "title": "Báo cáo thực hiện kiểm soát TTHC",
                "lead": ["Văn phòng Sở"],
                "due": "2025-12-16",
                "kind": "periodic",
                "period": "2025-Q4",
                "status": "upcoming",
            }
        ]
        assert "Báo cáo" in to_json(agenda)  # Vietnamese kept readable, not \\u-escaped

    def test_csv(self, agenda: Schedule) -> None:
        """CSV has a header and one row per occurrence; units joined by "; "."""
        rows = list(csv.DictReader(io.StringIO(to_csv(agenda))))
        assert len(rows) == len(agenda)
        row = next(r for r in rows if r["task"] == "1.3" and r["period"] == "2025-Q4")
        assert row["lead"] == "Văn phòng Sở; Các phòng, đơn vị thuộc Sở"
        assert row["due"] == "2025-12-16"
        undated = next(r for r in rows if r["task"] == "2.1.1")
        assert (undated["due"], undated["status"]) == ("", "on_event")

    def test_ics(self, agenda: Schedule) -> None:
        """iCalendar: one all-day event per dated occurrence, with task number and units."""
        data = to_ics(agenda)
        cal = Calendar.from_ical(data)
        events = list(cal.walk("VEVENT"))
        dated = [o for o in agenda if o.due is not None]
        assert len(events) == len(dated)
        assert len({str(e["uid"]) for e in events}) == len(events)
        by_summary = {str(e["summary"]): e for e in events}
        event = by_summary["2.5 Báo cáo thực hiện kiểm soát TTHC – Năm 2025"]
        assert event.decoded("dtstart") == date(2025, 12, 16)
        assert "Chủ trì: Văn phòng Sở" in str(event["description"])
        assert "Định kỳ hàng quý, năm" in str(event["description"])

    def test_ics_is_reproducible(self, agenda: Schedule, seed_plan: Plan) -> None:
        """DTSTAMP is the schedule's as_of at midnight UTC, never the clock, so the same
        schedule gives the same bytes on any day; another as_of, another stamp
        (tests/mutations/16-schedule-dtstamp-from-clock.patch)."""
        text = to_ics(agenda).decode("utf-8")
        stamps = {line for line in text.splitlines() if line.startswith("DTSTAMP")}
        assert stamps == {"DTSTAMP:20251015T000000Z"}
        assert text.count("BEGIN:VEVENT") == sum(1 for o in agenda if o.due is not None) > 0
        later = seed_plan.schedule(*SEPT_TO_DEC, as_of=date(2025, 11, 3))
        later_text = to_ics(later).decode("utf-8")
        assert {ln for ln in later_text.splitlines() if ln.startswith("DTSTAMP")} == {
            "DTSTAMP:20251103T000000Z"
        }
        # Nothing else in an event depends on as_of: the UIDs are the same.
        uids = sorted(ln for ln in text.splitlines() if ln.startswith("UID"))
        assert uids == sorted(ln for ln in later_text.splitlines() if ln.startswith("UID"))

    def test_table(self, agenda: Schedule) -> None:
        """The table has a title line, a header and a line per occurrence."""
        lines = to_table(agenda).splitlines()
        assert lines[0] == "Lịch thực hiện từ 01/9/2025 đến 31/12/2025 (tính đến ngày 15/10/2025)"
        assert lines[2].split() == [
            "Hạn",
            "Trạng",
            "thái",
            "STT",
            "Kỳ",
            "Chủ",
            "trì",
            "Nội",
            "dung",
        ]
        assert len(lines) == 4 + len(agenda)
        year_report = ["16/12/2025", "Chưa", "đến", "hạn", "2.5", "Năm", "2025", "Văn", "phòng"]
        assert any(line.split()[:9] == year_report for line in lines)

    def test_empty_table(self) -> None:
        """An empty schedule says so."""
        agenda = make_plan(("1", None, ("vp",), ())).schedule(as_of=date(2025, 9, 1))
        assert "(không có nhiệm vụ nào)" in to_table(agenda)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestCommand:
    SEED = str(SEED_PLAN)

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The default output is the table over the plan's period."""
        code, out, _ = run(capsys, "schedule", self.SEED, "--as-of", "2025-10-15")
        assert code == 0
        assert out.startswith("Lịch thực hiện từ 01/9/2025 đến 31/12/2025")

    def test_json_filtered_by_unit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--unit keeps the unit's tasks; --role lead keeps those it leads."""
        code, out, _ = run(
            capsys,
            "schedule",
            self.SEED,
            "--as-of",
            "15/10/2025",
            "--unit",
            "cds",
            "--role",
            "lead",
            "--format",
            "json",
        )
        assert code == 0
        assert {item["task"] for item in json.loads(out)} == {"3.2"}

    def test_window(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--from and --to set the window."""
        code, out, _ = run(
            capsys,
            "schedule",
            self.SEED,
            "--from",
            "2025-12-01",
            "--to",
            "2025-12-31",
            "--as-of",
            "2025-12-01",
            "--format",
            "csv",
        )
        assert code == 0
        dues = {row["due"] for row in csv.DictReader(io.StringIO(out))}
        assert dues == {"2025-12-16", "2025-12-31", ""}

    @pytest.mark.parametrize("fmt", ["table", "csv", "json", "ics"])
    def test_output_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        """-o writes the same output to a file, and nothing else to the folder."""
        args = ["schedule", self.SEED, "--as-of", "2025-10-15", "--format", fmt]
        _, expected, _ = run(capsys, *args)
        target = tmp_path / f"agenda.{fmt}"
        code, out, _ = run(capsys, *args, "-o", str(target))
        assert (code, out) == (0, "")
        assert target.read_bytes().decode("utf-8") == expected
        assert [p.name for p in tmp_path.iterdir()] == [target.name]
        if fmt == "ics":  # the same bytes because the stamp is --as-of, not the clock
            stamps = {ln for ln in expected.splitlines() if ln.startswith("DTSTAMP")}
            assert stamps == {"DTSTAMP:20251015T000000Z"}

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--unit", "xyz"], "no unit 'xyz'"),
            (["--from", "2025-12-01", "--to", "2025-11-01"], "before --from"),
            (["--as-of", "31/02/2025"], "not a date"),
            (["--format", "pdf"], "invalid choice"),
            (["--rule", "every Tuesday"], "not a sending rule"),
            (["--soon", "-1"], "--soon"),
        ],
    )
    def test_usage_errors_exit_2(
        self, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        """Bad options exit 2 with a message and no traceback."""
        code, out, err = run(capsys, "schedule", self.SEED, "--as-of", "2025-10-15", *args)
        assert code == 2
        assert message in err
        assert "Traceback" not in out + err

    def test_output_to_a_missing_folder_exits_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An output path that cannot be written is a usage error."""
        target = tmp_path / "missing" / "agenda.ics"
        code, _, err = run(
            capsys, "schedule", self.SEED, "--as-of", "2025-10-15", "-o", str(target)
        )
        assert code == 2
        assert "does not exist" in err

    def test_invalid_plan_exits_1(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A plan with errors is refused with its problems, exit 1."""
        path = tmp_path / "p.toml"
        path.write_text(SEED_PLAN.read_text("utf-8").replace('lead = ["cds"]', 'lead = ["x"]'))
        code, out, err = run(capsys, "schedule", str(path), "--as-of", "2025-10-15")
        assert (code, out) == (1, "")
        assert "unknown lead unit id 'x'" in err

    def test_missing_plan_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A plan file that is not there is a usage error."""
        code, _, err = run(capsys, "schedule", str(tmp_path / "none.toml"))
        assert code == 2
        assert "no such file" in err
