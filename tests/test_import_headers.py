"""Header words as data: every real example in the table gets its role."""

from __future__ import annotations

import pytest

from kh_tthc.importing import HEADER_WORDS, Role, classify_header, match_header, match_two_rows
from kh_tthc.importing.headers import HEADER_TABLE

EXAMPLES = [(line.role, text) for line in HEADER_TABLE for text, _ in line.examples]


@pytest.mark.parametrize(("role", "text"), EXAMPLES, ids=[t for _, t in EXAMPLES])
def test_every_example_gets_its_role(role: Role, text: str) -> None:
    """Each header cell quoted in the table is classified as the table says."""
    assert classify_header(text) is role


def test_every_line_has_a_sourced_example() -> None:
    """No line of the table is without a real example and its source."""
    for line in HEADER_TABLE:
        assert line.examples
        assert all(source for _, source in line.examples)


def test_header_words_list_the_examples() -> None:
    """HEADER_WORDS (used in messages and docs) is drawn from the table's examples."""
    assert "Tên gọi văn bản" in HEADER_WORDS[Role.TITLE]
    assert "Ngày dự kiến trình ban hành" in HEADER_WORDS[Role.DEADLINE]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Kết quả thực hiện nhiệm vụ", Role.RESULT),
        ("Tiến độ thực hiện", Role.RESULT),
        ("Tiến độ", Role.DEADLINE),
        ("Đơn vị phối hợp/theo dõi", Role.SUPPORT),
        ("Hình thức xử lý", Role.EXTRA),
        ("Người xử lý", Role.EXTRA),
        ("", None),
    ],
)
def test_order_of_the_lines(text: str, role: Role | None) -> None:
    """Result words come before the task and time words that they contain."""
    assert classify_header(text) is role


def test_tracking_table_header() -> None:
    """A tracking table of draft documents is recognised as a task table."""
    header = match_header(
        ["STT", "Tên gọi văn bản", "Cơ quan chủ trì soạn thảo", "Thời hạn trình", "Tiến độ"]
    )
    assert header is not None
    assert header.roles == (Role.NUMBER, Role.TITLE, Role.LEAD, Role.DEADLINE, Role.EXTRA)


def test_two_result_columns_both_results() -> None:
    """A report table's two result columns keep their role (and so their text)."""
    header = match_header(
        [
            "TT",
            "NHIỆM VỤ",
            "KẾT QUẢ YÊU CẦU",
            "THỜI GIAN HOÀN THÀNH",
            "CƠ QUAN THỰC HIỆN",
            "TIẾN ĐỘ",
            "KẾT QUẢ HIỆN NAY",
        ]
    )
    assert header is not None
    assert [c.role for c in header.columns] == [
        Role.NUMBER,
        Role.TITLE,
        Role.RESULT,
        Role.DEADLINE,
        Role.LEAD,
        Role.EXTRA,
        Role.RESULT,
    ]


class TestTwoRows:
    def test_sub_columns_named_after_their_parent(self) -> None:
        """Sub-columns under a merged parent are called "parent: sub", never "Cột n"."""
        header = match_two_rows(
            ["STT", "Tên văn bản", "Cơ quan soạn thảo", "Hình thức xử lý", "", "", "Ghi chú"],
            ["", "", "", "Thay thế", "Bãi bỏ", "Ban hành mới", ""],
        )
        assert header is not None
        assert [c.header for c in header.columns] == [
            "STT",
            "Tên văn bản",
            "Cơ quan soạn thảo",
            "Hình thức xử lý: Thay thế",
            "Hình thức xử lý: Bãi bỏ",
            "Hình thức xử lý: Ban hành mới",
            "Ghi chú",
        ]

    def test_a_task_row_is_not_a_sub_header(self) -> None:
        """The first task row under a header with an unnamed column is not taken for
        sub-headings: its number and text cells are filled."""
        assert (
            match_two_rows(
                ["STT", "Nội dung", "Chủ trì", "Thời hạn", ""],
                ["1", "Rà soát", "Sở Y tế", "Năm 2025", "ghi chú"],
            )
            is None
        )


def test_docs_list_the_header_words() -> None:
    """docs/import.md lists exactly the header cells of the table, under their roles."""
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "import.md").read_text("utf-8")
    block = text.split("<!-- header-words:start -->")[1].split("<!-- header-words:end -->")[0]
    labels = {
        "number": Role.NUMBER,
        "task": Role.TITLE,
        "lead unit": Role.LEAD,
        "support units": Role.SUPPORT,
        "completion time": Role.DEADLINE,
        "result": Role.RESULT,
    }
    listed: dict[Role, tuple[str, ...]] = {}
    for line in block.strip().splitlines()[2:]:
        label, words = (cell.strip() for cell in line.strip("|").split("|"))
        listed[labels[label]] = tuple(w.strip() for w in words.split("·"))
    assert listed == HEADER_WORDS
