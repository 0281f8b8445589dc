"""Templates are code from others: sandboxed, bounded, and every failure our error.

Issue "Hardening", items 2 (a template ran a shell command), 3 (memory, crashes,
include/extends/import, zip bomb, /dev/zero) and 7 (a FIFO as template).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from kh_tthc import TemplateError, copy_template, load_plan, render_plan
from kh_tthc.cli import main
from kh_tthc.errors import SourceUnreadable
from tests.conftest import SEED_PLAN
from tests.hostile.helpers import assert_clean_failure, run_cli, snapshot

_BODY = "<w:body>"


def template_with(folder: Path, tag: str, name: str = "evil.docx") -> Path:
    """The shipped template with one more paragraph, holding ``tag``, at the top."""
    base = copy_template(folder / "base.docx")
    out = folder / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                paragraph = f"<w:p><w:r><w:t>{escape(tag)}</w:t></w:r></w:p>"
                text = text.replace(_BODY, _BODY + paragraph, 1)
                data = text.encode("utf-8")
            dst.writestr(info, data)
    base.unlink()
    return out


EVIL = {
    "popen": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'PWNED']) }}{% endif %}{% endfor %}",
    "globals": "{{ self.__init__.__globals__['os'].system('touch PWNED') }}",
    "huge-range": "{% for x in range(10**9) %}x{% endfor %}",
    "nested-ranges": "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}"
    "{% endfor %}",
    "repeat": "{{ title*400000000 }}",
    "power": "{{ 9**99999999 }}",
    "center": "{{ title|center(999999999) }}",
    "format": "{{ '%999999999s'|format(title) }}",
    "str-format": "{{ '{:>999999999}'.format(title) }}",
    "recursion": "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "include": "{% include 'other.xml' %}",
    "extends": "{% extends 'base.xml' %}",
    "import": "{% import 'macros.xml' as m %}",
    "from-import": "{% from 'macros.xml' import m %}",
    "zero-division": "{{ 1/0 }}",
    "undefined": "{{ nothing.at.all }}",
    "namespace-growth": "{% set ns = namespace(s='xxxxxxxxxx') %}"
    "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
}


class TestSandbox:
    @pytest.mark.parametrize("name", sorted(EVIL))
    def test_evil_template_is_a_template_error(self, tmp_path: Path, name: str) -> None:
        """Each hostile template ends in a TemplateError naming the template; nothing runs."""
        template = template_with(tmp_path, EVIL[name])
        out = tmp_path / "out.docx"
        with pytest.raises(TemplateError) as caught:
            render_plan(load_plan(SEED_PLAN), out, template=template)
        assert str(template) in str(caught.value)
        assert not out.exists()
        assert not (tmp_path / "PWNED").exists()
        assert not Path("PWNED").exists()

    def test_cli_exit_1_one_line_no_traceback(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`render --template` with a template that divides by zero: exit 1, the place named."""
        template = template_with(tmp_path, "Số {{ 1/0 }}")
        before = snapshot(tmp_path)
        code = main(
            ["render", str(SEED_PLAN), "-o", str(tmp_path / "o.docx"), "--template", str(template)]
        )
        err = capsys.readouterr().err
        assert code == 1
        assert "ZeroDivisionError" in err
        assert "Số" in err  # the paragraph's text locates the tag
        assert len([line for line in err.splitlines() if line.startswith("kh-tthc:")]) == 1
        assert "Traceback" not in err
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize("name", ["include", "extends", "import"])
    def test_loader_tags_say_why(self, tmp_path: Path, name: str) -> None:
        """include/extends/import: "not allowed: a kh-tthc template is a single file"."""
        template = template_with(tmp_path, EVIL[name])
        with pytest.raises(TemplateError, match="not allowed: a kh-tthc template is a single"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "o.docx", template=template)

    def test_a_harmless_template_still_renders(self, tmp_path: Path) -> None:
        """Loops, filters and arithmetic within bounds work as before."""
        template = template_with(
            tmp_path, "{% for i in range(3) %}{{ i * 2 }}{% endfor %} {{ title|upper|length }}"
        )
        out = render_plan(load_plan(SEED_PLAN), tmp_path / "o.docx", template=template)
        with zipfile.ZipFile(out) as z:
            assert "024" in z.read("word/document.xml").decode("utf-8")


def _bomb(path: Path, parts: int, mib: int) -> Path:
    """A DOCX-looking zip of ``parts`` members, each unpacking to ``mib`` MiB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for index in range(parts):
            name = "word/document.xml" if index == 0 else f"word/media/part{index}.xml"
            with z.open(name, "w", force_zip64=True) as member:
                for _ in range(mib):
                    member.write(b"\0" * (1 << 20))
    path.write_bytes(buffer.getvalue())
    return path


class TestTemplateFile:
    @pytest.mark.parametrize(
        ("parts", "mib", "message"),
        [(1, 300, "that unpacks to 300 MiB"), (10, 8, "would unpack to 80.0 MiB")],
        ids=["one-part", "many-parts"],
    )
    def test_zip_bomb_refused_before_unpacking(
        self, tmp_path: Path, parts: int, mib: int, message: str
    ) -> None:
        """A template of under 1 MiB that would unpack to 80–300 MiB is refused unopened."""
        bomb = _bomb(tmp_path / "bomb.docx", parts, mib)
        assert bomb.stat().st_size < 1024 * 1024
        with pytest.raises(TemplateError, match=message):
            render_plan(load_plan(SEED_PLAN), tmp_path / "o.docx", template=bomb)

    def test_symlink_to_dev_zero(self, tmp_path: Path) -> None:
        """`--template` naming a symlink to /dev/zero is refused: a device, not a file."""
        link = tmp_path / "zero.docx"
        link.symlink_to("/dev/zero")
        with pytest.raises(SourceUnreadable, match="is a device"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "o.docx", template=link)

    def test_fifo_template_does_not_hang(self, tmp_path: Path) -> None:
        """A named pipe as template: refused at once, exit 2 (a hang fails by timeout)."""
        fifo = tmp_path / "t.docx"
        os.mkfifo(fifo)
        done = run_cli("render", SEED_PLAN, "-o", tmp_path / "o.docx", "--template", fifo)
        assert done.returncode == 2
        assert "named pipe" in done.stderr
        assert_clean_failure(done.stderr)
        assert not (tmp_path / "o.docx").exists()
