"""DOCX to PDF through LibreOffice, for a copy to send or print as it will look.

Running LibreOffice (a throwaway profile, a timeout that stops it and its helpers) is
:mod:`kh_tthc.soffice`'s; this module writes the PDF atomically and says what went wrong
as a :class:`~kh_tthc.errors.PdfConversionError`.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from pathlib import Path

from kh_tthc.errors import PdfConversionError, SourceUnreadable
from kh_tthc.io.output import Inputs, output_path
from kh_tthc.soffice import ConversionFailed, StrPath, convert, convert_many, find_soffice

__all__ = ["docx_to_pdf", "docxs_to_pdfs", "find_soffice"]


def docx_to_pdf(
    docx: StrPath,
    pdf: StrPath,
    *,
    soffice: StrPath | None = None,
    timeout: float = 180,
    inputs: Inputs = (),
) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice, writing ``pdf`` atomically.

    Args:
        docx: the Word document.
        pdf: the PDF to write; the previous one stays intact when conversion fails.
        soffice: the LibreOffice executable (default: see :func:`find_soffice`).
        timeout: seconds before LibreOffice is stopped.
        inputs: other files the caller read, which ``pdf`` must not be (``docx`` is one).

    Returns:
        ``pdf`` as a :class:`~pathlib.Path`.

    Raises:
        LibreOfficeNotFound: LibreOffice is not installed.
        PdfConversionError: it failed or took longer than ``timeout``.
        OutputRefused: ``pdf`` is ``docx`` or one of ``inputs``.
        SourceUnreadable: ``docx`` does not exist, or ``pdf`` cannot be written there
            (a full disk included).
    """
    source = Path(docx)
    if not source.is_file():
        raise SourceUnreadable(source, "no such file")
    executable = find_soffice(soffice)
    try:
        with (
            output_path(Path(pdf), inputs=(*inputs, source)) as tmp,
            convert(source, "pdf", soffice=executable, timeout=timeout) as produced,
        ):
            shutil.copyfile(produced, tmp)
    except ConversionFailed as exc:
        raise PdfConversionError(str(exc)) from None
    return Path(pdf)


def docxs_to_pdfs(
    docxs: Sequence[StrPath],
    *,
    soffice: StrPath | None = None,
    timeout: float = 600,
    inputs: Inputs = (),
) -> tuple[Path, ...]:
    """Convert several Word documents to PDF in one LibreOffice run, each PDF beside its
    DOCX (same name, ``.pdf``) and written atomically.

    One run instead of one per document: twenty documents take about twice the time of
    one, not twenty times (docs/performance.md).

    Returns:
        The PDFs, in the order of ``docxs``.

    Raises:
        LibreOfficeNotFound: LibreOffice is not installed.
        PdfConversionError: it failed or took longer than ``timeout``; no PDF is written.
        OutputRefused: a PDF would replace one of ``inputs``.
        SourceUnreadable: a DOCX does not exist, or a PDF cannot be written.
    """
    sources = [Path(d) for d in docxs]
    for source in sources:
        if not source.is_file():
            raise SourceUnreadable(source, "no such file")
    executable = find_soffice(soffice)
    targets = [s.with_suffix(".pdf") for s in sources]
    try:
        with (
            convert_many(sources, "pdf", soffice=executable, timeout=timeout) as produced,
            contextlib.ExitStack() as stack,
        ):
            temps = [
                stack.enter_context(output_path(t, inputs=(*inputs, *sources))) for t in targets
            ]
            for source, tmp in zip(sources, temps, strict=True):
                shutil.copyfile(produced[source], tmp)
    except ConversionFailed as exc:
        raise PdfConversionError(str(exc)) from None
    except ValueError as exc:
        raise PdfConversionError(str(exc)) from None
    return tuple(targets)
