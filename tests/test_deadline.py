"""Tests for kh_tthc.deadline: completion-time phrases, their canonical text and due dates."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kh_tthc import KhTthcError
from kh_tthc.calendar import DateRangeError, WorkCalendar
from kh_tthc.deadline import (
    ByDate,
    ByPeriod,
    CalendarDays,
    DateWording,
    Deadline,
    DeadlineValueError,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Unspecified,
    WorkingDays,
    parse_deadline,
)
from kh_tthc.errors import DeadlineSyntaxError
from kh_tthc.periods import Period, SendingRule
from tests.strategies_time import deadline_phrases, deadlines, on_events

CAL = WorkCalendar.vietnam()
slow_ok = settings(deadline=None)

Q = Frequency.QUARTER
Y = Frequency.YEAR


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Ongoing.
            ("Thường xuyên", Ongoing(wording=OngoingWording.REGULAR)),
            ("Liên tục", Ongoing(wording=OngoingWording.CONTINUOUS)),
            ("Thường xuyên, liên tục", Ongoing(wording=OngoingWording.REGULAR_CONTINUOUS)),
            ("Hằng ngày", Ongoing(wording=OngoingWording.DAILY)),
            # On an event.
            ("Khi có phát sinh", OnEvent(form=EventForm.WHEN, event="phát sinh")),
            ("Khi có yêu cầu", OnEvent(form=EventForm.WHEN, event="yêu cầu")),
            ("Khi phát sinh", OnEvent(form=EventForm.WHEN, event="phát sinh")),
            ("Đột xuất", OnEvent(form=EventForm.AD_HOC)),
            ("Theo yêu cầu", OnEvent(form=EventForm.ON_REQUEST)),
            (
                "Theo yêu cầu của UBND tỉnh",
                OnEvent(form=EventForm.ON_REQUEST, event="UBND tỉnh"),
            ),
            (
                "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                OnEvent(
                    form=EventForm.WITHIN_TERM,
                    limit=WorkingDays(5),
                    event="ngày nhận đủ hồ sơ hợp lệ",
                ),
            ),
            (
                "Trong vòng 10 ngày kể từ ngày ký",
                OnEvent(form=EventForm.WITHIN, limit=CalendarDays(10), event="ngày ký"),
            ),
            (
                "Trong 3 ngày làm việc",
                OnEvent(form=EventForm.IN, limit=WorkingDays(3)),
            ),
            # By a date.
            ("Trước ngày 15/12/2025", ByDate(day=date(2025, 12, 15))),
            ("Trước 30/9/2025", ByDate(day=date(2025, 9, 30))),
            ("Ngày 20/11/2025", ByDate(day=date(2025, 11, 20), wording=DateWording.ON)),
            ("20/11/2025", ByDate(day=date(2025, 11, 20), wording=DateWording.ON)),
            ("2025-11-20", ByDate(day=date(2025, 11, 20), wording=DateWording.ON)),
            (
                "Chậm nhất ngày 15/12/2025",
                ByDate(day=date(2025, 12, 15), wording=DateWording.NO_LATER_THAN),
            ),
            (
                "Hoàn thành trước ngày 15/12/2025",
                ByDate(day=date(2025, 12, 15), wording=DateWording.COMPLETE_BEFORE),
            ),
            ("Trước ngày 5 tháng 8 năm 2025", ByDate(day=date(2025, 8, 5))),
            ("Trước ngày 15.12.2025", ByDate(day=date(2025, 12, 15))),
            # By a period.
            ("Năm 2025", ByPeriod(period=Period.year_of(2025))),
            ("Trong năm 2025", ByPeriod(period=Period.year_of(2025))),
            ("Quý IV/2025", ByPeriod(period=Period.quarter(2025, 4))),
            ("Quý I năm 2026", ByPeriod(period=Period.quarter(2026, 1))),
            ("Tháng 10/2025", ByPeriod(period=Period.month(2025, 10))),
            ("Trong tháng 10/2025", ByPeriod(period=Period.month(2025, 10))),
            ("6 tháng đầu năm 2026", ByPeriod(period=Period.half(2026, 1))),
            ("6 tháng cuối năm 2025", ByPeriod(period=Period.half(2025, 2))),
            # Periodic.
            ("Định kỳ hàng quý, năm", Periodic(frequencies=(Q, Y))),
            ("Định kỳ hằng quý, năm", Periodic(frequencies=(Q, Y))),
            ("Định kỳ hàng năm, quý", Periodic(frequencies=(Q, Y))),
            ("Định kỳ hàng quý, hàng năm", Periodic(frequencies=(Q, Y))),
            ("Định kỳ hàng quý và năm", Periodic(frequencies=(Q, Y))),
            ("Định kỳ hằng quý, 6 tháng, năm", Periodic(frequencies=(Q, Frequency.HALF, Y))),
            ("Hằng tháng", Periodic(frequencies=(Frequency.MONTH,), regular=False)),
            ("Hằng tuần", Periodic(frequencies=(Frequency.WEEK,), regular=False)),
            ("Định kỳ 6 tháng", Periodic(frequencies=(Frequency.HALF,))),
            ("Hằng năm", Periodic(frequencies=(Y,), regular=False)),
        ],
    )
    def test_known_forms(self, text: str, expected: Deadline) -> None:
        """Each documented phrase reads as the value it means."""
        assert parse_deadline(text) == expected
        assert parse_deadline(text, strict=True) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "thường xuyên",
            "THƯỜNG XUYÊN",
            "  Thường   xuyên  ",
            "Thường xuyên.",
            "Thường xuyên .",
            "\tThường\nxuyên",
            unicodedata.normalize("NFD", "Thường xuyên"),
        ],
    )
    def test_tolerance(self, text: str) -> None:
        """Case, spaces, a final full stop and decomposed Unicode do not matter."""
        assert parse_deadline(text) == Ongoing()

    @slow_ok
    @given(deadline_phrases())
    def test_tolerance_property(self, case: tuple[Deadline, str]) -> None:
        """Any messy typing of a phrase without free text reads as the same deadline."""
        deadline, text = case
        assert parse_deadline(text) == deadline

    def test_known_events_keep_one_spelling(self) -> None:
        """ "KHI CÓ PHÁT SINH" is the same deadline as "Khi có phát sinh"."""
        assert parse_deadline("KHI CÓ PHÁT SINH") == parse_deadline("Khi có phát sinh")
        assert str(parse_deadline("KHI CÓ PHÁT SINH")) == "Khi có phát sinh"

    def test_free_text_is_kept_as_written(self) -> None:
        """An event's own words keep their case; only the keywords are read loosely."""
        d = parse_deadline("KHI CÓ Văn bản chỉ đạo của Tỉnh ủy")
        assert d == OnEvent(event="Văn bản chỉ đạo của Tỉnh ủy")


