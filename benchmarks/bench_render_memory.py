"""Peak memory of rendering large plans, each in a fresh process.

    .venv/bin/python benchmarks/bench_render_memory.py          # 20,000 and 40,000 rows
    .venv/bin/python benchmarks/bench_render_memory.py 5000 20000

Each size is rendered by :func:`kh_tthc.render_plan` in a child process (a generated plan,
see ``bench_render.big_plan``); the child reports its own peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``), the plan it built included. Then a plan above
:data:`kh_tthc.render.docx.MAX_RENDER_ROWS` is shown to be refused before any work.
Aim: every size up to the limit under 1 GiB. Exits 1 when it is missed.
Figures go to docs/performance.md, "## Memory: rendering large plans".
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024**3

CHILD = """
import json, resource, sys, tempfile, time
sys.path.insert(0, {bench!r})
from bench_render import big_plan
from kh_tthc import render_plan
from kh_tthc.errors import LimitExceeded
plan = big_plan({rows})
start = time.perf_counter()
try:
    out = render_plan(plan, tempfile.mkdtemp() + "/big.docx")
    outcome = "rendered, %d KiB" % (out.stat().st_size // 1024)
except LimitExceeded as exc:
    outcome = "refused: " + str(exc)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": time.perf_counter() - start, "outcome": outcome, "peak": peak}}))
"""


def measure(rows: int) -> tuple[float, float, str]:
    """(peak resident MiB, seconds, outcome) of rendering ``rows`` rows in a new process."""
    code = CHILD.format(bench=str(ROOT / "benchmarks"), rows=rows)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["peak"] / 1024, result["seconds"], result["outcome"]


def main() -> int:
    from kh_tthc.render.docx import MAX_RENDER_ROWS

    sizes = [int(a) for a in sys.argv[1:]] or [20_000, MAX_RENDER_ROWS]
    ok = True
    print(f"limit: {MAX_RENDER_ROWS:,} rows; aim: peak under 1 GiB up to the limit")
    print("| rows | peak resident memory | render time | outcome |")
    print("|---|---|---|---|")
    for rows in sorted(sizes):
        mib, seconds, outcome = measure(rows)
        print(f"| {rows:,} | {mib:,.0f} MiB | {seconds:.1f} s | {outcome} |")
        if rows <= MAX_RENDER_ROWS and mib * 1024**2 >= GIB:
            ok = False
    above = MAX_RENDER_ROWS * 2 + 20_000
    mib, seconds, outcome = measure(above)
    print(f"| {above:,} | {mib:,.0f} MiB (the plan itself) | {seconds:.3f} s | {outcome[:60]}… |")
    if not outcome.startswith("refused"):
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
