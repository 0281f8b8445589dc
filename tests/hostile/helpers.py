"""What the hostile tests share: the seed's files in a folder, the command in a process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kh_tthc import dumps_plan, load_plan
from kh_tthc.io.plan_file import plan_to_dict
from tests.conftest import ROOT, SEED_DIR, SEED_PLAN

PROGRESS_Q4 = SEED_DIR / "progress-2025-Q4.csv"
PROGRESS_Q3 = SEED_DIR / "progress-2025-Q3.csv"


def seed_json_data() -> dict[str, Any]:
    """The seed plan as JSON-ready data, to change one thing in it."""
    data = plan_to_dict(load_plan(SEED_PLAN))
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def seed_toml(folder: Path, name: str = "plan.toml") -> Path:
    path = folder / name
    path.write_text(SEED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def seed_files(folder: Path) -> dict[str, Path]:
    """Copies of the seed's plan (TOML and JSON) and progress files in ``folder``."""
    plan = seed_toml(folder)
    as_json = folder / "plan.json"
    as_json.write_text(dumps_plan(load_plan(SEED_PLAN), format="json"), encoding="utf-8")
    q4 = folder / "prog.csv"
    q4.write_bytes(PROGRESS_Q4.read_bytes())
    q3 = folder / "prev.csv"
    q3.write_bytes(PROGRESS_Q3.read_bytes())
    return {"plan": plan, "json": as_json, "progress": q4, "previous": q3}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (hidden ones included) with the hash of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<other>"
        for p in sorted(folder.iterdir())
    }


def run_cli(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a hang fails the test instead of blocking it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if env.get("MUTANT_UNDER_TEST") == "stats":
        # mutmut's pass that maps tests to functions: a child process's calls cannot be
        # recorded, and its stack check fails there (tests/mutmut_frames.py); run it plain.
        del env["MUTANT_UNDER_TEST"]
    return subprocess.run(
        [sys.executable, "-m", "kh_tthc.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def assert_clean_failure(err: str) -> None:
    """A user's mistake: lines of our own, no traceback."""
    assert "Traceback" not in err
    assert err.strip(), "expected a message"