class TestUnrecognised:
    @pytest.mark.parametrize(
        "text",
        [
            "Theo tiến độ của dự án",
            "Quý V/2025",
            "Trước ngày 31/02/2025",
            "Năm 20255",
            "Định kỳ",
            "Trong thời hạn 0 ngày",
            "Khi có",
            "Thuong xuyen",
        ],
    )
    def test_kept_verbatim(self, text: str) -> None:
        """Text of no known form, or an impossible one, becomes Unspecified with the text."""
        assert parse_deadline(f"  {text}  ") == Unspecified(text=text)

    def test_text_is_nfc_and_trimmed_only(self) -> None:
        """Unspecified keeps inner spacing and a final stop; it only composes and trims."""
        raw = unicodedata.normalize("NFD", "  Theo  tiến độ.  ")
        d = parse_deadline(raw)
        assert d == Unspecified(text="Theo  tiến độ.")
        assert str(d) == "Theo  tiến độ."

    @pytest.mark.parametrize("text", ["", "   ", ".", " . . ", "\n"])
    def test_empty_always_raises(self, text: str) -> None:
        """An empty phrase is an error even when not strict."""
        with pytest.raises(DeadlineSyntaxError, match="empty"):
            parse_deadline(text)
        with pytest.raises(DeadlineSyntaxError, match="empty"):
            parse_deadline(text, strict=True)

    @pytest.mark.parametrize(
        ("text", "reason", "suggestion"),
        [
            ("Trước ngày 31/02/2025", "31/02/2025 is not a date", "Trước ngày 15/12/2025"),
            ("Quý V/2025", "a quarter is I, II, III or IV", "Quý IV/2025"),
            ("Năm 20255", "a year has four digits", "Năm 2025"),
            ("Trong thời hạn 0 ngày làm việc", "a time limit is 1 to 9999 days", None),
            ("Thuong xuyen", "", "Thường xuyên"),
            ("Dinh ky hang quy, nam", "", "Định kỳ hàng quý, năm"),
        ],
    )
    def test_strict(self, text: str, reason: str, suggestion: str | None) -> None:
        """Strict parsing names the phrase, the reason and the closest known forms."""
        with pytest.raises(DeadlineSyntaxError) as info:
            parse_deadline(text, strict=True)
        error = info.value
        assert error.phrase == text
        assert error.reason.startswith(reason)
        assert text in str(error)
        if suggestion is not None:
            assert error.suggestions[0] == suggestion
        assert 1 <= len(error.suggestions) <= 3

    def test_construction_never_fails(self) -> None:
        """Unspecified accepts any text, even empty."""
        assert Unspecified(text="").text == ""

    @given(st.text())
    def test_construction_never_fails_property(self, text: str) -> None:
        """Unspecified accepts any text and keeps it NFC and trimmed."""
        assert Unspecified(text=text).text == unicodedata.normalize("NFC", text).strip()


