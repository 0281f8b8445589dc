"""The one door in: only regular files, nothing blocks.

Issue "Hardening", item 7 (a FIFO given as plan, progress, import source or template
blocked forever; the template case is in test_templates.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kh_tthc import load_plan
from kh_tthc.errors import SourceUnreadable
from kh_tthc.io.source import read_bytes
from tests.conftest import SEED_PLAN
from tests.hostile.helpers import assert_clean_failure, run_cli, seed_files


class TestFifos:
    """Each case runs the command in a process with a timeout: a hang fails the test."""

    def test_plan(self, tmp_path: Path) -> None:
        fifo = tmp_path / "plan.toml"
        os.mkfifo(fifo)
        done = run_cli("validate", fifo)
        assert done.returncode == 2
        assert "is a named pipe (FIFO), not a plan file" in done.stderr
        assert_clean_failure(done.stderr)

    def test_progress(self, tmp_path: Path) -> None:
        files = seed_files(tmp_path)
        fifo = tmp_path / "q4.csv"
        os.mkfifo(fifo)
        done = run_cli(
            "report", files["plan"], fifo, "--period", "2025-Q4", "-o", tmp_path / "r.json"
        )
        assert done.returncode == 2
        assert "named pipe" in done.stderr
        assert_clean_failure(done.stderr)
        assert not (tmp_path / "r.json").exists()

    @pytest.mark.parametrize("name", ["source.csv", "source.docx", "source"])
    def test_import_source(self, tmp_path: Path, name: str) -> None:
        fifo = tmp_path / name
        os.mkfifo(fifo)
        done = run_cli("import", fifo, "-o", tmp_path / "plan.toml")
        assert done.returncode == 2
        assert "named pipe" in done.stderr
        assert_clean_failure(done.stderr)
        assert not (tmp_path / "plan.toml").exists()


class TestNotRegularFiles:
    def test_device(self, tmp_path: Path) -> None:
        """A symlink to /dev/zero as plan is refused as a device, read never starts."""
        link = tmp_path / "plan.toml"
        link.symlink_to("/dev/zero")
        with pytest.raises(SourceUnreadable, match="is a device"):
            load_plan(link)

    def test_directory(self, tmp_path: Path) -> None:
        folder = tmp_path / "plan.toml"
        folder.mkdir()
        with pytest.raises(SourceUnreadable, match="is a directory"):
            load_plan(folder)

    def test_swapped_after_the_check(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file replaced by a FIFO between the check and the open is refused by fstat."""
        fifo = tmp_path / "p.toml"
        os.mkfifo(fifo)
        real_stat = os.stat
        monkeypatch.setattr(
            "kh_tthc.io.source.os.stat",
            lambda p, *a, **k: real_stat(SEED_PLAN) if Path(p) == fifo else real_stat(p, *a, **k),
        )
        with pytest.raises(SourceUnreadable, match="named pipe"):
            read_bytes(fifo, what="a plan file", limit=1000)

    def test_too_large_read_stops_at_the_limit(self, tmp_path: Path) -> None:
        """A file above the limit is refused from its size, before it is read."""
        big = tmp_path / "plan.toml"
        with big.open("wb") as f:
            f.truncate(6 * 1024 * 1024)
        with pytest.raises(Exception, match="at most 5 MiB"):
            load_plan(big)
