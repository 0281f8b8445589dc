"""A report table is progress: the results column of a báo cáo read against its plan.

Units report in Word or Excel, in a table shaped like the plan's appendix with a column of
results: "Kết quả", "Tình hình thực hiện", "Tiến độ thực hiện", a "Trạng thái" column, or
one column per status ticked with an "x". :func:`import_progress` finds that table by its
header (the progress column words of :data:`kh_tthc.progress.COLUMNS` and the plan's own
header words), reads its rows with the same row logic as a plan's table (so "I, 1, 2"
numbering is read the way the plan's import read it), matches each row to a plan task,
and reads the status from the words of the result ("Đã hoàn thành...", "Đang thực
hiện..."). The result is a :class:`~kh_tthc.Progress`, checked like a progress file.

A row matches the plan task with its number when their titles agree, else the task with
its title (exactly, or closely: a warning says how closely); a row that matches no task,
a status that cannot be read and every other doubt is a warning naming the row and the
text. The period is the caller's, else the one the report's title names ("quý IV năm
2025"), as Nghị định 09/2019/NĐ-CP, Điều 12 defines report periods.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from kh_tthc.errors import KhTthcError, PlanInvalid, Problem, Severity, SourceUnreadable
from kh_tthc.importing.docx import open_document, read_table
from kh_tthc.importing.errors import NoTaskTable
from kh_tthc.importing.headers import Column, Header, Role, classify_header
from kh_tthc.importing.rows import MAX_ROWS, PLACEHOLDER, Cell, RawRow
from kh_tthc.importing.tasks import rows_to_tasks
from kh_tthc.importing.xlsx import find_table
from kh_tthc.model import Plan, Task, TaskNumber
from kh_tthc.periods import Period, PeriodError
from kh_tthc.progress import (
    Progress,
    ProgressStatus,
    _Collector,
    _key,
    _unit_key,
    is_tracked,
    progress_column,
)
from kh_tthc.vn import clean, fold

__all__ = [
    "STATUS_WORDS",
    "ReportHeader",
    "import_progress",
    "match_report_header",
    "status_from_text",
]

# -- status words -----------------------------------------------------------------------------

#: Words in a result cell that give its status, each with an example of the wording.
#: Longer phrases are tried first, so "chưa hoàn thành" is never read as "hoàn thành";
#: a phrase with no status ("không hoàn thành") only stops a shorter one from matching.
#: The examples are illustrative wordings, not quotations from a document.
STATUS_WORDS: tuple[tuple[ProgressStatus | None, str, str], ...] = (
    (ProgressStatus.DONE_LATE, "hoàn thành quá hạn", "Hoàn thành quá hạn (ngày 20/12/2025)"),
    (ProgressStatus.DONE_LATE, "hoàn thành chậm", "Hoàn thành chậm so với kế hoạch"),
    (ProgressStatus.DONE_LATE, "hoàn thành muộn", "Đã hoàn thành muộn 10 ngày"),
    (ProgressStatus.NOT_APPLICABLE, "không phát sinh", "Không phát sinh trong kỳ"),
    (ProgressStatus.NOT_APPLICABLE, "chưa phát sinh", "Chưa phát sinh hồ sơ"),
    (ProgressStatus.NOT_STARTED, "chưa thực hiện", "Chưa thực hiện"),
    (ProgressStatus.NOT_STARTED, "chưa triển khai", "Chưa triển khai"),
    (ProgressStatus.NOT_STARTED, "chưa bắt đầu", "Chưa bắt đầu"),
    (ProgressStatus.IN_PROGRESS, "chưa hoàn thành", "Chưa hoàn thành, đang lấy ý kiến"),
    (ProgressStatus.IN_PROGRESS, "đang thực hiện", "Đang thực hiện"),
    (ProgressStatus.IN_PROGRESS, "đang triển khai", "Đang triển khai thực hiện"),
    (ProgressStatus.IN_PROGRESS, "đang tiến hành", "Đang tiến hành rà soát"),
    (ProgressStatus.IN_PROGRESS, "đang xây dựng", "Đang xây dựng dự thảo"),
    (ProgressStatus.IN_PROGRESS, "đang hoàn thiện", "Đang hoàn thiện hồ sơ"),
    (ProgressStatus.IN_PROGRESS, "đang dự thảo", "Đang dự thảo văn bản"),
    (ProgressStatus.IN_PROGRESS, "đang trình", "Đang trình UBND tỉnh ban hành"),
    (ProgressStatus.IN_PROGRESS, "tiếp tục thực hiện", "Tiếp tục thực hiện trong quý I/2026"),
    (ProgressStatus.DONE, "đã hoàn thành", "Đã hoàn thành"),
    (ProgressStatus.DONE, "hoàn thành", "Hoàn thành; ban hành Quyết định số 215/QĐ-SKHCN"),
    (ProgressStatus.DONE, "đã ban hành", "Đã ban hành Kế hoạch số 12/KH-SKHCN"),
    (ProgressStatus.DONE, "đã thực hiện", "Đã thực hiện"),
    (None, "không hoàn thành", "Không hoàn thành"),
    (None, "không thực hiện", "Không thực hiện"),
)


def _loose(text: str) -> str:
    # Case and diacritics ignored, and "đ" typed as "d" on a keyboard without Telex.
    return fold(text).replace("đ", "d")


_STATUS_PATTERNS = tuple(
    (status, re.compile(rf"(?<!\w){re.escape(_loose(words))}(?!\w)"))
    for status, words, _ in sorted(STATUS_WORDS, key=lambda entry: -len(entry[1]))
)


def status_from_text(text: str) -> tuple[ProgressStatus | None, tuple[ProgressStatus, ...]]:
    """The status a result's words give, and every status they name, in text order.

    The first status named is the one given; when the text names several, the caller
    warns.

    >>> status_from_text("Đã hoàn thành; ban hành Quyết định số 215/QĐ-SKHCN")[0]
    <ProgressStatus.DONE: 'done'>
    >>> status_from_text("Chưa hoàn thành, đang lấy ý kiến góp ý")[0]
    <ProgressStatus.IN_PROGRESS: 'in_progress'>
    >>> status_from_text("Không phát sinh hồ sơ trong kỳ")[0]
    <ProgressStatus.NOT_APPLICABLE: 'not_applicable'>
    >>> status_from_text("Đã gửi Sở Nội vụ")
    (None, ())
    """
    key = _loose(text)
    found: list[tuple[int, ProgressStatus | None]] = []
    for status, pattern in _STATUS_PATTERNS:
        for m in pattern.finditer(key):
            found.append((m.start(), status))
            # Blank the words so that a shorter phrase inside them does not match again.
            key = key[: m.start()] + " " * (m.end() - m.start()) + key[m.end() :]
    named = [s for _, s in sorted(found, key=lambda f: f[0]) if s is not None]
    ordered = tuple(dict.fromkeys(named))
    return (ordered[0] if ordered else None), ordered


# -- the header ---------------------------------------------------------------------------------

_NUMBER_KEYS = {"stt", "tt", "so tt", "so thu tu", "task", "ma nhiem vu"}
_MARK = "mark:"


def report_field(heading: str) -> str | None:
    """The progress field a report table's heading names, or None for another column.

    A heading that is a status itself ("Đã hoàn thành" over ticks) is ``"mark:<status>"``.

    >>> report_field("Tình hình thực hiện"), report_field("Nhiệm vụ"), report_field("TT")
    ('result', 'title', 'task')
    >>> report_field("Đang thực hiện"), report_field("Thời gian hoàn thành")
    ('mark:in_progress', None)
    """
    if not clean(heading):
        return None
    field = progress_column(heading)
    if field == "task" and fold(heading).replace("đ", "d") not in _NUMBER_KEYS:
        field = "title"  # "Nhiệm vụ" heads the tasks' titles in a report table
    if field is None:
        role = classify_header(heading)
        field = {Role.NUMBER: "task", Role.TITLE: "title", Role.LEAD: "unit"}.get(role)  # type: ignore[arg-type]
    if field is None:
        try:
            field = _MARK + ProgressStatus.parse(heading).value
        except ValueError:
            return None
    return field


@frozen
class ReportHeader:
    """A report table's header: the field of each column (None: not read)."""

    fields: tuple[str | None, ...]
    second_row: tuple[str, ...] = ()

    def index(self, field: str) -> int | None:
        return self.fields.index(field) if field in self.fields else None