class TestCanonical:
    @pytest.mark.parametrize(
        "text",
        [
            # The phrases of the seed plan print exactly as the plan writes them.
            "Thường xuyên",
            "Khi có phát sinh",
            "Năm 2025",
            "Định kỳ hàng quý, năm",
            # Distinct wordings survive.
            "Liên tục",
            "Khi có yêu cầu",
            "Đột xuất",
            "Theo yêu cầu của Văn phòng UBND tỉnh",
            "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "Trong vòng 10 ngày kể từ ngày nhận được văn bản",
            "Trước ngày 15/12/2025",
            "Ngày 20/11/2025",
            "Chậm nhất ngày 15/12/2025",
            "Hoàn thành trước ngày 15/12/2025",
            "Quý IV/2025",
            "Tháng 10/2025",
            "6 tháng đầu năm 2026",
            "6 tháng cuối năm 2025",
            "Định kỳ 6 tháng",
        ],
    )
    def test_canonical_phrases_print_as_written(self, text: str) -> None:
        """A phrase already in canonical form prints back unchanged."""
        assert str(parse_deadline(text)) == text

    @pytest.mark.parametrize(
        ("text", "canonical"),
        [
            ("Trước 30/9/2025", "Trước ngày 30/9/2025"),
            ("Trước ngày 5/1/2026", "Trước ngày 05/01/2026"),
            ("Trong năm 2025", "Năm 2025"),
            ("Quý I năm 2026", "Quý I/2026"),
            ("Trong tháng 10/2025", "Tháng 10/2025"),
            ("Định kỳ hằng quý, 6 tháng, năm", "Định kỳ hàng quý, 6 tháng, năm"),
            ("Hằng tháng", "Hàng tháng"),
            ("Trong vòng 5 ngày", "Trong vòng 05 ngày"),
            ("khi có phát sinh.", "Khi có phát sinh"),
        ],
    )
    def test_variants_print_canonically(self, text: str, canonical: str) -> None:
        """Variants print in the one canonical wording (dates the Decree 30 way)."""
        assert str(parse_deadline(text)) == canonical

    @slow_ok
    @given(deadlines())
    def test_round_trip(self, deadline: Deadline) -> None:
        """parse_deadline(str(d)) == d for every deadline value."""
        assert parse_deadline(str(deadline)) == deadline

    @given(deadlines())
    def test_kind(self, deadline: Deadline) -> None:
        """.kind is one of the six documented names."""
        assert deadline.kind in {
            "ongoing",
            "on_event",
            "by_date",
            "by_period",
            "periodic",
            "unspecified",
        }


