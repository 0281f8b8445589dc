"""Word documents for the import tests, built with python-docx in the shapes plans have.

Each builder writes a real .docx: cells with several paragraphs, bold and italic runs,
cells merged across and down, the header row marked to repeat on every page. The texts
are transcribed from the signed plan in ``shared/seed`` (the Thái Nguyên appendix) or
written in the style of other provincial plans; what the importer should make of them is
written separately in the tests, never computed from these builders.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.table import Table

from tests.built_once import built_once

__all__ = [
    "SEED_HEADER",
    "SEED_ROWS",
    "UP",
    "C",
    "build_docx",
    "merged_docx",
    "roman_docx",
    "seed_docx",
    "two_row_header_docx",
]


@dataclass(frozen=True)
class C:
    """A cell: "\\n" separates paragraphs; ``span`` columns across, ``down`` rows down."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    span: int = 1
    down: int = 1
    breaks: bool = False  # lines as line breaks (Shift+Enter) rather than paragraphs


#: A grid position covered by a cell merged down from a row above.
UP = C(text="\x00up")

Row = Sequence[C | str]


def _write(cell: object, spec: C, nfd: bool) -> None:
    text = unicodedata.normalize("NFD", spec.text) if nfd else spec.text
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    lines = [text] if spec.breaks else text.split("\n")
    for i, line in enumerate(lines):
        p = paragraphs[0] if i == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        if spec.breaks:
            for j, part in enumerate(line.split("\n")):
                run = p.add_run(part)
                run.bold, run.italic = spec.bold or None, spec.italic or None
                if j < len(line.split("\n")) - 1:
                    run.add_break()
        else:
            run = p.add_run(line)
            run.bold, run.italic = spec.bold or None, spec.italic or None


def add_table(
    document: object, rows: Sequence[Row], *, repeat_header: bool = True, nfd: bool = False
) -> Table:
    """Add a table; the first row is marked as a header repeated on each page."""
    ncols = max(sum((c.span if isinstance(c, C) else 1) for c in row) for row in rows)
    table: Table = document.add_table(rows=len(rows), cols=ncols)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    merges: list[tuple[int, int, C]] = []
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            spec = C(item) if isinstance(item, str) else item
            if spec is not UP:
                merges.append((r, col, spec))
            col += spec.span
    for r, col, spec in merges:
        cell = table.cell(r, col)
        if spec.span > 1 or spec.down > 1:
            cell = cell.merge(table.cell(r + spec.down - 1, col + spec.span - 1))
        _write(cell, spec, nfd)
    if repeat_header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return table


@built_once()
def build_docx(
    path: Path,
    rows: Sequence[Row],
    *,
    before: Sequence[str | Sequence[Sequence[str]]] = (),
    after: Sequence[str] = (),
    nfd: bool = False,
) -> Path:
    """A document: ``before`` paragraphs (or layout tables, as lists of rows), the task
    table, then ``after`` paragraphs. A paragraph starting with "**" is bold."""
    document = docx.Document()

    def paragraph(text: str) -> None:
        bold = text.startswith("**")
        text = text.removeprefix("**")
        if nfd:
            text = unicodedata.normalize("NFD", text)
        document.add_paragraph().add_run(text).bold = bold or None

    for item in before:
        if isinstance(item, str):
            paragraph(item)
        else:
            add_table(document, [[C(t) for t in row] for row in item], repeat_header=False)
    add_table(document, rows, nfd=nfd)
    for text in after:
        paragraph(text)
    # Word always ends the body with a paragraph; without one LibreOffice's .doc export
    # turns a final table into text.
    document.add_paragraph()
    document.save(str(path))
    return path


# -- the seed plan's appendix ----------------------------------------------------------

SEED_HEADER = (
    "STT",
    "Nội dung công việc",
    "Đơn vị chủ trì thực hiện",
    "Đơn vị phối hợp/theo dõi",
    "Thời gian hoàn thành",
)

