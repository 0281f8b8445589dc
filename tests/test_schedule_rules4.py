"""More rules of a plan's agenda, each stated with values worked out by hand.

Written for issue 11 from the fourth whole mutation run of ``kh_tthc.schedule``: what each
kind of completion time gives (its days, period, label, day-off flag and status) under a
sending rule and a calendar of the caller's, a rule with no day in the window, and the
expansions a portfolio shares. The plan is illustrative, built by
``tests.test_schedule.make_plan``, not an agency's.
"""

from __future__ import annotations

import functools
from datetime import date

from kh_tthc import Plan, SendingRule, WorkCalendar
from kh_tthc.periods import Period, PeriodKind
from kh_tthc.schedule import Schedule, Status, build_schedule
from tests.test_schedule import make_plan

AS_OF = date(2025, 9, 1)
#: Wednesday 15/10/2025 off in this province only.
LOCAL = WorkCalendar(days_off=[date(2025, 10, 15)])
#: Reports sent on the 20th of a period's last month: Saturday 20/9 and 20/12/2025 move
#: to Monday 22/9 and 22/12.
ON_THE_20TH = SendingRule.day_of_last_month(20)


@functools.cache
def plan() -> Plan:
    return make_plan(
        ("1", "Định kỳ hàng quý; ngày 16/12/2025", ("vp",), ()),
        ("2", "Thường xuyên; khi có yêu cầu", ("vp",), ()),
        ("3", "Ngày 15 hàng tháng", ("vp",), ()),
        ("4", "Ngày 15/1 hằng năm", ("vp",), ()),
        ("5", "Thường xuyên", ("vp",), ()),
        ("6", "Quý IV/2025", ("vp",), ()),
    )


def agenda() -> Schedule:
    """The plan's agenda, worked out afresh at each call: a cached one would be filled
    before a mutant runs (mutmut forks each mutant's process from one that ran the
    tests), and no mutant of the scheduler could change it."""
    return plan().schedule(as_of=AS_OF, reporting=ON_THE_20TH, calendar=LOCAL)


def rows(task: str) -> list[tuple[date | None, Period | None, str, bool, Status]]:
    return [
        (o.due, o.period, o.label, o.on_day_off, o.status)
        for o in agenda()
        if str(o.task.number) == task
    ]


def quarter(index: int) -> Period:
    return Period(kind=PeriodKind.QUARTER, year=2025, index=index)


class TestKinds:
    def test_a_composite_sends_its_periodic_part_by_the_sending_rule(self) -> None:
        assert rows("1") == [
            (date(2025, 9, 22), None, "", False, Status.UPCOMING),
            (date(2025, 12, 16), None, "", False, Status.UPCOMING),
            (date(2025, 12, 22), None, "", False, Status.UPCOMING),
        ]

    def test_a_composite_with_no_day_is_one_undated_occurrence_on_an_event(self) -> None:
        assert rows("2") == [(None, None, "", False, Status.ON_EVENT)]

    def test_a_recurring_day_moves_off_the_callers_day_off(self) -> None:
        # 15/10 is off here, 15/11 a Saturday: the next working days, 16/10 and 17/11.
        assert rows("3") == [
            (date(2025, 9, 15), None, "", False, Status.UPCOMING),
            (date(2025, 10, 16), None, "", False, Status.UPCOMING),
            (date(2025, 11, 17), None, "", False, Status.UPCOMING),
            (date(2025, 12, 15), None, "", False, Status.UPCOMING),
        ]

    def test_a_recurring_rule_with_no_day_in_the_window_gives_nothing(self) -> None:
        assert rows("4") == []

    def test_ongoing_work_is_reported_by_the_sending_rule(self) -> None:
        assert rows("5") == [
            (date(2025, 9, 22), quarter(3), "Quý III/2025", False, Status.ONGOING),
            (date(2025, 12, 22), quarter(4), "Quý IV/2025", False, Status.ONGOING),
        ]

    def test_a_period_keeps_its_period(self) -> None:
        assert rows("6") == [
            (date(2025, 12, 31), quarter(4), "Quý IV/2025", False, Status.UPCOMING)
        ]

    def test_flags_are_booleans(self) -> None:
        assert {type(o.on_day_off) for o in agenda()} == {bool}


class TestSharedExpansions:
    def test_each_window_keeps_its_own_expansions(self) -> None:
        shared: dict = {}
        oct_ = build_schedule(
            plan(), date(2025, 10, 1), date(2025, 10, 31), as_of=AS_OF, expansions=shared
        )
        nov = build_schedule(
            plan(), date(2025, 11, 1), date(2025, 11, 30), as_of=AS_OF, expansions=shared
        )
        assert [o.due for o in oct_ if str(o.task.number) == "3"] == [date(2025, 10, 15)]
        assert [o.due for o in nov if str(o.task.number) == "3"] == [date(2025, 11, 17)]
        # One entry per window, each holding the plan's six rules.
        assert len(shared) == 2
        assert [len(rules) for rules in shared.values()] == [6, 6]
