"""A report's table of results (Word or Excel) imports as the progress of its plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import (
    NoTaskTable,
    Plan,
    PlanInvalid,
    ProgressStatus,
    SourceUnreadable,
    TaskNumber,
    load_progress,
)
from kh_tthc.cli import main
from kh_tthc.importing.progress_table import (
    STATUS_WORDS,
    import_progress,
    match_report_header,
    report_field,
    status_from_text,
)
from kh_tthc.periods import Period
from tests.fixtures_docx import C, build_docx
from tests.fixtures_report import report_docx, report_xlsx
from tests.fixtures_xlsx import workbook


def _by_task(rows: object) -> dict[str, tuple[str, str]]:
    return {str(r.task): (r.unit, r.status.value) for r in rows}  # type: ignore[attr-defined]


class TestStatusWords:
    @pytest.mark.parametrize(("status", "words", "example"), STATUS_WORDS)
    def test_each_entry_reads_its_example(
        self, status: ProgressStatus | None, words: str, example: str
    ) -> None:
        """Every status phrase's own example reads as that status (or as none)."""
        assert status_from_text(example)[0] is status
        assert status_from_text(words.upper())[0] is status

    def test_negation_is_not_done(self) -> None:
        """ "Chưa hoàn thành" and "không hoàn thành" never read as done."""
        assert status_from_text("Chưa hoàn thành")[0] is ProgressStatus.IN_PROGRESS
        assert status_from_text("Không hoàn thành do thiếu kinh phí")[0] is None

    def test_several_statuses_in_order(self) -> None:
        """A result naming two statuses gives the first, and lists both."""
        status, named = status_from_text("Đã hoàn thành dự thảo; đang trình ký ban hành")
        assert status is ProgressStatus.DONE
        assert named == (ProgressStatus.DONE, ProgressStatus.IN_PROGRESS)

    def test_without_diacritics(self) -> None:
        """Words typed without diacritics are read too."""
        assert status_from_text("dang thuc hien")[0] is ProgressStatus.IN_PROGRESS

    @given(st.text())
    def test_any_text(self, text: str) -> None:
        """Any text gives a status or none, and the first named is the one given."""
        status, named = status_from_text(text)
        assert status is (named[0] if named else None)


class TestHeader:
    @pytest.mark.parametrize(
        ("cells", "fields"),
        [
            (["STT", "Nhiệm vụ", "Kết quả"], ("task", "title", "result")),
            (["TT", "Nội dung công việc", "Tình hình thực hiện"], ("task", "title", "result")),
            (
                ["STT", "Tên nhiệm vụ", "Tiến độ thực hiện", "Ghi chú"],
                ("task", "title", "result", None),
            ),
            (["Nội dung", "Cơ quan chủ trì", "Trạng thái"], ("title", "unit", "status")),
        ],
    )
    def test_report_headers(self, cells: list[str], fields: tuple[str | None, ...]) -> None:
        """Report tables' headers are recognised whatever words they use."""
        header = match_report_header(cells)
        assert header is not None
        assert header.fields == fields

    def test_a_plan_header_is_not_a_report(self) -> None:
        """A plan's table (no result column) is not a report table."""
        assert match_report_header(["STT", "Nội dung công việc", "Chủ trì", "Thời hạn"]) is None

    def test_status_as_heading(self) -> None:
        """A heading naming a status is a tick column for it."""
        assert report_field("Đã hoàn thành") == "mark:done"