_ALL = "Các phòng, đơn vị thuộc Sở"
_VP = "Văn phòng Sở"
_VP_ALL = "- Văn phòng Sở; - Các phòng, đơn vị thuộc Sở."
_VP_PHONG = "- Văn phòng Sở; - Các phòng thuộc Sở."
_VP_TTHC = "- Văn phòng Sở; - Các phòng, đơn vị thuộc Sở có thủ tục hành chính"
_VP_TTHC_DOT = "- Văn phòng Sở; - Các phòng, đơn vị thuộc Sở có thủ tục hành chính."
# As Word lays these cells out: one unit per paragraph.
_VP_TTHC_LINES = "- Văn phòng Sở\n- Các phòng, đơn vị thuộc Sở có thủ tục hành chính"
_TTHC = "Các phòng, đơn vị thuộc Sở có thủ tục hành chính"
_CDS = "Phòng Chuyển đổi số"
_TX = "Thường xuyên"

#: (STT, task, lead, support, completion time, style): the appendix of the seed plan as
#: its Word file has it. Style "g" is a bold group row, "gi" bold italic.
SEED_ROWS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "1.",
        "Công tác chỉ đạo, điều hành kiểm soát thủ tục hành chính, thực hiện cơ chế một "
        "cửa, một cửa liên thông và thực hiện thủ tục hành chính (TTHC) trên môi trường "
        "điện tử",
        "",
        "",
        "",
        "g",
    ),
    (
        "1.1",
        "Kiện toàn đội ngũ công chức đầu mối thực hiện nhiệm vụ kiểm soát TTHC tại các cơ "
        "quan, đơn vị",
        _VP,
        _ALL,
        _TX,
        "",
    ),
    (
        "1.2",
        "Tiếp tục rà soát, đề xuất cấp có thẩm quyền phân cấp, ủy quyền trong giải quyết "
        "TTHC theo quy định.",
        _VP,
        _ALL,
        _TX,
        "",
    ),
    (
        "1.3",
        "Công tác truyền thông, hỗ trợ hoạt động kiểm soát TTHC, thực hiện cơ chế một cửa, "
        "một cửa liên thông và thực hiện TTHC trên môi trường điện tử",
        _VP_ALL,
        "Trung tâm CNTT&TT",
        _TX,
        "",
    ),
    ("2.", "Kiểm soát TTHC", "", "", "", "g"),
    ("2.1", "Kiểm soát ban hành TTHC", "", "", "", "g"),
    (
        "2.1.1",
        "Đánh giá tác động và lấy ý kiến tham gia quy định TTHC trong dự thảo văn bản quy "
        "phạm pháp luật (QPPL) của tỉnh",
        "Các phòng, đơn vị thuộc Sở được giao chủ trì soạn thảo văn bản có quy định về TTHC",
        _VP,
        "Khi có phát sinh",
        "",
    ),
    (
        "2.1.2",
        "Thực hiện kiểm soát TTHC nội bộ ngay trong quá trình dự thảo văn bản pháp luật; rà "
        "soát, sửa đổi, bổ sung TTHC nội bộ trong quá trình sửa đổi, bổ sung văn bản quy "
        "phạm pháp luật theo quy định",
        _VP_PHONG,
        "",
        _TX,
        "",
    ),
    ("2.2", "Kiểm soát công bố, công khai TTHC", "", "", "", "gi"),
    (
        "2.2.1",
        "Cập nhật kịp thời, đầy đủ Quyết định công bố TTHC của bộ, ngành Trung ương để tham "
        "mưu Chủ tịch UBND tỉnh ban hành Quyết định công bố Danh mục TTHC thực hiện tại tỉnh",
        _VP_PHONG,
        "",
        _TX,
        "",
    ),
    (
        "2.2.2",
        "Tham mưu Chủ tịch UBND tỉnh ban hành Quyết định công bố TTHC (đối với TTHC được "
        "giao quy định hoặc quy định chi tiết trong văn bản QPPL của tỉnh)",
        _VP_PHONG,
        "",
        _TX,
        "",
    ),
    (
        "2.2.3",
        "Tiếp tục rà soát, trình cấp có thẩm quyền công bố, đề xuất phương án đơn giản hóa "
        "đối với TTHC nội bộ giữa các cơ quan nhà nước theo Kế hoạch số 94/KH-UBND ngày "
        "11/4/2025 của Chủ tịch UBND tỉnh",
        _VP_TTHC,
        "",
        _TX,
        "",
    ),
    (
        "2.2.4",
        "Công khai TTHC tại nơi giải quyết TTHC; trên Cổng/Trang thông tin điện tử của đơn vị",
        _VP,
        _ALL,
        _TX,
        "",
    ),
    ("2.3", "Kiểm soát giải quyết TTHC", "", "", "", "gi"),
    (
        "2.3.1",
        "Thực hiện tốt cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo Nghị "
        "định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
        _VP_TTHC,
        "",
        _TX,
        "",
    ),
    (
        "2.3.2",
        "Đẩy mạnh việc tích hợp, cung cấp dịch vụ công trực tuyến; thực hiện thanh toán trực "
        "tuyến cho cá nhân, tổ chức",
        _VP_TTHC,
        _CDS,
        _TX,
        "",
    ),
    (
        "2.3.3",
        "Thực hiện số hóa 100% hồ sơ, kết quả giải quyết TTHC; trả kết quả điện tử song song "
        "với bản giấy đảm bảo chỉ tiêu được giao theo chỉ đạo của Chính phủ",
        _VP_TTHC_LINES,
        _CDS,
        "Năm 2025",
        "",
    ),
    (
        "2.4",
        "Đề xuất sáng kiến, giải pháp thực hiện kiểm soát TTHC",
        "",
        "",
        _TX,
        "gi",
    ),
    # In the text export this row is shifted one column right; in Word it is not.
    (
        "2.5",
        "Báo cáo thực hiện kiểm soát TTHC",
        "Văn phòng sở",
        _TTHC,
        "Định kỳ hàng quý, năm",
        "gi",
    ),
    ("2.6", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", "", "", "", "gi"),
    (
        "2.6.1",
        "Xử lý phản ánh, kiến nghị về quy định hành chính",
        "Các phòng có phản ánh kiến nghị về nội dung thuộc phòng quản lý",
        _VP,
        _TX,
        "",
    ),
    (
        "3",
        "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
        "",
        "",
        "",
        "g",
    ),
    (
        "3.1",
        "Trình Chủ tịch UBND tỉnh ban hành quy trình nội bộ đối với việc giải quyết từng TTHC",
        _VP,
        "Các phòng, đơn vị chuyên môn có TTHC",
        _TX,
        "",
    ),
    (
        "3.2",
        "Duy trì, vận hành hiệu quả Hệ thống thông tin giải quyết TTHC của tỉnh",
        _CDS,
        _VP_TTHC_LINES,
        _TX,
        "",
    ),
    (
        "3.3",
        "Cập nhật, đồng bộ 100% hồ sơ tiếp nhận, giải quyết vào Hệ thống thông tin giải "
        "quyết TTHC của tỉnh, đồng bộ với Cổng Dịch vụ công quốc gia",
        "Văn phòng sở (bộ phận tiếp nhận, trả kết quả)",
        _TTHC,
        _TX,
        "",
    ),
    (
        "3.4",
        "Tiếp tục tổ chức thực hiện Nghị định số 45/2020/NĐ-CP ngày 08/4/2020; Kế hoạch số "
        "99/KH-UBND ngày 30/7/2020 của Chủ tịch UBND tỉnh Thái Nguyên về việc thực hiện số "
        "hóa kết quả giải quyết TTHC còn hiệu lực trên địa bàn tỉnh Thái Nguyên, đảm bảo mục "
        "tiêu tại Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về việc ban hành Chương "
        "trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; Quyết định số "
        "4020/QĐ-UBND ngày 16/12/2021 của UBND tỉnh Thái Nguyên về việc ban hành Chương "
        "trình cải cách hành chính nhà nước tỉnh Thái Nguyên giai đoạn 2021 - 2025; Kế hoạch "
        "số 103/KH-UBND ngày 21/5/2021 của Chủ tịch UBND tỉnh Thái Nguyên về việc triển khai "
        "thực hiện Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong "
        "giải quyết TTHC trên địa bàn tỉnh Thái Nguyên",
        _VP_TTHC_DOT,
        _CDS,
        _TX,
        "",
    ),
    (
        "3.5",
        "Rà soát, trình công bố danh mục TTHC không phụ thuộc vào địa giới hành chính",
        _VP_TTHC_DOT,
        "",
        "Năm 2025",
        "",
    ),
    (
        "3.6",
        "Triển khai thực hiện hiệu quả Bộ Chỉ số đánh giá chất lượng phục vụ người dân, "
        "doanh nghiệp trong giải quyết thủ tục hành chính, cung cấp dịch vụ công dựa trên dữ "
        "liệu theo thời gian thực trên Cổng Dịch vụ công Quốc gia theo quy định tại Quyết "
        "định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
        _VP_TTHC_DOT,
        "",
        _TX,
        "",
    ),
    (
        "3.7",
        "Thực hiện cơ chế giao doanh nghiệp cung ứng dịch vụ bưu chính công ích, doanh nghiệp "
        "cung ứng dịch vụ đảm nhận một hoặc một số công việc trong quá trình hướng dẫn, tiếp "
        "nhận, số hóa hồ sơ, trả kết quả giải quyết TTHC, nhằm nâng cao hiệu quả cung ứng "
        "dịch vụ hành chính công.",
        _VP,
        "",
        _TX,
        "",
    ),
)

