"""Every broken fixture of tests/test_check.py, opened and saved again by LibreOffice (as a
clerk who drafts in LibreOffice would), gives the same findings: the check reads what the
document says, not how one program happened to write it.

All the fixtures are resaved in one LibreOffice run (starting it costs most of the time),
and every rule in ``BREAKS`` is covered, the rules added later included.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from kh_tthc.check import check_document
from kh_tthc.soffice import convert_many
from tests.needs import need
from tests.test_check import BREAKS, _broken, _rules, rendered

__all__ = ["rendered"]  # the fixture the module-scoped ones below build on


@pytest.fixture(scope="module")
def broken(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Rule → the fixture broken in that one way."""
    folder = tmp_path_factory.mktemp("broken")
    return {rule: _broken(rendered, rule, folder) for rule in BREAKS}


@pytest.fixture(scope="module")
def resaved(broken: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Rule → its broken fixture as LibreOffice saves it again as Word 2007 XML."""
    need("soffice")
    folder = tmp_path_factory.mktemp("resaved")
    sources = list(broken.values())
    with convert_many(sources, "docx:MS Word 2007 XML", timeout=900) as produced:
        for source, out in produced.items():
            shutil.copyfile(out, folder / source.name)
    return {rule: folder / path.name for rule, path in broken.items()}


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_resaved_gives_the_same_findings(
    broken: dict[str, Path], resaved: dict[str, Path], rule: str, soffice: None
) -> None:
    """LibreOffice's rewrite of a fixture broken in one way is flagged with the same rules
    as the fixture itself: that rule, and no other error."""
    with zipfile.ZipFile(resaved[rule]) as package:  # really LibreOffice's own writing
        assert b"<Application>LibreOffice" in package.read("docProps/app.xml")
    before = _rules(check_document(broken[rule]))
    after = _rules(check_document(resaved[rule]))
    assert rule in after[1]
    assert after == before
