"""The ``kh-tthc`` command.

Exit codes: 0 success, 1 invalid input (the file was read but its content is wrong),
2 usage errors and files that cannot be read or written. A user's mistake never shows a
traceback: every problem is printed on a line of its own, the way compilers do.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from attrs import evolve

from kh_tthc import __version__
from kh_tthc.errors import (
    KhTthcError,
    OutputUnwritable,
    PlanFileError,
    PlanInvalid,
    Problem,
    SourceUnreadable,
)
from kh_tthc.io.guard import date_problem, terminal_safe
from kh_tthc.io.output import check_output, write_output
from kh_tthc.io.plan_file import FORMATS, dumps_plan, read_plan
from kh_tthc.io.source import format_of, read_head
from kh_tthc.model import Plan
from kh_tthc.periods import Period, PeriodError, SendingRule, SendingRuleSyntaxError
from kh_tthc.validate import check_plan
from kh_tthc.vn import format_percent, upper

if TYPE_CHECKING:
    from kh_tthc.forms import Owed
    from kh_tthc.importing import ImportResult
    from kh_tthc.portfolio import Portfolio
    from kh_tthc.report import Report

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


class UsageError(KhTthcError, ValueError):
    """A command-line argument that cannot be used (exit 2)."""


def _safe(text: str) -> str:
    # Text from files reaches the terminal: its control characters are shown, not obeyed.
    return terminal_safe(text)


def _print_problems(problems: Iterable[Problem | str], stream: TextIO) -> None:
    for p in problems:
        print(_safe(str(p)), file=stream)


def _emit(output: str | bytes, path: Path | None, *, inputs: Sequence[Path]) -> None:
    """An export to standard output (bytes as they are, text made terminal-safe), or
    written atomically to ``path``."""
    if path is not None:
        write_output(path, output, inputs=inputs)
    elif isinstance(output, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(_safe(output))


def read_with_days_off(
    path: Path, days_off: Sequence[date] = ()
) -> tuple[Plan, tuple[Problem, ...]]:
    """Read and check a plan, with the days off given by ``--day-off`` added to its own.

    The days become part of the plan's calendar (:meth:`Plan.calendar`), so every date
    computed from it afterwards (checks, schedule, report) skips them.
    """
    plan, problems = read_plan(path)
    if days_off:
        plan = evolve(plan, days_off=(*plan.days_off, *days_off))
        problems = check_plan(plan)
    return plan, problems


def load_checked(path: Path, *, stderr: TextIO, days_off: Sequence[date] = ()) -> Plan:
    """Read a plan for a command; print its warnings; raise PlanInvalid on errors."""
    plan, problems = read_with_days_off(path, days_off)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise PlanInvalid(problems)
    _print_problems(problems, stderr)
    return plan


def _cmd_validate(args: argparse.Namespace) -> int:
    plan, problems = read_with_days_off(args.plan, args.day_off)
    _print_problems(problems, sys.stdout if args.quiet is False else sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        print(_safe(f"{args.plan}: {errors} error(s), {warnings} warning(s)"), file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        print(_safe(f"{args.plan}: valid, {row_counts(plan)}, {warnings} warning(s)"))
    return EXIT_OK


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def row_counts(plan: Plan) -> str:
    """The appendix counted as people count it, tasks and headings (group rows) apart:
    "20 tasks and 9 headings, 10 units"."""
    groups = sum(t.group for t in plan.tasks)
    tasks = _count(len(plan.tasks) - groups, "task", "tasks")
    headings = _count(groups, "heading", "headings")
    return f"{tasks} and {headings}, {_count(len(plan.units), 'unit', 'units')}"


def outline(plan: Plan) -> list[str]:
    """The plan's appendix as indented lines (:func:`kh_tthc.tables.plan_outline`)."""
    from kh_tthc.tables import plan_outline  # only `show` needs it

    return plan_outline(plan)


def _cmd_show(args: argparse.Namespace) -> int:
    plan = load_checked(args.plan, stderr=sys.stderr)
    width = args.width
    for line in outline(plan):
        line = _safe(line)
        print(line if width <= 0 or len(line) <= width else line[: width - 1] + "…")
    return EXIT_OK


#: What ``kh-tthc report -o`` can write, by extension.
REPORT_FORMATS = (".docx", ".json", ".csv", ".xlsx")


