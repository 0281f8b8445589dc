"""Report figures: derived statuses, counts, attainment, change, and their invariants."""

from __future__ import annotations

import itertools
import json
import re
import sys
from datetime import date, timedelta

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import (
    DateSpan,
    Deadline,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Period,
    Plan,
    PlanInvalid,
    Progress,
    ProgressRow,
    ProgressStatus,
    Report,
    ReportError,
    SendingRule,
    Signer,
    Task,
    TaskNumber,
    TaskStatus,
    Unit,
    load_progress,
    parse_deadline,
    report_context,
)
from kh_tthc.vn import format_percent
from tests.conftest import SEED_DIR
from tests.progress_strategies import SEED, SEED_PAIRS, _pairs, report_chains, rows_for
from tests.strategies_time import deadlines, sending_rules

Q3 = Period.quarter(2025, 3)
Q4 = Period.quarter(2025, 4)
N = TaskNumber.parse


def _task(number: str, deadline: str, lead: tuple[str, ...] = (), **kw: object) -> Task:
    return Task(
        number=N(number), title=f"Nhiệm vụ {number}", lead=lead, deadline=parse_deadline(deadline),
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


#: A small plan with every kind of completion time, to exercise the derivation rules.
PLAN = Plan(
    issuer=Organization(name="Sở Nội vụ", abbreviation="SNV", place="Hà Nội", parent="UBND TP"),
    number=DocumentNumber.parse("07/KH-SNV"),
    issued=IssueDate(year=2025, month=8, day=20),
    title="Cải cách hành chính, hiện đại hóa nền hành chính năm 2025",
    period=DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 31)),
    signer=Signer(title="Giám đốc", name="Trần Văn B"),
    units=tuple(Unit(id=i, name=f"Phòng {i.upper()}") for i in "abc"),
    tasks=(
        Task(number=N("1"), title="Nhóm một", group=True),
        _task("1.1", "Trước ngày 30/10/2025", ("a",)),
        _task("1.2", "Thường xuyên", ("a", "b"), support=("c",)),
        _task("1.3", "Trước ngày 10/9/2025", ("a",)),
        _task("1.4", "Năm 2025", ("b",),
              indicators=(Indicator(id="hs", name="Hồ sơ trực tuyến", target=200, unit="hồ sơ"),)),
        Task(number=N("2"), title="Nhóm hai", group=True),
        _task("2.1", "Định kỳ hàng quý", ("a",)),
        _task("2.2", "Thường xuyên"),
        _task("2.3", "Khi có phát sinh", ("c",)),
    ),
)  # fmt: skip


def row(task: str, unit: str, status: ProgressStatus, completed: date | None = None) -> ProgressRow:
    return ProgressRow(task=N(task), unit=unit, status=status, completed=completed)


def report(
    *rows: ProgressRow,
    as_of: date = date(2025, 12, 15),
    period: Period = Q4,
    previous: Report | None = None,
    plan: Plan = PLAN,
) -> Report:
    progress = Progress(period=period, rows=rows)
    return Report(plan=plan, period=period, progress=progress, as_of=as_of, previous=previous)


def status(r: Report, task: str) -> TaskStatus | None:
    result = r.result(task)
    return None if result is None else result.status


D, IP, NS = ProgressStatus.DONE, ProgressStatus.IN_PROGRESS, ProgressStatus.NOT_STARTED
NA, DL = ProgressStatus.NOT_APPLICABLE, ProgressStatus.DONE_LATE


class TestDueTask:
    """Task 1.1 is due 30/10/2025, inside the Quý IV window (15/9–14/12)."""

    def test_due_day_in_window(self) -> None:
        assert report().result("1.1").due == (date(2025, 10, 30),)  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [(date(2025, 10, 30), TaskStatus.NOT_REPORTED), (date(2025, 10, 31), TaskStatus.OVERDUE)],
    )
    def test_no_row(self, as_of: date, expected: TaskStatus) -> None:
        """Without a row the task is not reported until its due day has passed, then overdue."""
        assert status(report(as_of=as_of), "1.1") is expected

    @pytest.mark.parametrize("reported", [IP, NS])
    def test_unfinished_after_due_day_is_overdue(self, reported: ProgressStatus) -> None:
        assert status(report(row("1.1", "a", reported), as_of=date(2025, 11, 1)), "1.1") is (
            TaskStatus.OVERDUE
        )
        assert status(report(row("1.1", "a", reported), as_of=date(2025, 10, 20)), "1.1") is (
            TaskStatus(reported.value)
        )

    @pytest.mark.parametrize(
        ("reported", "completed", "expected"),
        [
            (D, None, TaskStatus.DONE),
            (D, date(2025, 10, 30), TaskStatus.DONE),
            (D, date(2025, 10, 31), TaskStatus.DONE_LATE),
            (DL, None, TaskStatus.DONE_LATE),
            (NA, None, TaskStatus.NOT_APPLICABLE),
        ],
    )
    def test_done_is_never_overdue(
        self, reported: ProgressStatus, completed: date | None, expected: TaskStatus
    ) -> None:
        """Done counts as done, or done late when finished after the due day."""
        r = report(row("1.1", "a", reported, completed), as_of=date(2025, 12, 15))
        assert status(r, "1.1") is expected


class TestSeveralLeads:
    """Task 1.2 is ongoing, led by units a and b, supported by c."""

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (D, D, TaskStatus.DONE),
            (D, DL, TaskStatus.DONE_LATE),
            (D, IP, TaskStatus.IN_PROGRESS),
            (D, NS, TaskStatus.IN_PROGRESS),
            (NS, NS, TaskStatus.NOT_STARTED),
            (NA, NA, TaskStatus.NOT_APPLICABLE),
            (NA, D, TaskStatus.DONE),
            (D, None, TaskStatus.NOT_REPORTED),
        ],
    )
    def test_combined(
        self, a: ProgressStatus, b: ProgressStatus | None, expected: TaskStatus
    ) -> None:
        rows = [row("1.2", "a", a)] + ([] if b is None else [row("1.2", "b", b)])
        assert status(report(*rows), "1.2") is expected

    def test_support_alone_does_not_report_for_the_leads(self) -> None:
        """A support unit's row is shown but the leads still owe theirs."""
        result = report(row("1.2", "c", D)).result("1.2")
        assert result is not None
        assert result.status is TaskStatus.NOT_REPORTED
        assert [(u.unit, u.lead, u.status) for u in result.units] == [
            ("a", True, TaskStatus.NOT_REPORTED),
            ("b", True, TaskStatus.NOT_REPORTED),
            ("c", False, TaskStatus.DONE),
        ]

    def test_ongoing_is_never_overdue(self) -> None:
        assert status(report(as_of=date(2026, 3, 1)), "1.2") is TaskStatus.NOT_REPORTED


