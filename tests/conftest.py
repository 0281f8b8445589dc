"""Shared fixtures: the seed plan and its paths."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# Under mutmut, mends its stack-depth check before kh_tthc is first imported (see there).
import tests.mutmut_frames  # isort: skip
from kh_tthc import Plan, load_plan
from tests.needs import need

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "examples" / "skhcn-thai-nguyen-2025"
SEED_PLAN = SEED_DIR / "plan.toml"
_SEED_NAME = "ke-hoach-kiem-soat-tthc-skhcn-thai-nguyen-2025.txt"
#: The text export of the signed plan, kept with the tests so they run in any checkout.
SEED_TEXT = ROOT / "tests" / "data" / "seed" / _SEED_NAME
#: The workspace's own copy, beside the project, when there is one.
SHARED_SEED_TEXT = ROOT.parent / "shared" / "seed" / _SEED_NAME


# Whole plans are large inputs by nature; their generation is slow, not wrong.
_LARGE = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=150, suppress_health_check=_LARGE)
settings.register_profile("dev", max_examples=50, suppress_health_check=_LARGE)
# Mutation runs (`make mutation` sets KH_TTHC_MUTATION=1): the same few examples every
# run, so that a mutant is killed or not by the code, not by luck, within the time budget;
# mutmut calls each test from several executors in one process, which is harmless here.
settings.register_profile(
    "mutation",
    max_examples=10,
    derandomize=True,
    database=None,
    # Tracing (mutmut's stats run) and a shared machine make examples slow, not wrong.
    deadline=None,
    # A failure kills the mutant: shrinking it to the smallest example only costs time.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[*_LARGE, HealthCheck.differing_executors],
)
if os.environ.get("KH_TTHC_MUTATION") == "1":
    settings.load_profile("mutation")
else:
    settings.load_profile("ci" if os.environ.get("CI") else "dev")

#: Tests that start LibreOffice (seconds each): left out of mutation runs (`-m "not soffice"`).
#: They live in files other sessions own, so they are marked here by name.
_SOFFICE_TESTS = (
    "tests/test_render_pdf.py::",
    "tests/test_report_render.py::TestPdf::",
    "tests/test_report_cli.py::TestPdf::",
    "tests/test_import_docx.py::test_old_doc_is_converted",
    "tests/test_import_docx.py::TestBadInput::test_old_doc_libreoffice_fails",
    "tests/test_import_office.py::test_resaved_by_libreoffice_reads_alike",
    "tests/test_import_real_tables.py::TestGovernmentAppendix::test_resaved_by_libreoffice",
    "tests/test_import_real_tables.py::TestPartyReport::test_resaved_by_libreoffice",
)


#: Fuzzing, hostile-input and whole-document tests, each over half a second under the
#: mutation profile (measured in mutmut's stats run): left out of mutation runs (`-m "not
#: slow"`), where a surviving mutant would run them all; `make test` runs them.
_SLOW_TESTS = (
    "tests/hostile/test_fuzz.py::test_fuzz_target",
    "tests/hostile/test_import_csv_stream.py::test_huge_file_refused_as_it_is_read",
    "tests/hostile/test_import_xlsx_package.py::test_damaged_workbooks_raise_only_library_errors",
    "tests/hostile/test_input_door.py::TestFifos::",
    "tests/hostile/test_limits.py::TestRenderSize::test_above_the_limit_is_refused_before_work",
    "tests/hostile/test_templates.py::TestTemplateFile::test_fifo_template_does_not_hang",
    "tests/hostile/test_templates.py::TestTemplateFile::test_zip_bomb_refused_before_unpacking",
    "tests/test_api_contract_model.py::TestCheckPlanNeverRaises::",
    "tests/test_api_contract_model.py::TestRoundTrip::test_what_check_plan_passes_round_trips",
    "tests/test_check.py::TestRendered::test_generated_plans_pass",
    "tests/test_check_pages.py::TestHostilePdf::test_a_stuck_pdftotext_is_stopped",
    "tests/test_forms.py::test_a_million_rows_is_refused_by_name",
    "tests/test_forms.py::test_any_result_text_round_trips",
    "tests/test_forms.py::test_any_typing_in_open_cells_is_read_or_named",
    "tests/test_import_csv.py::TestBadInput::test_too_many_rows",
    "tests/test_import_csv.py::test_fuzz",
    "tests/test_import_docx.py::test_fuzz_document_part",
    "tests/test_import_office.py::test_numbering_fuzz",
    "tests/test_import_progress.py::test_any_report_table_gives_progress_or_a_library_error",
    "tests/test_import_tasks.py::TestNeverDropARow::",
    "tests/test_report_example.py::test_draws_the_chart",
    "tests/test_roundtrip_docx.py::",
    "tests/test_schema.py::test_every_dumped_plan_validates",
)


_STATUS = pytest.StashKey[set[str] | None]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "soffice: starts LibreOffice (left out of mutation runs)")
    config.addinivalue_line("markers", "slow: over half a second (left out of mutation runs)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test starts LibreOffice when it asks for the `soffice` fixture, or is listed.
    for item in items:
        uses = "soffice" in getattr(item, "fixturenames", ())
        if uses or item.nodeid.startswith(_SOFFICE_TESTS):
            item.add_marker(pytest.mark.soffice)
        if item.nodeid.startswith(_SLOW_TESTS):
            item.add_marker(pytest.mark.slow)
        if os.environ.get("KH_TTHC_MUTATION") == "1":
            _allow_two_executors(item)
    if os.environ.get("KH_TTHC_MUTATION") == "1":
        _fastest_first(items)


def _fastest_first(items: list[pytest.Item]) -> None:
    """Under mutmut, a mutant's tests run fastest first, by the times of its stats run
    (`mutmut-stats.json` in the mutants folder, where the tests run): `-x` stops at the
    first failure, and a Word import mutant was killed after 1.3 s on average, mostly
    spent in slower tests before the one that failed. Tests the stats run did not time
    come first; none are moved when there are no times (the stats run itself)."""
    durations = _recorded_durations()
    if durations:
        items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


@functools.cache
def _recorded_durations() -> dict[str, float]:
    try:
        stats = json.loads(Path("mutmut-stats.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    durations: dict[str, float] = stats.get("duration_by_test", {})
    return durations


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under mutmut, the process that only collects the suite (its fork server, from which
    each mutant's process is forked) builds the test documents ahead (tests/built_once.py)."""
    if os.environ.get("KH_TTHC_MUTATION") == "1" and session.config.option.collectonly:
        import tests.built_once

        tests.built_once.build_ahead()