def _period_arg(text: str) -> Period:
    """A reporting period on the command line: 2025-Q4, "Quý IV/2025", 2025-10, 2025."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _load_report(args: argparse.Namespace, progress_path: Path | None = None) -> Report:
    """The report of the command: the period from ``--period``, else from the progress
    file's ``# kỳ báo cáo:`` line; a file for another period than ``--period`` is refused
    (by :func:`~kh_tthc.progress.read_progress`, naming the file and line)."""
    from kh_tthc.progress import read_progress
    from kh_tthc.report import Report

    as_of: date = date.today() if args.as_of is None else args.as_of
    if args.period is not None:
        _check_as_of(as_of, args.period)
    plan = load_checked(args.plan, stderr=sys.stderr, days_off=args.day_off)
    source = progress_path if progress_path is not None else args.progress[0]
    progress, notes = read_progress(source, plan, period=args.period)
    period: Period = progress.period
    if args.period is None:
        _check_as_of(as_of, period)
    previous = None
    if args.previous is not None:
        before, more = read_progress(args.previous, plan, period=period.previous())
        notes += more
        # The previous report as it stood once its window had closed.
        made = before.period.cutoff().end + timedelta(days=1)
        previous = Report(plan=plan, period=before.period, progress=before, as_of=made)
    _print_problems(notes, sys.stderr)
    return Report(
        plan=plan,
        period=period,
        progress=progress,
        as_of=as_of,
        previous=previous,
        addressees=tuple(args.to or ()),
    )


def _reports_many(args: argparse.Namespace) -> int:
    """`report PLAN A.csv B.csv ... -o FOLDER [--pdf]`: one báo cáo (DOCX) per progress
    file, named after it, and their PDFs in one LibreOffice run."""
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: with several progress files, -o names a folder")
    if args.previous is not None:
        raise UsageError("--previous is for one progress file")
    stems = [p.stem for p in args.progress]
    if len(set(stems)) != len(stems):
        raise UsageError("several progress files share a name; their reports would collide")
    from kh_tthc.render import docxs_to_pdfs, render_report  # deferred: loads docxtpl

    inputs = (args.plan, *args.progress)
    reports = [(p, _load_report(args, p)) for p in args.progress]
    folder.mkdir(parents=True, exist_ok=True)
    outputs = []
    for source, report in reports:
        out = check_output(folder / f"bao-cao-{source.stem}.docx", inputs=inputs)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render_report(report, out, inputs=inputs)
        for w in caught:
            print(f"{source}: warning: {_safe(str(w.message))}", file=sys.stderr)
        print(_safe(f"{out}: {report.period.label}, {report.counts.total} tasks"))
        outputs.append(out)
    if args.pdf:
        for pdf in docxs_to_pdfs(outputs, inputs=inputs):
            print(_safe(str(pdf)))
    return EXIT_OK


def _check_as_of(as_of: date, period: Period) -> None:
    if as_of < period.cutoff().start:
        raise UsageError(
            f"--as-of {as_of.isoformat()} is before the {period.label} window starts "
            f"({period.cutoff()})"
        )


def report_csv(report: Report) -> str:
    """The report's task records as CSV for Excel (:meth:`Report.to_csv`)."""
    return report.to_csv()


def _cmd_report(args: argparse.Namespace) -> int:
    if len(args.progress) > 1:
        return _reports_many(args)
    out: Path = args.output
    suffix = out.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise UsageError(
            f"-o {out}: unknown output extension {out.suffix!r} "
            f"(expected {', '.join(REPORT_FORMATS)})"
        )
    if args.pdf and suffix != ".docx":
        raise UsageError(f"--pdf needs a .docx output, not {out.name!r}")
    inputs = (args.plan, *args.progress, args.previous)
    check_output(out, inputs=inputs)
    if args.pdf:
        check_output(out.with_suffix(".pdf"), inputs=inputs)
    report = _load_report(args)
    if suffix == ".docx":
        from kh_tthc.render import render_report  # deferred: rendering loads docxtpl

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render_report(report, out, inputs=inputs)
        for w in caught:
            print(f"{args.progress[0]}: warning: {_safe(str(w.message))}", file=sys.stderr)
    elif suffix == ".json":
        write_output(out, report.to_json(), inputs=inputs)
    elif suffix == ".xlsx":
        from kh_tthc.forms.sheets import report_xlsx  # deferred: loads openpyxl

        write_output(out, report_xlsx(report), inputs=inputs)
    else:
        write_output(out, report_csv(report), inputs=inputs)
    counts = report.counts
    rate = report.completion_rate
    print(
        _safe(
            f"{out}: {report.period.label}, {counts.total} tasks, "
            f"{'no' if rate is None else format_percent(rate)} done, "
            f"{len(report.overdue)} overdue, {len(report.not_reported)} not reported"
        )
    )
    if args.pdf:
        from kh_tthc.render import docx_to_pdf

        pdf = out.with_suffix(".pdf")
        docx_to_pdf(out, pdf, inputs=inputs)
        print(_safe(str(pdf)))
    return EXIT_OK


_DOCX_SUFFIXES = (".docx", ".doc", ".docm")
_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


def import_source(path: Path, *, year: int | None = None, sheet: str | None = None) -> ImportResult:
    """Import a Word document, an Excel workbook or a CSV file, chosen by extension, else
    by content."""
    from kh_tthc.importing import import_csv, import_docx, import_xlsx  # deferred: heavy

    suffix = path.suffix.lower()
    if suffix in _XLSX_SUFFIXES:
        return import_xlsx(path, sheet=sheet, year=year)
    if sheet is not None:
        raise UsageError(f"{path}: --sheet is for an Excel workbook (.xlsx)")
    if suffix in _DOCX_SUFFIXES:
        return import_docx(path, year=year)
    if suffix in _CSV_SUFFIXES:
        return import_csv(path, year=year)
    head = b""  # the importer reports a missing or unreadable file
    try:
        # Through the door: a named pipe or a device is refused, never opened blocking.
        head = read_head(path, 8, what="a .docx or .csv file")
    except SourceUnreadable as exc:
        if "no such file" not in exc.reason and "permission" not in exc.reason:
            raise
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return import_docx(path, year=year)
    return import_csv(path, year=year)