class TestScope:
    def test_task_due_in_an_earlier_window_is_left_out(self) -> None:
        """1.3 was due 10/9 (Quý III window): without news it is not in the Quý IV report."""
        assert report().result("1.3") is None

    def test_carried_over_when_still_open(self) -> None:
        """Not done in the previous report: carried into this one, and overdue."""
        q3 = report(row("1.3", "a", IP), period=Q3, as_of=date(2025, 9, 15))
        assert status(q3, "1.3") is TaskStatus.OVERDUE
        q4 = report(previous=q3)
        result = q4.result("1.3")
        assert result is not None
        assert (result.status, result.carried_over, result.due) == (
            TaskStatus.OVERDUE,
            date(2025, 9, 10),
            (),
        )

    def test_settled_in_previous_report_stays_out(self) -> None:
        q3 = report(row("1.3", "a", D), period=Q3, as_of=date(2025, 9, 15))
        assert report(previous=q3).result("1.3") is None

    def test_late_completion_reported_now(self) -> None:
        """A row for it in this period brings it in: finished after the due day is late."""
        r = report(row("1.3", "a", D, date(2025, 9, 20)))
        assert status(r, "1.3") is TaskStatus.DONE_LATE

    def test_due_after_the_window(self) -> None:
        """ "Năm 2025" is due 31/12, after the window: in the report, not yet due."""
        result = report(row("1.4", "b", IP), as_of=date(2026, 1, 10)).result("1.4")
        assert result is not None
        assert (result.status, result.due) == (TaskStatus.IN_PROGRESS, ())

    def test_periodic_due_on_sending_day(self) -> None:
        """The Quý III report is due 16/9/2025, two working days after the 14/9 cut-off."""
        r = report(row("2.1", "a", IP), as_of=date(2025, 9, 17))
        result = r.result("2.1")
        assert result is not None
        assert (result.due, result.status) == ((date(2025, 9, 16),), TaskStatus.OVERDUE)

    def test_task_without_units_is_led_by_whoever_reports(self) -> None:
        assert status(report(row("2.2", "b", D)), "2.2") is TaskStatus.DONE
        assert status(report(), "2.2") is TaskStatus.NOT_REPORTED

    def test_headings_without_deadline_are_not_tasks(self) -> None:
        assert [str(r.number) for r in report().tasks] == ["1.1", "1.2", "1.4", "2.1", "2.2", "2.3"]


class TestErrors:
    def test_progress_for_another_period(self) -> None:
        progress = Progress(period=Q3, rows=())
        with pytest.raises(ReportError, match="the progress is for Quý III/2025, not Quý IV/2025"):
            Report(plan=PLAN, period=Q4, progress=progress, as_of=date(2025, 12, 15))

    def test_as_of_before_the_window(self) -> None:
        with pytest.raises(ReportError, match=r"before the reporting window starts \(15/9/2025"):
            report(as_of=date(2025, 9, 14))

    def test_previous_must_come_before(self) -> None:
        later = report()
        with pytest.raises(ReportError, match="does not come before"):
            report(period=Q3, as_of=date(2025, 9, 15), previous=later)

    def test_previous_of_another_plan(self) -> None:
        q3 = report(period=Q3, as_of=date(2025, 9, 15))
        other = evolve(PLAN, title="Khác")
        with pytest.raises(ReportError, match="another plan"):
            report(previous=q3, plan=other)

    def test_rows_are_checked_against_the_plan(self) -> None:
        with pytest.raises(PlanInvalid, match="unknown unit 'z'"):
            report(row("1.1", "z", D))

    def test_previous_must_be_a_report(self) -> None:
        with pytest.raises(TypeError, match="previous must be a Report"):
            Report(
                plan=PLAN,
                period=Q4,
                progress=Progress(period=Q4),
                as_of=date(2025, 12, 15),
                previous="Q3",  # type: ignore[arg-type]
            )


@pytest.fixture(scope="module")
def q4() -> Report:
    """The example Quý IV report, made on 15/12/2025, with Quý III as the previous one."""
    q3 = load_progress(SEED_DIR / "progress-2025-Q3.csv", SEED)
    previous = Report(plan=SEED, period=Q3, progress=q3, as_of=date(2025, 9, 15))
    progress = load_progress(SEED_DIR / "progress-2025-Q4.csv", SEED)
    return Report(
        plan=SEED, period=Q4, progress=progress, as_of=date(2025, 12, 15), previous=previous
    )


