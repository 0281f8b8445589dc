"""Reading an input file: bounded in size, with the errors a person can act on.

Every reader of a file from outside (plan and progress files, CSV and Word imports) goes
through :func:`read_bytes`, so that a directory, a missing or unreadable file and a file
too large are reported the same way, and no file is read past its limit. Text files are
then decoded by :func:`decode_utf8`, which names the line of the first byte that is not
UTF-8.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kh_tthc.errors import PlanFileError, SourceUnreadable
from kh_tthc.vn import nfc

__all__ = ["decode_utf8", "format_of", "read_bytes", "read_text"]

_MIB = 1024 * 1024


def read_bytes(
    path: Path,
    *,
    what: str,
    limit: int,
    too_large: type[PlanFileError] = PlanFileError,
    empty: type[PlanFileError] | None = None,
) -> bytes:
    """The bytes of ``path``, reading at most ``limit`` + 1 of them.

    Args:
        path: the file.
        what: what the file should be, for messages ("a plan file", "a .csv file").
        limit: the most bytes the file may have.
        too_large: the error raised when it has more.
        empty: the error raised when it has none; ``None`` accepts an empty file.

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
    """
    if path.is_dir():
        raise SourceUnreadable(path, f"is a directory, not {what}")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise SourceUnreadable(path, "no such file") from None
    except PermissionError:
        raise SourceUnreadable(path, "permission denied") from None
    except OSError as exc:
        raise SourceUnreadable(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise too_large(path, f"is larger than kh-tthc accepts for {what} (at most {_size(limit)})")
    if empty is not None and not data:
        raise empty(path, "is empty")
    return data


def _size(n: int) -> str:
    return f"{n // _MIB} MiB" if n % _MIB == 0 else f"{n:,} bytes"


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


def read_text(path: Path, *, what: str, limit: int, hint: str = "") -> str:
    """A UTF-8 text file, bounded: :func:`read_bytes`, then :func:`decode_utf8`.

    A file above ``limit`` is a :class:`~kh_tthc.errors.PlanFileError`, like its content.
    """
    return decode_utf8(read_bytes(path, what=what, limit=limit), path, hint=hint)


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
