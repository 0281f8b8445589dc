"""The agenda across plans as iCalendar (RFC 5545), with UIDs stable across runs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from kh_tthc.portfolio.core import AgendaItem

__all__ = ["agenda_ics"]


def agenda_ics(items: Sequence[AgendaItem], *, name: str, as_of: date) -> bytes:
    """One all-day event per dated item. The UID names the plan, task, kind, period and
    due day (:attr:`AgendaItem.uid`) and DTSTAMP is ``as_of``, so the same agenda gives
    the same bytes and a subscribed calendar updates instead of filling with duplicates."""
    from icalendar import Calendar, Event  # deferred: only this export needs it

    cal = Calendar()
    cal.add("prodid", "-//kh-tthc//agenda//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=UTC)
    for i in items:
        o = i.occurrence
        if o.due is None:
            continue
        what = f" – {o.label}" if o.label else ""
        event = Event()
        event.add("uid", i.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", o.due)
        event.add("summary", f"[{i.plan_number}] {o.task.number} {o.task.title}{what}")
        event.add("description", f"Kế hoạch {i.plan_number}, nhiệm vụ {o.task.number}")
        cal.add_component(event)
    return bytes(cal.to_ical())
