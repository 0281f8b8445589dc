"""Header words: classification and matching of header rows."""

from __future__ import annotations

import pytest

from kh_tthc.importing import (
    Cell,
    RawRow,
    Role,
    classify_header,
    match_header,
)

HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def rows(*data: tuple[str, ...]) -> list[RawRow]:
    return [
        RawRow(cells=tuple(Cell(text=t) for t in cells), label=f"row {i}")
        for i, cells in enumerate(data, start=2)
    ]


def numbers(result: object) -> list[str]:
    return [str(t.number) for t in result.tasks]  # type: ignore[attr-defined]


class TestClassifyHeader:
    @pytest.mark.parametrize(
        ("text", "role"),
        [
            ("STT", Role.NUMBER),
            ("TT", Role.NUMBER),
            ("Số TT", Role.NUMBER),
            ("Nội dung công việc", Role.TITLE),
            ("Nội dung nhiệm vụ", Role.TITLE),
            ("Nhiệm vụ", Role.TITLE),
            ("NỘI DUNG CÔNG VIỆC", Role.TITLE),
            ("Đơn vị chủ trì", Role.LEAD),
            ("Cơ quan chủ trì", Role.LEAD),
            ("Chủ trì", Role.LEAD),
            ("Đơn vị chủ trì thực hiện", Role.LEAD),
            ("Đơn vị thực hiện", Role.LEAD),
            ("Đơn vị phối hợp", Role.SUPPORT),
            ("Cơ quan phối hợp", Role.SUPPORT),
            ("Đơn vị phối hợp/theo dõi", Role.SUPPORT),
            ("Thời gian hoàn thành", Role.DEADLINE),
            ("Thời gian thực hiện", Role.DEADLINE),
            ("Thời hạn", Role.DEADLINE),
            ("thoi gian hoan thanh", Role.DEADLINE),
            ("Sản phẩm", Role.EXTRA),
            ("Ghi chú", Role.EXTRA),
            ("Kinh phí", Role.EXTRA),
        ],
    )
    def test_wordings(self, text: str, role: Role) -> None:
        """Every wording the issue lists is recognised, whatever its case and accents."""
        assert classify_header(text) is role

    def test_decomposed_text(self) -> None:
        """Header text stored decomposed (as Word often does) matches the same role."""
        import unicodedata

        assert classify_header(unicodedata.normalize("NFD", "Thời hạn")) is Role.DEADLINE

    def test_empty(self) -> None:
        """An empty header cell has no role."""
        assert classify_header("  ") is None


class TestMatchHeader:
    def test_layout_table_is_not_a_header(self) -> None:
        """The document's header table (issuer / motto) is not taken for a task table."""
        assert match_header(["UBND TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) is None

    def test_needs_a_task_column(self) -> None:
        """A table of numbers, units and dates without a task column is not a task table."""
        assert match_header(["STT", "Chủ trì", "Thời hạn"]) is None

    def test_needs_two_more_columns(self) -> None:
        """A task column and a number column alone are not enough."""
        assert match_header(["STT", "Nội dung", "Ghi chú"]) is None

    def test_second_column_of_a_role_is_extra(self) -> None:
        """A role seen twice keeps the first column; the second is kept as an extra one."""
        h = match_header(["Nhiệm vụ", "Chủ trì", "Thời hạn", "Thời gian bắt đầu"])
        assert h is not None
        assert [c.role for c in h.columns] == [Role.TITLE, Role.LEAD, Role.DEADLINE, Role.EXTRA]
        assert h.columns[3].header == "Thời gian bắt đầu"