class TestWordReport:
    def test_rows_match_by_number_then_title(self, seed_plan: Plan, tmp_path: Path) -> None:
        """Numbered rows match their tasks; a renumbered row matches by its title."""
        progress, _ = import_progress(report_docx(tmp_path / "r.docx"), seed_plan)
        assert _by_task(progress.rows) == {
            "1.1": ("vp", "done"),
            "1.2": ("vp", "in_progress"),
            "2.2.1": ("vp", "not_applicable"),
            "3.1": ("vp", "not_started"),
        }

    def test_period_from_the_title(self, seed_plan: Plan, tmp_path: Path) -> None:
        """ "quý IV năm 2025" in the report's title is the period, and that is said."""
        progress, warnings = import_progress(report_docx(tmp_path / "r.docx"), seed_plan)
        assert progress.period == Period.parse("2025-Q4")
        assert any("read from the report's title" in w.message for w in warnings)

    def test_every_doubt_is_a_warning(self, seed_plan: Plan, tmp_path: Path) -> None:
        """The close title, the row not in the plan and the unread status are each named."""
        _, warnings = import_progress(report_docx(tmp_path / "r.docx"), seed_plan)
        by_row = {w.where: w.message for w in warnings}
        assert "close title" in by_row["table 1, row 6"]
        assert "matches no task of the plan" in by_row["table 1, row 7"]
        assert "'Đã gửi văn bản đề nghị'" in by_row["table 1, row 8"]

    def test_result_kept_in_the_authors_words(self, seed_plan: Plan, tmp_path: Path) -> None:
        """The result text is kept as written."""
        progress, _ = import_progress(report_docx(tmp_path / "r.docx"), seed_plan)
        row = progress.rows_for(TaskNumber.parse("1.1"))[0]
        assert row.result.startswith("Đã hoàn thành; ban hành Quyết định")

    def test_no_report_table(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A plan's own table has no result column: no report table is found."""
        path = build_docx(
            tmp_path / "p.docx", [["STT", "Nội dung công việc", "Chủ trì", "Thời hạn"]]
        )
        with pytest.raises(NoTaskTable, match="result or status column"):
            import_progress(path, seed_plan)

    def test_no_period(self, seed_plan: Plan, tmp_path: Path) -> None:
        """Without a period in the title or from the caller, the import says so."""
        rows = [[C("STT"), C("Nội dung"), C("Kết quả")], [C("1.1"), C(""), C("Đã hoàn thành")]]
        path = build_docx(tmp_path / "r.docx", rows)
        with pytest.raises(PlanInvalid, match="no reporting period"):
            import_progress(path, seed_plan)
        progress, _ = import_progress(path, seed_plan, period=Period.parse("2025-Q4"))
        assert _by_task(progress.rows) == {"1.1": ("vp", "done")}


class TestExcelReport:
    def test_status_ticks_under_a_merged_heading(self, seed_plan: Plan, tmp_path: Path) -> None:
        """ "Kết quả" merged over one column per status: the ticked column is the status."""
        progress, warnings = import_progress(report_xlsx(tmp_path / "r.xlsx"), seed_plan)
        assert _by_task(progress.rows) == {
            "1.1": ("vp", "done"),
            "1.2": ("vp", "in_progress"),
            "1.3": ("vp", "not_started"),
        }
        assert any("2.3.3" in w.message and "no result or status" in w.message for w in warnings)

    def test_unit_column_chooses_the_unit(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A unit named in the report, one of the task's, is the row's unit."""
        rows = [
            ["Báo cáo quý IV năm 2025"],
            ["STT", "Nội dung", "Đơn vị chủ trì", "Trạng thái"],
            ["2.3.3", "", "Các phòng, đơn vị thuộc Sở có thủ tục hành chính", "Đang thực hiện"],
        ]
        progress, _ = import_progress(workbook(tmp_path / "u.xlsx", {"A": rows}), seed_plan)  # type: ignore[dict-item]
        assert _by_task(progress.rows) == {"2.3.3": ("co-tthc", "in_progress")}

    def test_same_task_twice(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A task reported twice keeps the first row, and the second is named."""
        rows = [
            ["STT", "Nội dung", "Kết quả"],
            ["1.1", "", "Đã hoàn thành"],
            ["1.1", "", "Đang thực hiện"],
        ]
        path = workbook(tmp_path / "d.xlsx", {"A": rows})  # type: ignore[dict-item]
        progress, warnings = import_progress(path, seed_plan, period=Period.parse("2025-Q4"))
        assert _by_task(progress.rows) == {"1.1": ("vp", "done")}
        assert any("already reported for unit 'vp'" in w.message for w in warnings)


class TestCommand:
    def test_import_progress_writes_a_progress_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_plan: Plan
    ) -> None:
        """`kh-tthc import --progress PLAN REPORT -o progress.csv` writes a file that loads."""
        from tests.conftest import SEED_PLAN

        out = tmp_path / "q4.csv"
        source = report_docx(tmp_path / "r.docx")
        assert main(["import", "--progress", str(SEED_PLAN), str(source), "-o", str(out)]) == 0
        assert _by_task(load_progress(out, seed_plan).rows)["3.1"] == ("vp", "not_started")
        assert "4 rows for Quý IV/2025" in capsys.readouterr().out

    def test_refuses_to_overwrite(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_plan: Plan
    ) -> None:
        """An existing output is kept unless --force is given."""
        from tests.conftest import SEED_PLAN

        out = tmp_path / "q4.toml"
        out.write_text("# mine\n", encoding="utf-8")
        source = report_xlsx(tmp_path / "r.xlsx")
        args = ["import", "--progress", str(SEED_PLAN), str(source), "-o", str(out)]
        assert main(args) == 2
        assert out.read_text(encoding="utf-8") == "# mine\n"
        assert "--force" in capsys.readouterr().err
        assert main([*args, "--force"]) == 0
        assert _by_task(load_progress(out, seed_plan).rows)["1.3"] == ("vp", "not_started")

    def test_progress_output_is_csv_or_toml(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A progress output named .xlsx is a usage error: progress is written as text."""
        from tests.conftest import SEED_PLAN

        source = report_xlsx(tmp_path / "r.xlsx")
        out = tmp_path / "p.xlsx"
        assert main(["import", "--progress", str(SEED_PLAN), str(source), "-o", str(out)]) == 2
        assert ".csv or .toml" in capsys.readouterr().err


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_statuses_come_back(seed_plan: Plan, data: st.DataObject) -> None:
    """Tracked tasks written with any statuses' labels, in any order, come back as written."""
    import tempfile

    tracked = [t for t in seed_plan.tasks if t.deadline is not None and t.units]
    chosen = data.draw(st.lists(st.sampled_from(tracked), unique=True, min_size=1, max_size=8))
    statuses = data.draw(
        st.lists(st.sampled_from(list(ProgressStatus)), min_size=len(chosen), max_size=len(chosen))
    )
    rows: list[list[str]] = [["Kết quả quý IV năm 2025"], ["STT", "Nội dung công việc", "Kết quả"]]
    rows += [
        [str(t.number), t.title, s.label.capitalize()]
        for t, s in zip(chosen, statuses, strict=True)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = workbook(Path(tmp, "r.xlsx"), {"A": rows})  # type: ignore[dict-item]
        progress, _ = import_progress(path, seed_plan)
    assert {str(r.task): r.status for r in progress.rows} == {
        str(t.number): s for t, s in zip(chosen, statuses, strict=True)
    }


@pytest.mark.usefixtures("soffice")
class TestLibreOffice:
    def test_resaved_report_imports_alike(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A Word report saved by LibreOffice (docx → odt → docx) gives the same progress."""
        import shutil

        from kh_tthc.soffice import convert

        original = report_docx(tmp_path / "r.docx")
        with convert(original, "odt", timeout=180) as odt:
            shutil.copy(odt, tmp_path / "r.odt")
        (tmp_path / "back").mkdir()
        with convert(tmp_path / "r.odt", "docx:MS Word 2007 XML", timeout=180) as back:
            resaved = Path(shutil.copy(back, tmp_path / "back" / "r.docx"))
        first, _ = import_progress(original, seed_plan)
        again, _ = import_progress(resaved, seed_plan)
        assert again.rows == first.rows
        assert again.period == first.period

    def test_resaved_tick_workbook_imports_alike(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A report workbook saved by LibreOffice Calc gives the same progress."""
        import shutil

        from kh_tthc.soffice import convert

        original = report_xlsx(tmp_path / "r.xlsx")
        (tmp_path / "out").mkdir()
        with convert(original, "xlsx:Calc MS Excel 2007 XML", timeout=180) as produced:
            resaved = Path(shutil.copy(produced, tmp_path / "out" / "r.xlsx"))
        assert (
            import_progress(resaved, seed_plan)[0].rows
            == import_progress(original, seed_plan)[0].rows
        )


class TestCommandUsage:
    def test_period_needs_progress(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--period without --progress is a usage error: a plan's import has no period."""
        source = report_xlsx(tmp_path / "r.xlsx")
        out = tmp_path / "p.toml"
        assert main(["import", str(source), "--period", "2025-Q4", "-o", str(out)]) == 2
        assert "--progress" in capsys.readouterr().err
        assert not out.exists()

    def test_sheet_needs_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--sheet with a Word report is a usage error."""
        from tests.conftest import SEED_PLAN

        source = report_docx(tmp_path / "r.docx")
        args = ["import", "--progress", str(SEED_PLAN), str(source), "--sheet", "A"]
        assert main([*args, "-o", str(tmp_path / "p.csv")]) == 2
        assert "--sheet" in capsys.readouterr().err

    def test_period_option_is_used(self, tmp_path: Path, seed_plan: Plan) -> None:
        """--period gives the period of a report whose title names none."""
        from tests.conftest import SEED_PLAN

        rows = [["STT", "Nội dung", "Kết quả"], ["1.1", "", "Đã hoàn thành"]]
        source = workbook(tmp_path / "r.xlsx", {"A": rows})  # type: ignore[dict-item]
        out = tmp_path / "p.csv"
        args = ["import", "--progress", str(SEED_PLAN), str(source), "-o", str(out)]
        assert main(args) == 1
        assert main([*args, "--period", "2025-Q4"]) == 0
        assert load_progress(out, seed_plan).period == Period.parse("2025-Q4")


def test_two_units_on_one_task(seed_plan: Plan, tmp_path: Path) -> None:
    """A report with a row per unit of a task gives one progress row per unit."""
    rows = [
        ["STT", "Nội dung", "Đơn vị", "Kết quả"],
        ["2.3.3", "", "Văn phòng Sở", "Đã hoàn thành"],
        ["2.3.3", "", "Các phòng, đơn vị thuộc Sở có thủ tục hành chính", "Đang thực hiện"],
    ]
    path = workbook(tmp_path / "u.xlsx", {"A": rows})  # type: ignore[dict-item]
    progress, _ = import_progress(path, seed_plan, period=Period.parse("2025-Q4"))
    assert [(r.unit, r.status.value) for r in progress.rows] == [
        ("vp", "done"),
        ("co-tthc", "in_progress"),
    ]


_CELL = st.one_of(
    st.none(),
    st.sampled_from(["1.1", "2.3.3", "I", "x", "Đã hoàn thành", "Văn phòng Sở", "(1)"]),
    st.text(max_size=30),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), max_size=8))
def test_any_report_table_gives_progress_or_a_library_error(
    seed_plan: Plan, body: list[list[str | None]]
) -> None:
    """Whatever the rows under a report header, the import returns or raises its own errors."""
    import tempfile

    from kh_tthc import KhTthcError

    rows = [["STT", "Nội dung công việc", "Đơn vị chủ trì", "Kết quả"], *body]
    with tempfile.TemporaryDirectory() as tmp:
        clean_rows = [list(r) for r in rows]
        for r in clean_rows:  # control characters cannot be stored in a worksheet
            for i, c in enumerate(r):
                if isinstance(c, str):
                    r[i] = "".join(ch for ch in c if ch >= " " or ch in "\n\t")
        path = workbook(Path(tmp, "r.xlsx"), {"A": clean_rows})  # type: ignore[dict-item]
        try:
            progress, _ = import_progress(path, seed_plan, period=Period.parse("2025-Q4"))
        except KhTthcError:
            return
    assert all(r.task in {t.number for t in seed_plan.tasks} for r in progress.rows)


class TestRowDoubts:
    """Illustrative report tables (made up for these tests): each doubt about a row is a
    warning naming the row, and the row is read or left out as the warning says."""

    Q4 = Period.parse("2025-Q4")

    def read(self, tmp_path: Path, seed_plan: Plan, rows: list[list[str]]) -> tuple[dict, str]:
        path = workbook(tmp_path / "r.xlsx", {"A": rows})  # type: ignore[dict-item]
        progress, warnings = import_progress(path, seed_plan, period=self.Q4)
        return _by_task(progress.rows), "\n".join(f"{w.where}: {w.message}" for w in warnings)

    def test_status_column_in_words(self, seed_plan: Plan, tmp_path: Path) -> None:
        rows = [
            ["STT", "Nội dung", "Trạng thái"],
            ["1.1", "", "Đã hoàn thành đúng hạn"],
            ["1.2", "", "Tạm dừng chờ ý kiến"],
        ]
        got, warned = self.read(tmp_path, seed_plan, rows)
        assert got == {"1.1": ("vp", "done")}
        assert "status not read from 'Tạm dừng chờ ý kiến'; the row is not reported" in warned

    def test_result_naming_two_statuses(self, seed_plan: Plan, tmp_path: Path) -> None:
        rows = [
            ["STT", "Nội dung", "Kết quả"],
            ["1.1", "", "Đã hoàn thành dự thảo; đang trình ký ban hành"],
        ]
        got, warned = self.read(tmp_path, seed_plan, rows)
        assert got == {"1.1": ("vp", "done")}
        assert "the result names several statuses" in warned

    def test_unit_not_of_the_task(self, seed_plan: Plan, tmp_path: Path) -> None:
        lead = seed_plan.task("1.1").units[0]
        other = next(u for u in seed_plan.units if u.id not in seed_plan.task("1.1").units)
        rows = [
            ["STT", "Nội dung", "Đơn vị chủ trì", "Kết quả"],
            ["1.1", "", other.name, "Đã hoàn thành"],
        ]
        got, warned = self.read(tmp_path, seed_plan, rows)
        assert got == {"1.1": (lead, "done")}
        assert f"unit {other.name!r} is not one of task 1.1's units in the plan" in warned

    def test_renumbered_row_matched_by_exact_title(self, seed_plan: Plan, tmp_path: Path) -> None:
        task = seed_plan.task("1.2")
        rows = [["STT", "Nội dung", "Kết quả"], ["9", task.title, "Đang thực hiện"]]
        got, warned = self.read(tmp_path, seed_plan, rows)
        assert got == {"1.2": (task.units[0], "in_progress")}
        assert "numbered 9 in the report; matched task 1.2 by its title" in warned

    def test_unknown_extension(self, seed_plan: Plan, tmp_path: Path) -> None:
        path = tmp_path / "r.odt"
        path.write_bytes(b"PK")
        with pytest.raises(SourceUnreadable, match=r"unknown report extension '\.odt'"):
            import_progress(path, seed_plan, period=self.Q4)
