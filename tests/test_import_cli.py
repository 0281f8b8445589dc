"""The ``kh-tthc import`` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from kh_tthc import load_plan
from kh_tthc.cli import main
from tests.fixtures_docx import seed_docx

EXAMPLE = Path(__file__).parent.parent / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"


@pytest.fixture(scope="module")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_docx(tmp_path_factory.mktemp("cli") / "ke-hoach.docx")


class TestImport:
    def test_writes_a_plan_that_validates(
        self, tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Importing the seed document writes a plan file that `validate` accepts."""
        out = tmp_path / "plan.toml"
        assert main(["import", str(seed_path), "-o", str(out)]) == 0
        assert len(load_plan(out).tasks) == len(load_plan(EXAMPLE).tasks)
        capsys.readouterr()
        assert main(["validate", str(out)]) == 0

    def test_prints_warnings_one_per_line(
        self, tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each warning is a line naming the source file, then a summary line."""
        out = tmp_path / "plan.toml"
        main(["import", str(seed_path), "-o", str(out)])
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith(f"{seed_path}: warning: appendix_title:")
        assert lines[1] == f"{seed_path}: warning: task 2.4: no lead unit (đơn vị chủ trì)"
        assert lines[2] == (
            f"{out}: 20 tasks and 9 headings, 10 units imported from {seed_path}, 2 warning(s)"
        )

    def test_csv_to_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV source and a .json output work the same way; placeholders are reported
        and the written plan validates."""
        src = tmp_path / "bang.csv"
        src.write_text("STT,Nhiệm vụ,Chủ trì,Thời hạn\n1,Rà soát,Sở Y tế,Năm 2025\n", "utf-8")
        out = tmp_path / "plan.json"
        assert main(["import", str(src), "-o", str(out)]) == 0
        printed = capsys.readouterr().out
        assert f"{src}: warning: signer:" in printed
        assert main(["validate", str(out)]) == 0

    def test_year_option(self, tmp_path: Path) -> None:
        """--year sets the period when the source shows no year at all."""
        src = tmp_path / "b.csv"
        src.write_text("STT,Nhiệm vụ,Chủ trì,Thời hạn\n1,Rà soát,Sở Y tế,Thường xuyên\n", "utf-8")
        out = tmp_path / "plan.toml"
        assert main(["import", str(src), "-o", str(out), "--year", "2027"]) == 0
        assert load_plan(out).period.start.year == 2027

    def test_keeps_an_existing_file(
        self, tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An existing plan file is not replaced without --force (exit 2)."""
        out = tmp_path / "plan.toml"
        out.write_text("# edited by hand\n", encoding="utf-8")
        assert main(["import", str(seed_path), "-o", str(out)]) == 2
        assert "--force" in capsys.readouterr().err
        assert out.read_text(encoding="utf-8") == "# edited by hand\n"
        assert main(["import", str(seed_path), "-o", str(out), "--force"]) == 0
        assert load_plan(out).title

    def test_bad_output_name(self, tmp_path: Path, seed_path: Path) -> None:
        """An output that is not .toml or .json is a usage error (exit 2)."""
        assert main(["import", str(seed_path), "-o", str(tmp_path / "plan.txt")]) == 2


class TestErrors:
    def test_no_task_table(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A source without a task table exits 1, names the file, and writes nothing."""
        src = tmp_path / "x.csv"
        src.write_text("Họ tên,Ngày sinh\nA,1990\n", encoding="utf-8")
        out = tmp_path / "plan.toml"
        assert main(["import", str(src), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert str(src) in err
        assert "no header row" in err
        assert not out.exists()
        assert list(tmp_path.iterdir()) == [src]  # no temporary file left either

    def test_corrupt_docx(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A damaged .docx exits 1 with one line and no traceback."""
        src = tmp_path / "x.docx"
        src.write_bytes(b"PK\x03\x04 not really a zip")
        assert main(["import", str(src), "-o", str(tmp_path / "p.toml")]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1

    def test_missing_source(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing source exits 2 and writes nothing."""
        out = tmp_path / "plan.toml"
        assert main(["import", str(tmp_path / "nope.docx"), "-o", str(out)]) == 2
        assert "no such file" in capsys.readouterr().err
        assert not out.exists()

    def test_unknown_extension_is_sniffed(self, tmp_path: Path, seed_path: Path) -> None:
        """A Word file without its extension is recognised by its content."""
        src = tmp_path / "download"
        src.write_bytes(seed_path.read_bytes())
        assert main(["import", str(src), "-o", str(tmp_path / "p.toml")]) == 0
