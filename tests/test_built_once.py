"""The test documents' cache (tests/built_once.py): a copy per path, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import built_once as module
from tests.built_once import build_ahead, built_once


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    monkeypatch.setattr(module, "_AHEAD", [])
    return []


def _builder(calls: list[tuple[object, ...]]):  # type: ignore[no-untyped-def]
    @built_once({"size": 2})
    def numbers(path: Path, rows: list[list[int]] | None = None, *, size: int = 1) -> Path:
        calls.append((rows, size))
        path.write_text(f"{rows} {size} {len(calls)}", encoding="utf-8")
        return path

    return numbers


def test_built_once_per_arguments(tmp_path: Path, calls: list[tuple[object, ...]]) -> None:
    numbers = _builder(calls)
    first = numbers(tmp_path / "a", [[1, 2]])
    again = numbers(tmp_path / "b", [[1, 2]])
    other = numbers(tmp_path / "c", [[1, 3]])
    assert calls == [([[1, 2]], 1), ([[1, 3]], 1)]
    assert again == tmp_path / "b"
    assert first.read_text(encoding="utf-8") == again.read_text(encoding="utf-8") == "[[1, 2]] 1 1"
    assert other.read_text(encoding="utf-8") == "[[1, 3]] 1 2"


def test_a_changed_copy_is_not_given_again(tmp_path: Path, calls: list[tuple[object, ...]]) -> None:
    numbers = _builder(calls)
    numbers(tmp_path / "a").write_text("changed by a test", encoding="utf-8")
    assert numbers(tmp_path / "b").read_text(encoding="utf-8") == "None 1 1"


def test_unhashable_arguments_are_built_each_time(
    tmp_path: Path, calls: list[tuple[object, ...]]
) -> None:
    numbers = _builder(calls)
    numbers(tmp_path / "a", [{1, 2}])  # type: ignore[list-item]
    numbers(tmp_path / "b", [{1, 2}])  # type: ignore[list-item]
    assert len(calls) == 2


def test_build_ahead(tmp_path: Path, calls: list[tuple[object, ...]]) -> None:
    numbers = _builder(calls)
    assert build_ahead() == 1
    assert calls == [(None, 2)]
    assert numbers(tmp_path / "a", size=2).read_text(encoding="utf-8") == "None 2 1"
    assert calls == [(None, 2)]
