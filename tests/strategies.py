"""Hypothesis strategies for plans and their parts."""

from __future__ import annotations

import functools
import string
from datetime import date

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
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
)
from kh_tthc.io.guard import text_problem
from kh_tthc.vn import clean
from tests.strategies_time import deadlines as _deadlines
from tests.strategies_time import sending_rules


@functools.cache
def deadlines() -> st.SearchStrategy[Deadline]:
    """Completion times whose text a plan file may hold (no control characters)."""
    return _deadlines().filter(lambda d: not text_problem(str(d)))


# Vietnamese letters and the punctuation plans use, plus anything else Unicode offers.
_VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_ALPHABET = _VI + _VI.upper() + string.digits + " ,.;:-/()&%\"'<>{}"


_ALLOWED = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n")


# Strategies are immutable; building them once keeps generation fast.
@functools.cache
def texts(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Cleaned text, mostly Vietnamese, sometimes any Unicode a plan file may hold.

    Control characters, lone surrogates and bidirectional controls are refused when a
    file is read (kh_tthc.io.guard); tests/hostile/ covers them.
    """
    raw = st.one_of(
        st.text(alphabet=_ALPHABET, min_size=min_size, max_size=max_size),
        st.text(_ALLOWED, min_size=min_size, max_size=max_size).filter(
            lambda s: not text_problem(s)
        ),
    )
    return raw.map(clean).filter(lambda s: len(s) >= min_size)


@functools.cache
def names() -> st.SearchStrategy[str]:
    return texts(min_size=1, max_size=40)


unit_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}", fullmatch=True)


@functools.cache
def task_numbers(max_level: int = 4) -> st.SearchStrategy[TaskNumber]:
    return st.lists(st.integers(1, 30), min_size=1, max_size=max_level).map(
        lambda parts: TaskNumber(tuple(parts))
    )


@st.composite
def numbered_outline(draw: st.DrawFn, max_tasks: int = 8) -> list[TaskNumber]:
    """A well-formed outline: ascending numbers, each child under an existing group."""
    count = draw(st.integers(0, max_tasks))
    numbers: list[tuple[int, ...]] = []
    for _ in range(count):
        if not numbers:
            numbers.append((1,))
            continue
        last = numbers[-1]
        move = draw(st.sampled_from(["child", "sibling", "up"]))
        if move == "child" and len(last) < 4:
            numbers.append((*last, 1))
        elif move == "up" and len(last) > 1:
            up = last[:-1]
            numbers.append((*up[:-1], up[-1] + 1))
        else:
            numbers.append((*last[:-1], last[-1] + 1))
    return [TaskNumber(n) for n in numbers]


@functools.cache
def indicators() -> st.SearchStrategy[Indicator]:
    return st.builds(
        Indicator,
        id=unit_ids,
        name=names(),
        target=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.integers(0, 10**6),
        unit=st.sampled_from(["%", "hồ sơ", ""]),
    )


@functools.cache
def organizations() -> st.SearchStrategy[Organization]:
    return st.builds(
        Organization,
        name=names(),
        abbreviation=st.from_regex(r"[A-ZĐ]{2,8}", fullmatch=True),
        place=names(),
        parent=st.none() | names(),
    )


@functools.cache
def signers() -> st.SearchStrategy[Signer]:
    return st.builds(
        Signer,
        title=names(),
        name=names(),
        authority=st.none() | st.sampled_from(Authority),
        head_title=st.none() | names(),
    )


@functools.cache
def issue_dates() -> st.SearchStrategy[IssueDate]:
    return st.dates(date(1990, 1, 1), date(2100, 12, 31)).flatmap(
        lambda d: st.sampled_from(
            [
                IssueDate(year=d.year),
                IssueDate(year=d.year, month=d.month),
                IssueDate(year=d.year, month=d.month, day=d.day),
            ]
        )
    )


@functools.cache
def document_numbers() -> st.SearchStrategy[DocumentNumber]:
    return st.builds(
        DocumentNumber,
        type_code=st.sampled_from(["KH", "BC", "QĐ", "TTr"]),
        issuer_code=st.from_regex(r"[A-ZĐ]{2,6}(-[A-Z]{2,4})?", fullmatch=True),
        number=st.none() | st.integers(1, 9999),
    )


@functools.cache
def sections(depth: int = 2) -> st.SearchStrategy[Section]:
    children = st.just(()) if depth <= 1 else st.lists(sections(depth - 1), max_size=2).map(tuple)
    return st.builds(
        Section,
        title=names(),
        paragraphs=st.lists(texts(min_size=1), max_size=3).map(tuple),
        subsections=children,
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Any plan, valid or not, as long as its values are well-typed."""
    ids = draw(st.lists(unit_ids, unique=True, max_size=6))
    units = tuple(Unit(id=i, name=draw(names())) for i in ids)
    unit_refs = (
        st.lists(st.sampled_from(ids), max_size=3, unique=True).map(tuple) if ids else (st.just(()))
    )
    tasks = tuple(
        Task(
            number=number,
            title=draw(texts(max_size=80)),
            lead=draw(unit_refs),
            support=draw(unit_refs),
            deadline=draw(st.none() | deadlines()),
            group=draw(st.booleans()),
            note=draw(texts(max_size=20)),
            extra=tuple(draw(st.dictionaries(names(), texts(), max_size=2)).items()),
            indicators=tuple(draw(st.lists(indicators(), max_size=2))),
        )
        for number in draw(numbered_outline())
    )
    start = draw(st.dates(date(2000, 1, 1), date(2090, 1, 1)))
    end = draw(st.dates(start, date(2099, 12, 31)))
    return Plan(
        issuer=draw(organizations()),
        number=draw(document_numbers()),
        issued=draw(issue_dates()),
        title=draw(texts(min_size=1, max_size=120)),
        period=DateSpan(start=start, end=end),
        signer=draw(signers()),
        type_name=draw(st.sampled_from(["Kế hoạch", "Chương trình"])),
        bases=tuple(draw(st.lists(texts(min_size=1), max_size=2))),
        preamble=tuple(draw(st.lists(texts(min_size=1), max_size=2))),
        sections=tuple(draw(st.lists(sections(), max_size=3))),
        closing=tuple(draw(st.lists(texts(min_size=1), max_size=1))),
        units=units,
        tasks=tasks,
        recipients=tuple(draw(st.lists(names(), max_size=4))),
        archive=tuple(draw(st.lists(names(), min_size=1, max_size=2))),
        appendix_title=draw(texts()),
        reporting=draw(st.none() | sending_rules()),
    )


@st.composite
def any_outline(draw: st.DrawFn, max_tasks: int = 8) -> list[TaskNumber]:
    """An outline that may be broken: repeated numbers, numbers out of order, children
    whose group row is missing; half the time a well-formed one."""
    if draw(st.booleans()):
        return draw(numbered_outline(max_tasks))
    return draw(st.lists(task_numbers(3), max_size=max_tasks))


#: Indicator ids, valid and not (capitals, spaces, an empty id, a leading dash).
indicator_ids = st.sampled_from(["so-hoa", "dong_bo", "hs1", "Bad", "có dấu", "", "-x", "a b"])


@functools.cache
def edgy_indicators() -> st.SearchStrategy[Indicator]:
    """Indicators whose id may be invalid or repeated and whose target may be 0 or less."""
    return st.builds(
        Indicator,
        id=indicator_ids,
        name=names(),
        target=st.sampled_from([0, -1, 0.5, 100]),
        unit=st.sampled_from(["%", "hồ sơ", ""]),
    )


@st.composite
def edgy_plans(draw: st.DrawFn) -> Plan:
    """Plans that reach the validator's error paths: broken outlines, duplicate unit ids,
    empty names and titles, unknown unit ids, bad indicators, reversed periods. Each flaw
    is drawn on its own, so some plans come out valid."""
    ids = draw(st.lists(st.sampled_from(["vp", "cds", "ttcc", "p-1"]), max_size=5))
    units = tuple(
        Unit(id=i, name=draw(st.just("") | st.sampled_from(["Văn phòng Sở", "Phòng A, B"])))
        for i in ids
    )
    refs = st.lists(st.sampled_from([*ids, "khong-co"]), max_size=2, unique=True).map(tuple)
    start = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    end = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    tasks = tuple(
        Task(
            number=number,
            title=draw(st.sampled_from(["", "Rà soát TTHC", "Báo cáo, đánh giá"])),
            lead=draw(refs),
            support=draw(refs),
            deadline=draw(st.none() | deadlines()),
            group=draw(st.booleans()),
            indicators=tuple(draw(st.lists(edgy_indicators(), max_size=2))),
        )
        for number in draw(any_outline())
    )
    return Plan(
        issuer=draw(organizations()),
        number=draw(document_numbers()),
        issued=draw(issue_dates()),
        title=draw(st.sampled_from(["", "Kiểm soát TTHC năm 2025"])),
        period=DateSpan(start=start, end=end),
        signer=draw(signers()),
        units=units,
        tasks=tasks,
        archive=("VT",),
    )
