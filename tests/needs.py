"""Tests that need a program of the machine (LibreOffice, poppler) ask for it here.

Without the program such a test skips on a developer's machine, and fails where
KH_TTHC_REQUIRE_SOFFICE=1 (CI installs the programs, so a skip there would hide a test
that never ran).
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["need"]

_INSTALL = (
    "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils "
    "chromium chromium-driver"
)


def need(*tools: str) -> None:
    """Skip the calling test (fail it under KH_TTHC_REQUIRE_SOFFICE=1) unless every one of
    ``tools`` is on the PATH; ``soffice`` may also be named by ``KH_TTHC_SOFFICE``."""
    missing = [
        t
        for t in tools
        if shutil.which(t) is None and not (t == "soffice" and os.environ.get("KH_TTHC_SOFFICE"))
    ]
    if not missing:
        return
    reason = f"not installed: {', '.join(missing)} ({_INSTALL})"
    if os.environ.get("KH_TTHC_REQUIRE_SOFFICE") == "1":
        pytest.fail(f"KH_TTHC_REQUIRE_SOFFICE=1 but {reason}")
    pytest.skip(reason)
