"""The one door out: no command overwrites its own input, a full disk loses nothing.

Issue "Hardening", items 1 (data loss with exit 0), 8 (disk full) and 10 (fsync, temporary
files left by a killed write).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kh_tthc import copy_template, load_plan, render_plan
from kh_tthc.cli import main
from kh_tthc.errors import OutputRefused, SourceUnreadable
from kh_tthc.io import output
from kh_tthc.io.output import check_output, write_output
from tests.conftest import SEED_PLAN
from tests.hostile.helpers import seed_files, snapshot


def _refused(code: int, capsys: pytest.CaptureFixture[str], name: str) -> None:
    err = capsys.readouterr().err
    assert code == 2
    assert "is an input of this command" in err
    assert name in err
    assert "Traceback" not in err


class TestOutputIsAnInput:
    def test_schedule_onto_its_plan(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`schedule plan.toml -o plan.toml` is refused and the plan kept byte for byte."""
        files = seed_files(tmp_path)
        before = snapshot(tmp_path)
        code = main(
            [
                "schedule",
                str(files["plan"]),
                "--as-of",
                "2025-10-01",
                "--format",
                "csv",
                "-o",
                str(files["plan"]),
            ]
        )
        _refused(code, capsys, "plan.toml")
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize("target", ["progress", "json", "previous"])
    def test_report_onto_an_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
    ) -> None:
        """`report` writing onto its plan, progress or previous file is refused."""
        files = seed_files(tmp_path)
        out = files[target]
        if target == "previous":
            out = out.with_suffix(".csv")
        before = snapshot(tmp_path)
        code = main(
            [
                "report",
                str(files["json"]),
                str(files["progress"]),
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-15",
                "--previous",
                str(files["previous"]),
                "-o",
                str(out),
            ]
        )
        _refused(code, capsys, out.name)
        assert snapshot(tmp_path) == before

    def test_render_onto_its_template(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`render -o my.docx --template my.docx` keeps the restyled template."""
        files = seed_files(tmp_path)
        template = copy_template(tmp_path / "my.docx")
        before = snapshot(tmp_path)
        code = main(
            ["render", str(files["plan"]), "-o", str(template), "--template", str(template)]
        )
        _refused(code, capsys, "my.docx")
        assert snapshot(tmp_path) == before

    def test_through_a_symlink_and_a_hard_link(self, tmp_path: Path) -> None:
        """An output that links to an input, by a symbolic or a hard link, is the input."""
        files = seed_files(tmp_path)
        soft = tmp_path / "soft.csv"
        soft.symlink_to(files["plan"])
        hard = tmp_path / "hard.csv"
        os.link(files["plan"], hard)
        for out in (soft, hard):
            with pytest.raises(OutputRefused, match="is an input"):
                check_output(out, inputs=[files["plan"]])

    def test_library_render_refuses_its_template(self, tmp_path: Path) -> None:
        """`render_plan(plan, t, template=t)` raises before touching the template."""
        template = copy_template(tmp_path / "t.docx")
        before = template.read_bytes()
        with pytest.raises(OutputRefused):
            render_plan(load_plan(SEED_PLAN), template, template=template)
        assert template.read_bytes() == before


class TestOverwritePolicy:
    def test_import_needs_force(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A plan file edited by hand is not replaced by `import` without --force."""
        files = seed_files(tmp_path)
        export = tmp_path / "export.csv"
        assert (
            main(
                [
                    "schedule",
                    str(files["plan"]),
                    "--as-of",
                    "2025-10-01",
                    "--format",
                    "csv",
                    "-o",
                    str(export),
                ]
            )
            == 0
        )
        capsys.readouterr()
        before = snapshot(tmp_path)
        code = main(["import", str(export), "-o", str(files["json"])])
        err = capsys.readouterr().err
        assert code == 2
        assert "--force" in err
        assert snapshot(tmp_path) == before

    def test_documents_are_replaced(self, tmp_path: Path) -> None:
        """An earlier output of `schedule -o` is replaced without asking."""
        files = seed_files(tmp_path)
        out = tmp_path / "agenda.json"
        out.write_text("old", encoding="utf-8")
        assert (
            main(
                [
                    "schedule",
                    str(files["plan"]),
                    "--as-of",
                    "2025-10-01",
                    "--format",
                    "json",
                    "-o",
                    str(out),
                ]
            )
            == 0
        )
        assert out.read_text(encoding="utf-8").startswith("[")


def _full_disk(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Simulate the kernel refusing a write for lack of space (ENOSPC)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, name, refuse)


class TestFullDisk:
    @pytest.mark.parametrize(
        "command",
        [
            ["render", "{plan}", "-o", "{out}.docx"],
            [
                "report",
                "{plan}",
                "{progress}",
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-15",
                "-o",
                "{out}.docx",
            ],
            [
                "report",
                "{plan}",
                "{progress}",
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-15",
                "-o",
                "{out}.json",
            ],
            ["schedule", "{plan}", "--as-of", "2025-10-01", "--format", "csv", "-o", "{out}.csv"],
            ["template", "-o", "{out}.docx"],
        ],
        ids=["render", "report-docx", "report-json", "schedule", "template"],
    )
    def test_enospc_keeps_the_previous_file(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        command: list[str],
    ) -> None:
        """A full disk: exit 2, one line saying so, the previous output intact, no temp file."""
        files = seed_files(tmp_path)
        out = str(tmp_path / "out")
        argv = [a.format(plan=files["plan"], progress=files["progress"], out=out) for a in command]
        previous = Path(argv[-1])
        previous.write_bytes(b"the previous output")
        before = snapshot(tmp_path)
        _full_disk(monkeypatch, "fsync")
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2
        assert "the disk is full" in err
        assert "Traceback" not in err
        assert snapshot(tmp_path) == before

    def test_enospc_while_writing_bytes(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ENOSPC from write() itself is our error and leaves nothing behind."""
        _full_disk(monkeypatch, "write")
        with pytest.raises(SourceUnreadable, match="the disk is full"):
            write_output(tmp_path / "a.txt", "text")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.usefixtures("soffice")
    def test_render_pdf_on_a_full_disk(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`render --pdf`: the PDF copy fails for lack of space; exit 2, no PDF, no temp file."""
        files = seed_files(tmp_path)

        def copy(src: object, dst: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("kh_tthc.render.pdf.shutil.copyfile", copy)
        code = main(["render", str(files["plan"]), "-o", str(tmp_path / "k.docx"), "--pdf"])
        err = capsys.readouterr().err
        assert code == 2
        assert "the disk is full" in err
        assert not (tmp_path / "k.pdf").exists()
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_real_small_tmpfs(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """On a 16 KiB tmpfs the rendered plan does not fit: exit 2, the folder as it was."""
        mount = tmp_path / "small"
        mount.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here")
        try:
            (mount / "ke-hoach.docx").write_bytes(b"previous")
            before = snapshot(mount)
            code = main(["render", str(SEED_PLAN), "-o", str(mount / "ke-hoach.docx")])
            err = capsys.readouterr().err
            assert code == 2
            assert "the disk is full" in err
            assert snapshot(mount) == before
        finally:
            subprocess.run(["umount", str(mount)], check=False)


class TestDurability:
    def test_fsync_of_file_before_and_folder_after_the_rename(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The file is flushed before it replaces the target, the folder after."""
        events: list[str] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            events.append("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
            real_fsync(fd)

        def replace(a: str, b: str) -> None:
            events.append("replace")
            real_replace(a, b)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        write_output(tmp_path / "a.txt", "text")
        assert events == ["fsync-file", "replace", "fsync-dir"]

    def test_a_killed_write_is_cleaned_up(self, tmp_path: Path) -> None:
        """A temporary file of a write whose process died is removed by the next write."""
        dead = subprocess.run(["true"], check=True)  # a process id that no longer runs
        assert dead.returncode == 0
        pid = subprocess.Popen(["true"])
        pid.wait()
        stale = tmp_path / f".out.txt.{pid.pid}.abc123.tmp"
        stale.write_bytes(b"")
        alive = tmp_path / f".out.txt.{os.getpid()}.def456.tmp"
        alive.write_bytes(b"")
        other = tmp_path / f".other.txt.{pid.pid}.abc123.tmp"
        other.write_bytes(b"")
        write_output(tmp_path / "out.txt", "text")
        names = {p.name for p in tmp_path.iterdir()}
        assert stale.name not in names
        assert {alive.name, other.name, "out.txt"} <= names

    def test_temporary_names_are_recognisable(self, tmp_path: Path) -> None:
        """While a write runs, its temporary file is ``.name.<pid>.<random>.tmp`` beside it."""
        with output.output_path(tmp_path / "x.docx") as tmp:
            assert tmp.parent == tmp_path
            assert tmp.name.startswith(f".x.docx.{os.getpid()}.")
            assert tmp.name.endswith(".tmp")
            shutil.copyfile(SEED_PLAN, tmp)
        assert (tmp_path / "x.docx").read_bytes() == SEED_PLAN.read_bytes()


class TestUnwritableText:
    def test_lone_surrogate_from_python(self, tmp_path: Path) -> None:
        """A plan built in Python with "\\ud800" is refused by the writer, nothing written."""
        from attrs import evolve

        from kh_tthc import PlanFileError, dump_plan

        plan = load_plan(SEED_PLAN)
        # The model refuses it when built (issue 12, checked construction)...
        with pytest.raises(ValueError, match=r"Plan.title: .*lone surrogate \(U\+D800\)"):
            evolve(plan, title="x\ud800")
        # ...and the writer still refuses text that got in behind the model's back.
        object.__setattr__(plan, "title", "x\ud800")
        with pytest.raises(PlanFileError, match=r"lone surrogate \(U\+D800\)"):
            dump_plan(plan, tmp_path / "p.json")
        assert list(tmp_path.iterdir()) == []
