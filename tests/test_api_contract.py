"""The library's surface as another tool sees it (issue 12, items 4–6 and 8).

Each test holds one finding of the issue: it failed on the code the issue was filed
against and passes now.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve

import kh_tthc
from kh_tthc import (
    Period,
    Plan,
    Report,
    Schedule,
    Status,
    TemplateError,
    check_plan,
    copy_template,
    load_plan,
    load_progress,
    render_plan,
    render_report,
)
from kh_tthc.cli import EXIT_PIPE, main
from tests.conftest import ROOT

# -- 8. fast to import -----------------------------------------------------------------

#: The modules that only rendering, importing, exporting or a calendar need.
HEAVY = ("docxtpl", "jinja2", "docx", "lxml", "icalendar", "openpyxl", "babel", "holidays")


def _loaded_after(code: str) -> dict[str, bool]:
    """Which of HEAVY are in sys.modules after running ``code`` in a fresh interpreter."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded: dict[str, bool] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_import_loads_no_heavy_module() -> None:
    loaded = _loaded_after("import kh_tthc")
    assert [m for m, yes in loaded.items() if yes] == []


def test_the_command_module_loads_no_heavy_module() -> None:
    loaded = _loaded_after("import kh_tthc.cli")
    assert [m for m, yes in loaded.items() if yes] == []


