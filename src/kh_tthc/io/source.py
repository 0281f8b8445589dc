"""The one door in: reading an input file, bounded, with errors a person can act on.

Every reader of a file from outside (plan and progress files, templates, CSV and Word
imports) goes through :func:`read_bytes`, so that a directory, a named pipe, a device, a
missing or unreadable file and a file too large are reported the same way, nothing blocks
and no file is read past its limit. Text files are then decoded by :func:`decode_utf8`,
which names the line of the first byte that is not UTF-8. Packages (DOCX templates) are
checked by :func:`check_package` before anything unpacks them. The limits are listed in
``docs/security.md``.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from collections.abc import Mapping
from pathlib import Path

from kh_tthc.errors import KhTthcError, PlanFileError, SourceUnreadable
from kh_tthc.vn import nfc

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_PACKAGE_MEMBER",
    "MAX_PACKAGE_PARTS",
    "MAX_PACKAGE_UNPACKED",
    "check_package",
    "check_regular",
    "decode_utf8",
    "format_of",
    "read_bytes",
    "read_head",
    "read_text",
    "text_encoding",
]

_MIB = 1024 * 1024
_CHUNK = 1024 * 1024

#: Deepest nesting of tables and arrays a plan or progress file may have.
MAX_DEPTH = 32
#: Most digits an integer in a plan or progress file may have.
MAX_INT_DIGITS = 30


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _refuse(path: Path, mode: int, what: str) -> SourceUnreadable:
    return SourceUnreadable(path, f"is {_kind(mode)}, not {what}; kh-tthc reads regular files only")


def _os_error(path: Path, exc: OSError) -> SourceUnreadable:
    if isinstance(exc, FileNotFoundError):
        return SourceUnreadable(path, "no such file")
    if isinstance(exc, PermissionError):
        return SourceUnreadable(path, "permission denied")
    if exc.errno == errno.ELOOP:
        return SourceUnreadable(path, "too many levels of symbolic links")
    return SourceUnreadable(path, f"cannot read ({exc.strerror or exc})")


def check_regular(path: Path, *, what: str) -> os.stat_result:
    """The file's status, when ``path`` names a regular file (through any symbolic links).

    A named pipe would block the reader forever and a device such as ``/dev/zero`` never
    ends, so both are refused here, before anything opens them.

    Raises:
        SourceUnreadable: the file is missing, unreadable, or not a regular file.
    """
    try:
        status = os.stat(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(path, status.st_mode, what)
    return status


def _open_regular(path: Path, what: str) -> int:
    """A descriptor of ``path``, opened without blocking, once it is known to be regular."""
    check_regular(path, what=what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        status = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise _os_error(path, exc) from None
    if not stat.S_ISREG(status.st_mode):  # swapped between the check and the open
        os.close(fd)
        raise _refuse(path, status.st_mode, what)
    return fd


def read_head(path: Path, size: int, *, what: str) -> bytes:
    """The first ``size`` bytes of ``path``, through the same checks as :func:`read_bytes`.

    Raises:
        SourceUnreadable: the file is missing, not a regular file or not readable.
    """
    fd = _open_regular(Path(path), what)
    try:
        return os.read(fd, size)
    except OSError as exc:
        raise _os_error(Path(path), exc) from None
    finally:
        os.close(fd)


def read_bytes(
    path: Path,
    *,
    what: str,
    limit: int,
    too_large: type[PlanFileError] = PlanFileError,
    empty: type[PlanFileError] | None = None,
) -> bytes:
    """The bytes of ``path``, a regular file, reading at most ``limit`` + 1 of them.

    The one door every input file of the library comes through. The file is checked
    before it is opened (only regular files: a FIFO, a device, a socket or a directory is
    refused without blocking), opened without blocking, and checked again on the open
    descriptor, so a file swapped between the two steps is refused too.

    Args:
        path: the file.
        what: what the file should be, for messages ("a plan file", "a .csv file").
        limit: the most bytes the file may have.
        too_large: the error raised when it has more.
        empty: the error raised when it has none; ``None`` accepts an empty file.

    Raises:
        SourceUnreadable: the file is missing, not a regular file or not readable.
    """
    path = Path(path)
    fd = _open_regular(path, what)
    try:
        status = os.fstat(fd)
        if status.st_size > limit:
            raise too_large(path, _too_large(what, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(path, _too_large(what, limit))
    if empty is not None and not data:
        raise empty(path, "is empty")
    return data


def _too_large(what: str, limit: int) -> str:
    return f"is larger than kh-tthc accepts for {what} (at most {_size(limit)})"


def _size(n: int) -> str:
    if n % _MIB == 0:
        return f"{n // _MIB} MiB"
    return f"{n / _MIB:.1f} MiB" if n >= _MIB else f"{n:,} bytes"


def decode_utf8(data: bytes, path: Path | None, *, hint: str = "") -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped), in NFC.

    Raises:
        PlanFileError: a byte is not UTF-8; the error carries its line, and the message
            ends with ``hint`` (how to save the file as UTF-8) when one is given.
    """
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise PlanFileError(path, f"{message}; {hint}" if hint else message, line=line) from None