class TestSeedQ4:
    """Figures counted by hand from examples/.../progress-2025-Q4.csv."""

    def test_counts(self, q4: Report) -> None:
        assert q4.counts.as_dict() == {
            "done": 7,
            "done_late": 1,
            "in_progress": 10,
            "not_started": 1,
            "overdue": 0,
            "not_reported": 1,
            "not_applicable": 2,
        }
        assert format_percent(q4.completion_rate or 0) == "40%"

    def test_statuses(self, q4: Report) -> None:
        assert status(q4, "2.6.1") is TaskStatus.NOT_REPORTED  # co-pakn sent nothing
        assert status(q4, "2.5") is TaskStatus.DONE_LATE
        assert status(q4, "1.3") is TaskStatus.IN_PROGRESS  # one lead done, one in progress
        assert status(q4, "2.4") is TaskStatus.IN_PROGRESS  # no lead in the plan; cds reported
        assert [str(r.number) for r in q4.not_reported] == ["2.6.1"]
        assert q4.overdue == ()

    def test_by_unit(self, q4: Report) -> None:
        vp = next(f for f in q4.by_unit if f.unit.id == "vp")
        assert (vp.tally.total, vp.tally.done, vp.tally[TaskStatus.NOT_APPLICABLE]) == (17, 8, 1)
        assert vp.tally.completion_rate == 0.5
        soan_thao = next(f for f in q4.by_unit if f.unit.id == "soan-thao")
        assert soan_thao.tally.completion_rate is None  # its only task did not arise

    def test_by_group(self, q4: Report) -> None:
        assert [(str(g.task.number), g.tally.total, g.tally.done) for g in q4.by_group] == [
            ("1", 3, 1),
            ("2", 12, 4),
            ("3", 7, 3),
        ]

    def test_attainment(self, q4: Report) -> None:
        so_hoa, dong_bo = q4.attainment
        assert [(u.unit, u.value) for u in so_hoa.by_unit] == [("vp", 95.5), ("co-tthc", 89.5)]
        assert so_hoa.actual == 92.5
        assert so_hoa.text == "92,5% (chỉ tiêu 100%), đạt 92,5% chỉ tiêu"
        assert (dong_bo.actual, format_percent(dong_bo.ratio or 0)) == (98.7, "98,7%")

    def test_change_since_q3(self, q4: Report) -> None:
        change = q4.change
        assert change is not None
        assert change.completion_rate == pytest.approx(8 / 20 - 2 / 19)
        assert dict(change.counts)[TaskStatus.DONE] == 7 - 2
        assert [str(n) for n in change.newly_done] == ["1.1", "2.2.4", "2.3.1", "2.5", "3.1", "3.5"]

    def test_remarks(self, q4: Report) -> None:
        assert [(r.unit, str(r.task)) for r in q4.difficulties] == [
            ("co-tthc", "2.2.3"),
            ("co-tthc", "2.3.3"),
            ("vp-mot-cua", "3.3"),
            ("vp", "3.7"),
        ]
        assert len(q4.proposals) == 4

    def test_document_fields(self, q4: Report) -> None:
        assert q4.summary == (
            "Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý IV năm 2025"
        )
        assert q4.window_phrase == "từ ngày 15/9/2025 đến ngày 14/12/2025"
        assert str(q4.document_number) == "/BC-SKHCN"
        assert q4.issue_date.line("Thái Nguyên") == "Thái Nguyên, ngày    tháng 12 năm 2025"

    def test_records(self, q4: Report) -> None:
        records = q4.to_records()
        assert len(records) == 22
        rec = next(r for r in records if r["number"] == "2.3.3")
        assert rec["so-hoa"] == 92.5
        assert rec["lead"] == ["Văn phòng Sở", "Các phòng, đơn vị thuộc Sở có thủ tục hành chính"]
        assert rec["result"].startswith("Văn phòng Sở: Số hóa 1.178/1.234 hồ sơ")
        assert (rec["status"], rec["status_label"]) == ("in_progress", "đang thực hiện")

    def test_html(self, q4: Report) -> None:
        html = q4._repr_html_()
        assert html.count("<tr>") == 1 + 22
        assert "tỷ lệ hoàn thành 40%" in html

    def test_to_dict_is_json(self, q4: Report) -> None:
        import json

        data = json.loads(json.dumps(q4.to_dict()))
        assert data["window"] == {"start": "2025-09-15", "end": "2025-12-14"}
        assert data["change"]["previous"] == "2025-Q3"

    def test_frame(self, q4: Report) -> None:
        pd = pytest.importorskip("pandas")
        frame = q4.to_frame()
        assert isinstance(frame, pd.DataFrame)
        assert frame.loc["2.3.3", "so-hoa"] == 92.5


# -- properties ---------------------------------------------------------------------------------

as_of_days = st.dates(date(2025, 9, 15), date(2026, 3, 31))


class TestProperties:
    @given(rows_for(SEED, SEED_PAIRS), as_of_days)
    def test_counts_add_up_to_tasks_due(self, rows: tuple[ProgressRow, ...], as_of: date) -> None:
        """Every task with a completion time is due in the seed's Quý IV, counted once."""
        r = report(*rows, as_of=as_of, plan=SEED)
        due = sum(1 for t in SEED.tasks if t.deadline is not None)
        assert r.counts.total == due == 22
        assert sum(g.tally.total for g in r.by_group) == due

    @given(rows_for(PLAN, _pairs(PLAN)), as_of_days)
    def test_counts_add_up_small_plan(self, rows: tuple[ProgressRow, ...], as_of: date) -> None:
        """In the small plan, 1.3 (due before the window) counts only when a row names it."""
        r = report(*rows, as_of=as_of)
        due = 6 + any(x.task == N("1.3") for x in rows)
        assert r.counts.total == len(r.tasks) == due
        assert sum(n for _, n in r.counts.items()) == due

    @given(rows_for(PLAN, _pairs(PLAN)), as_of_days)
    def test_done_is_never_overdue(self, rows: tuple[ProgressRow, ...], as_of: date) -> None:
        """A unit that reports done is never overdue, nor a task all of whose leads did."""
        r = report(*rows, as_of=as_of)
        for result in r.tasks:
            for u in result.units:
                if u.row is not None and u.row.status.is_done:
                    assert u.status.is_done
            leads = [u for u in result.units if u.lead]
            if leads and all(u.row is not None and u.row.status.is_done for u in leads):
                assert result.status.is_done

    @given(rows_for(PLAN, _pairs(PLAN)), as_of_days, st.randoms(use_true_random=False))
    def test_row_order_does_not_matter(
        self, rows: tuple[ProgressRow, ...], as_of: date, rnd: object
    ) -> None:
        """Shuffling the rows changes no figure."""
        shuffled = list(rows)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        assert report(*shuffled, as_of=as_of).to_dict() == report(*rows, as_of=as_of).to_dict()

    @given(rows_for(SEED, SEED_PAIRS))
    def test_rates_are_ratios(self, rows: tuple[ProgressRow, ...]) -> None:
        r = report(*rows, plan=SEED)
        for tally in [r.counts, *(f.tally for f in r.by_unit), *(g.tally for g in r.by_group)]:
            rate = tally.completion_rate
            assert rate is None or 0 <= rate <= 1
            assert (rate is None) == (tally.applicable == 0)

    @given(rows_for(PLAN, _pairs(PLAN)), st.integers(0, 120))
    def test_later_as_of_never_undoes_overdue(
        self, rows: tuple[ProgressRow, ...], days: int
    ) -> None:
        """Time only moves tasks towards overdue: what is overdue stays overdue later."""
        early = report(*rows, as_of=date(2025, 10, 1))
        late = report(*rows, as_of=date(2025, 10, 1) + timedelta(days=days))
        assert {r.number for r in early.overdue} <= {r.number for r in late.overdue}


