"""Jinja's sandbox, with bounds: the environment every template renders in.

A DOCX template is code, often written by someone else, so it runs in
:class:`jinja2.sandbox.SandboxedEnvironment` (no ``__class__``, ``__globals__`` or other
internals, hence no way to the operating system) with these additions:

- no loader: ``include``, ``extends``, ``import`` and ``from … import`` are refused when
  the template is parsed;
- bounds on what one render may do (the ``MAX_*`` constants below): items made by
  ``range()``, calls, the length of a value one operation makes, numbers passed to calls
  and filters, powers, format widths, and the characters of a rendered part;
- the escaping of :func:`_finalize`, and each compiled source kept for the next render.

A bound reached raises :class:`Bounded`; :mod:`kh_tthc.render.docx` turns it, like every
other failure of a template, into a :class:`~kh_tthc.errors.TemplateError`. The limits are
listed in ``docs/security.md`` and ``docs/templates.md``.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterable, MutableMapping
from typing import Any

from jinja2 import Environment, Template, TemplateSyntaxError, nodes
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from markupsafe import Markup, escape

__all__ = [
    "BUDGET",
    "MAX_CALLS",
    "MAX_NUMBER_ARGUMENT",
    "MAX_OUTPUT_CHARS",
    "MAX_RANGE_ITEMS",
    "MAX_VALUE_LENGTH",
    "Bounded",
    "environment",
]

#: The most items all ``range()`` calls of one render may produce together.
MAX_RANGE_ITEMS = 100_000
#: The most calls (macros, methods, filters called as functions) one render may make.
MAX_CALLS = 1_000_000
#: The longest text or list one operation of a template may make (``*``, a namespace).
MAX_VALUE_LENGTH = 1_000_000
#: The largest number a template may pass to a call or use as a power.
MAX_NUMBER_ARGUMENT = 1_000_000
#: The most characters a rendered part of the document may have.
MAX_OUTPUT_CHARS = 128 * 1024 * 1024


def _finalize(value: Any) -> Any:
    # Autoescape escapes "&" and "<"; braces are also written as character references,
    # because docxtpl turns "{_{" back into "{{" after rendering, which would change a
    # user's text. Only text with a brace pays for this.
    if isinstance(value, str) and ("{" in value or "}" in value) and not isinstance(value, Markup):
        text = str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")
        return Markup(text)
    return value


class Budget(threading.local):
    """What one render (in one thread) has used of the sandbox's bounds."""

    def __init__(self) -> None:
        self.range_items = 0
        self.calls = 0

    def reset(self) -> None:
        self.range_items = 0
        self.calls = 0


#: What the render running in this thread has used.
BUDGET = Budget()


class Bounded(Exception):
    """A bound of the sandbox was reached; the message says which."""


def _bounded_range(*args: Any) -> range:
    if not all(isinstance(a, int) for a in args):
        raise Bounded("range() takes whole numbers")
    items = range(*args)
    BUDGET.range_items += len(items)
    if BUDGET.range_items > MAX_RANGE_ITEMS:
        raise Bounded(f"range() made more than {MAX_RANGE_ITEMS:,} items in all")
    return items


def _check_length(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_LENGTH:
        raise Bounded(f"a value longer than {MAX_VALUE_LENGTH:,} items or characters")
    return value


class _Namespace(Namespace):
    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, _check_length(value))


#: A format with a huge width or precision: "{:>999999999}", "%999999999s".
_WIDE_FORMAT = re.compile(r"[{%][^{}%]*?\d{7,}")


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT:
        raise Bounded(f"a number larger than {MAX_NUMBER_ARGUMENT:,} passed to a call")


def _check_format(value: Any) -> None:
    if isinstance(value, str) and _WIDE_FORMAT.search(value):
        raise Bounded("a format with a width of more than 6 digits")


def _sized(size: int, count: Any) -> None:
    if isinstance(count, int) and size * count > MAX_VALUE_LENGTH:
        raise Bounded(f"a value longer than {MAX_VALUE_LENGTH:,} items or characters")


def _bounded_concat(pieces: Iterable[str]) -> str:
    # Written into one buffer as they come: a list of millions of small strings, as
    # "".join builds, would cost several times the text itself.
    out = io.StringIO()
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT_CHARS:
            raise Bounded(f"the document part grew beyond {MAX_OUTPUT_CHARS:,} characters")
        out.write(piece)
    return out.getvalue()


_FORBIDDEN_NODES = {
    nodes.Include: "{% include %}",
    nodes.Extends: "{% extends %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
}


class _Environment(SandboxedEnvironment):
    """Jinja's sandbox with the escaping above and bounds, compiling each source once.

    The sandbox refuses Python's internals (``__class__``, ``__subclasses__``…), so a
    template cannot reach the operating system. There is no loader: a template is one
    file, and ``include``, ``extends`` and ``import`` are refused when it is parsed.

    docxtpl compiles the template's XML on every render; the XML of one template does not
    change between renders, so its compiled form is kept (a few, most recent first).
    """

    intercepted_binops = frozenset({"*", "**", "//", "%"})

    def __init__(self) -> None:
        super().__init__(autoescape=True, finalize=_finalize)
        self.globals["range"] = _bounded_range
        self.globals["namespace"] = _Namespace
        self.globals.pop("lipsum", None)  # makes text on demand; no document needs it
        self.concat = _bounded_concat  # type: ignore[method-assign]
        for name, function in list(self.filters.items()):
            self.filters[name] = _bounded_filter(function, checks_value=name == "format")
        self._compiled: dict[str, Template] = {}
        self._lock = threading.Lock()  # renders may run in several threads

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            if isinstance(left, (str, list, tuple)):
                _sized(len(left), right)
            elif isinstance(right, (str, list, tuple)):
                _sized(len(right), left)
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise Bounded("a power above 64")
        elif operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        BUDGET.calls += 1
        if BUDGET.calls > MAX_CALLS:
            raise Bounded(f"more than {MAX_CALLS:,} calls")
        for value in (*args, *kwargs.values()):
            _check_number(value)
        if getattr(__obj, "__name__", "") in ("format", "format_map"):
            _check_format(getattr(__obj, "__self__", None))  # "{:>999999999}".format(x)
        return _check_length(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for kind, tag in _FORBIDDEN_NODES.items():
            for node in tree.find_all(kind):
                raise TemplateSyntaxError(
                    f"{tag} is not allowed: a kh-tthc template is a single file",
                    node.lineno,
                    name,
                    filename,
                )
        return tree

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        with self._lock:
            compiled = self._compiled.pop(source, None)
        if compiled is None:
            compiled = super().from_string(source)
        with self._lock:
            self._compiled[source] = compiled
            while len(self._compiled) > 16:
                del self._compiled[next(iter(self._compiled))]
        return compiled


def _bounded_filter(function: Any, *, checks_value: bool) -> Any:
    # Filters are called directly by compiled templates, not through the sandbox's call:
    # their numbers are checked here ("center(999999999)", "indent(999999999)").
    value_at = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if checks_value and len(args) > value_at:
            _check_format(args[value_at])
        for value in (*args[value_at + 1 :], *kwargs.values()):
            _check_number(value)
        return _check_length(function(*args, **kwargs))

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


_ENVIRONMENT = _Environment()


def environment() -> Environment:
    # docxtpl sets autoescape on the environment it is given; it is already on.
    return _ENVIRONMENT
