"""LibreOffice resaving for the import tests: docx → odt → docx, as a user's office
suite would rewrite a file. Tests using it skip when ``soffice`` is missing, unless
KH_TTHC_REQUIRE_SOFFICE is set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kh_tthc.soffice import convert

__all__ = ["resave"]


def resave(source: Path, folder: Path) -> Path:
    """``source`` saved as .odt by LibreOffice, then that saved back as .docx."""
    if shutil.which("soffice") is None and not os.environ.get("KH_TTHC_SOFFICE"):
        if os.environ.get("KH_TTHC_REQUIRE_SOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    odt = folder / f"{source.stem}.odt"
    with convert(source, "odt", timeout=180) as out:
        odt.write_bytes(out.read_bytes())
    docx = folder / f"{source.stem}-resaved.docx"
    with convert(odt, "docx:MS Word 2007 XML", timeout=180) as out:
        docx.write_bytes(out.read_bytes())
    return docx
