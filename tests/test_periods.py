"""Tests for kh_tthc.periods: reporting periods, cut-off windows and sending rules."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import KhTthcError
from kh_tthc.calendar import DateRangeError, WorkCalendar
from kh_tthc.periods import (
    Period,
    PeriodError,
    PeriodKind,
    PeriodSyntaxError,
    SendingRule,
    SendingRuleError,
    SendingRuleKind,
    SendingRuleSyntaxError,
    Window,
)
from tests.strategies_time import calendar_dates, periods, sending_rules

CAL = WorkCalendar.vietnam()
slow_ok = settings(deadline=None)


class TestConstruct:
    def test_named_constructors(self) -> None:
        """Each constructor gives the kind, year and index it names."""
        assert Period.month(2025, 10) == Period(kind=PeriodKind.MONTH, year=2025, index=10)
        assert Period.quarter(2025, 4) == Period(kind=PeriodKind.QUARTER, year=2025, index=4)
        assert Period.half(2026, 1) == Period(kind=PeriodKind.HALF, year=2026, index=1)
        assert Period.year_of(2025) == Period(kind=PeriodKind.YEAR, year=2025, index=1)

    @pytest.mark.parametrize(
        ("kind", "year", "index"),
        [
            (PeriodKind.QUARTER, 2025, 5),
            (PeriodKind.QUARTER, 2025, 0),
            (PeriodKind.MONTH, 2025, 13),
            (PeriodKind.HALF, 2025, 3),
            (PeriodKind.YEAR, 2025, 2),
            (PeriodKind.YEAR, 999, 1),
            (PeriodKind.YEAR, 10000, 1),
        ],
    )
    def test_impossible_periods(self, kind: PeriodKind, year: int, index: int) -> None:
        """A quarter 5, a month 13, a year without four digits are refused."""
        with pytest.raises(PeriodError):
            Period(kind=kind, year=year, index=index)

    def test_first_and_last_four_digit_years(self) -> None:
        """1000 and 9999, the bounds of a four-digit year, are years of a period."""
        assert [Period.year_of(year).year for year in (1000, 9999)] == [1000, 9999]

    def test_errors_are_library_errors(self) -> None:
        """Period errors are KhTthcError and ValueError."""
        for cls in (PeriodError, PeriodSyntaxError, SendingRuleError, SendingRuleSyntaxError):
            assert issubclass(cls, KhTthcError)
            assert issubclass(cls, ValueError)


class TestDays:
    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            (Period.month(2025, 2), date(2025, 2, 1), date(2025, 2, 28)),
            (Period.month(2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
            (Period.month(2025, 12), date(2025, 12, 1), date(2025, 12, 31)),
            (Period.quarter(2025, 4), date(2025, 10, 1), date(2025, 12, 31)),
            (Period.quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31)),
            (Period.half(2026, 1), date(2026, 1, 1), date(2026, 6, 30)),
            (Period.half(2025, 2), date(2025, 7, 1), date(2025, 12, 31)),
            (Period.year_of(2025), date(2025, 1, 1), date(2025, 12, 31)),
        ],
    )
    def test_start_and_end(self, period: Period, start: date, end: date) -> None:
        """A period runs from its first to its last calendar day."""
        assert (period.start, period.end) == (start, end)

    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            # The examples of Nghị định 09/2019/NĐ-CP, Điều 12, on the reference page.
            (Period.month(2025, 10), date(2025, 9, 15), date(2025, 10, 14)),
            (Period.quarter(2025, 4), date(2025, 9, 15), date(2025, 12, 14)),
            (Period.quarter(2026, 1), date(2025, 12, 15), date(2026, 3, 14)),
            (Period.half(2026, 1), date(2025, 12, 15), date(2026, 6, 14)),
            (Period.half(2025, 2), date(2025, 6, 15), date(2025, 12, 14)),
            (Period.year_of(2025), date(2024, 12, 15), date(2025, 12, 14)),
            (Period.month(2026, 1), date(2025, 12, 15), date(2026, 1, 14)),
        ],
    )
    def test_cutoff(self, period: Period, start: date, end: date) -> None:
        """The cut-off window runs from the 15th before the period to the 14th of its end."""
        assert period.cutoff() == Window(start=start, end=end)

    @given(periods(min_year=1001, max_year=9998))
    def test_cutoffs_of_a_kind_tile_the_time(self, period: Period) -> None:
        """Consecutive windows of one kind meet without gap or overlap."""
        assert period.next().cutoff().start == period.cutoff().end + timedelta(days=1)
        assert period.cutoff().end in period.cutoff()

    def test_window_refuses_reversed_ends(self) -> None:
        """A window ending before it starts is a DateRangeError naming both days."""
        with pytest.raises(DateRangeError, match="2025-01-01"):
            Window(start=date(2025, 2, 1), end=date(2025, 1, 1))

    def test_window_text(self) -> None:
        """A window prints the way a plan writes dates."""
        assert str(Period.quarter(2026, 1).cutoff()) == "15/12/2025 – 14/3/2026"
        assert str(Period.month(2026, 2).cutoff()) == "15/01/2026 – 14/02/2026"


class TestText:
    @pytest.mark.parametrize(
        ("period", "label", "iso"),
        [
            (Period.quarter(2025, 4), "Quý IV/2025", "2025-Q4"),
            (Period.quarter(2026, 1), "Quý I/2026", "2026-Q1"),
            (Period.half(2026, 1), "6 tháng đầu năm 2026", "2026-H1"),
            (Period.half(2025, 2), "6 tháng cuối năm 2025", "2025-H2"),
            (Period.year_of(2025), "Năm 2025", "2025"),
            (Period.month(2025, 10), "Tháng 10/2025", "2025-10"),
            (Period.month(2026, 1), "Tháng 01/2026", "2026-01"),
        ],
    )
    def test_label_and_iso(self, period: Period, label: str, iso: str) -> None:
        """Labels follow the documents; codes are short and sortable."""
        assert period.label == label
        assert str(period) == label
        assert period.iso == iso

    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("2025-Q4", Period.quarter(2025, 4)),
            ("2025-q4", Period.quarter(2025, 4)),
            ("2025-H1", Period.half(2025, 1)),
            ("2025-10", Period.month(2025, 10)),
            ("2025", Period.year_of(2025)),
            ("Quý IV/2025", Period.quarter(2025, 4)),
            ("quý IV năm 2025", Period.quarter(2025, 4)),
            ("QUÝ iv/2025", Period.quarter(2025, 4)),
            ("Quý 4/2025", Period.quarter(2025, 4)),
            ("Quý I năm 2026", Period.quarter(2026, 1)),
            ("6 tháng đầu năm 2026", Period.half(2026, 1)),
            ("6 tháng cuối năm 2025", Period.half(2025, 2)),
            ("năm 2025", Period.year_of(2025)),
            ("tháng 10/2025", Period.month(2025, 10)),
            ("Tháng 01/2026", Period.month(2026, 1)),
            ("tháng 3 năm 2026", Period.month(2026, 3)),
            ("  Quý   II/2025. ", Period.quarter(2025, 2)),
        ],
    )
    def test_parse(self, text: str, period: Period) -> None:
        """Codes and Vietnamese labels read as the period they name."""
        assert Period.parse(text) == period

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("Quý V/2025", "I, II, III or IV"),
            ("Quý IIII/2025", "I, II, III or IV"),
            ("tháng 13/2025", "1 to 12"),
            ("2025-H3", "1 or 2"),
            ("năm 20255", "four digits"),
            ("Quý IV/25", "four digits"),
            ("mùa thu 2025", "expected"),
            ("", "expected"),
        ],
    )
    def test_parse_errors(self, text: str, reason: str) -> None:
        """A wrong period is refused with the text and what is wrong."""
        with pytest.raises(PeriodSyntaxError, match=reason) as info:
            Period.parse(text)
        assert info.value.text == text

    @given(periods())
    def test_label_and_iso_round_trip(self, period: Period) -> None:
        """Both the label and the code read back as the same period."""
        assert Period.parse(period.label) == period
        assert Period.parse(period.iso) == period

    @given(
        st.text(max_size=30)
        | periods().map(lambda p: p.label)
        | periods().map(lambda p: p.label.upper())
    )
    def test_parse_fuzz(self, text: str) -> None:
        """Any text gives a period or a PeriodSyntaxError keeping the text; a period read
        is one whose label and code read back as itself."""
        try:
            period = Period.parse(text)
        except PeriodSyntaxError as exc:
            error: PeriodSyntaxError | None = exc
        else:
            error = None
        if error is not None:
            assert error.text == text
        else:
            assert Period.parse(period.label) == period
            assert Period.parse(period.iso) == period
            assert str(period.year) in text


class TestOrder:
    def test_chronological(self) -> None:
        """Periods sort by their first day, the shorter first."""
        shuffled = [
            Period.quarter(2026, 1),
            Period.year_of(2025),
            Period.month(2025, 10),
            Period.quarter(2025, 4),
            Period.half(2025, 2),
        ]
        assert sorted(shuffled) == [
            Period.year_of(2025),
            Period.half(2025, 2),
            Period.month(2025, 10),
            Period.quarter(2025, 4),
            Period.quarter(2026, 1),
        ]

    @given(periods(), periods())
    def test_order_follows_start(self, a: Period, b: Period) -> None:
        """a < b whenever a starts earlier, and the order is total."""
        if a.start < b.start:
            assert a < b
            assert b > a
        assert (a < b) + (a == b) + (a > b) == 1
        assert (a <= b) == (a < b or a == b)
        assert (a >= b) == (a > b or a == b)

    def test_comparing_with_other_types(self) -> None:
        """Comparing with a non-period is a TypeError, as for built-in types."""
        with pytest.raises(TypeError):
            _ = Period.year_of(2025) < date(2025, 1, 1)  # type: ignore[operator]

    @given(periods(min_year=1001, max_year=9998))
    def test_next_and_previous(self, p: Period) -> None:
        """next and previous undo each other and move by one period."""
        assert p.next().previous() == p
        assert p.previous().next() == p
        assert p.next().start == p.end + timedelta(days=1)
        assert p < p.next()

    def test_year_boundaries(self) -> None:
        """next and previous cross the new year."""
        assert Period.month(2025, 12).next() == Period.month(2026, 1)
        assert Period.half(2026, 1).previous() == Period.half(2025, 2)
        assert Period.year_of(2025).next() == Period.year_of(2026)

    @given(st.sampled_from(PeriodKind), calendar_dates(), st.integers(0, 800))
    def test_covering(self, kind: PeriodKind, start: date, length: int) -> None:
        """covering lists consecutive periods from the one holding start to the one holding end."""
        end = start + timedelta(days=length)
        listed = Period.covering(kind, start, end)
        assert start in Window(start=listed[0].start, end=listed[0].end)
        assert end in Window(start=listed[-1].start, end=listed[-1].end)
        for a, b in itertools.pairwise(listed):
            assert a.next() == b

    def test_covering_refuses_reversed_ends(self) -> None:
        """A window ending before it starts is refused."""
        with pytest.raises(DateRangeError):
            Period.covering(PeriodKind.MONTH, date(2025, 2, 1), date(2025, 1, 1))

    @given(st.sampled_from(PeriodKind), calendar_dates())
    def test_containing(self, kind: PeriodKind, d: date) -> None:
        """The period containing a day does contain it."""
        p = Period.containing(kind, d)
        assert p.start <= d <= p.end
        assert p.kind is kind


class TestSendingRule:
    def test_default(self) -> None:
        """The default is two working days after the cut-off."""
        assert SendingRule.default() == SendingRule(kind=SendingRuleKind.AFTER_CUTOFF, value=2)

    @pytest.mark.parametrize(
        ("rule", "period", "due"),
        [
            # Cut-off Sunday 14/12/2025: Monday 15 is the first working day, Tuesday 16 the 2nd.
            (SendingRule.after_cutoff(2), Period.quarter(2025, 4), date(2025, 12, 16)),
            (SendingRule.after_cutoff(2), Period.year_of(2025), date(2025, 12, 16)),
            # Cut-off Sunday 14/9/2025.
            (SendingRule.after_cutoff(2), Period.quarter(2025, 3), date(2025, 9, 16)),
            (SendingRule.after_cutoff(1), Period.quarter(2025, 3), date(2025, 9, 15)),
            # Cut-off Saturday 14/2/2026, then Tết 16–20/02: 23/02 and 24/02.
            (SendingRule.after_cutoff(2), Period.month(2026, 2), date(2026, 2, 24)),
            # Cut-off Friday 14/8/2026; the 2nd working day is Tuesday 18/8.
            (SendingRule.after_cutoff(2), Period.month(2026, 8), date(2026, 8, 18)),
            # The 20th of September 2025 is a Saturday: Monday 22/9.
            (SendingRule.day_of_last_month(20), Period.quarter(2025, 3), date(2025, 9, 22)),
            (SendingRule.day_of_last_month(20), Period.quarter(2025, 4), date(2025, 12, 22)),
            (SendingRule.day_of_last_month(25), Period.year_of(2025), date(2025, 12, 25)),
            # Day 31 in a 30-day month is its last day; 30/6/2026 is a Tuesday.
            (SendingRule.day_of_last_month(31), Period.half(2026, 1), date(2026, 6, 30)),
            # 31/8/2026 is a day off and 1–2/9 too: Thursday 3/9.
            (SendingRule.day_of_last_month(31), Period.month(2026, 8), date(2026, 9, 3)),
        ],
    )
    def test_deadline(self, rule: SendingRule, period: Period, due: date) -> None:
        """Worked examples on the 2025–2026 calendar."""
        assert rule.deadline(period, CAL) == due

    def test_deadline_uses_the_calendar_given(self) -> None:
        """A province's extra day off pushes a deadline."""
        local = WorkCalendar(days_off=[date(2025, 12, 16)])
        assert SendingRule.default().deadline(Period.quarter(2025, 4), local) == date(2025, 12, 17)

    @slow_ok
    @given(sending_rules(), periods(min_year=1902, max_year=2099))
    def test_deadline_leaves_room_after_the_cutoff(self, rule: SendingRule, period: Period) -> None:
        """Every deadline is a working day after the cut-off with a working day to spare.

        Nghị định 09/2019/NĐ-CP, Điều 8: at least one working day between the end of the
        window and the deadline.
        """
        due = rule.deadline(period, CAL)
        cutoff_end = period.cutoff().end
        assert CAL.is_working_day(due)
        assert due > cutoff_end
        if rule.kind is SendingRuleKind.AFTER_CUTOFF:
            assert CAL.working_days_between(cutoff_end, due) == rule.value
        else:
            assert CAL.working_days_between(cutoff_end, due) >= 1

    @pytest.mark.parametrize(
        ("text", "rule"),
        [
            ("2 working days after cut-off", SendingRule.after_cutoff(2)),
            ("1 working day after the cutoff", SendingRule.after_cutoff(1)),
            ("cutoff+3", SendingRule.after_cutoff(3)),
            ("Cut-off + 5", SendingRule.after_cutoff(5)),
            ("2 ngày làm việc sau ngày chốt số liệu", SendingRule.after_cutoff(2)),
            ("02 ngày làm việc kể từ ngày kết thúc chốt số liệu", SendingRule.after_cutoff(2)),
            ("day 20 of the last month", SendingRule.day_of_last_month(20)),
            ("Day 25", SendingRule.day_of_last_month(25)),
            ("ngày 20 tháng cuối kỳ", SendingRule.day_of_last_month(20)),
            ("Ngày 18 của tháng cuối kỳ báo cáo.", SendingRule.day_of_last_month(18)),
        ],
    )
    def test_parse(self, text: str, rule: SendingRule) -> None:
        """Short English and Vietnamese forms read as the rule they state."""
        assert SendingRule.parse(text) == rule

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("day 10 of the last month", "16 to 31"),
            ("day 32", "16 to 31"),
            ("0 working days after cut-off", "at least 1"),
            ("100 working days after cut-off", "at most 99"),
            ("cutoff+99999999999", "too long"),
            ("every other Tuesday", "every other Tuesday"),
        ],
    )
    def test_parse_errors(self, text: str, reason: str) -> None:
        """A rule that is unknown or breaks Decree 09 is refused with the text."""
        with pytest.raises(SendingRuleSyntaxError, match=reason) as info:
            SendingRule.parse(text)
        assert info.value.text == text
        assert "expected e.g." in str(info.value)

    @pytest.mark.parametrize(("day", "ok"), [(15, False), (16, True), (31, True), (32, False)])
    def test_sending_day_bounds(self, day: int, ok: bool) -> None:
        """The day of the last month runs from 16 (the day after the cut-off on the 14th
        plus one working day, Nghị định 09/2019/NĐ-CP, Điều 8 and 12) to 31.
        (tests/mutations/02-periods-sending-day-from-15.patch)"""
        if ok:
            assert SendingRule.day_of_last_month(day).value == day
            assert SendingRule.parse(f"day {day} of the last month").value == day
        else:
            with pytest.raises(SendingRuleError, match="16 to 31"):
                SendingRule.day_of_last_month(day)
            with pytest.raises(SendingRuleSyntaxError, match="16 to 31"):
                SendingRule.parse(f"ngày {day} tháng cuối kỳ")

    def test_impossible_rules(self) -> None:
        """Direct construction checks the same limits."""
        with pytest.raises(SendingRuleError):
            SendingRule.day_of_last_month(14)
        with pytest.raises(SendingRuleError):
            SendingRule.after_cutoff(0)

    @given(sending_rules())
    def test_round_trip(self, rule: SendingRule) -> None:
        """A rule reads back from its text."""
        assert SendingRule.parse(str(rule)) == rule

    @given(
        st.text(max_size=40)
        | sending_rules().map(str)
        | sending_rules().map(lambda r: str(r).upper())
    )
    def test_parse_fuzz(self, text: str) -> None:
        """Any text gives a rule or a SendingRuleSyntaxError keeping the text; a rule read
        is a legal one (16 to 31, or 1 to 99 working days) whose text reads back as it."""
        try:
            rule = SendingRule.parse(text)
        except SendingRuleSyntaxError as exc:
            error: SendingRuleSyntaxError | None = exc
        else:
            error = None
        if error is not None:
            assert error.text == text
        else:
            assert SendingRule.parse(str(rule)) == rule
            assert str(rule.value) in text
            limits = (16, 31) if rule.kind is SendingRuleKind.DAY_OF_LAST_MONTH else (1, 99)
            assert limits[0] <= rule.value <= limits[1]


