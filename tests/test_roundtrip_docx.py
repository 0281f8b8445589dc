"""Render then import: what the library writes to Word, it reads back the same.

The issue on importing Word plans asks for this as a property: any valid plan, rendered
with ``render_plan`` and read with ``import_docx``, gives back the same tasks, units and
completion times.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import (
    Authority,
    DateSpan,
    Deadline,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    Unit,
    check_plan,
    import_docx,
    render_plan,
)
from kh_tthc.vn import clean, fold
from tests.strategies import numbered_outline
from tests.strategies_time import deadlines


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


# Words as plans write them; no "-" or ";" at the edges, which mark list items in a cell.
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằắặầấậèẻéẹềếệìíịòỏóọồốộờớợùủúụừứựỳýỵ"
_WORD = st.text(alphabet=_LETTERS + _LETTERS.upper() + "0123456789", min_size=1, max_size=9)
_TEXT = (
    st.lists(_WORD, min_size=1, max_size=8)
    .map(" ".join)
    # Text all in capitals is read back in ordinary case, with a warning to check it: a
    # document does not say how a name printed in capitals is spelt (docs/import.md).
    .filter(lambda s: not _all_capitals(s))
)

SIGNERS = (
    Signer(title="Giám đốc", name="Trần Văn C"),
    Signer(authority=Authority.KT, head_title="Giám đốc", title="Phó Giám đốc", name="Lê Thị D"),
)
PERIOD = DateSpan(start=date(2025, 1, 1), end=date(2026, 12, 31))


def _printable_in_period(deadline: Deadline) -> bool:
    # Control characters are dropped from documents with a warning (tested elsewhere).
    if not str(deadline).isprintable():
        return False
    if deadline.kind not in ("by_date", "by_period"):
        return True
    return all(d in PERIOD for d in deadline.due_dates(date.min, date.max))


@st.composite
def valid_plans(draw: st.DrawFn) -> Plan:
    names = draw(
        st.lists(_TEXT, min_size=1, max_size=4, unique_by=lambda s: fold(s)).map(
            lambda ns: [clean(n) for n in ns]
        )
    )
    units = tuple(Unit(id=f"u{i}", name=n) for i, n in enumerate(names))
    ids = [u.id for u in units]
    numbers = draw(numbered_outline(max_tasks=7).filter(bool))
    parents = {n.parent for n in numbers if n.parent is not None}
    tasks = []
    for number in numbers:
        lead = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)))
        others = [i for i in ids if i not in lead]
        support = tuple(
            draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else ()
        )
        tasks.append(
            Task(
                number=number,
                title=draw(_TEXT),
                lead=lead,
                support=support,
                deadline=draw(deadlines().filter(_printable_in_period)),
                group=number in parents,
            )
        )
    used = {u for t in tasks for u in t.units}
    return Plan(
        issuer=Organization(
            name="Sở Tư pháp", abbreviation="STP", place="Hà Nội", parent="UBND thành phố Hà Nội"
        ),
        number=DocumentNumber.parse("12/KH-STP"),
        issued=IssueDate(year=2025, month=3, day=4),
        title=draw(_TEXT),
        period=PERIOD,
        signer=draw(st.sampled_from(SIGNERS)),
        units=tuple(u for u in units if u.id in used),
        tasks=tuple(tasks),
        recipients=("Lãnh đạo Sở",),
        appendix_title=draw(_TEXT),
    )


def _rows(plan: Plan) -> list[tuple[object, ...]]:
    return [
        (
            t.number,
            t.title,
            t.group,
            tuple(fold(n) for n in plan.unit_names(t.lead)),
            tuple(fold(n) for n in plan.unit_names(t.support)),
            t.deadline,
        )
        for t in plan.tasks
    ]


@settings(max_examples=25, deadline=None)
@given(valid_plans())
def test_render_then_import_gives_the_same_tasks(plan: Plan) -> None:
    """Numbers, titles, group rows, unit names and deadlines survive a trip through Word."""
    assert not [p for p in check_plan(plan) if p.is_error]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.docx"
        render_plan(plan, path)
        back = import_docx(path).plan
    assert _rows(back) == _rows(plan)
    # Unit names come back as written, case included, since the plan spelled them out.
    assert {u.name for u in back.units} == {u.name for u in plan.units}
    assert (back.number, back.issued, back.title) == (plan.number, plan.issued, plan.title)
    assert back.signer == plan.signer
