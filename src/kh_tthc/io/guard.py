"""What text and values from a file may hold, checked in one place for every reader.

Plan and progress files come from other people. Once parsed, their whole tree goes
through :func:`tree_problems` before anything else reads it, so that every reader refuses
the same things with the same words:

- a lone surrogate ("\\ud800" in JSON), which no file can be written with;
- control characters other than tab, line feed and carriage return (text may span lines:
  paragraphs, results and notes are written on several lines and folded to one space);
- the bidirectional controls U+202A–U+202E and U+2066–U+2069, which make text read in
  another order than it is stored ("Trojan source");
- numbers that are not finite (``inf``, ``nan``) and integers of more than
  :data:`~kh_tthc.io.source.MAX_INT_DIGITS` digits;
- dates outside 1901–2100, the years the working-day calendar knows;
- nesting deeper than :data:`~kh_tthc.io.source.MAX_DEPTH`.

:func:`terminal_safe` makes text printable to a terminal: control characters and
bidirectional controls become visible escapes, so a title cannot move the cursor, clear
the screen or reverse the line it is printed on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from kh_tthc.convert import FORBIDDEN, date_problem, text_problem
from kh_tthc.errors import PlanFileError, PlanInvalid, Problem
from kh_tthc.io.source import MAX_DEPTH, MAX_INT_DIGITS
from kh_tthc.vn import visible

__all__ = [
    "check_data",
    "check_text",
    "date_problem",
    "terminal_safe",
    "text_problem",
    "tree_problems",
    "visible",
]

_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = FORBIDDEN
_TERMINAL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u200e\u200f\u061c\ud800-\udfff]")


def _value_problem(value: Any) -> str:
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        if abs(value) >= 10**MAX_INT_DIGITS:
            return f"a number of more than {MAX_INT_DIGITS} digits"
        return ""
    if isinstance(value, float):
        return "" if math.isfinite(value) else f"the number {value} is not finite"
    if isinstance(value, date):
        return date_problem(value)
    return ""


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def tree_problems(data: Any) -> Iterator[tuple[str, str]]:
    """Each (key path, reason) in parsed file data that breaks the rules above.

    Walks without recursion, so a deeply nested file cannot exhaust the stack; stops at
    the first level deeper than :data:`MAX_DEPTH`.

    >>> for where, why in tree_problems({"tasks": [{"title": "a\\x1b[2J"}], "n": float("inf")}):
    ...     print(where, why)
    tasks[0].title holds a control character (U+001B)
    n the number inf is not finite
    """
    if _plain_tree(data):
        return iter(())  # the usual file: nothing to report, and no key path to write
    return _tree_problems(data)


def _plain_tree(data: Any) -> bool:
    """True when :func:`tree_problems` finds nothing in ``data``, answered faster: no key
    paths kept, and the text of the whole tree searched at once (a forbidden character is
    one character, so it is in the joined text exactly when it is in one of the parts).

    The keys of each table, and a list whose first item is text, go into the joined
    text whole: a key or an item that is not text makes the join fail, and then, as for
    what it does not look into (a mapping other than a dict), :func:`_tree_problems`
    walks the tree and says.
    """
    if type(data) is not dict and type(data) is not list:
        return False
    found: list[Any] = []
    text = found.append
    texts = found.extend
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return False
        if type(value) is dict:
            texts(value)  # the keys
            value = value.values()
        for item in value:
            kind = type(item)
            if kind is str:
                text(item)
            elif kind is list:
                if item and type(item[0]) is str and depth + 1 < MAX_DEPTH:
                    texts(item)  # a list of texts ("lead", "recipients"), the usual list
                else:
                    stack.append((item, depth + 1))
            elif kind is dict:
                stack.append((item, depth + 1))
            elif isinstance(item, (dict, list, Mapping)) or _value_problem(item):
                return False
    try:
        joined = " ".join(found)
    except TypeError:
        return False  # a key or a list item that is not text: the full walk sees to it
    return FORBIDDEN.search(joined) is None


def _tree_problems(data: Any) -> Iterator[tuple[str, str]]:
    # The key path is kept as a tuple and written out only for a problem: most files
    # have none, and a plan of 60 tasks has thousands of values.
    stack: list[tuple[tuple[object, ...], Any, int]] = [((), data, 0)]
    search = FORBIDDEN.search
    while stack:
        keys, value, depth = stack.pop()
        if type(value) is str:  # the common case, checked as text_problem does
            if search(value) is not None:
                yield _path(keys) or "(top)", text_problem(value)
            continue
        if isinstance(value, (dict, list, Mapping)):
            if depth >= MAX_DEPTH:
                yield _path(keys) or "(top)", f"nested more than {MAX_DEPTH} levels deep"
                continue
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            children = []
            for key, item in items:
                if isinstance(key, str) and search(key) is not None:
                    yield _path((*keys, key)), f"the key {text_problem(key)}"
                    continue
                children.append(((*keys, key), item, depth + 1))
            stack.extend(reversed(children))
            continue
        if reason := _value_problem(value):
            yield _path(keys) or "(top)", reason


def _path(keys: tuple[object, ...]) -> str:
    path = ""
    for key in keys:
        path = _join(path, key)
    return path


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control and bidirectional characters written as escapes.

    Tab and line feed stay; everything else a terminal would act on is shown instead.

    >>> terminal_safe("Rà soát\\x1b[31m\\u202e")
    'Rà soát\\\\x1b[31m\\\\u202e'
    """
    return _TERMINAL.sub(_escape, text)


def check_data(
    data: Any, source: Path | None, line_of: Callable[[str], int | None] | None = None
) -> None:
    """Refuse parsed file data that breaks the rules, listing every place.

    Args:
        data: what the TOML or JSON parser gave.
        source: the file, for messages.
        line_of: the line a key path ("rows[0].values.so-hoa") stands on, when the
            caller can tell.

    Raises:
        PlanInvalid: one problem per place, named by its key path (and line).
    """
    problems = [
        Problem(
            message=message,
            where=where,
            file=source,
            line=None if line_of is None else line_of(where),
        )
        for where, message in tree_problems(data)
    ]
    if problems:
        raise PlanInvalid(problems)


def check_text(text: str, source: Path | None) -> None:
    """Refuse a text file holding control or bidirectional characters, naming the line.

    Raises:
        PlanFileError: with the line and column of the first such character.
    """
    m = _FORBIDDEN.search(text)
    if m is None:
        return
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    raise PlanFileError(source, f"the text {text_problem(m.group())}", line=line, column=column)