def _cmd_import_progress(args: argparse.Namespace) -> int:
    """`import --progress PLAN SOURCE -o progress.csv`: a report's table as progress."""
    from kh_tthc.progress import WRITE_FORMATS, dumps_progress

    source: Path = args.source
    output: Path = args.output
    if output.suffix.lower() not in WRITE_FORMATS:
        raise UsageError(f"{output}: a progress output must end in .csv or .toml")
    if args.sheet is not None and source.suffix.lower() not in _XLSX_SUFFIXES:
        raise UsageError(f"{source}: --sheet is for an Excel workbook (.xlsx)")
    # A progress file is edited by hand: it is replaced only when asked.
    inputs = (source, args.progress)
    check_output(output, inputs=inputs, replace=args.force)
    from kh_tthc.importing.progress_table import import_progress  # deferred: heavy

    plan = load_checked(args.progress, stderr=sys.stderr)
    progress, warnings = import_progress(source, plan, period=args.period, sheet=args.sheet)
    fmt = format_of(output, WRITE_FORMATS, what="progress file")
    write_output(
        output, dumps_progress(progress, plan, format=fmt), inputs=inputs, replace=args.force
    )
    _print_problems(warnings, sys.stdout)
    print(
        _safe(
            f"{output}: {len(progress.rows)} rows for {progress.period.label} imported from "
            f"{source}, {len(warnings)} warning(s)"
        )
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    if args.progress is not None:
        return _cmd_import_progress(args)
    if args.period is not None:
        raise UsageError("--period is for a report imported with --progress PLAN")
    source: Path = args.source
    output: Path = args.output
    if output.suffix.lower() not in FORMATS:
        raise UsageError(f"{output}: the output must end in .toml or .json")
    # A plan file is edited by hand: it is replaced only when asked.
    check_output(output, inputs=(source,), replace=args.force)
    result = import_source(source, year=args.year, sheet=args.sheet)
    text = dumps_plan(result.plan, format=format_of(output, FORMATS, what="plan file"))
    write_output(output, text, inputs=(source,), replace=args.force)
    _print_problems(result.warnings, sys.stdout)
    plan = result.plan
    print(
        _safe(
            f"{output}: {row_counts(plan)} imported from "
            f"{source}, {len(result.warnings)} warning(s)"
        )
    )
    return EXIT_OK


def _docx_output(path: Path, inputs: tuple[Path | None, ...] = ()) -> Path:
    """The output of a command that writes a DOCX, checked before any work is done."""
    if path.is_dir():
        raise OutputUnwritable(path, "it is a directory; expected a .docx file name")
    if path.suffix.lower() != ".docx":
        raise UsageError(f"{path}: the output must be a .docx file name")
    return check_output(path, inputs=inputs)


def _cmd_render(args: argparse.Namespace) -> int:
    plans: list[Path] = args.plan
    if len(plans) > 1:
        return _render_many(args, plans)
    inputs = (plans[0], args.template)
    output = _docx_output(args.output, inputs)
    if args.pdf:
        check_output(output.with_suffix(".pdf"), inputs=inputs)
    from kh_tthc.render import render_plan  # deferred: rendering loads docxtpl

    plan = load_checked(plans[0], stderr=sys.stderr)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_plan(plan, output, template=args.template, inputs=inputs)
    for w in caught:
        print(f"{plans[0]}: warning: {_safe(str(w.message))}", file=sys.stderr)
    print(_safe(str(output)))
    if args.pdf:
        from kh_tthc.render import docx_to_pdf

        pdf = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf, inputs=inputs)
        print(_safe(str(pdf)))
    return EXIT_OK


def _render_many(args: argparse.Namespace, plans: list[Path]) -> int:
    """`render A.toml B.toml ... -o FOLDER [--pdf]`: one DOCX per plan, the PDFs in one
    LibreOffice run."""
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: with several plans, -o names a folder")
    stems = [p.stem for p in plans]
    if len(set(stems)) != len(stems):
        raise UsageError("several plans share a file name; their documents would collide")
    from kh_tthc.render import docxs_to_pdfs, render_plan  # deferred: loads docxtpl

    inputs = (*plans, args.template)
    loaded = [load_checked(p, stderr=sys.stderr) for p in plans]
    folder.mkdir(parents=True, exist_ok=True)
    outputs = []
    for source, plan in zip(plans, loaded, strict=True):
        output = _docx_output(folder / f"{source.stem}.docx", inputs)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render_plan(plan, output, template=args.template, inputs=inputs)
        for w in caught:
            print(f"{source}: warning: {_safe(str(w.message))}", file=sys.stderr)
        print(_safe(str(output)))
        outputs.append(output)
    if args.pdf:
        for pdf in docxs_to_pdfs(outputs, inputs=inputs):
            print(_safe(str(pdf)))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from kh_tthc.render import copy_template

    print(_safe(str(copy_template(_docx_output(args.output)))))
    return EXIT_OK


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date_arg(text: str) -> date:
    """A date on the command line: 2025-10-15 or 15/10/2025."""
    m = _DMY.fullmatch(text.strip())
    try:
        day = date(int(m[3]), int(m[2]), int(m[1])) if m else date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (expected 2025-10-15 or 15/10/2025)"
        ) from None
    if reason := date_problem(day):
        raise argparse.ArgumentTypeError(reason)
    return day


