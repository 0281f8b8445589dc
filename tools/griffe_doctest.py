"""A griffe extension for the API reference (mkdocs.yml): doctest examples as code.

The docstrings hold doctest examples (``>>>`` lines and their output) anywhere in their
text, as tests/test_docs.py runs them. Markdown would read them as prose: ``[0]["lead"]``
looks like a link. This wraps each run of example lines in a ``pycon`` code block, so the
reference shows them exactly as they are tested.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    r"""``text`` with each block of ``>>>`` lines and the output after it fenced.

    >>> fence_doctests("Intro.\n\n>>> 1 + 1\n2\n\nMore.").splitlines()
    ['Intro.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More.']
    """
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fences the doctest examples of every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