def match_report_header(cells: Sequence[str]) -> ReportHeader | None:
    """The header a row makes when it is a report table's: a task column (number or
    title) and a result, status or status-tick column.

    >>> h = match_report_header(["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả thực hiện"])
    >>> h.fields
    ('task', 'title', 'unit', 'result')
    >>> match_report_header(["STT", "Nội dung công việc", "Thời hạn"]) is None
    True
    """
    fields: list[str | None] = []
    for text in cells:
        field = report_field(text)
        fields.append(None if field in fields else field)
    has_task = "task" in fields or "title" in fields
    has_result = any(f in ("result", "status") or (f or "").startswith(_MARK) for f in fields)
    return ReportHeader(tuple(fields)) if has_task and has_result else None


def _two_rows(first: Sequence[str], second: Sequence[str]) -> ReportHeader | None:
    # "Kết quả" merged over "Đã hoàn thành" | "Đang thực hiện" | "Chưa thực hiện".
    if not any(t.strip() for t in second) or match_report_header(second) is not None:
        return None
    width = max(len(first), len(second))
    above = [*first, *[""] * (width - len(first))]
    below = [*second, *[""] * (width - len(second))]
    pair = match_report_header([b if b.strip() else a for a, b in zip(above, below, strict=True)])
    single = match_report_header(first)

    def known(h: ReportHeader | None) -> int:
        return 0 if h is None else sum(f is not None for f in h.fields)

    if pair is None or known(pair) <= known(single):
        return None
    return ReportHeader(pair.fields, second_row=tuple(clean(t) for t in second))


