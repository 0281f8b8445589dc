"""Try mutants of a finished `make mutation` run against some tests, quickly.

    .venv/bin/python tools/mutation_try.py tests/test_periods.py --survivors "kh_tthc.periods*"
    .venv/bin/python tools/mutation_try.py tests/test_x.py -m kh_tthc.periods.x_parse__mutmut_3

For killing survivors one by one: copies the checkout's `tests/` into the mutants folder
(mutmut's `mutants/`, or `--mutants DIR`, a copy of one), runs the named tests once
without a mutant (they must pass), then once per mutant in a forked process, as mutmut
does, and prints each mutant "killed" or "survived". `--survivors PATTERN` takes the
mutants the run left alive whose names match PATTERN (fnmatch), from its `.meta` files
(in `--results DIR` if the run is in another folder).
The run's own results are not changed: `mutmut run NAME…` records a kill.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import signal
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: mutmut's own pytest options for a mutant, as pyproject.toml's [tool.mutmut] gives them.
PYTEST_ARGS: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "tool"
]["mutmut"]["pytest_add_cli_args"]


def survivors(mutants: Path, pattern: str) -> list[str]:
    """The mutants of the run in `mutants` that survived, whose names match `pattern`."""
    names = []
    for meta in sorted((mutants / "src").rglob("*.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        names += [n for n, code in codes.items() if code == 0 and fnmatch.fnmatch(n, pattern)]
    return names


def run(tests: list[str], mutant: str, limit: int = 120) -> int:
    """pytest's exit code for `tests` with `mutant` active, in a forked process stopped
    after `limit` seconds (a mutant that loops)."""
    import pytest

    pid = os.fork()
    if pid == 0:
        os.environ["MUTANT_UNDER_TEST"] = mutant
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        signal.alarm(limit)
        os._exit(int(pytest.main([*PYTEST_ARGS, *tests])))
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


#: What pytest's exit code says of a mutant.
VERDICT = {0: "survived", 1: "killed", 3: "killed", -signal.SIGALRM: "timeout"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tests", nargs="+", help="test files or node ids, as pytest takes them")
    parser.add_argument("-m", "--mutant", action="append", default=[], help="a mutant's name")
    parser.add_argument("--survivors", metavar="PATTERN", help="the run's survivors matching")
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--results", type=Path, help="the run's folder, if not --mutants")
    args = parser.parse_args(argv)
    mutants: Path = args.mutants.resolve()
    results = (args.results or mutants).resolve()
    names = list(args.mutant) + (survivors(results, args.survivors) if args.survivors else [])
    if not names:
        parser.error("no mutants: give -m NAME or --survivors PATTERN")
    shutil.copytree(ROOT / "tests", mutants / "tests", dirs_exist_ok=True)
    os.chdir(mutants)
    sys.path.insert(0, str(mutants / "src"))
    sys.path.insert(0, str(mutants))
    os.environ["KH_TTHC_MUTATION"] = "1"
    os.environ["MUTANT_UNDER_TEST"] = ""
    import pytest

    # Import the tests and the package once, unmutated, as mutmut's workers inherit them.
    pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *args.tests])
    if (code := run(args.tests, "")) != 0:
        print(f"the tests fail without a mutant (pytest exit code {code})")
        return 2
    verdicts = []
    for name in names:
        verdict = VERDICT.get(run(args.tests, name), "error")
        verdicts.append(verdict)
        print(f"{verdict:9s} {name}", flush=True)
    print(", ".join(f"{verdicts.count(v)} {v}" for v in sorted(set(verdicts))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
