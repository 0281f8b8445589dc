"""Names a package exports but imports on first use (PEP 562 module ``__getattr__``).

``import kh_tthc`` must stay fast (docs/performance.md): the modules that load docxtpl,
jinja2, python-docx, lxml or openpyxl are imported only when one of their names is first
used. Each package lists those names with the module that defines them. A module whose
regular expressions serve only some calls keeps them as :class:`LazyPattern`, compiled on
first use.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    package: str, names: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` for ``names`` (name → module).

    A name is imported on first use and then kept in ``namespace`` (the package's globals),
    so later uses cost nothing.
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__


class LazyPattern:
    """A regular expression compiled the first time it is matched.

    Compiling is most of what importing a module of patterns costs, and ``import kh_tthc``
    should not pay for patterns that only some calls use (reading a period or a sending
    rule from text).

    >>> p = LazyPattern(r"(?P<y>[0-9]+)-q(?P<i>[0-9])", re.IGNORECASE)
    >>> p.compiled is None
    True
    >>> p.fullmatch("2025-Q4")["i"], p.compiled is not None
    ('4', True)
    """

    __slots__ = ("compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self.compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """``re.fullmatch`` of the pattern over ``text``."""
        compiled = self.compiled
        if compiled is None:
            compiled = self.compiled = re.compile(self.pattern, self.flags)
        return compiled.fullmatch(text)