def _report_header(rows: Sequence[RawRow]) -> tuple[int, ReportHeader] | None:
    texts = [[c.text if not c.continued else "" for c in r.cells] for r in rows]
    for i, cells in enumerate(texts):
        if i + 1 < len(texts):
            pair = _two_rows(cells, texts[i + 1])
            if pair is not None:
                return i + 1, pair
        header = match_report_header(cells)
        if header is not None:
            return i, header
    return None


# -- reading the source -------------------------------------------------------------------------


@frozen(kw_only=True)
class _Table:
    header: ReportHeader
    rows: tuple[RawRow, ...]
    above: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()


def _from_xlsx(path: Path, sheet: str | None) -> _Table:
    header, at, chosen, warnings = find_table(
        path, _report_header, sheet=sheet, what="report table (a result or status column)"
    )
    height = 2 if header.second_row else 1
    above = [
        line
        for row in chosen.rows[: at - height + 1]
        for c in row.cells
        if not c.continued
        for line in c.text.splitlines()
        if line.strip()
    ]
    return _Table(
        header=header, rows=chosen.rows[at + 1 :], above=tuple(above), warnings=tuple(warnings)
    )


def _from_docx(path: Path) -> _Table:
    # The Word reader's own table reader, with a report table's header rules.
    document, warnings = open_document(path)
    table = read_table(
        path,
        document,
        warnings,
        one_row=match_report_header,
        two_rows=_two_rows,
        same=lambda a, b: a.fields == b.fields,
    )
    if table.header is None:
        raise NoTaskTable(
            path,
            "no report table found: looked for a table whose header has a task column (STT, "
            "Nội dung công việc...) and a result or status column (Kết quả, Tình hình thực "
            "hiện, Tiến độ thực hiện, Trạng thái...)",
        )
    return _Table(
        header=table.header,
        rows=table.rows,
        above=tuple(x for x in table.lines if x.strip()),
        warnings=tuple(warnings),
    )


