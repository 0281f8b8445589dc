"""The pure model → dict step of rendering (kh_tthc.render.context)."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import (
    DateSpan,
    DocumentNumber,
    Indicator,
    IssueDate,
    Organization,
    Plan,
    RenderWarning,
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
    load_plan,
    plan_context,
)
from kh_tthc.model import Authority
from kh_tthc.render.context import PLAN_FIELDS, body_blocks, signature_context
from kh_tthc.vn import clean
from tests.conftest import SEED_PLAN

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}


def small_plan(**changes: object) -> Plan:
    fields: dict[str, object] = {
        "issuer": Organization(
            name="Sở Tư pháp", abbreviation="STP", place="Hà Nội", parent="UBND thành phố Hà Nội"
        ),
        "number": DocumentNumber.parse("7/KH-STP"),
        "issued": IssueDate(year=2026, month=1, day=9),
        "title": "Rà soát thủ tục hành chính",
        "period": DateSpan(start=date(2026, 1, 1), end=date(2026, 12, 31)),
        "signer": Signer(title="Giám đốc", name="Trần Văn C"),
        "units": (Unit(id="vp", name="Văn phòng Sở"), Unit(id="tt", name="Thanh tra Sở")),
        "tasks": (
            Task(number=TaskNumber.parse("1"), title="Nhóm một", group=True),
            Task(number=TaskNumber.parse("1.1"), title="Việc một", lead=("vp", "tt")),
        ),
    }
    fields.update(changes)
    return Plan(**fields)  # type: ignore[arg-type]


class TestSeedPlan:
    def test_fields_are_exactly_those_the_template_needs(self) -> None:
        """The context carries every variable of PLAN_FIELDS and nothing else."""
        assert set(plan_context(load_plan(SEED_PLAN))) == PLAN_FIELDS

    def test_draft_number_and_day_are_left_blank(self) -> None:
        """An unsigned draft keeps room for the number and the day, as the seed does."""
        ctx = plan_context(load_plan(SEED_PLAN))
        assert ctx["number"].strip() == "/KH-SKHCN"
        assert ctx["number"].startswith("  ")
        assert "ngày " in ctx["date_line"]
        assert ctx["date_line"].split("ngày")[1].split("tháng")[0].strip() == ""

    def test_appendix_reference_quotes_number_date_and_issuer(self) -> None:
        """The appendix says which plan it belongs to, in italics under its title."""
        ctx = plan_context(load_plan(SEED_PLAN))
        ref = " ".join(ctx["appendix_reference"].split())
        assert ref == (
            "(Kèm theo Kế hoạch số /KH-SKHCN ngày tháng 8 năm 2025 của Sở Khoa học và Công nghệ)"
        )

    def test_recipients_end_with_the_archive_line(self) -> None:
        """Each recipient is "- X;" and the list ends "- Lưu: VT, VP."."""
        ctx = plan_context(load_plan(SEED_PLAN))
        assert ctx["recipients"] == [
            "- Văn phòng UBND tỉnh;",
            "- Lãnh đạo Sở;",
            "- Các phòng, đơn vị thuộc Sở;",
            "- Lưu: VT, VP.",
        ]

    def test_row_kinds_follow_group_level(self) -> None:
        """Level-1 groups are 'group', deeper groups 'subgroup', other rows 'task'."""
        rows = {r["number"]: r for r in plan_context(load_plan(SEED_PLAN))["tasks"]}
        assert rows["1."]["kind"] == "group"
        assert rows["2.1"]["kind"] == "subgroup"
        assert rows["2.1.1"]["kind"] == "task"

    def test_several_units_one_per_line(self) -> None:
        """Several units print one per line, "- A;" then "- B."; one unit prints alone."""
        rows = {r["number"]: r for r in plan_context(load_plan(SEED_PLAN))["tasks"]}
        assert rows["1.3"]["lead"] == "- Văn phòng Sở;\n- Các phòng, đơn vị thuộc Sở."
        assert rows["1.3"]["support"] == "Trung tâm CNTT&TT"
        assert rows["2.1.2"]["support"] == ""


class TestRows:
    def test_notes_indicators_and_extra_columns_reach_the_rows(self) -> None:
        """Fields the shipped template leaves out are still there for a template's own use."""
        task = Task(
            number=TaskNumber.parse("1"),
            title="Số hóa hồ sơ",
            lead=("vp",),
            note="Ưu tiên",
            indicators=(Indicator(id="so-hoa", name="Hồ sơ được số hóa", target=100),),
            extra=(("Sản phẩm", "Báo cáo"),),
        )
        (row,) = plan_context(small_plan(tasks=(task,)))["tasks"]
        assert row["note"] == "Ưu tiên"
        assert row["indicators"] == ["Hồ sơ được số hóa: 100%"]
        assert row["extra"] == {"Sản phẩm": "Báo cáo"}
        assert (row["number"], row["kind"], row["level"]) == ("1.", "task", 1)


