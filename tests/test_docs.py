"""Docstring examples and the Markdown docs are executable and must stay true.

The Markdown examples run in a temporary folder (with the repository's ``examples/``
linked into it), so that an example saving ``out/ke-hoach.docx`` leaves nothing behind in
the checkout. A module or document with no example at all must be listed below as such:
a test that runs nothing cannot pass by accident.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import kh_tthc
from tests.conftest import ROOT

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(kh_tthc.__path__, prefix="kh_tthc.")
    if "cli" not in m.name
)
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]

#: Modules with no docstring example: plumbing (files, processes, re-exports) whose
#: behaviour the tests show better. A module not listed here must have examples.
NO_EXAMPLES = {
    "kh_tthc.io",
    "kh_tthc.io.atomic",
    "kh_tthc.io.csv_import",
    "kh_tthc.io.docx_import",
    "kh_tthc.io.source",
    "kh_tthc.render",
    "kh_tthc.render.pdf",
    "kh_tthc.render.styles",
    "kh_tthc.soffice",
    "kh_tthc.validate",
}
#: Documents that explain rather than show: no runnable example expected.
DOCS_WITHOUT_EXAMPLES = {"design.md", "performance.md", "import.md", "testing.md"}

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


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_markdown_examples(path: Path, scratch: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=_FLAGS)
    assert result.failed == 0
    if path.name in DOCS_WITHOUT_EXAMPLES:
        assert result.attempted == 0, f"{path.name} has examples now: take it off the list"
    else:
        assert result.attempted > 0, f"{path.name} has no runnable example"
    if path.name == "templates.md":  # it saves files: into the scratch folder
        assert sorted(p.name for p in (scratch / "out").iterdir()) == [
            "ke-hoach-13pt.docx",
            "mau-ke-hoach.docx",
        ]