class TestRulesOnceUnchecked:
    """Rules a deliberate change to report.py once slipped past (issue 11); each names the
    patch in tests/mutations/ that it kills."""

    def test_not_applicable_before_is_not_carried(self) -> None:
        """A task the previous report marked "không phát sinh" is settled, not carried into
        the next period (05-report-not-applicable-carried.patch)."""
        q3 = report(row("1.3", "a", NA), period=Q3, as_of=date(2025, 9, 15))
        assert status(q3, "1.3") is TaskStatus.NOT_APPLICABLE
        q4 = report(previous=q3)
        assert q4.result("1.3") is None
        assert "1.3" not in [str(r.number) for r in q4.tasks]

    def test_count_indicator_is_summed_over_units(self) -> None:
        """Units' counts add up (hồ sơ); only a "%" indicator is averaged
        (06-report-indicator-mean.patch)."""
        count = Indicator(id="hs", name="Hồ sơ trực tuyến", target=200, unit="hồ sơ")
        share = Indicator(id="tl", name="Tỷ lệ hồ sơ đúng hạn", target=100, unit="%")
        tasks = tuple(
            evolve(t, lead=("a", "b"), indicators=(count, share)) if str(t.number) == "1.4" else t
            for t in PLAN.tasks
        )
        plan = evolve(PLAN, tasks=tasks)
        rows = [
            ProgressRow(task=N("1.4"), unit="a", status=IP, values={"hs": 120, "tl": 90}),
            ProgressRow(task=N("1.4"), unit="b", status=IP, values={"hs": 80, "tl": 70}),
        ]
        r = report(*rows, plan=plan)
        by_id = {a.indicator.id: a for a in r.attainment if str(a.task_number) == "1.4"}
        assert (by_id["hs"].actual, by_id["hs"].ratio) == (200, 1.0)
        assert (by_id["tl"].actual, by_id["tl"].ratio) == (80, 0.8)

    def test_overdue_before_is_not_newly_overdue(self) -> None:
        """A task overdue in the previous report and still overdue is not "newly" overdue
        (07-report-newly-overdue-ignores-previous.patch)."""
        q3 = report(row("1.3", "a", IP), period=Q3, as_of=date(2025, 9, 15))
        assert status(q3, "1.3") is TaskStatus.OVERDUE
        q4 = report(row("1.1", "a", IP), previous=q3)
        assert status(q4, "1.3") is TaskStatus.OVERDUE
        assert status(q4, "1.1") is TaskStatus.OVERDUE
        change = q4.change
        assert change is not None
        assert [str(n) for n in change.newly_overdue] == ["1.1", "2.1"]

    def test_top_level_task_that_is_not_a_group_is_counted(self) -> None:
        """A top-level row with its own deadline is its own heading in by_group
        (08-report-by-group-drops-top-tasks.patch)."""
        plan = evolve(PLAN, tasks=(*PLAN.tasks, _task("3", "Trước ngày 30/10/2025", ("a",))))
        r = report(row("3", "a", D), plan=plan)
        groups = {str(g.task.number): g.tally for g in r.by_group}
        assert list(groups) == ["1", "2", "3"]
        assert (groups["3"].total, groups["3"][TaskStatus.DONE]) == (1, 1)
        assert sum(t.total for t in groups.values()) == r.counts.total


#: The plan over two years, so that any period of 2025 is inside it.
LONG_PLAN = evolve(PLAN, period=DateSpan(start=date(2025, 1, 1), end=date(2026, 12, 31)))


class TestPeriodPhrases:
    """How a report names its period in a sentence and in the appendix title (Nghị định
    09/2019/NĐ-CP, Điều 12: monthly, quarterly, half-yearly and yearly reports)."""

    @pytest.mark.parametrize(
        ("period", "phrase"),
        [
            (Period.half(2025, 1), "6 tháng đầu năm 2025"),
            (Period.half(2025, 2), "6 tháng cuối năm 2025"),
            (Period.year_of(2025), "năm 2025"),
            (Period.quarter(2025, 2), "quý II năm 2025"),
            (Period.month(2025, 2), "tháng 02 năm 2025"),
            # Nghị định 30/2020/NĐ-CP, Phụ lục I: a 0 before months 1 and 2 only.
            (Period.month(2025, 3), "tháng 3 năm 2025"),
            (Period.month(2025, 11), "tháng 11 năm 2025"),
        ],
    )
    def test_phrase(self, period: Period, phrase: str) -> None:
        r = report(period=period, as_of=period.end, plan=LONG_PLAN)
        assert r.period_phrase == phrase
        context = report_context(r)
        assert context["appendix_title"] == f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ {phrase.upper()}"
        assert f"báo cáo kết quả thực hiện {phrase} (số liệu" in context["body"][0]["text"]


class TestDocumentFields:
    def test_number_and_subject_given(self) -> None:
        progress = Progress(period=Q4, rows=())
        r = Report(
            plan=PLAN, period=Q4, progress=progress, as_of=date(2025, 12, 15),
            number=DocumentNumber.parse("15/BC-SNV"), title="  cải cách hành chính  ",
        )  # fmt: skip
        assert (str(r.document_number), r.subject) == ("15/BC-SNV", "cải cách hành chính")
        assert (str(report().document_number), report().subject) == (
            "/BC-SNV",
            "cải cách hành chính",
        )

    def test_previous_must_be_a_report(self) -> None:
        with pytest.raises(TypeError, match="previous"):
            Report(
                plan=PLAN, period=Q4, progress=Progress(period=Q4, rows=()),
                as_of=date(2025, 12, 15), previous=Progress(period=Q3, rows=()),  # type: ignore[arg-type]
            )  # fmt: skip

    def test_indicator_without_values(self) -> None:
        (a,) = [a for a in report().attainment if a.indicator.id == "hs"]
        assert (a.actual, a.ratio, a.text) == (None, None, "chưa có số liệu")

    def test_same_rate_as_before(self) -> None:
        """Nothing done in either quarter: the rate is the same, and the text says so."""
        q3 = report(period=Q3, as_of=date(2025, 9, 15))
        q4 = report(previous=q3)
        change = q4.change
        assert change is not None
        assert (q3.counts.completion_rate, change.completion_rate) == (0.0, 0.0)
        general = [b["text"] for b in report_context(q4)["body"] if "Chưa có nhiệm vụ" in b["text"]]
        assert len(general) == 1
        assert "Chưa có nhiệm vụ hoàn thành, bằng quý III năm 2025." in general[0]


