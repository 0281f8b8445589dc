"""The notebook-style example runs top to bottom and shows the figures of the progress files."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_DIR

SCRIPT = SEED_DIR / "analysis.py"


def test_runs_without_matplotlib(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib the example says so and still prints every table."""
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert "Số liệu từ ngày 15/9/2025 đến ngày 14/12/2025" in out
    assert "Toàn Sở: 40%" in out
    assert "Chưa báo cáo: 1\n  2.6.1 Xử lý phản ánh" in out
    assert "quý IV:  92,5% (chỉ tiêu 100%), đạt 92,5% chỉ tiêu" in out
    assert "matplotlib is not installed" in out


def test_draws_the_chart(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With matplotlib it saves one chart where KH_TTHC_CHART points."""
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    chart = tmp_path / "chart.png"
    monkeypatch.setenv("KH_TTHC_CHART", str(chart))
    runpy.run_path(str(SCRIPT), run_name="__main__")
    assert chart.read_bytes().startswith(b"\x89PNG")
