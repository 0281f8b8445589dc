"""Hostile grid attributes in a Word table: clamped to the table and warned, never a crash.

Each case was a traceback before (issue "Hardening", item 4): ``w:gridBefore`` of
99999999 ran 70 s to a MemoryError, ``w:gridSpan="999999999"`` a MemoryError,
``gridSpan="abc"`` a ValueError and ``gridBefore="-5"`` an IndexError.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from kh_tthc import load_plan
from kh_tthc.cli import main
from tests.fixtures_docx import build_docx

HEADER = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành")
ROWS = [
    HEADER,
    ("1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý IV/2025"),
    ("2", "Công khai thủ tục hành chính", "Phòng Chuyển đổi số", "Thường xuyên"),
]


def hostile(tmp_path: Path, edit: tuple[bytes, bytes]) -> Path:
    """The two-task table with one edit made to its XML (on the first task row)."""
    clean = build_docx(tmp_path / "clean.docx", ROWS)
    with zipfile.ZipFile(clean) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"]
    old, new = edit
    # The first task row is the table's second <w:tr>.
    rows = [m.start() for m in re.finditer(rb"<w:tr[ >]", xml)]
    at = xml.index(old, rows[1])
    parts["word/document.xml"] = xml[:at] + new + xml[at + len(old) :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path = tmp_path / "hostile.docx"
    path.write_bytes(out.getvalue())
    return path


TC = b"<w:tc><w:tcPr>"
TR = b"<w:tr>"
CASES = {
    "gridBefore huge": (TR, b'<w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr>'),
    "gridBefore negative": (TR, b'<w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr>'),
    "gridBefore not a number": (TR, b'<w:tr><w:trPr><w:gridBefore w:val="x"/></w:trPr>'),
    "gridAfter huge": (TR, b'<w:tr><w:trPr><w:gridAfter w:val="99999999"/></w:trPr>'),
    "gridAfter negative": (TR, b'<w:tr><w:trPr><w:gridAfter w:val="-5"/></w:trPr>'),
    "gridSpan huge": (TC, b'<w:tc><w:tcPr><w:gridSpan w:val="999999999"/>'),
    "gridSpan not a number": (TC, b'<w:tc><w:tcPr><w:gridSpan w:val="abc"/>'),
    "gridSpan negative": (TC, b'<w:tc><w:tcPr><w:gridSpan w:val="-3"/>'),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_grid_attribute_is_warned_not_fatal(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import ends normally (exit 0), names the row and the attribute in a warning,
    prints no traceback and writes a plan holding both tasks."""
    source = hostile(tmp_path, CASES[case])
    out = tmp_path / "plan.toml"
    code = main(["import", str(source), "-o", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed
    assert "Traceback" not in printed.err + printed.out
    attribute = case.split()[0]
    warned = [line for line in printed.out.splitlines() if f"w:{attribute}" in line]
    assert warned, printed.out
    assert "table 1, row 2" in warned[0]
    assert [t.title for t in load_plan(out).tasks] == [
        "Rà soát thủ tục hành chính",
        "Công khai thủ tục hành chính",
    ]
