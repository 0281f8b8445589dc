"""The office-package checks one rule at a time: each limit at its edge, each refusal with
its exact message and file, and the XML encodings told apart by their first characters.

The packages are built here in memory, a few bytes per part (the parts are illustrative,
no agency's); a part's size as its zip entry declares it is written into the zip's
central directory where a test needs a large declared size, since the checks read it
from there before unpacking anything.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import pytest

from kh_tthc import SourceRejected, UnsafeSource
from kh_tthc.importing import package
from kh_tthc.importing.package import check_package

PATH = Path("ke-hoach.docx")
#: A table row in WordprocessingML, as the Word reader gives it.
ROWS = re.compile(rb"<w:tr[\s>/]")
MIB = 1024 * 1024
#: The size of the pieces the check reads a part in (package._CHUNK).
CHUNK = 1024 * 1024
DOC = "word/document.xml"
W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'


def _zip(*parts: tuple[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in parts:
            zf.writestr(name, data)
    return buf.getvalue()


def _declare(data: bytes, name: str, size: int) -> bytes:
    """The package with ``name``'s uncompressed size declared as ``size`` in the central
    directory (what ``ZipFile.infolist`` reads), its content unchanged."""
    out = bytearray(data)
    at = out.rfind(b"PK\x01\x02", 0, out.rfind(name.encode()))
    out[at + 24 : at + 28] = size.to_bytes(4, "little")
    return bytes(out)


def _check(data: bytes, *, max_rows: int = 10, **kwargs: object) -> None:
    check_package(PATH, data, rows=ROWS, max_rows=max_rows, **kwargs)  # type: ignore[arg-type]


def _refusal(data: bytes, error: type[SourceRejected] = UnsafeSource, **kwargs: object) -> str:
    with pytest.raises(error) as info:
        _check(data, **kwargs)
    assert type(info.value) is error
    assert info.value.path == PATH
    return info.value.problem.message


def _rows(n: int) -> bytes:
    return b"<w:tr><w:tc/></w:tr>" * n


class TestParts:
    @staticmethod
    @functools.cache
    def _many(n: int) -> bytes:
        return _zip(*((f"word/media/p{i}.bin", b"x") for i in range(n)))

    def test_a_thousand_parts_pass(self) -> None:
        _check(self._many(1000))

    def test_one_more_is_refused(self) -> None:
        assert _refusal(self._many(1001)) == "has 1001 parts, more than 1000"


class TestUnpackedSize:
    def test_declared_past_the_limit(self) -> None:
        """201 MiB declared by one picture: refused by the declaration, nothing read."""
        data = _declare(
            _zip(("word/media/image1.png", b"\x89PNG")), "word/media/image1.png", 201 * MIB
        )
        assert _refusal(data) == (
            "would unpack to 201 MiB, more than the 200 MiB limit (a zip bomb?)"
        )

    def test_declared_exactly_the_limit_passes(self) -> None:
        # Declared larger than it is: zipfile reads what is there (its CRC is right).
        png = _zip(("word/media/image1.png", b"\x89PNG"))
        _check(_declare(png, "word/media/image1.png", 200 * MIB))

    def test_sizes_rounded_in_the_message(self) -> None:
        """16.51 MiB shows as 17 MiB: MiB are 1024 * 1024 bytes, rounded to the nearest."""
        size = 17_311_989  # 16.51 MiB
        data = _declare(_zip((DOC, W + b"</w:document>")), DOC, size)
        assert _refusal(data) == (
            f"part {DOC} would unpack to 17 MiB, more than the 16 MiB limit for one XML part"
        )

    def test_unpacked_exactly_at_a_lowered_limit_passes(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Parts that together hold exactly the limit, declared and read, pass."""
        monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 100)
        _check(_zip(("a.bin", b"a" * 60), ("b.bin", b"b" * 40)))

    def test_damaged_part_after_the_first_piece_read(self) -> None:
        """A picture is read to its end, so damage past the first MiB is found."""
        body = b"\x89PNG" + b"\x00" * (CHUNK + 1000)
        data = bytearray(_zip(("word/media/image1.png", body)))
        data[data.index(b"\x89PNG") + CHUNK + 500] = 0xFF
        reason = _refusal(bytes(data), SourceRejected)
        assert reason == (
            "is damaged or not a .docx file (Bad CRC-32 for file 'word/media/image1.png')"
        )

    def test_damage_named_with_the_kind(self) -> None:
        assert _refusal(b"PK\x03\x04 not a zip", SourceRejected, kind=".xlsx") == (
            "is damaged or not a .xlsx file (File is not a zip file)"
        )


