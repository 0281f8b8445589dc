"""The JSON Schemas of the plan and progress files: committed files equal a fresh
generation; the examples, every plan ``dumps_plan`` writes and the progress files'
TOML twins validate; plan files the loader refuses for their structure fail the schema."""

from __future__ import annotations

import copy
import datetime
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from kh_tthc import PlanInvalid, dumps_plan, load_plan, load_progress, loads_plan
from kh_tthc.cli import main
from kh_tthc.progress import dumps_progress
from kh_tthc.schema import plan_schema, progress_schema, schema_text
from tests.hostile.helpers import seed_json_data
from tests.strategies import plans

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA_DIR = ROOT / "docs" / "schema"


def _json_like(value: Any) -> Any:
    """A parsed TOML document as its JSON twin: dates become "YYYY-MM-DD" strings."""
    if isinstance(value, dict):
        return {k: _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


PLAN = _validator(plan_schema())
PROGRESS = _validator(progress_schema())


@pytest.mark.parametrize("name", ["plan", "progress"])
def test_committed_schema_is_fresh(name: str) -> None:
    """docs/schema/<name>.schema.json is what the model generates today."""
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")
    assert committed == schema_text(name), "run: kh-tthc schema NAME > docs/schema/..."


@pytest.mark.parametrize("name", ["plan", "progress"])
def test_command_prints_it(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`kh-tthc schema NAME` prints the committed file."""
    assert main(["schema", name]) == 0
    assert capsys.readouterr().out == (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")


PLAN_FILES = [p for p in sorted(EXAMPLES.rglob("*.toml")) if p.name != "portfolio.toml"]


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_example_plans_validate(path: Path) -> None:
    """Every example plan file validates, and the loader reads it."""
    load_plan(path)
    data = _json_like(tomllib.loads(path.read_text("utf-8")))
    PLAN.validate(data)


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("progress-*.csv")), ids=lambda p: p.name)
def test_example_progress_validates(path: Path) -> None:
    """Each example progress file's TOML twin (dumps_progress) validates."""
    plan_file = next(p for p in path.parent.glob("*.toml") if p.name != "portfolio.toml")
    plan = load_plan(plan_file)
    progress = load_progress(path, plan)
    data = _json_like(tomllib.loads(dumps_progress(progress, plan, format="toml")))
    PROGRESS.validate(data)


@settings(max_examples=40, deadline=None)
@given(plan=plans())
def test_every_dumped_plan_validates(plan: Any) -> None:
    """Every plan dumps_plan writes as JSON validates."""
    PLAN.validate(json.loads(dumps_plan(plan, format="json")))


# The structural cases of the bad-input tables (tests/test_plan_file.py, TestErrors;
# tests/hostile/test_plan_rules.py, TestStringWhereAListBelongs and TestWrongType), as
# edits of the seed plan's JSON data. Value errors (a bad phrase, "2..1") are left out:
# the schema checks structure only.
def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key)


def _rename(old: str, new: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.__setitem__(new, data.pop(old))


STRUCTURAL: dict[str, Callable[[dict[str, Any]], None]] = {
    "archive-string": _set(("archive",), "VT"),
    "recipients-string": _set(("recipients",), "Văn phòng UBND tỉnh"),
    "bases-string": _set(("bases",), "Căn cứ Luật"),
    "lead-string": _set(("tasks", 2, "lead"), ""),
    "issuer-string": _set(("issuer",), "abc"),
    "task-number": _set(("tasks", 0), 5),
    "unknown-top-key": _rename("tasks", "taks"),
    "unknown-task-key": _set(("tasks", 1, "leed"), ["vp"]),
    "group-string": _set(("tasks", 0, "group"), "yes"),
    "missing-issuer": _drop("issuer"),
    "missing-period": _drop("period"),
    "unit-id": _set(("units", "VP"), 3),
    "title-number": _set(("title",), 12),
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL))
def test_structurally_refused_plan_fails_schema(case: str) -> None:
    """A plan file the loader refuses for its structure also fails the schema."""
    data = copy.deepcopy(seed_json_data())
    PLAN.validate(data)  # the seed itself is valid: the edit is what breaks it
    STRUCTURAL[case](data)
    with pytest.raises(PlanInvalid):
        loads_plan(json.dumps(data, ensure_ascii=False), format="json")
    assert not PLAN.is_valid(data)