def _rule_arg(text: str) -> SendingRule:
    try:
        return SendingRule.parse(text)
    except SendingRuleSyntaxError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_schedule(args: argparse.Namespace) -> int:
    from kh_tthc.schedule import EXPORTS, ScheduleError

    if args.output is not None:
        check_output(args.output, inputs=(args.plan,))  # before any work
    elif args.format == "xlsx":
        raise UsageError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    plan = load_checked(args.plan, stderr=sys.stderr, days_off=args.day_off)
    start = args.start if args.start is not None else plan.period.start
    end = args.end if args.end is not None else plan.period.end
    if end < start:
        raise UsageError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    if args.soon < 0:
        raise UsageError(f"--soon must be 0 or more, not {args.soon}")
    # The only place the library's time comes from the clock: the command's default.
    as_of = args.as_of if args.as_of is not None else date.today()
    agenda = plan.schedule(
        start,
        end,
        as_of=as_of,
        reporting=args.rule,
        soon=args.soon,
    )
    if args.unit is not None:
        try:
            agenda = agenda.for_unit(args.unit, role=args.role)
        except ScheduleError as exc:
            raise UsageError(str(exc)) from None
    if args.format == "xlsx":
        from kh_tthc.forms.sheets import schedule_xlsx  # deferred: loads openpyxl

        output: str | bytes = schedule_xlsx(agenda)
    else:
        output = EXPORTS[args.format](agenda)
    _emit(output, args.output, inputs=(args.plan,))
    return EXIT_OK


def _day_off_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--day-off",
        dest="day_off",
        action="append",
        type=_date_arg,
        default=[],
        metavar="DATE",
        help="a day off the holiday data does not know (repeatable), added to the plan's days_off",
    )


# -- the portfolio commands (issue 14) ------------------------------------------------------


def _load_portfolio(folder: Path) -> Portfolio:
    """The portfolio of a command: every problem printed, exit 1 on any error."""
    from kh_tthc.portfolio import Portfolio, PortfolioError

    try:
        portfolio = Portfolio.load(folder)
    except PortfolioError as exc:
        raise UsageError(str(exc)) from None
    _print_problems([p for p in portfolio.problems if not p.is_error], sys.stderr)
    return portfolio


def _portfolio_inputs(folder: Path) -> tuple[Path, ...]:
    """The files a portfolio command reads, which no output may replace (read before any
    work: a portfolio whose plans fail still names its files)."""
    from kh_tthc.portfolio import Portfolio

    try:
        p = Portfolio.load(folder, strict=False)
    except KhTthcError:
        return (folder / "portfolio.toml",)
    files = [p.folder / "portfolio.toml"]
    for e in p.plans:
        files.append(e.file)
        files.extend(pr.source for pr in e.progress if pr.source is not None)
    return tuple(files)


def _period_of(args: argparse.Namespace, as_of: date) -> Period:
    from kh_tthc.periods import PeriodKind

    period: Period | None = getattr(args, "period", None)
    return period if period is not None else Period.containing(PeriodKind.QUARTER, as_of)


def _cmd_agenda(args: argparse.Namespace) -> int:
    from kh_tthc.portfolio import PortfolioError
    from kh_tthc.portfolio.ics import agenda_ics
    from kh_tthc.tables import records_csv, records_json

    if args.start and args.end and args.end < args.start:
        raise UsageError(f"--to {args.end.isoformat()} is before --from {args.start.isoformat()}")
    if args.format == "xlsx" and args.output is None:
        raise UsageError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    inputs = _portfolio_inputs(args.folder)
    if args.output is not None:
        check_output(args.output, inputs=inputs)
    portfolio = _load_portfolio(args.folder)
    as_of = args.as_of if args.as_of is not None else date.today()
    try:
        items = portfolio.agenda(as_of=as_of, unit=args.unit, start=args.start, end=args.end)
        unit = None if args.unit is None else portfolio.unit_id(args.unit)
    except PortfolioError as exc:
        raise UsageError(str(exc)) from None
    records = portfolio.agenda_records(items)
    output: str | bytes
    if args.format == "xlsx":
        from kh_tthc.forms.sheets import agenda_xlsx  # deferred: loads openpyxl

        who = f" CỦA {upper(portfolio.names[unit])}" if unit else ""
        output = agenda_xlsx(records, f"LỊCH VIỆC{who} THEO CÁC KẾ HOẠCH")
    elif args.format == "json":
        output = records_json(records)
    elif args.format == "csv":
        output = records_csv(records, bom=True)
    elif args.format == "ics":
        name = portfolio.names[unit] if unit else portfolio.title
        output = agenda_ics(items, name=name, as_of=as_of)
    else:
        output = agenda_table(records, portfolio.names.get(unit or "", ""), as_of)
    _emit(output, args.output, inputs=inputs)
    return EXIT_OK


