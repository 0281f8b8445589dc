"""The fields a template's context really has, and a template checked against them.

A template that names a field its context lacks renders an empty cell in an official
document without a word: Jinja prints an undefined value as nothing. The renderer already
refuses unknown top-level variables; this module goes all the way down, inside loops too.

:func:`describe` derives a context's shape from the data the context builders return
(:func:`~kh_tthc.render.context.plan_context`,
:func:`~kh_tthc.render.report_context.report_context`), never from a list kept by hand:
a mapping becomes its keys, a list the merged shape of its items. :func:`unknown_fields`
walks the template's Jinja syntax tree (``Environment.parse``) with the names each loop
binds (``{%tr for row in tasks %}`` binds ``row`` to an item of ``tasks``) and returns every
``row.dealine`` or ``row["dealine"]`` whose object is known and has no such field.

What is not known is not checked: a value a filter made, a ``set`` the walk cannot follow,
the items of an empty list, a mapping whose keys differ from row to row (a task's ``extra``
columns). Methods of mappings and lists (``row.extra.get(...)``) are allowed.

>>> shape = describe({"title": "Kế hoạch", "tasks": [{"number": "1", "deadline": "Quý IV"}]})
>>> field_paths(shape)
['tasks', 'tasks[].deadline', 'tasks[].number', 'title']
>>> unknown_fields("{% for row in tasks %}{{ row.dealine }}{% endfor %}", shape)
[('row.dealine', 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

from attrs import frozen
from jinja2 import nodes

from kh_tthc.render.sandbox import environment

__all__ = ["ANY", "ListOf", "Shape", "describe", "field_paths", "unknown_fields"]


@frozen
class ListOf:
    """A list whose items have the shape ``item``."""

    item: Shape


#: A value whose fields are not checked (a text, a number, or unknown).
ANY = "any"

#: A context's shape: a mapping of field names to shapes, a :class:`ListOf`, or the name
#: of a plain type ("str", "int"...), or :data:`ANY`.
Shape: TypeAlias = "Mapping[str, Shape] | ListOf | str"


def describe(value: Any) -> Shape:
    """The shape of ``value``: the fields a template may name in it, at every depth."""
    if isinstance(value, Mapping):
        if not value:
            return ANY  # no key to check against (a task without extra columns)
        return {str(k): describe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        item: Shape | None = None
        for v in value:
            item = describe(v) if item is None else _merge(item, describe(v))
        return ListOf(ANY if item is None else item)
    return type(value).__name__


def _merge(a: Shape, b: Shape) -> Shape:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if a.keys() != b.keys():
            return ANY  # keys that vary from row to row: the caller's own data
        return {k: _merge(a[k], b[k]) for k in a}
    if isinstance(a, ListOf) and isinstance(b, ListOf):
        return ListOf(_merge(a.item, b.item))
    return a if a == b else ANY


def field_paths(shape: Shape, prefix: str = "") -> list[str]:
    """Every field of ``shape`` as a path ("tasks[].deadline"), sorted."""
    out: list[str] = []
    if isinstance(shape, Mapping):
        for key, sub in shape.items():
            path = f"{prefix}.{key}" if prefix else key
            out.append(path)
            out += field_paths(sub, path)
    elif isinstance(shape, ListOf):
        out += field_paths(shape.item, f"{prefix}[]")
    return sorted(out)


# -- the walk ------------------------------------------------------------------------------

#: Filters whose result is the list they were given, reordered or filtered.
_SAME_LIST = frozenset({"list", "reverse", "rejectattr", "selectattr", "sort", "unique"})
#: Filters that pick one item of a list.
_ONE_ITEM = frozenset({"first", "last", "random"})


def _resolve(expr: nodes.Node, scope: Mapping[str, Shape]) -> Shape:
    """The shape of an expression's value, or ANY when it cannot be told."""
    if isinstance(expr, nodes.Name):
        return scope.get(expr.name, ANY)
    if isinstance(expr, nodes.Getattr):
        return _field(_resolve(expr.node, scope), expr.attr)
    if isinstance(expr, nodes.Getitem):
        outer = _resolve(expr.node, scope)
        if isinstance(expr.arg, nodes.Const) and isinstance(expr.arg.value, str):
            return _field(outer, expr.arg.value)
        return outer.item if isinstance(outer, ListOf) else ANY
    if isinstance(expr, nodes.Filter) and expr.node is not None:
        inner = _resolve(expr.node, scope)
        if expr.name in _SAME_LIST:
            return inner
        if expr.name in _ONE_ITEM and isinstance(inner, ListOf):
            return inner.item
    return ANY


