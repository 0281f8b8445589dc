"""Unit cells: several bodies separated by commas, and what is kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc.importing import Cell, RawRow, match_header, rows_to_tasks, slug, split_units
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


class TestUnitTableName:
    def test_name_of_a_known_id(self) -> None:
        """A unit's name is found from the id the table gave it."""
        from kh_tthc.importing.units import UnitTable

        table = UnitTable()
        assert table.ids(["Sở Tư pháp", "Sở Tài chính"]) == ("stp", "stc")
        assert table.name("stc") == "Sở Tài chính"

    def test_name_of_an_unknown_id_is_the_id(self) -> None:
        """An id the table never gave is shown as it is, not as None or an error."""
        from kh_tthc.importing.units import UnitTable

        table = UnitTable()
        table.ids(["Sở Tư pháp"])
        assert table.name("ubnd") == "ubnd"
        assert UnitTable().name("stp") == "stp"


class TestUnitRules:
    """The unit rules one at a time, on illustrative cells (issue 11's surviving mutants)."""

    @pytest.mark.parametrize(
        ("part", "body"),
        [
            ("CA", True),  # an acronym of two capitals or more
            ("VTV", True),
            ("A", False),
            ("Ab", False),
            ("X1", False),
            ("Bộ", True),
            ("Bộ Tài chính", True),
            ("bộ Tài chính", False),  # a body word must be capitalised
            ("Hội đồng nhân dân", True),
            ("Bộtrưởng", False),  # the body word must be a whole word
            ("Các bộ", True),
            ("các ngành nghề", True),  # a collective, in lower case too
            ("các đơn vị", True),
            ("các", False),
            ("các anh", False),
            ("Kế hoạch", False),
        ],
    )
    def test_names_a_body(self, part: str, body: bool) -> None:
        from kh_tthc.importing.units import _names_a_body

        assert _names_a_body(part) is body

    def test_commas_inside_brackets_are_not_split(self) -> None:
        from kh_tthc.importing.units import _top_level_commas

        assert _top_level_commas("A (b, c), D [e, f], G) , H") == [
            "A (b, c)",
            " D [e, f]",
            " G) ",
            " H",
        ]
        assert _top_level_commas("A ((b, c), d), E") == ["A ((b, c), d)", " E"]

    @pytest.mark.parametrize(
        ("cell", "names", "unsure"),
        [
            ("Bộ Tài chính, Kế hoạch", ("Bộ Tài chính, Kế hoạch",), ("Bộ Tài chính, Kế hoạch",)),
            ("Bộ, ngành, địa phương", ("Bộ, ngành, địa phương",), ()),  # generic, not unsure
            ("Các sở, ngành", ("Các sở, ngành",), ()),
            ("Sở Văn hoá, Thể thao và Du lịch", ("Sở Văn hoá, Thể thao và Du lịch",), ()),
            ("Văn phòng, Sở Y tế", ("Văn phòng", "Sở Y tế"), ()),
            ("phòng A, phòng B", ("phòng A, phòng B",), ()),  # nothing names a body
            ("Sở Y tế, Công an tỉnh, UBND xã", ("Sở Y tế", "Công an tỉnh", "UBND xã"), ()),
            ("- A - B; C\n+ D - E", ("A", "B", "C", "D", "E"), ()),
            ("A - B", ("A - B",), ()),  # no leading mark: not a list
            ("-A -B", ("A -B",), ()),
            ("Sở Y tế; sở y tế; SỞ Y TẾ.", ("Sở Y tế",), ()),
            (";\n; - ;", (), ()),
        ],
    )
    def test_read_units(self, cell: str, names: tuple[str, ...], unsure: tuple[str, ...]) -> None:
        assert read_units(cell) == (names, unsure)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Trung tâm CNTT&TT", "ttcntttt"),
            ("UBND", "ubnd"),
            ("ABCDEFGH", "abcdefgh"),  # an acronym of eight letters kept whole
            ("ABCDEFGHI Sở", "as"),  # longer: its initial
            ("A1 B2", "a1b2"),
            ("Đảng ủy", "du"),
            ("Phòng Một Hai Ba Bốn Năm Sáu Bảy Tám Chín Mười", "pmhbbnsbtc"),  # ten letters
            ("...", "dv"),
            ("", "dv"),
        ],
    )
    def test_slug(self, name: str, expected: str) -> None:
        assert slug(name) == expected

    def test_same_initials_get_suffixes(self) -> None:
        from kh_tthc.importing.units import UnitTable

        table = UnitTable()
        assert table.ids(["Sở Y tế", "Sở Y tế", "Sở Yên tĩnh", "Sở Yêu thích", "SỞ Y TẾ"]) == (
            "syt",
            "syt-2",
            "syt-3",
        )
        assert [(u.id, u.name) for u in table.units] == [
            ("syt", "Sở Y tế"),
            ("syt-2", "Sở Yên tĩnh"),
            ("syt-3", "Sở Yêu thích"),
        ]
