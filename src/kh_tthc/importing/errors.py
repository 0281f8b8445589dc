"""The errors an import source can raise; each says why and what to do."""

from __future__ import annotations

from kh_tthc.errors import PlanFileError

__all__ = [
    "EncryptedSource",
    "LegacyWordFormat",
    "NoTaskTable",
    "SourceRejected",
    "UnsafeSource",
]


class SourceRejected(PlanFileError):
    """A file that cannot be imported as a plan: the message says why and what to do."""


class NoTaskTable(SourceRejected):
    """The file holds no table whose header row looks like a plan's task table."""


class UnsafeSource(SourceRejected):
    """The file is refused before parsing: too large, too many rows, or hostile XML."""


class EncryptedSource(SourceRejected):
    """The file is password-protected; it must be saved without a password first."""


class LegacyWordFormat(SourceRejected):
    """An old binary Word (.doc) file that could not be converted to .docx."""
