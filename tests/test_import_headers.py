"""Header words as data: every real example in the table gets its role."""

from __future__ import annotations

import unicodedata

import pytest

from kh_tthc.importing import HEADER_WORDS, Role, classify_header, match_header, match_two_rows
from kh_tthc.importing.headers import HEADER_TABLE

EXAMPLES = [(line.role, text) for line in HEADER_TABLE for text, _ in line.examples]


def _ascii_id(text: str) -> str:
    """ "Số TT" as "So TT": an id that stays the same each time pytest collects the tests in
    one process (mutmut collects them several times, and pytest escapes an id that is not
    plain ASCII, a backslash included, once more each time)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return text.encode("ascii", "ignore").decode()


@pytest.mark.parametrize(("role", "text"), EXAMPLES, ids=[_ascii_id(t) for _, t in EXAMPLES])
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


class TestHeaderWords:
    """`_words_by_role` runs once, when the module is imported: called here directly, so
    that its rules (one wording per spelling, the table's order, every role) are checked."""

    def test_built_table_is_the_one_in_use(self) -> None:
        from kh_tthc.importing.headers import _words_by_role

        assert _words_by_role() == HEADER_WORDS

    def test_wordings_by_role_hand_checked(self) -> None:
        """Each role's examples in the table's order; "THỜI GIAN HOÀN THÀNH" differs from
        "Thời gian hoàn thành" only in case and is listed once, as first written."""
        from kh_tthc.importing.headers import _words_by_role

        words = _words_by_role()
        assert list(words) == [
            Role.NUMBER,
            Role.RESULT,
            Role.DEADLINE,
            Role.LEAD,
            Role.SUPPORT,
            Role.TITLE,
        ]
        assert words[Role.NUMBER] == ("STT", "TT", "Số TT", "Số thứ tự")
        assert words[Role.DEADLINE] == (
            "Thời gian hoàn thành",
            "Thời gian thực hiện",
            "Thời hạn",
            "Thời hạn hoàn thành",
            "Thời hạn trình",
            "Ngày dự kiến trình ban hành",
            "Tiến độ",
        )
        # Two lines of the table give the lead role: their examples are joined in order.
        assert words[Role.LEAD] == (
            "Đơn vị chủ trì thực hiện",
            "Cơ quan chủ trì",
            "Cơ quan chủ trì soạn thảo",
            "Bộ, ngành chủ trì",
            "Chủ trì",
            "CƠ QUAN THỰC HIỆN",
            "Cơ quan soạn thảo",
            "Đơn vị thực hiện",
            "Trách nhiệm thực hiện",
        )


def test_header_help_message() -> None:
    """The advice printed when no header row is found, word for word."""
    from kh_tthc.importing import header_help

    assert header_help() == (
        "a header row with a task column ('Nội dung công việc' / 'Tên nhiệm vụ' / "
        "'NHIỆM VỤ'...) and at least two of 'STT', 'Đơn vị chủ trì thực hiện', "
        "'Đơn vị phối hợp/theo dõi', 'Thời gian hoàn thành' "
        "(wording, case and accents may vary)"
    )


class TestHeaderRules:
    """The header rules one at a time (illustrative header cells; issue 11)."""

    def test_text_key(self) -> None:
        """No case, accents, notes in brackets or punctuation; "/" and "&" are kept."""
        from kh_tthc.importing.headers import text_key

        assert text_key("Nội dung (ghi rõ, nếu có) / Đơn vị KH&CN; - số 1.") == (
            "noi dung / đon vi kh&cn so 1"
        )

    @pytest.mark.parametrize(
        ("text", "role"),
        [
            ("Thời gianx", Role.EXTRA),  # "start" phrases end at a word's end
            ("Kết quảabc", Role.EXTRA),
            ("Xem nội dung chính", Role.TITLE),  # "word" phrases stand anywhere
            ("nhiệm vụx", Role.EXTRA),
            ("STT cũ", Role.EXTRA),  # "whole" phrases are the whole cell
            ("Số thứ tự", Role.NUMBER),
        ],
    )
    def test_where_the_phrase_stands(self, text: str, role: Role) -> None:
        assert classify_header(text) is role

    def test_two_core_columns_are_enough(self) -> None:
        """A task column and exactly two of number, lead, support and completion time;
        an empty header cell is named after its place."""
        h = match_header(["Nội dung", "STT", "Thời hạn", ""])
        assert h is not None
        assert [(c.role, c.header) for c in h.columns] == [
            (Role.TITLE, "Nội dung"),
            (Role.NUMBER, "STT"),
            (Role.DEADLINE, "Thời hạn"),
            (Role.EXTRA, "Cột 4"),
        ]
        assert h.index(Role.LEAD) is None
        assert h.index(Role.DEADLINE) == 2
        assert h.second_row == ()

    def test_lower_row_empty_or_a_header_itself(self) -> None:
        """No second header row when the lower row is empty, or is a header by itself
        (the upper row is then a title above the table)."""
        assert match_two_rows(["STT", "Nội dung", "Chủ trì", "Thời hạn"], ["", " ", "", ""]) is None
        assert match_two_rows(["Kế hoạch", "", ""], ["STT", "Nội dung", "Chủ trì"]) is None
        assert match_two_rows(["A", "B"], ["C", "D"]) is None

    def test_sub_headings_named_after_the_parent_unless_the_same(self) -> None:
        h = match_two_rows(
            ["STT", "Nội dung", "Đơn vị", "", ""], ["", "", "Chủ trì", "CHỦ TRÌ", "Phối hợp"]
        )
        assert h is not None
        assert [(c.role, c.header) for c in h.columns] == [
            (Role.NUMBER, "STT"),
            (Role.TITLE, "Nội dung"),
            (Role.LEAD, "Đơn vị: Chủ trì"),
            (Role.EXTRA, "Đơn vị: CHỦ TRÌ"),
            (Role.SUPPORT, "Đơn vị: Phối hợp"),
        ]
        assert h.second_row == ("", "", "Chủ trì", "CHỦ TRÌ", "Phối hợp")

    def test_a_lower_row_wider_than_the_upper(self) -> None:
        """The upper row's last parent is carried over the lower row's extra cells; a
        sub-heading equal to its parent keeps its own name."""
        h = match_two_rows(["STT", "Nội dung", "Chủ trì"], ["", "", "Chủ trì", "Thời hạn"])
        assert h is not None
        assert [(c.role, c.header) for c in h.columns] == [
            (Role.NUMBER, "STT"),
            (Role.TITLE, "Nội dung"),
            (Role.LEAD, "Chủ trì"),
            (Role.DEADLINE, "Chủ trì: Thời hạn"),
        ]

    def test_fewer_roles_than_the_upper_row_alone(self) -> None:
        """Two rows that describe fewer columns than the upper row alone are no header."""
        assert (
            match_two_rows(
                ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"],
                ["", "", "Ghi chú", "", ""],
            )
            is None
        )
