"""The document around the table: issuer, number, date, title, signer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kh_tthc.importing import (
    Cell,
    FrontMatter,
    RawRow,
    build_plan,
    match_header,
    read_front_matter,
    rows_to_tasks,
)

HEADER = match_header(["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời hạn"])


def rows(*data: tuple[str, ...]) -> list[RawRow]:
    return [
        RawRow(cells=tuple(Cell(text=t) for t in cells), label=f"row {i}")
        for i, cells in enumerate(data, start=2)
    ]


def numbers(result: object) -> list[str]:
    return [str(t.number) for t in result.tasks]  # type: ignore[attr-defined]


class TestFrontMatter:
    def test_seed_header(self) -> None:
        """The seed plan's header lines give issuer, number, date, title and signer."""
        fm = read_front_matter(
            [
                "UBND TỈNH THÁI NGUYÊN",
                "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                "Số: /KH-SKHCN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Thái Nguyên, ngày    tháng 8 năm 2025",
                "KẾ HOẠCH",
                "Kiểm soát thủ tục hành chính tại Sở Khoa học và Công nghệ",
                "Thực hiện Kế hoạch số 22/KH-UBND ...",
                "KT. GIÁM ĐỐC",
                "PHÓ GIÁM ĐỐC",
                "Nguyễn Thị Thuỷ",
            ]
        )
        assert fm.parent == "UBND tỉnh Thái Nguyên"
        assert fm.issuer == "Sở Khoa học và Công nghệ"  # as the title spells it
        assert str(fm.number) == "/KH-SKHCN"
        assert fm.place == "Thái Nguyên"
        assert (fm.issued.year, fm.issued.month, fm.issued.day) == (2025, 8, None)  # type: ignore[union-attr]
        assert fm.title == "Kiểm soát thủ tục hành chính tại Sở Khoa học và Công nghệ"
        assert fm.signer is not None
        assert fm.signer.name == "Nguyễn Thị Thuỷ"
        assert fm.signer.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
        assert fm.guessed_case == (("parent", "UBND TỈNH THÁI NGUYÊN"),)

    def test_nothing(self) -> None:
        """Lines without a header give an empty front matter, not an error."""
        assert read_front_matter(["Một đoạn văn bình thường."]) == FrontMatter()

    def test_placeholders_are_reported(self) -> None:
        """Each missing header value becomes a placeholder and a warning naming its field."""
        table = rows_to_tasks(HEADER, rows(("1", "A", "Sở Y tế", "", "Thường xuyên")), path=None)
        result = build_plan(FrontMatter(), table, path=Path("x.csv"), year=2026)
        where = {w.where for w in result.warnings}
        assert {"period", "issued", "number", "issuer.name", "title", "signer"} <= where
        assert result.plan.period.start == date(2026, 1, 1)
