"""Atomic writes, by the names the library has always used: see :mod:`kh_tthc.io.output`.

A failure at any point leaves no half-written file and keeps the previous output, which
matters when a clerk regenerates a document that is already open in another window.
"""

from __future__ import annotations

from pathlib import Path

from kh_tthc.io.output import Inputs, output_path, write_output

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]

#: The context manager of :mod:`kh_tthc.io.output`, under its older name.
atomic_path = output_path


def atomic_write_bytes(
    path: str | Path, data: bytes, *, inputs: Inputs = (), replace: bool = True
) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`kh_tthc.io.output.write_output`)."""
    write_output(path, data, inputs=inputs, replace=replace)


def atomic_write_text(
    path: str | Path, text: str, *, inputs: Inputs = (), replace: bool = True
) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically, with "\\n" line ends."""
    write_output(path, text, inputs=inputs, replace=replace)
