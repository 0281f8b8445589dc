"""How long importing a 1,000-row task table from an Excel workbook takes.

Run: ``.venv/bin/python benchmarks/bench_import_xlsx.py``. Writes a workbook with a title
row, a two-row header under a merged parent, and 1,000 task rows (ten groups of 99 tasks,
completion times in the proportions of real plans, see bench_deadline.py), then times
``import_xlsx`` on it, best and median of several runs: the package check, openpyxl's
streaming read, the merged-cell scan and the shared row logic. The goal is under 1 s; the
script exits 1 when the median misses it.
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from bench_deadline import realistic_phrases

from kh_tthc.importing.xlsx import import_xlsx

ROWS = 1_000
RUNS = 7
GOAL = 1.0


def workbook(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kế hoạch"
    ws.append(["KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2025 (benchmark data)"])
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Nội dung công việc", "Đơn vị thực hiện", None, "Thời gian hoàn thành"])
    ws.append([None, None, "Chủ trì", "Phối hợp", None])
    for ref in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        ws.merge_cells(ref)
    phrases = realistic_phrases(rows, seed=11)
    for i in range(rows):
        group, item = divmod(i, 100)
        if item == 0:
            ws.append([str(group + 1), f"NHÓM NHIỆM VỤ {group + 1}"])
            continue
        ws.append(
            [
                f"{group + 1}.{item}",
                f"Nhiệm vụ số {i + 1}: rà soát, công bố thủ tục hành chính",
                f"Phòng {i % 12 + 1}",
                f"Phòng {(i * 7) % 12 + 1}; Văn phòng Sở",
                phrases[i],
            ]
        )
    wb.save(str(path))
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = workbook(Path(tmp, "bench.xlsx"), ROWS)
        result = import_xlsx(path)
        tasks = len(result.plan.tasks)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            import_xlsx(path)
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"import_xlsx, {ROWS} rows ({tasks} tasks): median {median * 1000:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms (goal < {GOAL:.0f} s)"
    )
    return 0 if median < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
