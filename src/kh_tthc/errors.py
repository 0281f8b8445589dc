"""Errors and validation problems.

Every error the library raises on purpose is a :class:`KhTthcError`, and each also
subclasses the built-in exception a caller would naturally catch (``ValueError`` for bad
content, ``OSError`` for a file that cannot be read or written). Validation gathers all
problems at once and carries them as :class:`Problem` values, the way cattrs'
``ClassValidationError`` does.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

__all__ = [
    "DeadlineSyntaxError",
    "KhTthcError",
    "LibreOfficeNotFound",
    "LimitExceeded",
    "OutputRefused",
    "PdfConversionError",
    "PlanFileError",
    "PlanInvalid",
    "Problem",
    "RenderWarning",
    "Severity",
    "SourceUnreadable",
    "TaskNumberError",
    "TemplateError",
]


class Severity(enum.Enum):
    """How bad a :class:`Problem` is: an error blocks use, a warning only informs."""

    ERROR = "error"
    WARNING = "warning"


@frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``str(problem)`` is the single line the command prints, for example
    ``plan.toml:57: task 2.1.1: unknown unit id 'vp' (expected one of: cntt, vp)``.

    >>> print(Problem(message="empty title", where="task 1.2", line=12, file=Path("p.toml")))
    p.toml:12: task 1.2: empty title
    """

    message: str
    severity: Severity = Severity.ERROR
    #: The task number ("task 2.1.1") or field ("number", "period") the problem is about.
    where: str = ""
    file: Path | None = None
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def located(self, file: Path | None) -> Problem:
        """The same problem, attributed to ``file`` unless it already names one."""
        if self.file is not None or file is None:
            return self
        return Problem(
            message=self.message,
            severity=self.severity,
            where=self.where,
            file=file,
            line=self.line,
            column=self.column,
        )

    def __str__(self) -> str:
        place = ""
        if self.file is not None:
            place = str(self.file)
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        elif self.line is not None:
            place = f"line {self.line}: "
        label = "" if self.is_error else "warning: "
        where = f"{self.where}: " if self.where else ""
        return f"{place}{label}{where}{self.message}"


class KhTthcError(Exception):
    """Root of every error that kh_tthc raises on purpose."""


class SourceUnreadable(KhTthcError, OSError):
    """A file could not be read or written at all (missing, a directory, no permission).

    The command exits 2 for this, as for a usage error.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OutputUnwritable(SourceUnreadable):
    """An output file that cannot be written: its folder is missing, it is a folder, the
    disk is full or permission is lacking. The message says so ("cannot write out.docx:
    the folder 'out' does not exist"), never that a source is unreadable (exit 2).
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.args = (f"cannot write {self.path}: {reason}",)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


class OutputRefused(SourceUnreadable):
    """An output that may not be written: it is one of the command's inputs (or links to
    one), or it exists and replacing it needs ``--force``. Nothing was written (exit 2).
    """


class PlanFileError(KhTthcError, ValueError):
    """A file was read but its content is not a valid file of the expected kind.

    Carries the file, and the line and column where the content went wrong when known.
    """

    def __init__(
        self,
        path: Path | str | None,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = None if path is None else Path(path)
        self.line = line
        self.column = column
        self.problem = Problem(message=message, file=self.path, line=line, column=column)
        super().__init__(str(self.problem))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (self.problem,)


class PlanInvalid(KhTthcError, ValueError):
    """A plan (or another document) has errors; ``problems`` lists every one of them.

    Warnings found alongside the errors are kept in ``problems`` too, so that a caller can
    show the whole picture; ``errors`` keeps only the blocking ones.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        errors = self.errors
        head = f"{len(errors)} error(s)"
        super().__init__(head + "".join(f"\n  {p}" for p in errors))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)


class TaskNumberError(KhTthcError, ValueError):
    """A task number is not of the form "2", "2.1", "2.1.1"."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason
        why = reason or "expected numbers joined by dots, such as '2.1.1'"
        super().__init__(f"invalid task number {text!r} ({why})")


class DeadlineSyntaxError(KhTthcError, ValueError):
    """A completion-time phrase that the strict parser does not know.

    ``suggestions`` holds the closest forms the parser knows, best first.
    """

    def __init__(self, phrase: str, suggestions: Iterable[str] = (), reason: str = "") -> None:
        self.phrase = phrase
        self.suggestions = tuple(suggestions)
        self.reason = reason
        message = f"unknown completion time {phrase!r}"
        if reason:
            message += f": {reason}"
        if self.suggestions:
            message += " (closest known forms: " + "; ".join(self.suggestions) + ")"
        super().__init__(message)


class TemplateError(KhTthcError, ValueError):
    """A DOCX template that cannot be used, and why.

    Raised for a file that is not a Word document, for a broken Jinja tag (``where`` then
    names the part and paragraph), and for a template whose variables do not match what
    the renderer provides: ``unknown`` lists the variables the template uses but the
    renderer does not know, ``missing`` the ones it must use but does not (their content
    would silently vanish from the document).
    """

    def __init__(
        self,
        path: Path | str | None,
        message: str,
        *,
        where: str = "",
        missing: Iterable[str] = (),
        unknown: Iterable[str] = (),
    ) -> None:
        self.path = None if path is None else Path(path)
        self.where = where
        self.missing = tuple(sorted(missing))
        self.unknown = tuple(sorted(unknown))
        place = "" if self.path is None else f"{self.path}: "
        at = f" ({where})" if where else ""
        super().__init__(f"{place}{message}{at}")


class LimitExceeded(KhTthcError, ValueError):
    """An input larger than kh-tthc handles safely, refused before the work starts.

    The limits and their values are listed in docs/security.md.
    """


class PdfConversionError(KhTthcError, RuntimeError):
    """LibreOffice could not turn a DOCX into a PDF (it failed, or took too long)."""


class LibreOfficeNotFound(PdfConversionError):
    """No LibreOffice (``soffice``) to convert with; the message says how to install it."""


class RenderWarning(UserWarning):
    """Rendering had to change the text, for example to drop characters that XML forbids.

    Issued with :func:`warnings.warn`; the document is still written.
    """
