"""Docstring examples and the Markdown docs are executable and must stay true.

The Markdown examples run in a temporary folder (with the repository's ``examples/``
linked into it), so that an example saving ``out/ke-hoach.docx`` leaves nothing behind in
the checkout. A module or document with no example at all must be listed below as such:
a test that runs nothing cannot pass by accident.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import kh_tthc
from tests.conftest import ROOT

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(kh_tthc.__path__, prefix="kh_tthc.")
    if "cli" not in m.name
)
DOCS = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]

#: Modules with no docstring example: plumbing (files, processes, re-exports) whose
#: behaviour the tests show better. A module not listed here must have examples.
NO_EXAMPLES = {
    "kh_tthc.deadline",
    "kh_tthc.forms",
    "kh_tthc.forms.collect",
    "kh_tthc.importing",
    "kh_tthc.importing.csv",
    "kh_tthc.importing.docx",
    "kh_tthc.importing.errors",
    "kh_tthc.importing.package",
    "kh_tthc.importing.xlsx",
    "kh_tthc.portfolio",
    "kh_tthc.portfolio.dashboard",
    "kh_tthc.portfolio.letter",
    "kh_tthc.portfolio.summary",
    "kh_tthc.io",
    "kh_tthc.io.atomic",
    "kh_tthc.render",
    "kh_tthc.render.pdf",
    "kh_tthc.render.sandbox",
    "kh_tthc.render.styles",
    "kh_tthc.soffice",
    # Rule modules whose examples live in their tests and docs pages for now (the phrase
    # table is run entry by entry in test_deadline.py; rows and numbering in
    # test_import_tasks.py and test_import_office.py): docstring examples still to write.
    "kh_tthc.deadline.phrases",
    "kh_tthc.importing.rows",
    "kh_tthc.importing.tasks",
    "kh_tthc.importing.word_numbering",
}
#: Documents that explain rather than show: no runnable example expected. The API
#: reference pages are stubs that mkdocstrings fills from the docstrings.
DOCS_WITHOUT_EXAMPLES = {"design.md", "performance.md", "testing.md", "security.md"}


def _explains(path: Path) -> bool:
    return path.name in DOCS_WITHOUT_EXAMPLES or path.parent.name == "reference"


_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", ["kh_tthc", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=_FLAGS)
    assert result.failed == 0
    if name in NO_EXAMPLES:
        assert result.attempted == 0, f"{name} has examples now: take it off NO_EXAMPLES"
    else:
        assert result.attempted > 0, f"{name} has no docstring example"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder that sees the repository's examples, read only."""
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_examples(path: Path, scratch: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=_FLAGS)
    assert result.failed == 0
    if _explains(path):
        assert result.attempted == 0, f"{path.name} has examples now: take it off the list"
    else:
        assert result.attempted > 0, f"{path.name} has no runnable example"
    if path.name == "templates.md":  # it saves files: into the scratch folder
        assert sorted(p.name for p in (scratch / "out").iterdir()) == [
            "ke-hoach-13pt.docx",
            "mau-ke-hoach.docx",
        ]


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_has_a_page_per_public_module() -> None:
    """docs/reference/ is what tools/build_reference.py writes for today's modules."""
    wanted = _tool("build_reference").pages()
    folder = ROOT / "docs" / "reference"
    have = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert have == wanted, "run: .venv/bin/python tools/build_reference.py"
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    missing = [name for name in wanted if f"reference/{name}" not in nav]
    assert missing == [], "add these pages to mkdocs.yml's nav"


def test_reference_shows_doctest_examples_as_code() -> None:
    module = _tool("griffe_doctest")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
