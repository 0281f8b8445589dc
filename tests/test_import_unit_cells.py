"""Unit cells and unit ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.importing import (
    Cell,
    RawRow,
    match_header,
    rows_to_tasks,
    slug,
    split_units,
)

HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def rows(*data: tuple[str, ...]) -> list[RawRow]:
    return [
        RawRow(cells=tuple(Cell(text=t) for t in cells), label=f"row {i}")
        for i, cells in enumerate(data, start=2)
    ]


def numbers(result: object) -> list[str]:
    return [str(t.number) for t in result.tasks]  # type: ignore[attr-defined]


class TestSplitUnits:
    @pytest.mark.parametrize(
        ("cell", "names"),
        [
            ("Văn phòng Sở", ("Văn phòng Sở",)),
            ("- Văn phòng Sở; - Các phòng thuộc Sở.", ("Văn phòng Sở", "Các phòng thuộc Sở")),
            ("- Văn phòng Sở\n- Các phòng thuộc Sở", ("Văn phòng Sở", "Các phòng thuộc Sở")),
            ("Sở Tư pháp;\nSở Nội vụ;", ("Sở Tư pháp", "Sở Nội vụ")),
            ("- Văn phòng Sở - Các phòng thuộc Sở", ("Văn phòng Sở", "Các phòng thuộc Sở")),
            ("Các phòng, đơn vị thuộc Sở", ("Các phòng, đơn vị thuộc Sở",)),
            ("+ Sở Y tế\n+ Sở Tài chính", ("Sở Y tế", "Sở Tài chính")),
            ("", ()),
        ],
    )
    def test_forms(self, cell: str, names: tuple[str, ...]) -> None:
        """Units on separate lines, after "- " or separated by ";" come apart; commas stay."""
        assert split_units(cell) == names

    @given(st.text(max_size=80))
    def test_names_are_clean(self, cell: str) -> None:
        """Whatever the cell, names are non-empty, stripped and without item marks."""
        for name in split_units(cell):
            assert name == name.strip()
            assert name
            assert not name.startswith(("-", "+", ";"))
            assert ";" not in name


class TestSlug:
    @given(st.text(min_size=1, max_size=60))
    def test_always_a_valid_id(self, name: str) -> None:
        """Every name gives a short id the plan file accepts."""
        from kh_tthc import Unit

        s = slug(name)
        assert Unit.is_valid_id(s)
        assert len(s) <= 10

    def test_initials(self) -> None:
        """Initials of the words, acronyms kept whole, accents and "đ" made ASCII."""
        assert slug("Sở Tư pháp") == "stp"
        assert slug("Đơn vị TTHC") == "dvtthc"


class TestUnits:
    def test_same_name_same_unit(self) -> None:
        """Names equal once cleaned and compared case-insensitively are one unit."""
        r = rows(
            ("1", "A", "Văn phòng Sở", "", ""),
            ("2", "B", "văn phòng  sở.", "VĂN PHÒNG SỞ", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert len(result.units) == 1
        assert result.units[0].name == "Văn phòng Sở"
        assert result.tasks[1].lead == (result.units[0].id,)
        assert result.tasks[1].support == ()  # already the lead

    def test_ids_unique(self) -> None:
        """Different names with the same initials get different ids."""
        r = rows(("1", "A", "Sở Tư pháp\nSở Tài chính\nSở Tài nguyên", "", ""))
        ids = [u.id for u in rows_to_tasks(HEADER, r, path=None).units]
        assert len(set(ids)) == 3
