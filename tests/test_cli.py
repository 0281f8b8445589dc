"""The kh-tthc command: exit codes, one line per problem, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kh_tthc.cli import main
from tests.conftest import SEED_PLAN


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestValidate:
    def test_seed_is_valid(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "validate", str(SEED_PLAN))
        assert code == 0
        assert "valid, 20 tasks and 9 headings, 10 units" in out
        assert "warning: task 2.4: no lead unit" in out

    def test_invalid_exits_1_one_line_per_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        text = SEED_PLAN.read_text("utf-8")
        text = text.replace('lead = ["cds"]', 'lead = ["xyz"]')
        text = text.replace('number = "3.7"', 'number = "3.6"')
        path = tmp_path / "p.toml"
        path.write_text(text, "utf-8")
        code, out, err = run(capsys, "validate", str(path))
        assert code == 1
        error_lines = [line for line in out.splitlines() if "warning" not in line]
        assert len(error_lines) == 2
        assert "2 error(s)" in err

    @pytest.mark.parametrize(
        ("content", "expected"),
        [
            (b"title = [", "invalid TOML"),
            (b"\xff\xfe\x00garbage", "not UTF-8"),
            (b"taks = 1\n", "did you mean 'tasks'"),
        ],
    )
    def test_bad_content_exits_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
    ) -> None:
        path = tmp_path / "p.toml"
        path.write_bytes(content)
        code, _, err = run(capsys, "validate", str(path))
        assert code == 1
        assert expected in err
        assert "Traceback" not in err

    def test_missing_file_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _, err = run(capsys, "validate", str(tmp_path / "missing.toml"))
        assert code == 2
        assert err.strip() == f"kh-tthc: {tmp_path / 'missing.toml'}: no such file"

    def test_directory_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _, err = run(capsys, "validate", str(tmp_path))
        assert code == 2
        assert "directory" in err

    def test_usage_error_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "validate")
        assert code == 2
        assert "usage:" in err


class TestShow:
    def test_outline_indents_by_level(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", str(SEED_PLAN))
        assert code == 0
        lines = out.splitlines()
        row = next(line for line in lines if line.lstrip().startswith("2.1.1 "))
        assert row.startswith("    2.1.1 Đánh giá tác động")
        assert "(Khi có phát sinh)" in row
        assert sum(1 for line in lines if line[:1].isdigit() or line.startswith(" ")) == 29

    def test_show_refuses_invalid_plan(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "p.toml"
        path.write_text(SEED_PLAN.read_text("utf-8").replace('number = "1.1"', 'number = "x"'))
        code, out, err = run(capsys, "show", str(path))
        assert (code, out) == (1, "")
        assert "invalid task number 'x'" in err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed entry point maps a user mistake to exit 2 and one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "kh_tthc.cli", "validate", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1


def _seed_text(old: str, new: str) -> bytes:
    text = SEED_PLAN.read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


# The core issue's bad-input table, through the command: (file name, content, exit, message)
BAD_INPUT = [
    ("invalid.toml", b"title = [\n", 1, "invalid TOML"),
    ("invalid.json", b'{"title": }', 1, "invalid JSON"),
    ("latin.toml", b"title = 'K\xea ho\xe1ch'", 1, "not UTF-8"),
    ("unit.toml", _seed_text('lead = ["cds"]', 'lead = ["xyz"]'), 1, "unknown lead unit id 'xyz'"),
    ("dup.toml", _seed_text('number = "3.7"', 'number = "3.6"'), 1, "duplicate task number"),
    ("dots.toml", _seed_text('number = "2.1.2"', 'number = "2..1"'), 1, "'2..1'"),
    ("x.toml", _seed_text('number = "2.1.2"', 'number = "x"'), 1, "invalid task number 'x'"),
    ("typo.toml", _seed_text("[[tasks]]", "[[taks]]"), 1, "did you mean 'tasks'"),
    ("garbage.toml", bytes(range(256)) * 40960, 1, "at most"),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "message"), BAD_INPUT, ids=[row[0] for row in BAD_INPUT]
)
@pytest.mark.parametrize("command", ["validate", "show"])
def test_bad_input_table(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    name: str,
    content: bytes,
    code: int,
    message: str,
) -> None:
    """Each bad file: a clear message, the right exit code, no traceback, nothing written."""
    path = tmp_path / name
    path.write_bytes(content)
    got, out, err = run(capsys, command, str(path))
    assert got == code
    assert message in out + err
    assert "Traceback" not in out + err
    assert [p.name for p in tmp_path.iterdir()] == [name]


SEED_Q4 = SEED_PLAN.parent / "progress-2025-Q4.csv"
SEED_Q3 = SEED_PLAN.parent / "progress-2025-Q3.csv"
PORTFOLIO = SEED_PLAN.parent.parent / "portfolio"


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


class TestUsageErrors:
    """Each misuse: exit 2, one line naming it, no traceback, nothing written."""

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            (["schedule", "{plan}", "--format", "xlsx"], "--format xlsx writes a workbook"),
            (
                ["schedule", "{plan}", "--from", "2025-12-01", "--to", "2025-11-01"],
                "--to 2025-11-01 is before --from 2025-12-01",
            ),
            (["schedule", "{plan}", "--soon", "-1"], "--soon must be 0 or more, not -1"),
            (["schedule", "{plan}", "--unit", "khong-co"], "khong-co"),
            (["schedule", "{plan}", "--as-of", "31/02/2025"], "not a date: '31/02/2025'"),
            (["schedule", "{plan}", "--as-of", "hôm nay"], "not a date"),
            (["schedule", "{plan}", "--rule", "???"], "--rule"),
            (["render", "{plan}", "{plan}", "-o", "{tmp}/k"], "share a file name"),
            (["render", "{plan}", "{other}", "-o", "{tmp}/file.txt"], "-o names a folder"),
            (["report", "{plan}", "{q4}", "-o", "{tmp}/b.json", "--pdf"], "--pdf needs a .docx"),
            (["report", "{plan}", "{q4}", "{q3}", "-o", "{tmp}/file.txt"], "-o names a folder"),
            (
                ["report", "{plan}", "{q4}", "{q3}", "-o", "{tmp}/k", "--previous", "{q3}"],
                "--previous is for one progress file",
            ),
            (["report", "{plan}", "{q4}", "{q4}", "-o", "{tmp}/k"], "share a name"),
            (["import", "{q4}", "--sheet", "Sheet1", "-o", "{tmp}/p.toml"], "--sheet is for"),
            (["forms", "{plan}", "--period", "2025-Q4", "-o", "{tmp}/file.txt"], "a folder"),
            (
                ["forms", "{plan}", "--period", "2025-Q4", "-o", "{tmp}/k", "--members", "x"],
                "--members:",
            ),
            (["collect", "{plan}", "{tmp}/form.xlsx"], "name the progress file to write"),
            (["collect", "{plan}", "{tmp}/form.xlsx", "-o", "{tmp}/p.txt"], "end in .csv"),
            (
                ["agenda", "{portfolio}", "--from", "2025-12-02", "--to", "2025-12-01"],
                "--to 2025-12-01 is before --from 2025-12-02",
            ),
            (["agenda", "{portfolio}", "--format", "xlsx"], "--format xlsx writes a workbook"),
            (["agenda", "{portfolio}", "--unit", "cdss"], "did you mean 'cds'?"),
            (
                [
                    "remind",
                    "{portfolio}",
                    "--as-of",
                    "2025-12-15",
                    "--unit",
                    "cdss",
                    "-o",
                    "{tmp}/r.docx",
                ],
                "no unit 'cdss'",
            ),
            (
                ["dashboard", "{portfolio}", "--as-of", "2025-12-15", "-o", "{tmp}/file.txt"],
                "expected a folder for the site",
            ),
            (
                ["dashboard", "{portfolio}", "--as-of", "2025-12-15", "-o", "{tmp}/no/site"],
                "does not exist",
            ),
        ],
    )
    def test_exit_2(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        argv: list[str],
        expected: str,
    ) -> None:
        (tmp_path / "file.txt").write_text("giữ nguyên", encoding="utf-8")
        (tmp_path / "form.xlsx").write_bytes(b"")
        other = tmp_path / "src" / "other.toml"
        other.parent.mkdir()
        other.write_text(SEED_PLAN.read_text("utf-8"), encoding="utf-8")
        names = {
            "plan": str(SEED_PLAN),
            "other": str(other),
            "q4": str(SEED_Q4),
            "q3": str(SEED_Q3),
            "portfolio": str(PORTFOLIO),
            "tmp": str(tmp_path),
        }
        before = files_under(tmp_path)
        code, _, err = run(capsys, *(a.format(**names) for a in argv))
        assert code == 2
        assert expected in err
        assert "Traceback" not in err
        assert files_under(tmp_path) == before
        assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "giữ nguyên"


class TestAgendaOutputs:
    def test_table_lists_every_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        args = ["agenda", str(PORTFOLIO), "--as-of", "2025-12-15"]
        code, table, _ = run(capsys, *args, "--unit", "vp")
        assert code == 0
        code, raw, _ = run(capsys, *args, "--unit", "vp", "--format", "json")
        assert code == 0
        records = json.loads(raw)
        assert records
        assert "Văn phòng Sở" in table.splitlines()[0]
        assert "15/12/2025" in table.splitlines()[0]
        assert table.rstrip().endswith(f"{len(records)} việc")
        for r in records:
            assert str(r["task"]) in table
        assert all(len(line) <= 120 for line in table.splitlines())

    def test_ics_and_csv_to_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        args = ["agenda", str(PORTFOLIO), "--as-of", "2025-12-15"]
        code, ics, _ = run(capsys, *args, "--format", "ics")
        assert code == 0
        assert ics.startswith("BEGIN:VCALENDAR")
        code, raw, _ = run(capsys, *args, "--format", "json")
        n = len(json.loads(raw))
        assert ics.count("BEGIN:VEVENT") <= n
        code, csv_text, _ = run(capsys, *args, "--format", "csv")
        assert code == 0
        assert len(csv_text.strip().splitlines()) == n + 1


class TestRollupCommand:
    def test_prints_each_plan(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(
            capsys, "rollup", str(PORTFOLIO), "--as-of", "2025-12-15", "--period", "2025-Q4"
        )
        assert code == 0, err
        lines = out.splitlines()
        assert "Quý IV" in lines[0]
        assert "15/12/2025" in lines[0]
        assert any("tasks" in line and "done" in line for line in lines[1:])


class TestDaysOff:
    def test_day_off_moves_a_due_day(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A day off given on the command line is skipped by the computed days."""
        args = ["schedule", str(SEED_PLAN), "--as-of", "2025-10-15", "--format", "json"]
        code, raw, _ = run(capsys, *args)
        assert code == 0
        items = json.loads(raw)
        dues = sorted({i["due"] for i in items if i.get("due")})
        assert dues
        code, raw2, err = run(capsys, *args, "--day-off", dues[0])
        assert code == 0, err
        assert dues[0] not in {i["due"] for i in json.loads(raw2) if i.get("due")}
