"""Importing plans from Excel workbooks: sheets, merged cells, values, LibreOffice."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import NoTaskTable, TaskNumber, import_docx, load_plan
from kh_tthc.cli import main
from kh_tthc.importing.xlsx import AmbiguousSheet, SheetNotFound, import_xlsx
from kh_tthc.vn import clean
from tests.fixtures_docx import SEED_ROWS, seed_docx
from tests.fixtures_xlsx import seed_xlsx, two_row_header_xlsx, workbook


def _resave(path: Path, out: Path) -> Path:
    """The workbook opened and saved again by LibreOffice Calc."""
    from kh_tthc.soffice import convert

    with convert(path, "xlsx:Calc MS Excel 2007 XML", timeout=180) as produced:
        shutil.copy(produced, out)
    return out


def _tasks(path: Path, **kwargs: object) -> list[tuple[object, ...]]:
    plan = import_xlsx(path, **kwargs).plan  # type: ignore[arg-type]
    names = {u.id: u.name for u in plan.units}
    return [
        (
            str(t.number),
            t.title,
            tuple(names[u] for u in t.lead),
            tuple(names[u] for u in t.support),
            None if t.deadline is None else str(t.deadline),
            t.group,
        )
        for t in plan.tasks
    ]


class TestSeedWorkbook:
    def test_same_tasks_as_the_word_appendix(self, tmp_path: Path) -> None:
        """The seed appendix imports from a workbook as it does from a Word table."""
        book = seed_xlsx(tmp_path / "seed.xlsx")
        from_word = import_docx(seed_docx(tmp_path / "seed.docx", front=False)).plan
        from_excel = import_xlsx(book).plan
        assert [(t.number, t.title, t.deadline) for t in from_excel.tasks] == [
            (t.number, t.title, t.deadline) for t in from_word.tasks
        ]
        assert [u.name for u in from_excel.units] == [u.name for u in from_word.units]

    def test_every_row_accounted_for(self, tmp_path: Path) -> None:
        """Each row of the seed appendix becomes one task; nothing is dropped."""
        plan = import_xlsx(seed_xlsx(tmp_path / "seed.xlsx")).plan
        assert len(plan.tasks) == len(SEED_ROWS)
        assert [t.title for t in plan.tasks] == [clean(r[1]) for r in SEED_ROWS]

    def test_title_above_the_table_gives_the_period(self, tmp_path: Path) -> None:
        """The merged title rows above the header are read as the document's lines."""
        plan = import_xlsx(seed_xlsx(tmp_path / "seed.xlsx")).plan
        assert plan.period.end == date(2025, 12, 31)
        assert "04 THÁNG CUỐI NĂM 2025" in plan.appendix_title.upper()


class TestMergedCells:
    def test_two_row_header_under_a_merged_parent(self, tmp_path: Path) -> None:
        """ "Đơn vị thực hiện" over "Chủ trì" and "Phối hợp" gives lead and support."""
        rows = _tasks(two_row_header_xlsx(tmp_path / "h.xlsx"))
        assert rows[1] == (
            "1.1",
            "Rà soát quy định về thủ tục hành chính",
            ("Văn phòng Sở",),
            ("Phòng Pháp chế",),
            "Quý II/2026",
            False,
        )

    def test_cells_merged_down_fill_the_row_below(self, tmp_path: Path) -> None:
        """Task 2's lead and support cells, merged down from task 1's, are task 1's."""
        rows = _tasks(two_row_header_xlsx(tmp_path / "h.xlsx"))
        assert rows[2][2:4] == (("Văn phòng Sở",), ("Phòng Pháp chế",))

    def test_group_rows_merged_across(self, tmp_path: Path) -> None:
        """A Roman-numbered row merged across the table is a group with its tasks under it."""
        rows = _tasks(two_row_header_xlsx(tmp_path / "h.xlsx"))
        assert [(r[0], r[5]) for r in rows] == [
            ("1", True),
            ("1.1", False),
            ("1.2", False),
            ("2", True),
            ("2.1", False),
        ]

    def test_a_date_cell_is_a_completion_date(self, tmp_path: Path) -> None:
        """A cell holding a date (not text) is read as that day."""
        plan = import_xlsx(two_row_header_xlsx(tmp_path / "h.xlsx")).plan
        task = plan.task(TaskNumber.parse("1.2"))
        assert task.deadline is not None
        assert task.deadline.due_dates(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 6, 30)]