def agenda_table(records: Sequence[dict[str, object]], unit: str, as_of: date) -> str:
    """The agenda across plans as a text table for the terminal."""
    who = f" của {unit}" if unit else ""
    lines = [f"Lịch việc{who} theo các kế hoạch (tính đến ngày {as_of:%d/%m/%Y})", ""]
    head = ("Hạn", "Trạng thái", "Kế hoạch", "STT", "Nội dung")
    rows = [
        (
            "—" if r["due"] is None else f"{r['due']:%d/%m/%Y}",
            str(r["status_label"]),
            str(r["plan_number"]),
            str(r["task"]),
            str(r["title"]) + (f" – {r['period']}" if r["period"] else ""),
        )
        for r in records
    ]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(head[:-1])]

    def line(cells: tuple[str, ...]) -> str:
        text = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
        text += "  " + cells[-1]
        return text if len(text) <= 120 else text[:119] + "…"

    lines.append(line(head))
    lines.append(line(tuple("-" * len(h) for h in head)))
    lines.extend(line(r) for r in rows)
    lines.append("")
    lines.append(f"{len(rows)} việc")
    return "\n".join(lines) + "\n"


def _cmd_remind(args: argparse.Namespace) -> int:
    from kh_tthc.portfolio import PortfolioError
    from kh_tthc.portfolio.letter import reminder, render_reminder

    inputs = _portfolio_inputs(args.folder)
    output = _docx_output(args.output, inputs)
    if args.pdf:
        check_output(output.with_suffix(".pdf"), inputs=inputs)
    portfolio = _load_portfolio(args.folder)
    try:
        letter = reminder(
            portfolio,
            as_of=args.as_of,
            period=args.period,
            units=[args.unit] if args.unit else [],
            number=args.number,
        )
    except PortfolioError as exc:
        raise UsageError(str(exc)) from None
    render_reminder(letter, output, inputs=inputs)
    print(_safe(f"{output}: {letter.subject}, {len(letter.items)} task(s)"))
    if args.pdf:
        from kh_tthc.render import docx_to_pdf

        pdf = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf, inputs=inputs)
        print(_safe(str(pdf)))
    return EXIT_OK


def _cmd_dashboard(args: argparse.Namespace) -> int:
    from kh_tthc.portfolio.dashboard import build_dashboard

    out: Path = args.output
    if out.exists() and not out.is_dir():
        raise OutputUnwritable(out, "expected a folder for the site")
    if not out.parent.is_dir():
        raise OutputUnwritable(out, f"the folder {str(out.parent)!r} does not exist")
    inputs = _portfolio_inputs(args.folder)
    portfolio = _load_portfolio(args.folder)
    files = build_dashboard(
        portfolio, out, as_of=args.as_of, period=_period_of(args, args.as_of), inputs=inputs
    )
    print(_safe(f"{out / 'index.html'}: {len(files)} files"))
    return EXIT_OK


def _cmd_rollup(args: argparse.Namespace) -> int:
    from kh_tthc.portfolio import PortfolioError
    from kh_tthc.portfolio.summary import render_summary

    inputs = _portfolio_inputs(args.folder)
    if args.output is not None:
        _docx_output(args.output, inputs)
    portfolio = _load_portfolio(args.folder)
    period = _period_of(args, args.as_of)
    plans, units = portfolio.rollup(period, as_of=args.as_of)

    def rate(r: float | None) -> str:
        return "—" if r is None else format_percent(r)

    print(_safe(f"{portfolio.title}: {period.label}, tính đến {args.as_of:%d/%m/%Y}"))
    for f in plans:
        print(
            _safe(
                f"  {f.plan_number}: {f.total} tasks, {f.done} done ({rate(f.completion_rate)}),"
                f" {f.overdue} overdue, {f.not_reported} not reported"
            )
        )
    for u in units:
        print(
            _safe(
                f"  {u.name}: {u.total} tasks, {u.done} done ({rate(u.completion_rate)}),"
                f" {u.overdue} overdue, {u.not_reported} not reported"
            )
        )
    if args.output is not None:
        try:
            render_summary(
                portfolio,
                period,
                args.output,
                as_of=args.as_of,
                addressees=args.to or (),
                inputs=inputs,
            )
        except PortfolioError as exc:
            raise UsageError(str(exc)) from None
        print(_safe(str(args.output)))
    return EXIT_OK