class TestFuzz:
    @given(st.text())
    @example("Trong vòng 99999999999999 ngày")
    @example("Năm " + "9" * 5000)
    @example("Quý MMMMM/2025")
    @example("Trước ngày 0/0/0000")
    @example("Khi có . . .")
    def test_lenient_never_fails_on_text(self, text: str) -> None:
        """Any non-empty text gives a Deadline; only the empty phrase raises."""
        blank = all(c.isspace() or c == "." for c in text)
        try:
            d = parse_deadline(text)
        except DeadlineSyntaxError:
            assert blank
        else:
            assert not blank
            assert str(d)

    @given(st.text())
    def test_strict_raises_only_the_declared_error(self, text: str) -> None:
        """Strict parsing gives a Deadline other than Unspecified, or a DeadlineSyntaxError."""
        try:
            d = parse_deadline(text, strict=True)
        except DeadlineSyntaxError:
            return
        assert not isinstance(d, Unspecified)

    def test_the_declared_error_is_a_library_error(self) -> None:
        """DeadlineSyntaxError is a KhTthcError and a ValueError."""
        assert issubclass(DeadlineSyntaxError, KhTthcError)
        assert issubclass(DeadlineSyntaxError, ValueError)

    @given(st.text(alphabet="Quýnăm tháng IVX0123456789/.-,hàngđịnhkỳ", max_size=25))
    def test_strict_agrees_with_lenient(self, text: str) -> None:
        """Strict raises exactly where lenient gives Unspecified or the phrase is empty."""
        lenient: Deadline | None
        strict: Deadline | None
        try:
            lenient = parse_deadline(text)
        except DeadlineSyntaxError:
            lenient = None
        try:
            strict = parse_deadline(text, strict=True)
        except DeadlineSyntaxError:
            strict = None
        if lenient is None or isinstance(lenient, Unspecified):
            assert strict is None
        else:
            assert strict == lenient


class TestValues:
    def test_on_event_defaults(self) -> None:
        """OnEvent() is "Khi có phát sinh"; a limit alone makes "Trong thời hạn …"."""
        assert str(OnEvent()) == "Khi có phát sinh"
        assert str(OnEvent(event="văn bản chỉ đạo")) == "Khi có văn bản chỉ đạo"
        assert str(OnEvent(limit=CalendarDays(30))) == "Trong thời hạn 30 ngày"

    @pytest.mark.parametrize(
        "build",
        [
            lambda: OnEvent(form=EventForm.WHEN, event=None),
            lambda: OnEvent(form=EventForm.WHEN, event=" . "),
            lambda: OnEvent(form=EventForm.AD_HOC, event="x"),
            lambda: OnEvent(form=EventForm.ON_REQUEST, limit=WorkingDays(1)),
            lambda: OnEvent(form=EventForm.WITHIN, limit=None),
            lambda: WorkingDays(0),
            lambda: CalendarDays(10000),
            lambda: ByDate(day=date(999, 1, 1)),
            lambda: Periodic(frequencies=()),
        ],
    )
    def test_impossible_values(self, build: object) -> None:
        """Parts that do not fit together are refused with a library error."""
        with pytest.raises(DeadlineValueError):
            build()  # type: ignore[operator]

    def test_limit_types_differ(self) -> None:
        """Five working days are not five calendar days."""
        assert WorkingDays(5) != CalendarDays(5)
        assert str(WorkingDays(5)) == "05 ngày làm việc"
        assert str(CalendarDays(5)) == "05 ngày"

    def test_frequencies_are_ordered_and_unique(self) -> None:
        """Frequencies are stored once each, shortest first, as a tuple."""
        d = Periodic(frequencies=[Y, Q, Y])
        assert d.frequencies == (Q, Y)

    @given(deadlines())
    def test_hashable_and_frozen(self, d: Deadline) -> None:
        """Deadlines are immutable values usable as dict keys."""
        assert {d: 1}[d] == 1
        with pytest.raises(AttributeError):
            d.kind = "x"  # type: ignore[misc]


