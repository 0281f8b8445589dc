"""Importing plans from Word documents: real shapes, bad files and hostile files."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kh_tthc import (
    EncryptedSource,
    KhTthcError,
    LegacyWordFormat,
    NoTaskTable,
    Plan,
    SourceRejected,
    SourceUnreadable,
    UnsafeSource,
    check_plan,
    dump_plan,
    import_docx,
    load_plan,
    parse_deadline,
    read_plan,
)
from kh_tthc.importing import docx as docx_import
from kh_tthc.importing import package
from kh_tthc.importing.word_numbering import WordNumbering
from tests.fixtures_docx import (
    UP,
    C,
    add_table,
    build_docx,
    merged_docx,
    roman_docx,
    seed_docx,
    two_row_header_docx,
)
from tests.needs import need

EXAMPLE = Path(__file__).parent.parent / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"


def names(plan: Plan, ids: tuple[str, ...]) -> list[str]:
    return [n.casefold() for n in plan.unit_names(ids)]


def summary(plan: Plan) -> list[tuple[object, ...]]:
    """What the issue asks to match: numbers, titles, group flags, unit names, deadlines."""
    return [
        (
            str(t.number),
            t.title,
            t.group,
            names(plan, t.lead),
            names(plan, t.support),
            t.deadline,
        )
        for t in plan.tasks
    ]


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info, src.read(info))
        for name, content in replace.items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


@pytest.fixture(scope="module")
def example() -> Plan:
    return load_plan(EXAMPLE)


@pytest.fixture(scope="module")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_docx(tmp_path_factory.mktemp("seed") / "ke-hoach.docx")


class TestSeedShape:
    def test_same_tasks_as_the_example(self, seed_path: Path, example: Plan) -> None:
        """The seed's appendix imports to the tasks of the hand-made plan file: numbers,
        titles, group rows, lead and support unit names, completion times. Unit names are
        compared ignoring case: the document writes "Văn phòng sở" in two rows."""
        plan = import_docx(seed_path).plan
        assert summary(plan) == summary(example)

    def test_header_of_the_document(self, seed_path: Path, example: Plan) -> None:
        """Issuer, number, date, title, period and signer come from the document."""
        plan = import_docx(seed_path).plan
        assert plan.issuer.name == example.issuer.name
        assert plan.issuer.parent == example.issuer.parent
        assert plan.issuer.abbreviation == example.issuer.abbreviation
        assert plan.place == example.place
        assert plan.number == example.number
        assert plan.issued == example.issued
        assert plan.title == example.title
        assert plan.period == example.period
        assert plan.signer.name == example.signer.name
        assert plan.signer.title_lines == example.signer.title_lines

    def test_warnings(self, seed_path: Path) -> None:
        """Only what needs a person's eye is reported: the capitalised appendix title and
        the one row without a lead unit."""
        warnings = import_docx(seed_path).warnings
        assert [w.where for w in warnings] == ["appendix_title", "task 2.4"]
        assert all(not w.is_error for w in warnings)
        assert all(w.file == seed_path for w in warnings)

    def test_decomposed_text(self, tmp_path: Path, seed_path: Path) -> None:
        """A document storing Vietnamese decomposed (NFD) imports to the same plan."""
        nfd = import_docx(seed_docx(tmp_path / "nfd.docx", nfd=True)).plan
        assert nfd == import_docx(seed_path).plan

    def test_table_only(self, tmp_path: Path, example: Plan) -> None:
        """Without the document's header the tasks are the same, and each missing header
        value is a placeholder reported as a warning."""
        result = import_docx(seed_docx(tmp_path / "t.docx", front=False))
        assert summary(result.plan) == summary(example)
        where = {w.where for w in result.warnings}
        assert {"issued", "number", "issuer.name", "issuer.place", "title", "signer"} <= where
        assert result.plan.period.start.year == 2025  # from "Năm 2025" completion times

    def test_written_plan_validates(self, tmp_path: Path, seed_path: Path) -> None:
        """The plan file written from the import reads back equal and without errors."""
        plan = import_docx(seed_path).plan
        dump_plan(plan, tmp_path / "plan.toml")
        again, problems = read_plan(tmp_path / "plan.toml")
        assert again == plan
        assert not [p for p in problems if p.is_error]


class TestOtherShapes:
    def test_roman_groups_and_extra_column(self, tmp_path: Path) -> None:
        """Roman groups with numbers restarting under each become 1, 1.1, 2, 2.1...; the
        "Sản phẩm" column is kept on each task; units on separate lines come apart."""
        plan = import_docx(roman_docx(tmp_path / "r.docx")).plan
        got = [(str(t.number), t.group, t.title) for t in plan.tasks]
        assert got == [
            ("1", True, "NHIỆM VỤ CHUNG"),
            ("1.1", False, "Quán triệt, phổ biến Kế hoạch đến cán bộ, công chức"),
            ("1.2", False, "Rà soát, đơn giản hóa thủ tục hành chính"),
            ("2", True, "NHIỆM VỤ CỤ THỂ"),
            ("2.1", False, "Công bố danh mục thủ tục hành chính"),
            ("2.2", False, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
            ("2.3", False, "Báo cáo kết quả kiểm soát thủ tục hành chính"),
        ]
        assert plan.unit_names(plan.task("1.1").support) == (
            "Các sở, ban, ngành",
            "UBND các huyện, thành phố",
        )
        assert plan.unit_names(plan.task("1.2").support) == ("Văn phòng UBND tỉnh", "Sở Nội vụ")
        assert plan.task("1.1").extra == (("Sản phẩm", "Văn bản chỉ đạo"),)
        assert plan.task("2.2").extra == ()
        # "VĂN PHÒNG UBND TỈNH" is the same unit as "Văn phòng UBND tỉnh".
        assert plan.task("2.3").lead == plan.task("1.1").lead
        assert plan.task("2.1").deadline == parse_deadline("Thường xuyên")

    def test_merged_cells(self, tmp_path: Path) -> None:
        """A group row merged across the table is a group; a unit or time merged down
        applies to every row it covers; the extra "Kinh phí" column is kept."""
        plan = import_docx(merged_docx(tmp_path / "m.docx")).plan
        got = [(str(t.number), t.group, t.title) for t in plan.tasks]
        assert got == [
            ("1", True, "CẢI CÁCH THỂ CHẾ"),
            ("1.1", False, "Rà soát văn bản quy phạm pháp luật"),
            ("1.2", False, "Kiểm tra việc thi hành pháp luật"),
            ("1.3", False, "Theo dõi thi hành pháp luật"),
            ("2", True, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            ("2.1", True, "Công khai thủ tục hành chính"),
            ("2.1.1", False, "Trên Cổng thông tin điện tử tỉnh"),
        ]
        assert plan.unit_names(plan.task("1.2").lead) == ("Sở Tư pháp",)
        assert plan.unit_names(plan.task("1.3").lead) == ("Văn phòng UBND tỉnh",)
        deadlines = {plan.task(n).deadline for n in ("1.1", "1.2", "1.3")}
        assert deadlines == {parse_deadline("Năm 2025")}
        assert plan.task("1.1").extra == (("Kinh phí", "50 triệu"),)

    def test_merged_cells_warnings(self, tmp_path: Path) -> None:
        """The skipped rows are each named: column numbers, an empty row, the repeated
        header, and the row without a number."""
        result = import_docx(merged_docx(tmp_path / "m.docx"))
        rows = [w.where for w in result.warnings if w.where.startswith("table")]
        assert rows == [
            "table 1, row 2",
            "table 1, row 7",
            "table 1, row 9",
            "table 1, row 11, task 2.1.1",
        ]

    def test_table_split_in_two(self, tmp_path: Path) -> None:
        """A task table broken into two tables with the same header reads as one."""
        header = [C("STT"), C("Nội dung công việc"), C("Đơn vị chủ trì"), C("Thời hạn")]
        document = io.BytesIO()
        import docx

        d = docx.Document()
        add_table(d, [header, ["1", "Việc một", "Sở Y tế", "Năm 2025"]])
        d.add_paragraph("(tiếp theo)")
        add_table(d, [header, ["2", "Việc hai", "Sở Y tế", "Năm 2025"]])
        d.save(document)
        path = tmp_path / "two.docx"
        path.write_bytes(document.getvalue())
        plan = import_docx(path).plan
        assert [t.title for t in plan.tasks] == ["Việc một", "Việc hai"]

    def test_header_on_two_rows(self, tmp_path: Path) -> None:
        """ "Đơn vị thực hiện" spanning "Chủ trì" and "Phối hợp" gives lead and support
        columns; both header rows, repeated further down, are skipped with warnings."""
        result = import_docx(two_row_header_docx(tmp_path / "h.docx"))
        plan = result.plan
        assert [t.title for t in plan.tasks] == [
            "Tuyên truyền cải cách hành chính",
            "Khảo sát sự hài lòng",
        ]
        assert plan.unit_names(plan.tasks[0].lead) == ("Sở Nội vụ",)
        assert plan.unit_names(plan.tasks[0].support) == ("Sở Văn hóa",)
        assert plan.tasks[0].deadline == parse_deadline("Năm 2025")
        rows = [w.where for w in result.warnings if w.where.startswith("table")]
        assert rows == ["table 1, row 4", "table 1, row 5"]

    def test_header_not_first_row(self, tmp_path: Path) -> None:
        """A caption row merged across the table above the header is not in the way."""
        rows = [
            [C("PHỤ LỤC: DANH MỤC NHIỆM VỤ", span=4)],
            ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn"],
            ["1", "Việc một", "Sở Y tế", "Thường xuyên"],
        ]
        plan = import_docx(build_docx(tmp_path / "c.docx", rows)).plan
        assert [t.title for t in plan.tasks] == ["Việc một"]


def _cfb(*streams: str) -> bytes:
    """Bytes with an OLE compound file's signature and the given stream names."""
    names = b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names + b"\x00" * 1024


