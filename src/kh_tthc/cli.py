"""The ``kh-tthc`` command.

Exit codes: 0 success, 1 invalid input (the file was read but its content is wrong),
2 usage errors and files that cannot be read or written. A user's mistake never shows a
traceback: every problem is printed on a line of its own, the way compilers do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from kh_tthc import __version__
from kh_tthc.errors import KhTthcError, PlanFileError, PlanInvalid, Problem, SourceUnreadable
from kh_tthc.io.plan_file import read_plan
from kh_tthc.model import Plan

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


class UsageError(KhTthcError, ValueError):
    """A command-line argument that cannot be used (exit 2)."""


def _print_problems(problems: Iterable[Problem | str], stream: TextIO) -> None:
    for p in problems:
        print(p, file=stream)


def load_checked(path: Path, *, stderr: TextIO) -> Plan:
    """Read a plan for a command; print its warnings; raise PlanInvalid on errors."""
    plan, problems = read_plan(path)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise PlanInvalid(problems)
    _print_problems(problems, stderr)
    return plan


def _cmd_validate(args: argparse.Namespace) -> int:
    plan, problems = read_plan(args.plan)
    _print_problems(problems, sys.stdout if args.quiet is False else sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        print(f"{args.plan}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        print(
            f"{args.plan}: valid, {len(plan.tasks)} tasks, {len(plan.units)} units, "
            f"{warnings} warning(s)"
        )
    return EXIT_OK


def outline(plan: Plan) -> list[str]:
    """The plan's appendix as indented lines: number, title, lead units, completion time."""
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


def _cmd_show(args: argparse.Namespace) -> int:
    plan = load_checked(args.plan, stderr=sys.stderr)
    width = args.width
    for line in outline(plan):
        print(line if width <= 0 or len(line) <= width else line[: width - 1] + "…")
    return EXIT_OK


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
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="print the plan's outline")
    p.add_argument("plan", type=Path, metavar="PLAN", help="plan file (.toml or .json)")
    p.add_argument(
        "--width", type=int, default=0, help="cut lines to this many characters (0: no limit)"
    )
    p.set_defaults(func=_cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code instead of exiting, for tests."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return int(exc.code or 0)
    func: Command = args.func
    try:
        return func(args)
    except (SourceUnreadable, UsageError) as exc:
        print(f"kh-tthc: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (PlanInvalid, PlanFileError) as exc:
        _print_problems(exc.problems, sys.stderr)
        return EXIT_INVALID
    except KhTthcError as exc:
        print(f"kh-tthc: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
