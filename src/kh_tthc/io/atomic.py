"""Atomic writes: a temporary file beside the target, then a rename.

A failure at any point leaves no half-written file and keeps the previous output, which
matters when a clerk regenerates a document that is already open in another window.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from kh_tthc.errors import SourceUnreadable

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise SourceUnreadable(path, "is a directory; expected a file name to write")
    parent = path.parent
    if not parent.is_dir():
        raise SourceUnreadable(path, f"the folder {str(parent)!r} does not exist")


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    Whatever writes to the yielded path (docxtpl, LibreOffice...) may fail halfway: the
    temporary file is then removed and ``path`` is left as it was.

    Raises:
        SourceUnreadable: the target is a directory, its folder is missing or not writable.
    """
    target = Path(path)
    _check_target(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise SourceUnreadable(target, f"cannot write here ({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(path: str | Path, write: Callable[[Path], object]) -> None:
    with atomic_path(path) as tmp:
        try:
            write(tmp)
        except OSError as exc:
            raise SourceUnreadable(path, f"cannot write ({exc.strerror or exc})") from None


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    _write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically, with "\\n" line ends."""
    _write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
