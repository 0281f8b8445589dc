"""`kh-tthc report`: formats, exit codes, one line per problem, nothing written on failure."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kh_tthc.cli import main
from tests.conftest import SEED_DIR, SEED_PLAN
from tests.test_progress import BAD_ROWS, GOOD, HEAD

Q3_FILE = SEED_DIR / "progress-2025-Q3.csv"
Q4_FILE = SEED_DIR / "progress-2025-Q4.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def report_args(progress: Path, out: Path, *more: str) -> list[str | Path]:
    return ["report", SEED_PLAN, progress, "--period", "2025-Q4", "--as-of", "2025-12-15",
            "-o", out, *more]  # fmt: skip


class TestOutputs:
    def test_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        out = tmp_path / "bao-cao.json"
        code, stdout, _ = run(capsys, *report_args(Q4_FILE, out, "--previous", str(Q3_FILE)))
        assert code == 0
        assert stdout == (f"{out}: Quý IV/2025, 22 tasks, 40% done, 0 overdue, 1 not reported\n")
        data = json.loads(out.read_text("utf-8"))
        assert data["counts"]["done"] == 7
        assert data["change"]["previous"] == "2025-Q3"
        assert data["as_of"] == "2025-12-15"

    def test_csv_opens_in_excel(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The CSV starts with a BOM so Excel reads the Vietnamese, and has a row per task."""
        out = tmp_path / "bao-cao.csv"
        assert run(capsys, *report_args(Q4_FILE, out))[0] == 0
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
        assert len(rows) == 22
        row = next(r for r in rows if r["number"] == "2.6.1")
        assert (row["status_label"], row["reported"]) == ("chưa báo cáo", "false")

    def test_day_first_as_of(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        out = tmp_path / "r.json"
        args = report_args(Q4_FILE, out)
        args[args.index("2025-12-15")] = "15/12/2025"
        assert run(capsys, *args)[0] == 0
        assert json.loads(out.read_text("utf-8"))["as_of"] == "2025-12-15"


class TestPdf:
    """`report --pdf` converts the báo cáo through LibreOffice (marked `soffice`: skipped
    without it, a failure when KH_TTHC_REQUIRE_SOFFICE=1, as in CI)."""

    def test_pdf_beside_the_docx(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
        if missing:
            if os.environ.get("KH_TTHC_REQUIRE_SOFFICE") == "1":
                pytest.fail(f"KH_TTHC_REQUIRE_SOFFICE=1 but not installed: {missing}")
            pytest.skip(f"not installed: {missing}")
        out = tmp_path / "bao-cao.docx"
        code, stdout, err = run(capsys, *report_args(Q4_FILE, out, "--pdf"))
        assert code == 0
        assert [": warning: " in line for line in err.splitlines()] == [True]  # row 2.4
        pdf = out.with_suffix(".pdf")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx", "bao-cao.pdf"]
        assert str(pdf) in stdout
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "BÁO CÁO" in text
        assert "Tỷ lệ hoàn thành đạt 40%" in " ".join(text.split())


def _bad_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q4.csv"
    path.write_text(text, "utf-8")
    return path


class TestInvalidInput:
    @pytest.mark.parametrize(
        ("row", "expected"), [c[1:] for c in BAD_ROWS], ids=[c[0] for c in BAD_ROWS]
    )
    def test_bad_row(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, row: str, expected: str
    ) -> None:
        """Exit 1, the file and line of the bad row, no traceback, and nothing written."""
        progress = _bad_file(tmp_path, HEAD + GOOD + row + "\n")
        out = tmp_path / "bao-cao.json"
        code, stdout, err = run(capsys, *report_args(progress, out))
        assert code == 1
        assert f"{progress}:6: " in err
        assert expected in err
        assert "Traceback" not in err
        assert stdout == ""
        assert not out.exists()

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", "empty progress file"),
            (HEAD.replace("2025-Q4", "2025-Q3") + GOOD, "is for Quý III/2025, not Quý IV/2025"),
            (HEAD.replace("/KH-SKHCN", "/KH-SNV") + GOOD, "for plan '/KH-SNV', not '/KH-SKHCN'"),
            (HEAD.replace("so-hoa", "so-hoa,ghi-chu") + GOOD, ":3: column 7: unknown column"),
        ],
    )
    def test_bad_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: str
    ) -> None:
        progress = _bad_file(tmp_path, text)
        out = tmp_path / "bao-cao.csv"
        out.write_text("previous report", "utf-8")
        code, _, err = run(capsys, *report_args(progress, out))
        assert (code, expected in err) == (1, True), err
        assert out.read_text("utf-8") == "previous report"

    @pytest.mark.parametrize("name", ["bao-cao.docx", "bao-cao.csv", "bao-cao.json"])
    def test_nothing_written_in_any_format(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
    ) -> None:
        progress = _bad_file(tmp_path, HEAD + GOOD + "1.1,xyz,done,,,\n")
        out = tmp_path / name
        extra = ["--pdf"] if out.suffix == ".docx" else []
        code, _, err = run(capsys, *report_args(progress, out, *extra))
        assert code == 1
        assert f"{progress}:6: task 1.1: unknown unit 'xyz'" in err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["q4.csv"]

    def test_period_outside_plan(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        progress = _bad_file(tmp_path, "task,unit,status\n1.1,vp,done\n")
        out = tmp_path / "r.json"
        args = report_args(progress, out)
        args[args.index("2025-Q4")] = "2026-Q2"
        args[args.index("2025-12-15")] = "2026-06-01"
        code, _, err = run(capsys, *args)
        assert code == 1
        assert "outside the plan's period" in err
        assert not out.exists()

    def test_invalid_plan(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        plan = tmp_path / "plan.toml"
        plan.write_text(SEED_PLAN.read_text("utf-8").replace('lead = ["cds"]', 'lead = ["x"]'))
        out = tmp_path / "r.json"
        args = report_args(Q4_FILE, out)
        args[1] = plan
        code, _, err = run(capsys, *args)
        assert code == 1
        assert "unknown lead unit id 'x'" in err
        assert not out.exists()

    def test_bad_previous(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The previous file is checked as strictly, and must be for the period before."""
        out = tmp_path / "r.json"
        code, _, err = run(capsys, *report_args(Q4_FILE, out, "--previous", str(Q4_FILE)))
        assert code == 1
        assert "this progress file is for Quý IV/2025, not Quý III/2025" in err
        assert not out.exists()


class TestUsage:
    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (("2025-Q4", "2025-Q5"), "argument --period: not a reporting period '2025-Q5'"),
            (("2025-12-15", "mai"), "argument --as-of: not a date: 'mai'"),
            (("2025-12-15", "2025-09-01"), "is before the Quý IV/2025 window starts"),
        ],
    )
    def test_bad_arguments_exit_2(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        change: tuple[str, str],
        expected: str,
    ) -> None:
        out = tmp_path / "r.json"
        args = report_args(Q4_FILE, out)
        args[args.index(change[0])] = change[1]
        code, _, err = run(capsys, *args)
        assert code == 2
        assert expected in err
        assert not out.exists()

    def test_unknown_output_extension(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        out = tmp_path / "r.pdf"
        code, _, err = run(capsys, *report_args(Q4_FILE, out))
        assert code == 2
        assert "unknown output extension '.pdf'" in err
        assert not out.exists()

    def test_missing_progress_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, *report_args(tmp_path / "none.csv", tmp_path / "r.json"))
        assert code == 2
        assert err.splitlines()[-1] == f"kh-tthc: {tmp_path / 'none.csv'}: no such file"

    def test_output_folder_missing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, *report_args(Q4_FILE, tmp_path / "no" / "r.json"))
        assert code == 2
        assert "does not exist" in err

    def test_period_is_required_when_the_file_names_none(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bare = tmp_path / "progress.csv"
        text = Q4_FILE.read_text("utf-8")
        bare.write_text("".join(line for line in text.splitlines(True) if "kỳ báo cáo" not in line))
        code, _, err = run(capsys, "report", SEED_PLAN, bare, "-o", tmp_path / "r.json")
        assert code == 1
        assert "no reporting period" in err
