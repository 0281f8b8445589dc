"""Render then import: what the library writes to Word, it reads back the same.

The issue on importing Word plans asks for this as a property: any valid plan, rendered
with ``render_plan`` and read with ``import_docx``, gives back the same tasks, units and
completion times.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import docx
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import (
    Authority,
    DateSpan,
    Deadline,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    Unit,
    check_plan,
    copy_template,
    import_docx,
    render_plan,
)
from kh_tthc.importing import split_units
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


@st.composite
def _punctuated(draw: st.DrawFn, max_words: int = 8) -> str:
    """Words with the punctuation plans use inside a name or title: commas ("Các phòng,
    đơn vị thuộc Sở", as in the seed), colons, slashes, parentheses, quotes, "%". Never at
    the very start (a number or bullet there is read as the row's STT or a list mark) nor
    at the end of the text (a final "." or "," closes a list item and is dropped)."""
    words = draw(st.lists(_WORD, min_size=2, max_size=max_words))
    out = [words[0]]
    for word in words[1:-1]:
        mark = draw(st.sampled_from(["", "", ",", ":", "/", "%", "paren", "quote"]))
        if mark == "paren":
            out.append(f"({word})")
        elif mark == "quote":
            out.append(f"“{word}”")
        elif mark in ("/", "%"):
            out.append(f"{word}{mark}")
        else:
            out[-1] += mark
            out.append(word)
    out.append(words[-1])
    return " ".join(out)


_PUNCTUATED = _punctuated().filter(lambda s: not _all_capitals(s))
#: The extra column a restyled template adds (docs/templates.md), read back as Task.extra.
PRODUCT = "Sản phẩm"

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
def valid_plans(draw: st.DrawFn, punctuation: bool = False) -> Plan:
    """Valid plans; with ``punctuation``, names and titles carry commas and the like, and
    tasks carry notes, indicators and an extra field."""
    text = st.one_of(_TEXT, _PUNCTUATED) if punctuation else _TEXT
    # A unit's name is one the cell reader reads as one name: a comma before a word that
    # names a body ("…, UBND huyện", "…, AA 0" read as an acronym) starts another unit,
    # as in real cells (docs/import.md), so such names are not drawn.
    unit_name = text.filter(lambda s: split_units(s) == (clean(s),))
    names = draw(
        st.lists(unit_name, min_size=1, max_size=4, unique_by=lambda s: fold(s)).map(
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
        more: dict[str, object] = {}
        if punctuation:
            slug = "-".join(map(str, number.parts))
            more = {
                "note": draw(st.just("") | text),
                "indicators": tuple(
                    draw(
                        st.lists(
                            st.builds(
                                Indicator,
                                id=st.just(f"chi-tieu-{slug}"),
                                name=text,
                                target=st.sampled_from([100, 50.5, 12]),
                                unit=st.sampled_from(["%", "hồ sơ"]),
                            ),
                            max_size=1,
                        )
                    )
                ),
                "extra": tuple(draw(st.lists(text.map(lambda v: (PRODUCT, v)), max_size=1))),
            }
        tasks.append(
            Task(
                number=number,
                title=draw(text),
                lead=lead,
                support=support,
                deadline=draw(deadlines().filter(_printable_in_period)),
                group=number in parents,
                **more,  # type: ignore[arg-type]
            )
        )
    used = {u for t in tasks for u in t.units}
    return Plan(
        issuer=Organization(
            name="Sở Tư pháp", abbreviation="STP", place="Hà Nội", parent="UBND thành phố Hà Nội"
        ),
        number=DocumentNumber.parse("12/KH-STP"),
        issued=IssueDate(year=2025, month=3, day=4),
        title=draw(text),
        period=PERIOD,
        signer=draw(st.sampled_from(SIGNERS)),
        units=tuple(u for u in units if u.id in used),
        tasks=tuple(tasks),
        recipients=("Lãnh đạo Sở",),
        appendix_title=draw(text),
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


def _template_with_product_column(folder: Path) -> Path:
    """The shipped template with a last column printing Task.extra["Sản phẩm"]."""
    template = copy_template(folder / "mau.docx")
    document = docx.Document(str(template))
    table = document.tables[-1]
    table.add_column(Pt(60))
    table.rows[0].cells[-1].text = PRODUCT
    for variant in (3, 5, 7):  # the group, subgroup and task rows of the template's loop
        table.rows[variant].cells[-1].text = f'{{{{ row.extra.get("{PRODUCT}", "") }}}}'
    document.save(str(template))
    return template


@settings(max_examples=25, deadline=None)
@given(valid_plans(punctuation=True))
def test_punctuation_notes_indicators_and_extra_columns(plan: Plan) -> None:
    """Commas and other punctuation in unit names and titles survive the trip; notes and
    indicators, which the template does not print, do not disturb it; an extra column the
    template prints comes back as the task's extra field."""
    assert not [p for p in check_plan(plan) if p.is_error]
    with tempfile.TemporaryDirectory() as tmp:
        template = _template_with_product_column(Path(tmp))
        path = render_plan(plan, Path(tmp) / "plan.docx", template=template)
        back = import_docx(path).plan
    assert _rows(back) == _rows(plan)
    assert {u.name for u in back.units} == {u.name for u in plan.units}
    assert back.title == plan.title
    assert [dict(t.extra).get(PRODUCT, "") for t in back.tasks] == [
        dict(t.extra).get(PRODUCT, "") for t in plan.tasks
    ]
