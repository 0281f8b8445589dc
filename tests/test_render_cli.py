"""`kh-tthc render` and `kh-tthc template`: exit codes, messages, nothing half-written.

The conversion to PDF (``--pdf``) runs once per session, in test_render_pdf.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
import pytest

from kh_tthc.cli import main
from kh_tthc.render import template_path
from tests.conftest import SEED_PLAN


def broken_plan(folder: Path) -> Path:
    text = SEED_PLAN.read_text(encoding="utf-8").replace('lead = ["cds"]', 'lead = ["khong-co"]')
    path = folder / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


class TestRender:
    def test_writes_the_docx(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The seed plan renders; the command prints the file it wrote."""
        out = tmp_path / "ke-hoach.docx"
        assert main(["render", str(SEED_PLAN), "-o", str(out)]) == 0
        assert capsys.readouterr().out.strip() == str(out)
        assert "KẾ HOẠCH" in [p.text for p in docx.Document(str(out)).paragraphs]

    def test_invalid_plan_is_refused_with_its_problems(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A plan with errors exits 1, lists each problem, and writes nothing."""
        out = tmp_path / "ke-hoach.docx"
        assert main(["render", str(broken_plan(tmp_path)), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert "khong-co" in err
        assert "task 3.2" in err
        assert not out.exists()

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            ("missing/ke-hoach.docx", "does not exist"),
            (".", "is a directory"),
            ("ke-hoach.txt", "must be a .docx"),
        ],
    )
    def test_unusable_output_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, message: str
    ) -> None:
        """A missing folder, a folder as output or a wrong suffix: one line, exit 2."""
        assert main(["render", str(SEED_PLAN), "-o", str(tmp_path / target)]) == 2
        errors = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
        assert len(errors) == 1
        assert message in errors[0]
        assert errors[0].startswith("kh-tthc: ")

    def test_unwritable_folder_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A folder that refuses new files (simulated: tests may run as root) exits 2."""

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
        out = tmp_path / "ke-hoach.docx"
        assert main(["render", str(SEED_PLAN), "-o", str(out)]) == 2
        assert "Permission denied" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []

    def test_bad_template_exits_1_and_keeps_previous_output(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A template that is not a DOCX: exit 1, a clear line, the old file intact."""
        out = tmp_path / "ke-hoach.docx"
        out.write_bytes(b"previous")
        bad = tmp_path / "t.docx"
        bad.write_text("no")
        assert main(["render", str(SEED_PLAN), "-o", str(out), "--template", str(bad)]) == 1
        assert "not a Word document" in capsys.readouterr().err
        assert out.read_bytes() == b"previous"

    def test_missing_template_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A template path that does not exist is a file error: exit 2."""
        args = ["render", str(SEED_PLAN), "-o", str(tmp_path / "x.docx"), "--template", "none.docx"]
        assert main(args) == 2
        assert "no such template" in capsys.readouterr().err

    def test_missing_libreoffice_is_a_clear_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--pdf without LibreOffice says how to install it; the DOCX is still written."""
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(tmp_path / "no-soffice"))
        out = tmp_path / "ke-hoach.docx"
        assert main(["render", str(SEED_PLAN), "-o", str(out), "--pdf"]) == 1
        err = capsys.readouterr().err
        assert "LibreOffice" in err
        assert "install" in err
        assert out.exists()
        assert not out.with_suffix(".pdf").exists()


class TestTemplateCommand:
    def test_copies_the_shipped_template(self, tmp_path: Path) -> None:
        """`kh-tthc template -o` writes the template to restyle."""
        out = tmp_path / "mau.docx"
        assert main(["template", "-o", str(out)]) == 0
        assert out.read_bytes() == template_path("plan").read_bytes()

    def test_refuses_a_folder(self, tmp_path: Path) -> None:
        """The output must be a .docx file name."""
        assert main(["template", "-o", str(tmp_path)]) == 2