def text_encoding(data: bytes) -> str:
    """The encoding of a text file from another program: UTF-8 unless it says otherwise.

    A byte-order mark decides; without one, UTF-16 is recognised when many of the
    second (or first) bytes of the first 4 KiB are zero and almost none of the others, as
    in UTF-16 text of Vietnamese, where letters with diacritics leave fewer zeros than
    plain Latin ones. A stray NUL in a UTF-8 file does not make it UTF-16: the reader
    then refuses the NUL as a control character, naming its line.

    >>> text_encoding("Rà soát".encode("utf-16-le")), text_encoding(b"a,b\\x00,c\\n")
    ('utf-16-le', 'utf-8')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    pairs = len(head) // 2
    if pairs:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        # A few stray NULs are not UTF-16: it takes several zeros, and a third of a half.
        least = max(4, 0.3 * pairs)
        if odd >= least and even <= 0.05 * pairs:
            return "utf-16-le"
        if even >= least and odd <= 0.05 * pairs:
            return "utf-16-be"
    return "utf-8"


def read_text(path: Path, *, what: str, limit: int, hint: str = "") -> str:
    """A UTF-8 text file, bounded: :func:`read_bytes`, then :func:`decode_utf8`.

    The text may not hold control characters (other than tab and line ends) or
    bidirectional controls: no plan or progress file needs them, and they hide what a
    line says (see :mod:`kh_tthc.io.guard`).

    A file above ``limit`` is a :class:`~kh_tthc.errors.PlanFileError`, like its content.
    """
    from kh_tthc.io.guard import check_text  # guard reads this module's limits

    text = decode_utf8(read_bytes(path, what=what, limit=limit), path, hint=hint)
    check_text(text, path)
    return text


def format_of(path: Path, formats: Mapping[str, str], *, what: str) -> str:
    """The format a file's extension names, such as "toml" for ``plan.toml``.

    Raises:
        SourceUnreadable: the extension is not one of ``formats``.
    """
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        expected = " or ".join(formats)
        raise SourceUnreadable(
            path, f"unknown {what} extension {path.suffix!r} (expected {expected})"
        )
    return fmt


#: Most members a DOCX package (a template) may hold.
MAX_PACKAGE_PARTS = 1000
#: Most bytes a DOCX package may unpack to, all members together.
MAX_PACKAGE_UNPACKED = 200 * _MIB
#: Most bytes one member of a package may unpack to (the import's limit for an XML part).
MAX_PACKAGE_MEMBER = 16 * _MIB


def check_package(
    data: bytes,
    path: Path,
    *,
    what: str,
    error: type[KhTthcError] = PlanFileError,
    max_parts: int = MAX_PACKAGE_PARTS,
    max_unpacked: int = MAX_PACKAGE_UNPACKED,
    max_member: int = MAX_PACKAGE_MEMBER,
) -> None:
    """Check a zip package (a .docx) before anything unpacks it.

    A member's declared size bounds what Python's ``zipfile`` will inflate from it, so
    summing the declared sizes bounds the whole unpacking: a zip bomb is refused here.

    Raises:
        ``error``: the data is not a zip package, has too many members, a member that
            would unpack to more than ``max_member`` bytes, or would unpack to more than
            ``max_unpacked`` bytes in all.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise _package_error(error, path, f"is not {what} (not a zip package)") from None
    if len(infos) > max_parts:
        raise _package_error(error, path, f"has {len(infos)} parts, more than {max_parts}")
    largest = max(infos, key=lambda info: info.file_size, default=None)
    if largest is not None and largest.file_size > max_member:
        raise _package_error(
            error,
            path,
            f"has a part ({largest.filename}) that unpacks to {_size(largest.file_size)}, "
            f"more than the {_size(max_member)} kh-tthc accepts for one part",
        )
    total = sum(max(info.file_size, 0) for info in infos)
    if total > max_unpacked:
        raise _package_error(
            error,
            path,
            f"would unpack to {_size(total)}, more than the {_size(max_unpacked)} "
            "kh-tthc accepts (a zip bomb?)",
        )


def _package_error(error: type[KhTthcError], path: Path, message: str) -> KhTthcError:
    return error(path, message)