# -- rows to progress ---------------------------------------------------------------------------

_ROW = "@row"
_STT = "@stt"
_COLUMN_NUMBERS = re.compile(r"\(?\d{1,2}\)?")


def _as_plan_header(header: ReportHeader) -> Header:
    roles = {"task": Role.NUMBER, "title": Role.TITLE, "unit": Role.LEAD}
    columns = [
        Column(role=roles.get(f or "", Role.EXTRA), header=f if f else f"-{i}")
        for i, f in enumerate(header.fields)
    ]
    columns.append(Column(role=Role.EXTRA, header=_ROW))
    columns.append(Column(role=Role.EXTRA, header=_STT))
    return Header(tuple(columns), second_row=header.second_row)


def _labelled(rows: Iterable[RawRow], width: int, number: int | None) -> Iterator[RawRow]:
    """Each row with its label and its STT as written in two last columns, so that a task
    keeps the row it came from and the number the report gave it (the row logic may
    renumber a report that lists tasks out of the plan's order)."""
    for index, row in enumerate(rows, start=1):
        cells = list(row.cells[:width]) + [Cell()] * (width - len(row.cells))
        texts = [c.text.strip() for c in cells if c.text.strip()]
        is_numbers = len(texts) >= 3 and all(_COLUMN_NUMBERS.fullmatch(t) for t in texts)
        if texts and not is_numbers:
            label = row.label or (f"line {row.line}" if row.line else f"row {index}")
            stt = "" if number is None or cells[number].continued else cells[number].text
            cells += [Cell(text=label), Cell(text=stt)]
        yield RawRow(cells=tuple(cells), label=row.label, line=row.line)


def _candidates(read: TaskNumber, written: TaskNumber | None) -> list[TaskNumber]:
    """The numbers a row may have in the plan, most likely first.

    The row logic's number comes first when it only put a section in front of the
    written one ("1" under "II" is 2.1); the written number first when the row logic
    renumbered the row (a report repeating a number, or out of the plan's order).
    """
    if written is None or written == read:
        return [read]
    n = len(written.parts)
    if len(read.parts) > n and read.parts[-n:] == written.parts:
        return [read, written]
    return [written, read]


def _written_number(text: str) -> TaskNumber | None:
    try:
        return TaskNumber.parse(clean(text).rstrip("."))
    except (KhTthcError, ValueError):
        return None


_PERIOD_TEXT = re.compile(
    r"(quý\s+[ivx]+\s*(?:/|năm)\s*\d{4}|\d{1,2}\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}|năm\s+\d{4})",
    re.IGNORECASE,
)


def _period_from(lines: Sequence[str]) -> Period | None:
    for line in lines:
        for m in _PERIOD_TEXT.finditer(clean(line)):
            try:
                return Period.parse(m.group(1))
            except PeriodError:
                continue
    return None


