"""Importing the task table from CSV files as Excel writes them."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import (
    KhTthcError,
    NoTaskTable,
    Plan,
    SourceRejected,
    SourceUnreadable,
    UnsafeSource,
    check_plan,
    import_csv,
    load_plan,
)
from kh_tthc.cli import main
from kh_tthc.importing import MAX_ROWS
from kh_tthc.importing import csv as csv_import
from kh_tthc.importing.csv import MAX_CSV_COLUMNS
from tests.fixtures_docx import SEED_HEADER, SEED_ROWS

EXAMPLE = Path(__file__).parent.parent / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"


def seed_csv_text(delimiter: str = ",", above: tuple[list[str], ...] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(above)
    writer.writerow(SEED_HEADER)
    writer.writerows(row[:5] for row in SEED_ROWS)
    return out.getvalue()


def summary(plan: Plan) -> list[tuple[object, ...]]:
    return [
        (
            str(t.number),
            t.title,
            [n.casefold() for n in plan.unit_names(t.lead)],
            [n.casefold() for n in plan.unit_names(t.support)],
            t.deadline,
        )
        for t in plan.tasks
    ]


@pytest.fixture(scope="module")
def example() -> Plan:
    return load_plan(EXAMPLE)


class TestEncodings:
    @pytest.mark.parametrize(
        ("encoding", "delimiter"),
        [
            ("utf-8", ","),  # Excel "CSV" on a machine set to UTF-8
            ("utf-8-sig", ","),  # Excel "CSV UTF-8"
            ("utf-8-sig", ";"),  # regional settings with "," as the decimal mark
            ("utf-16", "\t"),  # Excel "Unicode Text"
            ("utf-16-le", "\t"),  # the same without a byte-order mark
        ],
    )
    def test_seed_table(self, tmp_path: Path, example: Plan, encoding: str, delimiter: str) -> None:
        """The seed's appendix as CSV imports to the example's tasks, in every encoding and
        with every delimiter Excel uses."""
        path = tmp_path / "phu-luc.csv"
        path.write_bytes(seed_csv_text(delimiter).encode(encoding))
        plan = import_csv(path).plan
        assert summary(plan) == summary(example)

    def test_groups_without_bold(self, tmp_path: Path, example: Plan) -> None:
        """A CSV has no bold: group rows are those with rows numbered under them, so 2.4
        and 2.5 (bold in the Word file, no children) are ordinary rows here."""
        path = tmp_path / "p.csv"
        path.write_text(seed_csv_text(), encoding="utf-8")
        plan = import_csv(path).plan
        groups = {str(t.number) for t in plan.tasks if t.group}
        expected = {str(t.number) for t in example.tasks if t.group} - {"2.4", "2.5"}
        assert groups == expected

    def test_decomposed(self, tmp_path: Path) -> None:
        """Decomposed (NFD) text is normalised: units and headers match as composed."""
        import unicodedata

        text = "STT,Nhiệm vụ,Chủ trì,Thời hạn\n1,Việc,Văn phòng Sở,Thường xuyên\n"
        path = tmp_path / "nfd.csv"
        path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
        plan = import_csv(path).plan
        assert plan.units[0].name == "Văn phòng Sở"
        assert str(plan.tasks[0].deadline) == "Thường xuyên"

    def test_not_unicode(self, tmp_path: Path) -> None:
        """A file in a Windows code page is refused with what to save it as."""
        path = tmp_path / "cp.csv"
        # "Nội dung" in Windows-1258: "ô" is 0xF4, then the combining dot below 0xF2.
        path.write_bytes(b"STT,N\xf4\xf2i dung,Ch\xfa tr\xec\n")
        with pytest.raises(SourceRejected, match="CSV UTF-8"):
            import_csv(path)


class TestShape:
    def test_rows_above_the_header(self, tmp_path: Path) -> None:
        """Title rows above the header are read as the document's header lines."""
        above = (
            ["SỞ Y TẾ TỈNH BẮC KẠN", ""],
            ["Số: 12/KH-SYT", ""],
            ["Bắc Kạn, ngày 03 tháng 02 năm 2026", ""],
        )
        path = tmp_path / "p.csv"
        path.write_text(seed_csv_text(above=above), encoding="utf-8")
        plan = import_csv(path).plan
        assert str(plan.number) == "12/KH-SYT"
        assert plan.place == "Bắc Kạn"
        assert str(plan.issued) == "2026-02-03"

    def test_warnings_give_lines(self, tmp_path: Path) -> None:
        """Warnings name the line where the row starts, counting lines inside quoted cells."""
        text = (
            "STT,Nội dung công việc,Đơn vị chủ trì,Thời gian hoàn thành\n"
            '1,Việc một,"- Sở Y tế\n- Sở Tài chính",Thường xuyên\n'
            ",,,\n"
            ",Việc không số,Sở Y tế,Năm 2025\n"
        )
        path = tmp_path / "w.csv"
        path.write_text(text, encoding="utf-8")
        result = import_csv(path)
        rows = [(w.line, w.where) for w in result.warnings if w.line is not None]
        assert rows == [(4, ""), (5, "task 1.1")]
        assert len(result.plan.units) == 2

    def test_header_on_two_rows(self, tmp_path: Path) -> None:
        """Excel's merged "Đơn vị thực hiện" above "Chủ trì" and "Phối hợp" exports as two
        rows; together they give lead and support columns."""
        text = (
            "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026,,,,\n"
            "STT,Nội dung,Đơn vị thực hiện,,Thời gian\n"
            ",,Chủ trì,Phối hợp,\n"
            "1,Tuyên truyền,Sở Nội vụ,Sở Văn hóa,Thường xuyên\n"
        )
        path = tmp_path / "two.csv"
        path.write_text(text, encoding="utf-8")
        plan = import_csv(path).plan
        assert plan.unit_names(plan.tasks[0].lead) == ("Sở Nội vụ",)
        assert plan.unit_names(plan.tasks[0].support) == ("Sở Văn hóa",)
        assert plan.period.start.year == 2026  # from the title row above the header

    def test_extra_columns_kept(self, tmp_path: Path) -> None:
        """Columns beyond the five standard ones are kept on each task."""
        text = "TT,Nhiệm vụ,Chủ trì,Thời hạn,Sản phẩm,Ghi chú\n1,Việc,Sở Y tế,Năm 2025,Báo cáo,\n"
        path = tmp_path / "e.csv"
        path.write_text(text, encoding="utf-8")
        assert import_csv(path).plan.tasks[0].extra == (("Sản phẩm", "Báo cáo"),)


