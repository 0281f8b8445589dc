"""Every table shape the importer reads imports alike after LibreOffice has resaved the
file (docx → odt → docx), as a user's office suite rewrites it: the tasks, and the
document's header and signer.

The office-suite features (automatic numbering, tracked changes, split tables, content
controls) are resaved in ``test_import_office.py``, the legacy fonts in
``test_legacy_fonts.py``; the shapes of tables and headers are here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kh_tthc import ImportResult, import_docx
from tests.fixtures_docx import UP, C, build_docx, merged_docx, seed_docx, two_row_header_docx
from tests.fixtures_office import resave
from tests.fixtures_real import real_docx


def tracking_docx(path: Path) -> Path:
    """A tracking table of draft documents (illustrative rows): "Hình thức xử lý" merged
    over three sub-columns, the other headings merged down both header rows."""
    b = {"bold": True}
    rows: list[list[C | str]] = [
        [
            C("STT", down=2, **b),
            C("Tên gọi văn bản", down=2, **b),
            C("Cơ quan chủ trì soạn thảo", down=2, **b),
            C("Hình thức xử lý", span=3, **b),
            C("Thời hạn trình", down=2, **b),
        ],
        [UP, UP, UP, C("Thay thế", **b), C("Bãi bỏ", **b), C("Ban hành mới", **b), UP],
        ["1", "Quyết định quy định về ví dụ", "Sở Tư pháp", "x", "", "", "Tháng 10/2025"],
        ["2", "Quyết định bãi bỏ ví dụ", "Sở Tài chính, Sở Nội vụ", "", "x", "", "Quý IV/2025"],
    ]
    return build_docx(path, rows)


#: Each shape: a builder writing the document at the path it is given.
SHAPES: dict[str, Callable[[Path], Path]] = {
    "sở plan (the seed)": seed_docx,
    "merged cells": merged_docx,
    "two-row header": two_row_header_docx,
    "tracking table, sub-columns": tracking_docx,
    "government resolution": lambda p: real_docx(
        p, "nq03-cp-2025-header", "nq03-cp-2025-phu-luc-ii"
    ),
    "appendix without a header": lambda p: real_docx(p, "nq03-cp-2025-phu-luc-ii"),
    "party report": lambda p: real_docx(p, "dang-uy-chinh-phu-2025-phu-luc-1"),
}


def summary(result: ImportResult) -> tuple[object, ...]:
    plan = result.plan
    tasks = [
        (
            str(t.number),
            t.title,
            t.group,
            plan.unit_names(t.lead),
            plan.unit_names(t.support),
            None if t.deadline is None else str(t.deadline),
            t.extra,
        )
        for t in plan.tasks
    ]
    front = (plan.issuer, plan.number, plan.issued, plan.title, plan.signer, plan.recipients)
    return (front, tasks)


@pytest.mark.usefixtures("soffice")
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_resaved_imports_alike(name: str, tmp_path: Path) -> None:
    """The resaved document gives the same plan as the original, every row accounted
    for in both."""
    original = SHAPES[name](tmp_path / "original.docx")
    first = import_docx(original, year=2025)
    assert first.plan.tasks, "the fixture has tasks"
    again = import_docx(resave(original, tmp_path), year=2025)
    assert summary(again) == summary(first)