_EXPECTED_RULE = "(expected e.g. '2 working days after cut-off' or 'day 20 of the last month')"


class TestMessages:
    """The exact words of the errors, which a person reads to fix a plan file (found by
    mutation testing: only parts of them were checked)."""

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("mùa thu 2025", "expected e.g. 'Quý IV/2025' or '2025-Q4'"),
            ("2025X", "expected e.g. 'Quý IV/2025' or '2025-Q4'"),
            ("Quý I/0202", "a year has four digits, not '0202'"),
            ("Quý V/2025", "a quarter is I, II, III or IV"),
            ("Quý A/2025", "a quarter is I, II, III or IV"),
        ],
    )
    def test_period(self, text: str, reason: str) -> None:
        with pytest.raises(PeriodSyntaxError) as info:
            Period.parse(text)
        assert (info.value.text, info.value.reason) == (text, reason)
        assert str(info.value) == f"not a reporting period {text!r}: {reason}"

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("day 32", "the sending day must be 16 to 31 (after the cut-off on the 14th), not 32"),
            ("cutoff+999999", "at most 99 working days after the cut-off, not 999999"),
            ("cutoff+1234567", "'1234567' is too long a number"),
            ("every other Tuesday", ""),
            ("day 20X", ""),
        ],
    )
    def test_sending_rule(self, text: str, reason: str) -> None:
        with pytest.raises(SendingRuleSyntaxError) as info:
            SendingRule.parse(text)
        assert (info.value.text, info.value.reason) == (text, reason)
        said = f": {reason}" if reason else ""
        assert str(info.value) == f"not a sending rule {text!r}{said} {_EXPECTED_RULE}"

    def test_sending_rule_error_without_reason(self) -> None:
        error = SendingRuleSyntaxError("x")
        assert (error.reason, str(error)) == ("", f"not a sending rule 'x' {_EXPECTED_RULE}")


class TestImpossiblePeriodMessages:
    def test_year_out_of_range(self) -> None:
        with pytest.raises(PeriodError) as info:
            Period.year_of(10000)
        assert str(info.value) == "year 10000 is not a four-digit year"

    def test_index_out_of_range(self) -> None:
        with pytest.raises(PeriodError) as info:
            Period.quarter(2025, 5)
        assert str(info.value) == "a quarter index must be 1 to 4, not 5"


class TestOtherTypes:
    @pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
    def test_ordering_with_a_non_period(self, op: str) -> None:
        with pytest.raises(TypeError):
            eval(f"Period.year_of(2025) {op} 2025")

    def test_window_holds_only_dates(self) -> None:
        window = Window(start=date(2025, 9, 15), end=date(2025, 12, 14))
        assert date(2025, 10, 1) in window
        assert "2025-10-01" not in window
        assert None not in window
