"""Report tables (báo cáo kết quả) in Word and Excel, for the progress import tests.

ILLUSTRATIVE: no published report table on the seed plan was found to transcribe, so
these tables are built for the tests. The task numbers and titles are the seed plan's
(``examples/skhcn-thai-nguyen-2025/plan.toml``, from the signed Thái Nguyên plan in
``shared/seed``); the result texts, statuses and report title are written for the tests
in the way such reports word them, and claim no source.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.built_once import built_once
from tests.fixtures_docx import C, build_docx

__all__ = ["REPORT_BEFORE", "REPORT_ROWS", "report_docx", "report_xlsx"]

REPORT_BEFORE = (
    "**BÁO CÁO",
    "**Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý IV năm 2025 (illustrative)",
)

#: STT, title (the seed plan's, shortened where "…" is written), lead unit, result text.
REPORT_ROWS: tuple[tuple[str, str, str, str], ...] = (
    (
        "1",
        "Công tác chỉ đạo, điều hành kiểm soát thủ tục hành chính, thực hiện cơ chế một "
        "cửa, một cửa liên thông và thực hiện thủ tục hành chính (TTHC) trên môi trường điện "
        "tử",
        "",
        "",
    ),
    (
        "1.1",
        "Kiện toàn đội ngũ công chức đầu mối thực hiện nhiệm vụ kiểm soát TTHC tại các "
        "cơ quan, đơn vị",
        "Văn phòng Sở",
        "Đã hoàn thành; ban hành Quyết định kiện toàn công chức đầu mối",
    ),
    (
        "1.2",
        "Tiếp tục rà soát, đề xuất cấp có thẩm quyền phân cấp, ủy quyền trong giải quyết TTHC",
        "Văn phòng Sở",
        "Đang thực hiện",
    ),
    (
        "2.2.1",
        "Cập nhật kịp thời, đầy đủ Quyết định công bố TTHC của bộ, ngành Trung ương",
        "Văn phòng Sở",
        "Không phát sinh trong kỳ",
    ),
    # Numbered differently from the plan (3.1): matched by its title.
    (
        "9",
        "Trình Chủ tịch UBND tỉnh ban hành quy trình nội bộ đối với việc giải quyết TTHC",
        "Văn phòng Sở",
        "Chưa thực hiện",
    ),
    # Not in the plan.
    (
        "10",
        "Tổ chức hội nghị tổng kết công tác cải cách hành chính",
        "Văn phòng Sở",
        "Đã hoàn thành",
    ),
    (
        "3.2",
        "Duy trì, vận hành hiệu quả Hệ thống thông tin giải quyết TTHC của tỉnh",
        "Phòng Chuyển đổi số",
        "Đã gửi văn bản đề nghị",
    ),
)

HEADER = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Kết quả thực hiện")


@built_once({})
def report_docx(path: Path) -> Path:
    """The report as a Word document: title paragraphs, then the table."""
    rows = [[C(h, bold=True) for h in HEADER]]
    rows += [[C(stt), C(title), C(unit), C(result)] for stt, title, unit, result in REPORT_ROWS]
    return build_docx(path, rows, before=REPORT_BEFORE)


#: (STT, title, the status ticked) for the workbook with one column per status.
TICK_ROWS: tuple[tuple[str, str, int | None], ...] = (
    ("1.1", "Kiện toàn đội ngũ công chức đầu mối thực hiện nhiệm vụ kiểm soát TTHC", 0),
    ("1.2", "Tiếp tục rà soát, đề xuất cấp có thẩm quyền phân cấp, ủy quyền", 1),
    ("1.3", "Công tác truyền thông, hỗ trợ hoạt động kiểm soát TTHC", 2),
    ("2.3.3", "Thực hiện số hóa 100% hồ sơ, kết quả giải quyết TTHC", None),
)
TICKS = ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện")


@built_once({})
def report_xlsx(path: Path) -> Path:
    """The report as a workbook: "Kết quả" merged over one column per status, ticked "x"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Báo cáo quý IV"
    ws.append(["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH QUÝ IV NĂM 2025 (illustrative)"])
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Nội dung công việc", "Kết quả", None, None])
    ws.append([None, None, *TICKS])
    for ref in ("A2:A3", "B2:B3", "C2:E2"):
        ws.merge_cells(ref)
    for stt, title, tick in TICK_ROWS:
        marks = ["x" if tick == i else None for i in range(len(TICKS))]
        ws.append([stt, title, *marks])
    wb.save(str(path))
    return path