def _field(shape: Shape, name: str) -> Shape:
    if isinstance(shape, Mapping):
        return shape.get(name, ANY)
    return ANY


def _missing(shape: Shape, name: str) -> bool:
    """Whether ``name`` is neither a field of ``shape`` nor a method Jinja would find."""
    if isinstance(shape, Mapping):
        return name not in shape and not hasattr(dict, name)
    if isinstance(shape, ListOf):
        return not hasattr(list, name)
    return False


def _dotted(expr: nodes.Node) -> str:
    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Getattr):
        return f"{_dotted(expr.node)}.{expr.attr}"
    if isinstance(expr, nodes.Getitem):
        if isinstance(expr.arg, nodes.Const):
            return f"{_dotted(expr.node)}[{expr.arg.value!r}]"
        return f"{_dotted(expr.node)}[…]"
    return "(…)"


def _names(target: nodes.Node) -> Iterator[str]:
    for name in target.find_all(nodes.Name):
        yield name.name
    if isinstance(target, nodes.Name):
        yield target.name


def _walk(node: nodes.Node, scope: dict[str, Shape], found: list[tuple[str, int]]) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, found)
        source = _resolve(node.iter, scope)
        inner = dict(scope, loop=ANY)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = source.item if isinstance(source, ListOf) else ANY
        else:
            inner.update(dict.fromkeys(_names(node.target), ANY))
        for child in (*node.body, *([node.test] if node.test else [])):
            _walk(child, inner, found)
        for child in node.else_:
            _walk(child, scope, found)
        return
    if isinstance(node, nodes.Macro | nodes.CallBlock):
        inner = dict(scope, **dict.fromkeys((a.name for a in node.args), ANY))
        inner.update(caller=ANY, varargs=ANY, kwargs=ANY)
        for child in node.iter_child_nodes():
            _walk(child, inner, found)
        return
    if isinstance(node, nodes.Assign):
        _walk(node.node, scope, found)
        value = _resolve(node.node, scope)
        if isinstance(node.target, nodes.Name):
            scope[node.target.name] = value
        else:
            scope.update(dict.fromkeys(_names(node.target), ANY))
        return
    if isinstance(node, nodes.AssignBlock | nodes.With):
        targets = node.targets if isinstance(node, nodes.With) else [node.target]
        for target in targets:
            scope.update(dict.fromkeys(_names(target), ANY))
    if isinstance(node, nodes.Getattr):
        if _missing(_resolve(node.node, scope), node.attr):
            found.append((_dotted(node), node.lineno))
    elif (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
        and _missing(_resolve(node.node, scope), node.arg.value)
    ):
        found.append((_dotted(node), node.lineno))
    for child in node.iter_child_nodes():
        _walk(child, scope, found)


def unknown_fields(source: str | nodes.Template, shape: Shape) -> list[tuple[str, int]]:
    """Each field a template names that its context's ``shape`` does not have.

    Args:
        source: The template's Jinja source, or its syntax tree.
        shape: The context's shape (:func:`describe`).

    Returns:
        (the expression as written, such as "row.dealine", and its line), in template order.

    Raises:
        jinja2.TemplateSyntaxError: the source does not parse.
    """
    tree = environment().parse(source) if isinstance(source, str) else source
    scope: dict[str, Shape] = dict(shape) if isinstance(shape, Mapping) else {}
    found: list[tuple[str, int]] = []
    _walk(tree, scope, found)
    return found
