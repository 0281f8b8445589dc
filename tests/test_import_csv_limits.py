"""The CSV reader's refusals, each with its file and its exact message, and the edges of
its limits (columns on a line, characters in a cell, the line a NUL is on).

The task rows are illustrative (in the style of a Sở's plan), not an agency's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kh_tthc import NoTaskTable, SourceRejected, SourceUnreadable, UnsafeSource, import_csv
from kh_tthc.errors import PlanFileError

HEADER = "STT,Nội dung công việc,Đơn vị chủ trì,Thời gian hoàn thành\n"
ROW = "1,Rà soát thủ tục,Sở Y tế,Năm 2025\n"


def refused(path: Path, kind: type[PlanFileError], message: str) -> None:
    """Importing ``path`` raises exactly ``kind`` naming the file, with ``message``."""
    with pytest.raises(kind) as info:
        import_csv(path)
    assert info.value.path == path
    assert info.value.problem.message == message


def write(tmp_path: Path, text: str, name: str = "k.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


class TestFileRefused:
    def test_blank_file_is_empty(self, tmp_path: Path) -> None:
        refused(write(tmp_path, "  \n\t\n"), SourceRejected, "is empty")

    def test_empty_file_is_empty(self, tmp_path: Path) -> None:
        refused(write(tmp_path, ""), SourceRejected, "is empty")

    def test_too_large_names_a_csv_file(self, tmp_path: Path) -> None:
        """Refused by its size before it is read (a sparse file: nothing is written)."""
        path = tmp_path / "big.csv"
        with path.open("wb") as f:
            f.truncate(20 * 1024 * 1024 + 1)
        refused(
            path, UnsafeSource, "is larger than kh-tthc accepts for a .csv file (at most 20 MiB)"
        )

    def test_directory_names_a_csv_file(self, tmp_path: Path) -> None:
        (tmp_path / "d.csv").mkdir()
        with pytest.raises(SourceUnreadable, match=r"a \.csv file"):
            import_csv(tmp_path / "d.csv")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A Windows code-page file: the first byte that is not UTF-8 is named (0xF4, ô
        in CP1258, at byte 5)."""
        path = tmp_path / "cp.csv"
        path.write_bytes(b"STT,N\xf4i dung,\xd0\xf4n v\xf2\n")
        refused(
            path,
            SourceRejected,
            "is not UTF-8 text (byte 5); in Excel, save it as 'CSV UTF-8' or 'Unicode Text'",
        )


class TestNul:
    @pytest.mark.parametrize(
        ("text", "line"),
        [
            ("\x00STT,Nội dung\n", 1),  # at the very start
            ("\n\x00STT\n", 2),  # after a newline at the start
            ("a\n\x00b\nc\nd\n", 2),  # lines after it are not counted
            ("a\x00\nb\x00\n", 1),  # the first of two
        ],
    )
    def test_nul_names_its_line(self, tmp_path: Path, text: str, line: int) -> None:
        refused(
            write(tmp_path, text),
            SourceRejected,
            f"line {line}: holds a NUL character, which a text file never has",
        )


def too_wide(line: int) -> str:
    return (
        f"line {line}: has more than 256 columns, the most kh-tthc reads "
        "(a task table has about ten)"
    )


class TestColumns:
    def test_257_columns_refused(self, tmp_path: Path) -> None:
        """256 commas make 257 columns, one more than read."""
        path = write(tmp_path, HEADER + "1,Việc" + "," * 255 + "\n")
        refused(path, UnsafeSource, too_wide(2))

    def test_258_columns_refused(self, tmp_path: Path) -> None:
        path = write(tmp_path, HEADER + "1,Việc" + "," * 256 + "\n")
        refused(path, UnsafeSource, too_wide(2))

    def test_256_columns_with_a_quoted_comma_read(self, tmp_path: Path) -> None:
        """256 commas, one inside quotes: 256 columns, the most read; the row imports."""
        row = '1,"Rà soát, công bố",Sở Y tế,Năm 2025' + "," * 252 + "\n"
        assert row.count(",") == 256
        (task,) = import_csv(write(tmp_path, HEADER + row)).plan.tasks
        assert task.title == "Rà soát, công bố"

    def test_quoted_cell_then_many_commas_refused(self, tmp_path: Path) -> None:
        """A quote does not hide the commas after its closing quote."""
        row = '1,"Rà soát",Sở Y tế,Năm 2025' + "," * 300 + "\n"
        refused(write(tmp_path, HEADER + row), UnsafeSource, too_wide(2))

    def test_refused_under_tab_too(self, tmp_path: Path) -> None:
        text = HEADER.replace(",", "\t") + "1\tViệc" + "\t" * 256 + "\n"
        refused(write(tmp_path, text, "k.tsv"), UnsafeSource, too_wide(2))


