"""A static dashboard of a portfolio: self-contained HTML pages in Vietnamese.

``index.html`` shows the status per plan and per unit as bars, what falls due in the next
90 days, and the overdue and not-reported lists; ``plans/<id>.html`` lists a plan's tasks
(each with an anchor ``t-<number>``), ``units/<id>.html`` a unit's agenda, with its
calendar ``ics/<id>.ics``. Nothing is loaded from outside the files; every text from a
plan is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

from kh_tthc.io.output import Inputs, encode_text, output_folder
from kh_tthc.periods import Period
from kh_tthc.portfolio.core import (
    AgendaItem,
    Late,
    PlanFigures,
    Portfolio,
    UnitFigures,
    _gc_paused,
)
from kh_tthc.portfolio.ics import agenda_ics
from kh_tthc.vn import format_percent

__all__ = ["HORIZON_DAYS", "build_dashboard"]

#: How far ahead the timeline looks.
HORIZON_DAYS = 90

_CSS = """
*{box-sizing:border-box}
body{font-family:"Noto Sans","Liberation Sans",Arial,sans-serif;margin:0;color:#1b1b1b;
 background:#f6f7f9;line-height:1.45;overflow-wrap:anywhere}
nav{background:#8b0000;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;
 gap:.25rem 1rem}
nav a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;
 border-bottom:2px solid #8b0000;padding-bottom:.2rem}
.meta{color:#555;font-size:.9rem}
.bar-row{margin:.6rem 0}.bar-label{font-size:.95rem}
.bar{display:flex;height:1.1rem;background:#e3e5e8;border-radius:3px;overflow:hidden;margin:.2rem 0}
.bar span{display:block;height:100%}
.done{background:#2e7d32}.overdue{background:#c62828}.not-reported{background:#f9a825}
.figs{font-size:.85rem;color:#333}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .6rem;
 vertical-align:middle}
ul.items{list-style:none;padding:0;margin:0}
ul.items li{background:#fff;border-left:4px solid #c62828;margin:.35rem 0;
 padding:.4rem .6rem}
ul.items.nr li{border-left-color:#f9a825}
ul.items.tl li{border-left-color:#1565c0}
.due{font-weight:600;white-space:nowrap}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem;overflow-wrap:normal}
td:first-child,th:first-child{white-space:nowrap}
th,td{border:1px solid #ccc;padding:.3rem .4rem;vertical-align:top;text-align:left}
th{background:#eee}
tr.group td{font-weight:700;background:#fafafa}
:target{outline:3px solid #1565c0}
@media (max-width:600px){main{padding:.5rem}table{font-size:.8rem}}
@media print{nav,.noprint{display:none!important}body{background:#fff}
 ul.items li{border:1px solid #999}}
"""


_HTML_SPECIAL = re.compile("[&<>\"']")


def _e(text: object) -> str:
    s = str(text)
    if _HTML_SPECIAL.search(s) is None:
        return s  # most text: nothing html.escape would change
    return html.escape(s, quote=True)


def _dmy(d: date | None) -> str:
    return "—" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"


def _page(title: str, body: str, *, root: str) -> str:
    nav = (
        f'<nav aria-label="Điều hướng"><a href="{root}index.html">Tổng quan</a>'
        f'<a href="{root}index.html#qua-han">Quá hạn</a>'
        f'<a href="{root}index.html#chua-bao-cao">Chưa báo cáo</a>'
        f'<a href="{root}index.html#lich">90 ngày tới</a></nav>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f"<body>{nav}<main>{body}</main></body></html>\n"
    )


def _rate(r: float | None) -> str:
    return "—" if r is None else format_percent(r)


def _bar(total: int, done: int, overdue: int, not_reported: int) -> str:
    def seg(cls: str, n: int) -> str:
        w = 0 if total == 0 else 100 * n / total
        return f'<span class="{cls}" style="width:{w:.2f}%"></span>'

    return (
        '<div class="bar" role="img" aria-label="'
        f'{done}/{total} hoàn thành">'
        f"{seg('done', done)}{seg('overdue', overdue)}{seg('not-reported', not_reported)}</div>"
    )


def _figures(f: PlanFigures | UnitFigures, key: str) -> str:
    return (
        f'<div class="figs" data-{key}="{_e(getattr(f, key))}">'
        f'Tổng: <b class="total">{f.total}</b> · Hoàn thành: <b class="done-n">{f.done}</b> '
        f'(<span class="rate">{_rate(f.completion_rate)}</span>) · Quá hạn: '
        f'<b class="overdue-n">{f.overdue}</b> · Chưa báo cáo: '
        f'<b class="not-reported-n">{f.not_reported}</b></div>'
    )


def _task_link(plan: str, task: str, root: str) -> str:
    return f"{root}plans/{_e(plan)}.html#t-{_e(task)}"


class _Pieces:
    """The escaped pieces of the lists' lines, each worked out once: a site repeats a
    task's link and title for every period it falls due in, on the index and on its
    units' pages, and a unit list or a day for thousands of items."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self._tasks: dict[tuple[str, str, str, str], str] = {}
        self._titles: dict[str, str] = {}
        self._units: dict[tuple[str, ...], str] = {}
        self._days: dict[date | None, str] = {}
        self._texts: dict[str, str] = {}

    def link(self, plan: str, plan_number: str, task: str, root: str) -> str:
        key = (plan, plan_number, task, root)
        found = self._tasks.get(key)
        if found is None:
            found = self._tasks[key] = (
                f'<a href="{_task_link(plan, task, root)}">'
                f"Kế hoạch {_e(plan_number)}, nhiệm vụ {_e(task)}</a>"
            )
        return found

    def text(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = _e(text)
        return found

    def units(self, units: tuple[str, ...]) -> str:
        found = self._units.get(units)
        if found is None:
            found = self._units[units] = _e(", ".join(self.names.get(u, u) for u in units))
        return found

    def day(self, d: date | None) -> str:
        found = self._days.get(d)
        if found is None:
            found = self._days[d] = _dmy(d)
        return found


def _late_list(items: Sequence[Late], cls: str, root: str, pieces: _Pieces) -> str:
    if not items:
        return '<p class="meta">Không có.</p>'
    lis = "".join(
        f'<li data-plan="{pieces.text(i.plan)}" data-task="{pieces.text(i.task)}">'
        f'<span class="due">{pieces.day(i.due)}</span> · '
        f"{pieces.link(i.plan, i.plan_number, i.task, root)}: {pieces.text(i.title)} "
        f'<span class="meta">({pieces.units(i.units)})</span></li>'
        for i in items
    )
    return f'<ul class="items {cls}">{lis}</ul>'


def _timeline(items: Iterable[AgendaItem], root: str, pieces: _Pieces) -> str:
    by_month: dict[tuple[int, int], list[AgendaItem]] = {}
    for i in items:
        assert i.due is not None
        by_month.setdefault((i.due.year, i.due.month), []).append(i)
    if not by_month:
        return '<p class="meta">Không có việc đến hạn.</p>'
    numbers: dict[int, str] = {}  # str() of a task number, once per task
    out = []
    for (y, m), group in by_month.items():
        lis = []
        for i in group:
            o = i.occurrence
            task = numbers.get(id(o.task))
            if task is None:
                task = numbers[id(o.task)] = str(o.task.number)
            label = " – " + pieces.text(o.label) if o.label else ""
            lis.append(
                f'<li><span class="due">{pieces.day(i.due)}</span> · '
                f"{pieces.link(i.plan, i.plan_number, task, root)}{label}: "
                f'{pieces.text(o.task.title)} <span class="meta">'
                f"({pieces.units(i.units)} · {pieces.text(o.status.label)})</span></li>"
            )
        out.append(f'<h3>Tháng {m}/{y}</h3><ul class="items tl">{"".join(lis)}</ul>')
    return "".join(out)


def build_dashboard(
    portfolio: Portfolio,
    folder: str | Path,
    *,
    as_of: date,
    period: Period | None = None,
    inputs: Inputs = (),
) -> list[Path]:
    """Write the dashboard into ``folder`` (created if missing); returns the files written.

    Args:
        portfolio: The portfolio.
        folder: The site's folder.
        as_of: The day the figures are told from.
        period: The reporting period of the roll-up; the quarter of ``as_of`` when None.
        inputs: The files the caller read, which no output may replace.
    """
    from kh_tthc.periods import PeriodKind

    period = period or Period.containing(PeriodKind.QUARTER, as_of)
    out = Path(folder)
    # The pages and calendars of hundreds of plans are many objects: see _gc_paused.
    with output_folder(out, inputs=inputs) as tmp, _gc_paused():
        for sub in ("plans", "units", "ics"):
            (tmp / sub).mkdir()
        return _build(portfolio, tmp, out, as_of=as_of, period=period)


def _build(
    portfolio: Portfolio, tmp: Path, out: Path, *, as_of: date, period: Period
) -> list[Path]:
    """Write the site's files into ``tmp``; returns their paths under ``out``, its future name."""
    names = portfolio.names
    pieces = _Pieces(names)
    per_plan, per_unit = portfolio.rollup(period, as_of=as_of)
    late = portfolio.late_items(period, as_of=as_of)
    agenda = portfolio.agenda(as_of=as_of)
    horizon = as_of + timedelta(days=HORIZON_DAYS)
    coming = [i for i in agenda if i.due is not None and as_of <= i.due <= horizon]
    written: list[Path] = []

    def write(rel: str, text: str | bytes) -> None:
        # Plain writes: the folder is flushed and swapped into place as a whole.
        data = encode_text(out / rel, text) if isinstance(text, str) else text
        (tmp / rel).write_bytes(data)
        written.append(out / rel)

    plan_bars = "".join(
        f'<div class="bar-row plan-row" data-plan="{_e(f.plan)}"><div class="bar-label">'
        f'<a href="plans/{_e(f.plan)}.html">Kế hoạch {_e(f.plan_number)}</a>: {_e(f.title)}'
        f"</div>{_bar(f.total, f.done, f.overdue, f.not_reported)}{_figures(f, 'plan')}</div>"
        for f in per_plan
    )
    unit_bars = "".join(
        f'<div class="bar-row unit-row" data-unit="{_e(f.unit)}"><div class="bar-label">'
        f'<a href="units/{_e(f.unit)}.html">{_e(f.name)}</a></div>'
        f"{_bar(f.total, f.done, f.overdue, f.not_reported)}{_figures(f, 'unit')}</div>"
        for f in per_unit
    )
    refs = "".join(
        f"<li>{_e(r.citation)} về {_e(r.title[:1].lower() + r.title[1:])} "
        '<span class="meta">(chỉ biết qua trích dẫn)</span></li>'
        for r in portfolio.references
    )
    lineage = "".join(
        f"<li>Kế hoạch {_e(e.label)} thực hiện Kế hoạch {_e(e.implements.number)} "
        f"({_e(e.implements.issuer)}, {e.implements.year})</li>"
        for e in portfolio.plans
        if e.implements is not None
    )
    legend = (
        '<p class="legend meta noprint"><span class="done"></span>Hoàn thành'
        '<span class="overdue"></span>Quá hạn<span class="not-reported"></span>Chưa báo cáo</p>'
    )
    warn = (
        '<p class="meta"><b>Chưa đầy đủ:</b> có kế hoạch không đọc được.</p>'
        if portfolio.incomplete
        else ""
    )
    index = (
        f"<h1>{_e(portfolio.title)}</h1>"
        f'<p class="meta">Số liệu {_e(period.label)}, tính đến ngày {_dmy(as_of)}.</p>{warn}'
        f'<h2 id="ke-hoach">Tình hình theo kế hoạch</h2>{legend}{plan_bars}'
        f'<h2 id="don-vi">Tình hình theo đơn vị (nhiệm vụ chủ trì)</h2>{unit_bars}'
        f'<h2 id="qua-han">Nhiệm vụ quá hạn</h2>'
        f"{_late_list([i for i in late if i.kind == 'overdue'], '', '', pieces)}"
        f'<h2 id="chua-bao-cao">Nhiệm vụ chưa báo cáo</h2>'
        f"{_late_list([i for i in late if i.kind == 'not_reported'], 'nr', '', pieces)}"
        f'<h2 id="lich">Đến hạn trong {HORIZON_DAYS} ngày tới</h2>'
        f"{_timeline(coming, '', pieces)}"
        f'<h2 id="can-cu">Kế hoạch cấp trên</h2><ul>{refs}{lineage}</ul>'
    )
    write("index.html", _page(portfolio.title, index, root=""))

    for e in portfolio.plans:
        plan = e.plan
        if plan is None:
            continue
        rows = []
        for t in plan.tasks:
            lead = ", ".join(names.get(e.registry_id(u), u) for u in t.lead)
            cls = ' class="group"' if t.group else ""
            rows.append(
                f'<tr id="t-{_e(t.number)}"{cls}><td>{_e(t.number)}</td><td>{_e(t.title)}</td>'
                f"<td>{_e(lead)}</td><td>{_e(t.deadline or '')}</td></tr>"
            )
        body = (
            f"<h1>Kế hoạch {_e(e.label)}</h1><p>{_e(plan.title)}</p>"
            f'<p class="meta">{_e(plan.issuer.name)} · {_e(plan.date_line)}</p>'
            '<div class="wrap"><table><thead><tr><th>STT</th><th>Nội dung</th>'
            "<th>Chủ trì</th><th>Thời gian hoàn thành</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table></div>"
        )
        write(f"plans/{e.id}.html", _page(f"Kế hoạch {e.label}", body, root="../"))

    # Each unit's items, in the agenda's order, gathered in one pass over the agenda.
    by_unit: dict[str, list[AgendaItem]] = {}
    for i in agenda:
        for u in i.units:
            by_unit.setdefault(u, []).append(i)
    for f in per_unit:
        mine = by_unit.get(f.unit, [])
        unit_late = [i for i in late if f.unit in i.units]
        body = (
            f"<h1>{_e(f.name)}</h1>{_bar(f.total, f.done, f.overdue, f.not_reported)}"
            f"{_figures(f, 'unit')}"
            f'<p class="noprint"><a href="../ics/{_e(f.unit)}.ics">Lịch (iCalendar)</a></p>'
            f"<h2>Quá hạn, chưa báo cáo</h2>{_late_list(unit_late, '', '../', pieces)}"
            f"<h2>Đến hạn trong {HORIZON_DAYS} ngày tới</h2>"
            f"{_timeline([i for i in coming if f.unit in i.units], '../', pieces)}"
        )
        write(f"units/{f.unit}.html", _page(f.name, body, root="../"))
        write(f"ics/{f.unit}.ics", agenda_ics(mine, name=f.name, as_of=as_of))
    return written