class TestHeader:
    def test_signed_number_is_zero_padded(self) -> None:
        """A number below 10 takes a leading zero (Phụ lục I, mục II.3)."""
        assert plan_context(small_plan())["number"] == "07/KH-STP"

    def test_day_and_january_are_zero_padded(self) -> None:
        """Day 9 and month 1 print as "09" and "01" (Phụ lục I, mục II.4)."""
        assert plan_context(small_plan())["date_line"] == "Hà Nội, ngày 09 tháng 01 năm 2026"

    def test_no_parent_body(self) -> None:
        """An issuer without a parent body leaves the parent line empty."""
        issuer = Organization(name="Bộ Tư pháp", abbreviation="BTP", place="Hà Nội")
        ctx = plan_context(small_plan(issuer=issuer))
        assert (ctx["parent"], ctx["issuer"]) == ("", "BỘ TƯ PHÁP")

    def test_appendix_title_falls_back_to_the_plan_title(self) -> None:
        """Without its own title the appendix takes the plan's, in upper case."""
        assert plan_context(small_plan())["appendix_title"] == "RÀ SOÁT THỦ TỤC HÀNH CHÍNH"


class TestBody:
    @given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
    def test_headings_are_numbered_by_level(self, n1: int, n2: int) -> None:
        """Level 1 is "I." + upper case, level 2 "1." + the title as written."""
        sections = [
            Section(
                title=f"phần {i}", subsections=tuple(Section(title=f"mục {j}") for j in range(n2))
            )
            for i in range(n1)
        ]
        blocks = body_blocks(sections)
        first = [b["text"] for b in blocks if b["kind"] == "heading1"]
        second = [b["text"] for b in blocks if b["kind"] == "heading2"]
        assert first == [f"{ROMAN[i + 1]}. PHẦN {i}" for i in range(n1)]
        assert second == [f"{j + 1}. mục {j}" for _ in range(n1) for j in range(n2)]

    def test_points_skip_no_vietnamese_letter(self) -> None:
        """Points under a clause run a), b), c), d), đ), e) (Phụ lục I, mục II.5.b)."""
        points = tuple(Section(title=f"điểm {i}") for i in range(6))
        blocks = body_blocks(
            [Section(title="A", subsections=(Section(title="B", subsections=points),))]
        )
        labels = [b["text"].split(")")[0] for b in blocks if b["kind"] == "heading3"]
        assert labels == ["a", "b", "c", "d", "đ", "e"]

    def test_bases_end_with_semicolons_then_a_full_stop(self) -> None:
        """Legal bases are italic lines ending ";" and the last one "."."""
        blocks = body_blocks([], bases=("Căn cứ Luật A", "Căn cứ Nghị định B;", "Căn cứ C."))
        assert [b["text"][-1] for b in blocks] == [";", ";", "."]
        assert {b["kind"] for b in blocks} == {"basis"}

    def test_paragraphs_are_kept_verbatim_in_order(self) -> None:
        """Preamble, section paragraphs and closing keep their text and order."""
        blocks = body_blocks(
            [Section(title="Nội dung", paragraphs=("- Một;", "2. Hai."))],
            preamble=("Mở đầu.",),
            closing=("Trên đây là Kế hoạch./.",),
        )
        texts = [b["text"] for b in blocks if b["kind"] == "text"]
        assert texts == ["Mở đầu.", "- Một;", "2. Hai.", "Trên đây là Kế hoạch./."]


class TestSignature:
    def test_deputy_signs_for_the_head(self) -> None:
        """KT. then the head's title, then the signer's own title, upper case."""
        signer = Signer(
            authority=Authority.KT, head_title="Giám đốc", title="Phó Giám đốc", name="Lê Thị D"
        )
        ctx = signature_context(signer, [], ["VT"])
        assert ctx["signer_titles"] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
        assert ctx["recipients"] == ["- Lưu: VT."]


_ILLEGAL = [chr(c) for c in (*range(0, 9), 0x0E, 0x1B, 0xFFFE, 0xFFFF)]


class TestXmlSafety:
    @given(
        st.text(alphabet=string.ascii_letters + "ếộ &<>{}%", min_size=1, max_size=20),
        st.sampled_from(_ILLEGAL),
    )
    def test_control_characters_are_dropped_with_a_warning(self, text: str, bad: str) -> None:
        """A character XML cannot carry is removed and a RenderWarning names the field."""
        title = f"Kế hoạch {text}{bad}"
        plan = small_plan()
        # Plans refuse control characters when built (issue 12); the context must still
        # drop any that reach it another way.
        object.__setattr__(plan, "title", clean(title))
        with pytest.warns(RenderWarning, match=r"^title: dropped U\+"):
            ctx = plan_context(plan)
        assert ctx["title"] == plan.title.replace(bad, "")

    def test_markup_characters_are_left_for_the_renderer_to_escape(self) -> None:
        """ "&", "<" and Jinja delimiters stay as they are in the context."""
        title = 'A & B <c> "d" {{ e }} {% f %}'
        assert plan_context(small_plan(title=title))["title"] == title
