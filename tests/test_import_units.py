"""Unit cells: several bodies separated by commas, and what is kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.importing import Cell, RawRow, match_header, rows_to_tasks, split_units
from kh_tthc.importing.units import read_units


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        # Nghị quyết 03/NQ-CP, Phụ lục II (thetrungdtt/VNMasterplan, NQ03 PL2 Nhiem vu.md):
        # the support cells of tasks 1, 3 and 14, as printed.
        (
            "Ban Tuyên giáo Trung ương; các bộ, ngành, địa phương; VTV, VOV, TTXVN",
            ("Ban Tuyên giáo Trung ương", "các bộ, ngành, địa phương", "VTV", "VOV", "TTXVN"),
        ),
        (
            "Bộ Khoa học và Công nghệ, Bộ Giáo dục và Đào tạo",
            ("Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo"),
        ),
        (
            "Bộ Công an, Bộ Nội vụ, Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội, "
            "Thanh tra Chính phủ, các bộ, ngành và địa phương ",
            (
                "Bộ Công an",
                "Bộ Nội vụ",
                "Bộ Tài chính",
                "Bộ Lao động - Thương binh và Xã hội",
                "Thanh tra Chính phủ",
                "các bộ, ngành và địa phương",
            ),
        ),
        ("Các phòng, đơn vị thuộc Sở", ("Các phòng, đơn vị thuộc Sở",)),
        ("Sở Văn hóa, Thể thao và Du lịch", ("Sở Văn hóa, Thể thao và Du lịch",)),
        (
            "Văn phòng Sở (bộ phận tiếp nhận, trả kết quả)",
            ("Văn phòng Sở (bộ phận tiếp nhận, trả kết quả)",),
        ),
    ],
)
def test_split(cell: str, names: tuple[str, ...]) -> None:
    """Commas split where the next part names a body, and nowhere else."""
    assert split_units(cell) == names


def test_unsure_join_is_reported() -> None:
    """ "Bộ Tài chính, Kế hoạch" is kept whole, and said to be a guess."""
    assert read_units("Bộ Tài chính, Kế hoạch") == (
        ("Bộ Tài chính, Kế hoạch",),
        ("Bộ Tài chính, Kế hoạch",),
    )


def test_collective_join_is_not_reported() -> None:
    """A collective followed by more of itself is the normal case, not a guess."""
    assert read_units("Các phòng, đơn vị thuộc Sở")[1] == ()


HEADER = match_header(["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"])


def test_lead_and_support_warned() -> None:
    """A unit named to lead and to support is kept as lead, with a warning (it used to
    vanish from the support list silently)."""
    assert HEADER is not None
    row = RawRow(
        cells=tuple(
            Cell(text=t)
            for t in ("1", "Rà soát", "Các bộ, ngành liên quan", "Các bộ, ngành liên quan", "")
        ),
        label="row 2",
    )
    result = rows_to_tasks(HEADER, [row], path=None)
    task = result.tasks[0]
    assert task.lead
    assert task.support == ()
    assert any("both to lead and to support" in w.message for w in result.warnings)


def test_unsure_cell_warned_in_rows() -> None:
    """The unsure join reaches the import's warnings with the row and the text."""
    assert HEADER is not None
    row = RawRow(
        cells=tuple(Cell(text=t) for t in ("1", "Rà soát", "Bộ Tài chính, Kế hoạch", "", "")),
        label="row 2",
    )
    warnings = rows_to_tasks(HEADER, [row], path=None).warnings
    assert [w.where for w in warnings if "Bộ Tài chính, Kế hoạch" in w.message] == ["row 2, task 1"]


@given(
    st.lists(
        st.sampled_from(["Bộ Tài chính", "Sở Y tế", "Phòng Pháp chế", "UBND tỉnh"]),
        min_size=1,
        max_size=5,
        unique=True,
    )
)
def test_list_of_bodies_round_trip(names: list[str]) -> None:
    """Any list of body names joined with commas splits back into the same names."""
    assert split_units(", ".join(names)) == tuple(names)
