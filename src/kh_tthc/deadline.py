"""Temporary stand-in: the real parser lands with the scheduling work."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from attrs import field, frozen

from kh_tthc.errors import DeadlineSyntaxError
from kh_tthc.vn import clean, fold

__all__ = [
    "ByPeriod",
    "Deadline",
    "OnEvent",
    "Ongoing",
    "Periodic",
    "Unspecified",
    "parse_deadline",
]


@frozen(kw_only=True)
class Ongoing:
    def due_dates(self, start: date, end: date) -> list[date]:
        return []

    kind: ClassVar[str] = "ongoing"

    def __str__(self) -> str:
        return "Thường xuyên"


@frozen(kw_only=True)
class OnEvent:
    def due_dates(self, start: date, end: date) -> list[date]:
        return []

    kind: ClassVar[str] = "on_event"

    def __str__(self) -> str:
        return "Khi có phát sinh"


@frozen(kw_only=True)
class ByPeriod:
    kind: ClassVar[str] = "by_period"
    year: int

    def __str__(self) -> str:
        return f"Năm {self.year}"

    def due_dates(self, start: date, end: date) -> list[date]:
        d = date(self.year, 12, 31)
        return [d] if start <= d <= end else []


@frozen(kw_only=True)
class Periodic:
    def due_dates(self, start: date, end: date) -> list[date]:
        return []

    kind: ClassVar[str] = "periodic"

    def __str__(self) -> str:
        return "Định kỳ hàng quý, năm"


@frozen(kw_only=True)
class Unspecified:
    def due_dates(self, start: date, end: date) -> list[date]:
        return []

    kind: ClassVar[str] = "unspecified"
    text: str = field(converter=clean)

    def __str__(self) -> str:
        return self.text


Deadline = Ongoing | OnEvent | ByPeriod | Periodic | Unspecified


def parse_deadline(text: str, *, strict: bool = False) -> Deadline:
    key = fold(text).rstrip(".")
    if not key:
        raise DeadlineSyntaxError(text, reason="empty phrase")
    if key == "thuong xuyen":
        return Ongoing()
    if key == "khi co phat sinh":
        return OnEvent()
    if key.startswith("nam ") and key[4:].isdigit():
        return ByPeriod(year=int(key[4:]))
    if key in ("đinh ky hang quy, nam", "đinh ky hang quy, nam"):
        return Periodic()
    if strict:
        raise DeadlineSyntaxError(text)
    return Unspecified(text=text)