class TestSheets:
    def test_the_sheet_with_the_table_is_found(self, tmp_path: Path) -> None:
        """A notes sheet before the table's sheet is passed over."""
        result = import_xlsx(seed_xlsx(tmp_path / "s.xlsx", notes_sheet=True))
        assert len(result.plan.tasks) == len(SEED_ROWS)

    def test_two_tables_need_a_sheet_name(self, tmp_path: Path) -> None:
        """Two sheets with a task table: the error lists both and asks for one."""
        path = workbook(
            tmp_path / "two.xlsx",
            {
                "Năm 2025": [["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"], [1, "Việc", "VP", ""]],
                "Năm 2026": [["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"], [1, "Khác", "VP", ""]],
            },
        )
        with pytest.raises(AmbiguousSheet) as info:
            import_xlsx(path)
        assert "'Năm 2025', 'Năm 2026'" in str(info.value)
        assert "--sheet" in str(info.value)
        assert import_xlsx(path, sheet="Năm 2026").plan.tasks[0].title == "Khác"

    def test_unknown_sheet_lists_the_sheets(self, tmp_path: Path) -> None:
        """Naming a sheet the workbook lacks lists the ones it has."""
        path = two_row_header_xlsx(tmp_path / "h.xlsx")
        with pytest.raises(SheetNotFound, match="'Kế hoạch 2026', 'Ghi chú'"):
            import_xlsx(path, sheet="Sheet1")

    def test_no_table(self, tmp_path: Path) -> None:
        """A workbook without a recognisable header says what was looked for."""
        path = workbook(tmp_path / "none.xlsx", {"A": [["Họ và tên", "Điện thoại"]]})
        with pytest.raises(NoTaskTable, match="first 30 rows"):
            import_xlsx(path)


class TestValues:
    def test_formula_without_saved_value_is_warned(self, tmp_path: Path) -> None:
        """A formula never calculated is read as empty, and the cell is named."""
        path = workbook(
            tmp_path / "f.xlsx",
            {"KH": [["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"], [1, "Việc", "VP", "=B2&C2"]]},
        )
        result = import_xlsx(path)
        assert result.plan.tasks[0].deadline is None
        assert any("cell D2" in w.message and "formula" in w.message for w in result.warnings)

    def test_numbers_read_as_written(self, tmp_path: Path) -> None:
        """STT numbers typed as numbers (1, 2, 2.1) keep their text."""
        path = workbook(
            tmp_path / "n.xlsx",
            {"KH": [["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"], [2, "A", "VP", ""], [2.1, "B"]]},
        )
        assert [str(t.number) for t in import_xlsx(path).plan.tasks] == ["2", "2.1"]

    # The class's instance differs between two pytest sessions in one process (mutmut
    # runs its stats and clean runs so): harmless for this test.
    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )
    @given(
        st.lists(
            st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạếềểễệ ", min_size=1).filter(
                lambda s: clean(s) != "" and len(clean(s)) > 2
            ),
            min_size=1,
            max_size=5,
        )
    )
    def test_titles_come_back(self, titles: list[str]) -> None:
        """Any task titles written to a sheet come back as written (spaces normalised)."""
        import tempfile

        rows: list[list[object]] = [["STT", "Nội dung công việc", "Chủ trì", "Thời hạn"]]
        rows += [[i, t, "Văn phòng", ""] for i, t in enumerate(titles, start=1)]
        with tempfile.TemporaryDirectory() as tmp:
            path = workbook(Path(tmp, "t.xlsx"), {"KH": rows})  # type: ignore[dict-item]
            got = [t.title for t in import_xlsx(path).plan.tasks]
        assert got == [clean(t) for t in titles]


