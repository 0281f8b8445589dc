"""Running LibreOffice (``soffice``) to convert a file: DOCX to PDF, and an old .doc to .docx.

LibreOffice runs headless with a throwaway user profile, so that a LibreOffice the user
has open (or a second conversion running at the same time) never blocks it, and is killed
with its whole process group when it takes too long. Callers turn :class:`ConversionFailed`
into their own error: :func:`kh_tthc.render.docx_to_pdf` a ``PdfConversionError``, the Word
importer a ``LegacyWordFormat``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from kh_tthc.errors import KhTthcError, LibreOfficeNotFound

__all__ = ["ConversionFailed", "convert", "convert_many", "find_soffice"]

StrPath = str | os.PathLike[str]

#: Where LibreOffice installs its ``soffice`` when it is not on the PATH.
_KNOWN_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)

_INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2; macOS: brew install --cask libreoffice; Windows: libreoffice.org), "
    "or name its soffice with the KH_TTHC_SOFFICE environment variable"
)


class ConversionFailed(KhTthcError, RuntimeError):
    """LibreOffice failed, took too long, or wrote nothing.

    ``str(error)`` says so in a sentence; ``reason`` says it in a few words, for a caller
    that puts it inside a message of its own.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        self.reason = reason
        super().__init__(message)


def find_soffice(soffice: StrPath | None = None) -> str:
    """The LibreOffice executable to use.

    Looks at ``soffice`` when given, else the ``KH_TTHC_SOFFICE`` environment variable,
    else ``soffice`` and ``libreoffice`` on the PATH, else the usual install folders.

    Raises:
        LibreOfficeNotFound: none of them exists.
    """
    wanted = soffice if soffice is not None else os.environ.get("KH_TTHC_SOFFICE")
    if wanted is not None:
        found = shutil.which(os.fspath(wanted))
        if found is None:
            raise LibreOfficeNotFound(
                f"LibreOffice not found at {os.fspath(wanted)!r}; {_INSTALL_HINT}"
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    for place in _KNOWN_PLACES:
        if Path(place).is_file() and os.access(place, os.X_OK):
            return place
    raise LibreOfficeNotFound(f"LibreOffice (soffice) is not installed; {_INSTALL_HINT}")


@contextlib.contextmanager
def convert(
    source: Path, target_filter: str, *, soffice: StrPath | None = None, timeout: float
) -> Iterator[Path]:
    """Convert ``source`` with LibreOffice; yield the file it wrote.

    The file is in a temporary folder that is removed when the ``with`` block ends: copy
    or read it inside the block.

    Args:
        source: the file to convert.
        target_filter: what ``--convert-to`` is given: an extension, optionally with a
            filter name ("pdf", "docx:MS Word 2007 XML").
        soffice: the LibreOffice executable (default: see :func:`find_soffice`).
        timeout: seconds before LibreOffice is stopped.

    Raises:
        LibreOfficeNotFound: LibreOffice is not installed.
        ConversionFailed: it could not start, failed, took longer than ``timeout`` or
            wrote no file.
    """
    with convert_many([source], target_filter, soffice=soffice, timeout=timeout) as produced:
        yield produced[source]


@contextlib.contextmanager
def convert_many(
    sources: Sequence[Path],
    target_filter: str,
    *,
    soffice: StrPath | None = None,
    timeout: float,
) -> Iterator[dict[Path, Path]]:
    """Convert several files in ONE LibreOffice run; yield each source's converted file.

    Starting LibreOffice costs most of a conversion (a second or so), so twenty documents
    converted together take little more than one (docs/performance.md). The files are in
    a temporary folder removed when the ``with`` block ends.

    Args:
        sources: the files to convert; their names (without the folder) must differ, since
            LibreOffice writes every output into one folder.
        target_filter: as for :func:`convert`.
        soffice: the LibreOffice executable (default: see :func:`find_soffice`).
        timeout: seconds before LibreOffice is stopped, for the whole run.

    Raises:
        LibreOfficeNotFound: LibreOffice is not installed.
        ConversionFailed: it failed, took longer than ``timeout``, or wrote no file for
            one of the sources (named).
        ValueError: two sources share a file name.
    """
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise ValueError("two files to convert share a name; LibreOffice would overwrite one")
    if not sources:
        yield {}
        return
    executable = find_soffice(soffice)
    extension = target_filter.partition(":")[0]
    with tempfile.TemporaryDirectory(prefix="kh-tthc-soffice-") as work:
        outdir = Path(work, "out")
        command = [
            executable,
            # A private profile: a LibreOffice window the user has open is not disturbed.
            f"-env:UserInstallation={Path(work, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            target_filter,
            "--outdir",
            str(outdir),
            *(str(s.resolve()) for s in sources),
        ]
        _run(command, timeout)
        produced: dict[Path, Path] = {}
        for source in sources:
            out = outdir / f"{source.stem}.{extension}"
            if not out.is_file() or out.stat().st_size == 0:
                raise ConversionFailed(
                    f"LibreOffice did not convert {source} (no {extension.upper()} came out)",
                    reason="no output" if len(sources) == 1 else f"no output for {source.name}",
                )
            produced[source] = out
        yield produced


def _run(command: list[str], timeout: float) -> None:
    # A new session makes LibreOffice and the helpers it starts one process group, so a
    # timeout stops all of them, and only them.
    posix = sys.platform != "win32"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=posix,
        )
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ConversionFailed(
            f"LibreOffice could not be started ({detail})",
            reason=f"cannot start LibreOffice: {detail}",
        ) from None
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        raise ConversionFailed(
            f"LibreOffice took longer than {timeout:g} s and was stopped",
            reason=f"took longer than {timeout:g} s",
        ) from None
    if process.returncode != 0:
        # LibreOffice says why on stderr; some failures only on stdout.
        said = (err.strip() or out.strip()).decode(errors="replace").splitlines()
        raise ConversionFailed(
            f"LibreOffice failed (exit {process.returncode})" + (f": {said[-1]}" if said else ""),
            reason=said[-1] if said else "failed",
        )
