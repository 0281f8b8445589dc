"""Data out, the same way for plans, schedules and reports.

``to_records()`` on :class:`~kh_tthc.Plan`, :class:`~kh_tthc.Schedule` and
:class:`~kh_tthc.Report` gives one dict per row with real Python values (dates are
:class:`datetime.date`, never ISO strings) and unit ids beside unit names (``lead_ids`` and
``lead``); ``to_frame()`` gives the same rows as a pandas DataFrame with real dtypes: single
dates as ``datetime64``, statuses and kinds as ``category`` in their documented order. This
module holds what the three share: the frame, the CSV and JSON writers (every CSV cell goes
through :func:`kh_tthc.io.csv_safe.escape_cell`) and the check of enumerated arguments.

The functions :func:`to_csv`, :func:`to_json`, :func:`to_table` and :func:`to_ics` take any
of the three objects and call its method of that name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from kh_tthc.io.csv_safe import escape_cell
from kh_tthc.vn import format_percent

if TYPE_CHECKING:
    import pandas

    from kh_tthc.model import Plan
    from kh_tthc.report import Report

__all__ = [
    "check_choice",
    "plan_outline",
    "report_table",
    "to_csv",
    "to_ics",
    "to_json",
    "to_table",
]

T = TypeVar("T", bound=str)


def check_choice(name: str, value: T, allowed: Iterable[str]) -> T:
    """``value`` when it is one of ``allowed``; else a ValueError listing the allowed ones.

    >>> check_choice("role", "lead", ("lead", "support", "any"))
    'lead'
    >>> check_choice("role", "chu-tri", ("lead", "support", "any"))
    Traceback (most recent call last):
    ...
    ValueError: role must be one of 'lead', 'support', 'any', not 'chu-tri'
    """
    choices = tuple(allowed)
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}, not {value!r}")
    return value


def _pandas(what: str) -> Any:
    try:
        import pandas
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            f"{what} needs pandas: pip install 'kh-tthc[pandas]'", name="pandas"
        ) from exc
    return pandas


def frame(
    records: Sequence[Mapping[str, Any]],
    *,
    what: str,
    index: str | None = None,
    categories: Mapping[str, Sequence[str] | None] | None = None,
    dates: Sequence[str] = (),
) -> pandas.DataFrame:
    """``records`` as a DataFrame: ``dates`` columns as datetime64, ``categories`` columns
    categorical with the categories in the order given (None: the values met), ``index`` as
    the index.

    Raises:
        ModuleNotFoundError: pandas is not installed (``pip install 'kh-tthc[pandas]'``).
    """
    pd = _pandas(what)
    keys: dict[str, None] = {}  # every key met, in order of first appearance
    for record in records:
        keys.update(dict.fromkeys(record))
    columns = list(keys) if keys else [index or "number", *dates, *(categories or {})]
    df = pd.DataFrame.from_records(list(records), columns=columns)
    for name in dates:
        df[name] = pd.to_datetime(df[name])
    for name, cats in (categories or {}).items():
        df[name] = pd.Categorical(df[name], categories=None if cats is None else list(cats))
    if index is not None:
        df = df.set_index(index)
    return df


def _plain(value: Any) -> Any:
    """A record value for JSON: dates as ISO days, the rest unchanged."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def records_json(records: Iterable[Mapping[str, Any]]) -> str:
    """Records as a JSON array, dates as ISO days, Vietnamese text kept readable."""
    rows = [{k: _plain(v) for k, v in r.items()} for r in records]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> Any:
    # Text that a spreadsheet would run as a formula gets a leading "'" (io/csv_safe);
    # numbers stay numbers, lists are joined with "; ".
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return escape_cell("; ".join(str(_plain(v)) for v in value))
    if isinstance(value, int | float):
        return value
    return escape_cell(str(_plain(value)))


def records_csv(records: Sequence[Mapping[str, Any]], *, bom: bool = False) -> str:
    """Records as CSV with a header row of every key met, in order of first appearance.

    Every text cell goes through :func:`~kh_tthc.io.csv_safe.escape_cell`. ``bom`` starts
    the text with a byte-order mark, which Excel needs to read UTF-8.
    """
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(record))
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    if keys:
        writer = csv.DictWriter(buffer, fieldnames=list(keys), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _cell(v) for k, v in record.items()})
    return buffer.getvalue()


def plan_outline(plan: Plan) -> list[str]:
    """The plan's appendix as indented lines: number, title, lead units, completion time
    (what ``kh-tthc show`` prints and :meth:`Plan.to_table` returns)."""
    lines = [f"{plan.type_name} {plan.number}: {plan.title}", ""]
    for task in plan.tasks:
        indent = "  " * (task.level - 1)
        lead = "; ".join(plan.unit_names(task.lead))
        parts = [f"{indent}{task.number} {task.title}"]
        if lead:
            parts.append(f"[{lead}]")
        if task.deadline is not None:
            parts.append(f"({task.deadline})")
        lines.append(" ".join(parts))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def report_table(report: Report, *, width: int = 110) -> str:
    """The report's tasks as an aligned text table for a terminal, in Vietnamese: number,
    status, lead units and title, under a line with the period and the counts."""
    rate = report.completion_rate
    head = (
        f"{report.summary}\n{report.window_phrase}; {report.counts.total} nhiệm vụ; "
        f"tỷ lệ hoàn thành {'—' if rate is None else format_percent(rate)}"
    )
    columns = ("STT", "Tình trạng", "Chủ trì", "Nhiệm vụ")
    rows = [
        (r["number"], r["status_label"], _cut("; ".join(r["lead"]), 28), r["title"])
        for r in report.to_records()
    ]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns[:-1])]
    rest = max(width - sum(widths) - 2 * len(widths), 20)

    def line(cells: tuple[str, ...]) -> str:
        fixed = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
        return f"{fixed}  {_cut(cells[-1], rest)}".rstrip()

    out = [head, "", line(columns), line((*("-" * w for w in widths), "-" * 8))]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def _method(obj: object, name: str) -> Any:
    method = getattr(obj, name, None)
    if method is None or not callable(method):
        raise TypeError(f"{name}() takes a Plan, a Schedule or a Report, not {type(obj).__name__}")
    return method


def to_csv(obj: object) -> str:
    """``obj.to_csv()`` for a :class:`~kh_tthc.Plan`, :class:`~kh_tthc.Schedule` or
    :class:`~kh_tthc.Report`."""
    return str(_method(obj, "to_csv")())


def to_json(obj: object) -> str:
    """``obj.to_json()`` for a plan, a schedule or a report."""
    return str(_method(obj, "to_json")())


def to_table(obj: object) -> str:
    """``obj.to_table()``: a text table for a terminal (a plan's outline, a schedule's
    agenda, a report's tasks)."""
    return str(_method(obj, "to_table")())


def to_ics(obj: object) -> bytes:
    """``obj.to_ics()``: an iCalendar file (RFC 5545) of a schedule's dated occurrences.

    A plan needs a day to tell statuses from: ``plan.to_ics(as_of=...)``."""
    return bytes(_method(obj, "to_ics")())