@pytest.mark.usefixtures("soffice")
class TestLibreOffice:
    def test_resaved_workbook_imports_alike(self, tmp_path: Path) -> None:
        """A workbook opened and saved by LibreOffice Calc gives the same tasks."""
        original = two_row_header_xlsx(tmp_path / "h.xlsx")
        resaved = _resave(original, tmp_path / "r.xlsx")
        assert _tasks(resaved) == _tasks(original)

    def test_resaved_seed_imports_alike(self, tmp_path: Path) -> None:
        """The seed workbook survives LibreOffice too."""
        original = seed_xlsx(tmp_path / "s.xlsx")
        assert _tasks(_resave(original, tmp_path / "r.xlsx")) == _tasks(original)

    def test_libreoffice_saves_formula_values(self, tmp_path: Path) -> None:
        """Once calculated and saved by LibreOffice, a formula's value is imported."""
        path = workbook(
            tmp_path / "f.xlsx",
            {
                "KH": [
                    ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"],
                    [1, "Việc", "VP", '="Quý "&"IV/2025"'],
                ]
            },
        )
        result = import_xlsx(_resave(path, tmp_path / "r.xlsx"))
        assert str(result.plan.tasks[0].deadline) == "Quý IV/2025"
        assert not any("formula" in w.message for w in result.warnings)


class TestCommand:
    def test_import_with_sheet(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`kh-tthc import FILE.xlsx --sheet NAME -o plan.toml` writes the plan."""
        path = two_row_header_xlsx(tmp_path / "h.xlsx")
        out = tmp_path / "plan.toml"
        assert main(["import", str(path), "--sheet", "Kế hoạch 2026", "-o", str(out)]) == 0
        assert [str(t.number) for t in load_plan(out).tasks] == ["1", "1.1", "1.2", "2", "2.1"]
        assert "3 tasks and 2 headings" in capsys.readouterr().out

    def test_ambiguous_sheets_exit_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Two candidate sheets: one line naming them, exit 1, no traceback."""
        header = ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]
        path = workbook(tmp_path / "two.xlsx", {"A": [header, [1, "x", "y", ""]], "B": [header]})
        assert main(["import", str(path), "-o", str(tmp_path / "p.toml")]) == 1
        err = capsys.readouterr().err
        assert "'A', 'B'" in err
        assert "Traceback" not in err
        assert not (tmp_path / "p.toml").exists()

    def test_sheet_option_needs_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--sheet with a Word or CSV source is a usage error."""
        path = tmp_path / "p.csv"
        path.write_text("STT,Nhiệm vụ,Chủ trì,Thời hạn\n1,x,y,\n", encoding="utf-8")
        assert main(["import", str(path), "--sheet", "A", "-o", str(tmp_path / "p.toml")]) == 2
        assert "--sheet" in capsys.readouterr().err


def test_openpyxl_reads_the_fixture_merges(tmp_path: Path) -> None:
    """The fixture really has merged cells (so the tests above test them)."""
    wb = openpyxl.load_workbook(two_row_header_xlsx(tmp_path / "h.xlsx"))
    ws = wb["Kế hoạch 2026"]
    assert {str(r) for r in ws.merged_cells.ranges} >= {"C2:D2", "A2:A3", "C5:C6"}


def test_a_wrong_declared_size_does_not_cut_rows(tmp_path: Path) -> None:
    """A sheet declaring its size as "A1" (some programs do) is read whole."""
    import re
    import zipfile

    good = two_row_header_xlsx(tmp_path / "h.xlsx", second_sheet=False)
    bad = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert n == 1
            zout.writestr(info, data)
    assert _tasks(bad) == _tasks(good)