class TestXmlPartSize:
    def test_exactly_the_limit_passes(self) -> None:
        _check(_declare(_zip((DOC, W + b"</w:document>")), DOC, 16 * MIB))

    def test_one_byte_more_is_refused(self) -> None:
        data = _declare(_zip((DOC, W + b"</w:document>")), DOC, 16 * MIB + 1)
        assert _refusal(data) == (
            f"part {DOC} would unpack to 16 MiB, more than the 16 MiB limit for one XML part"
        )

    def test_a_picture_has_no_xml_limit(self) -> None:
        png = _zip(("word/media/image1.png", b"\x89PNG"))
        _check(_declare(png, "word/media/image1.png", 17 * MIB))


class TestDeclarations:
    def test_doctype_alone(self) -> None:
        xml = b'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://x/d.dtd">' + W
        assert _refusal(_zip((DOC, xml))) == (
            f"part {DOC} declares a DOCTYPE or entities, which office suites never write; "
            "refused so that no external entity is read"
        )

    def test_entity_alone(self) -> None:
        xml = W + b'<!ENTITY a "aaaa"></w:document>'
        assert "declares a DOCTYPE or entities" in _refusal(_zip((DOC, xml)))

    def test_after_a_byte_order_mark_and_blank_lines(self) -> None:
        for head in (b"\xef\xbb\xbf", b"\r\n  \t"):
            xml = head + b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'
            assert "declares a DOCTYPE" in _refusal(_zip(("word/styles.xml", xml)))

    def test_across_the_pieces_read(self) -> None:
        """A DOCTYPE cut by the 1 MiB pieces the part is read in is still seen."""
        pad = W + b" " * (CHUNK - len(W) - 4)
        xml = pad + b"<!DOCTYPE x><x/>"
        assert xml.index(b"<!DOCTYPE") == CHUNK - 4
        assert "declares a DOCTYPE" in _refusal(_zip((DOC, xml)))

    def test_in_the_second_piece(self) -> None:
        xml = W + b" " * CHUNK + b'<!ENTITY a "b"></w:document>'
        assert "declares a DOCTYPE" in _refusal(_zip((DOC, xml)))

    def test_not_looked_for_in_pictures(self) -> None:
        """A picture's bytes may spell "<!ENTITY": only XML parts are refused for it."""
        _check(_zip(("word/media/image1.png", b'\x89PNG<!ENTITY a "b"><!DOCTYPE')))

    def test_lower_case_is_no_declaration(self) -> None:
        # XML keywords are case-sensitive: "<!doctype" is not a DOCTYPE declaration.
        _check(_zip((DOC, W + b"<w:t>&lt;!doctype &lt;!entity</w:t><!--<!doctype--></w:document>")))

    @pytest.mark.xfail(
        strict=True,
        reason="a part starting with 1 MiB of blanks is not seen as XML, so its DOCTYPE is "
        "not looked for; lxml parses such a part and expands its entities",
    )
    def test_after_a_mebibyte_of_blanks(self) -> None:
        xml = b" " * CHUNK + b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
        with pytest.raises(UnsafeSource):
            _check(_zip((DOC, xml)))


