"""``kh-tthc check``: the Decree 30 rules tested on any DOCX, whoever wrote it.

The rules are data (:mod:`kh_tthc.check.rules`), one engine applies them
(:mod:`kh_tthc.check.engine`), formatting is resolved as Word does
(:mod:`kh_tthc.check.resolve`). See ``docs/check.md``.

>>> from kh_tthc.check import RULES
>>> "motto-dash" in RULES
True
"""

from __future__ import annotations

from kh_tthc.check.engine import Finding, UnknownKind, check_document, detect_kind
from kh_tthc.check.rules import KINDS, RULES, Rule

__all__ = ["KINDS", "RULES", "Finding", "Rule", "UnknownKind", "check_document", "detect_kind"]