Scenario = tuple[Plan, list[tuple[Period, Progress, date]]]


def _chain(plan: Plan, chain: list[tuple[Period, Progress, date]]) -> list[Report]:
    reports: list[Report] = []
    for period, progress, as_of in chain:
        previous = reports[-1] if reports else None
        reports.append(
            Report(plan=plan, period=period, progress=progress, as_of=as_of, previous=previous)
        )
    return reports


class TestChainProperties:
    """Figures over generated plans and chains of consecutive quarterly reports, each
    compared with the one before: the invariants are worked out here from the results."""

    @given(report_chains())
    def test_totals_add_up(self, scenario: Scenario) -> None:
        plan, chain = scenario
        for r in _chain(plan, chain):
            assert r.counts.total == len(r.tasks) == sum(n for _, n in r.counts.items())
            assert sum(g.tally.total for g in r.by_group) == r.counts.total
            assert {str(g.task.number) for g in r.by_group} <= {
                str(t.number) for t in plan.children()
            }
            for result in r.tasks:
                leads = [u for u in result.units if u.lead]
                if leads and all(u.row is not None and u.row.status.is_done for u in leads):
                    assert result.status.is_done

    @given(report_chains())
    def test_change_is_told_against_the_previous_report(self, scenario: Scenario) -> None:
        plan, chain = scenario
        reports = _chain(plan, chain)
        assert reports[0].change is None
        for before, now in itertools.pairwise(reports):
            change = now.change
            assert change is not None
            assert change.previous == before.period
            assert dict(change.counts) == {s: now.counts[s] - before.counts[s] for s in TaskStatus}

            def old(n: TaskNumber, before: Report = before) -> TaskStatus | None:
                result = before.result(str(n))
                return None if result is None else result.status

            overdue = TaskStatus.OVERDUE
            assert list(change.newly_overdue) == [
                r.number for r in now.tasks if r.status is overdue and old(r.number) is not overdue
            ]
            assert list(change.newly_done) == [
                r.number
                for r in now.tasks
                if r.status.is_done and not (old(r.number) or TaskStatus.NOT_REPORTED).is_done
            ]
            assert list(change.resolved) == [
                r.number for r in now.tasks if r.status.is_done and old(r.number) is overdue
            ]

    @given(report_chains())
    def test_carried_over_only_while_open(self, scenario: Scenario) -> None:
        """A task due before the window is in the report only with a row now, or when the
        previous report left it open (not done, not "không phát sinh")."""
        plan, chain = scenario
        reports = _chain(plan, chain)
        for before, now in itertools.pairwise(reports):
            for r in now.tasks:
                if r.carried_over is None:
                    continue
                assert r.carried_over < now.window.start
                earlier = before.result(str(r.number))
                settled = earlier is not None and (
                    earlier.status.is_done or earlier.status is TaskStatus.NOT_APPLICABLE
                )
                assert r.rows or (earlier is not None and not settled)

    @given(report_chains())
    def test_attainment_sums_counts_and_averages_shares(self, scenario: Scenario) -> None:
        plan, chain = scenario
        for r in _chain(plan, chain):
            for a in r.attainment:
                values = [u.value for u in a.by_unit]
                if not values:
                    assert a.actual is None
                elif a.indicator.unit == "%":
                    assert a.actual == pytest.approx(sum(values) / len(values))
                else:
                    assert a.actual == pytest.approx(sum(values))


class TestDueDaysKept:
    """A report takes each task's due days from a cache kept by the rule, the window, the
    calendar and the sending rule (the plans of a portfolio repeat their completion
    times): the days are those the rule gives."""

    @given(
        deadlines(),
        st.dates(date(2024, 1, 1), date(2027, 12, 31)),
        st.integers(0, 400),
        st.none() | sending_rules(),
    )
    def test_the_days_the_rule_gives(
        self, deadline: Deadline, start: date, days: int, rule: SendingRule | None
    ) -> None:
        from kh_tthc.calendar import WorkCalendar
        from kh_tthc.report import _due_dates

        end = start + timedelta(days=days)
        calendar = WorkCalendar()
        expected = tuple(deadline.due_dates(start, end, calendar=calendar, reporting=rule))
        assert _due_dates(deadline, start, end, calendar, rule) == expected
        assert _due_dates(deadline, start, end, calendar, rule) == expected  # kept


class TestDueDaysOfTheReport:
    """The report's due days follow its sending rule and its calendar (Decree 09's
    default: two working days after the cut-off). Task 2.1 ("Định kỳ hàng quý") is due in
    Q4's window for the Q3 report, whose cut-off ends on Sunday 14/9/2025."""

    def _due(self, **options: object) -> tuple[date, ...]:
        made = Report(
            plan=PLAN,
            period=Q4,
            progress=Progress(period=Q4),
            as_of=date(2025, 12, 15),
            **options,  # type: ignore[arg-type]
        )
        result = made.result("2.1")
        assert result is not None
        return result.due

    def test_the_default_rule(self) -> None:
        assert self._due() == (date(2025, 9, 16),)  # Monday 15, Tuesday 16

    def test_the_rule_given(self) -> None:
        # Day 20 of September 2025 is a Saturday: the next working day, Monday 22.
        assert self._due(reporting=SendingRule.day_of_last_month(20)) == (date(2025, 9, 22),)

    def test_the_calendar_given(self) -> None:
        from kh_tthc.calendar import WorkCalendar

        local = WorkCalendar(days_off=[date(2025, 9, 15)])  # Monday 15/9 off locally
        assert self._due(calendar=local) == (date(2025, 9, 17),)


