"""The plan model: numbers, units, signers, dates, records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import (
    Authority,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Signer,
    TaskNumber,
    TaskNumberError,
    Unit,
)
from kh_tthc.vn import clean
from tests.strategies import document_numbers, issue_dates, plans, task_numbers

#: Text shaped like task numbers, with leading zeros, too many levels and final dots.
NUMBERISH = st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,10}\.?", fullmatch=True)


class TestTaskNumber:
    def test_parse_reads_dotted_numbers(self) -> None:
        """ "2.1.1" has three parts, its parent is "2.1" and its level 3."""
        n = TaskNumber.parse("2.1.1")
        assert n.parts == (2, 1, 1)
        assert n.parent == TaskNumber((2, 1))
        assert n.level == 3

    def test_group_row_final_dot_is_accepted(self) -> None:
        """Group rows are written "1." in Word; the dot is not part of the number."""
        assert TaskNumber.parse("1.") == TaskNumber.parse("1")

    @pytest.mark.parametrize("text", ["", "x", "2..1", ".1", "-1", "1.a", "0", "2. 1", "1.2.."])
    def test_rejects_non_numbers(self, text: str) -> None:
        """Anything but numbers joined by single dots is refused, naming the text."""
        with pytest.raises(TaskNumberError, match="invalid task number"):
            TaskNumber.parse(text)

    def test_error_is_a_value_error(self) -> None:
        """Callers can catch the built-in they expect."""
        with pytest.raises(ValueError, match="x"):
            TaskNumber.parse("x")

    def test_numeric_not_lexical_order(self) -> None:
        """2.10 comes after 2.9, as in the document."""
        assert TaskNumber.parse("2.9") < TaskNumber.parse("2.10")

    @given(task_numbers())
    def test_str_parse_round_trip(self, n: TaskNumber) -> None:
        """Printing then parsing gives the same number back."""
        assert TaskNumber.parse(str(n)) == n

    @given(task_numbers(), task_numbers())
    def test_order_agrees_with_parts(self, a: TaskNumber, b: TaskNumber) -> None:
        """Ordering is the ordering of the numeric parts."""
        assert (a < b) == (a.parts < b.parts)

    @given(
        st.text(max_size=12) | st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,10}\.?", fullmatch=True)
    )
    def test_parse_any_text_raises_only_task_number_error(self, text: str) -> None:
        """Fuzz: the parser returns the number the digits say (first part from 1, at most
        nine levels) or raises its own error naming the text, nothing else."""
        try:
            n = TaskNumber.parse(text)
        except TaskNumberError as exc:
            message = str(exc)
        else:
            message = ""
        if message:
            assert repr(text) in message or text in message
            return
        digits = clean(text).rstrip(".").split(".")
        assert n.parts == tuple(int(d) for d in digits)
        assert n.parts[0] >= 1
        assert 1 <= n.level <= 9
        assert TaskNumber.parse(str(n)) == n


class TestDocumentNumber:
    def test_number_below_ten_gets_a_zero(self) -> None:
        """NĐ 30/2020, Phụ lục I, II.3: "05/KH-SKHCN"."""
        assert str(DocumentNumber.parse("5/KH-SKHCN")) == "05/KH-SKHCN"

    def test_draft_has_no_number(self) -> None:
        """A draft keeps the symbol and leaves the number blank."""
        n = DocumentNumber.parse("Số: /KH-SKHCN")
        assert n.number is None
        assert n.symbol == "KH-SKHCN"

    @pytest.mark.parametrize("text", ["KH-SKHCN", "12/KH", "abc", "12//KH-X"])
    def test_rejects_malformed(self, text: str) -> None:
        """A number without a slash or symbol group is refused."""
        with pytest.raises(ValueError, match="invalid document number"):
            DocumentNumber.parse(text)

    @given(document_numbers())
    def test_round_trip(self, n: DocumentNumber) -> None:
        """Printing then parsing gives the same number."""
        assert DocumentNumber.parse(str(n)) == n


class TestIssueDate:
    def test_month_only_draft(self) -> None:
        """The seed is dated "tháng 8 năm 2025" with the day left blank."""
        d = IssueDate.parse("2025-08")
        assert d.as_date() is None
        assert d.line("Thái Nguyên") == "Thái Nguyên, ngày    tháng 8 năm 2025"

    def test_full_date_line_pads_day_and_early_months(self) -> None:
        """NĐ 30/2020, Phụ lục I, II.4: days below 10 and months 1–2 take a zero."""
        assert IssueDate.parse("2026-02-03").line("Hà Nội") == "Hà Nội, ngày 03 tháng 02 năm 2026"
        assert IssueDate.parse("2025-12-05").line("Hà Nội") == "Hà Nội, ngày 05 tháng 12 năm 2025"

    @pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "25-08", "2025/08/01", ""])
    def test_rejects_impossible(self, text: str) -> None:
        """Impossible or malformed dates are refused."""
        with pytest.raises(ValueError, match=r"\S"):
            IssueDate.parse(text)

    @given(issue_dates())
    def test_round_trip(self, d: IssueDate) -> None:
        assert IssueDate.parse(str(d)) == d


class TestSigner:
    def test_deputy_signs_for_the_head(self) -> None:
        """KT.: the deputy's title sits under "KT. <head>"."""
        s = Signer(authority=Authority.KT, head_title="Giám đốc", title="Phó Giám đốc", name="A")
        assert s.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")

    def test_head_signs_alone(self) -> None:
        """Without an authority the title stands alone."""
        assert Signer(title="Giám đốc", name="A").title_lines == ("GIÁM ĐỐC",)

    def test_authority_parse_accepts_dot_and_case(self) -> None:
        assert Authority.parse("tm.") is Authority.TM

    def test_authority_parse_lists_allowed(self) -> None:
        with pytest.raises(ValueError, match="TM, KT, Q, TL, TUQ"):
            Authority.parse("XX")


