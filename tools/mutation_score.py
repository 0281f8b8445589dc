"""The score of a `make mutation` run, per rule module, with the equivalent mutants apart.

    .venv/bin/python tools/mutation_score.py            # mutants/ of this checkout
    .venv/bin/python tools/mutation_score.py --mutants DIR --survivors

Reads mutmut's results (`mutants/src/**/*.meta`) and the equivalent mutants listed with
their reasons in `tests/mutations/equivalent/*.toml` (`"mutant name" = "reason"`), and
prints a Markdown table: per module the mutants, killed (a timeout or the memory cap
counts as killed), survived, listed as equivalent, and the score, the killed share of
the mutants that are not equivalent. Exits 1 when a module scores under 90%, when the
equivalents reach 5% of all mutants, when a mutant was not tried, or when a listed
equivalent was killed or is no mutant of the run (the list is out of date: the code
moved); `--survivors` lists the survivors not listed as equivalent; `--equivalents-md` prints
the list of equivalents as docs/testing.md shows it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 90.0  # percent of the non-equivalent mutants of each module, killed
EQUIVALENT_MAX = 5.0  # percent of all mutants

#: mutmut's exit codes (mutmut.stats.status_by_exit_code), as this table counts them.
KILLED = {1, 3, 36, -24, 24, 152, 255, -9, -11}
SURVIVED = {0}
NO_TESTS = {5, 33}


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Each mutated module's mutants and their exit codes, by module name."""
    by_module = {}
    for meta in sorted((mutants / "src").rglob("*.py.meta")):
        module = meta.relative_to(mutants / "src").as_posix().removesuffix(".py.meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            by_module[module.replace("/", ".")] = codes
    return by_module


def equivalents(folder: Path) -> dict[str, str]:
    """The mutants listed as equivalent, with their reasons."""
    listed: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        listed.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return listed


def module_of(mutant: str) -> str:
    """The module of a mutant's name (`kh_tthc.periods.xǁPeriodǁnext__mutmut_15`)."""
    match = re.match(r"(.*?)\.x[_ǁ]", mutant)
    return match.group(1) if match else mutant


def equivalents_markdown(listed: dict[str, str]) -> str:
    """The equivalent mutants by module, with their reasons, as docs/testing.md lists them."""
    by_module: dict[str, list[str]] = {}
    for name in sorted(listed):
        by_module.setdefault(module_of(name), []).append(name)
    parts = []
    for module, names in by_module.items():
        lines = [f"- `{name.removeprefix(module + '.')}`: {listed[name]}" for name in names]
        parts.append(f"`{module}` ({len(names)}):\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--equivalent", type=Path, default=ROOT / "tests/mutations/equivalent")
    parser.add_argument("--survivors", action="store_true", help="list the unexplained ones")
    parser.add_argument("--equivalents-md", action="store_true", help="print the list, only")
    args = parser.parse_args(argv)
    if args.equivalents_md:
        print(equivalents_markdown(equivalents(args.equivalent)), end="")
        return 0
    by_module = results(args.mutants)
    if not by_module:
        print(f"no results in {args.mutants}: run `make mutation` first")
        return 2
    listed = equivalents(args.equivalent)
    every = {name: code for codes in by_module.values() for name, code in codes.items()}
    problems = [
        f"listed as equivalent but no mutant of this run: {n}" for n in listed if n not in every
    ]
    problems += [
        f"listed as equivalent but killed: {n}" for n in listed if every.get(n, 0) in KILLED
    ]

    print("| Module | Mutants | Killed | Survived | Equivalent | Score |")
    print("|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    unexplained = []
    for module, codes in by_module.items():
        count: Counter[str] = Counter()
        for name, code in codes.items():
            if code in KILLED:
                count["killed"] += 1
            elif code in SURVIVED or code in NO_TESTS:
                count["equivalent" if name in listed else "survived"] += 1
                if name not in listed:
                    unexplained.append(name)
            else:
                count["not tried"] += 1
        count["mutants"] = len(codes)
        total.update(count)
        judged = count["mutants"] - count["equivalent"] - count["not tried"]
        score = 100.0 * count["killed"] / judged if judged else 100.0
        print(
            f"| `{module}` | {count['mutants']} | {count['killed']} | {count['survived']} "
            f"| {count['equivalent']} | {score:.1f}% |"
        )
        if score < GOAL:
            problems.append(f"{module}: {score:.1f}% of its non-equivalent mutants killed")
        if count["not tried"]:
            problems.append(f"{module}: {count['not tried']} mutants not tried")
    judged = total["mutants"] - total["equivalent"] - total["not tried"]
    share = 100.0 * total["equivalent"] / total["mutants"]
    print(
        f"| all | {total['mutants']} | {total['killed']} | {total['survived']} "
        f"| {total['equivalent']} ({share:.1f}%) | {100.0 * total['killed'] / judged:.1f}% |"
    )
    if share >= EQUIVALENT_MAX:
        problems.append(f"equivalent mutants are {share:.1f}% of all (at most {EQUIVALENT_MAX}%)")
    if args.survivors:
        print("\nSurvivors not listed as equivalent:", *unexplained, sep="\n  ")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
