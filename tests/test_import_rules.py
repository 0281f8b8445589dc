"""Rules of the table importer, through ``kh_tthc.import_csv`` and ``import_docx`` only.

Written for issue 11 as the net under the importer's rebuild: the input files are built
here, in a temporary folder, and only the public functions and what they return are
used, so the tests hold wherever the importer's modules move. Each names the patch in
``tests/mutations/`` it kills. The plans here are illustrative, written for the tests.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kh_tthc import ImportResult, SourceRejected, UnsafeSource, import_csv, import_docx

HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]


def write_csv(path: Path, rows: list[list[str]], above: list[list[str]] | None = None) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(above or [])
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def outline(result: ImportResult) -> list[tuple[str, str, bool]]:
    return [(str(t.number), t.title, t.group) for t in result.plan.tasks]


def row_warnings(result: ImportResult) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in result.warnings if w.line is not None]


class TestRenumbering:
    """A repeated number is renumbered, and the rows under it follow it without a warning
    of their own (12-import-renumbering-not-carried)."""

    ROWS: ClassVar[list[list[str]]] = [
        ["1", "Rà soát thủ tục", "Văn phòng Sở", "", "Trước ngày 30/10/2025"],
        ["1", "Công bố thủ tục", "Văn phòng Sở", "", ""],
        ["1.1", "Công bố thủ tục A", "Văn phòng Sở", "", "Trước ngày 30/11/2025"],
        ["1.2", "Công bố thủ tục B", "Văn phòng Sở", "", "Trước ngày 30/11/2025"],
        ["2", "Tổng hợp, báo cáo", "Văn phòng Sở", "", "Trước ngày 15/12/2025"],
    ]

    def test_children_follow_their_renumbered_group(self, tmp_path: Path) -> None:
        result = import_csv(write_csv(tmp_path / "k.csv", self.ROWS))
        assert outline(result) == [
            ("1", "Rà soát thủ tục", False),
            ("2", "Công bố thủ tục", True),
            ("2.1", "Công bố thủ tục A", False),
            ("2.2", "Công bố thủ tục B", False),
            ("3", "Tổng hợp, báo cáo", False),
        ]

    def test_one_warning_for_each_renumbered_row_only(self, tmp_path: Path) -> None:
        """Lines 3 and 6 repeat a number; lines 4 and 5 (1.1, 1.2) follow their group."""
        result = import_csv(write_csv(tmp_path / "k.csv", self.ROWS))
        renumbered = [(line, m) for line, m in row_warnings(result) if "renumbered" in m]
        assert renumbered == [
            (3, "the number 1 repeats an earlier number; renumbered 2"),
            (6, "the number 2 repeats an earlier number; renumbered 3"),
        ]


class TestPeriodFromTitle:
    """The plan's period is read from its title: "N tháng cuối năm Y" for N up to 12
    (13-import-up-to-12-months)."""

    @pytest.mark.parametrize(
        ("words", "period"),
        [
            ("12 THÁNG CUỐI NĂM 2025 VÀ QUÝ I/2026", "2025-01-01/2025-12-31"),
            ("04 THÁNG CUỐI NĂM 2025 VÀ QUÝ I/2026", "2025-09-01/2025-12-31"),
            ("12 THÁNG ĐẦU NĂM 2025 VÀ QUÝ I/2026", "2025-01-01/2025-12-31"),
            ("13 THÁNG CUỐI NĂM 2025 VÀ QUÝ I/2026", "2026-01-01/2026-03-31"),
        ],
    )
    def test_months_up_to_twelve(self, tmp_path: Path, words: str, period: str) -> None:
        above = [["SỞ KHOA HỌC VÀ CÔNG NGHỆ"], [f"KẾ HOẠCH KIỂM SOÁT TTHC {words}"]]
        rows = [["1", "Rà soát thủ tục", "Văn phòng Sở", "", "Thường xuyên"]]
        result = import_csv(write_csv(tmp_path / "p.csv", rows, above))
        assert str(result.plan.period) == period


class TestColumnNumbers:
    """The "(1) (2) (3)" row under the header is skipped only when its numbers ascend
    (15-import-column-numbers-ascending)."""

    def test_ascending_row_is_skipped(self, tmp_path: Path) -> None:
        rows = [
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["1", "Rà soát thủ tục", "Văn phòng Sở", "", "Thường xuyên"],
        ]
        result = import_csv(write_csv(tmp_path / "c.csv", rows))
        assert outline(result) == [("1", "Rà soát thủ tục", False)]
        assert (2, "column numbers under the header; skipped") in row_warnings(result)

    def test_numbers_out_of_order_are_a_task(self, tmp_path: Path) -> None:
        rows = [
            ["1", "Rà soát thủ tục", "Văn phòng Sở", "", "Thường xuyên"],
            ["2", "15", "10", "", ""],
        ]
        result = import_csv(write_csv(tmp_path / "c.csv", rows))
        assert outline(result) == [("1", "Rà soát thủ tục", False), ("2", "15", False)]
        assert not any("column numbers" in m for _, m in row_warnings(result))


class TestUnitNames:
    """One unit per name, whatever the case the cell writes it in
    (14-import-split-units-case)."""

    def test_same_name_in_two_cases_is_one_unit(self, tmp_path: Path) -> None:
        rows = [["1", "Rà soát thủ tục", "Văn phòng Sở; văn phòng sở", "", "Thường xuyên"]]
        result = import_csv(write_csv(tmp_path / "u.csv", rows))
        assert [u.name for u in result.plan.units] == ["Văn phòng Sở"]
        assert len(result.plan.tasks[0].lead) == 1

    def test_split_units_keeps_the_first_spelling_once(self) -> None:
        """``split_units`` itself, public in the importing package."""
        from kh_tthc.importing import split_units

        assert split_units("Văn phòng Sở; VĂN PHÒNG SỞ\nvăn phòng sở") == ("Văn phòng Sở",)
        assert split_units("- Văn phòng Sở - Các phòng, đơn vị thuộc Sở") == (
            "Văn phòng Sở",
            "Các phòng, đơn vị thuộc Sở",
        )


def write_docx(path: Path, rows: list[tuple[str, str, str, str, str]], bold: set[int]) -> Path:
    document = docx.Document()
    document.add_paragraph("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Kiểm soát thủ tục hành chính năm 2025")
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for j, text in enumerate(HEADER):
        table.rows[0].cells[j].paragraphs[0].add_run(text).bold = True
    for i, cells in enumerate(rows, start=1):
        for j, text in enumerate(cells):
            run = table.rows[i].cells[j].paragraphs[0].add_run(text)
            run.bold = i - 1 in bold
    document.save(str(path))
    return path


class TestBold:
    """Bold marks group rows only when some rows are not bold: a table printed all in
    bold says nothing (11-import-all-bold-all-groups)."""

    ROWS: ClassVar[list[tuple[str, str, str, str, str]]] = [
        ("1", "Rà soát, đánh giá thủ tục", "", "", ""),
        ("1.1", "Rà soát thủ tục", "Văn phòng Sở", "", "Thường xuyên"),
        ("2", "Tổng hợp, báo cáo", "Văn phòng Sở", "", "Trước ngày 15/12/2025"),
        ("3", "Công khai thủ tục", "Văn phòng Sở", "", "Thường xuyên"),
    ]

    def test_all_bold_marks_no_group(self, tmp_path: Path) -> None:
        path = write_docx(tmp_path / "b.docx", self.ROWS, bold={0, 1, 2, 3})
        assert [(n, g) for n, _, g in outline(import_docx(path))] == [
            ("1", True),  # a group because 1.1 is under it
            ("1.1", False),
            ("2", False),
            ("3", False),
        ]

    def test_bold_rows_among_plain_ones_are_groups(self, tmp_path: Path) -> None:
        path = write_docx(tmp_path / "b.docx", self.ROWS, bold={2})
        assert [(n, g) for n, _, g in outline(import_docx(path))] == [
            ("1", True),
            ("1.1", False),
            ("2", True),
            ("3", False),
        ]


# -- Word documents as Word and other tools write them --------------------------------

ROWS3 = [
    ("1", "Rà soát, đánh giá thủ tục", "", "", ""),
    ("1.1", "Rà soát thủ tục", "Văn phòng Sở", "", "Thường xuyên"),
    ("2", "Công khai thủ tục", "Văn phòng Sở", "", "Thường xuyên"),
]


def plain_docx(rows: list[tuple[str, str, str, str, str]]) -> tuple[Any, Any]:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Kiểm soát thủ tục hành chính năm 2025")
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for j, text in enumerate(HEADER):
        table.rows[0].cells[j].text = text
    for i, cells in enumerate(rows, start=1):
        for j, text in enumerate(cells):
            table.rows[i].cells[j].text = text
    return document, table


def tasks_of(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    plan = import_docx(path).plan
    return [(str(t.number), t.title, plan.unit_names(t.lead)) for t in plan.tasks]


class TestWordShapes:
    """Shapes of a Word table no test had built before issue 11."""

    def test_row_inside_a_content_control(self, tmp_path: Path) -> None:
        """A row wrapped in a content control (w:sdt), as forms and some templates have,
        is read like any other."""
        document, table = plain_docx(ROWS3)
        tr = table.rows[2]._tr
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        tr.addprevious(sdt)
        sdt.append(content)
        content.append(tr)
        document.save(str(tmp_path / "sdt.docx"))
        assert tasks_of(tmp_path / "sdt.docx") == [
            ("1", "Rà soát, đánh giá thủ tục", ()),
            ("1.1", "Rà soát thủ tục", ("Văn phòng Sở",)),
            ("2", "Công khai thủ tục", ("Văn phòng Sở",)),
        ]

    def test_legacy_horizontal_merge(self, tmp_path: Path) -> None:
        """Old Word files merge across with w:hMerge; the cells merged into the first are
        hidden in Word, so their stale text is not read as the lead unit."""
        rows = [("1", "Rà soát, đánh giá thủ tục", "Văn phòng Sở", "", ""), *ROWS3[1:]]
        document, table = plain_docx(rows)
        for k, tc in enumerate(table.rows[1]._tr.findall(qn("w:tc"))[1:4]):
            merge = OxmlElement("w:hMerge")
            if k == 0:
                merge.set(qn("w:val"), "restart")
            tc.get_or_add_tcPr().append(merge)
        document.save(str(tmp_path / "hmerge.docx"))
        assert tasks_of(tmp_path / "hmerge.docx")[0] == ("1", "Rà soát, đánh giá thủ tục", ())

    def test_nested_table_in_a_cell(self, tmp_path: Path) -> None:
        """A table inside a cell gives its text, one line per paragraph: here two units."""
        document, table = plain_docx(ROWS3)
        cell = table.rows[2].cells[2]
        cell.text = ""
        inner = cell.add_table(rows=2, cols=1)
        inner.rows[0].cells[0].text = "Văn phòng Sở"
        inner.rows[1].cells[0].text = "Phòng Quản lý công nghệ"
        document.save(str(tmp_path / "nested.docx"))
        assert tasks_of(tmp_path / "nested.docx")[1] == (
            "1.1",
            "Rà soát thủ tục",
            ("Văn phòng Sở", "Phòng Quản lý công nghệ"),
        )


def repack(source: Path, target: Path, extra: list[tuple[str, bytes]]) -> Path:
    """The package of ``source`` with more parts added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
        for name, data in extra:
            new.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


