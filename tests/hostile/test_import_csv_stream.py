"""CSV imports read as a stream, with row, column and cell limits checked as they go.

Before (issue "Hardening", item 9 and 10): 19 MiB of commas took 2.15 GB and 27 s, then
exited 0 with an empty plan; 19 MiB of newlines took 2.2 GB before the row limit fired;
a NUL byte made a UTF-8 file read as UTF-16.

The two large cases run the command in a child process whose address space is capped at
1 GiB, so the old behaviour fails the test by exhausting memory instead of passing slowly.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from kh_tthc.cli import main
from kh_tthc.importing import MAX_ROWS
from kh_tthc.importing.csv import MAX_CSV_COLUMNS

HEADER = "STT,Nội dung công việc,Đơn vị chủ trì,Thời gian hoàn thành\n"
MIB = 1024 * 1024


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_import(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from kh_tthc.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "import", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=_cap_memory,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        ("commas", "," * (19 * MIB), f"more than {MAX_CSV_COLUMNS} columns"),
        ("newlines", "\n" * (19 * MIB), f"more than {MAX_ROWS} rows"),
    ],
)
def test_huge_file_refused_as_it_is_read(
    tmp_path: Path, name: str, body: str, expected: str
) -> None:
    """19 MiB of commas or of newlines under a header are refused with a clear one-line
    message and exit 1, within 1 GiB, with no traceback and no plan written."""
    source = tmp_path / f"{name}.csv"
    source.write_text(HEADER + "1,Rà soát,Sở Y tế,Năm 2025\n" + body, encoding="utf-8")
    out = tmp_path / "plan.toml"
    done = run_import(source, out)
    assert done.returncode == 1, done.stderr[-2000:]
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_commas_without_a_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A line of many thousand commas is refused even before any header is found."""
    source = tmp_path / "c.csv"
    source.write_text("," * 100_000, encoding="utf-8")
    out = tmp_path / "plan.toml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"line 1: has more than {MAX_CSV_COLUMNS} columns" in err
    assert not out.exists()


def test_nul_byte_in_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A NUL byte in a UTF-8 file is refused naming its line; the file is not misread
    as UTF-16 (which turned it into CJK characters and a 'no task table' message)."""
    source = tmp_path / "nul.csv"
    source.write_bytes((HEADER + "1,Rà soát\x00,Sở Y tế,Năm 2025\n").encode("utf-8"))
    out = tmp_path / "plan.toml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "line 2: holds a NUL character" in err
    assert "Traceback" not in err
    assert not out.exists()
