"""Docstring examples and the Markdown docs are executable and must stay true."""

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


@pytest.mark.parametrize("name", ["kh_tthc", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_examples(path: Path) -> None:
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0


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