class TestBadInput:
    def test_no_table(self, tmp_path: Path) -> None:
        """A document without any table says what header it looked for."""
        import docx

        d = docx.Document()
        d.add_paragraph("KẾ HOẠCH")
        d.save(str(tmp_path / "x.docx"))
        with pytest.raises(NoTaskTable, match="Nội dung công việc") as info:
            import_docx(tmp_path / "x.docx")
        assert "x.docx" in str(info.value)
        assert "no table" in str(info.value)

    def test_other_table(self, tmp_path: Path) -> None:
        """A document whose tables are not task tables shows their first rows."""
        path = build_docx(tmp_path / "o.docx", [["Họ tên", "Chức vụ"], ["A", "B"]])
        with pytest.raises(NoTaskTable, match=r"Họ tên \| Chức vụ"):
            import_docx(path)

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty file is refused as empty."""
        (tmp_path / "e.docx").write_bytes(b"")
        with pytest.raises(SourceRejected, match="empty"):
            import_docx(tmp_path / "e.docx")

    def test_not_a_zip(self, tmp_path: Path) -> None:
        """A text file named .docx is refused as not a Word document."""
        (tmp_path / "t.docx").write_text("STT,Nội dung\n", encoding="utf-8")
        with pytest.raises(SourceRejected, match="not a Word document"):
            import_docx(tmp_path / "t.docx")

    def test_truncated(self, tmp_path: Path, seed_path: Path) -> None:
        """A .docx cut short (a broken download) is refused as damaged."""
        data = seed_path.read_bytes()
        (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
        with pytest.raises(SourceRejected, match="damaged"):
            import_docx(tmp_path / "cut.docx")

    def test_damaged_xml(self, tmp_path: Path, seed_path: Path) -> None:
        """A package whose document part is not well-formed XML is refused."""
        data = rezip(seed_path.read_bytes(), {"word/document.xml": b"<w:document><w:body>"})
        (tmp_path / "bad.docx").write_bytes(data)
        with pytest.raises(SourceRejected, match="cannot be read as a Word document"):
            import_docx(tmp_path / "bad.docx")

    def test_wrong_root_element(self, tmp_path: Path, seed_path: Path) -> None:
        """A main part whose root is not w:document (found by fuzzing) is refused."""
        xml = document_xml(seed_path.read_bytes()).replace(b"w:document", b"w:documenx")
        (tmp_path / "r.docx").write_bytes(rezip(seed_path.read_bytes(), {"word/document.xml": xml}))
        with pytest.raises(SourceRejected, match="no body"):
            import_docx(tmp_path / "r.docx")

    def test_other_office_file(self, tmp_path: Path, seed_path: Path) -> None:
        """A zip whose main part is not a Word document (a spreadsheet) is refused."""
        data = seed_path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
        sheet = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        types = types.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            sheet,
        )
        (tmp_path / "s.docx").write_bytes(rezip(data, {"[Content_Types].xml": types}))
        with pytest.raises(SourceRejected, match="another kind of Office file"):
            import_docx(tmp_path / "s.docx")

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is unreadable (the command exits 2)."""
        with pytest.raises(SourceUnreadable, match="no such file"):
            import_docx(tmp_path / "nope.docx")

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is unreadable."""
        with pytest.raises(SourceUnreadable, match="directory"):
            import_docx(tmp_path)

    def test_password_protected(self, tmp_path: Path) -> None:
        """An encrypted Office file says to remove the password."""
        (tmp_path / "p.docx").write_bytes(_cfb("EncryptionInfo", "EncryptedPackage"))
        with pytest.raises(EncryptedSource, match="password"):
            import_docx(tmp_path / "p.docx")

    def test_old_doc_without_libreoffice(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An old .doc file without LibreOffice to convert it says to save it as .docx."""
        monkeypatch.setenv("KH_TTHC_SOFFICE", str(tmp_path / "no-soffice"))
        (tmp_path / "old.doc").write_bytes(_cfb("WordDocument", "1Table"))
        with pytest.raises(LegacyWordFormat, match=r"save it as \.docx"):
            import_docx(tmp_path / "old.doc")

    def test_old_doc_libreoffice_fails(self, tmp_path: Path) -> None:
        """A .doc that LibreOffice cannot convert is refused with the reason, not a crash."""
        need("soffice")
        (tmp_path / "broken.doc").write_bytes(_cfb("WordDocument", "1Table"))
        with pytest.raises(LegacyWordFormat, match="could not convert"):
            import_docx(tmp_path / "broken.doc")

    def test_compound_file_not_word(self, tmp_path: Path) -> None:
        """An old Excel file (.xls) given as a Word document is refused."""
        (tmp_path / "x.doc").write_bytes(_cfb("Workbook"))
        with pytest.raises(SourceRejected, match="not a Word document"):
            import_docx(tmp_path / "x.doc")


