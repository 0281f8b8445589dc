"""What office suites write into a Word table, read as the person sees it; and the same
document after LibreOffice has resaved it (docx → odt → docx) reads alike."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import ImportResult, KhTthcError, import_docx
from tests.fixtures_office import (
    list_style_docx,
    numbered_docx,
    placeholder_docx,
    resave,
    sdt_docx,
    split_docx,
    tracked_docx,
)

HEADER_WARNINGS = {
    "issued",
    "number",
    "issuer.name",
    "issuer.place",
    "issuer.abbreviation",
    "title",
    "signer",
    "period",
}


def shape(result: ImportResult) -> list[tuple[object, ...]]:
    plan = result.plan
    return [
        (
            str(t.number),
            t.title,
            t.group,
            list(plan.unit_names(t.lead)),
            str(t.deadline) if t.deadline else None,
        )
        for t in plan.tasks
    ]


def row_warnings(result: ImportResult) -> list[str]:
    return [w.message for w in result.warnings if w.where not in HEADER_WARNINGS]


EXPECTED: dict[str, list[tuple[object, ...]]] = {
    "numbered": [
        ("1", "Công tác kiểm soát thủ tục hành chính", True, [], None),
        ("1.1", "Rà soát, đánh giá thủ tục hành chính", False, ["Văn phòng Sở"], "Quý IV/2025"),
        ("1.2", "Công khai thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Thường xuyên"),
        ("2", "Công tác cải cách hành chính", True, [], None),
        ("2.1", "Báo cáo kết quả cải cách hành chính", False, ["Văn phòng Sở"], "Năm 2025"),
    ],
    "tracked": [
        ("1", "Rà soát thủ tục hành chính nội bộ", False, ["Văn phòng Sở"], "Quý IV/2025"),
        ("3", "Công khai thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Thường xuyên"),
    ],
    "split": [
        ("1", "Rà soát thủ tục hành chính", False, ["Văn phòng Sở"], "Quý IV/2025"),
        ("2", "Công khai thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Thường xuyên"),
        ("3", "Số hóa hồ sơ thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Năm 2025"),
        (
            "4",
            "Báo cáo kết quả kiểm soát thủ tục hành chính",
            False,
            ["Văn phòng Sở"],
            "Quý IV/2025",
        ),
        (
            "5",
            "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính",
            False,
            ["Văn phòng Sở"],
            "Năm 2025",
        ),
    ],
    "list_style": [
        ("1", "Rà soát thủ tục hành chính", False, ["Văn phòng Sở"], "Quý IV/2025"),
        ("2", "Công khai thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Thường xuyên"),
    ],
    "sdt": [
        ("1", "Rà soát thủ tục hành chính", False, ["Văn phòng Sở"], "Quý IV/2025"),
        ("2", "Công khai thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Thường xuyên"),
        ("3", "Số hóa hồ sơ thủ tục hành chính", False, ["Phòng Chuyển đổi số"], "Năm 2025"),
    ],
}

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "numbered": numbered_docx,
    "list_style": list_style_docx,
    "tracked": tracked_docx,
    "split": split_docx,
    "sdt": sdt_docx,
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_reads_as_shown(tmp_path: Path, name: str) -> None:
    """Automatic numbers, accepted changes, a table split over pages and content
    controls give the tasks a person sees in Word."""
    result = import_docx(BUILDERS[name](tmp_path / f"{name}.docx"))
    assert shape(result) == EXPECTED[name]


@pytest.mark.parametrize("build", [numbered_docx, list_style_docx])
def test_numbering_needs_no_guess(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    """With automatic numbers read, no row is 'numbered by guess'."""
    result = import_docx(build(tmp_path / "n.docx"))
    assert not [m for m in row_warnings(result) if "STT" in m or "no number" in m]


def test_deleted_row_is_gone_without_a_trace(tmp_path: Path) -> None:
    """The row whose deletion is tracked is neither a task nor an 'empty row'."""
    result = import_docx(tracked_docx(tmp_path / "t.docx"))
    assert not [m for m in row_warnings(result) if "empty" in m]
    assert "Nhiệm vụ đã bị xóa" not in [t.title for t in result.plan.tasks]


def test_continuation_without_header_is_said(tmp_path: Path) -> None:
    """Reading a headerless table as the task table's continuation is a guess: said."""
    result = import_docx(split_docx(tmp_path / "s.docx"))
    assert [w.where for w in result.warnings if "continuation" in w.message] == ["table 3"]


