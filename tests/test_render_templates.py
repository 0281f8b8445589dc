"""The shipped DOCX template: reproducible from its builder, in step with the context,
restylable, and clear errors for a template that cannot be used."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest
from attrs import evolve
from docx.shared import Pt
from docxtpl import DocxTemplate
from lxml import etree

from kh_tthc import (
    SourceUnreadable,
    TemplateError,
    copy_template,
    load_plan,
    plan_context,
    render_plan,
)
from kh_tthc.render import template_path
from kh_tthc.render.context import PLAN_FIELDS
from tests.conftest import ROOT, SEED_PLAN


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_templates", ROOT / "tools" / "build_templates.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def parts(path: Path) -> dict[str, bytes]:
    """Each zip member, XML ones in canonical form (attribute order, namespaces)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), method="c14n")
            out[name] = data
    return out


class TestBuild:
    def test_committed_template_equals_a_fresh_build(self, tmp_path: Path) -> None:
        """The template in the package is what tools/build_templates.py builds today;
        after changing the builder, run `make templates` and commit the result."""
        builder = load_builder()
        builder.main(["--out", str(tmp_path)])
        fresh = parts(tmp_path / "ke-hoach.docx")
        committed = parts(template_path("plan"))
        assert sorted(fresh) == sorted(committed)
        differing = [name for name in fresh if fresh[name] != committed[name]]
        assert differing == []

    def test_template_and_context_agree(self) -> None:
        """Every variable the template uses is in the context, and it uses them all."""
        ctx = plan_context(load_plan(SEED_PLAN))
        tpl = DocxTemplate(template_path("plan"))
        assert tpl.get_undeclared_template_variables(context=ctx) == set()
        assert (
            DocxTemplate(template_path("plan")).get_undeclared_template_variables() == PLAN_FIELDS
        )

    def test_each_jinja_tag_sits_in_one_run(self) -> None:
        """A tag split across Word runs breaks docxtpl: every w:t closes what it opens."""
        with zipfile.ZipFile(template_path("plan")) as z:
            xml = z.read("word/document.xml").decode()
        texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
        tags = [t for t in texts if "{" in t or "}" in t]
        assert len(tags) > 20
        for text in tags:
            assert text.count("{{") == text.count("}}"), text
            assert text.count("{%") == text.count("%}"), text


class TestRestyle:
    def test_restyled_copy_is_used(self, tmp_path: Path) -> None:
        """A copy restyled in Word (here: body text 13 pt) renders with its new style."""
        template = copy_template(tmp_path / "mine.docx")
        d = docx.Document(str(template))
        d.styles["KH Body"].font.size = Pt(13)
        d.save(str(template))
        out = render_plan(load_plan(SEED_PLAN), tmp_path / "out.docx", template=template)
        rendered = docx.Document(str(out))
        assert rendered.styles["KH Body"].font.size == Pt(13)
        body = [p for p in rendered.paragraphs if p.style is not None and p.style.name == "KH Body"]
        assert len(body) > 5

    def test_a_column_for_an_extra_field(self, tmp_path: Path) -> None:
        """A template with an added column can print a task's extra field (Task.extra),
        which the shipped one leaves out (docs/templates.md)."""
        template = copy_template(tmp_path / "mine.docx")
        d = docx.Document(str(template))
        table = d.tables[-1]
        table.add_column(Pt(60))
        table.rows[0].cells[-1].text = "Sản phẩm"
        for variant in (3, 5, 7):  # the group, subgroup and task rows of the loop
            table.rows[variant].cells[-1].text = '{{ row.extra.get("Sản phẩm", "") }}'
        d.save(str(template))
        plan = load_plan(SEED_PLAN)
        tasks = tuple(
            evolve(t, extra=(("Sản phẩm", "Báo cáo quý"),)) if str(t.number) == "2.5" else t
            for t in plan.tasks
        )
        out = render_plan(evolve(plan, tasks=tasks), tmp_path / "out.docx", template=template)
        rows = docx.Document(str(out)).tables[-1].rows
        products = {r.cells[0].text: r.cells[-1].text for r in rows[1:]}
        assert products["2.5"] == "Báo cáo quý"
        assert products["2.6"] == ""
        assert rows[0].cells[-1].text == "Sản phẩm"

    def test_copy_is_the_shipped_file(self, tmp_path: Path) -> None:
        """copy_template writes the shipped template byte for byte."""
        copy = copy_template(tmp_path / "mine.docx")
        assert copy.read_bytes() == template_path("plan").read_bytes()


