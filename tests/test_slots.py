"""kh_tthc._slots: objects of frozen, slotted attrs classes made without __init__."""

from __future__ import annotations

import attrs
import pytest
from attrs import define, frozen

from kh_tthc._slots import slot_maker


@frozen
class Point:
    x: int
    y: tuple[str, ...]


def test_the_object_the_constructor_makes() -> None:
    make = slot_maker(Point)
    made = make(1, ("a",))
    assert type(made) is Point
    assert made == Point(x=1, y=("a",))
    assert hash(made) == hash(Point(x=1, y=("a",)))
    assert repr(made) == "Point(x=1, y=('a',))"
    assert make(y=(), x=2) == Point(2, ())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.x = 3  # type: ignore[misc]


def test_every_field_is_asked_for() -> None:
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'y'"):
        slot_maker(Point)(1)


def test_converters_are_not_run() -> None:
    @frozen
    class Upper:
        text: str = attrs.field(converter=str.upper)

    assert slot_maker(Upper)("a").text == "a"
    assert Upper("a").text == "A"


def test_refuses_what_a_maker_would_skip() -> None:
    @frozen
    class Checked:
        x: int

        def __attrs_post_init__(self) -> None:
            pass

    @define(slots=False)
    class Plain:
        x: int

    with pytest.raises(
        TypeError, match="Checked has __attrs_post_init__, which a maker would skip"
    ):
        slot_maker(Checked)
    with pytest.raises(TypeError, match="Plain has no slots of its own"):
        slot_maker(Plain)