def pytest_runtest_logstart(nodeid: str) -> None:
    tests.mutmut_frames.running = nodeid.removeprefix("mutants/")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if os.environ.get("KH_TTHC_MUTATION") == "1":
        _forget_cached_answers()


def _forget_cached_answers() -> None:
    """Under mutmut, each test starts with the caches of the mutated modules empty: the
    deadline parser's (whole phrases, periods, compiled families), a report's due days, a
    progress row's keys and cells.
    Otherwise the stats run ties a function only to the first test that reached it (the
    later ones read the cache), and each mutant's tests, forked from a process that has
    read every phrase already, are answered by the unmutated code: 72% of parse.py's
    mutants survived untested."""
    parse = sys.modules.get("kh_tthc.deadline.parse")
    if parse is not None:
        parse._parse.cache_clear()
        parse._suggest.cache_clear()
        for name in ("_PERIODS", "_READ_PERIODS", "_COMPILED", "_BY_HEAD", "_FAST"):
            getattr(parse, name).clear()
    progress = sys.modules.get("kh_tthc.progress")
    if progress is not None:
        progress._row_key.cache_clear()
        progress._short_cell.cache_clear()
    report = sys.modules.get("kh_tthc.report")
    if report is not None:
        report._due_dates.cache_clear()


def _allow_two_executors(item: pytest.Item) -> None:
    """Under mutmut, one process collects the suite twice (stats run, then clean run), so a
    test method is called from two instances of its class; hypothesis' differing_executors
    check then fails tests whose own settings list other health checks (and so replace the
    profile's list). The examples are the same either way (derandomized, no database)."""
    test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
    own = getattr(test, "_hypothesis_internal_use_settings", None)
    if own is not None and HealthCheck.differing_executors not in own.suppress_health_check:
        checks = [*own.suppress_health_check, HealthCheck.differing_executors]
        test._hypothesis_internal_use_settings = settings(own, suppress_health_check=checks)  # type: ignore[union-attr]


@pytest.fixture
def soffice() -> None:
    """The test runs LibreOffice: it skips without it (fails in CI, see tests/needs.py)."""
    need("soffice")


@pytest.fixture(scope="session")
def seed_plan() -> Plan:
    return load_plan(SEED_PLAN)


@pytest.fixture(autouse=True)
def _run_in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Doctests and examples name files relative to the repository root.
    monkeypatch.chdir(ROOT)


def _git_status() -> set[str] | None:
    """The checkout's changed and new files, or None when the tests do not run in a git
    checkout of their own (a scratch copy, mutmut's mutants/ folder)."""
    if os.environ.get("KH_TTHC_MUTATION") == "1":
        return None  # mutmut's mutants/ folder: spare each mutant two git processes
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != ROOT:
            return None
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--ignored=matching"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    # Ignored files count too (out/ is ignored), all but the caches tools keep.
    return {line for line in out.stdout.splitlines() if not any(c in line for c in _CACHES)}


_CACHES = ("__pycache__", ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache",
           ".venv", ".coverage", "mutants/")  # fmt: skip


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STATUS] = _git_status()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A test run leaves the checkout as it found it: a test that writes into it (a doc
    example saving to out/, say) fails the run, naming the files."""
    before = session.config.stash.get(_STATUS, None)
    after = _git_status()
    if before is None or after is None:
        return
    left = sorted(after - before)
    if left:
        print("\nThe tests left these files changed or new in the checkout:", *left, sep="\n  ")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