class TestDueAfter:
    @pytest.mark.parametrize(
        ("text", "event", "due"),
        [
            # Working days count from the day after: Mon 13/10/2025 + 5 = Mon 20/10.
            ("Trong thời hạn 05 ngày làm việc", date(2025, 10, 13), date(2025, 10, 20)),
            # Over Tết 2026 (16–20/02).
            ("Trong thời hạn 03 ngày làm việc", date(2026, 2, 12), date(2026, 2, 24)),
            # Swapped Saturday 22/8/2026 counts; Monday 31/8 and 1–2/9 do not.
            ("Trong thời hạn 02 ngày làm việc", date(2026, 8, 21), date(2026, 8, 24)),
            ("Trong thời hạn 06 ngày làm việc", date(2026, 8, 21), date(2026, 8, 28)),
            ("Trong thời hạn 07 ngày làm việc", date(2026, 8, 21), date(2026, 9, 3)),
            # Calendar days: 10 days after 5/11/2025 is Saturday 15/11, moved to Monday 17/11.
            ("Trong vòng 10 ngày", date(2025, 11, 5), date(2025, 11, 17)),
            # ... and a last day that is a working day stays.
            ("Trong vòng 10 ngày", date(2025, 11, 3), date(2025, 11, 13)),
            # 30 days after 1/4/2026 is 1/5/2026, Labour Day: Monday 4/5.
            ("Trong vòng 30 ngày", date(2026, 4, 1), date(2026, 5, 4)),
        ],
    )
    def test_examples(self, text: str, event: date, due: date) -> None:
        """Time limits end where the Civil Code, Điều 147–148, says."""
        d = parse_deadline(text)
        assert isinstance(d, OnEvent)
        assert d.due_after(event) == due
        assert d.due_after(event, CAL) == due

    def test_no_limit(self) -> None:
        """Without a time limit there is no date."""
        d = parse_deadline("Khi có phát sinh")
        assert isinstance(d, OnEvent)
        assert d.due_after(date(2025, 10, 1)) is None

    def test_uses_the_calendar_given(self) -> None:
        """A province's extra day off is skipped."""
        d = OnEvent(limit=WorkingDays(1))
        local = WorkCalendar(days_off=[date(2025, 10, 14)])
        assert d.due_after(date(2025, 10, 13), local) == date(2025, 10, 15)

    @slow_ok
    @given(
        on_events().filter(lambda d: d.limit is not None),
        st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31)),
    )
    def test_always_a_later_working_day(self, d: OnEvent, event: date) -> None:
        """A time limit ends on a working day after the event."""
        if d.limit is not None and d.limit.days > 3000:
            return
        due = d.due_after(event)
        assert due is not None
        assert due > event
        assert CAL.is_working_day(due)


ALL_2025 = (date(2025, 1, 1), date(2025, 12, 31))


