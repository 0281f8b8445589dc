"""A kế hoạch's whole template context, every key, for a small illustrative plan (not an
agency's) with every part a context has: bases, preamble, three levels of sections,
closing, recipients and archive, an appendix title, group, subgroup and task rows with
several units, a note, an indicator and an extra column.

The expected texts follow Nghị định 30/2020/NĐ-CP, Phụ lục I: number zero-padded
("07/KH-STP"), day and month below 10 zero-padded, bases ";" then "." at the last,
headings "I." in upper case, "1.", "a)", recipients "- X;" then "- Lưu: VT, VP."
"""

from __future__ import annotations

import pytest

from kh_tthc import (
    DocumentNumber,
    Indicator,
    Organization,
    RenderWarning,
    Section,
    Signer,
    Task,
    TaskNumber,
    parse_deadline,
    plan_context,
)
from kh_tthc.render.context import body_blocks, number_text, signature_context, xml_safe
from tests.test_render_context import small_plan

N = TaskNumber.parse

SECTIONS = (
    Section(
        title="Mục đích, yêu cầu",
        paragraphs=("Đoạn một.",),
        subsections=(
            Section(
                title="Mục đích",
                subsections=(
                    Section(title="Điểm một"),
                    Section(title="Điểm hai", paragraphs=("Đoạn hai.",)),
                ),
            ),
            Section(title="Yêu cầu"),
        ),
    ),
    Section(title="Tổ chức thực hiện"),
)

TASKS = (
    Task(number=N("1"), title="Nhóm một", group=True),
    Task(number=N("1.1"), title="Nhóm con", group=True),
    Task(
        number=N("1.1.1"),
        title="Việc một",
        lead=("vp", "tt"),
        support=("tt", "x"),
        deadline=parse_deadline("Trước ngày 30/6/2026"),
        note="Ghi chú",
        indicators=(Indicator(id="hs", name="Hồ sơ được số hóa", target=100, unit="%"),),
        extra=(("Kinh phí", "10 triệu"),),
    ),
    Task(number=N("2"), title="Việc hai", lead=("vp",)),
)


def _row(number: str, title: str, kind: str, level: int, **kw: object) -> dict[str, object]:
    row: dict[str, object] = {
        "number": number,
        "title": title,
        "kind": kind,
        "level": level,
        "lead": "",
        "support": "",
        "deadline": "",
        "note": "",
        "indicators": [],
        "extra": {},
    }
    row.update(kw)
    return row


