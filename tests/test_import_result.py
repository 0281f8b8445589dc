"""The plan assembled from front matter and tasks: period and placeholders."""

from __future__ import annotations

from datetime import date

import pytest

from kh_tthc.importing import (
    Cell,
    FrontMatter,
    RawRow,
    build_plan,
    match_header,
    period_from_text,
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


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("Kế hoạch 04 tháng cuối năm 2025", date(2025, 9, 1), date(2025, 12, 31)),
            ("Kế hoạch 6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30)),
            ("Kế hoạch năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
            ("Kế hoạch Quý IV/2025", date(2025, 10, 1), date(2025, 12, 31)),
            ("Kế hoạch giai đoạn 2021 - 2025", date(2021, 1, 1), date(2025, 12, 31)),
        ],
    )
    def test_from_title(self, text: str, start: date, end: date) -> None:
        """The period a title names is read from it."""
        span = period_from_text(text)
        assert span is not None
        assert (span.start, span.end) == (start, end)

    def test_none(self) -> None:
        """A title without a period gives None."""
        assert period_from_text("Kiểm soát thủ tục hành chính") is None

    def test_deadlines_widen_the_period(self) -> None:
        """A dated completion time outside the title's period widens it, with a warning,
        so that the plan stays valid."""
        table = rows_to_tasks(HEADER, rows(("1", "A", "Sở Y tế", "", "Năm 2026")), path=None)
        front = FrontMatter(title="Kế hoạch năm 2025")
        result = build_plan(front, table, path=None)
        assert result.plan.period.end == date(2026, 12, 31)
        assert any(w.where == "period" for w in result.warnings)


@pytest.mark.parametrize(
    ("title", "span"),
    [
        ("Kế hoạch thực hiện Nghị quyết 57 ngày 22/12/2024 năm 2025", ("2025-01-01", "2025-12-31")),
        (
            "Chương trình thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 "
            "giai đoạn 2025-2030",
            ("2025-01-01", "2030-12-31"),
        ),
        ("Thực hiện Nghị định 30/2020/NĐ-CP trong năm 2026", ("2026-01-01", "2026-12-31")),
    ],
)
def test_period_ignores_what_the_title_cites(title: str, span: tuple[str, str]) -> None:
    """The period is the one the title names, never a date or document number it cites."""
    period = period_from_text(title)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == span


def test_period_none_when_only_cited() -> None:
    """A title that only cites a dated resolution names no period of its own."""
    assert period_from_text("Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024") is None
