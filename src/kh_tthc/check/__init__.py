"""``kh-tthc check``: the Decree 30 rules tested on any DOCX, whoever wrote it.

The rules are data (:mod:`kh_tthc.check.rules`), one engine applies them
(:mod:`kh_tthc.check.engine`), formatting is resolved as Word does
(:mod:`kh_tthc.check.resolve`). See ``docs/check.md``.

>>> from kh_tthc.check import RULES
>>> "motto-dash" in RULES
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kh_tthc._lazy import lazy_names
from kh_tthc.check.rules import KINDS, RULES, Rule

if TYPE_CHECKING:
    from kh_tthc.check.engine import Finding, UnknownKind, check_document, detect_kind

#: The engine loads when a document is first checked: the command line builds its
#: ``--kind`` choices from the rules alone, for every command (docs/performance.md).
_LAZY = dict.fromkeys(
    ("Finding", "UnknownKind", "check_document", "detect_kind"), "kh_tthc.check.engine"
)

__getattr__, __dir__ = lazy_names("kh_tthc.check", _LAZY, globals())

__all__ = ["KINDS", "RULES", "Finding", "Rule", "UnknownKind", "check_document", "detect_kind"]