def too_long(line: int, chars: int) -> str:
    return (
        f"line {line}: a cell has {chars:,} characters, "
        "more than the 32,767 a spreadsheet cell holds"
    )


class TestCellSize:
    def test_32767_characters_read(self, tmp_path: Path) -> None:
        """Excel's own limit is read."""
        title = "Rà soát " + "x" * (32767 - 8)
        (task,) = import_csv(write(tmp_path, HEADER + f"1,{title},Sở Y tế,Năm 2025\n")).plan.tasks
        assert len(task.title) == 32767

    def test_32768_characters_refused_in_the_first_record(self, tmp_path: Path) -> None:
        text = "x" * 32768 + "\n" + HEADER + ROW
        refused(write(tmp_path, text), UnsafeSource, too_long(1, 32768))

    def test_32768_characters_refused_after_a_multi_line_cell(self, tmp_path: Path) -> None:
        """The line is where the record starts: after a cell over two lines, line 4."""
        text = HEADER + '1,"Rà soát\nthủ tục",Sở Y tế,Năm 2025\n' + f"2,{'x' * 32768},Sở,2025\n"
        refused(write(tmp_path, text), UnsafeSource, too_long(4, 32768))

    def test_past_the_csv_parser_limit(self, tmp_path: Path) -> None:
        """A cell beyond the CSV parser's own limit (131,072) is refused as too long."""
        text = HEADER + ROW + f"2,{'x' * 140_000},Sở,2025\n"
        refused(
            write(tmp_path, text),
            UnsafeSource,
            "line 3: a cell has more than the 32,767 characters a spreadsheet cell holds",
        )


class TestNoHeader:
    def test_first_line_shown(self, tmp_path: Path) -> None:
        """The first non-blank line is quoted, cut to 120 characters."""
        text = "\n\n  Danh sách cán bộ " + "y" * 300 + "\nHọ tên,Chức vụ\n"
        with pytest.raises(NoTaskTable) as info:
            import_csv(write(tmp_path, text))
        assert info.value.path == tmp_path / "k.csv"
        first = "Danh sách cán bộ " + "y" * 103
        assert info.value.problem.message.endswith(f"(the first line is {first!r})")


class TestDelimiterChoice:
    """The header may show under two delimiters; the one with more known columns wins,
    the first tried (tab, ",", ";", "|") on a tie; extra columns do not count."""

    SEMICOLON_TASK = "1;Việc chấm phẩy;Sở Y tế;Năm 2025\n"
    COMMA = "STT,Nội dung công việc,Đơn vị chủ trì,Thời hạn\n1,Việc dấu phẩy,Sở Tư pháp,Năm 2025\n"

    def test_tie_keeps_the_first_delimiter(self, tmp_path: Path) -> None:
        text = "STT;Nội dung công việc;Đơn vị chủ trì;Thời hạn\n" + self.SEMICOLON_TASK + self.COMMA
        plan = import_csv(write(tmp_path, text), year=2025).plan
        assert [t.title for t in plan.tasks] == ["Việc dấu phẩy"]

    def test_extra_columns_do_not_count(self, tmp_path: Path) -> None:
        """3 known columns and 2 extra under ";" lose to 4 known under ","."""
        text = (
            "STT;Nội dung công việc;Đơn vị chủ trì;Ghi chú;Kinh phí\n"
            "1;Việc chấm phẩy;Sở Y tế;;\n" + self.COMMA
        )
        plan = import_csv(write(tmp_path, text), year=2025).plan
        assert [t.title for t in plan.tasks] == ["Việc dấu phẩy"]

    def test_more_known_columns_win_over_the_first(self, tmp_path: Path) -> None:
        """3 known under "," lose to 4 known under ";", tried later."""
        text = (
            "STT,Nội dung công việc,Đơn vị chủ trì\n1,Việc dấu phẩy,Sở Tư pháp\n"
            "STT;Nội dung công việc;Đơn vị chủ trì;Thời hạn\n" + self.SEMICOLON_TASK
        )
        plan = import_csv(write(tmp_path, text), year=2025).plan
        assert [t.title for t in plan.tasks] == ["Việc chấm phẩy"]