def test_import_leaves_the_deadline_reader_for_its_first_use() -> None:
    """``import kh_tthc`` builds the model's classes only: the deadline reader (its tables
    and the patterns of every phrase family), dateutil's recurrence rules and the compiled
    period patterns wait until a phrase, a recurring rule or a period's text is first read.
    This is what keeps the import fast (docs/performance.md)."""
    probe = (
        "import json, sys, kh_tthc\n"
        "from kh_tthc import periods\n"
        "before = [m for m in ('kh_tthc.deadline.parse', 'kh_tthc.deadline.phrases',"
        " 'dateutil.rrule', 'difflib') if m in sys.modules]\n"
        "compiled = [p.compiled is not None for _, p in periods._PERIOD_FORMS]\n"
        "d = kh_tthc.parse_deadline('Quý IV/2025')\n"
        "print(json.dumps([before, compiled, 'kh_tthc.deadline.parse' in sys.modules,"
        " d.canonical]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    before, compiled, loaded, canonical = json.loads(proc.stdout.splitlines()[-1])
    assert before == []
    assert not any(compiled)
    assert loaded
    assert canonical == "Quý IV/2025"


def test_a_phrase_compiles_only_the_families_its_first_word_can_open() -> None:
    """The reader compiles a family's pattern the first time a phrase opens with one of the
    family's first words, so reading one plan compiles a few of them, not all; the phrase
    is read the same either way."""
    from kh_tthc.deadline.phrases import FAMILIES

    probe = (
        "import json\n"
        "from kh_tthc.deadline import parse as P\n"
        "d = P.parse_deadline('Khi có phát sinh')\n"
        "print(json.dumps([sorted(P._COMPILED), sorted(P._BY_HEAD), d.kind]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    compiled, heads, kind = json.loads(proc.stdout.splitlines()[-1])
    opening = [f.name for f in FAMILIES if "khi" in f.heads]
    assert heads == ["khi"]
    assert sorted(compiled) == sorted(opening)
    assert len(compiled) < len(FAMILIES)
    assert kind == kh_tthc.parse_deadline("Khi có phát sinh").kind == "on_event"


def test_heavy_names_still_load_on_first_use() -> None:
    loaded = _loaded_after("import kh_tthc\nkh_tthc.render_plan")
    assert loaded["docxtpl"]
    assert loaded["jinja2"]


def test_lazy_names_are_the_real_objects() -> None:
    import kh_tthc
    from kh_tthc.importing.xlsx import AmbiguousSheet
    from kh_tthc.render.docx import render_plan

    assert kh_tthc.render_plan is render_plan
    assert kh_tthc.AmbiguousSheet is AmbiguousSheet
    assert set(kh_tthc.__all__) <= set(dir(kh_tthc))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = kh_tthc.no_such_name  # type: ignore[attr-defined]


def test_a_calendar_loads_the_holiday_data_only_when_asked() -> None:
    loaded = _loaded_after(
        "import datetime, kh_tthc\n"
        "kh_tthc.WorkCalendar.vietnam().add_working_days(datetime.date(2025, 1, 2), 1)"
    )
    assert loaded["holidays"]
    assert not loaded["docxtpl"]


def test_validate_on_the_command_line_loads_no_heavy_module(tmp_path: Path) -> None:
    plan = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
    loaded = _loaded_after(
        f"from kh_tthc.cli import main\nassert main(['validate', '-q', {str(plan)!r}]) == 0"
    )
    assert [m for m in ("docxtpl", "jinja2", "docx", "lxml", "openpyxl") if loaded[m]] == []


def test_validate_loads_neither_the_document_checker_nor_the_table_exports() -> None:
    """``kh-tthc validate`` builds the whole command line (check's ``--kind`` choices
    included) but loads neither the engine of ``kh-tthc check`` nor the table exports of
    ``show``, nor anything of importing, rendering or reports."""
    plan = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
    modules = (
        "kh_tthc.check.engine",
        "kh_tthc.tables",
        "kh_tthc.importing",
        "kh_tthc.render",
        "kh_tthc.report",
        "kh_tthc.schedule",
        "kh_tthc.progress",
    )
    probe = (
        "import json, sys\nfrom kh_tthc.cli import main\n"
        f"assert main(['validate', '-q', {str(plan)!r}]) == 0\n"
        f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(proc.stdout.splitlines()[-1]) == []


# -- 4. one surface for data out ---------------------------------------------------------

SEED_DIR = ROOT / "examples" / "skhcn-thai-nguyen-2025"
AS_OF = date(2025, 10, 15)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SEED_DIR / "plan.toml")


@pytest.fixture(scope="module")
def agenda(plan: Plan) -> Schedule:
    return plan.schedule(as_of=AS_OF)


@pytest.fixture(scope="module")
def q4(plan: Plan) -> Report:
    progress = load_progress(SEED_DIR / "progress-2025-Q4.csv", plan)
    return Report(
        plan=plan, period=Period.parse("2025-Q4"), progress=progress, as_of=date(2025, 12, 15)
    )


def test_every_object_has_the_same_data_out_methods(
    plan: Plan, agenda: Schedule, q4: Report
) -> None:
    for obj in (plan, agenda, q4):
        for name in ("to_records", "to_frame", "to_csv", "to_json", "to_table"):
            assert callable(getattr(obj, name)), (type(obj).__name__, name)
        assert kh_tthc.to_table(obj) == obj.to_table()
    assert agenda.to_table().startswith("Lịch thực hiện")
    assert plan.to_table().splitlines()[2].startswith(str(plan.tasks[0].number))
    assert q4.to_table().startswith(q4.summary)
    assert isinstance(agenda.to_ics(), bytes)
    assert plan.to_ics(as_of=AS_OF) == agenda.to_ics()


def test_exports_are_exported_from_the_package(agenda: Schedule) -> None:
    assert kh_tthc.to_csv(agenda) == agenda.to_csv()
    assert kh_tthc.to_json(agenda) == agenda.to_json()
    assert kh_tthc.to_ics(agenda) == agenda.to_ics()
    assert kh_tthc.to_table(agenda) == agenda.to_table()
    with pytest.raises(TypeError, match="Plan, a Schedule or a Report"):
        kh_tthc.to_ics(object())


def test_records_hold_dates_and_unit_ids_beside_names(
    plan: Plan, agenda: Schedule, q4: Report
) -> None:
    row = agenda.to_records()[0]
    assert isinstance(row["due"], date)
    assert row["due"] == agenda.occurrences[0].due
    task = agenda.occurrences[0].task
    assert row["lead_ids"] == list(task.lead)
    assert row["lead"] == [plan.unit(u).name for u in task.lead]
    rec = next(r for r in plan.to_records() if r["lead_ids"])
    assert rec["lead"] == [plan.unit(u).name for u in rec["lead_ids"]]
    assert rec["support"] == [plan.unit(u).name for u in rec["support_ids"]]
    report_row = next(r for r in q4.to_records() if r["due"])
    assert all(isinstance(d, date) for d in report_row["due"])
    assert report_row["lead"] == [plan.unit(u).name for u in report_row["lead_ids"]]


def test_schedule_records_is_deprecated_but_works(agenda: Schedule) -> None:
    with pytest.warns(DeprecationWarning, match="to_records"):
        old = agenda.records()  # type: ignore[deprecated,unused-ignore]
    assert old[0]["due"] == agenda.occurrences[0].due.isoformat()  # type: ignore[union-attr]
    assert len(old) == len(agenda)


def test_frames_have_real_dtypes(plan: Plan, agenda: Schedule, q4: Report) -> None:
    pd = pytest.importorskip("pandas")
    frame = agenda.to_frame()
    assert pd.api.types.is_datetime64_any_dtype(frame["due"])
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert list(frame["status"].cat.categories) == [s.value for s in Status]
    assert len(frame) == len(agenda)
    report = q4.to_frame()
    assert isinstance(report["status"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(report["completed"])
    assert list(plan.to_frame().index) == [str(t.number) for t in plan.tasks]


def test_role_refuses_unknown_values_listing_the_allowed_ones(agenda: Schedule) -> None:
    with pytest.raises(ValueError, match=r"'lead', 'support', 'any'.*'chu-tri'"):
        agenda.for_unit("vp", role="chu-tri")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'table', 'csv', 'json', 'ics'.*'xlsx'"):
        agenda.export("xlsx")
    assert agenda.export("csv") == agenda.to_csv()


EVIL = '=HYPERLINK("http://x")<script>alert(1)</script>'


def _evil_plan(plan: Plan) -> Plan:
    first = next(t for t in plan.tasks if t.lead and not t.group)
    tasks = tuple(evolve(t, title=EVIL) if t is first else t for t in plan.tasks)
    return evolve(plan, tasks=tasks)


def _evil_report(evil: Plan) -> Report:
    progress = load_progress(SEED_DIR / "progress-2025-Q4.csv", evil)
    return Report(
        plan=evil, period=Period.parse("2025-Q4"), progress=progress, as_of=date(2025, 12, 15)
    )


def test_every_csv_escapes_formulas(plan: Plan) -> None:
    evil = _evil_plan(plan)
    for text in (evil.to_csv(), evil.schedule(as_of=AS_OF).to_csv(), _evil_report(evil).to_csv()):
        cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
        assert "'" + EVIL in cells
        assert EVIL not in cells


def test_html_escapes_user_text(plan: Plan) -> None:
    evil = _evil_plan(plan)
    views = (evil, evil.schedule(as_of=AS_OF), _evil_report(evil))
    for html in (view._repr_html_() for view in views):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_json_outputs_stay_plain(agenda: Schedule, q4: Report) -> None:
    assert json.loads(agenda.to_json())[0]["due"] == agenda.occurrences[0].due.isoformat()  # type: ignore[union-attr]
    data = json.loads(q4.to_json())
    assert all(isinstance(d, str) for t in data["tasks"] for d in t["due"])


# -- 6. the command as people use it ---------------------------------------------------

SEED_PLAN = SEED_DIR / "plan.toml"
Q4_FILE = SEED_DIR / "progress-2025-Q4.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "args",
    [["show", str(SEED_PLAN)], ["schedule", str(SEED_PLAN), "--as-of", "2025-10-15"]],
    ids=["show", "schedule"],
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """`kh-tthc show plan.toml | head`: the reader is gone before anything is written."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kh_tthc.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # as `head` does once it has its lines
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait() == EXIT_PIPE
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_report_takes_the_period_from_the_progress_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    args = ["report", SEED_PLAN, Q4_FILE, "--as-of", "2025-12-15", "-o", out]
    code, stdout, err = run(capsys, *args)
    assert (code, err.count("Traceback")) == (0, 0)
    in_file = load_progress(Q4_FILE, load_plan(SEED_PLAN)).period
    assert json.loads(out.read_text("utf-8"))["period"] == in_file.iso
    assert in_file.label in stdout


def test_report_refuses_a_period_that_contradicts_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    args = ["report", SEED_PLAN, Q4_FILE, "--period", "2025-Q3", "--as-of", "2025-12-15"]
    code, _, err = run(capsys, *args, "-o", out)
    assert code == 1
    assert "this progress file is for Quý IV/2025, not Quý III/2025" in err
    assert not out.exists()


def test_validate_counts_tasks_and_headings_apart(capsys: pytest.CaptureFixture[str]) -> None:
    plan = load_plan(SEED_PLAN)
    groups = sum(t.group for t in plan.tasks)
    code, out, _ = run(capsys, "validate", SEED_PLAN)
    assert code == 0
    assert f"{len(plan.tasks) - groups} tasks and {groups} headings" in out
    assert f"{len(plan.tasks)} tasks" not in out


def test_an_unknown_unit_id_gets_did_you_mean(plan: Plan) -> None:
    first = next(t for t in plan.tasks if "vp" in t.lead)
    typo = evolve(first, lead=("vpp",))
    edited = evolve(plan, tasks=tuple(typo if t is first else t for t in plan.tasks))
    messages = [p.message for p in check_plan(edited) if p.is_error]
    assert any("unknown lead unit id 'vpp' (did you mean 'vp'?" in m for m in messages), messages


@pytest.mark.parametrize(
    "args",
    [
        ["schedule", str(SEED_PLAN), "--as-of", "2025-10-15", "-o", "{missing}/agenda.csv"],
        ["render", str(SEED_PLAN), "-o", "{missing}/ke-hoach.docx"],
        ["report", str(SEED_PLAN), str(Q4_FILE), "--as-of", "2025-12-15", "-o", "{missing}/r.json"],
    ],
    ids=["schedule", "render", "report"],
)
def test_a_missing_output_folder_is_an_output_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    code, _, err = run(capsys, *(a.format(missing=missing) for a in args))
    assert code == 2
    assert err.startswith(f"kh-tthc: cannot write {missing}/")
    assert f"the folder {str(missing)!r} does not exist" in err


def test_output_errors_are_their_own_class(tmp_path: Path) -> None:
    from kh_tthc.io.output import write_output

    with pytest.raises(kh_tthc.OutputUnwritable, match=r"^cannot write .*does not exist"):
        write_output(tmp_path / "none" / "x.txt", "x")
    with pytest.raises(kh_tthc.OutputUnwritable, match="it is a directory"):
        write_output(tmp_path, "x")


# -- 5. templates checked all the way down ---------------------------------------------


def _template_with_cell(tmp_path: Path, kind: str, text: str) -> Path:
    """The shipped template of ``kind`` with the last cell of the plain task row replaced."""
    import docx

    path = copy_template(tmp_path / f"{kind}-edited.docx", kind=kind)
    document = docx.Document(str(path))
    (table,) = [t for t in document.tables if len(t.rows) > 7]
    table.rows[7].cells[-1].paragraphs[0].text = text
    document.save(str(path))
    return path


def _template_with_paragraph(tmp_path: Path, text: str) -> Path:
    import docx

    path = copy_template(tmp_path / "paragraph.docx")
    document = docx.Document(str(path))
    document.paragraphs[-1].insert_paragraph_before(text)
    document.save(str(path))
    return path


def test_a_misspelt_field_in_a_table_row_is_named_with_its_cell(plan: Plan, tmp_path: Path) -> None:
    template = _template_with_cell(tmp_path, "plan", "{{ row.dealine }}")
    out = tmp_path / "x.docx"
    with pytest.raises(TemplateError, match=r"row\.dealine \(body table cell: '{{ row\.dealine"):
        render_plan(plan, out, template=template)
    assert not out.exists()


def test_a_misspelt_field_in_a_paragraph_loop_is_named_with_its_paragraph(
    plan: Plan, tmp_path: Path
) -> None:
    template = _template_with_paragraph(
        tmp_path, "{% for block in body %}{{ block.txt }}{% endfor %}"
    )
    with pytest.raises(TemplateError, match=r"block\.txt \(body paragraph: ") as info:
        render_plan(plan, tmp_path / "x.docx", template=template)
    assert info.value.unknown == ("block.txt",)


def test_a_plan_template_given_to_render_report_is_refused(q4: Report, tmp_path: Path) -> None:
    plan_template = copy_template(tmp_path / "plan.docx", kind="plan")
    with pytest.raises(TemplateError, match=r"row\.support") as info:
        render_report(q4, tmp_path / "r.docx", template=plan_template)
    assert "row.deadline" in info.value.unknown
    assert "table cell" in str(info.value)


def test_a_report_field_in_a_plan_template_is_refused(plan: Plan, tmp_path: Path) -> None:
    template = _template_with_cell(tmp_path, "plan", "{{ row['status'] }}")
    with pytest.raises(TemplateError, match=r"row\['status'\]"):
        render_plan(plan, tmp_path / "x.docx", template=template)


def test_real_fields_and_methods_still_render(plan: Plan, tmp_path: Path) -> None:
    template = _template_with_cell(
        tmp_path, "plan", '{{ row.deadline }}{{ row.extra.get("Sản phẩm", "") }}{{ loop.index }}'
    )
    assert render_plan(plan, tmp_path / "x.docx", template=template).exists()


def test_template_kinds_refuse_unknown_values(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError,
        match=r"kind must be one of 'plan', 'report', 'letter', 'summary', not 'ke-hoach'",
    ):
        copy_template(tmp_path / "x.docx", kind="ke-hoach")
    assert not (tmp_path / "x.docx").exists()


def test_statuses_refuse_unknown_values(agenda: Schedule) -> None:
    assert agenda.with_status("overdue") == agenda.with_status(Status.OVERDUE)
    assert len(agenda.with_status("overdue")) > 0
    with pytest.raises(ValueError, match=r"status must be one of 'overdue', .*not 'late'"):
        agenda.with_status("late")


def test_an_unknown_unit_on_the_command_line_gets_did_you_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["schedule", SEED_PLAN, "--as-of", "2025-10-15", "--unit", "vpp"]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "no unit 'vpp' in the plan (did you mean 'vp'?" in err