def _add_portfolio_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    folder_help = "folder holding portfolio.toml"
    p = sub.add_parser(
        "agenda", help="what falls due for a unit across every plan of a portfolio folder"
    )
    p.add_argument("folder", type=Path, metavar="FOLDER", help=folder_help)
    p.add_argument("--unit", metavar="U", help="only this unit (registry id or name)")
    p.add_argument("--from", dest="start", type=_date_arg, metavar="D", help="first day")
    p.add_argument("--to", dest="end", type=_date_arg, metavar="D", help="last day")
    p.add_argument(
        "--as-of", dest="as_of", type=_date_arg, metavar="D", help="day statuses count from (today)"
    )
    p.add_argument(
        "--format",
        choices=["table", "csv", "json", "ics", "xlsx"],
        default="table",
        help="output format (xlsx needs -o)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (atomically)")
    p.set_defaults(func=_cmd_agenda)

    p = sub.add_parser(
        "remind",
        help="a reminder letter (công văn đôn đốc) about overdue and not-reported tasks",
    )
    p.add_argument("folder", type=Path, metavar="FOLDER", help=folder_help)
    p.add_argument("--as-of", dest="as_of", type=_date_arg, required=True, metavar="D")
    p.add_argument("--unit", metavar="U", help="to this unit only (default: every late unit)")
    p.add_argument("--period", type=_period_arg, default=None, help="default: quarter of --as-of")
    p.add_argument("--number", type=int, default=None, help="the letter's number (draft: blank)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    p.add_argument("--pdf", action="store_true", help="also write OUT.pdf (needs LibreOffice)")
    p.set_defaults(func=_cmd_remind)

    p = sub.add_parser(
        "rollup",
        help="figures per plan and per unit across a portfolio; -o writes the báo cáo tổng hợp",
    )
    p.add_argument("folder", type=Path, metavar="FOLDER", help=folder_help)
    p.add_argument("--as-of", dest="as_of", type=_date_arg, required=True, metavar="D")
    p.add_argument("--period", type=_period_arg, default=None, help="default: quarter of --as-of")
    p.add_argument("--to", action="append", metavar="BODY", help="'Kính gửi:' addressee")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="báo cáo tổng hợp")
    p.set_defaults(func=_cmd_rollup)

    p = sub.add_parser("dashboard", help="a static HTML dashboard of a portfolio folder")
    p.add_argument("folder", type=Path, metavar="FOLDER", help=folder_help)
    p.add_argument("--as-of", dest="as_of", type=_date_arg, required=True, metavar="D")
    p.add_argument("--period", type=_period_arg, default=None, help="default: quarter of --as-of")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="SITE/")
    p.set_defaults(func=_cmd_dashboard)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kh-tthc",
        description="Vietnamese plans (kế hoạch) as data: validate, show, schedule, render.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a plan file and list every problem")
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    _day_off_option(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="print the plan's outline")
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument(
        "--width", type=int, default=0, help="cut lines to this many characters (0: no limit)"
    )
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser(
        "import",
        help="make a plan file from a Word plan's task table, an Excel sheet or a CSV export "
        "of it; with --progress, a progress file from a report's table of results",
    )
    p.add_argument(
        "source", type=Path, metavar="SOURCE", help=".docx (or .doc), .xlsx, .csv or .tsv"
    )
    p.add_argument(
        "--sheet", default=None, metavar="NAME", help="the workbook's sheet holding the table"
    )
    p.add_argument(
        "--progress",
        type=Path,
        default=None,
        metavar="PLAN",
        help="SOURCE is a report (.docx, .xlsx) whose table gives results: write them as "
        "PLAN's progress (-o progress.csv or .toml)",
    )
    p.add_argument(
        "--period",
        type=_period_arg,
        default=None,
        help="with --progress: the reporting period, when the report's title names none",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="plan file to write (.toml, .json); with --progress, progress file (.csv, .toml)",
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="the plan's year when the source shows none (otherwise a placeholder year)",
    )
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "render", help="write the plan as a DOCX in the Decree 30/2020 format (and a PDF)"
    )
    p.add_argument(
        "plan",
        type=Path,
        nargs="+",
        metavar="PLAN",
        help="plan file (.toml or .json); several: -o names a folder, one DOCX each",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    p.add_argument(
        "--template", type=Path, metavar="T.docx", help="a restyled copy of the template"
    )
    p.add_argument("--pdf", action="store_true", help="also write OUT.pdf (needs LibreOffice)")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("template", help="copy the DOCX template, to restyle it in Word")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser(
        "report",
        help="the progress report (báo cáo) for a period, as .docx, .json or .csv",
        description="Check a progress file against its plan and write the period's report.",
    )
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument(
        "progress",
        type=Path,
        nargs="+",
        metavar="PROGRESS",
        help="progress file (.csv, .toml or .xlsx); several: -o names a folder, one DOCX each",
    )
    p.add_argument(
        "--period",
        type=_period_arg,
        default=None,
        help="reporting period: 2025-Q4, 2025-H1, 2025-10, 2025 (default: the progress "
        "file's '# kỳ báo cáo:' line)",
    )
    p.add_argument(
        "--as-of",
        type=_date_arg,
        metavar="DATE",
        help="the day the report is made, 2025-12-15 or 15/12/2025 (default: today)",
    )
    p.add_argument(
        "--previous",
        type=Path,
        metavar="PROGRESS",
        help="the previous period's progress file, to state the change",
    )
    p.add_argument(
        "--to",
        action="append",
        metavar="BODY",
        help="the higher body the báo cáo is sent to, printed after 'Kính gửi:' "
        "(repeat for several); '- Như trên;' then heads 'Nơi nhận:'",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="output file; its extension picks the format: .docx, .json, .csv or .xlsx",
    )
    p.add_argument(
        "--pdf", action="store_true", help="with a .docx, also write OUT.pdf (needs LibreOffice)"
    )
    _day_off_option(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "schedule",
        help="list what is due: dated tasks, periodic reports, ongoing work to report on",
    )
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument(
        "--from", dest="start", type=_date_arg, metavar="D", help="first day (plan's start)"
    )
    p.add_argument("--to", dest="end", type=_date_arg, metavar="D", help="last day (plan's end)")
    p.add_argument(
        "--as-of", dest="as_of", type=_date_arg, metavar="D", help="day statuses count from (today)"
    )
    p.add_argument("--unit", metavar="U", help="only tasks of this unit (id or name)")
    p.add_argument(
        "--role",
        choices=["lead", "support", "any"],
        default="any",
        help="with --unit: tasks it leads, supports, or either (default: any)",
    )
    p.add_argument(
        "--format",
        choices=["table", "csv", "json", "ics", "xlsx"],
        default="table",
        help="output format (xlsx needs -o)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (atomically)")
    p.add_argument(
        "--soon",
        type=int,
        default=5,
        metavar="N",
        help="working days ahead that count as due soon (default: 5)",
    )
    p.add_argument(
        "--rule",
        type=_rule_arg,
        default=None,
        metavar="RULE",
        help="sending rule of periodic reports (default: '2 working days after cut-off')",
    )
    _day_off_option(p)
    p.set_defaults(func=_cmd_schedule)
    _add_forms_commands(sub)
    _add_portfolio_commands(sub)
    _add_check_commands(sub)
    return parser


# -- the reporting round in Excel (issue 13) --------------------------------------------


def _cmd_forms(args: argparse.Namespace) -> int:
    """`forms PLAN --period P -o FOLDER`: one form per unit to fill in."""
    from kh_tthc.forms import make_forms, parse_members  # deferred: loads openpyxl
    from kh_tthc.forms.write import check_members

    output: Path = args.output
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: expected a folder for the forms")
    try:
        members = parse_members(";".join(args.members or []))
    except ValueError as exc:
        raise UsageError(f"--members: {exc}") from None
    plan = load_checked(args.plan, stderr=sys.stderr)
    try:
        check_members(plan, members)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    paths = make_forms(
        plan, args.period, output, due=args.due, members=members, inputs=(args.plan,)
    )
    for path in paths:
        print(_safe(str(path)))
    print(_safe(f"{len(paths)} form(s) for {args.period.label} in {output}"))
    return EXIT_OK


def owed_csv(owed: Sequence[Owed]) -> str:
    """The units that owe a form and their tasks, one row per task: a reminder's input."""
    import csv
    import io

    from kh_tthc.io.csv_safe import escape_row

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "unit_name", "task", "role", "title"])
    for o in owed:
        for r in o.tasks:
            writer.writerow(
                [
                    o.unit,
                    *escape_row([o.name]),
                    str(r.task.number),
                    r.role,
                    *escape_row([r.task.title]),
                ]
            )
    return buffer.getvalue()


