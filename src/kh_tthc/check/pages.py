"""Which page a paragraph is on, read from the document's PDF.

A DOCX has no pages: the word processor makes them when it lays the text out. When the
PDF of the document is at hand (Word's "Save as PDF", LibreOffice's export, or
``kh-tthc check --pages``), its text is read page by page with poppler's ``pdftotext``
and each paragraph is looked for there, in document order, so that a finding can say
"page 2" as the decree's page rules do (NĐ 30/2020, Phụ lục I, I.6: no page number on
page 1).

>>> pages = ("KẾ HOẠCH\\nKiểm soát   thủ tục\\nhành chính", "Nơi nhận:\\n- Lưu: VT, VP.")
>>> locate(pages, ["KẾ HOẠCH", "Kiểm soát thủ tục hành chính", "Nơi nhận:", "Không có"])
[1, 1, 2, None]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, cast

from kh_tthc.errors import SourceUnreadable

__all__ = ["MAX_TEXT_BYTES", "locate", "page_texts"]

#: A paragraph is looked for by its first words at most: a long paragraph's end may be
#: on the next page, and its beginning is where the finding points. When they are not
#: found together (a table cell's lines mixed with its neighbours', a row broken over two
#: pages), by fewer.
_WORDS = (12, 4)
#: Seconds ``pdftotext`` may take; a document of a few dozen pages takes well under one.
_TIMEOUT = 120
#: The most text read from one PDF (each reading): a thousand full pages are about 4 MiB.
MAX_TEXT_BYTES = 16 * 1024 * 1024


def _fold(text: str) -> str:
    # PDF text has the layout's spaces and line ends, a DOCX paragraph has neither.
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_texts(pdf: str | Path, *, timeout: float = _TIMEOUT) -> tuple[str, ...]:
    """The text of each page of ``pdf``, read twice by poppler's ``pdftotext``: in reading
    order (a table cell's lines together) and then with ``-layout`` (the lines as laid out).

    Raises:
        SourceUnreadable: the file is missing, ``pdftotext`` is not installed, cannot
            read the file as a PDF or takes longer than ``timeout`` seconds, or the text is
            longer than :data:`MAX_TEXT_BYTES`.
    """
    path = Path(pdf)
    if not path.is_file():
        raise SourceUnreadable(path, "no such file")
    tool = shutil.which("pdftotext")
    if tool is None:
        raise SourceUnreadable(
            path, "pdftotext is not installed to read the PDF (apt-get install poppler-utils)"
        )
    readings = [_pdftotext(tool, path, mode, timeout) for mode in ((), ("-layout",))]
    if len({len(r) for r in readings}) != 1:
        raise SourceUnreadable(path, "pdftotext read a different number of pages each time")
    return tuple("\n".join(page) for page in zip(*readings, strict=True))


def _pdftotext(tool: str, path: Path, mode: tuple[str, ...], timeout: float) -> list[str]:
    # Read as a stream with a bound: a hostile PDF's compressed text can unpack to far more
    # than a document has; stderr goes to a file so that a flood of warnings cannot block.
    with tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.Popen(
                [tool, *mode, "-enc", "UTF-8", str(path), "-"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        except OSError as exc:
            raise SourceUnreadable(path, f"pdftotext could not start ({exc.strerror})") from None
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        stdout = cast("IO[bytes]", process.stdout)  # a pipe: stdout=PIPE above
        try:
            out = stdout.read(MAX_TEXT_BYTES + 1)
            if len(out) > MAX_TEXT_BYTES:
                process.kill()
            stdout.close()
            process.wait()
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
        if len(out) > MAX_TEXT_BYTES:
            limit = MAX_TEXT_BYTES // (1024 * 1024)
            raise SourceUnreadable(path, f"its text is longer than the {limit} MiB limit")
        if timed_out and process.returncode != 0:
            raise SourceUnreadable(path, f"pdftotext took longer than {timeout:g} s")
        if process.returncode != 0:
            # The last line says why; a hostile file can make it write megabytes before.
            stderr.seek(max(0, stderr.seek(0, 2) - 4096))
            said = stderr.read().decode(errors="replace").strip().splitlines()
            raise SourceUnreadable(path, "not a PDF" + (f" ({said[-1]})" if said else ""))
    # pdftotext ends every page with a form feed.
    pages = out.decode("utf-8", errors="replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def locate(pages: Sequence[str], texts: Sequence[str]) -> list[int | None]:
    """The page (from 1) each of ``texts`` is on, or None where it is not found.

    ``texts`` are paragraphs in document order: each is looked for on the page the one
    before it was found on and the pages after, so that a text written twice ("1.", a
    repeated table header) is given the page of its own place. A paragraph is matched by
    its first words with the spaces folded; an empty one is not looked for.

    >>> locate(["Mục đích\\n1.", "1.\\nII. NỘI DUNG"], ["Mục đích", "II. NỘI DUNG", "1."])
    [1, 2, 2]
    """
    folded = [_fold(p) for p in pages]
    found: list[int | None] = []
    cursor = 0
    for text in texts:
        words = _fold(text).split()
        page = None
        for key in dict.fromkeys(" ".join(words[:count]) for count in _WORDS):
            if not key:
                break
            pattern = re.compile(r"(?<!\S)" + re.escape(key) + r"(?!\S)")
            page = next((i for i in range(cursor, len(folded)) if pattern.search(folded[i])), None)
            if page is None:  # laid out before its place in the text (a float, a table)
                page = next((i for i in range(cursor) if pattern.search(folded[i])), None)
            elif len(key) >= 12:  # a short text may be anywhere: it does not move on
                cursor = page
            if page is not None:
                break
        found.append(None if page is None else page + 1)
    return found