def test_whole_context() -> None:
    plan = small_plan(
        bases=("Luật Tổ chức chính quyền địa phương;", "Nghị định số 63/2010/NĐ-CP."),
        preamble=("Sở Tư pháp xây dựng Kế hoạch như sau:",),
        sections=SECTIONS,
        closing=("Trên đây là Kế hoạch./.",),
        recipients=("UBND thành phố", "Lãnh đạo Sở."),
        archive=("VT", "VP"),
        appendix_title="Danh mục nhiệm vụ",
        tasks=TASKS,
    )
    assert plan_context(plan) == {
        "parent": "UBND THÀNH PHỐ HÀ NỘI",
        "issuer": "SỞ TƯ PHÁP",
        "number": "07/KH-STP",
        "date_line": "Hà Nội, ngày 09 tháng 01 năm 2026",
        "type_name": "KẾ HOẠCH",
        "title": "Rà soát thủ tục hành chính",
        "body": [
            {"kind": "basis", "text": "Luật Tổ chức chính quyền địa phương;"},
            {"kind": "basis", "text": "Nghị định số 63/2010/NĐ-CP."},
            {"kind": "text", "text": "Sở Tư pháp xây dựng Kế hoạch như sau:"},
            {"kind": "heading1", "text": "I. MỤC ĐÍCH, YÊU CẦU"},
            {"kind": "text", "text": "Đoạn một."},
            {"kind": "heading2", "text": "1. Mục đích"},
            {"kind": "heading3", "text": "a) Điểm một"},
            {"kind": "heading3", "text": "b) Điểm hai"},
            {"kind": "text", "text": "Đoạn hai."},
            {"kind": "heading2", "text": "2. Yêu cầu"},
            {"kind": "heading1", "text": "II. TỔ CHỨC THỰC HIỆN"},
            {"kind": "text", "text": "Trên đây là Kế hoạch./."},
        ],
        "recipients": ["- UBND thành phố;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."],
        "signer_titles": ["GIÁM ĐỐC"],
        "signer_name": "Trần Văn C",
        "appendix_title": "DANH MỤC NHIỆM VỤ",
        "appendix_reference": (
            "(Kèm theo Kế hoạch số 07/KH-STP ngày 09 tháng 01 năm 2026 của Sở Tư pháp)"
        ),
        "tasks": [
            _row("1.", "Nhóm một", "group", 1),
            _row("1.1", "Nhóm con", "subgroup", 2),
            _row(
                "1.1.1",
                "Việc một",
                "task",
                3,
                lead="- Văn phòng Sở;\n- Thanh tra Sở.",
                support="- Thanh tra Sở;\n- x.",  # "x" is no unit of the plan: its id
                deadline="Trước ngày 30/6/2026",
                note="Ghi chú",
                indicators=["Hồ sơ được số hóa: 100%"],
                extra={"Kinh phí": "10 triệu"},
            ),
            _row("2.", "Việc hai", "task", 1, lead="Văn phòng Sở"),
        ],
    }


def test_recipients_without_archive_end_with_a_full_stop() -> None:
    signer = Signer(title="Giám đốc", name="Lê Văn B")
    assert signature_context(signer, ["Sở Nội vụ;", "Lãnh đạo Sở"], [])["recipients"] == [
        "- Sở Nội vụ;",
        "- Lãnh đạo Sở.",
    ]
    assert signature_context(signer, [], [])["recipients"] == []


def _put(obj: object, **values: object) -> None:
    # Plans refuse control characters when built (issue 12); the context must still drop
    # any that reach it another way, so they are put in past the checks.
    for name, value in values.items():
        object.__setattr__(obj, name, value)


def test_each_field_with_a_control_character_is_named() -> None:
    """A RenderWarning names each field a control character was dropped from, by its place
    in the document: the n-th basis, "section 1.1 paragraph 2", a task's field..."""
    bad = "\x01"
    inner = Section(title="Con", paragraphs=("Một.", "Hai."))
    section = Section(title="Mục đích", paragraphs=("Đoạn.",), subsections=(inner,))
    _put(inner, title="Con" + bad, paragraphs=("Một.", "Hai" + bad))
    _put(section, title="Mục" + bad, paragraphs=("Đoạn" + bad,))
    task = Task(
        number=N("1"),
        title="Việc",
        lead=("vp",),
        support=("tt",),
        deadline=parse_deadline("Trước ngày 30/6/2026"),
        note="Ghi chú",
        indicators=(Indicator(id="hs", name="Hồ sơ", target=100, unit="%"),),
        extra=(("Kinh phí", "10 triệu"),),
    )
    _put(task, title="Việc" + bad, note="Ghi" + bad, extra=(("Kinh" + bad, "10" + bad),))
    _put(task.indicators[0], name="Hồ sơ" + bad)
    plan = small_plan(
        bases=("Luật A", "Luật B"),
        preamble=("Mở đầu",),
        sections=(section,),
        closing=("Kết", "Thúc"),
        recipients=("Sở A", "Sở B"),
        archive=("VT",),
        appendix_title="Phụ lục",
        tasks=(task,),
    )
    _put(plan, bases=("Luật A", "Luật B" + bad), preamble=("Mở" + bad,))
    _put(plan, closing=("Kết", "Thúc" + bad), recipients=("Sở A", "Sở B" + bad))
    _put(plan, archive=("VT" + bad,), title="Rà soát" + bad, appendix_title="Phụ" + bad)
    _put(plan, type_name="Kế hoạch" + bad)
    _put(plan.issuer, name="Sở Tư pháp" + bad, parent="UBND" + bad, place="Hà Nội" + bad)
    _put(plan.number, issuer_code="STP" + bad)
    _put(plan.signer, title="Giám đốc" + bad, name="Trần" + bad)
    _put(plan.units[0], name="Văn phòng" + bad)
    _put(plan.units[1], name="Thanh tra" + bad)
    with pytest.warns(RenderWarning) as caught:
        context = plan_context(plan)
    assert [str(w.message).removesuffix(TAIL) for w in caught] == [
        "issuer parent",
        "issuer name",
        "number",
        "place",
        "title",
        "appendix title",
        "type",
        "basis 2",
        "preamble paragraph 1",
        "section 1 title",
        "section 1 paragraph 1",
        "section 1.1 title",
        "section 1.1 paragraph 2",
        "closing paragraph 2",
        "recipient 2",
        "archive",
        "signer title",
        "signer name",
        "task 1 title",
        "task 1 lead units",
        "task 1 support units",
        "task 1 note",
        "task 1 indicator 'hs'",
        "task 1 column name",
        "task 1 column 'Kinh\\x01'",
    ]
    assert context["tasks"][0]["extra"] == {"Kinh": "10"}
    assert context["signer_name"] == "Trần"