def test_placeholder_is_not_text(tmp_path: Path) -> None:
    """A content control showing its placeholder leaves the cell empty; the placeholder
    and the empty completion time are both reported."""
    result = import_docx(placeholder_docx(tmp_path / "p.docx"))
    assert result.plan.tasks[0].deadline is None
    placeholders = [w for w in result.warnings if "placeholder" in w.message]
    assert [w.where for w in placeholders] == ["table 1, row 2"]
    assert "Nhấp hoặc gõ vào đây" in placeholders[0].message
    assert any("no completion time" in m for m in row_warnings(result))


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_resaved_by_libreoffice_reads_alike(tmp_path: Path, name: str) -> None:
    """After LibreOffice resaves the document (docx → odt → docx) it imports alike."""
    original = BUILDERS[name](tmp_path / f"{name}.docx")
    assert shape(import_docx(resave(original, tmp_path))) == EXPECTED[name]


_ATTR = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "abc", "1.5", "0x10", "٣", "99999999999999999999"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=_ATTR,
    ilvl=_ATTR,
    num_id=st.sampled_from(["90", "91", "abc", ""]),
    fmt=st.sampled_from(["decimal", "upperRoman", "lowerLetter", "bullet", "none", "zzz"]),
    text=st.sampled_from(["%1.", "%2.%1", "%9", "", "%1%1%1%1", "•"]),
)
def test_numbering_fuzz(
    tmp_path: Path, start: str, ilvl: str, num_id: str, fmt: str, text: str
) -> None:
    """Whatever numbering.xml says, the import gives tasks or a declared error."""
    from xml.sax.saxutils import quoteattr

    path = numbered_docx(tmp_path / "n.docx")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    original = parts["word/numbering.xml"].decode("utf-8")
    numbering = original.replace(
        '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>',
        f"<w:start w:val={quoteattr(start)}/><w:numFmt w:val={quoteattr(fmt)}/>"
        f"<w:lvlText w:val={quoteattr(text)}/>",
    )
    document = parts["word/document.xml"].decode("utf-8")
    document = document.replace(
        '<w:ilvl w:val="0"/><w:numId w:val="90"/>',
        (f"<w:ilvl w:val={quoteattr(ilvl)}/><w:numId w:val={quoteattr(num_id)}/>"),
    )
    assert numbering != original  # the level really is rewritten
    parts["word/numbering.xml"] = numbering.encode("utf-8")
    parts["word/document.xml"] = document.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    try:
        result = import_docx(path)
    except KhTthcError:
        return
    assert len(result.plan.tasks) >= 3


def test_picture_in_a_cell_is_reported(tmp_path: Path) -> None:
    """A cell holding a picture (here, a text box drawn in VML) is not read silently:
    a warning names the row and the cell's text."""
    path = tracked_docx(tmp_path / "t.docx")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    at = xml.index("Công khai thủ tục hành chính")
    run_end = xml.index("</w:r>", at) + len("</w:r>")
    xml = (
        xml[:run_end]
        + "<w:r><w:pict><v:rect xmlns:v='urn:schemas-microsoft-com:vml'/></w:pict></w:r>"
        + xml[run_end:]
    )
    parts["word/document.xml"] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    result = import_docx(path)
    warned = [w for w in result.warnings if "picture" in w.message]
    assert [w.where for w in warned] == ["table 1, row 4"]
    assert "Công khai thủ tục hành chính" in warned[0].message


def test_ticks_from_symbol_fonts(tmp_path: Path) -> None:
    """A tick typed from Wingdings (w:sym) reads as "✓", not as nothing; an unknown
    symbol-font character reads as "□"."""
    path = split_docx(tmp_path / "s.docx")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for text, code in (
        ("Rà soát thủ tục hành chính", "F0FC"),
        ("Công khai thủ tục hành chính", "F0AB"),
    ):
        at = xml.index(text)
        end = xml.index("</w:r>", at) + len("</w:r>")
        sym = f'<w:r><w:sym w:font="Wingdings" w:char="{code}"/></w:r>'
        xml = xml[:end] + sym + xml[end:]
    parts["word/document.xml"] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    titles = [t.title for t in import_docx(path).plan.tasks][:2]
    assert titles == ["Rà soát thủ tục hành chính✓", "Công khai thủ tục hành chính□"]
