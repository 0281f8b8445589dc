"""Hostile workbooks are refused before openpyxl parses them, quickly and with a reason."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import KhTthcError, SourceRejected, UnsafeSource
from kh_tthc.importing.package import MAX_XML_PART_BYTES
from kh_tthc.importing.rows import MAX_ROWS
from kh_tthc.importing.xlsx import import_xlsx
from tests.fixtures_xlsx import two_row_header_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _rewrite(source: Path, target: Path, changes: dict[str, bytes]) -> Path:
    """A copy of the workbook with some parts replaced or added."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = changes.pop(info.filename, None)
            zout.writestr(info.filename, zin.read(info) if data is None else data)
        for name, data in changes.items():
            zout.writestr(name, data)
    return target


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return two_row_header_xlsx(tmp_path / "ok.xlsx", second_sheet=False)


def _sheet(book: Path) -> bytes:
    with zipfile.ZipFile(book) as zf:
        return zf.read(SHEET)


def test_doctype_in_a_sheet(book: Path, tmp_path: Path) -> None:
    """A sheet declaring entities (the billion-laughs shape) is refused unparsed."""
    xml = _sheet(book).replace(
        b"<worksheet",
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet',
        1,
    )
    with pytest.raises(UnsafeSource, match="DOCTYPE"):
        import_xlsx(_rewrite(book, tmp_path / "bad.xlsx", {SHEET: xml}))


def test_external_entity_in_shared_strings(book: Path, tmp_path: Path) -> None:
    """An external entity in any part is refused, not only in sheets."""
    xml = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst/>'
    with pytest.raises(UnsafeSource, match="DOCTYPE"):
        import_xlsx(_rewrite(book, tmp_path / "bad.xlsx", {"xl/sharedStrings.xml": xml}))


def test_zip_bomb_part(book: Path, tmp_path: Path) -> None:
    """A part that unpacks past the XML limit is refused by its declared size."""
    bomb = b"<worksheet>" + b" " * (MAX_XML_PART_BYTES + 1) + b"</worksheet>"
    with pytest.raises(UnsafeSource, match="limit for one XML part"):
        import_xlsx(_rewrite(book, tmp_path / "bomb.xlsx", {SHEET: bomb}))


@pytest.mark.parametrize(
    ("count", "reason"),
    [(1_000_000, "more than the 16 MiB limit"), (100_000, f"more than {MAX_ROWS} table rows")],
)
def test_a_million_rows(book: Path, tmp_path: Path, count: int, reason: str) -> None:
    """A sheet of a million rows is refused by its size, one of a hundred thousand (small
    enough) by counting its rows; both before openpyxl."""
    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, count + 1))
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><dimension ref="A1:E1000000"/><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )
    with pytest.raises(UnsafeSource, match=reason):
        import_xlsx(_rewrite(book, tmp_path / "rows.xlsx", {SHEET: xml}))


def test_utf16_part(book: Path, tmp_path: Path) -> None:
    """XML in UTF-16 could hide a DOCTYPE from the byte scan: refused."""
    xml = _sheet(book).decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    with pytest.raises(UnsafeSource, match="encoding"):
        import_xlsx(_rewrite(book, tmp_path / "u16.xlsx", {SHEET: xml.encode("utf-16")}))


def test_external_links_are_not_followed(book: Path, tmp_path: Path) -> None:
    """A workbook linking to another one imports, with a warning that the link is ignored."""
    link = (
        b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>'
    )
    path = _rewrite(book, tmp_path / "link.xlsx", {"xl/externalLinks/externalLink1.xml": link})
    result = import_xlsx(path)
    assert len(result.plan.tasks) == 5
    assert any("other workbook" in w.message for w in result.warnings)


def test_not_a_zip(tmp_path: Path) -> None:
    """Text named .xlsx is not a workbook, and an old .xls is named as such."""
    path = tmp_path / "x.xlsx"
    path.write_text("STT,Nhiệm vụ\n", encoding="utf-8")
    with pytest.raises(SourceRejected, match="not a zip"):
        import_xlsx(path)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(SourceRejected, match=r"\.xls must be saved as \.xlsx"):
        import_xlsx(path)


def test_a_word_document_is_not_a_workbook(tmp_path: Path) -> None:
    """A .docx renamed .xlsx is refused with a reason, not a traceback."""
    from tests.fixtures_docx import seed_docx

    path = seed_docx(tmp_path / "p.docx").rename(tmp_path / "p.xlsx")
    with pytest.raises(SourceRejected, match="Excel workbook"):
        import_xlsx(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=4000))
def test_damaged_workbooks_raise_only_library_errors(noise: bytes, at: int) -> None:
    """A workbook with bytes overwritten raises a KhTthcError or imports; nothing else."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        good = two_row_header_xlsx(Path(tmp, "ok.xlsx"), second_sheet=False)
        data = bytearray(good.read_bytes())
        at = at % len(data)
        data[at : at + len(noise)] = noise
        bad = Path(tmp, "bad.xlsx")
        bad.write_bytes(bytes(data))
        with contextlib.suppress(KhTthcError):
            import_xlsx(bad)


def test_helper_really_rewrites(book: Path, tmp_path: Path) -> None:
    """The rewriting helper replaces the part (so the tests above test what they say)."""
    out = _rewrite(book, tmp_path / "c.xlsx", {SHEET: b"<x/>"})
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as zf:
        assert zf.read(SHEET) == b"<x/>"