class TestFigures:
    """Counts refused and figures written as a báo cáo writes them."""

    def test_counts_of_every_status_and_none_negative(self) -> None:
        from kh_tthc.report import Tally

        zeros = (0,) * len(TaskStatus)
        assert Tally(counts=zeros).total == 0
        for counts in (zeros[1:], (*zeros[1:], -1)):
            message = f"expected {len(TaskStatus)} counts of 0 or more, got {counts}"
            with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
                Tally(counts=counts)

    def test_a_count_written_with_its_unit_after_a_space(self) -> None:
        from kh_tthc.report import Attainment, UnitValue

        def text(unit: str) -> str:
            indicator = Indicator(id="hs", name="Hồ sơ trực tuyến", target=200, unit=unit)
            values = (UnitValue(unit="a", value=100, ratio=0.5),
                      UnitValue(unit="b", value=50, ratio=0.25))  # fmt: skip
            return Attainment(task_number=N("1.4"), indicator=indicator, by_unit=values).text

        assert text("hồ sơ") == "150 hồ sơ (chỉ tiêu 200 hồ sơ), đạt 75% chỉ tiêu"
        assert text("") == "150 (chỉ tiêu 200), đạt 75% chỉ tiêu"
        assert text("%") == "75% (chỉ tiêu 200%), đạt 37,5% chỉ tiêu"


class TestSupportUnits:
    """Support units' own statuses (late, overdue) and rows, and a task led by nobody."""

    PLAN_2 = evolve(
        PLAN,
        tasks=(
            *PLAN.tasks,
            _task("2.4", "Trước ngày 30/10/2025", ("a",), support=("b", "c")),
            _task("2.5", "Trước ngày 30/10/2025", support=("c",)),
        ),
    )

    def _report(self) -> Report:
        return report(
            row("2.1", "a", ProgressStatus.DONE, date(2025, 12, 1)),
            row("2.4", "a", ProgressStatus.DONE, date(2025, 10, 20)),
            row("2.4", "b", ProgressStatus.IN_PROGRESS),
            row("2.4", "c", ProgressStatus.DONE, date(2025, 11, 5)),
            row("2.5", "c", ProgressStatus.DONE, date(2025, 10, 1)),
            plan=self.PLAN_2,
        )

    def test_support_statuses_against_the_due_day(self) -> None:
        result = self._report().result("2.4")
        assert result is not None
        assert result.status is TaskStatus.DONE  # the lead's row decides
        assert [(u.unit, u.lead, u.status) for u in result.units] == [
            ("a", True, TaskStatus.DONE),
            ("b", False, TaskStatus.OVERDUE),  # still in progress after 30/10
            ("c", False, TaskStatus.DONE_LATE),  # done on 5/11, after 30/10
        ]
        assert [r.unit for r in result.rows] == ["a", "b", "c"]

    def test_a_task_with_support_and_no_lead_is_nobodys_report(self) -> None:
        # Only a task whose row names no unit at all is led by whoever reported.
        result = self._report().result("2.5")
        assert result is not None
        assert result.status is TaskStatus.OVERDUE
        assert [(u.unit, u.lead) for u in result.units] == [("c", False)]

    def test_a_periodic_task_done_after_its_sending_day_is_not_late(self) -> None:
        # Only dated tasks (a day, a period) can be done late; 2.1 is sent each quarter.
        assert status(self._report(), "2.1") is TaskStatus.DONE


def test_csv_for_excel_starts_with_a_byte_order_mark() -> None:
    """Excel reads UTF-8 CSV as such only after a byte-order mark."""
    text = report().to_csv()
    assert text.startswith("\ufeff")
    assert text.count("\ufeff") == 1


# -- the report's exports, in full ----------------------------------------------------------

#: A title of 68 characters: one more than the table leaves for it at the default width.
TITLE_68 = "Rà soát, đánh giá quy định, thủ tục hành chính thuộc phạm vi của Sở."


def _exported(plan: Plan = PLAN) -> Report:
    """Quý IV/2025 on PLAN, made on 15/12/2025, after a Quý III report (made 15/9/2025) in
    which 1.3 was overdue. Illustrative rows, one of each thing the exports write:

    * 1.1 done on 20/10 (due 30/10): done; 1.2 ongoing, both leads in progress, each with a
      result, a's row with a difficulty, b's with a proposal;
    * 1.3 (due 10/9, before the window) done on 6/10: carried over, done late, resolved;
    * 1.4 ("Năm 2025", due 31/12, after the window) in progress with 150 of 200 hồ sơ;
    * 2.1 (quarterly: the Quý III report due 16/9, in the window) no row: overdue;
    * 2.2 (no unit, no row): not reported; 2.3 (on event): "không phát sinh";
    * one general difficulty and one general proposal.

    Quý III (window from the plan's start 1/9 to 14/9): 1.3 overdue, the six others not
    reported, none done.
    """
    q3 = report(row("1.3", "a", IP), period=Q3, as_of=date(2025, 9, 15), plan=plan)
    rows = (
        ProgressRow(task=N("1.1"), unit="a", status=D, completed=date(2025, 10, 20),
                    result="Đã ban hành kế hoạch"),
        ProgressRow(task=N("1.2"), unit="a", status=IP, result="Đang rà soát",
                    difficulty="Thiếu nhân lực"),
        ProgressRow(task=N("1.2"), unit="b", status=IP, result="Đã rà soát 5 thủ tục",
                    proposal="Bổ sung kinh phí"),
        ProgressRow(task=N("1.3"), unit="a", status=D, completed=date(2025, 10, 6)),
        ProgressRow(task=N("1.4"), unit="b", status=IP, values={"hs": 150}),
        ProgressRow(task=N("2.3"), unit="c", status=NA),
    )  # fmt: skip
    progress = Progress(
        period=Q4, rows=rows, difficulties=("Hệ thống chậm",), proposals=("Tập huấn thêm",)
    )
    return Report(plan=plan, period=Q4, progress=progress, as_of=date(2025, 12, 15), previous=q3)


def _counts_of(**counts: int) -> dict[str, int]:
    return {s.value: counts.get(s.value, 0) for s in TaskStatus}


def _task_record(
    number: str, lead: str, status: str, label: str, **kw: object
) -> dict[str, object]:
    ids = [u for u in lead.split(",") if u]
    record: dict[str, object] = {
        "number": number,
        "title": f"Nhiệm vụ {number}",
        "group": number.split(".")[0],
        "lead_ids": ids,
        "lead": [f"Phòng {u.upper()}" for u in ids],
        "status": status,
        "status_label": label,
        "due": [],
        "overdue": False,
        "reported": True,
        "completed": None,
        "result": "",
    }
    record.update(kw)
    return record


