"""The reporting round in Excel: forms out, filled by code as a unit would, collected back."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import PlanInvalid, load_progress
from kh_tthc.cli import main
from kh_tthc.forms import collect_forms, form_rows, make_forms
from kh_tthc.forms.columns import DATA_SHEET, FIRST_ROW, IDENTITY_SHEET, status_choices
from kh_tthc.model import Plan
from kh_tthc.periods import Period
from kh_tthc.progress import Progress, dumps_progress
from kh_tthc.report import Report
from kh_tthc.soffice import convert
from tests.needs import need

SEED = Path("examples/skhcn-thai-nguyen-2025")
Q4 = Period.parse("2025-Q4")


def _keys(book: openpyxl.Workbook) -> tuple[str, list[str]]:
    ident = {r[0].value: r[1].value for r in book[IDENTITY_SHEET].iter_rows()}
    return str(ident["unit"]), str(ident["columns"]).split(",")


def fill(form: Path, progress: Progress) -> int:
    """Type the unit's rows of ``progress`` into its form, as a unit would; the count."""
    book = openpyxl.load_workbook(form)
    unit, keys = _keys(book)
    ws = book[DATA_SHEET]
    filled = 0
    for n in range(FIRST_ROW, ws.max_row + 1):
        for r in progress.rows:
            if str(r.task) != ws.cell(n, 1).value or r.unit != unit:
                continue
            ws.cell(n, keys.index("status") + 1).value = r.status.label.capitalize()
            for key in ("result", "difficulty", "proposal"):
                ws.cell(n, keys.index(key) + 1).value = getattr(r, key) or None
            if r.completed is not None:
                ws.cell(n, keys.index("completed") + 1).value = r.completed
            for key, value in r.values:
                ws.cell(n, keys.index(key) + 1).value = value
            filled += 1
    book.save(form)
    return filled


@pytest.fixture
def q4(seed_plan: Plan) -> Progress:
    return load_progress(SEED / "progress-2025-Q4.csv", seed_plan)


@pytest.fixture
def forms(seed_plan: Plan, tmp_path: Path) -> dict[str, Path]:
    paths = make_forms(seed_plan, Q4, tmp_path / "forms")
    return {_keys(openpyxl.load_workbook(p, read_only=True))[0]: p for p in paths}


def test_end_to_end_equals_the_csv_report(
    soffice: None, seed_plan: Plan, q4: Progress, forms: dict[str, Path], tmp_path: Path
) -> None:
    """Forms → filled → one re-saved by LibreOffice → collect → the report of the CSV."""
    returned = []
    for path in forms.values():
        if fill(path, q4):
            returned.append(path)
    cds = forms["cds"]
    with convert(cds, "xlsx:Calc MS Excel 2007 XML", timeout=120) as resaved:
        shutil.copyfile(resaved, cds)
    got = collect_forms(seed_plan, returned)
    on_forms = {(r.task.number, u) for u, rows in form_rows(seed_plan, Q4).items() for r in rows}
    rows = tuple(r for r in q4.rows if (r.task, r.unit) in on_forms)
    assert len(rows) > 30
    expected = Progress(period=Q4, plan=seed_plan.number, rows=rows)
    as_of = date(2025, 12, 15)
    a = Report(plan=seed_plan, period=Q4, progress=got.progress, as_of=as_of)
    b = Report(plan=seed_plan, period=Q4, progress=expected, as_of=as_of)
    assert a.to_dict() == b.to_dict()
    assert [o.unit for o in got.missing] == sorted(
        set(forms) - {_keys(openpyxl.load_workbook(p, read_only=True))[0] for p in returned}
    )


