"""The Excel reader's warnings in full (severity, place, file, message), and the merged
ranges it reads from a sheet's XML (ECMA-376 Part 1, 18.3.1.55 mergeCell: ref="A1:B2").

The rows are illustrative (in the style of a Sở's plan), not an agency's.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kh_tthc.errors import Problem, Severity
from kh_tthc.importing import xlsx as xlsx_import
from kh_tthc.importing.xlsx import import_xlsx
from tests.fixtures_xlsx import workbook

HEADER = ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]


def test_formula_warning_in_full(tmp_path: Path) -> None:
    """A formula saved without its value: a warning on the sheet, naming the cell."""
    path = workbook(tmp_path / "f.xlsx", {"KH": [HEADER, [1, "Việc", "VP", "=B2&C2"]]})
    (warning,) = [w for w in import_xlsx(path).warnings if "formula" in w.message]
    assert warning == Problem(
        message="cell D2 holds a formula with no saved value (the workbook was saved "
        "without calculating it); read as empty: open and save it in Excel or LibreOffice "
        "first",
        severity=Severity.WARNING,
        where="sheet 'KH'",
        file=path,
    )


def _linked(tmp_path: Path) -> Path:
    path = workbook(tmp_path / "l.xlsx", {"KH": [HEADER, [1, "Việc", "VP", "Năm 2025"]]})
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    return path


def test_external_link_warning_in_full(tmp_path: Path) -> None:
    """A workbook linking to another: a warning on the whole file (no sheet named)."""
    path = _linked(tmp_path)
    warned = [w for w in import_xlsx(path).warnings if "links" in w.message]
    assert warned
    for warning in warned:
        assert warning == Problem(
            message="links to 1 other workbook(s), which are not opened; formulas that use "
            "them give the values Excel saved",
            severity=Severity.WARNING,
            where="",
            file=path,
        )


def test_external_link_warned_once(tmp_path: Path) -> None:
    """find_table reads the workbook twice (header search, then the chosen sheet): the
    workbook's warnings are given once (found in issue 11: the link warning was twice)."""
    warned = [w for w in import_xlsx(_linked(tmp_path)).warnings if "links" in w.message]
    assert len(warned) == 1


class TestMergedRanges:
    @pytest.mark.parametrize(
        ("ref", "top", "left", "bottom", "right"),
        [
            ("A1:B2", 1, 1, 2, 2),
            ("C5", 5, 3, 5, 3),
            # Columns past Z: AA is the 27th, AZ the 52nd, XFD Excel's last, the 16,384th.
            ("AA1:AZ3", 1, 27, 3, 52),
            ("XFD7", 7, 16384, 7, 16384),
        ],
    )
    def test_range(self, ref: str, top: int, left: int, bottom: int, right: int) -> None:
        merge = xlsx_import._range(ref)
        assert merge is not None
        assert (merge.top, merge.left, merge.bottom, merge.right) == (top, left, bottom, right)

    @pytest.mark.parametrize("ref", ["", "A1:", "A1:B", "A1:b2", "1A:B2", "A1:B2:C3"])
    def test_not_a_range(self, ref: str) -> None:
        """A ref that is not one (a damaged or hostile sheet) is skipped, not a crash."""
        if ref == "A1:":
            assert xlsx_import._range(ref) == xlsx_import._range("A1")
        else:
            assert xlsx_import._range(ref) is None


TWO_ROW_HEADER = [
    ["STT", "Tên văn bản", "Cơ quan soạn thảo", "Hình thức xử lý", None, "Thời hạn trình"],
    [None, None, None, "Thay thế", "Bãi bỏ", None],
]
TASK = [1, "Quyết định ví dụ", "Sở Tư pháp", None, "x", "Tháng 10/2025"]


class TestRowsAroundTheHeader:
    """The lines right above the header are the document's (its number here); the rows
    below its last row are the tasks (illustrative rows)."""

    def test_one_row_header(self, tmp_path: Path) -> None:
        rows = [["Số: 12/KH-STP"], ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]]
        path = workbook(tmp_path / "o.xlsx", {"KH": [*rows, [1, "Việc", "VP", "Năm 2025"]]})
        plan = import_xlsx(path, year=2025).plan
        assert str(plan.number) == "12/KH-STP"
        assert [t.title for t in plan.tasks] == ["Việc"]

    def test_two_row_header(self, tmp_path: Path) -> None:
        rows = [["Số: 12/KH-STP"], *TWO_ROW_HEADER, TASK]
        result = import_xlsx(workbook(tmp_path / "t.xlsx", {"KH": rows}), year=2025)
        assert str(result.plan.number) == "12/KH-STP"
        (task,) = result.plan.tasks
        assert task.title == "Quyết định ví dụ"
        assert task.extra == (("Hình thức xử lý: Bãi bỏ", "x"),)
        assert not [w for w in result.warnings if w.where.startswith("sheet")]

    def test_two_row_header_ending_the_search(self, tmp_path: Path) -> None:
        """The header's second row is the 30th, the last row searched."""
        rows = [[f"Ghi chú {n}"] for n in range(1, 29)] + [*TWO_ROW_HEADER, TASK]
        (task,) = import_xlsx(workbook(tmp_path / "e.xlsx", {"KH": rows}), year=2025).plan.tasks
        assert task.extra == (("Hình thức xử lý: Bãi bỏ", "x"),)

    def test_header_rows_are_not_document_lines(self, tmp_path: Path) -> None:
        """Under "KẾ HOẠCH" the header's first row is not taken for the plan's summary:
        there is none, and the placeholder is said."""
        rows = [["KẾ HOẠCH"], *TWO_ROW_HEADER, TASK]
        result = import_xlsx(workbook(tmp_path / "k.xlsx", {"KH": rows}), year=2025)
        assert result.plan.title == "[cần điền]"
        assert [w.where for w in result.warnings if "trích yếu" in w.message] == ["title"]
