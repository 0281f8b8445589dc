"""More of the parser's rules at their edges, through ``parse_deadline`` and ``suggest``.

Written for issue 11 from the fourth whole mutation run of ``kh_tthc.deadline.parse``: each
test states one rule (how a phrase is cut into several rules, when a longer phrase is
searched instead, how many suggestions come back, ...) with the value worked out by hand.
The phrases are illustrative (made up for these tests, in the shapes of the agencies'
phrases in ``tests/data/real/phrases.tsv``), not agencies' text.
"""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    Composite,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Unspecified,
    WorkingDays,
    parse_deadline,
    suggest,
)
from kh_tthc.deadline.parse import fold_phrase
from kh_tthc.errors import DeadlineSyntaxError
from kh_tthc.periods import Period, PeriodKind


def quarter(year: int, index: int) -> Period:
    return Period(kind=PeriodKind.QUARTER, year=year, index=index)


def month(year: int, index: int) -> Period:
    return Period(kind=PeriodKind.MONTH, year=year, index=index)


def year(value: int) -> Period:
    return Period(kind=PeriodKind.YEAR, year=value, index=1)


def refusal(text: str) -> DeadlineSyntaxError:
    with pytest.raises(DeadlineSyntaxError) as caught:
        parse_deadline(text, strict=True)
    return caught.value


class TestFolding:
    def test_a_sign_that_lowers_to_ascii_with_d_stroke(self) -> None:
        # The Kelvin sign (U+212A) lowers to "k"; with "đ" beside it the one-for-one fast
        # path must still read "đ" as "d" and keep the lowered "k".
        assert fold_phrase("\u212a Đ đ") == "k d d"


class TestCleaning:
    def test_runs_of_spaces_inside_are_folded_before_reading(self) -> None:
        d = parse_deadline("Ngày  15   hằng tháng")
        assert str(d) == "Ngày 15 hằng tháng"
        assert d.canonical == "Ngày 15 hàng tháng"

    def test_a_space_before_the_phrase_is_stripped_before_reading(self) -> None:
        d = parse_deadline(" Thường xuyên")
        assert d == Ongoing(wording=OngoingWording.REGULAR)
        assert str(d) == "Thường xuyên"

    def test_only_full_stops_and_spaces_are_stripped_from_the_end(self) -> None:
        # A capital X is a word, not punctuation: the phrase is not "Thường xuyên".
        assert isinstance(parse_deadline("Thường xuyên X"), Unspecified)

    def test_a_fixed_phrase_after_opening_words_keeps_its_final_stop(self) -> None:
        d = parse_deadline("Thực hiện thường xuyên.")
        assert d == Ongoing(wording=OngoingWording.REGULAR)
        assert str(d) == "Thực hiện thường xuyên."


class TestNumbers:
    def test_a_month_written_with_six_digits_is_read(self) -> None:
        assert parse_deadline("Tháng 000012/2026") == ByPeriod(period=month(2026, 12))

    def test_a_month_written_with_seven_digits_is_refused(self) -> None:
        error = refusal("Tháng 0000012/2026")
        assert error.reason == "a month is 1 to 12, not 0000012"

    def test_a_limit_opening_with_its_number_keeps_the_whole_event(self) -> None:
        d = parse_deadline("05 ngày làm việc kể từ ngày nhận đủ hồ sơ")
        assert d == OnEvent(form=EventForm.IN, limit=WorkingDays(5), event="ngày nhận đủ hồ sơ")


