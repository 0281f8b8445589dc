"""The shared import logic: header wording, rows to tasks, units, front matter, periods."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc import TaskNumber, check_plan
from kh_tthc.importing import (
    MAX_ROWS,
    Cell,
    FrontMatter,
    RawRow,
    Role,
    UnsafeSource,
    build_plan,
    classify_header,
    match_header,
    period_from_text,
    read_front_matter,
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


class TestNumbering:
    def test_roman_groups_restart(self) -> None:
        """Numbers that restart under Roman groups become hierarchical."""
        r = rows(
            ("I", "Nhóm một", "", "", ""),
            ("1", "Việc a", "A", "", ""),
            ("2", "Việc b", "A", "", ""),
            ("II", "Nhóm hai", "", "", ""),
            ("1", "Việc c", "A", "", ""),
            ("1.1", "Việc d", "A", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.2", "2", "2.1", "2.1.1"]
        assert [t.group for t in result.tasks] == [True, False, False, True, True, False]
        assert result.warnings == ()

    def test_dotted_group_numbers(self) -> None:
        """ "1." and "2.1" are numbers as they are; rows with children are groups."""
        r = rows(
            ("1.", "Nhóm", "", "", ""), ("1.1", "Việc", "A", "", ""), ("2", "Việc", "", "", "")
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "2"]
        assert [t.group for t in result.tasks] == [True, False, False]

    def test_number_in_the_task_cell(self) -> None:
        """A number written at the start of the task text, with an empty STT, is used."""
        r = rows(("", "1. Nhóm", "", "", ""), ("", "1.1 Việc", "A", "", ""))
        assert numbers(rows_to_tasks(HEADER, r, path=None)) == ["1", "1.1"]

    def test_unnumbered_rows_go_under_the_last_number(self) -> None:
        """Bullet rows without a number are numbered under the last numbered row, with a
        warning naming the row."""
        r = rows(
            ("1", "Việc", "A", "", ""), ("-", "- Ý một", "B", "", ""), ("", "Ý hai", "", "", "")
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.2"]
        assert result.tasks[1].title == "Ý một"
        assert [w.where.split(",")[0] for w in result.warnings] == ["row 3", "row 4"]

    def test_duplicate_is_renumbered(self) -> None:
        """A number used twice is renumbered after the previous one, and reported."""
        r = rows(
            ("1", "A", "", "", ""),
            ("2", "B", "", "", ""),
            ("2", "C", "", "", ""),
            ("2.1", "D", "", "", ""),
        )
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "2", "3", "3.1"]
        assert "repeats" in result.warnings[0].message

    def test_missing_group_gets_a_placeholder(self) -> None:
        """A number whose group row is missing gets a reported placeholder group."""
        r = rows(("1", "A", "", "", ""), ("1.1.1", "B", "", "", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert numbers(result) == ["1", "1.1", "1.1.1"]
        assert "no group row 1.1" in result.warnings[0].message

    def test_continuation_row_adds_units(self) -> None:
        """A row with neither number nor task text adds its units to the task above."""
        r = rows(("1", "A", "Sở Y tế", "", "Năm 2025"), ("", "", "Sở Tài chính", "Sở Nội vụ", ""))
        result = rows_to_tasks(HEADER, r, path=None)
        assert len(result.tasks) == 1
        names = {u.id: u.name for u in result.units}
        assert [names[i] for i in result.tasks[0].lead] == ["Sở Y tế", "Sở Tài chính"]
        assert [names[i] for i in result.tasks[0].support] == ["Sở Nội vụ"]
        assert result.warnings[0].where == "row 3, task 1"


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


_STT = st.sampled_from(["", "-", "1", "1.", "2", "1.1", "2.1", "I", "II", "a)", "x", "0", "3.2.1"])
_TEXT = st.sampled_from(
    [
        "",
        "",
        "Sở Y tế",
        "- A; - B.",
        "Thường xuyên",
        "Năm 2025",
        "STT",
        "(1)",
        "Chủ trì",
        "Thời hạn",
    ]
)


@st.composite
def random_rows(draw: st.DrawFn) -> list[RawRow]:
    count = draw(st.integers(min_value=0, max_value=25))
    out = []
    for i in range(count):
        title = draw(st.sampled_from(["", f"Việc số {i}", "Nội dung công việc"]))
        cells = (draw(_STT), title, draw(_TEXT), draw(_TEXT), draw(_TEXT))
        out.append(RawRow(cells=tuple(Cell(text=c) for c in cells), label=f"row {i}"))
    return out


def _labels(where: str) -> set[int]:
    m = re.match(r"row (\d+)(?: to (\d+))?", where)
    if not m:
        return set()
    first = int(m.group(1))
    return set(range(first, int(m.group(2) or first) + 1))


class TestNeverDropARow:
    @settings(max_examples=200)
    @given(random_rows())
    def test_every_row_is_a_task_or_a_warning(self, raw: list[RawRow]) -> None:
        """Each row either gives a task (found by its unique text) or is named by a warning."""
        result = rows_to_tasks(HEADER, raw, path=None)
        warned = set().union(*(_labels(w.where) for w in result.warnings))
        titles = Counter(t.title for t in result.tasks)
        silent = Counter(row.cells[1].text for i, row in enumerate(raw) if i not in warned)
        for title, count in silent.items():
            assert title, "a row without task text vanished without a warning"
            assert titles[title] >= count, f"a row {title!r} vanished"

    @settings(max_examples=200)
    @given(random_rows())
    def test_plan_is_always_valid(self, raw: list[RawRow]) -> None:
        """Whatever the rows, the assembled plan passes the plan checks without errors."""
        table = rows_to_tasks(HEADER, raw, path=None)
        result = build_plan(FrontMatter(), table, path=None)
        assert not [p for p in check_plan(result.plan) if p.is_error]
        assert all(not p.is_error for p in result.warnings)

    def test_too_many_rows(self) -> None:
        """More rows than the limit is refused with a message that gives the limit."""
        many = (RawRow(cells=(Cell(text=str(i + 1)), Cell(text="x"))) for i in range(MAX_ROWS + 1))
        with pytest.raises(UnsafeSource, match=str(MAX_ROWS)):
            rows_to_tasks(HEADER, many, path=Path("big.csv"))


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


def test_task_number_is_kept_as_written() -> None:
    """A table numbered as the plan file numbers gives the same numbers back."""
    r = rows(*[(n, f"V{n}", "", "", "") for n in ("1", "1.1", "1.1.1", "1.2", "2", "10")])
    assert [t.number for t in rows_to_tasks(HEADER, r, path=None).tasks] == [
        TaskNumber.parse(n) for n in ("1", "1.1", "1.1.1", "1.2", "2", "10")
    ]


@pytest.mark.parametrize(
    "module", ["headers", "rows", "units", "tasks", "front_matter", "result", "docx", "csv"]
)
def test_docstring_examples(module: str) -> None:
    """The examples in the import modules' docstrings run as written."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"kh_tthc.importing.{module}"))
    assert result.failed == 0
