"""Rules of the báo cáo's context that mutation testing (issue 11, fourth whole run) found
unchecked: the change in the completion rate as the first paragraph words it, the plan's
headings above a deep task, leads the plan does not declare, "Như trên" when the báo
cáo has addressees, and the field a RenderWarning names.

Plans, rows and titles here are ILLUSTRATIVE (built on `tests.test_report.PLAN`), quoting
no document. No DOCX is rendered: these tests are fast.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from attrs import evolve

from kh_tthc import (
    Plan,
    Progress,
    ProgressRow,
    RenderWarning,
    Report,
    Task,
    Unit,
    report_context,
)
from kh_tthc.render.report_context import general_paragraph, result_rows
from tests.test_render_context_full import TAIL, _put
from tests.test_report import NA, PLAN, Q3, Q4, D, N, _task, report, row

BAD = "\x01"


@functools.cache
def _eleven() -> Plan:
    """Eleven ongoing tasks 1 to 11, each led by Phòng A: each is in every report."""
    tasks = tuple(_task(str(n), "Thường xuyên", ("a",)) for n in range(1, 12))
    return evolve(PLAN, tasks=tasks)


def _change(q3_rows: tuple[ProgressRow, ...], q4_rows: tuple[ProgressRow, ...]) -> str:
    """The end of the Quý IV first paragraph's rate sentence, after the Quý III report."""
    q3 = report(*q3_rows, period=Q3, as_of=date(2025, 9, 15), plan=_eleven())
    text = general_paragraph(report(*q4_rows, previous=q3, plan=_eleven()))
    return text.split(" nhiệm vụ phát sinh trong kỳ)")[1].split(". Kết quả")[0]


class TestRateChange:
    def test_same_rate(self) -> None:
        """None done in either quarter: 0% both times, "bằng" the previous quarter."""
        q3 = report(period=Q3, as_of=date(2025, 9, 15), plan=_eleven())
        text = general_paragraph(report(previous=q3, plan=_eleven()))
        assert "Chưa có nhiệm vụ hoàn thành, bằng quý III năm 2025." in text

    def test_up_less_than_one_point(self) -> None:
        """1 of 11 done (9,09%), then 1 of 10 (one task "không phát sinh"): 10%, up 0,91
        points, written 0,9."""
        q4 = (row("1", "a", D), row("2", "a", NA))
        assert _change((row("1", "a", D),), q4) == (
            ", tăng 0,9 điểm phần trăm so với quý III năm 2025"
        )

    def test_rounded_once(self) -> None:
        """0 of 11 done, then 5 of 11: 45,4545... points, rounded once to one decimal:
        45,5 (not 45,45 rounded again, half to even, to 45,4)."""
        q4 = tuple(row(str(n), "a", D) for n in range(1, 6))
        assert _change((), q4) == ", tăng 45,5 điểm phần trăm so với quý III năm 2025"


def test_headings_above_a_deep_task() -> None:
    """A task three levels down (3.1.1) brings both its headings, 3 and 3.1, into the
    appendix table."""
    tasks = (
        *PLAN.tasks,
        Task(number=N("3"), title="Nhóm ba", group=True),
        Task(number=N("3.1"), title="Nhóm ba một", group=True),
        _task("3.1.1", "Thường xuyên", ("a",)),
    )
    rows = result_rows(report(plan=evolve(PLAN, tasks=tasks)))
    assert [(r["number"], r["kind"]) for r in rows[-3:]] == [
        ("3.", "group"),
        ("3.1", "subgroup"),
        ("3.1.1", "task"),
    ]


def test_a_lead_the_plan_does_not_declare() -> None:
    """A lead id that names none of the plan's units is printed as it is."""
    tasks = (*PLAN.tasks, _task("3", "Thường xuyên", ("so-tc",)))
    rows = result_rows(report(plan=evolve(PLAN, tasks=tasks)))
    assert (rows[-1]["number"], rows[-1]["lead"]) == ("3.", "so-tc")


def test_as_above_first_when_sent_to_addressees() -> None:
    made = Report(
        plan=PLAN,
        period=Q4,
        progress=Progress(period=Q4),
        as_of=date(2025, 12, 15),
        addressees=("UBND thành phố Hà Nội",),
    )
    assert report_context(made)["recipients"] == ["- Như trên;", "- Lưu: VT."]


def test_title_ending_in_a_roman_numeral() -> None:
    """Only the plan title's full stop goes from the first sentence, not a last "X"."""
    plan = evolve(PLAN, title="Thực hiện Nghị quyết Đại hội lần thứ XX.")
    body = report_context(report(plan=plan))["body"]
    assert body[0]["text"].startswith(
        "Thực hiện Kế hoạch số 07/KH-SNV ngày 20 tháng 8 năm 2025 của Sở Nội vụ về thực hiện "
        "Nghị quyết Đại hội lần thứ XX, Sở Nội vụ báo cáo"
    )


def _made() -> tuple[Report, Plan, tuple[Task, ...], tuple[Unit, ...], ProgressRow]:
    """Quý IV on a copy of PLAN whose units and tasks are this test's own: 1.1 done with a
    result, 1.2 reported by Phòng A alone (Phòng B, its other lead, has not)."""
    units = tuple(Unit(id=u.id, name=u.name) for u in PLAN.units)
    tasks = tuple(evolve(t) for t in PLAN.tasks)
    plan = evolve(PLAN, units=units, tasks=tasks)
    done = ProgressRow(task=N("1.1"), unit="a", status=D, result="Đã ban hành")
    progress = Progress(period=Q4, rows=(done, row("1.2", "a", D)))
    made = Report(plan=plan, period=Q4, progress=progress, as_of=date(2025, 12, 15))
    return made, plan, tasks, units, done


def test_each_report_field_with_a_control_character_is_named() -> None:
    """A RenderWarning names each field of the báo cáo a control character was dropped
    from: the summary, the first and last paragraphs, a task's title and result."""
    made, plan, tasks, _, done = _made()
    _put(plan, title="Cải cách hành chính" + BAD)
    _put(tasks[1], title="Nhiệm vụ 1.1" + BAD)
    _put(done, result="Đã ban hành" + BAD)
    with pytest.warns(RenderWarning) as caught:
        context = report_context(made)
    assert [str(w.message).removesuffix(TAIL) for w in caught] == [
        "summary",
        "preamble",
        "closing",
        "task 1.1 title",
        "task 1.1 result",
    ]
    assert context["title"] == "Kết quả thực hiện Kế hoạch cải cách hành chính quý IV năm 2025"
    table = {t["number"]: t for t in context["tasks"]}
    assert (table["1.1"]["title"], table["1.1"]["result"]) == ("Nhiệm vụ 1.1", "Đã ban hành")


def test_a_unit_name_with_a_control_character_in_the_table() -> None:
    """In the appendix table, a unit's name is in the lead units of its tasks and in the
    status of a task it has not reported on. (The body's paragraphs refuse such a name
    outright, so the table is made here on its own.)"""
    made, _, _, units, _ = _made()
    _put(units[1], name="Phòng B" + BAD)
    with pytest.warns(RenderWarning) as caught:
        rows = result_rows(made)
    assert [str(w.message).removesuffix(TAIL) for w in caught] == [
        "task 1.2 lead units",
        "task 1.2 status",
        "task 1.4 lead units",
    ]
    table = {t["number"]: t for t in rows}
    assert (table["1.2"]["lead"], table["1.2"]["status"]) == (
        "- Phòng A;\n- Phòng B.",
        "Chưa báo cáo: Phòng B",
    )