class TestEncodings:
    WIDE = f"part {DOC} is XML in an encoding other than UTF-8, which office suites never write"

    @pytest.mark.parametrize(
        "head",
        [
            "<?xml".encode("utf-16"),  # with its byte-order mark
            "<?xml".encode("utf-16-le"),
            "<?xml".encode("utf-16-be"),
            "<?xml".encode("utf-32"),
            "<?xml".encode("utf-32-le"),
            "<?xml".encode("utf-32-be"),
            "<!DOCTYPE x>".encode("utf-16-le"),  # "!" the first character after "<"
            "<~".encode("utf-16-le"),  # "~" the last
            "<?xml".encode("cp500"),  # EBCDIC
        ],
        ids=["u16", "u16le", "u16be", "u32", "u32le", "u32be", "bang", "tilde", "ebcdic"],
    )
    def test_wide_xml_is_refused(self, head: bytes) -> None:
        assert _refusal(_zip((DOC, head + b"\x00" * 8))) == self.WIDE

    @pytest.mark.parametrize(
        "head",
        [
            "ab".encode("utf-16-le"),  # text, no "<"
            "< x".encode("utf-16-le"),  # a space after "<": no XML starts so
            "<\x7f".encode("utf-16-le"),  # DEL after "<"
            "<\u00e9".encode("utf-16-le"),  # a letter outside ASCII
        ],
        ids=["text", "space", "del", "e-acute"],
    )
    def test_other_two_byte_heads_pass(self, head: bytes) -> None:
        _check(_zip(("word/media/item.bin", head)))

    @pytest.mark.parametrize("name", ["UTF-8", "utf8", "US-ASCII", "ISO-8859-1", "windows-1252"])
    def test_declared_ascii_compatible_encodings_pass(self, name: str) -> None:
        xml = f'<?xml version="1.0" encoding="{name}" standalone="yes"?>'.encode() + W
        _check(_zip((DOC, xml + b"</w:document>")))

    def test_declared_utf16_in_utf8_bytes(self) -> None:
        xml = b'<?xml version="1.0" encoding="UTF-16"?>' + W + b"</w:document>"
        assert _refusal(_zip((DOC, xml))) == f"part {DOC} declares the encoding 'UTF-16', not UTF-8"


class TestRows:
    def test_exactly_the_most_rows_pass(self) -> None:
        _check(_zip((DOC, W + _rows(3) + b"</w:document>")), max_rows=3)

    def test_one_more_is_refused(self) -> None:
        reason = _refusal(_zip((DOC, W + _rows(4) + b"</w:document>")), max_rows=3)
        assert reason == (
            "has more than 3 table rows, the most kh-tthc imports "
            "(a plan's task table has tens or hundreds)"
        )

    def test_counted_over_the_pieces_read(self) -> None:
        """Rows in the first and second MiB of a part add up."""
        xml = W + _rows(2) + b" " * CHUNK + _rows(1) + b"</w:document>"
        assert "more than 2 table rows" in _refusal(_zip((DOC, xml)), max_rows=2)

    def test_a_row_ending_where_a_piece_ends_counts_once(self) -> None:
        row = b"<w:tr>"
        xml = W + b" " * (CHUNK - len(W) - len(row)) + row + b"</w:tr></w:document>"
        assert xml.index(row) + len(row) == CHUNK
        _check(_zip((DOC, xml)), max_rows=1)

    def test_counted_over_all_parts(self) -> None:
        data = _zip((DOC, W + _rows(2) + b"</w:document>"), ("word/footer1.xml", W + _rows(2)))
        assert "more than 3 table rows" in _refusal(data, max_rows=3)

    def test_all_parts_together_exactly_the_most_pass(self) -> None:
        _check(_zip((DOC, W + _rows(2)), ("word/footer1.xml", W + _rows(1))), max_rows=3)

    def test_per_part(self) -> None:
        """A workbook's sheets are separate tables: each may hold the most rows."""
        sheets = [(f"xl/worksheets/sheet{i}.xml", W + _rows(3)) for i in (1, 2)]
        _check(_zip(*sheets), max_rows=3, per_part=True)
        sheets.append(("xl/worksheets/sheet3.xml", W + _rows(4)))
        assert _refusal(_zip(*sheets), max_rows=3, per_part=True) == (
            "its part xl/worksheets/sheet3.xml has more than 3 table rows, the most kh-tthc "
            "imports (a plan's task table has tens or hundreds)"
        )
