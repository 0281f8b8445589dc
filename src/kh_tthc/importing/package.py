"""Office packages (.docx, and .xlsx for the spreadsheet reader) checked before any XML
parser sees them.

A package is a zip of XML parts and either can be hostile: every part's declared and
actual size is bounded (zip bombs), XML parts must be UTF-8 and carry no DOCTYPE or
ENTITY declaration (external entities, entity expansion), and the number of table rows
(a pattern the reader gives) is bounded. The limits are the ``MAX_*`` constants below
and are documented in ``docs/import.md``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from kh_tthc.importing.errors import SourceRejected, UnsafeSource

__all__ = ["MAX_PARTS", "MAX_UNPACKED_BYTES", "MAX_XML_PART_BYTES", "check_package"]

#: Members of the zip package.
MAX_PARTS = 1000
#: All members together, uncompressed, as declared and as actually read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: One XML part uncompressed; bounds the memory an XML parser can take.
MAX_XML_PART_BYTES = 16 * 1024 * 1024

_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ASCII_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "windows-1252"}
_WIDE = (
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-32-be", b"\x00\x00\xfe\xff"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
)
_CHUNK = 1024 * 1024
_TAIL = 64


def check_package(
    path: Path,
    data: bytes,
    *,
    rows: re.Pattern[bytes],
    max_rows: int,
    kind: str = ".docx",
    per_part: bool = False,
) -> None:
    """Refuse a package before any XML parser sees it; see the module docstring.

    Args:
        path: the file, for messages.
        data: its bytes.
        rows: what starts a table row in its XML (``<w:tr`` in Word, ``<row`` in Excel).
        max_rows: the most rows all parts together may hold, or each part when
            ``per_part`` (a workbook's sheets are separate tables).
        kind: the file type, for messages.
        per_part: count rows part by part instead of over the whole package.

    Raises:
        UnsafeSource: a limit is passed, or a part declares a DOCTYPE or entities, or is
            XML in another encoding than UTF-8.
        SourceRejected: the package is damaged or not a zip.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise UnsafeSource(path, f"has {len(infos)} parts, more than {MAX_PARTS}")
            declared = sum(i.file_size for i in infos)
            if declared > MAX_UNPACKED_BYTES:
                raise UnsafeSource(
                    path,
                    f"would unpack to {_mib(declared)}, more than the {_mib(MAX_UNPACKED_BYTES)} "
                    "limit (a zip bomb?)",
                )
            counted = 0
            total = 0
            for info in infos:
                size, part_rows = _check_part(path, zf, info, rows, max_rows)
                total += size
                counted = part_rows if per_part else counted + part_rows
                if total > MAX_UNPACKED_BYTES:
                    raise UnsafeSource(
                        path,
                        f"unpacks to more than {_mib(MAX_UNPACKED_BYTES)} (a zip bomb?)",
                    )
                if counted > max_rows:
                    where = f"its part {info.filename} has" if per_part else "has"
                    raise UnsafeSource(
                        path,
                        f"{where} more than {max_rows} table rows, the most kh-tthc imports "
                        "(a plan's task table has tens or hundreds)",
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise SourceRejected(path, f"is damaged or not a {kind} file ({exc})") from None


def _check_part(
    path: Path,
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    rows_pattern: re.Pattern[bytes],
    max_rows: int,
) -> tuple[int, int]:
    size = 0
    rows = 0
    is_xml: bool | None = None
    tail = b""
    with zf.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > info.file_size:
                raise UnsafeSource(path, f"part {info.filename} is larger than it declares")
            if is_xml is None:
                is_xml = _looks_like_xml(path, info.filename, chunk)
                if is_xml and info.file_size > MAX_XML_PART_BYTES:
                    raise UnsafeSource(
                        path,
                        f"part {info.filename} would unpack to {_mib(info.file_size)}, more "
                        f"than the {_mib(MAX_XML_PART_BYTES)} limit for one XML part",
                    )
            if not is_xml:
                continue
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise UnsafeSource(
                    path,
                    f"part {info.filename} declares a DOCTYPE or entities, which office "
                    "suites never write; refused so that no external entity is read",
                )
            rows += sum(1 for m in rows_pattern.finditer(window) if m.end() > len(tail))
            if rows > max_rows:
                break
            tail = window[-_TAIL:]
    return size, rows


def _is_wide_xml(head: bytes) -> bool:
    # XML in UTF-16 or UTF-32 (with or without a byte-order mark) or EBCDIC would hide a
    # DOCTYPE from a byte scan; a binary part matches these first characters by chance
    # about once in 2**26.
    if head.startswith(b"Lo\xa7\x94"):
        return True
    for encoding, bom in _WIDE:
        body = head.removeprefix(bom)
        width = 4 if "32" in encoding else 2
        try:
            start = body[: 2 * width].decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(start) == 2 and start[0] == "<" and 32 < ord(start[1]) < 127:
            return True
    return False


def _looks_like_xml(path: Path, name: str, head: bytes) -> bool:
    if _is_wide_xml(head):
        raise UnsafeSource(
            path,
            f"part {name} is XML in an encoding other than UTF-8, which office suites never write",
        )
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"<"):
        return False
    m = _DECL_ENCODING.match(text)
    if m and m.group(1).decode("ascii").lower() not in _ASCII_ENCODINGS:
        raise UnsafeSource(
            path, f"part {name} declares the encoding {m.group(1).decode('ascii')!r}, not UTF-8"
        )
    return True


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"