class TestBadInput:
    @pytest.mark.parametrize("content", [b"", b"  \r\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
    def test_empty(self, tmp_path: Path, content: bytes) -> None:
        """An empty file (or one with only a byte-order mark or blank lines) is refused."""
        path = tmp_path / "e.csv"
        path.write_bytes(content)
        with pytest.raises(SourceRejected, match="empty"):
            import_csv(path)

    def test_no_header(self, tmp_path: Path) -> None:
        """A CSV without a recognisable header says what it looked for and shows line 1."""
        path = tmp_path / "n.csv"
        path.write_text("Họ tên,Ngày sinh\nA,1990\n", encoding="utf-8")
        with pytest.raises(NoTaskTable, match="Nội dung công việc") as info:
            import_csv(path)
        assert "Họ tên,Ngày sinh" in str(info.value)
        assert "n.csv" in str(info.value)

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is unreadable."""
        with pytest.raises(SourceUnreadable):
            import_csv(tmp_path / "none.csv")

    def test_too_many_rows(self, tmp_path: Path) -> None:
        """A table longer than the limit is refused, naming the limit."""
        lines = ["STT,Nội dung,Chủ trì,Thời hạn"]
        lines += [f"{i},Việc {i},Sở Y tế,Năm 2025" for i in range(1, MAX_ROWS + 2)]
        path = tmp_path / "big.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        with pytest.raises(UnsafeSource, match=str(MAX_ROWS)):
            import_csv(path)

    def test_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file above the size limit is refused before it is parsed."""
        monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 100)
        path = tmp_path / "big.csv"
        path.write_text("STT,Nội dung,Chủ trì,Thời hạn\n" + "1,a,b,c\n" * 50, encoding="utf-8")
        with pytest.raises(UnsafeSource, match="larger than"):
            import_csv(path)

    def test_huge_cell(self, tmp_path: Path) -> None:
        """A cell longer than the CSV reader's field limit is refused with its line."""
        path = tmp_path / "h.csv"
        body = "x" * (csv.field_size_limit() + 10)
        path.write_text(f'STT,Nội dung,Chủ trì,Thời hạn\n1,"{body}",a,b\n', encoding="utf-8")
        with pytest.raises(SourceRejected, match="line 2"):
            import_csv(path)


_CELL = st.one_of(
    st.sampled_from(["", "1", "1.1", "I", "-", "Sở Y tế", "Năm 2025", "Thường xuyên", '"']),
    st.text(max_size=12),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    rows=st.lists(st.lists(_CELL, max_size=7), max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_fuzz(
    tmp_path: Path,
    header: bool,
    delimiter: str,
    rows: list[list[str]],
    encoding: str,
) -> None:
    """Whatever the file holds, the import gives a valid plan or a declared error."""
    lines = [delimiter.join(r) for r in rows]
    if header:
        lines.insert(0, delimiter.join(["STT", "Nội dung công việc", "Chủ trì", "Thời hạn"]))
    path = tmp_path / "f.csv"
    try:
        path.write_bytes("\n".join(lines).encode(encoding))
    except UnicodeEncodeError:  # lone surrogates from st.text()
        return
    try:
        result = import_csv(path)
    except KhTthcError:
        return
    assert not [p for p in check_plan(result.plan) if p.is_error]


HEADER = "STT,Nội dung công việc,Đơn vị chủ trì,Thời gian hoàn thành\n"


def test_many_commas_inside_quotes_are_one_cell(tmp_path: Path) -> None:
    """Commas inside a quoted cell do not count as columns (a long list of bodies)."""
    source = tmp_path / "q.csv"
    units = ", ".join(f"Phòng {i}" for i in range(MAX_CSV_COLUMNS + 50))
    source.write_text(HEADER + f'1,Rà soát,"{units}",Năm 2025\n', encoding="utf-8")
    out = tmp_path / "plan.toml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert out.exists()


def test_utf16_without_a_mark_still_read(tmp_path: Path) -> None:
    """Excel's 'Unicode Text' without its byte-order mark is still recognised."""
    source = tmp_path / "u.txt"
    text = HEADER.replace(",", "\t") + "1\tRà soát\tSở Y tế\tNăm 2025\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        source.write_bytes(text.encode(encoding))
        out = tmp_path / f"{encoding}.toml"
        assert main(["import", str(source), "-o", str(out)]) == 0
        assert "Rà soát" in out.read_text("utf-8")


def test_sub_columns_from_excel(tmp_path: Path) -> None:
    """Excel writes a merged parent in its first column only; the sub-columns under it
    are named after it (illustrative rows)."""
    path = tmp_path / "theo-doi.csv"
    path.write_text(
        "STT,Tên văn bản,Cơ quan soạn thảo,Hình thức xử lý,,,Thời hạn trình\n"
        ",,,Thay thế,Bãi bỏ,Ban hành mới,\n"
        "1,Quyết định quy định về ví dụ,Sở Tư pháp,,x,,Tháng 10/2025\n",
        encoding="utf-8",
    )
    (task,) = import_csv(path).plan.tasks
    assert task.title == "Quyết định quy định về ví dụ"
    assert task.extra == (("Hình thức xử lý: Bãi bỏ", "x"),)
    assert str(task.deadline) == "Tháng 10/2025"


def test_a_date_without_a_year_takes_the_plans_year(tmp_path: Path) -> None:
    """ "trước ngày 28/5" in a plan titled for 2026 is due on 28/5/2026 (illustrative row)."""
    path = tmp_path / "kh.csv"
    path.write_text(
        "KẾ HOẠCH\nTriển khai nhiệm vụ năm 2026\n"
        "STT,Nội dung công việc,Đơn vị chủ trì,Thời gian hoàn thành\n"
        "1,Báo cáo sơ kết,Văn phòng,trước ngày 28/5\n",
        encoding="utf-8",
    )
    (task,) = import_csv(path).plan.tasks
    assert task.deadline is not None
    assert task.deadline.kind == "by_date"
    assert str(task.deadline) == "trước ngày 28/5"
    assert task.deadline.due_dates(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 5, 28)]
