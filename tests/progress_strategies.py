"""Hypothesis strategies for progress files and reports on the seed plan."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from kh_tthc import Period, Plan, Progress, ProgressRow, ProgressStatus, TaskNumber, load_plan
from kh_tthc.progress import is_tracked
from tests.conftest import SEED_PLAN
from tests.strategies import texts

SEED: Plan = load_plan(SEED_PLAN)
Q3 = Period.quarter(2025, 3)
Q4 = Period.quarter(2025, 4)


def _pairs(plan: Plan) -> list[tuple[TaskNumber, str]]:
    """Every (task, unit) that may report: lead and support units of tracked tasks."""
    any_unit = [u.id for u in plan.units]
    return [(t.number, u) for t in plan.tasks if is_tracked(t) for u in (t.units or any_unit)]


SEED_PAIRS = _pairs(SEED)
_INDICATORS = {t.number: tuple(i.id for i in t.indicators) for t in SEED.tasks}

# Numbers that survive a CSV round trip exactly: a few decimals, as people type them.
values = st.decimals(min_value=0, max_value=10**6, places=2).map(float)


@st.composite
def rows_for(
    draw: st.DrawFn,
    plan: Plan,
    pairs: list[tuple[TaskNumber, str]],
    window: tuple[date, date] = (date(2025, 9, 1), date(2025, 12, 31)),
) -> tuple[ProgressRow, ...]:
    """Valid rows for ``plan``: distinct (task, unit) pairs, any status, any values."""
    indicators = {t.number: tuple(i.id for i in t.indicators) for t in plan.tasks}
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=len(pairs)))
    rows = []
    for task, unit in chosen:
        status = draw(st.sampled_from(ProgressStatus))
        completed = draw(st.none() | st.dates(*window)) if status.is_done else None
        given = (
            draw(st.lists(st.sampled_from(indicators[task]), unique=True))
            if indicators[task]
            else []
        )
        rows.append(
            ProgressRow(
                task=task,
                unit=unit,
                status=status,
                result=draw(texts(max_size=40)),
                completed=completed,
                values={i: draw(values) for i in given},
                difficulty=draw(st.just("") | texts(max_size=20)),
                proposal=draw(st.just("") | texts(max_size=20)),
            )
        )
    return tuple(rows)


@st.composite
def seed_progress(draw: st.DrawFn, general_remarks: bool = False) -> Progress:
    """A valid progress of the seed plan for Quý III or Quý IV/2025."""
    period = draw(st.sampled_from([Q3, Q4]))
    remarks = (
        st.lists(texts(min_size=1, max_size=30), max_size=2) if general_remarks else st.just([])
    )
    return Progress(
        period=period,
        plan=draw(st.sampled_from([None, "/KH-SKHCN"])),
        rows=draw(rows_for(SEED, SEED_PAIRS)),
        difficulties=draw(remarks),
        proposals=draw(remarks),
    )


_CELLS = {
    "task": st.sampled_from(["1.1", "2.3.3", "3.3", "2", "9.9", "x", "", "2..1"]),
    "unit": st.sampled_from(["vp", "co-tthc", "vp-mot-cua", "cntt", "Văn phòng Sở", "", "??"]),
    "status": st.sampled_from(
        [s.label for s in ProgressStatus] + [s.value for s in ProgressStatus] + ["", "xong"]
    ),
    "completed": st.sampled_from(["", "20/11/2025", "2025-11-20", "31/02/2025", "mai"]),
    "value": st.sampled_from(["", "95", "95,5", "1.234", "-1", "nhiều", "95,5%"])
    | st.text(max_size=6),
}


def progress_rows() -> st.SearchStrategy[list[str]]:
    """CSV cells for task, unit, status, completed, so-hoa, dong-bo: good and bad mixed."""
    return st.tuples(
        _CELLS["task"],
        _CELLS["unit"],
        _CELLS["status"],
        _CELLS["completed"],
        _CELLS["value"],
        _CELLS["value"],
    ).map(list)


#: Completion times of every kind, as plans write them (the phrases the parser reads).
_PHRASES = [
    "Trước ngày 30/10/2025", "Trước ngày 15/02/2026", "Quý IV/2025", "Quý I/2026", "Năm 2025",
    "Tháng 11/2025", "6 tháng đầu năm 2026", "Định kỳ hàng quý", "Định kỳ hằng tháng",
    "Định kỳ hàng quý, năm", "Thường xuyên", "Khi có phát sinh", None,
]  # fmt: skip
_UNITS = ("a", "b", "c")
#: Consecutive quarters a chain of reports runs over, inside GENERATED plans' period.
QUARTERS = [Period.quarter(2025, q) for q in (1, 2, 3, 4)] + [Period.quarter(2026, 1)]


@st.composite
def report_plans(draw: st.DrawFn) -> Plan:
    """Small plans of every shape an outline takes, their tasks with any kind of completion
    time, led and supported by any of three units (or none), running 2025–2026."""
    from kh_tthc import DateSpan, Indicator, Task, Unit, parse_deadline
    from tests.strategies import numbered_outline

    numbers = draw(numbered_outline(max_tasks=9))
    refs = st.lists(st.sampled_from(_UNITS), max_size=2, unique=True).map(tuple)
    tasks = []
    for n in numbers:
        phrase = draw(st.sampled_from(_PHRASES))
        indicators = draw(
            st.lists(
                st.builds(
                    Indicator,
                    id=st.just(f"i{'-'.join(map(str, n.parts))}"),
                    name=st.just("Hồ sơ"),
                    target=st.sampled_from([50, 100, 200]),
                    unit=st.sampled_from(["%", "hồ sơ"]),
                ),
                max_size=1,
            )
        )
        lead = draw(refs)
        tasks.append(
            Task(
                number=n,
                title=f"Nhiệm vụ {n}",
                lead=lead,
                support=tuple(u for u in draw(refs) if u not in lead),
                deadline=None if phrase is None else parse_deadline(phrase),
                indicators=tuple(indicators),
            )
        )
    return Plan(
        issuer=SEED.issuer,
        number=SEED.number,
        issued=SEED.issued,
        title="Kế hoạch minh họa cho kiểm thử",
        period=DateSpan(start=date(2025, 1, 1), end=date(2026, 12, 31)),
        signer=SEED.signer,
        units=tuple(Unit(id=u, name=f"Phòng {u.upper()}") for u in _UNITS),
        tasks=tuple(tasks),
    )


@st.composite
def report_chains(draw: st.DrawFn) -> tuple[Plan, list[tuple[Period, Progress, date]]]:
    """A generated plan and two or three consecutive quarters of progress for it, each
    with the day its report is made (after the quarter's cut-off window starts)."""
    plan = draw(report_plans())
    first = draw(st.integers(0, len(QUARTERS) - 2))
    count = draw(st.integers(2, min(3, len(QUARTERS) - first)))
    pairs = _pairs(plan)
    chain = []
    for period in QUARTERS[first : first + count]:
        window = (period.start, period.end)
        rows = draw(rows_for(plan, pairs, window)) if pairs and draw(st.booleans()) else ()
        cutoff = period.cutoff()
        as_of = draw(st.dates(cutoff.start, cutoff.end + timedelta(days=40)))
        chain.append((period, Progress(period=period, rows=rows), as_of))
    return plan, chain