class TestDueDates:
    def test_by_date(self) -> None:
        """A date deadline gives itself when inside the window."""
        d = parse_deadline("Trước ngày 15/12/2025")
        assert d.due_dates(*ALL_2025) == [date(2025, 12, 15)]
        assert d.due_dates(date(2025, 12, 16), date(2025, 12, 31)) == []
        assert d.due_dates(date(2025, 12, 15), date(2025, 12, 15)) == [date(2025, 12, 15)]

    def test_by_date_on_a_day_off_stays_and_is_flagged(self) -> None:
        """A date the plan names stays even on a day off, and says so."""
        d = parse_deadline("Ngày 02/5/2025")
        assert isinstance(d, ByDate)
        assert d.due_dates(*ALL_2025) == [date(2025, 5, 2)]
        assert d.falls_on_day_off()
        assert not parse_deadline("Ngày 05/5/2025").falls_on_day_off()  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "due"),
        [
            ("Năm 2025", date(2025, 12, 31)),
            ("Quý IV/2025", date(2025, 12, 31)),
            ("Quý III/2025", date(2025, 9, 30)),
            ("Tháng 2/2025", date(2025, 2, 28)),
            ("6 tháng đầu năm 2025", date(2025, 6, 30)),
        ],
    )
    def test_by_period(self, text: str, due: date) -> None:
        """A period deadline gives the period's last day."""
        assert parse_deadline(text).due_dates(*ALL_2025) == [due]

    def test_by_period_outside(self) -> None:
        """A period ending outside the window gives nothing."""
        assert parse_deadline("Năm 2026").due_dates(*ALL_2025) == []

    def test_by_period_on_a_day_off_is_flagged(self) -> None:
        """31/8/2026 is a swapped day off: kept, and flagged."""
        d = parse_deadline("Tháng 8/2026")
        assert isinstance(d, ByPeriod)
        assert d.due_dates(date(2026, 8, 1), date(2026, 9, 30)) == [date(2026, 8, 31)]
        assert d.falls_on_day_off()

    def test_quarterly_and_yearly(self) -> None:
        """Quarterly and yearly give both series, on the default sending rule.

        The cut-offs of 2025 end on 14/3 (Fri), 14/6 (Sat), 14/9 (Sun) and 14/12 (Sun);
        two working days later: 18/3, 17/6, 16/9, 16/12. The year's report shares 16/12.
        """
        d = parse_deadline("Định kỳ hàng quý, năm")
        assert isinstance(d, Periodic)
        assert d.due_dates(*ALL_2025) == [
            date(2025, 3, 18),
            date(2025, 6, 17),
            date(2025, 9, 16),
            date(2025, 12, 16),
        ]
        sent = d.sendings(*ALL_2025)
        assert [(s.due, s.label) for s in sent] == [
            (date(2025, 3, 18), "Quý I/2025"),
            (date(2025, 6, 17), "Quý II/2025"),
            (date(2025, 9, 16), "Quý III/2025"),
            (date(2025, 12, 16), "Quý IV/2025"),
            (date(2025, 12, 16), "Năm 2025"),
        ]
        assert sent[-1].period == Period.year_of(2025)
        assert sent[-1].frequency is Frequency.YEAR

    def test_yearly_alone(self) -> None:
        """A yearly report over a window that holds only its deadline."""
        d = Periodic(frequencies=[Y], regular=False)
        assert d.due_dates(date(2025, 12, 1), date(2025, 12, 31)) == [date(2025, 12, 16)]
        assert d.due_dates(date(2025, 1, 1), date(2025, 11, 30)) == []

    def test_with_another_sending_rule(self) -> None:
        """The 20th of the last month, moved off weekends: 20/9 and 20/12/2025 are Saturdays."""
        d = parse_deadline("Định kỳ hàng quý")
        rule = SendingRule.day_of_last_month(20)
        assert d.due_dates(*ALL_2025, reporting=rule) == [
            date(2025, 3, 20),
            date(2025, 6, 20),
            date(2025, 9, 22),
            date(2025, 12, 22),
        ]

    def test_half_yearly(self) -> None:
        """Half-year cut-offs end on 14/6 and 14/12."""
        d = parse_deadline("Định kỳ 6 tháng")
        assert d.due_dates(*ALL_2025) == [date(2025, 6, 17), date(2025, 12, 16)]

    def test_monthly_over_tet(self) -> None:
        """February 2026's cut-off is Saturday 14/02; Tết pushes the deadline to 24/02."""
        d = parse_deadline("Hằng tháng")
        assert d.due_dates(date(2026, 2, 1), date(2026, 2, 28)) == [date(2026, 2, 24)]
        assert len(d.due_dates(date(2026, 1, 1), date(2026, 12, 31))) == 12

    def test_deadline_just_after_the_window_start(self) -> None:
        """A report due long after its period ends is still found in the window."""
        d = Periodic(frequencies=[Y])
        rule = SendingRule.after_cutoff(40)
        due = rule.deadline(Period.year_of(2025), CAL)
        assert due.year == 2026
        assert d.due_dates(date(2026, 1, 1), date(2026, 3, 31), reporting=rule) == [due]

    def test_weekly(self) -> None:
        """Weekly reports fall on Fridays; Friday 2/5/2025 (off) moves to Monday 5/5."""
        d = parse_deadline("Hằng tuần")
        assert isinstance(d, Periodic)
        assert d.due_dates(date(2025, 4, 21), date(2025, 5, 11)) == [
            date(2025, 4, 25),
            date(2025, 5, 5),
            date(2025, 5, 9),
        ]
        labels = [s.label for s in d.sendings(date(2025, 4, 21), date(2025, 5, 11))]
        assert labels == ["Tuần 17/2025", "Tuần 18/2025", "Tuần 19/2025"]

    @pytest.mark.parametrize("text", ["Thường xuyên", "Khi có phát sinh", "Theo tiến độ"])
    def test_no_dates(self, text: str) -> None:
        """Ongoing, on-event and unrecognised deadlines give no dates."""
        assert parse_deadline(text).due_dates(*ALL_2025) == []

    @given(deadlines())
    def test_reversed_window_is_an_error(self, d: Deadline) -> None:
        """Every kind refuses a window that ends before it starts, naming both days."""
        with pytest.raises(DateRangeError) as info:
            d.due_dates(date(2025, 12, 31), date(2025, 1, 1))
        assert "2025-12-31" in str(info.value)
        assert "2025-01-01" in str(info.value)

    @slow_ok
    @given(
        deadlines(),
        st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
        st.integers(0, 800),
    )
    def test_dates_are_inside_and_sorted(self, d: Deadline, start: date, length: int) -> None:
        """Due dates lie inside the window, in order, each once."""
        end = date.fromordinal(start.toordinal() + length)
        found = d.due_dates(start, end)
        assert found == sorted(set(found))
        assert all(start <= x <= end for x in found)

    @slow_ok
    @given(st.sets(st.sampled_from(Frequency), min_size=1), st.integers(1995, 2090))
    def test_periodic_dates_are_working_days(self, frequencies: set[Frequency], year: int) -> None:
        """Every computed sending deadline is a working day."""
        d = Periodic(frequencies=tuple(frequencies))
        for due in d.due_dates(date(year, 1, 1), date(year, 12, 31)):
            assert CAL.is_working_day(due)

    @slow_ok
    @given(st.sets(st.sampled_from(list(Frequency)[1:]), min_size=1), st.integers(1995, 2090))
    def test_one_sending_per_period(self, frequencies: set[Frequency], year: int) -> None:
        """Over a whole year after the first cut-off, each period of each kind is due once."""
        d = Periodic(frequencies=tuple(frequencies))
        sent = d.sendings(date(year, 1, 1), date(year, 12, 31))
        for f in frequencies:
            mine = [s for s in sent if s.frequency is f]
            assert len(mine) == len({s.period for s in mine})
            assert len(mine) == 12 // {"tháng": 1, "quý": 3, "6 tháng": 6, "năm": 12}[f.value]