SEED_TITLE = (
    "Kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông và thực "
    "hiện thủ tục hành chính trên môi trường điện tử; triển khai thực hiện Nghị quyết số "
    "66/NQ-CP ngày 26/3/2025 của Chính phủ trên địa bàn tỉnh Thái Nguyên 04 tháng cuối năm "
    "2025 tại Sở Khoa học và Công nghệ"
)

SEED_BEFORE: tuple[str | Sequence[Sequence[str]], ...] = (
    [
        [
            "UBND TỈNH THÁI NGUYÊN\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: /KH-SKHCN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Thái Nguyên, ngày    tháng 8 năm 2025",
        ]
    ],
    "**KẾ HOẠCH",
    "**" + SEED_TITLE,
    "Thực hiện Kế hoạch số 22/KH-UBND ngày 05/8/2025 của UBND tỉnh Thái Nguyên về kiểm soát "
    "thủ tục hành chính..., Sở Khoa học và Công nghệ (KH&CN) xây dựng Kế hoạch tổ chức thực "
    "hiện tại đơn vị, như sau:",
    "**I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Triển khai thực hiện có hiệu quả các văn bản của Trung ương và địa phương.",
    "**II. NỘI DUNG",
    "Các phòng, đơn vị thuộc Sở KH&CN tập trung triển khai thực hiện tốt công tác kiểm soát "
    "TTHC (Có phụ lục đính kèm).",
    [
        [
            "Nơi nhận:\n- Văn phòng UBND tỉnh;\n- Lãnh đạo Sở;\n- Các phòng, đơn vị thuộc Sở;\n"
            "- Lưu: VT, VP.",
            "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nNguyễn Thị Thuỷ",
        ]
    ],
    "**Phụ lục",
    "**KIỂM SOÁT THỦ TỤC HÀNH CHÍNH, THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG VÀ THỰC "
    "HIỆN THỦ TỤC HÀNH CHÍNH TRÊN MÔI TRƯỜNG ĐIỆN TỬ; TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ "
    "66/NQ-CP NGÀY 26/3/2025 CỦA CHÍNH PHỦ 04 THÁNG CUỐI NĂM 2025",
    "(Kèm theo Kế hoạch số /KH-KHCN ngày    tháng 8 năm 2025 của Sở Khoa học và Công nghệ)",
)