def test_old_doc_is_converted(tmp_path: Path, seed_path: Path, example: Plan) -> None:
    """A Word 97-2003 .doc is converted through LibreOffice and imports the same tasks."""
    need("soffice")
    soffice = shutil.which("soffice") or "soffice"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            *(soffice, f"-env:UserInstallation={profile}", "--headless"),
            *("--convert-to", "doc", "--outdir", str(tmp_path), str(seed_path)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = import_docx(tmp_path / "ke-hoach.doc")
    assert summary(result.plan) == summary(example)
    assert "converted from the old .doc format" in result.warnings[0].message


class TestHostile:
    @pytest.fixture(autouse=True)
    def _no_parsing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # Each hostile file must be refused before python-docx parses anything.
        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("python-docx was asked to open a hostile file")

        monkeypatch.setattr("docx.Document", refuse)

    def test_zip_bomb_xml_part(self, tmp_path: Path) -> None:
        """A document part that expands past the limit is refused by its declared size."""
        path = tmp_path / "bomb.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", b"<Types/>")
            with z.open("word/document.xml", "w") as f:
                f.write(b"<w:document>")
                for _ in range(package.MAX_XML_PART_BYTES // (1 << 20) + 1):
                    f.write(b" " * (1 << 20))
        assert path.stat().st_size < 1 << 20  # tiny on disk
        with pytest.raises(UnsafeSource, match=r"word/document\.xml would unpack to"):
            import_docx(path)

    def test_zip_bomb_total(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Parts that together expand past the limit are refused before reading any."""
        monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 1 << 20)
        path = tmp_path / "bomb.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(3):
                z.writestr(f"word/media/image{i}.png", b"\x89PNG" + b"\x00" * 500_000)
        with pytest.raises(UnsafeSource, match="zip bomb"):
            import_docx(path)

    def test_size_lie(self, tmp_path: Path, seed_path: Path) -> None:
        """A part whose real size exceeds the size its header declares is refused."""
        data = bytearray(seed_path.read_bytes())
        # Declare document.xml as 100 bytes in the central directory.
        name = b"word/document.xml"
        at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
        data[at + 24 : at + 28] = (100).to_bytes(4, "little")
        (tmp_path / "lie.docx").write_bytes(bytes(data))
        with pytest.raises(SourceRejected):
            import_docx(tmp_path / "lie.docx")

    def test_external_entity(self, tmp_path: Path, seed_path: Path) -> None:
        """A part declaring an external entity is refused, and the file it names is not
        read into anything the caller sees."""
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP-SECRET-42", encoding="utf-8")
        xml = document_xml(seed_path.read_bytes())
        decl = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'.encode()
        xml = xml.replace(b"?>", b"?>" + decl, 1).replace("Kiểm soát TTHC".encode(), b"&xxe;")
        path = tmp_path / "xxe.docx"
        path.write_bytes(rezip(seed_path.read_bytes(), {"word/document.xml": xml}))
        with pytest.raises(UnsafeSource, match="DOCTYPE") as info:
            import_docx(path)
        assert "TOP-SECRET" not in str(info.value)

    def test_entity_in_another_part(self, tmp_path: Path, seed_path: Path) -> None:
        """Entities are refused in every XML part, not only the main document."""
        styles = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:styles/>'
        path = tmp_path / "lol.docx"
        path.write_bytes(rezip(seed_path.read_bytes(), {"word/styles.xml": styles}))
        with pytest.raises(UnsafeSource, match=r"word/styles\.xml"):
            import_docx(path)

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
    def test_xml_in_other_encodings(self, tmp_path: Path, seed_path: Path, encoding: str) -> None:
        """XML in UTF-16 or UTF-32, where a byte scan could miss a DOCTYPE, is refused."""
        text = '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'
        path = tmp_path / "wide.docx"
        path.write_bytes(
            rezip(seed_path.read_bytes(), {"word/document.xml": text.encode(encoding)})
        )
        with pytest.raises(UnsafeSource, match="encoding"):
            import_docx(path)

    def test_hundred_thousand_rows(self, tmp_path: Path, seed_path: Path) -> None:
        """A table of 100,000 rows is refused before parsing, naming the limit."""
        row = (
            b"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
            b"<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
        )
        xml = document_xml(seed_path.read_bytes())
        at = xml.index(b"<w:tbl>")
        big = xml[:at] + b"<w:tbl>" + row * 100_000 + b"</w:tbl>" + xml[at:]
        path = tmp_path / "big.docx"
        path.write_bytes(rezip(seed_path.read_bytes(), {"word/document.xml": big}))
        with pytest.raises(UnsafeSource, match=f"more than {docx_import.MAX_ROWS} table rows"):
            import_docx(path)

    def test_file_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file larger than the limit is refused without being read whole."""
        monkeypatch.setattr(docx_import, "MAX_FILE_BYTES", 1000)
        (tmp_path / "big.docx").write_bytes(b"PK" + b"\x00" * 2000)
        with pytest.raises(UnsafeSource, match="larger than"):
            import_docx(tmp_path / "big.docx")


@st.composite
def mutated(draw: st.DrawFn, xml: bytes) -> bytes:
    # Positions are drawn independently of the part's length, so that a stored example
    # replays the same way after the fixture changes.
    data = bytearray(xml)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, 1 << 24)) % len(data)
        data[at] = draw(st.sampled_from(b"<>/&\"' wx0\x00\xff"))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, 1 << 24)) % (len(data) + 1)]
    return bytes(data)


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    rows = [
        ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn"],
        [C("I", bold=True), C("NHÓM", bold=True), "", ""],
        ["1", "Việc", C("Sở Y tế", down=2), "Năm 2025"],
        ["2", "Việc hai", UP, "Thường xuyên"],
    ]
    return build_docx(tmp_path_factory.mktemp("s") / "s.docx", rows).read_bytes()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_document_part(tmp_path: Path, small_docx: bytes, data: st.DataObject) -> None:
    """Whatever a document part is damaged into, the import gives a valid plan or one of
    the library's declared errors, never another exception."""
    xml = data.draw(mutated(document_xml(small_docx)))
    path = tmp_path / "f.docx"
    path.write_bytes(rezip(small_docx, {"word/document.xml": xml}))
    try:
        result = import_docx(path)
    except KhTthcError:
        return
    assert not [p for p in check_plan(result.plan) if p.is_error]


