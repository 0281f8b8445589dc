"""vn.shows, the whole-plan checks' test of an empty title or unit name, against vn.visible."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.vn import shows, visible

#: Characters that show nothing, and some that do, mixed so that every arrangement comes up.
_PARTS = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u00ad", "\u200b", "\u200f", "\u2060"])
_MIXED = st.lists(_PARTS | st.sampled_from(["a", "Đ", "̀", "1", "-"]), max_size=8).map("".join)


@given(_MIXED | st.text(max_size=20))
def test_shows_is_visible_not_empty(text: str) -> None:
    assert shows(text) is (visible(text) != "")


def test_examples() -> None:
    assert shows("") is False
    assert shows("\u200b \u200b\ufeff") is False
    assert shows("\u200ba") is True
    assert shows("Kế hoạch") is True