TAIL = ": dropped U+0001 (control characters a DOCX cannot carry)"


def test_draft_number_leaves_room() -> None:
    """An unsigned draft's number is five spaces before "/KH-STP", for the clerk."""
    assert number_text(DocumentNumber(type_code="KH", issuer_code="STP")) == "     /KH-STP"
    assert number_text(DocumentNumber.parse("7/KH-STP")) == "07/KH-STP"


def test_points_past_the_alphabet_are_numbered() -> None:
    """Points run "a)" to "y)", 23 Vietnamese letters (no "f", "j", "w", "z"; "đ" after
    "d"); a 24th is numbered "24)"."""
    points = tuple(Section(title=f"Điểm {n}") for n in range(1, 25))
    blocks = body_blocks(
        [Section(title="Phần", subsections=(Section(title="Mục", subsections=points),))]
    )
    texts = [b["text"] for b in blocks[2:]]
    assert texts[:6] == [
        "a) Điểm 1",
        "b) Điểm 2",
        "c) Điểm 3",
        "d) Điểm 4",
        "đ) Điểm 5",
        "e) Điểm 6",
    ]
    assert texts[-2:] == ["y) Điểm 23", "24) Điểm 24"]


def test_recipients_keep_their_words_and_only_the_last_takes_the_full_stop() -> None:
    signer = Signer(title="Giám đốc", name="Lê Văn B")
    recipients = signature_context(signer, ["Phòng X", "Sở Y;", "UBND Z,"], [])["recipients"]
    assert recipients == ["- Phòng X;", "- Sở Y;", "- UBND Z."]


def test_issuer_without_parent_and_a_lead_that_is_no_unit() -> None:
    """No parent body: an empty first header line; a lead id the plan's units do not name
    is printed as it is."""
    issuer = Organization(name="Sở Tư pháp", abbreviation="STP", place="Hà Nội")
    tasks = (Task(number=N("1"), title="Việc", lead=("so-tc",)),)
    context = plan_context(small_plan(issuer=issuer, tasks=tasks))
    assert (context["parent"], context["issuer"]) == ("", "SỞ TƯ PHÁP")
    assert context["tasks"][0]["lead"] == "so-tc"


def test_every_dropped_character_is_listed() -> None:
    with pytest.warns(RenderWarning) as caught:
        assert xml_safe("A\x02B\x01C\x02", "title") == "ABC"
    assert [str(w.message) for w in caught] == [
        "title: dropped U+0001, U+0002 (control characters a DOCX cannot carry)"
    ]
