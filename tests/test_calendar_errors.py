"""A calendar given a bad day or count says which method and which argument, exactly.

Written for issue 11 from mutation testing of ``kh_tthc.calendar``: the messages are the
behaviour a caller sees (the CLI prints them), so each is asserted whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from kh_tthc import WorkCalendar
from kh_tthc.convert import FieldTypeError, FieldValueError

CAL = WorkCalendar(public_holidays=False)
DAY = date(2025, 1, 2)


class TestConstructor:
    @pytest.mark.parametrize(
        ("days_off", "working_days", "message"),
        [
            (
                ["2025-13-01"],
                (),
                "WorkCalendar.days_off[0]: invalid date '2025-13-01' (expected YYYY-MM-DD)",
            ),
            (
                (),
                ["2025-10-01", "x"],
                "WorkCalendar.working_days[1]: invalid date 'x' (expected YYYY-MM-DD)",
            ),
        ],
    )
    def test_a_bad_day(self, days_off: list[str], working_days: list[str], message: str) -> None:
        with pytest.raises(FieldValueError) as info:
            WorkCalendar(days_off=days_off, working_days=working_days)
        assert str(info.value) == message

    def test_a_string_for_the_days_off(self) -> None:
        with pytest.raises(FieldTypeError) as info:
            WorkCalendar(days_off="2025-10-01")  # type: ignore[arg-type]
        assert str(info.value) == (
            "WorkCalendar.days_off: expected a list of dates such as "
            "[\"2025-09-01\"], got the string '2025-10-01'"
        )

    def test_a_string_for_the_working_days(self) -> None:
        with pytest.raises(FieldTypeError) as info:
            WorkCalendar(working_days="2025-10-04")  # type: ignore[arg-type]
        assert str(info.value) == (
            "WorkCalendar.working_days: expected a list of dates such as "
            "[\"2025-09-01\"], got the string '2025-10-04'"
        )


class TestMethods:
    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (
                lambda: CAL.next_working_day("2025-02-30"),
                "next_working_day.d: invalid date '2025-02-30'",
            ),
            (lambda: CAL.previous_working_day("x"), "previous_working_day.d: invalid date 'x'"),
            (
                lambda: CAL.working_days_between("x", DAY),
                "working_days_between.a: invalid date 'x'",
            ),
            (
                lambda: CAL.working_days_between(DAY, "y"),
                "working_days_between.b: invalid date 'y'",
            ),
            (lambda: CAL.holiday_name("x"), "holiday_name.d: invalid date 'x'"),
            (lambda: CAL.days_off_between("x", DAY), "days_off_between.start: invalid date 'x'"),
            (lambda: CAL.days_off_between(DAY, "y"), "days_off_between.end: invalid date 'y'"),
        ],
    )
    def test_a_bad_date(self, call: Callable[[], object], message: str) -> None:
        with pytest.raises(FieldValueError) as info:
            call()
        assert str(info.value) == f"WorkCalendar.{message} (expected YYYY-MM-DD)"

    def test_a_count_that_is_not_whole(self) -> None:
        with pytest.raises(FieldTypeError) as info:
            CAL.add_working_days(DAY, 1.5)  # type: ignore[arg-type]
        assert str(info.value) == (
            "WorkCalendar.add_working_days.n: expected a whole number, got the number 1.5"
        )
        assert info.value.expected == "a whole number"
        assert info.value.got == "the number 1.5"


class TestMoreArguments:
    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: CAL.is_working_day("x"), "is_working_day.d: invalid date 'x'"),
            (lambda: CAL.add_working_days("x", 1), "add_working_days.d: invalid date 'x'"),
            (
                lambda: CAL.working_day_on_or_after("2025-9-6"),
                "working_day_on_or_after.d: invalid date '2025-9-6'",
            ),
        ],
    )
    def test_a_bad_date(self, call: Callable[[], object], message: str) -> None:
        with pytest.raises(FieldValueError) as info:
            call()
        assert str(info.value) == f"WorkCalendar.{message} (expected YYYY-MM-DD)"

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (
                lambda: CAL.is_working_day(5),
                "is_working_day.d: expected a date such as 2025-09-01, got the number 5",
            ),
            (
                lambda: CAL.is_working_day(datetime(2025, 1, 1)),
                "is_working_day.d: expected a date such as 2025-09-01, got datetime",
            ),
            (
                lambda: CAL.working_day_on_or_after(None),
                "working_day_on_or_after.d: expected a date such as 2025-09-01, got NoneType",
            ),
            (
                lambda: CAL.holiday_name([]),
                "holiday_name.d: expected a date such as 2025-09-01, got a list",
            ),
            (
                lambda: CAL.add_working_days(DAY, True),
                "add_working_days.n: expected a whole number, got true/false",
            ),
        ],
    )
    def test_a_wrong_type(self, call: Callable[[], object], message: str) -> None:
        with pytest.raises(FieldTypeError) as info:
            call()
        assert str(info.value) == f"WorkCalendar.{message}"

    def test_days_as_iso_strings(self) -> None:
        # Friday 5/9/2025 + 1 working day: Monday 8/9; Saturday 6/9 is off.
        assert CAL.add_working_days(" 2025-09-05 ", 1) == date(2025, 9, 8)
        assert CAL.working_day_on_or_after("2025-09-06") == date(2025, 9, 8)
        assert CAL.is_working_day("2025-09-06") is False
        assert CAL.is_working_day("2025-09-05") is True
        assert CAL.next_working_day("2025-09-05") == date(2025, 9, 8)
        assert CAL.previous_working_day("2025-09-08") == date(2025, 9, 5)
        assert CAL.working_days_between("2025-09-05", "2025-09-08") == 1
