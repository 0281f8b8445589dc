"""Objects of frozen, slotted attrs classes made on the hot paths of a large portfolio.

A frozen attrs class's ``__init__`` binds its keywords and sets each slot through
``object.__setattr__``, looking the name up each time; the agenda of 500 plans makes
192,000 occurrences and as many agenda items, and reading them makes 30,000 tasks. A
maker from :func:`slot_maker` sets the same slots through their descriptors, in code
written once per class, as attrs writes its own ``__init__``: the object is the one the
constructor makes, equal, hashed and shown alike, and still frozen.

A maker runs no converter, validator or default: its caller passes every field, with
values the constructor would keep as they are (the tests of each caller compare the two).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def slot_maker(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` in order (by position or by name) and
    returning the object with those values, made without ``cls.__init__``.

    Refuses (``TypeError``) a class without slots of its own or with an
    ``__attrs_pre_init__`` or ``__attrs_post_init__``, which a maker would skip.

    >>> from kh_tthc.model import Task, TaskNumber
    >>> from kh_tthc.schedule import Occurrence, Status
    >>> make = slot_maker(Occurrence)
    >>> task = Task(number=TaskNumber((1,)), title="Rà soát", lead=("vp",))
    >>> made = make(task, "by_date", Status.UPCOMING, None, None, "", False)
    >>> made == Occurrence(task=task, kind="by_date", status=Status.UPCOMING, due=None,
    ...                    period=None, label="", on_day_off=False)
    True
    """
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} has no slots of its own")
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        if hasattr(cls, hook):
            raise TypeError(f"{cls.__qualname__} has {hook}, which a maker would skip")
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    o = new(cls)"]
    for i, name in enumerate(names):
        scope[f"set_{i}"] = cls.__dict__[name].__set__
        lines.append(f"    set_{i}(o, {name})")
    lines.append("    return o")
    exec(compile("\n".join(lines), f"<slot maker of {cls.__qualname__}>", "exec"), scope)
    make: Callable[..., T] = scope["make"]
    return make
