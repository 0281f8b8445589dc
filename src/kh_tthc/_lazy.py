"""Names a package exports but imports on first use (PEP 562 module ``__getattr__``).

``import kh_tthc`` must stay fast (docs/performance.md): the modules that load docxtpl,
jinja2, python-docx, lxml or openpyxl are imported only when one of their names is first
used. Each package lists those names with the module that defines them.
"""

from __future__ import annotations

import importlib
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
