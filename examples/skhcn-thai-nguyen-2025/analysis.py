# %% [markdown]
# # Tiến độ Kế hoạch kiểm soát TTHC 2025, Sở KH&CN Thái Nguyên
#
# A notebook-style walk through two periods of progress: open this file in VS Code or
# Jupyter (cells are marked `# %%`), or run it with `python analysis.py`. It loads the
# plan and the progress files for Quý III and Quý IV/2025, then shows completion by unit,
# the tasks that need chasing and how far the targets are reached, and draws one chart
# when matplotlib is installed. Set KH_TTHC_CHART=path.png to save the chart to a file.

# %%
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kh_tthc import Report, load_plan, load_progress
from kh_tthc.vn import format_number, format_percent

HERE = Path(__file__).resolve().parent
plan = load_plan(HERE / "plan.toml")
q3 = load_progress(HERE / "progress-2025-Q3.csv", plan)
q4 = load_progress(HERE / "progress-2025-Q4.csv", plan)

# Each report is made the day after its data cut-off (Nghị định 09/2019/NĐ-CP, Điều 12).
report_q3 = Report(plan=plan, period=q3.period, progress=q3, as_of=date(2025, 9, 15))
report_q4 = Report(
    plan=plan, period=q4.period, progress=q4, as_of=date(2025, 12, 15), previous=report_q3
)
print(report_q4.summary)
print(f"Số liệu {report_q4.window_phrase}")


def rate(value: float | None) -> str:
    return "—" if value is None else format_percent(value)


# %% [markdown]
# ## Completion by lead unit

# %%
q3_units = {f.unit.id: f.tally for f in report_q3.by_unit}
print(f"{'Đơn vị chủ trì':<52} {'Q3':>6} {'Q4':>6}  hoàn thành/nhiệm vụ")
for figures in report_q4.by_unit:
    before = q3_units.get(figures.unit.id)
    tally = figures.tally
    print(
        f"{figures.unit.name[:52]:<52} {rate(before.completion_rate if before else None):>6} "
        f"{rate(tally.completion_rate):>6}  {tally.done}/{tally.applicable}"
    )
change = report_q4.change
if change is not None and change.completion_rate is not None:
    points = format_number(change.completion_rate * 100)
    print(f"\nToàn Sở: {rate(report_q4.completion_rate)} ({points} điểm % so với quý trước)")

# %% [markdown]
# ## Tasks to chase: overdue, not reported

# %%
for title, results in (("Quá hạn", report_q4.overdue), ("Chưa báo cáo", report_q4.not_reported)):
    print(f"{title}: {len(results)}")
    for result in results:
        missing = [plan.unit(u.unit).name for u in result.units if u.lead and u.row is None]
        who = f" (chưa báo cáo: {', '.join(missing)})" if missing else ""
        print(f"  {result.number} {result.task.title[:70]}{who}")

# %% [markdown]
# ## Targets

# %%
q3_values = {(a.task_number, a.indicator.id): a for a in report_q3.attainment}
for attainment in report_q4.attainment:
    earlier = q3_values.get((attainment.task_number, attainment.indicator.id))
    print(f"{attainment.task_number} {attainment.indicator.name}")
    print(f"    quý III: {earlier.text if earlier else '—'}")
    print(f"    quý IV:  {attainment.text}")
    for value in attainment.by_unit:
        print(f"      {plan.unit(value.unit).name}: {format_number(value.value)}")

# %% [markdown]
# ## Chart: completion by lead unit, Quý III and Quý IV

# %%
try:
    import matplotlib.pyplot as plt
except ModuleNotFoundError:
    plt = None
    print("matplotlib is not installed: no chart (pip install matplotlib)")

if plt is not None:
    units = [f for f in report_q4.by_unit if f.tally.applicable]
    labels = [f.unit.id for f in units]
    now = [100 * (f.tally.completion_rate or 0) for f in units]
    then = [100 * ((q3_units[f.unit.id].completion_rate or 0) if f.unit.id in q3_units else 0)
            for f in units]  # fmt: skip
    fig, ax = plt.subplots(figsize=(8, 4))
    positions = range(len(units))
    ax.bar([p - 0.2 for p in positions], then, width=0.4, label=report_q3.period.label)
    ax.bar([p + 0.2 for p in positions], now, width=0.4, label=report_q4.period.label)
    ax.set_xticks(list(positions), labels, rotation=30, ha="right")
    ax.set_ylabel("% nhiệm vụ hoàn thành")
    ax.set_ylim(0, 100)
    ax.legend()
    fig.tight_layout()
    chart = os.environ.get("KH_TTHC_CHART")
    if chart:
        fig.savefig(chart)
        print(f"chart saved to {chart}")
    plt.close(fig)
