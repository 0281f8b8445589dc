"""DOCX to PDF through LibreOffice, for a copy to send or print as it will look.

LibreOffice runs headless with a throwaway user profile, so that a LibreOffice the user
has open (or a second conversion running at the same time) never blocks it, and is killed
with its whole process group when it takes too long.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from kh_tthc.errors import LibreOfficeNotFound, PdfConversionError, SourceUnreadable
from kh_tthc.io.atomic import atomic_path

__all__ = ["docx_to_pdf", "find_soffice"]

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


def docx_to_pdf(
    docx: StrPath, pdf: StrPath, *, soffice: StrPath | None = None, timeout: float = 180
) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice, writing ``pdf`` atomically.

    Args:
        docx: the Word document.
        pdf: the PDF to write; the previous one stays intact when conversion fails.
        soffice: the LibreOffice executable (default: see :func:`find_soffice`).
        timeout: seconds before LibreOffice is stopped.

    Returns:
        ``pdf`` as a :class:`~pathlib.Path`.

    Raises:
        LibreOfficeNotFound: LibreOffice is not installed.
        PdfConversionError: it failed or took longer than ``timeout``.
        SourceUnreadable: ``docx`` does not exist, or ``pdf`` cannot be written there.
    """
    source = Path(docx)
    if not source.is_file():
        raise SourceUnreadable(source, "no such file")
    executable = find_soffice(soffice)
    with (
        tempfile.TemporaryDirectory(prefix="kh-tthc-soffice-") as work,
        atomic_path(Path(pdf)) as tmp,
    ):
        profile = Path(work, "profile")
        outdir = Path(work, "out")
        command = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source.resolve()),
        ]
        _run(command, timeout)
        produced = outdir / f"{source.stem}.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise PdfConversionError(f"LibreOffice did not convert {source} (no PDF came out)")
        shutil.copyfile(produced, tmp)
    return Path(pdf)


def _run(command: list[str], timeout: float) -> None:
    # A new session makes LibreOffice and the helpers it starts one process group, so a
    # timeout stops all of them, and only them.
    posix = sys.platform != "win32"
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
    )
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        raise PdfConversionError(
            f"LibreOffice took longer than {timeout:g} s and was stopped"
        ) from None
    if process.returncode != 0:
        detail = err.decode(errors="replace").strip().splitlines()
        raise PdfConversionError(
            f"LibreOffice failed (exit {process.returncode})"
            + (f": {detail[-1]}" if detail else "")
        )
