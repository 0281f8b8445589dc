"""How long a fresh interpreter takes to import kh_tthc, and to validate the seed plan.

Run: ``.venv/bin/python benchmarks/bench_startup.py``. Starts 10 fresh interpreters for each
measure and prints the median and the range:

* ``import kh_tthc``: the time of the import alone, measured inside each interpreter
  (``time.perf_counter`` around the import), goal under 80 ms;
* ``kh-tthc validate`` of the seed plan: the whole process, from start to exit, as a person
  at a terminal waits for it, goal under 0.2 s;
* ``python -c pass`` for comparison: what any Python command costs before it does anything.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
RUNS = 10

IMPORT = "import time; t = time.perf_counter(); import kh_tthc; print(time.perf_counter() - t)"
VALIDATE = "from kh_tthc.cli import run; run()"


def import_times() -> list[float]:
    out = []
    for _ in range(RUNS):
        proc = subprocess.run(
            [sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True, cwd=ROOT
        )
        out.append(float(proc.stdout.strip()))
    return out


def process_times(args: list[str]) -> list[float]:
    out = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True, cwd=ROOT)
        out.append(time.perf_counter() - start)
    return out


def show(what: str, times: list[float], goal: float | None) -> None:
    median = statistics.median(times)
    verdict = "" if goal is None else ("  (goal met)" if median < goal else "  (goal MISSED)")
    print(
        f"{what:<34} median {median * 1000:6.1f} ms  "
        f"range {min(times) * 1000:.1f}–{max(times) * 1000:.1f} ms{verdict}"
    )


def main() -> None:
    print(f"{platform.python_implementation()} {platform.python_version()}, {RUNS} runs each")
    show("python -c pass (whole process)", process_times([sys.executable, "-c", "pass"]), None)
    show("import kh_tthc (import alone)", import_times(), 0.080)
    validate = [sys.executable, "-c", VALIDATE, "validate", "-q", str(SEED)]
    show("kh-tthc validate seed (process)", process_times(validate), 0.200)


if __name__ == "__main__":
    main()
