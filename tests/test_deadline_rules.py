"""Scheduling rules of periodic deadlines, through the public API only.

Written for issue 11 as the net under the rebuild of the deadline parser: these tests use
``Periodic``, ``Frequency``, ``SendingRule`` and ``Sending`` as exported from ``kh_tthc``,
never the parser's helpers or its wording, so they hold whatever the parser becomes. Each
names the patch in ``tests/mutations/`` it kills.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import Frequency, Period, Periodic, SendingRule, WorkCalendar

CAL = WorkCalendar.vietnam()


def quarterly(rule: SendingRule, start: date, end: date) -> list[tuple[date, str]]:
    sendings = Periodic(frequencies=[Frequency.QUARTER]).sendings(start, end, reporting=rule)
    return [(s.due, s.label) for s in sendings]


class TestQuarterlyReach:
    """A late sending rule puts a quarter's report in a later quarter: the search for
    reports due in a window must reach back far enough (03-deadline-quarterly-reach)."""

    def test_99_working_days_after_cut_off(self) -> None:
        """Quý IV/2025 closes its data on 14/12/2025; 99 working days later (Tết 2026 and
        the 30/4–1/5 holidays skipped) is Wednesday 13/5/2026."""
        rule = SendingRule.after_cutoff(99)
        assert rule.deadline(Period.quarter(2025, 4)) == date(2026, 5, 13)
        assert quarterly(rule, date(2026, 5, 1), date(2026, 5, 31)) == [
            (date(2026, 5, 13), "Quý IV/2025")
        ]

    @given(
        st.integers(1, 99),
        st.dates(date(2024, 1, 1), date(2027, 12, 31)),
        st.integers(0, 120),
    )
    def test_every_report_due_in_the_window_is_found(
        self, n: int, start: date, length: int
    ) -> None:
        """The sendings in a window are exactly the quarters whose rule's day falls in it,
        worked out quarter by quarter from the rule."""
        rule = SendingRule.after_cutoff(n)
        end = start + timedelta(days=length)
        expected = []
        for year in range(start.year - 2, end.year + 1):
            for q in range(1, 5):
                due = rule.deadline(Period.quarter(year, q))
                if start <= due <= end:
                    expected.append((due, Period.quarter(year, q).label))
        assert quarterly(rule, start, end) == sorted(expected)


class TestWeeklyLookBack:
    """A week's report is due on its Friday, moved to the next working day when the Friday
    is off; a report moved out of its own week into the window must still be found
    (04-deadline-weekly-look-back)."""

    def test_friday_off_rolls_into_the_next_week(self) -> None:
        """Week 18/2025 (28/4–4/5): Friday 2/5/2025 is the day off swapped for Saturday
        26/4, so its report is due Monday 5/5/2025."""
        weekly = Periodic(frequencies=[Frequency.WEEK])
        sendings = weekly.sendings(date(2025, 5, 5), date(2025, 5, 5))
        assert [(s.due, s.label) for s in sendings] == [(date(2025, 5, 5), "Tuần 18/2025")]
        assert weekly.due_dates(date(2025, 5, 5), date(2025, 5, 9)) == [
            date(2025, 5, 5),
            date(2025, 5, 9),
        ]

    @given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 40))
    def test_each_week_once_on_its_first_working_day_from_friday(
        self, start: date, length: int
    ) -> None:
        end = start + timedelta(days=length)
        expected = []
        monday = start - timedelta(days=start.weekday() + 14)
        while monday <= end:
            due = CAL.working_day_on_or_after(monday + timedelta(days=4))
            if start <= due <= end:
                year, week, _ = monday.isocalendar()
                expected.append((due, f"Tuần {week}/{year}"))
            monday += timedelta(days=7)
        got = Periodic(frequencies=[Frequency.WEEK]).sendings(start, end)
        assert [(s.due, s.label) for s in got] == expected


@pytest.mark.parametrize("frequency", [Frequency.MONTH, Frequency.HALF, Frequency.YEAR])
def test_other_frequencies_reach_back_too(frequency: Frequency) -> None:
    """The longest rule (99 working days) still finds the report of an earlier period."""
    rule = SendingRule.after_cutoff(99)
    window_end = date(2027, 12, 31)
    got = Periodic(frequencies=[frequency]).sendings(date(2026, 1, 1), window_end, reporting=rule)
    kind = frequency.period_kind
    assert kind is not None
    expected = sorted(
        rule.deadline(p)
        for p in Period.covering(kind, date(2025, 1, 1), window_end)
        if date(2026, 1, 1) <= rule.deadline(p) <= window_end
    )
    assert [s.due for s in got] == expected