class TestText:
    def test_decomposed_input_is_composed(self) -> None:
        """Word's decomposed Vietnamese compares equal to the composed form."""
        decomposed = "Va\u0306n pho\u0300ng So\u031b\u0309"
        assert Unit(id="vp", name=decomposed).name == "Văn phòng Sở"

    def test_header_lines_upper_case(self) -> None:
        org = Organization(name="Sở Tư pháp", abbreviation="STP", place="Huế", parent="UBND tỉnh")
        assert org.header_lines == ("UBND TỈNH", "SỞ TƯ PHÁP")


class TestPlanQueries:
    def test_seed_has_29_rows(self, seed_plan: Plan) -> None:
        assert len(seed_plan.tasks) == 29

    def test_children_follow_numbers(self, seed_plan: Plan) -> None:
        """The rows under 2.2 are the four 2.2.x rows."""
        children = seed_plan.children(seed_plan.task("2.2"))
        assert [str(t.number) for t in children] == ["2.2.1", "2.2.2", "2.2.3", "2.2.4"]

    def test_top_level(self, seed_plan: Plan) -> None:
        assert [str(t.number) for t in seed_plan.children()] == ["1", "2", "3"]

    def test_unknown_task_raises_key_error(self, seed_plan: Plan) -> None:
        with pytest.raises(KeyError, match=r"9\.9"):
            seed_plan.task("9.9")

    @given(plans())
    def test_records_one_per_row_in_order(self, plan: Plan) -> None:
        """to_records keeps every row, groups included, in document order."""
        records = plan.to_records()
        assert [r["number"] for r in records] == [str(t.number) for t in plan.tasks]
        assert {"number", "title", "lead", "support", "deadline", "level"} <= set(
            records[0] if records else {"number", "title", "lead", "support", "deadline", "level"}
        )

    def test_records_use_names_and_phrases(self, seed_plan: Plan) -> None:
        rec = {r["number"]: r for r in seed_plan.to_records()}
        assert rec["1.3"]["lead"] == ["Văn phòng Sở", "Các phòng, đơn vị thuộc Sở"]
        assert rec["2.5"]["deadline"] == "Định kỳ hàng quý, năm"
        assert rec["2.1.1"]["level"] == 3

    def test_html_escapes_text(self, seed_plan: Plan) -> None:
        """The notebook view escapes "&" in "Trung tâm CNTT&TT"."""
        html = seed_plan._repr_html_()
        assert "CNTT&amp;TT" in html
        assert html.count("<tr") == len(seed_plan.tasks) + 1

    def test_period_contains(self, seed_plan: Plan) -> None:
        assert date(2025, 9, 1) in seed_plan.period
        assert date(2025, 8, 31) not in seed_plan.period


class TestFastPaths:
    """The shortcuts taken for speed give what the full rules give (docs/performance.md)."""

    @given(
        st.text(alphabet=st.sampled_from(list(" \t\n\xa0\u2028\u200bab\u0301\u1ec7\x1b\u202eĐ")))
        | st.text()
    )
    def test_text_kept_as_is_only_when_clean(self, text: str) -> None:
        """A field's text is the cleaned text, or refused with the rule's reason, whether
        the converter takes its shortcut (text already clean) or not."""
        from kh_tthc import Task
        from kh_tthc.convert import FieldValueError, text_problem

        if problem := text_problem(text):
            with pytest.raises(FieldValueError) as info:
                Task(number="1", title=text)
            assert str(info.value) == f"Task.title: the text {problem}"
        else:
            assert Task(number="1", title=text).note == ""
            assert Task(number="1", title="x", note=text).note == clean(text)

    @given(
        st.text(alphabet=st.sampled_from(list(" \t\n\xa0\u2028\u200bab\u0301\u1ec7\x1b\u202eĐ")))
        | st.text()
    )
    def test_clean_and_fold_as_the_full_rules(self, text: str) -> None:
        """clean() and fold() with their shortcuts (text already clean kept as it is; a
        short text folded once) give what the full rules give, as does is_clean_text."""
        from kh_tthc import vn
        from kh_tthc.convert import is_clean_text, text_problem

        cleaned = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
        assert vn.clean(text) == cleaned
        assert vn.clean(text) == cleaned  # again: a short text was cleaned before
        decomposed = unicodedata.normalize("NFD", cleaned.lower())
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        assert vn.fold(text) == folded
        assert vn.fold(text) == folded  # again: the text was folded before
        assert is_clean_text(text) == (not text_problem(text) and cleaned == text)

    @given(st.text(max_size=12) | task_numbers().map(str))
    def test_task_number_read_once_per_text(self, text: str) -> None:
        """A task number read again from the same text is the same value as one read
        afresh, and a text refused is refused again, with the same message."""

        def outcome(parse: Callable[[str], TaskNumber]) -> TaskNumber | str:
            try:
                return parse(text)
            except ValueError as exc:
                return str(exc)

        first = outcome(TaskNumber.parse)
        assert outcome(TaskNumber.parse) == first
        assert outcome(TaskNumber._parse) == first