class TestSeveralRules:
    def test_periods_in_a_row_start_with_the_first(self) -> None:
        d = parse_deadline("Quý III, IV/2026, 2027")
        assert d == ByPeriod(period=year(2027), start=quarter(2026, 3))

    def test_sixteen_cuts_are_read_as_several_rules(self) -> None:
        # 17 dates, 16 commas: read piece by piece, with no note.
        d = parse_deadline(", ".join(f"{day}/3/2026" for day in range(1, 18)))
        assert isinstance(d, ByDate)
        assert (d.day, d.also[-1], len(d.also)) == (date(2026, 3, 1), date(2026, 3, 17), 16)
        assert d.notes == ()

    def test_seventeen_cuts_are_searched_instead(self) -> None:
        # 18 dates, 17 commas: too many cuts to try; the dates are found inside instead.
        d = parse_deadline(", ".join(f"{day}/3/2026" for day in range(1, 19)))
        assert isinstance(d, ByDate)
        assert (d.day, d.also[-1], len(d.also)) == (date(2026, 3, 1), date(2026, 3, 18), 17)
        assert d.notes == ("the cell names 18 dates, one per part of the work: all are kept",)

    def test_a_step_number_first_leaves_no_empty_piece(self) -> None:
        d = parse_deadline("(1) Quý I/2026; (2) Quý III/2026")
        assert d == Composite(
            parts=[ByPeriod(period=quarter(2026, 1)), ByPeriod(period=quarter(2026, 3))]
        )
        assert d.notes == ()

    def test_a_rule_does_not_run_over_a_semicolon(self) -> None:
        d = parse_deadline("Hàng quý; hàng năm; Quý IV/2026")
        assert d == Composite(
            parts=[
                Periodic(frequencies=[Frequency.QUARTER], regular=False),
                Periodic(frequencies=[Frequency.YEAR], regular=False),
                ByPeriod(period=quarter(2026, 4)),
            ]
        )

    def test_a_rule_does_not_run_over_a_step_number_after_a_dash(self) -> None:
        d = parse_deadline("Quý I/2026; sau khi ký - (2) Quý II/2026")
        assert d == Composite(
            parts=[
                ByPeriod(period=quarter(2026, 1)),
                OnEvent(form=EventForm.AFTER, event="ký"),
                ByPeriod(period=quarter(2026, 2)),
            ]
        )

    def test_a_step_number_after_a_dash_after_the_first_piece(self) -> None:
        d = parse_deadline("Quý I/2026 - (2) Quý II/2026")
        assert d == ByPeriod(period=quarter(2026, 2), start=quarter(2026, 1))
        assert d.notes == ()

    def test_a_run_is_six_pieces_at_most(self) -> None:
        # "Tháng 1, …, 7/2026" is seven pieces: too long a run, so the cell is searched.
        d = parse_deadline("Tháng 1, 2, 3, 4, 5, 6, 7/2026; Quý IV/2026")
        assert d == ByPeriod(period=month(2026, 7))
        assert d.notes == (
            "the cell names more than one date: read '7/2026' (31/07/2026), not 'Quý IV/2026'",
        )

    def test_a_run_ends_where_the_next_piece_can_open_a_rule(self) -> None:
        # "II/2027" opens no rule: the event stops before "Quý I", which with it is a span.
        d = parse_deadline(
            "Năm 2026; sau khi Bộ ban hành hướng dẫn, Sở lập kế hoạch, trình UBND tỉnh, "
            "tổ chức hội nghị, tập huấn, Quý I, II/2027"
        )
        assert d == Composite(
            parts=[
                ByPeriod(period=year(2026)),
                OnEvent(
                    form=EventForm.AFTER,
                    event=(
                        "Bộ ban hành hướng dẫn, Sở lập kế hoạch, trình UBND tỉnh, "
                        "tổ chức hội nghị, tập huấn"
                    ),
                ),
                ByPeriod(period=quarter(2027, 2), start=quarter(2027, 1)),
            ]
        )

    def test_a_run_never_reaches_back_before_its_first_piece(self) -> None:
        # After "(1)" the words read whole as a yearly rule, but a run never passes the
        # ";" after the first piece, "Ngày 20/6", which names no year: nothing is read.
        text = "(1) Ngày 20/6; ngày 20/12 hằng năm"
        assert parse_deadline(text) == Unspecified(text=text)


class TestSearch:
    def test_a_session_inside_longer_words_with_no_date(self) -> None:
        d = parse_deadline("Trình tại Kỳ họp thứ 5")
        assert d == OnEvent(form=EventForm.NAMED, event="Kỳ họp thứ 5")
        assert d.notes == ("read the session 'Kỳ họp thứ 5' from the longer phrase around it",)

    def test_one_day_named_twice_is_refused_with_the_reason(self) -> None:
        error = refusal("Ngày 24/01/2025, ngày 24/01/2025 gửi lại")
        assert error.reason == "the further days of a cell are each named once"


class TestSuggestions:
    def test_an_empty_phrase_gets_no_suggestion(self) -> None:
        # Spaces and stops only: empty, though its spaces resemble a long stock example's.
        text = ". " * 15 + "."
        error = refusal(text)
        assert error.reason == "the phrase is empty"
        assert error.suggestions == ()

    def test_at_most_three(self) -> None:
        # Three built from its numbers; "Đột xuất", close too, is left out.
        assert suggest("Ngày 31/2/2026 đột xuất") == (
            "Trước ngày 28/02/2026",
            "Tháng 2/2026",
            "Năm 2026",
        )

    def test_three_closest_stock_examples_then_those_with_digits_dropped(self) -> None:
        # "Năm 0203" is no year; of the three closest stock examples two have digits.
        assert suggest("Hàng năm từ năm 0203") == ("Hàng năm",)


class TestListOfQuarters:
    def test_items_joining_a_digit_and_a_numeral_are_no_quarters(self) -> None:
        """Each quarter of a list is written in digits or in Roman numerals: "1I" is
        neither, so the phrase is not read (it raised IndexError once)."""
        assert parse_deadline("Quý 1I, 2I/2026") == Unspecified(text="Quý 1I, 2I/2026")
        with pytest.raises(DeadlineSyntaxError) as info:
            parse_deadline("Quý 1I, 2I/2026", strict=True)
        assert info.value.reason.startswith("it matches none of the phrase families")
