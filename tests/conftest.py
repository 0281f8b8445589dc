"""Shared fixtures: the seed plan and its paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
