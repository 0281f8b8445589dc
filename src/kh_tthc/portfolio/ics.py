"""The agenda across plans as iCalendar (RFC 5545), with UIDs stable across runs.

Written directly rather than through the icalendar package: a portfolio's calendars hold
tens of thousands of all-day events, and the text of each is plain (RFC 5545, 3.3.11
escapes; 3.1 folds lines at 75 octets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kh_tthc.portfolio.core import AgendaItem, _uid

__all__ = ["agenda_ics", "escape_text", "fold"]

_SPECIAL = re.compile(r"[\\;,\r\n]")


def escape_text(text: str) -> str:
    r"""A TEXT value (RFC 5545, 3.3.11): backslash, ";", "," and line ends escaped.

    >>> escape_text("a;b,c\\d\ne")
    'a\\;b\\,c\\\\d\\ne'
    """
    if _SPECIAL.search(text) is None:
        return text  # most text: nothing to escape
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1)."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"  # as many octets as characters: nothing to fold
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the continuation's leading space counts
    return "\r\n ".join(parts) + "\r\n"


def agenda_ics(items: Sequence[AgendaItem], *, name: str, as_of: date) -> bytes:
    """One all-day event per dated item. The UID names the plan, task, kind, period and
    due day (:attr:`AgendaItem.uid`) and DTSTAMP is ``as_of``, so the same agenda gives
    the same bytes and a subscribed calendar updates instead of filling with duplicates."""
    stamp = f"DTSTAMP:{as_of:%Y%m%d}T000000Z\r\n"
    out = [
        "BEGIN:VCALENDAR\r\n",
        "VERSION:2.0\r\n",
        "PRODID:-//kh-tthc//agenda//VI\r\n",
        fold(f"X-WR-CALNAME:{escape_text(name)}"),
    ]
    # A calendar holds a task's items for every period: what the task alone decides (its
    # number, the summary's head, the description line) is written once per task.
    tasks: dict[tuple[int, str], tuple[str, str, str]] = {}
    periods: dict[int, str] = {}
    for i in items:
        o = i.occurrence
        due = o.due
        if due is None:
            continue
        task = o.task
        known = tasks.get((id(task), i.plan_number))
        if known is None:
            number = str(task.number)
            description = fold(
                "DESCRIPTION:" + escape_text(f"Kế hoạch {i.plan_number}, nhiệm vụ {number}")
            )
            known = (number, f"[{i.plan_number}] {number} {task.title}", description)
            tasks[(id(task), i.plan_number)] = known
        number, head, description = known
        period = None
        if o.period is not None:
            period = periods.get(id(o.period))
            if period is None:
                period = periods[id(o.period)] = o.period.iso
        summary = f"{head} – {o.label}" if o.label else head
        out += [
            "BEGIN:VEVENT\r\n",
            fold(f"UID:{escape_text(_uid(i.plan, number, o, period))}"),
            stamp,
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}\r\n",
            fold(f"SUMMARY:{escape_text(summary)}"),
            description,
            "END:VEVENT\r\n",
        ]
    out.append("END:VCALENDAR\r\n")
    return "".join(out).encode("utf-8")
