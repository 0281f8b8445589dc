"""Run the fuzz targets of ``fuzz_cases.py`` in a process with a 500 MB memory bound.

A short budget here (``make test``); ``make fuzz`` runs the same targets with many more
examples. A failure prints hypothesis' falsifying example from the child process.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

#: Examples per target in the ordinary test run.
SHORT_BUDGET = "25"


@pytest.mark.parametrize("target", ["test_docx_xml", "test_plan_file", "test_progress_file"])
def test_fuzz_target(target: str) -> None:
    """Every mutated input gives a result or a declared error, within 5 s and 500 MB."""
    env = {
        **os.environ,
        "KH_TTHC_FUZZ_EXAMPLES": os.environ.get("KH_TTHC_FUZZ_EXAMPLES", SHORT_BUDGET),
        "KH_TTHC_FUZZ_LIMIT_MEMORY": "1",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"tests/hostile/fuzz_cases.py::{target}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