def _cmd_collect(args: argparse.Namespace) -> int:
    """`collect PLAN FORM... -o progress.csv`: the filled forms merged into one progress."""
    from kh_tthc.forms import collect_forms  # deferred: loads openpyxl
    from kh_tthc.progress import WRITE_FORMATS, dumps_progress

    output: Path | None = args.output
    if output is None and args.missing is None:
        raise UsageError("name the progress file to write (-o progress.csv) or pass --missing")
    inputs = (args.plan, *args.forms)
    if output is not None:
        if output.suffix.lower() not in WRITE_FORMATS:
            raise UsageError(f"{output}: a progress output must end in .csv or .toml")
        # A progress file is edited by hand: it is replaced only when asked.
        check_output(output, inputs=inputs, replace=args.force)
    plan = load_checked(args.plan, stderr=sys.stderr)
    got = collect_forms(plan, args.forms, period=args.period)
    _print_problems(got.warnings, sys.stdout)
    if output is not None:
        fmt = format_of(output, WRITE_FORMATS, what="progress file")
        text = dumps_progress(got.progress, plan, format=fmt)
        write_output(output, text, inputs=inputs, replace=args.force)
        print(
            _safe(
                f"{output}: {len(got.progress.rows)} rows for {got.progress.period.label} "
                f"from {len(got.forms)} form(s)"
            )
        )
    if args.missing is not None:
        for o in got.missing:
            tasks = ", ".join(str(r.task.number) for r in o.tasks)
            print(_safe(f"no form from {o.name} ({o.unit}): tasks {tasks}"))
        for t in got.unreported:
            print(_safe(f"task {t.number}: nobody reported on it"))
        if not got.missing:
            print("every unit returned its form")
        if args.missing != "-":
            write_output(Path(args.missing), owed_csv(got.missing), inputs=inputs)
            print(_safe(f"{args.missing}: {len(got.missing)} unit(s) that owe a form"))
    return EXIT_OK


