"""The library's surface as another tool sees it (issue 12, items 4–6 and 8).

Each test holds one finding of the issue: it failed on the code the issue was filed
against and passes now.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
