"""The decree's samples pass the check: a kế hoạch and a báo cáo laid out as Mẫu 1.4 and a
công văn as Mẫu 1.5 (tests/fixtures_nd30.py, built with python-docx, not the library's
renderer) have no error, their kind is recognised, and so after LibreOffice resaved them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from kh_tthc.check import check_document, detect_kind
from kh_tthc.check.engine import _paragraphs
from kh_tthc.cli import main
from kh_tthc.soffice import convert_many
from tests.fixtures_nd30 import bao_cao, cong_van, ke_hoach
from tests.needs import need

SAMPLES: dict[str, Callable[[Path], Path]] = {"KH": ke_hoach, "BC": bao_cao, "CV": cong_van}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    return {kind: build(folder / f"{build.__name__}.docx") for kind, build in SAMPLES.items()}


@pytest.fixture(scope="module")
def resaved(samples: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The samples as LibreOffice saves them again (one run for the three)."""
    need("soffice")
    folder = tmp_path_factory.mktemp("resaved")
    with convert_many(list(samples.values()), "docx:MS Word 2007 XML", timeout=600) as out:
        for source, path in out.items():
            shutil.copyfile(path, folder / source.name)
    return {kind: folder / path.name for kind, path in samples.items()}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_sample_has_no_error(samples: dict[str, Path], kind: str) -> None:
    """A document laid out as the decree's sample has no error, checked as its own kind
    and as the kind recognised from it."""
    errors = [str(f) for f in check_document(samples[kind]) if f.is_error]
    assert errors == []
    assert check_document(samples[kind], kind=kind) == check_document(samples[kind])


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_kind_is_recognised(samples: dict[str, Path], kind: str) -> None:
    """``--kind auto`` recognises a KH and a BC by their type name, a CV by its symbol."""
    assert detect_kind(docx.Document(str(samples[kind]))) == kind


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_command_passes_the_sample(
    samples: dict[str, Path], kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kh-tthc check`` exits 0 for each sample."""
    assert main(["check", str(samples[kind])]) == 0
    assert "error" not in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_sample_says_it_is_illustrative(samples: dict[str, Path], kind: str) -> None:
    """Invented content says so in its own text."""
    texts = [p.text for p in _paragraphs(docx.Document(str(samples[kind])).element.body)]
    assert any("minh họa" in t for t in texts)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_resaved_sample_has_no_error(resaved: dict[str, Path], kind: str, soffice: None) -> None:
    """The samples as LibreOffice rewrites them still have no error, and the same kind."""
    assert [str(f) for f in check_document(resaved[kind]) if f.is_error] == []
    assert detect_kind(docx.Document(str(resaved[kind]))) == kind


def test_samples_break_when_broken(samples: dict[str, Path], tmp_path: Path) -> None:
    """The samples are checked for real: the kế hoạch with its date's day unpadded is
    flagged."""
    doc = docx.Document(str(samples["KH"]))
    for p in _paragraphs(doc.element.body):
        for t in p.el.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            t.text = (t.text or "").replace("ngày 05 tháng", "ngày 5 tháng")
    doc.save(str(tmp_path / "kh.docx"))
    assert {f.rule for f in check_document(tmp_path / "kh.docx") if f.is_error} == {"date-padding"}