def _add_forms_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("forms", help="write one Excel form per unit to fill in for a period")
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument(
        "--period", type=_period_arg, required=True, metavar="P", help="reporting period: 2025-Q4"
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER")
    p.add_argument(
        "--due",
        type=_date_arg,
        metavar="D",
        help="day units return the forms (default: 3 working days before the báo cáo is due)",
    )
    p.add_argument(
        "--members",
        action="append",
        metavar="UNIT=A,B",
        help="give a collective unit's rows to its member units instead of a form of its "
        "own: --members phong-don-vi=vp,cds,cntt (repeatable)",
    )
    p.set_defaults(func=_cmd_forms)

    p = sub.add_parser("collect", help="check the filled forms and merge them into progress")
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument("forms", type=Path, nargs="+", metavar="FORM", help="the returned .xlsx forms")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="progress.csv or .toml")
    p.add_argument("--period", type=_period_arg, metavar="P", help="the forms' period")
    p.add_argument("--force", action="store_true", help="replace an existing output")
    p.add_argument(
        "--missing",
        nargs="?",
        const="-",
        metavar="CSV",
        help="print the units that owe a form and their tasks; with CSV, write them there too",
    )
    p.set_defaults(func=_cmd_collect)


def _cmd_check(args: argparse.Namespace) -> int:
    import json
    import tempfile

    from kh_tthc.check import check_document
    from kh_tthc.errors import PdfConversionError
    from kh_tthc.importing.errors import SourceRejected

    try:
        findings = check_document(args.file, kind=args.kind, pdf=args.pdf)
        # --pages: LibreOffice opens only a file the check's limits let through, and only
        # when there is something to find a page for.
        if args.pages and findings:
            from kh_tthc.render.pdf import docx_to_pdf

            # The PDF is only read for its pages: it is made where nothing is left behind.
            with tempfile.TemporaryDirectory(prefix="kh-tthc-check-") as folder:
                try:
                    pdf = docx_to_pdf(args.file, Path(folder, "check.pdf"))
                except PdfConversionError as exc:
                    raise UsageError(f"{args.file}: no PDF to find the pages in: {exc}") from None
                findings = check_document(args.file, kind=args.kind, pdf=pdf)
    except SourceRejected as exc:  # not a Word file, or one that must not be read: exit 2
        raise UsageError(str(exc)) from None
    if args.format == "json":
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(_safe(f"{args.file}: {f}"))
    return EXIT_INVALID if any(f.is_error for f in findings) else EXIT_OK


def _add_check_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from kh_tthc.check.rules import KINDS

    p = sub.add_parser(
        "check", help="check any Word document (.docx) against the Decree 30 format rules"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the document (.docx)")
    p.add_argument(
        "--kind",
        choices=("auto", *KINDS),
        default="auto",
        help="document kind (auto: from the type name or the symbol)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    pages = p.add_mutually_exclusive_group()
    pages.add_argument(
        "--pdf",
        type=Path,
        metavar="PDF",
        help="the document's PDF: each finding then says its page (needs pdftotext)",
    )
    pages.add_argument(
        "--pages",
        action="store_true",
        help="make the PDF with LibreOffice to say each finding's page (needs soffice, pdftotext)",
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "schema", help="print the JSON Schema (draft 2020-12) of the plan or progress file"
    )
    p.add_argument("name", choices=("plan", "progress"), help="which file's schema")
    p.set_defaults(func=_cmd_schema)


def _cmd_schema(args: argparse.Namespace) -> int:
    from kh_tthc.schema import schema_text

    sys.stdout.write(schema_text(args.name))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code instead of exiting, for tests."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return int(exc.code or 0)
    func: Command = args.func
    try:
        code = func(args)
        sys.stdout.flush()  # a reader that went away shows here, not at the exit's flush
        return code
    except BrokenPipeError:
        return _reader_gone()
    except (SourceUnreadable, UsageError) as exc:
        print(_safe(f"kh-tthc: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except (PlanInvalid, PlanFileError) as exc:
        _print_problems(exc.problems, sys.stderr)
        return EXIT_INVALID
    except KhTthcError as exc:
        print(_safe(f"kh-tthc: {exc}"), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


#: The exit code of a command whose reader closed the pipe: 128 + SIGPIPE, as a shell
#: reports a Unix tool stopped by it.
EXIT_PIPE = 141


def _reader_gone() -> int:
    """Stop quietly when the reader closed the pipe (``kh-tthc show plan.toml | head``).

    As the Python documentation advises (library/signal, "Note on SIGPIPE"): standard output
    is pointed at the null device, so that the interpreter's last flush fails no more, and
    no traceback is printed. SIGPIPE keeps Python's handling (a signal that killed the
    process could leave a temporary file behind an atomic write).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test's captured output)
        pass
    return EXIT_PIPE


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