def seed_table_rows() -> list[Row]:
    rows: list[Row] = [[C(h, bold=True) for h in SEED_HEADER]]
    for stt, title, lead, support, deadline, style in SEED_ROWS:
        bold, italic = style.startswith("g"), style.endswith("i")
        rows.append(
            [
                C(stt, bold=bold),
                C(title, bold=bold, italic=italic),
                C(lead),
                C(support),
                C(deadline),
            ]
        )
    return rows


@built_once({}, {"front": False}, {"nfd": True})
def seed_docx(path: Path, *, nfd: bool = False, front: bool = True) -> Path:
    """The seed plan's appendix in Word's shape, with its header and signature if ``front``."""
    return build_docx(path, seed_table_rows(), before=SEED_BEFORE if front else (), nfd=nfd)


# -- other shapes ----------------------------------------------------------------------


@built_once({})
def roman_docx(path: Path) -> Path:
    """A UBND-style plan: Roman groups, numbers restarting under each, a "Sản phẩm" column.

    Headers in other words ("Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
    "Thời hạn"), units separated by line breaks, no document header above the table.
    """
    g = {"bold": True}
    rows: list[Row] = [
        [
            C("TT", **g),
            C("Nội dung nhiệm vụ", **g),
            C("Cơ quan chủ trì", **g),
            C("Cơ quan phối hợp", **g),
            C("Thời hạn", **g),
            C("Sản phẩm", **g),
        ],
        [C("I", **g), C("NHIỆM VỤ CHUNG", **g), "", "", "", ""],
        [
            "1",
            "Quán triệt, phổ biến Kế hoạch đến cán bộ, công chức",
            "Văn phòng UBND tỉnh",
            "Các sở, ban, ngành\nUBND các huyện, thành phố",
            "Quý IV/2025",
            "Văn bản chỉ đạo",
        ],
        [
            "2",
            "Rà soát, đơn giản hóa thủ tục hành chính",
            "Sở Tư pháp",
            C("Văn phòng UBND tỉnh\nSở Nội vụ", breaks=True),
            "Năm 2025",
            "Báo cáo rà soát",
        ],
        [C("II", **g), C("NHIỆM VỤ CỤ THỂ", **g), "", "", "", ""],
        [
            "1",
            "Công bố danh mục thủ tục hành chính",
            "Các sở, ban, ngành",
            "Văn phòng UBND tỉnh",
            "Thường xuyên",
            "Quyết định công bố",
        ],
        [
            "2",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Văn phòng UBND tỉnh",
            "Sở Thông tin và Truyền thông",
            "Năm 2025",
            "",
        ],
        [
            "3",
            "Báo cáo kết quả kiểm soát thủ tục hành chính",
            "VĂN PHÒNG UBND TỈNH",
            "",
            "Định kỳ hàng quý, năm",
            "Báo cáo",
        ],
    ]
    return build_docx(path, rows)