class TestExports:
    """Every key and value of to_dict, the JSON layout, the HTML and text tables, counted
    by hand from `_exported`'s rows."""

    def test_to_dict(self) -> None:
        assert _exported().to_dict() == {
            "plan": "07/KH-SNV",
            "plan_title": "Cải cách hành chính, hiện đại hóa nền hành chính năm 2025",
            "period": "2025-Q4",
            "period_label": "Quý IV/2025",
            "window": {"start": "2025-09-15", "end": "2025-12-14"},
            "as_of": "2025-12-15",
            "counts": _counts_of(
                done=1, done_late=1, in_progress=2, overdue=1, not_reported=1, not_applicable=1
            ),
            "total": 7,
            "completion_rate": 2 / 6,
            "by_unit": [
                {
                    "unit": "a",
                    "name": "Phòng A",
                    "counts": _counts_of(done=1, done_late=1, in_progress=1, overdue=1),
                    "total": 4,
                    "completion_rate": 2 / 4,
                },
                {
                    "unit": "b",
                    "name": "Phòng B",
                    "counts": _counts_of(in_progress=2),
                    "total": 2,
                    "completion_rate": 0.0,
                },
                {
                    "unit": "c",
                    "name": "Phòng C",
                    "counts": _counts_of(not_applicable=1),
                    "total": 1,
                    "completion_rate": None,
                },
            ],
            "by_group": [
                {
                    "number": "1",
                    "title": "Nhóm một",
                    "counts": _counts_of(done=1, done_late=1, in_progress=2),
                    "total": 4,
                    "completion_rate": 2 / 4,
                },
                {
                    "number": "2",
                    "title": "Nhóm hai",
                    "counts": _counts_of(overdue=1, not_reported=1, not_applicable=1),
                    "total": 3,
                    "completion_rate": 0.0,
                },
            ],
            "overdue": ["2.1"],
            "attainment": [
                {
                    "task": "1.4",
                    "indicator": "hs",
                    "name": "Hồ sơ trực tuyến",
                    "target": 200,
                    "unit": "hồ sơ",
                    "actual": 150,
                    "ratio": 0.75,
                    "by_unit": [{"unit": "b", "value": 150, "ratio": 0.75}],
                }
            ],
            "difficulties": [
                {"text": "Hệ thống chậm", "unit": None, "unit_name": None, "task": None},
                {"text": "Thiếu nhân lực", "unit": "a", "unit_name": "Phòng A", "task": "1.2"},
            ],
            "proposals": [
                {"text": "Tập huấn thêm", "unit": None, "unit_name": None, "task": None},
                {"text": "Bổ sung kinh phí", "unit": "b", "unit_name": "Phòng B", "task": "1.2"},
            ],
            "change": {
                "previous": "2025-Q3",
                "completion_rate": 2 / 6 - 0 / 7,
                # Quý III: 1 overdue, 6 not reported.
                "counts": _counts_of(
                    done=1, done_late=1, in_progress=2, not_reported=1 - 6, not_applicable=1
                ),
                "newly_done": ["1.1", "1.3"],
                "newly_overdue": ["2.1"],
                "resolved": ["1.3"],
            },
            "tasks": [
                _task_record(
                    "1.1", "a", "done", "đã hoàn thành", due=["2025-10-30"],
                    completed="2025-10-20", result="Đã ban hành kế hoạch",
                ),
                _task_record(
                    "1.2", "a,b", "in_progress", "đang thực hiện",
                    result="Phòng A: Đang rà soát\nPhòng B: Đã rà soát 5 thủ tục",
                ),
                _task_record("1.3", "a", "done_late", "hoàn thành quá hạn", completed="2025-10-06"),
                _task_record("1.4", "b", "in_progress", "đang thực hiện", hs=150),
                _task_record(
                    "2.1", "a", "overdue", "quá hạn", due=["2025-09-16"], overdue=True,
                    reported=False,
                ),
                _task_record("2.2", "", "not_reported", "chưa báo cáo", reported=False),
                _task_record("2.3", "c", "not_applicable", "không phát sinh"),
            ],
        }  # fmt: skip

    def test_change_is_null_without_previous(self) -> None:
        assert report().to_dict()["change"] is None

    def test_json_layout(self) -> None:
        """to_json is to_dict indented by two spaces, Vietnamese letters kept, one final
        newline."""
        r = _exported()
        text = r.to_json()
        assert text.startswith(
            "{\n"
            '  "plan": "07/KH-SNV",\n'
            '  "plan_title": "Cải cách hành chính, hiện đại hóa nền hành chính năm 2025",\n'
            '  "period": "2025-Q4",\n'
            '  "period_label": "Quý IV/2025",\n'
            '  "window": {\n'
            '    "start": "2025-09-15",\n'
            '    "end": "2025-12-14"\n'
            "  },\n"
        )
        assert text.endswith("\n  ]\n}\n")
        assert json.loads(text) == r.to_dict()

    def test_html(self) -> None:
        """The summary line over the task table; several leads and several results are
        put on lines of their own with <br>."""
        assert _exported()._repr_html_() == (
            "<p><b>Kết quả thực hiện Kế hoạch cải cách hành chính quý IV năm 2025</b><br>"
            "từ ngày 15/9/2025 đến ngày 14/12/2025, số liệu đến ngày 15/12/2025<br>"
            "7 nhiệm vụ; đã hoàn thành: 1; hoàn thành quá hạn: 1; đang thực hiện: 2; "
            "quá hạn: 1; chưa báo cáo: 1; không phát sinh: 1; tỷ lệ hoàn thành 33,3%</p>"
            "<table><thead><tr><th>STT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th>"
            "<th>Kết quả</th><th>Tình trạng</th></tr></thead><tbody>"
            "<tr><td>1.1</td><td>Nhiệm vụ 1.1</td><td>Phòng A</td>"
            "<td>Đã ban hành kế hoạch</td><td>đã hoàn thành</td></tr>"
            "<tr><td>1.2</td><td>Nhiệm vụ 1.2</td><td>Phòng A<br>Phòng B</td>"
            "<td>Phòng A: Đang rà soát<br>Phòng B: Đã rà soát 5 thủ tục</td>"
            "<td>đang thực hiện</td></tr>"
            "<tr><td>1.3</td><td>Nhiệm vụ 1.3</td><td>Phòng A</td><td></td>"
            "<td>hoàn thành quá hạn</td></tr>"
            "<tr><td>1.4</td><td>Nhiệm vụ 1.4</td><td>Phòng B</td><td></td>"
            "<td>đang thực hiện</td></tr>"
            "<tr><td>2.1</td><td>Nhiệm vụ 2.1</td><td>Phòng A</td><td></td><td>quá hạn</td></tr>"
            "<tr><td>2.2</td><td>Nhiệm vụ 2.2</td><td></td><td></td><td>chưa báo cáo</td></tr>"
            "<tr><td>2.3</td><td>Nhiệm vụ 2.3</td><td>Phòng C</td><td></td>"
            "<td>không phát sinh</td></tr>"
            "</tbody></table>"
        )

    def test_html_without_applicable_task(self) -> None:
        """When no task applied there is no rate: a dash."""
        plan = evolve(PLAN, tasks=tuple(t for t in PLAN.tasks if str(t.number) in ("2", "2.3")))
        html = report(row("2.3", "c", NA), plan=plan)._repr_html_()
        assert "<br>1 nhiệm vụ; không phát sinh: 1; tỷ lệ hoàn thành —</p>" in html

    def test_table_title_width(self) -> None:
        """Number, status and lead columns take 3 + 18 + 16 and two spaces after each (43):
        of the default width 110, 67 are left for the title; of 60, the least, 20."""
        tasks = tuple(
            evolve(t, title=TITLE_68) if str(t.number) == "1.1" else t for t in PLAN.tasks
        )
        r = _exported(evolve(PLAN, tasks=tasks))
        line = "1.1  đã hoàn thành       Phòng A           "
        assert line + "Rà soát, đánh giá quy định, thủ tục hành chính thuộc phạm vi của S…\n" in (
            r.to_table()
        )
        assert line + "Rà soát, đánh giá q…\n" in r.to_table(width=60)

    def test_records_group_and_overdue(self) -> None:
        """``group`` is the first part of the number; ``overdue`` says whether the status is."""
        records = {rec["number"]: rec for rec in _exported().to_records()}
        assert [(n, rec["group"], rec["overdue"]) for n, rec in records.items()] == [
            ("1.1", "1", False),
            ("1.2", "1", False),
            ("1.3", "1", False),
            ("1.4", "1", False),
            ("2.1", "2", True),
            ("2.2", "2", False),
            ("2.3", "2", False),
        ]

    def test_to_frame_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, to_frame says which method needs it and how to install it."""
        monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` fails
        with pytest.raises(ModuleNotFoundError) as info:
            report().to_frame()
        assert str(info.value) == "Report.to_frame needs pandas: pip install 'kh-tthc[pandas]'"


class TestMutationRound4:
    """Rules the fourth whole mutation run (issue 11) found unchecked: the exact messages
    for wrong arguments, a previous report of the same period, the plan's own sending
    rule, and windows at the plan's edges."""

    @pytest.mark.parametrize(
        ("given", "message"),
        [
            (
                {"plan": 42},
                "Report.plan: expected a Plan such as load_plan(...), got the number 42",
            ),
            (
                {"progress": 42},
                "Report.progress: expected a Progress such as load_progress(...), "
                "got the number 42",
            ),
            (
                {"period": 42},
                "Report.period: expected a Period or its text such as '2026-Q1' or "
                "'Quý I/2026', got the number 42",
            ),
            ({"previous": "Q3"}, "previous must be a Report, got str"),
        ],
    )
    def test_wrong_argument_messages(self, given: dict[str, object], message: str) -> None:
        args: dict[str, object] = {
            "plan": PLAN,
            "period": Q4,
            "progress": Progress(period=Q4),
            "as_of": date(2025, 12, 15),
        }
        with pytest.raises(TypeError) as info:
            Report(**{**args, **given})  # type: ignore[arg-type]
        assert str(info.value) == message

    def test_previous_of_another_plan_message(self) -> None:
        q3 = report(period=Q3, as_of=date(2025, 9, 15))
        with pytest.raises(ReportError) as info:
            report(previous=q3, plan=evolve(PLAN, title="Khác"))
        assert str(info.value) == "the previous report is for another plan"

    def test_previous_of_the_same_period(self) -> None:
        with pytest.raises(ReportError) as info:
            report(previous=report())
        assert str(info.value) == (
            "the previous report is for Quý IV/2025, which does not come before Quý IV/2025"
        )

    def test_the_plans_sending_rule(self) -> None:
        """With no rule given, the plan's own: day 20 of September 2025 is a Saturday, so
        the Quý III report of task 2.1 is due on Monday 22/9 (not 16/9, the default's)."""
        plan = evolve(PLAN, reporting=SendingRule.day_of_last_month(20))
        result = report(plan=plan).result("2.1")
        assert result is not None
        assert result.due == (date(2025, 9, 22),)

    def test_due_the_day_before_the_window(self) -> None:
        """Due on 14/9/2025, the last day before the Quý IV window (15/9): settled in the
        Quý III window, so without news it is not in the Quý IV report."""
        plan = evolve(PLAN, tasks=(*PLAN.tasks, _task("2.4", "Trước ngày 14/9/2025", ("a",))))
        assert [str(t.number) for t in report(plan=plan).tasks] == [
            "1.1", "1.2", "1.4", "2.1", "2.2", "2.3",
        ]  # fmt: skip

    def test_window_meeting_the_plan_on_its_last_day(self) -> None:
        """A plan ending 15/12/2025, the first day of the Quý I/2026 window: a task due that
        day is due in the window; one due the day after (past the plan's end) is due in no
        window, earlier or this one, and stays in the report with no due day."""
        q1 = Period.quarter(2026, 1)
        plan = evolve(
            PLAN,
            period=DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 15)),
            tasks=(
                *PLAN.tasks,
                _task("2.4", "Trước ngày 15/12/2025", ("a",)),
                _task("2.5", "Trước ngày 16/12/2025", ("a",)),
            ),
        )
        made = report(plan=plan, period=q1, as_of=date(2026, 3, 15))
        assert [(str(t.number), t.due) for t in made.tasks if t.number.parts[0] == 2] == [
            ("2.1", ()),
            ("2.2", ()),
            ("2.3", ()),
            ("2.4", (date(2025, 12, 15),)),
            ("2.5", ()),
        ]
