"""What file data may hold (kh_tthc.io.guard): the quick answer for a clean tree agrees
with the full walk that names every problem."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.io.guard import _plain_tree, _tree_problems, tree_problems
from kh_tthc.io.source import MAX_DEPTH

#: Text that is fine, and text holding what the rules refuse (a control character, a
#: bidirectional control, a lone surrogate).
_TEXT = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["Rà soát", "a\tb\nc", "a\x1bb", "x\u202ey", "\ud800", "\x7f", " "]),
)
_SCALARS = st.one_of(
    _TEXT,
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 10**30 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(date(1800, 1, 1), date(2200, 12, 31)),
    st.sampled_from([datetime(1850, 1, 1), datetime(2025, 1, 1), time(8, 30)]),
    st.none(),
)
_KEYS = st.one_of(_TEXT, st.integers(0, 3))


def _trees(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(_KEYS, inner, max_size=4),
            st.lists(inner, max_size=2).map(tuple),
        ),
        max_leaves=20,
    )


def _usual(data: Any) -> bool:
    """Whether ``data`` is what the quick check answers itself: dicts with text keys and
    lists, a list whose first item is text holding only text."""
    if type(data) is dict:
        return all(type(k) is str for k in data) and all(map(_usual_item, data.values()))
    if type(data) is list:
        if data and type(data[0]) is str:
            return all(type(x) is str for x in data)
        return all(map(_usual_item, data))
    return False


def _usual_item(item: Any) -> bool:
    if type(item) in (dict, list):
        return _usual(item)
    return not isinstance(item, dict | list)


def _nested(depth: int, leaf: Any) -> Any:
    tree: Any = leaf
    for i in range(depth):
        tree = [tree] if i % 2 else {"k": tree}
    return tree


class TestTreeProblems:
    @given(_trees(_SCALARS))
    def test_the_quick_answer_is_the_full_walks(self, data: Any) -> None:
        """Whatever the tree holds, tree_problems lists what the full walk lists, and the
        quick check calls a tree clean exactly when the walk finds nothing."""
        full = list(_tree_problems(data))
        assert list(tree_problems(data)) == full
        if _plain_tree(data):
            assert full == []
        elif full == []:  # left to the full walk: only for what the quick check leaves
            assert not _usual(data)

    @given(st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3), _TEXT)
    def test_nesting_at_the_limit(self, depth: int, leaf: str) -> None:
        data = _nested(depth, leaf)
        full = list(_tree_problems(data))
        assert list(tree_problems(data)) == full
        assert _plain_tree(data) == (full == [])

    def test_a_clean_tree_and_a_bad_one(self) -> None:
        """Both answers on trees whose verdict is known: the tests above are not vacuous."""
        clean = {"tasks": [{"title": "Rà soát", "lead": ["vp"], "n": 3, "d": date(2025, 1, 1)}]}
        bad = {"tasks": [{"title": "Rà soát", "lead": ["v\x1bp"]}]}
        assert _plain_tree(clean)
        assert list(tree_problems(clean)) == []
        assert not _plain_tree(bad)
        assert list(tree_problems(bad)) == [
            ("tasks[0].lead[0]", "holds a control character (U+001B)")
        ]
        for value in (float("inf"), 10**30, date(1800, 1, 1), _nested(MAX_DEPTH + 1, "")):
            assert not _plain_tree({"x": [value]}), value
            assert list(tree_problems({"x": [value]})) == list(_tree_problems({"x": [value]}))
