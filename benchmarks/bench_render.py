"""How long rendering takes, against what docxtpl alone needs for the same table.

    .venv/bin/python benchmarks/bench_render.py        # or: make bench

Renders a generated 1,000-task plan with :func:`kh_tthc.render_plan`, and in the same run
a bare docxtpl render of the same 1,000 rows through a one-table template (no header, no
body, no checks): the price of everything kh_tthc adds is the ratio of the two. Then the
29-task seed plan. Aims: the full plan within 1.5x the bare render, the seed under 150 ms.
Exits 1 when an aim is missed. Figures go to docs/performance.md, "## Rendering".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docxtpl
from docx import Document
from docxtpl import DocxTemplate

from kh_tthc import (
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Section,
    Signer,
    Task,
    TaskNumber,
    Unit,
    load_plan,
    parse_deadline,
    render_plan,
)
from kh_tthc.render.context import task_rows

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"

DEADLINES = ("Thường xuyên", "Khi có phát sinh", "Năm 2025", "Định kỳ hàng quý, năm")
SENTENCE = (
    "Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý; đề xuất phương án đơn giản "
    "hóa, cắt giảm chi phí tuân thủ; cập nhật, công khai trên Cổng Dịch vụ công quốc gia"
)
WORDS = SENTENCE.split()


def big_plan(tasks: int = 1000) -> Plan:
    """A plan of ``tasks`` rows: groups of 19 tasks under 50 level-1 groups, as real plans
    nest them, with one or two lead units and titles of 12 to 30 words."""
    units = tuple(Unit(id=f"u{i}", name=f"Phòng chuyên môn số {i} thuộc Sở") for i in range(12))
    rows: list[Task] = []
    group = 0
    while len(rows) < tasks:
        group += 1
        rows.append(Task(number=TaskNumber((group,)), title=f"Nhóm nhiệm vụ {group}", group=True))
        for i in range(1, 20):
            if len(rows) == tasks:
                break
            n = len(rows)
            title = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(12 + n % 19))
            rows.append(
                Task(
                    number=TaskNumber((group, i)),
                    title=title,
                    lead=tuple(f"u{(n + k) % 12}" for k in range(1 + n % 2)),
                    support=(f"u{(n + 5) % 12}",),
                    deadline=parse_deadline(DEADLINES[n % len(DEADLINES)]),
                )
            )
    return Plan(
        issuer=Organization(
            name="Sở Khoa học và Công nghệ",
            abbreviation="SKHCN",
            place="Thái Nguyên",
            parent="UBND tỉnh Thái Nguyên",
        ),
        number=DocumentNumber.parse("15/KH-SKHCN"),
        issued=IssueDate(year=2025, month=8, day=5),
        title="Kế hoạch thử tải với một nghìn nhiệm vụ",
        period=DateSpan(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
        sections=(Section(title="Nội dung", paragraphs=("Các nhiệm vụ tại Phụ lục.",)),),
        units=units,
        tasks=tuple(rows),
        recipients=("Lãnh đạo Sở",),
        archive=("VT", "VP"),
    )


def bare_template(path: Path) -> None:
    """One table: a header row and a {%tr for %} row of the same five fields."""
    doc = Document()
    table = doc.add_table(rows=4, cols=5)
    for cell, head in zip(
        table.rows[0].cells, ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"), strict=True
    ):
        cell.text = head
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    for cell, name in zip(
        table.rows[2].cells, ("number", "title", "lead", "support", "deadline"), strict=True
    ):
        cell.paragraphs[0].add_run(f"{{{{ row.{name} }}}}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.save(str(path))


@dataclass
class Runs:
    """Seconds per run: wall-clock, and CPU time of this process (what load from other
    processes on a shared machine does not inflate)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"median {statistics.median(self.wall) * 1000:6.1f} ms wall "
            f"({statistics.median(self.cpu) * 1000:6.1f} ms CPU), "
            f"best {min(self.wall) * 1000:6.1f} ms"
        )


def timed(*actions: Callable[[], object], repeat: int) -> list[Runs]:
    """Time each action ``repeat`` times, the actions taking turns so that a machine busy
    with something else slows them alike."""
    for action in actions:
        action()  # warm-up: imports, caches
    runs = [Runs() for _ in actions]
    for _ in range(repeat):
        for action, spent in zip(actions, runs, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            spent.cpu.append(time.process_time() - cpu)
            spent.wall.append(time.perf_counter() - wall)
    return runs


def paired_ratio(a: list[float], b: list[float]) -> float:
    # The median of the paired ratios: robust to the machine's load changing during the run.
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time rendering.")
    parser.add_argument("--repeat", type=int, default=11, help="runs of the 1,000-task renders")
    args = parser.parse_args(argv)
    plan = big_plan()
    seed = load_plan(SEED)
    rows = task_rows(plan)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        bare_path = folder / "bare.docx"
        bare_template(bare_path)

        def bare() -> None:
            tpl = DocxTemplate(bare_path)
            tpl.render({"rows": rows}, autoescape=True)
            tpl.save(str(folder / "bare-out.docx"))

        full, plain = timed(
            lambda: render_plan(plan, folder / "full.docx"), bare, repeat=args.repeat
        )
        (small,) = timed(lambda: render_plan(seed, folder / "seed.docx"), repeat=3 * args.repeat)

    ratio = paired_ratio(full.wall, plain.wall)
    cpu_ratio = paired_ratio(full.cpu, plain.cpu)
    seed_ms = statistics.median(small.wall) * 1000
    machine = platform.processor() or platform.machine()
    print(f"machine : {machine}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
    print(f"python  : {platform.python_version()}, docxtpl {docxtpl.__version__}")
    print(f"1,000 tasks, render_plan : {full.describe()}")
    print(f"1,000 rows, bare docxtpl : {plain.describe()}")
    print(f"ratio, median of pairs   : {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU   (aim <= 1.5x)")
    print(f"seed plan (29 tasks)     : {small.describe()}   (aim < 150 ms)")
    missed = []
    if ratio > 1.5:
        missed.append(f"full render is {ratio:.2f}x the bare one")
    if seed_ms >= 150:
        missed.append(f"seed plan takes {seed_ms:.0f} ms")
    for line in missed:
        print(f"MISSED: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