def test_a_clean_table_gives_no_grid_warning(tmp_path: Path) -> None:
    """The grid checks say nothing about an ordinary table, merged cells included."""
    for path in (merged_docx(tmp_path / "m.docx"), two_row_header_docx(tmp_path / "t.docx")):
        assert not [w for w in import_docx(path).warnings if "w:grid" in w.message]


def test_sub_columns_under_a_merged_parent(tmp_path: Path) -> None:
    """A tracking table (illustrative rows): "Hình thức xử lý" merged over "Thay thế",
    "Bãi bỏ", "Ban hành mới"; each sub-column is kept under "parent: sub", never
    "Cột 5", and the other headings merged down both rows keep their roles."""
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
    ]
    plan = import_docx(build_docx(tmp_path / "theo-doi.docx", rows)).plan
    (task,) = plan.tasks
    assert task.title == "Quyết định quy định về ví dụ"
    assert [plan.unit_names(task.lead)] == [("Sở Tư pháp",)]
    assert str(task.deadline) == "Tháng 10/2025"
    assert task.extra == (("Hình thức xử lý: Thay thế", "x"),)


class TestWordNumbering:
    """The number Word shows before a list paragraph, computed from a numbering part made
    here (illustrative XML of the shape Word writes: w:abstractNum, w:num, w:lvlOverride)."""

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def numbering(self, levels: str, nums: str) -> WordNumbering:
        """A real python-docx document whose numbering part holds only these lists."""
        xml = f'<w:numbering xmlns:w="{self.W}">{levels}{nums}</w:numbering>'
        document = docx.Document()
        root = document.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for child in etree.fromstring(xml):
            root.append(child)
        return WordNumbering(document)

    def para(self, num_id: str | None, ilvl: int | None = 0) -> etree._Element:
        inner = ""
        if num_id is not None:
            inner += f'<w:numId w:val="{num_id}"/>'
        if ilvl is not None:
            inner += f'<w:ilvl w:val="{ilvl}"/>'
        return etree.fromstring(
            f'<w:p xmlns:w="{self.W}"><w:pPr><w:numPr>{inner}</w:numPr></w:pPr></w:p>'
        )

    @staticmethod
    def lvl(ilvl: str, fmt: str, text: str, start: str = "1") -> str:
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
        )

    @pytest.mark.parametrize(
        ("fmt", "expected"),
        [
            ("upperRoman", ["I.", "II.", "III."]),
            ("lowerRoman", ["i.", "ii.", "iii."]),
            ("upperLetter", ["A.", "B.", "C."]),
            ("lowerLetter", ["a.", "b.", "c."]),
            ("decimal", ["1.", "2.", "3."]),
            ("bullet", ["-", "-", "-"]),
            ("none", ["", "", ""]),
        ],
    )
    def test_formats(self, fmt: str, expected: list[str]) -> None:
        n = self.numbering(
            f'<w:abstractNum w:abstractNumId="0">{self.lvl("0", fmt, "%1.")}</w:abstractNum>',
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
        )
        assert [n.label(self.para("1")) for _ in expected] == expected

    def test_letters_past_z_double(self) -> None:
        n = self.numbering(
            '<w:abstractNum w:abstractNumId="0">'
            + self.lvl("0", "lowerLetter", "%1)", start="27")
            + "</w:abstractNum>",
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
        )
        assert n.label(self.para("1")) == "aa)"

    def test_levels_override_and_restart(self) -> None:
        n = self.numbering(
            '<w:abstractNum w:abstractNumId="0">'
            + self.lvl("0", "decimal", "%1.")
            + self.lvl("1", "decimal", "%1.%2.")
            + self.lvl("x", "decimal", "%1")  # a level without a number: skipped
            + self.lvl("12", "decimal", "%1")  # past the nine levels Word has: skipped
            + "</w:abstractNum>",
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
            '<w:num w:numId="3"/>',
        )
        got = [
            n.label(self.para("1")),
            n.label(self.para("1", 1)),
            n.label(self.para("1", 1)),
            n.label(self.para("1")),
            n.label(self.para("1", 1)),
            n.label(self.para("2")),
        ]
        assert got == ["1.", "1.1.", "1.2.", "2.", "2.1.", "5."]
        assert n.label(self.para("3")) is None  # a w:num naming no abstract list
        assert n.label(self.para("9")) is None  # an unknown list
        assert n.label(self.para("1", 4)) is None  # a level the list lacks

    def test_style_numbering(self) -> None:
        n = self.numbering(
            f'<w:abstractNum w:abstractNumId="0">{self.lvl("0", "decimal", "%1.")}'
            f"{self.lvl('1', 'lowerLetter', '%2)')}</w:abstractNum>",
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
        )
        plain = etree.fromstring(f'<w:p xmlns:w="{self.W}"/>')
        assert n.label(plain) is None
        style = self.para("1").find(f"{{{self.W}}}pPr/{{{self.W}}}numPr")
        assert n.label(plain, by_style=style) == "1."
        # The paragraph's own level, the style's list.
        assert n.label(self.para(None, 1), by_style=style) == "a)"