class TestUnsafeUnderEveryDelimiter:
    """No header under any delimiter, and the file refused under some: the reason given
    is a line too wide when one is, else the first delimiter's (tab's) reason."""

    def test_first_reason_kept(self, tmp_path: Path) -> None:
        # tab and ",": one cell of 40,004; ";": "b|x..." 40,002; "|": 40,000.
        text = "a;b|" + "x" * 40_000 + "\n"
        refused(write(tmp_path, text), UnsafeSource, too_long(1, 40_004))

    def test_too_wide_preferred(self, tmp_path: Path) -> None:
        # tab: one cell of 33,300 characters; ",": 301 columns.
        text = "x" * 33_000 + "," * 300 + "\n"
        refused(write(tmp_path, text), UnsafeSource, too_wide(1))


def test_two_row_header_below_a_title(tmp_path: Path) -> None:
    """A header over two rows (a merged parent, its sub-columns below) under two title
    lines: the task rows start after its second row (illustrative rows)."""
    text = (
        "KẾ HOẠCH\nRà soát văn bản năm 2025\n"
        "STT,Tên văn bản,Cơ quan soạn thảo,Hình thức xử lý,,Thời hạn trình\n"
        ",,,Thay thế,Bãi bỏ,\n"
        "1,Quyết định ví dụ,Sở Tư pháp,,x,Tháng 10/2025\n"
    )
    result = import_csv(write(tmp_path, text))
    (task,) = result.plan.tasks
    assert task.title == "Quyết định ví dụ"
    assert task.extra == (("Hình thức xử lý: Bãi bỏ", "x"),)
    # The header's rows are not read again as rows that repeat it.
    assert [w for w in result.warnings if w.line is not None] == []


class TestAboveAndBelow:
    """Rows above the header are the document's lines (their cells joined by a space);
    rows below are tasks, never document lines; the year given reaches the deadlines."""

    def test_cells_above_joined(self, tmp_path: Path) -> None:
        text = "Số:,12/KH-SYT\n" + HEADER + ROW
        assert str(import_csv(write(tmp_path, text), year=2025).plan.number) == "12/KH-SYT"

    def test_rows_below_are_not_document_lines(self, tmp_path: Path) -> None:
        """A task row that reads like a number line does not give the plan's number."""
        text = HEADER + ROW + ",Số: 7/KH-ABC,,\n"
        result = import_csv(write(tmp_path, text), year=2025)
        assert str(result.plan.number) == "/KH-XXX"
        assert [w.where for w in result.warnings if "'Số: .../KH-...'" in w.message] == ["number"]

    def test_year_given_dates_the_deadlines(self, tmp_path: Path) -> None:
        """ "trước ngày 28/5" in a file showing no year is due on 28/5 of the year given."""
        text = HEADER + "1,Báo cáo sơ kết,Văn phòng,trước ngày 28/5\n"
        (task,) = import_csv(write(tmp_path, text), year=2024).plan.tasks
        assert task.deadline is not None
        assert task.deadline.due_dates(date(2023, 1, 1), date(2027, 12, 31)) == [date(2024, 5, 28)]

    def test_row_warnings_name_the_file(self, tmp_path: Path) -> None:
        path = write(tmp_path, HEADER + ROW + ",Số: 7/KH-ABC,,\n")
        row_warnings = [w for w in import_csv(path, year=2025).warnings if w.where == "task 1.1"]
        assert row_warnings
        assert {w.file for w in row_warnings} == {path}


