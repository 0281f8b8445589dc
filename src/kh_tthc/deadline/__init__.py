"""Completion times (thời gian hoàn thành) of plan tasks: read, written back, turned into dates.

A plan writes each task's completion time as a Vietnamese phrase: "Thường xuyên", "Khi có
phát sinh", "Năm 2025", "Định kỳ hàng quý, năm", "Quý IV/2025", "6/2025"... A
:data:`Deadline` is that phrase as a value, one of eight kinds told apart by ``.kind``.
``str(d)`` is the phrase as the author wrote it (NFC, spaces normalised), ``d.canonical``
its standard wording; equality is on the meaning, and both read back as an equal value:
``parse_deadline(str(d)) == d == parse_deadline(d.canonical)``.

The package answers three questions, one module each: what the values are
(:mod:`.model`), which ways of writing them agencies use (:mod:`.phrases`, data with real
examples), and how a phrase is read (:mod:`.parse`, one small engine).

When a due date falls on a day off:

* a date the plan states or implies (``ByDate``, and the last day of a ``ByPeriod``) stays
  as written, because the signed plan says so; :meth:`ByDate.falls_on_day_off` flags it;
* a date the library computes from a rule moves to the next working day, as the Civil Code
  ends a time limit whose last day is a day off (Bộ luật Dân sự 2015, Điều 148): a sending
  deadline of a periodic report, a weekly report's Friday, a recurring day, a calendar-day
  time limit.
"""

from typing import TYPE_CHECKING

from kh_tthc._lazy import lazy_names
from kh_tthc.deadline.model import (
    KINDS,
    MAX_LIMIT_DAYS,
    ByDate,
    ByPeriod,
    CalendarDays,
    CalendarMonths,
    Composite,
    DateWording,
    DayOf,
    Deadline,
    DeadlineValueError,
    EventForm,
    Frequency,
    OnEvent,
    Ongoing,
    OngoingWording,
    Periodic,
    Recurring,
    Sending,
    TimeLimit,
    Unspecified,
    WorkingDays,
)

if TYPE_CHECKING:
    from kh_tthc.deadline.parse import EXAMPLES, fold_phrase, parse_deadline, suggest

#: The reader is imported on its first use: building its tables and compiling its patterns
#: is a good part of ``import kh_tthc``, which only needs it once a string becomes a
#: deadline (docs/performance.md).
_LAZY = dict.fromkeys(
    ("EXAMPLES", "fold_phrase", "parse_deadline", "suggest"), "kh_tthc.deadline.parse"
)

__getattr__, __dir__ = lazy_names("kh_tthc.deadline", _LAZY, globals())

__all__ = [
    "EXAMPLES",
    "KINDS",
    "MAX_LIMIT_DAYS",
    "ByDate",
    "ByPeriod",
    "CalendarDays",
    "CalendarMonths",
    "Composite",
    "DateWording",
    "DayOf",
    "Deadline",
    "DeadlineValueError",
    "EventForm",
    "Frequency",
    "OnEvent",
    "Ongoing",
    "OngoingWording",
    "Periodic",
    "Recurring",
    "Sending",
    "TimeLimit",
    "Unspecified",
    "WorkingDays",
    "fold_phrase",
    "parse_deadline",
    "suggest",
]
