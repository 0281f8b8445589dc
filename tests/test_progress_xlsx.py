"""Progress files kept in Excel read like their CSV twins: one row reader for both."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kh_tthc import Plan, PlanInvalid, load_progress
from kh_tthc.importing.xlsx import AmbiguousSheet
from kh_tthc.progress import progress_column
from tests.conftest import SEED_DIR
from tests.fixtures_xlsx import workbook

Q4_CSV = SEED_DIR / "progress-2025-Q4.csv"


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


class TestXlsxProgress:
    def test_same_progress_as_the_csv(self, seed_plan: Plan, tmp_path: Path) -> None:
        """The seed's Q4 progress copied cell by cell into a sheet reads the same."""
        book = workbook(tmp_path / "q4.xlsx", {"Tiến độ": _csv_cells(Q4_CSV)})  # type: ignore[dict-item]
        from_csv = load_progress(Q4_CSV, seed_plan)
        from_xlsx = load_progress(book, seed_plan)
        assert from_xlsx == from_csv
        assert len(from_xlsx.rows) > 10

    def test_rows_carry_the_sheet_row(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A bad row's error names its row of the sheet, as a CSV error names its line."""
        cells = _csv_cells(Q4_CSV)
        at = next(i for i, row in enumerate(cells) if row and row[0] == "2.3.3")
        cells[at][2] = "xong rồi"
        book = workbook(tmp_path / "bad.xlsx", {"Tiến độ": cells})  # type: ignore[dict-item]
        with pytest.raises(PlanInvalid) as info:
            load_progress(book, seed_plan)
        problem = next(p for p in info.value.problems if "xong rồi" in p.message)
        assert problem.line == at + 1
        assert problem.file == book

    def test_the_progress_sheet_among_others(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A notes sheet beside the progress sheet is passed over."""
        book = workbook(
            tmp_path / "q4.xlsx",
            {"Hướng dẫn": [["Ghi trạng thái theo danh mục"]], "Q4": _csv_cells(Q4_CSV)},  # type: ignore[dict-item]
        )
        assert load_progress(book, seed_plan) == load_progress(Q4_CSV, seed_plan)

    def test_two_progress_sheets_refused(self, seed_plan: Plan, tmp_path: Path) -> None:
        """Two progress tables in one workbook: which one is meant is not guessed."""
        cells = _csv_cells(Q4_CSV)
        book = workbook(tmp_path / "two.xlsx", {"A": cells, "B": cells})  # type: ignore[dict-item]
        with pytest.raises(AmbiguousSheet, match="'A', 'B'"):
            load_progress(book, seed_plan)


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Kết quả", "result"),
        ("Tình hình thực hiện", "result"),
        ("Tiến độ thực hiện", "result"),
        ("Trạng thái", "status"),
        ("STT", "task"),
        ("Đơn vị chủ trì", "unit"),
        ("Nội dung công việc", "title"),
        ("KẾT QUẢ THỰC HIỆN (tính đến ngày 14/12/2025)", "result"),
        ("Ghi chú", None),
    ],
)
def test_progress_columns(heading: str, field: str | None) -> None:
    """Report tables' headings name the progress fields, whatever their case and notes."""
    assert progress_column(heading) == field


def test_report_command_reads_a_workbook(tmp_path: Path, seed_plan: Plan) -> None:
    """`kh-tthc report PLAN progress.xlsx` reports as from the CSV file."""
    import json

    from kh_tthc.cli import main
    from tests.conftest import SEED_PLAN

    book = workbook(tmp_path / "q4.xlsx", {"Q4": _csv_cells(Q4_CSV)})  # type: ignore[dict-item]
    outputs = {}
    for name, source in (("csv", Q4_CSV), ("xlsx", book)):
        out = tmp_path / f"{name}.json"
        args = ["report", str(SEED_PLAN), str(source), "--period", "2025-Q4"]
        assert main([*args, "--as-of", "2025-12-15", "-o", str(out)]) == 0
        outputs[name] = json.loads(out.read_text(encoding="utf-8"))
    assert outputs["xlsx"] == outputs["csv"]