def _similar(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1; a title a report shortened to its first words
    (at least 12 letters of them) is the same title."""
    x, y = fold(a).rstrip(" .…"), fold(b).rstrip(" .…")
    if min(len(x), len(y)) >= 12 and (x.startswith(y) or y.startswith(x)):
        return 1.0
    return difflib.SequenceMatcher(None, x, y).ratio()


class _Matcher:
    """Plan tasks by number and by title."""

    #: Titles at least this alike (difflib's ratio) are the same task, with a warning.
    CLOSE = 0.8
    #: A row numbered like a plan task is that task unless their titles are less alike.
    SAME_NUMBER = 0.5

    def __init__(self, plan: Plan) -> None:
        self.by_number = {t.number: t for t in plan.tasks}
        self.by_title: dict[str, Task] = {}
        for t in plan.tasks:
            self.by_title.setdefault(fold(t.title), t)

    def match(self, numbers: Sequence[TaskNumber], title: str) -> tuple[Task | None, str]:
        """The plan task of a row, and a note when the match is not exact.

        ``numbers`` are the row's number as the row logic read it, then as written.
        """
        candidates = [t for n in numbers if (t := self.by_number.get(n)) is not None]
        for task in candidates:
            if not title or _similar(title, task.title) >= self.SAME_NUMBER:
                return task, ""
        same_number = candidates[0] if candidates else None
        number = numbers[-1] if numbers else "?"
        if title:
            exact = self.by_title.get(fold(title))
            if exact is not None:
                return (
                    exact,
                    f"numbered {number} in the report; matched task {exact.number} by its title",
                )
            scored = sorted(
                ((_similar(title, t.title), t) for t in self.by_title.values()),
                key=lambda p: -p[0],
            )
            if scored and scored[0][0] >= self.CLOSE:
                ratio, task = scored[0]
                return task, (
                    f"matched task {task.number} {task.title!r} by a close title "
                    f"({ratio:.0%} alike); check it"
                )
        if same_number is not None:
            return same_number, (
                f"matched task {same_number.number} by its number, but its title differs from "
                f"the plan's {same_number.title!r}; check it"
            )
        return None, ""


def import_progress(
    source: str | Path,
    plan: Plan,
    *,
    period: Period | None = None,
    sheet: str | None = None,
) -> tuple[Progress, tuple[Problem, ...]]:
    """Read a report's table of results (Word or Excel) as the progress of ``plan``.

    Args:
        source: the report, .docx or .xlsx.
        plan: the plan the report is on.
        period: the reporting period; by default the one the report's title names.
        sheet: for a workbook, the sheet holding the table when several do.

    Returns:
        The progress, checked against the plan, and the warnings a person should read:
        rows matched by a close title, rows that match no task, statuses not read.

    Raises:
        SourceUnreadable: the file is missing, unreadable or neither .docx nor .xlsx.
        NoTaskTable: no table has a task column and a result or status column.
        UnsafeSource, SourceRejected: as the Word and Excel importers.
        PlanInvalid: no period is given or named, or the rows read fail the progress
            checks.

    ``docs/import.md`` has a worked example.
    """
    p = Path(source)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _from_xlsx(p, sheet)
    elif suffix == ".docx":
        table = _from_docx(p)
    else:
        raise SourceUnreadable(
            p, f"unknown report extension {p.suffix!r} (expected .docx or .xlsx)"
        )
    return _progress(p, plan, table, period)


def _progress(
    path: Path, plan: Plan, table: _Table, period: Period | None
) -> tuple[Progress, tuple[Problem, ...]]:
    out = _Collector(plan)
    out.problems += table.warnings
    header = _as_plan_header(table.header)
    width = len(table.header.fields)
    rows = _labelled(table.rows[: MAX_ROWS + 1], width, table.header.index("task"))
    result = rows_to_tasks(header, rows, path=path)
    names = {u.id: u.name for u in result.units}
    units = _unit_key(plan)
    matcher = _Matcher(plan)
    seen: dict[str, str] = {}

    def warn(where: str, message: str) -> None:
        out.problems.append(
            Problem(message=message, severity=Severity.WARNING, where=where, file=path)
        )

    # A report lists the tasks it reports on, often without their group rows and not in
    # the plan's order: the row logic's notes on group rows and numbering say nothing
    # about the report, whose rows are matched to the plan below.
    out.problems += (
        w
        for w in result.warnings
        if "has no group row" not in w.message and "renumbered" not in w.message
    )
    marks = [
        (f, ProgressStatus(f.removeprefix(_MARK)))
        for f in table.header.fields
        if f and f.startswith(_MARK)
    ]
    for task in result.tasks:
        extra = dict(task.extra)
        where = extra.get(_ROW, "").split("; ")[0]
        result_text = extra.get("result", "")
        status_text = extra.get("status", "")
        ticked = [s for f, s in marks if extra.get(f, "").strip()]
        if not (result_text or status_text or ticked):
            if not task.group:
                warn(where, f"no result or status for {task.number} {task.title!r}; not reported")
            continue
        title = "" if task.title == PLACEHOLDER else task.title
        written = _written_number(extra.get(_STT, "").split("; ")[0])
        numbers = _candidates(task.number, written)
        target, note = matcher.match(numbers, title)
        if target is None:
            warn(
                where,
                f"matches no task of the plan (number {task.number}, {title!r}); not reported",
            )
            continue
        if note:
            warn(where, note)
        if not is_tracked(target):
            warn(
                where,
                f"task {target.number} is a heading with no completion time in the plan; "
                "its result is not recorded",
            )
            continue
        status = _status(status_text, result_text, ticked, where, warn)
        if status is None:
            continue
        unit = _unit(plan, target, [names[u] for u in task.lead], units, where, warn)
        if unit is None:
            continue
        key = f"{target.number}/{unit}"
        if key in seen:
            warn(
                where,
                f"task {target.number} was already reported for unit {unit!r} ({seen[key]}); "
                "this row is skipped",
            )
            continue
        seen[key] = where
        fields = {
            "task": str(target.number),
            "unit": unit,
            "status": status.value,
            "result": result_text,
            "completed": extra.get("completed"),
            "difficulty": extra.get("difficulty"),
            "proposal": extra.get("proposal"),
        }
        out.row(fields, {}, None)
    chosen = period or _period_from(table.above)
    if period is None and chosen is not None:
        warn("period", f"the period {chosen.label} was read from the report's title")
    try:
        return out.finish(source=path, file_plan=None, file_period=None, period=chosen)
    except PlanInvalid as exc:
        raise PlanInvalid(exc.problems) from None


def _status(
    status_text: str, result_text: str, ticked: list[ProgressStatus], where: str, warn: Any
) -> ProgressStatus | None:
    if status_text:
        try:
            return ProgressStatus.parse(status_text)
        except ValueError:
            pass
        status, named = status_from_text(status_text)
        if status is not None:
            return status
        warn(where, f"status not read from {status_text!r}; the row is not reported")
        return None
    if ticked:
        if len(ticked) > 1:
            warn(
                where,
                f"several statuses ticked ({', '.join(s.label for s in ticked)}); "
                f"took {ticked[0].label!r}",
            )
        return ticked[0]
    status, named = status_from_text(result_text)
    if status is None:
        shown = result_text if len(result_text) <= 80 else result_text[:77] + "..."
        warn(
            where,
            f"no status (đã hoàn thành, đang thực hiện...) read from the result {shown!r}; "
            "the row is not reported",
        )
        return None
    if len(named) > 1:
        warn(
            where,
            f"the result names several statuses ({', '.join(s.label for s in named)}); "
            f"took the first, {status.label!r}",
        )
    return status


def _unit(
    plan: Plan, task: Task, written: list[str], units: dict[str, str], where: str, warn: Any
) -> str | None:
    allowed = task.units
    for name in written:
        key = units.get(name) or units.get(name.lower()) or units.get(_key(name))
        if key is not None and (not allowed or key in allowed):
            return key
    if written:
        warn(
            where,
            f"unit {written[0]!r} is not one of task {task.number}'s units in the plan; "
            "recorded for its lead unit",
        )
    if allowed:
        return allowed[0]
    if plan.units:
        warn(
            where,
            f"task {task.number} names no unit and the report none of the plan's; "
            f"recorded for {plan.units[0].id!r}",
        )
        return plan.units[0].id
    warn(where, "the plan declares no unit to record the result for; not reported")
    return None