class TestPackageSafety:
    """The checks made on a .docx package before any XML parser reads it."""

    @pytest.fixture
    def good(self, tmp_path: Path) -> Path:
        document, _ = plain_docx(ROWS3)
        document.save(str(tmp_path / "good.docx"))
        assert len(tasks_of(tmp_path / "good.docx")) == 3
        return tmp_path / "good.docx"

    def test_too_many_parts(self, good: Path, tmp_path: Path) -> None:
        """A Word document has a few dozen parts; more than 1000 is refused."""
        extra = [(f"extra/p{i}.xml", b"<a/>") for i in range(1000)]
        path = repack(good, tmp_path / "parts.docx", extra)
        with pytest.raises(UnsafeSource, match=r"has \d+ parts, more than 1000"):
            import_docx(path)

    def test_utf16_xml_part(self, good: Path, tmp_path: Path) -> None:
        text = '<?xml version="1.0" encoding="UTF-16"?><a/>'
        path = repack(good, tmp_path / "u16.docx", [("extra/u16.xml", text.encode("utf-16"))])
        with pytest.raises(UnsafeSource, match="XML in an encoding other than UTF-8"):
            import_docx(path)

    def test_xml_part_declaring_another_encoding(self, good: Path, tmp_path: Path) -> None:
        text = b'<?xml version="1.0" encoding="Shift_JIS"?><a/>'
        path = repack(good, tmp_path / "sjis.docx", [("extra/sjis.xml", text)])
        with pytest.raises(UnsafeSource, match="declares the encoding 'Shift_JIS', not UTF-8"):
            import_docx(path)

    def test_part_larger_than_declared(self, good: Path, tmp_path: Path) -> None:
        """A part that unpacks to more than its header says is refused. (Python's zipfile
        stops at the declared size and then finds the checksum wrong: the importer's own
        size check is a second line, see docs/testing.md.)"""
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as zf:
            info = zf.getinfo("word/document.xml")
        name = info.filename.encode()
        at = 0
        while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
            length = struct.unpack_from("<H", data, at + 28)[0]
            if data[at + 46 : at + 46 + length] == name:
                struct.pack_into("<I", data, at + 24, 10)  # uncompressed size
            at += 4
        struct.pack_into("<I", data, info.header_offset + 22, 10)  # and in the local header
        path = tmp_path / "liar.docx"
        path.write_bytes(bytes(data))
        with pytest.raises((UnsafeSource, SourceRejected), match=r"larger than it declares|CRC"):
            import_docx(path)