def test_resaved_form_keeps_dropdown_protection_and_identity(
    soffice: None, forms: dict[str, Path], tmp_path: Path
) -> None:
    with convert(forms["vp"], "xlsx:Calc MS Excel 2007 XML", timeout=120) as resaved:
        book = openpyxl.load_workbook(resaved)
    ws = book[DATA_SHEET]
    assert ws.protection.sheet
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert lists and all(s in lists[0].formula1 for s in status_choices())  # noqa: PT018
    assert book[IDENTITY_SHEET].sheet_state in ("hidden", "veryHidden")
    assert book[IDENTITY_SHEET].protection.sheet
    status_cell = ws.cell(FIRST_ROW, 6)
    assert not status_cell.protection.locked and ws.cell(FIRST_ROW, 1).protection.locked  # noqa: PT018


def test_form_as_pdf_shows_header_and_first_task(
    soffice: None, seed_plan: Plan, forms: dict[str, Path]
) -> None:
    need("pdftotext")
    with convert(forms["cds"], "pdf", timeout=120) as pdf:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    words = " ".join(text.decode().split())
    assert "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN" in words and "QUÝ IV/2025" in words  # noqa: PT018
    first = form_rows(seed_plan, Q4)["cds"][0].task
    assert str(first.number) in words and first.title.split()[0] in words  # noqa: PT018