@built_once({})
def merged_docx(path: Path) -> Path:
    """A plan whose table merges cells: group rows across, units and times down.

    Also: "Nhiệm vụ" / "Chủ trì" / "Phối hợp" / "Thời gian thực hiện" headers, a "Kinh
    phí" column, the "(1) (2) ..." row under the header, the header repeated as a real
    row further down (a second page), an empty row and a row without a number.
    """
    header = ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Kinh phí"]
    rows: list[Row] = [
        [C(h, bold=True) for h in header],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [C("I. CẢI CÁCH THỂ CHẾ", bold=True, span=6)],
        [
            "1",
            "Rà soát văn bản quy phạm pháp luật",
            C("Sở Tư pháp", down=2),
            "",
            C("Năm 2025", down=3),
            "50 triệu",
        ],
        ["2", "Kiểm tra việc thi hành pháp luật", UP, "Thanh tra tỉnh", UP, ""],
        ["3", "Theo dõi thi hành pháp luật", "Văn phòng UBND tỉnh", "Sở Tư pháp", UP, ""],
        ["", "", "", "", "", ""],
        [C("II", bold=True), C("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", bold=True, span=5)],
        [C(h, bold=True) for h in header],
        ["1", "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "", "Thường xuyên", ""],
        [
            "",
            "- Trên Cổng thông tin điện tử tỉnh",
            "Sở Thông tin và Truyền thông",
            "",
            "Thường xuyên",
            "",
        ],
    ]
    return build_docx(path, rows)


@built_once({})
def two_row_header_docx(path: Path) -> Path:
    """A header on two rows: "Đơn vị thực hiện" spans "Chủ trì" and "Phối hợp"; the
    other headings are merged down both rows. The two rows repeat on a later page."""
    b = {"bold": True}
    top = [
        C("STT", down=2, **b),
        C("Nội dung", down=2, **b),
        C("Đơn vị thực hiện", span=2, **b),
        C("Thời gian", down=2, **b),
    ]
    below: list[C | str] = [UP, UP, C("Chủ trì", **b), C("Phối hợp", **b), UP]
    rows: list[Row] = [
        top,
        below,
        ["1", "Tuyên truyền cải cách hành chính", "Sở Nội vụ", "Sở Văn hóa", "Năm 2025"],
        [
            C("STT", **b),
            C("Nội dung", **b),
            C("Đơn vị thực hiện", span=2, **b),
            C("Thời gian", **b),
        ],
        ["", "", C("Chủ trì", **b), C("Phối hợp", **b), ""],
        ["2", "Khảo sát sự hài lòng", "Sở Nội vụ", "", "Quý IV/2025"],
    ]
    return build_docx(path, rows)
