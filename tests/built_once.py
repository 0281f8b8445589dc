"""Test documents built once per process, then copied to each path that asks for them.

Building a Word or Excel file with python-docx or openpyxl often costs more than importing
it: the seed appendix takes about a third of a second to build, a tenth to import. Each
builder under `@built_once(...)` writes its file once per set of arguments and copies the
bytes to later paths; a test that changes the file it was given changes only its copy.
Arguments that cannot be a key (a set, say) are built every time.

`make mutation` runs a module's tests in a fresh process for each of its mutants, forked
from one that has only collected the suite: there a cache starts empty for every mutant.
So the argument sets given to `built_once` are built ahead, once, when that process
collects (`build_ahead`, called from tests/conftest.py), and every mutant's process
inherits them, built by the unmutated code.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

Builder = Callable[..., Path]

#: The builders and the keyword arguments of the documents `build_ahead` makes.
_AHEAD: list[tuple[Builder, dict[str, Any]]] = []


def _frozen(value: Any) -> Hashable:
    """`value` as a key: lists and tuples as tuples, mappings as their items in order."""
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, Mapping):
        return ("mapping", tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    hash(value)  # raises TypeError for what cannot be a key
    return value


def built_once(*ahead: dict[str, Any]) -> Callable[[Builder], Builder]:
    """`builder(path, *args, **kwargs)` run once per arguments, later calls copying its
    bytes; `ahead`: the keyword arguments of the documents to build ahead (`build_ahead`)."""

    def decorate(builder: Builder) -> Builder:
        built: dict[Hashable, bytes] = {}

        @functools.wraps(builder)
        def build(path: Path, *args: Any, **kwargs: Any) -> Path:
            try:
                key = _frozen((args, sorted(kwargs.items())))
            except TypeError:
                return builder(path, *args, **kwargs)
            if key in built:
                path.write_bytes(built[key])
                return path
            result = builder(path, *args, **kwargs)
            if result == path:  # a builder that writes elsewhere is run every time
                built[key] = result.read_bytes()
            return result

        _AHEAD.extend((build, kwargs) for kwargs in ahead)
        return build

    return decorate


def build_ahead() -> int:
    """Build the documents the builders name ahead; how many."""
    with tempfile.TemporaryDirectory() as folder:
        for n, (build, kwargs) in enumerate(_AHEAD):
            build(Path(folder, f"{n}.{build.__name__.rpartition('_')[2]}"), **kwargs)
    return len(_AHEAD)