TWO_ROW_HEADER = (
    "STT,Tên văn bản,Cơ quan soạn thảo,Hình thức xử lý,,Thời hạn trình\n,,,Thay thế,Bãi bỏ,\n"
)


def test_two_row_header_at_the_end_of_the_search(tmp_path: Path) -> None:
    """The header's first row is the 30th, the last searched; its second row (the 31st)
    still counts (illustrative rows)."""
    above = "".join(f"Ghi chú {n}\n" for n in range(1, 30))
    text = above + TWO_ROW_HEADER + "1,Quyết định ví dụ,Sở Tư pháp,,x,Tháng 10/2025\n"
    (task,) = import_csv(write(tmp_path, text), year=2025).plan.tasks
    assert task.extra == (("Hình thức xử lý: Bãi bỏ", "x"),)


class TestFirstLineShown:
    """With no header, the message quotes the first non-blank line, cleaned, from at
    most its first 200 characters, cut to 120."""

    def message(self, tmp_path: Path, text: str) -> str:
        with pytest.raises(NoTaskTable) as info:
            import_csv(write(tmp_path, text))
        return info.value.problem.message

    def test_short_line(self, tmp_path: Path) -> None:
        message = self.message(tmp_path, "\n \nDanh sách  \nHọ tên,Chức vụ\n")
        assert message.endswith("(the first line is 'Danh sách')")

    def test_only_200_characters_cleaned(self, tmp_path: Path) -> None:
        """Spaces 2-199 collapse to one: what is past the 200th character is not shown."""
        message = self.message(tmp_path, "a" + " " * 198 + "b" + "c" * 50 + "\nHọ tên\n")
        assert message.endswith("(the first line is 'a b')")


def test_cell_size_counts_the_line_break_as_written(tmp_path: Path) -> None:
    """A cell's "\\r\\n" (Excel's line break inside a cell) is two characters of the
    32,767: 16,000 + 2 + 16,766 = 32,768 is refused."""
    cell = "a" * 16_000 + "\r\n" + "b" * 16_766
    text = HEADER + f'1,"{cell}",Sở Y tế,Năm 2025\n'
    refused(write(tmp_path, text), UnsafeSource, too_long(2, 32_768))


def test_old_mac_line_ends(tmp_path: Path) -> None:
    """Lines ended by a lone CR (Excel for Mac's "CSV (Macintosh)") are lines."""
    text = (HEADER + ROW + "2,Công bố thủ tục,Sở Tư pháp,Năm 2025\n").replace("\n", "\r")
    plan = import_csv(write(tmp_path, text), year=2025).plan
    assert [t.title for t in plan.tasks] == ["Rà soát thủ tục", "Công bố thủ tục"]


def test_issue_year_dates_the_deadlines_without_one(tmp_path: Path) -> None:
    """ "trước ngày 28/5" in a plan issued in 2023 is due on 28/5/2023, even when another
    task is due in 2024 (the plan then spans both years)."""
    text = (
        '"Hà Nội, ngày 05 tháng 01 năm 2023"\n'
        + HEADER
        + "1,Báo cáo sơ kết,Văn phòng,trước ngày 28/5\n"
        + "2,Báo cáo tổng kết,Văn phòng,trước ngày 31/12/2024\n"
    )
    plan = import_csv(write(tmp_path, text)).plan
    dues = [t.deadline.due_dates(date(2022, 1, 1), date(2026, 12, 31)) for t in plan.tasks]
    assert dues == [[date(2023, 5, 28)], [date(2024, 12, 31)]]


def test_year_given_dates_the_deadlines_without_one(tmp_path: Path) -> None:
    """With no year in the document, the year given dates "trước ngày 28/5", even when
    another task is due the year after."""
    text = (
        HEADER
        + "1,Báo cáo sơ kết,Văn phòng,trước ngày 28/5\n"
        + "2,Báo cáo tổng kết,Văn phòng,trước ngày 31/12/2024\n"
    )
    plan = import_csv(write(tmp_path, text), year=2023).plan
    dues = [t.deadline.due_dates(date(2022, 1, 1), date(2026, 12, 31)) for t in plan.tasks]
    assert dues == [[date(2023, 5, 28)], [date(2024, 12, 31)]]
