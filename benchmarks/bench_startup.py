"""How long a fresh interpreter takes to import kh_tthc, and to validate the seed plan.

Run: ``.venv/bin/python benchmarks/bench_startup.py``. Starts 10 fresh interpreters for each
measure and prints the median and the range:

* ``import kh_tthc``: the time of the import alone, measured inside each interpreter
  (``time.perf_counter`` around the import), goal under 80 ms;
* ``kh-tthc validate`` of the seed plan: the whole process, from start to exit, as a person
  at a terminal waits for it, goal under 0.2 s;
* ``python -c pass`` for comparison: what any Python command costs before it does anything.

Each is measured twice. First as an installed package runs: Python's bytecode of kh_tthc
is cached (pip compiles it on install; here it goes to a scratch ``PYTHONPYCACHEPREFIX``
after one warm-up run, so the checkout is left as it is); the goals are about this. Then
with ``PYTHONDONTWRITEBYTECODE=1``, as some shells and build machines set it: every start
compiles kh_tthc's sources again, which costs as much again as the import itself.

The machine's load average is printed first: on a busy machine every figure grows, and
the CPU time (user + system) of the processes, printed beside the wall time, grows less.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
RUNS = 10

IMPORT = "import time; t = time.perf_counter(); import kh_tthc; print(time.perf_counter() - t)"
VALIDATE = "from kh_tthc.cli import run; run()"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_times(env: dict[str, str]) -> tuple[list[float], list[float]]:
    """The import's own time in each interpreter, and each whole process's CPU time."""
    out, cpu = [], []
    for _ in range(RUNS):
        before = _children_cpu()
        proc = subprocess.run(
            [sys.executable, "-c", IMPORT],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        )
        cpu.append(_children_cpu() - before)
        out.append(float(proc.stdout.strip()))
    return out, cpu


def process_times(args: list[str], env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Each whole process's wall time and CPU time."""
    out, cpu = [], []
    for _ in range(RUNS):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True, cwd=ROOT, env=env)
        out.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
    return out, cpu


def show(what: str, times: tuple[list[float], list[float]], goal: float | None) -> None:
    wall, cpu = times
    median = statistics.median(wall)
    verdict = "" if goal is None else ("  (goal met)" if median < goal else "  (goal MISSED)")
    print(
        f"  {what:<34} median {median * 1000:6.1f} ms  "
        f"range {min(wall) * 1000:.1f}–{max(wall) * 1000:.1f} ms  "
        f"(process CPU {statistics.median(cpu) * 1000:.1f} ms){verdict}"
    )


def measure(env: dict[str, str]) -> None:
    validate = [sys.executable, "-c", VALIDATE, "validate", "-q", str(SEED)]
    # One run of each first: it writes the bytecode cache, when there is one to write.
    subprocess.run([sys.executable, "-c", "import kh_tthc"], check=True, cwd=ROOT, env=env)
    subprocess.run(validate, capture_output=True, check=True, cwd=ROOT, env=env)
    show("python -c pass (whole process)", process_times([sys.executable, "-c", "pass"], env), None)
    show("import kh_tthc (import alone)", import_times(env), 0.080)
    show("kh-tthc validate seed (process)", process_times(validate, env), 0.200)


def main() -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {RUNS} runs each, "
        f"{os.cpu_count()} CPUs, load average {load}"
    )
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="kh-tthc-pycache-") as cache:
        print("bytecode cached (as an installed package runs; the goals):")
        measure({**base, "PYTHONPYCACHEPREFIX": cache})
    print("sources compiled at every start (PYTHONDONTWRITEBYTECODE=1):")
    measure({**base, "PYTHONDONTWRITEBYTECODE": "1"})


if __name__ == "__main__":
    main()