def edited_template(tmp_path: Path, edit: str, text: str = "") -> Path:
    """A copy of the template with one paragraph added ("add") or the summary removed."""
    path = copy_template(tmp_path / f"{edit}.docx")
    d = docx.Document(str(path))
    if edit == "add":
        d.paragraphs[-1].insert_paragraph_before(text)
    else:
        (summary,) = [p for p in d.paragraphs if p.text == "{{ title }}"]
        summary._p.getparent().remove(summary._p)
    d.save(str(path))
    return path


class TestBadTemplates:
    def test_unknown_variable_is_named(self, tmp_path: Path) -> None:
        """A variable the renderer does not provide is named in the error."""
        template = edited_template(tmp_path, "add", "{{ so_van_ban }}")
        with pytest.raises(TemplateError, match="so_van_ban") as info:
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        assert info.value.unknown == ("so_van_ban",)
        assert info.value.missing == ()
        assert not (tmp_path / "x.docx").exists()

    def test_missing_variable_is_named(self, tmp_path: Path) -> None:
        """A template that drops a variable (its content would vanish) is refused."""
        template = edited_template(tmp_path, "remove")
        with pytest.raises(TemplateError, match="does not use title") as info:
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        assert info.value.missing == ("title",)

    def test_broken_tag_says_where(self, tmp_path: Path) -> None:
        """A tag with a syntax error is reported with the paragraph that holds it."""
        template = edited_template(tmp_path, "add", "Ghi chú {{ title }")
        with pytest.raises(TemplateError, match="broken Jinja tag") as info:
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        assert "Ghi chú {{ title }" in info.value.where
        assert "paragraph" in str(info.value)

    def test_bad_expression_says_where(self, tmp_path: Path) -> None:
        """A closed tag Jinja cannot parse is reported with its paragraph too."""
        template = edited_template(tmp_path, "add", "{{ title | khong_co_bo_loc }}")
        with pytest.raises(TemplateError, match="khong_co_bo_loc") as info:
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        assert "{{ title | khong_co_bo_loc }}" in info.value.where

    def test_unclosed_block_says_what_is_missing(self, tmp_path: Path) -> None:
        """An unclosed {%p if %} names the tag Jinja was looking for."""
        template = edited_template(tmp_path, "add", "{%p if title %}")
        with pytest.raises(TemplateError, match="endif"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)

    @pytest.mark.parametrize("content", [b"plain text", b"PK\x03\x04 broken zip", b""])
    def test_not_a_docx(self, tmp_path: Path, content: bytes) -> None:
        """A file that is not a Word document gets a plain message."""
        template = tmp_path / "t.docx"
        template.write_bytes(content)
        with pytest.raises(TemplateError, match="not a Word document"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)

    def test_a_zip_that_is_not_a_docx(self, tmp_path: Path) -> None:
        """A zip without Word's parts is not taken for a template."""
        template = tmp_path / "t.docx"
        with zipfile.ZipFile(template, "w") as z:
            z.writestr("hello.txt", "xin chào")
        with pytest.raises(TemplateError, match="not a Word document"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)

    def test_missing_template_file(self, tmp_path: Path) -> None:
        """A template path that does not exist is a file error, not a template error."""
        with pytest.raises(SourceUnreadable, match="no such template"):
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=tmp_path / "none.docx")

    def test_edited_template_is_rechecked(self, tmp_path: Path) -> None:
        """Fixing a template after an error works without restarting (no stale check)."""
        template = edited_template(tmp_path, "add", "{{ so_van_ban }}")
        with pytest.raises(TemplateError):
            render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        shutil.copyfile(template_path("plan"), template)
        render_plan(load_plan(SEED_PLAN), tmp_path / "x.docx", template=template)
        assert (tmp_path / "x.docx").exists()