def test_form_layout(forms: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(forms["vp"])
    ws = book[DATA_SHEET]
    assert ws.freeze_panes == f"C{FIRST_ROW}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # noqa: PT018
    assert ws.print_title_rows in ("4:4", "$4:$4")
    assert ws.cell(FIRST_ROW, 2).font.name == "Times New Roman"
    assert ws.cell(FIRST_ROW, 2).alignment.wrap_text
    assert book[IDENTITY_SHEET].sheet_state == "veryHidden"
    assert book.sheetnames[1] == "Hướng dẫn"


def _problems(plan: Plan, *paths: Path, period: Period | None = Q4) -> str:
    with pytest.raises(PlanInvalid) as caught:
        collect_forms(plan, paths, period=period)
    return "\n".join(map(str, caught.value.problems))


def _set(path: Path, ref: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[DATA_SHEET][ref] = value
    book.save(path)


class TestBadForms:
    def test_status_not_in_the_list(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]
    ) -> None:
        fill(forms["cds"], q4)
        _set(forms["cds"], f"F{FIRST_ROW}", "xong")
        assert (
            f"Phòng Chuyển đổi số.xlsx!F{FIRST_ROW}: trạng thái 'xong' is not one of"
            in _problems(seed_plan, forms["cds"])
        )

    def test_other_period(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        assert "is a form for Quý IV/2025, not Quý III/2025" in _problems(
            seed_plan, forms["vp"], period=Period.parse("2025-Q3")
        )

    def test_other_plan(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        from attrs import evolve

        from kh_tthc.model import DocumentNumber

        other = evolve(seed_plan, number=DocumentNumber.parse("12/KH-UBND"))
        assert "not of plan '12/KH-UBND'" in _problems(other, forms["vp"])

    def test_older_version_of_the_plan(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]
    ) -> None:
        fill(forms["vp"], q4)
        from attrs import evolve

        tasks = list(seed_plan.tasks)
        tasks[0] = evolve(tasks[0], title=tasks[0].title + " (sửa)")
        assert "older or different version" in _problems(
            evolve(seed_plan, tasks=tuple(tasks)), forms["vp"]
        )

    def test_locked_cell_changed(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]
    ) -> None:
        fill(forms["vp"], q4)
        _set(forms["vp"], f"B{FIRST_ROW}", "Một nhiệm vụ khác")
        assert f"!B{FIRST_ROW}: a pre-filled cell was changed" in _problems(seed_plan, forms["vp"])

    def test_empty_form(self, seed_plan: Plan, forms: dict[str, Path]) -> None:
        assert "empty form" in _problems(seed_plan, forms["vp"])

    def test_text_where_a_number_belongs(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]
    ) -> None:
        fill(forms["vp"], q4)
        book = openpyxl.load_workbook(forms["vp"])
        _, keys = _keys(book)
        col = openpyxl.utils.get_column_letter(keys.index("so-hoa") + 1)
        row = next(n for n in range(FIRST_ROW, 40) if book[DATA_SHEET].cell(n, 1).value == "2.3.3")
        _set(forms["vp"], f"{col}{row}", "khoảng chín mươi")
        assert f"!{col}{row}: " in _problems(seed_plan, forms["vp"])

    def test_number_where_text_belongs(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]
    ) -> None:
        fill(forms["vp"], q4)
        _set(forms["vp"], f"F{FIRST_ROW}", 5)
        assert f"!F{FIRST_ROW}: trạng thái '5'" in _problems(seed_plan, forms["vp"])

    def test_not_a_form(self, seed_plan: Plan, tmp_path: Path) -> None:
        path = tmp_path / "khac.xlsx"
        book = openpyxl.Workbook()
        book.active["A1"] = "Bảng chấm công"
        book.save(path)
        assert "is not a kh-tthc reporting form" in _problems(seed_plan, path)

    def test_formula_in_a_cell(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        _set(forms["vp"], f"G{FIRST_ROW}", '=HYPERLINK("http://x.example","bấm")')
        assert f"!G{FIRST_ROW}: holds a formula" in _problems(seed_plan, forms["vp"])

    def test_dde_formula(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        _set(forms["vp"], f"I{FIRST_ROW}", "=cmd|' /C calc'!A0")
        assert f"!I{FIRST_ROW}: holds a formula" in _problems(seed_plan, forms["vp"])

    def test_zip_bomb(self, seed_plan: Plan, forms: dict[str, Path], tmp_path: Path) -> None:
        bomb = tmp_path / "bomb.xlsx"
        with (
            zipfile.ZipFile(forms["vp"]) as zin,
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout,
        ):
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = b"<worksheet>" + b" " * (40 * 1024 * 1024) + b"</worksheet>"
                zout.writestr(info.filename, data)
        assert "bomb.xlsx" in _problems(seed_plan, bomb)

    def test_external_link(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path], tmp_path: Path
    ) -> None:
        fill(forms["vp"], q4)
        linked = tmp_path / "link.xlsx"
        shutil.copyfile(forms["vp"], linked)
        with zipfile.ZipFile(linked, "a") as zf:
            zf.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
        assert "links to other workbooks" in _problems(seed_plan, linked)

    def test_one_bad_form_merges_nothing_and_keeps_the_output(
        self, seed_plan: Plan, q4: Progress, forms: dict[str, Path], tmp_path: Path
    ) -> None:
        fill(forms["vp"], q4)
        fill(forms["cds"], q4)
        _set(forms["cds"], f"F{FIRST_ROW}", "xong")
        out = tmp_path / "progress.csv"
        out.write_text("giữ nguyên\n", encoding="utf-8")
        code = main(
            [
                "collect",
                str(SEED / "plan.toml"),
                str(forms["vp"]),
                str(forms["cds"]),
                "-o",
                str(out),
                "--force",
            ]
        )
        assert code == 1 and out.read_text(encoding="utf-8") == "giữ nguyên\n"  # noqa: PT018


def test_cli_round_and_missing(
    q4: Progress, seed_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "f"
    assert main(["forms", str(SEED / "plan.toml"), "--period", "2025-Q4", "-o", str(folder)]) == 0
    vp = folder / "Văn phòng Sở.xlsx"
    fill(vp, q4)
    out, owed = tmp_path / "p.toml", tmp_path / "owed.csv"
    args = ["collect", str(SEED / "plan.toml"), str(vp), "-o", str(out), "--missing", str(owed)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "no form from Phòng Chuyển đổi số (cds)" in printed
    assert "cds,Phòng Chuyển đổi số," in owed.read_text(encoding="utf-8")
    assert main(args) == 2  # the output exists: --force needed
    assert load_progress(out, seed_plan).rows == tuple(r for r in q4.rows if r.unit == "vp")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
    ).filter(lambda s: s.strip())
)
def test_any_result_text_round_trips(
    seed_plan: Plan, q4: Progress, tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """Whatever a unit types as its result (even "=1+1") comes back as the same text."""
    from attrs import evolve

    folder = tmp_path_factory.mktemp("f")
    (path,) = [p for p in make_forms(seed_plan, Q4, folder) if p.name == "Trung tâm CNTT&TT.xlsx"]
    rows = tuple(evolve(r, result=text) for r in q4.rows if r.unit == "cntt")
    fill(path, Progress(period=Q4, rows=rows))
    try:
        got = collect_forms(seed_plan, [path]).progress.rows
    except PlanInvalid as exc:  # a text that is a bare number or a formula is refused, by cell
        assert all("!G" in str(p) for p in exc.problems)  # noqa: PT017
        return
    from kh_tthc.vn import clean

    assert [r.result for r in got] == [clean(text)] * len(rows)
    assert dumps_progress(Progress(period=Q4, rows=got), seed_plan)


def test_report_xlsx_holds_the_figures_and_tasks(
    seed_plan: Plan, q4: Progress, tmp_path: Path
) -> None:
    out = tmp_path / "bao-cao.xlsx"
    args = ["report", str(SEED / "plan.toml"), str(SEED / "progress-2025-Q4.csv")]
    assert main([*args, "--as-of", "2025-12-15", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    report = Report(plan=seed_plan, period=Q4, progress=q4, as_of=date(2025, 12, 15))
    figures = {r[0].value: r[1].value for r in book["Số liệu"].iter_rows(min_row=4)}
    assert figures["Tổng số nhiệm vụ"] == report.counts.total
    tasks = book["Nhiệm vụ"]
    assert [r[0].value for r in tasks.iter_rows(min_row=4)] == [str(t.number) for t in report.tasks]
    assert tasks.cell(4, 2).font.name == "Times New Roman"


def test_schedule_xlsx_lists_the_agenda(seed_plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "lich.xlsx"
    args = ["schedule", str(SEED / "plan.toml"), "--as-of", "2025-10-15", "--format", "xlsx"]
    assert main([*args, "-o", str(out)]) == 0
    agenda = seed_plan.schedule(as_of=date(2025, 10, 15))
    rows = list(openpyxl.load_workbook(out)["Lịch"].iter_rows(min_row=4, values_only=True))
    assert [r[2] for r in rows] == [str(o.task.number) for o in agenda]
    assert main(args) == 2  # a workbook is not written to the terminal


def test_formula_like_plan_text_stays_text(seed_plan: Plan, tmp_path: Path) -> None:
    """A title starting with "=" is written as a string cell, never as a formula."""
    from attrs import evolve

    tasks = list(seed_plan.tasks)
    i = next(n for n, t in enumerate(tasks) if "vp" in t.lead and t.deadline is not None)
    tasks[i] = evolve(tasks[i], title='=HYPERLINK("http://x.example","bấm")')
    plan = evolve(seed_plan, tasks=tuple(tasks))
    (vp,) = [p for p in make_forms(plan, Q4, tmp_path) if p.name == "Văn phòng Sở.xlsx"]
    with zipfile.ZipFile(vp) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")
    ws = openpyxl.load_workbook(vp)[DATA_SHEET]
    titles = [ws.cell(n, 2) for n in range(FIRST_ROW, ws.max_row + 1)]
    assert any(c.value == tasks[i].title and c.data_type == "s" for c in titles)


def test_render_several_plans_converts_them_in_one_run(soffice: None, tmp_path: Path) -> None:
    """Two plans, one LibreOffice run: a DOCX and a PDF for each, in the folder."""
    plans = []
    for name in ("a", "b"):
        plans.append(tmp_path / f"{name}.toml")
        shutil.copyfile(SEED / "plan.toml", plans[-1])
    out = tmp_path / "out"
    assert main(["render", *map(str, plans), "-o", str(out), "--pdf"]) == 0
    for name in ("a", "b"):
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF")
        assert (out / f"{name}.docx").stat().st_size > 0


_CELL = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.integers(min_value=-5, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from([*status_choices(), "xong", "=1+1", "=cmd|' /C calc'!A0"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.tuples(st.integers(0, 6), st.integers(6, 11), _CELL), max_size=8))
def test_any_typing_in_open_cells_is_read_or_named(
    seed_plan: Plan, tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[int, int, object]]
) -> None:
    """Whatever a unit types in the open cells, collect reads it or names file and cell."""
    folder = tmp_path_factory.mktemp("fuzz")
    (path,) = [p for p in make_forms(seed_plan, Q4, folder) if p.name == "Phòng Chuyển đổi số.xlsx"]
    book = openpyxl.load_workbook(path)
    ws = book[DATA_SHEET]
    for row, col, value in cells:
        ws.cell(FIRST_ROW + row, col).value = value
    book.save(path)
    try:
        got = collect_forms(seed_plan, [path], period=Q4)
    except PlanInvalid as exc:
        assert exc.problems  # noqa: PT017
        assert all(str(p).startswith(str(path)) for p in exc.problems)  # noqa: PT017
        return
    assert {r.unit for r in got.progress.rows} == {"cds"}


def test_members_report_for_their_collective_unit(
    seed_plan: Plan, q4: Progress, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--members gives a collective's rows to its members; their answers merge into one row
    for the collective, and the collective itself gets no form."""
    folder = tmp_path / "f"
    plan_path = str(SEED / "plan.toml")
    args = ["forms", plan_path, "--period", "2025-Q4", "-o", str(folder)]
    assert main([*args, "--members", "phong=cds,cntt"]) == 0
    names = {p.name for p in folder.iterdir()}
    assert "Các phòng thuộc Sở.xlsx" not in names
    cds, cntt = folder / "Phòng Chuyển đổi số.xlsx", folder / "Trung tâm CNTT&TT.xlsx"
    phong_tasks = [str(r.task.number) for r in form_rows(seed_plan, Q4)["phong"]]
    for path, status in ((cds, "Đã hoàn thành"), (cntt, "Đang thực hiện")):
        book = openpyxl.load_workbook(path)
        ws = book[DATA_SHEET]
        for n in range(FIRST_ROW, ws.max_row + 1):
            if "thuộc Các phòng thuộc Sở" in str(ws.cell(n, 3).value):
                ws.cell(n, 6).value = status
                ws.cell(n, 7).value = f"Kết quả của {path.stem}"
        book.save(path)
    got = collect_forms(seed_plan, [cds, cntt])
    phong = [r for r in got.progress.rows if r.unit == "phong"]
    assert [str(r.task) for r in phong] == phong_tasks
    assert all(r.status.label == "đang thực hiện" for r in phong)
    assert all("Phòng Chuyển đổi số: Kết quả" in r.result for r in phong)
    assert "phong" not in {o.unit for o in got.missing}
    assert main([*args[:-1], str(tmp_path / "g"), "--members", "vp=cds"]) == 2


def test_report_of_several_progress_files_in_one_run(soffice: None, tmp_path: Path) -> None:
    """Quý III and Quý IV at once: a báo cáo each, the PDFs from one LibreOffice run."""
    out = tmp_path / "bao-cao"
    args = ["report", str(SEED / "plan.toml")]
    progress = [str(SEED / "progress-2025-Q3.csv"), str(SEED / "progress-2025-Q4.csv")]
    assert main([*args, *progress, "--as-of", "2025-12-20", "-o", str(out), "--pdf"]) == 0
    for stem in ("progress-2025-Q3", "progress-2025-Q4"):
        assert (out / f"bao-cao-{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert main([*args, *progress, "-o", str(out), "--previous", progress[0]]) == 2


def test_forms_are_reproducible_with_source_date_epoch(
    seed_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With SOURCE_DATE_EPOCH the same plan makes the same bytes; the forms still read."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    first = [p.read_bytes() for p in make_forms(seed_plan, Q4, tmp_path / "a")]
    second = [p.read_bytes() for p in make_forms(seed_plan, Q4, tmp_path / "b")]
    assert first == second
    (vp,) = [p for p in (tmp_path / "a").iterdir() if p.name == "Văn phòng Sở.xlsx"]
    assert openpyxl.load_workbook(vp).properties.created.year == 2025


def test_a_million_rows_is_refused_by_name(
    seed_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(1, 1_000_001)
    )
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    big = tmp_path / "big.xlsx"
    with (
        zipfile.ZipFile(forms["vp"]) as zin,
        zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = xml if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info)
            zout.writestr(info.filename, data)
    message = _problems(seed_plan, big)
    assert "big.xlsx" in message
    assert "limit" in message or "rows" in message


def test_two_forms_from_one_unit_keep_the_later(
    seed_plan: Plan, q4: Progress, forms: dict[str, Path], tmp_path: Path
) -> None:
    import os

    fill(forms["cntt"], q4)
    again = tmp_path / "CNTT lần 2.xlsx"
    shutil.copyfile(forms["cntt"], again)
    _set(again, f"G{FIRST_ROW}", "Bản gửi lại")
    later = forms["cntt"].stat().st_mtime + 60
    os.utime(again, (later, later))
    got = collect_forms(seed_plan, [again, forms["cntt"]], period=Q4)
    assert got.progress.rows[0].result == "Bản gửi lại"
    assert any("a second form from unit 'cntt'" in str(w) for w in got.warnings)


def _set_identity(path: Path, key: str, value: str) -> None:
    """Change one line of the hidden identity sheet, as a user who unhid it might."""
    book = openpyxl.load_workbook(path)
    ws = book[IDENTITY_SHEET]
    row = next(r for r in ws.iter_rows() if r[0].value == key)
    row[1].value = value
    book.save(path)


class TestBadIdentity:
    """The form's hidden identity sheet, changed: the form is refused with the reason."""

    @pytest.mark.parametrize(
        ("key", "value", "expected"),
        [
            ("version", "0", "a form of another kh-tthc version ('0')"),
            ("plan", "không số", "is a form of plan 'không số'"),
            ("period", "2025-Q9", "names no valid period ('2025-Q9')"),
            ("unit", "khong-co", "is for unit 'khong-co', which the plan does not have"),
            ("columns", "status", "was made from another version of the plan's tasks"),
            ("tasks", "1.1", "was made from another version of the plan's tasks"),
        ],
    )
    def test_refused(
        self,
        seed_plan: Plan,
        q4: Progress,
        forms: dict[str, Path],
        key: str,
        value: str,
        expected: str,
    ) -> None:
        fill(forms["vp"], q4)
        _set_identity(forms["vp"], key, value)
        text = _problems(seed_plan, forms["vp"], period=None)
        assert expected in text
        assert forms["vp"].name in text

    def test_bad_members(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        _set_identity(forms["vp"], "members", "khong-co=vp")
        assert "khong-co" in _problems(seed_plan, forms["vp"])


class TestBadCells:
    def test_heading_changed(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        book = openpyxl.load_workbook(forms["vp"])
        ws = book[DATA_SHEET]
        header = FIRST_ROW - 1
        old = ws.cell(header, 1).value
        ws.cell(header, 1).value = "Số thứ tự"
        book.save(forms["vp"])
        text = _problems(seed_plan, forms["vp"])
        assert f"A{header}: heading changed: expected {old!r}, got 'Số thứ tự'" in text

    def test_not_a_date(self, seed_plan: Plan, q4: Progress, forms: dict[str, Path]) -> None:
        fill(forms["vp"], q4)
        book = openpyxl.load_workbook(forms["vp"])
        _, keys = _keys(book)
        col = openpyxl.utils.get_column_letter(keys.index("completed") + 1)
        _set(forms["vp"], f"{col}{FIRST_ROW}", "hôm qua")
        assert f"!{col}{FIRST_ROW}: " in _problems(seed_plan, forms["vp"])

    def test_no_forms(self, seed_plan: Plan, forms: dict[str, Path]) -> None:
        """Without a period nothing names one; with it, every unit owes its form."""
        assert "no forms given" in _problems(seed_plan, period=None)
        got = collect_forms(seed_plan, [], period=Q4)
        assert got.progress.rows == ()
        assert {o.unit for o in got.missing} == set(forms)
