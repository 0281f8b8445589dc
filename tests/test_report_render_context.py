"""The báo cáo's template context in full, for the illustrative quarter of
`tests.test_report._exported` (no DOCX is rendered: these tests are fast).

Every sentence below is written out from the figures counted by hand in that helper's
docstring: 7 tasks, 2 done (1 late), 2 in progress, 1 overdue, 1 not reported, 1 "không
phát sinh"; rate 2/6 = 33,3%, up from 0% in Quý III.
"""

from __future__ import annotations

from datetime import date

from attrs import evolve

from kh_tthc import Indicator, ProgressRow, report_context
from kh_tthc.render.report_context import (
    _lower_first,
    _sentence,
    count,
    general_paragraph,
    report_sections,
)
from tests.test_report import IP, NS, PLAN, Q3, D, N, _exported, _task, report, row


def _text(text: str) -> dict[str, str]:
    return {"kind": "text", "text": text}


BODY = [
    _text(
        "Thực hiện Kế hoạch số 07/KH-SNV ngày 20 tháng 8 năm 2025 của Sở Nội vụ về cải cách "
        "hành chính, hiện đại hóa nền hành chính năm 2025, Sở Nội vụ báo cáo kết quả thực "
        "hiện quý IV năm 2025 (số liệu từ ngày 15/9/2025 đến ngày 14/12/2025) như sau:"
    ),
    {"kind": "heading1", "text": "I. KẾT QUẢ THỰC HIỆN"},
    {"kind": "heading2", "text": "1. Tình hình chung"},
    _text(
        "Trong kỳ báo cáo, Kế hoạch có 07 nhiệm vụ phải thực hiện: đã hoàn thành 02 nhiệm vụ "
        "(trong đó 01 nhiệm vụ hoàn thành quá hạn); đang thực hiện 02 nhiệm vụ; 01 nhiệm vụ "
        "quá hạn chưa hoàn thành; 01 nhiệm vụ chưa có báo cáo của đơn vị chủ trì; 01 nhiệm vụ "
        "không phát sinh trong kỳ. Tỷ lệ hoàn thành đạt 33,3% (02/06 nhiệm vụ phát sinh trong "
        "kỳ), tăng 33,3 điểm phần trăm so với quý III năm 2025. Kết quả thực hiện từng nhiệm "
        "vụ tại Phụ lục kèm theo Báo cáo này."
    ),
    {"kind": "heading2", "text": "2. Kết quả theo đơn vị chủ trì"},
    _text(
        "- Phòng A: chủ trì 04 nhiệm vụ, đã hoàn thành 02 (01 quá hạn), đang thực hiện 01, "
        "quá hạn 01; tỷ lệ hoàn thành 50%."
    ),
    # Nothing done: no rate; nothing applied: no rate either.
    _text("- Phòng B: chủ trì 02 nhiệm vụ, đang thực hiện 02."),
    _text("- Phòng C: chủ trì 01 nhiệm vụ, không phát sinh 01."),
    {"kind": "heading2", "text": "3. Kết quả thực hiện các chỉ tiêu"},
    _text("- Hồ sơ trực tuyến (nhiệm vụ 1.4): đạt 150 hồ sơ, bằng 75% chỉ tiêu (200 hồ sơ)."),
    {"kind": "heading2", "text": "4. Nhiệm vụ quá hạn, chưa báo cáo"},
    _text("Có 01 nhiệm vụ quá hạn chưa hoàn thành:"),
    _text('- Nhiệm vụ 2.1 "Nhiệm vụ 2.1" (Phòng A, hạn 16/9/2025).'),
    _text("Có 01 nhiệm vụ chưa nhận được báo cáo của đơn vị chủ trì:"),
    _text('- Nhiệm vụ 2.2 "Nhiệm vụ 2.2".'),
    {"kind": "heading1", "text": "II. KHÓ KHĂN, VƯỚNG MẮC"},
    _text("- Hệ thống chậm."),
    _text("- Thiếu nhân lực (Phòng A, nhiệm vụ 1.2)."),
    {"kind": "heading1", "text": "III. ĐỀ XUẤT, KIẾN NGHỊ"},
    _text("- Tập huấn thêm."),
    _text("- Bổ sung kinh phí (Phòng B, nhiệm vụ 1.2)."),
    _text(
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch cải cách hành chính quý IV năm 2025 "
        "của Sở Nội vụ./."
    ),
]


def _row(kind: str, number: str, title: str, lead: str, status: str, result: str = "") -> dict:  # type: ignore[type-arg]
    return {
        "kind": kind,
        "lead": lead,
        "number": number,
        "result": result,
        "status": status,
        "title": title,
    }


TASKS = [
    _row("group", "1.", "Nhóm một", "", ""),
    _row("task", "1.1", "Nhiệm vụ 1.1", "Phòng A", "Đã hoàn thành", "Đã ban hành kế hoạch"),
    _row(
        "task", "1.2", "Nhiệm vụ 1.2", "- Phòng A;\n- Phòng B.", "Đang thực hiện",
        "Phòng A: Đang rà soát\nPhòng B: Đã rà soát 5 thủ tục",
    ),
    _row("task", "1.3", "Nhiệm vụ 1.3", "Phòng A", "Hoàn thành quá hạn"),
    _row(
        "task", "1.4", "Nhiệm vụ 1.4", "Phòng B", "Đang thực hiện",
        "Hồ sơ trực tuyến: 150 hồ sơ (chỉ tiêu 200 hồ sơ), đạt 75% chỉ tiêu",
    ),
    _row("group", "2.", "Nhóm hai", "", ""),
    _row("task", "2.1", "Nhiệm vụ 2.1", "Phòng A", "Quá hạn (hạn 16/9/2025)"),
    _row("task", "2.2", "Nhiệm vụ 2.2", "", "Chưa báo cáo"),
    _row("task", "2.3", "Nhiệm vụ 2.3", "Phòng C", "Không phát sinh"),
]  # fmt: skip


def test_whole_context() -> None:
    """Header, body, signature and appendix of the illustrative quarter's báo cáo."""
    context = report_context(_exported())
    assert context == {
        "parent": "UBND TP",
        "issuer": "SỞ NỘI VỤ",
        "number": "     /BC-SNV",
        "date_line": "Hà Nội, ngày    tháng 12 năm 2025",
        "type_name": "BÁO CÁO",
        "title": "Kết quả thực hiện Kế hoạch cải cách hành chính quý IV năm 2025",
        "body": BODY,
        "addressees": [],
        "recipients": ["- Lưu: VT."],
        "signer_titles": ["GIÁM ĐỐC"],
        "signer_name": "Trần Văn B",
        "appendix_title": "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV NĂM 2025",
        "appendix_reference": (
            "(Kèm theo Báo cáo số      /BC-SNV ngày    tháng 12 năm 2025 của Sở Nội vụ)"
        ),
        "tasks": TASKS,
    }


def test_missed_due_day_is_the_last_one_before_as_of() -> None:
    """A monthly report task (cut-off the 14th, sent two working days later: 16/9, 16/10
    and Tuesday 18/11/2025, Nghị định 09/2019/NĐ-CP, Điều 12) seen on 18/11/2025 is overdue
    for the report due 16/10: the one due that very day has not passed yet."""
    plan = evolve(PLAN, tasks=(*PLAN.tasks, _task("3", "Định kỳ hàng tháng", ("a",))))
    r = report(plan=plan, as_of=date(2025, 11, 18))
    assert r.result("3").due == (date(2025, 9, 16), date(2025, 10, 16), date(2025, 11, 18))
    texts = [b["text"] for b in report_context(r)["body"]]
    assert '- Nhiệm vụ 3 "Nhiệm vụ 3" (Phòng A, hạn 16/10/2025).' in texts


class TestWording:
    """The small rules of the report's sentences."""

    def test_count(self) -> None:
        """Below 10 two digits (as ND 30/2020 writes day numbers: "05"), from 10 the number
        with "." between thousands; no noun, the number alone."""
        assert [count(0), count(9), count(22)] == ["00 nhiệm vụ", "09 nhiệm vụ", "22 nhiệm vụ"]
        assert count(1234, "hồ sơ") == "1.234 hồ sơ"
        assert count(3, "") == "03"

    def test_sentence(self) -> None:
        """Trailing spaces and ";,." go, a full stop ends it, the first letter is upper case;
        nothing at its start is touched."""
        assert _sentence("  đang thực hiện; ") == "Đang thực hiện."
        assert _sentence("nhóm X.") == "Nhóm X."
        assert _sentence(". quá hạn") == ". quá hạn."

    def test_lower_first(self) -> None:
        """A first word in upper case ("TTHC") or of one letter stays as it is."""
        assert _lower_first("Kiểm soát TTHC") == "kiểm soát TTHC"
        assert _lower_first("TTHC cấp tỉnh") == "TTHC cấp tỉnh"
        assert _lower_first("A và B") == "A và B"

    def test_not_started_and_no_late_note(self) -> None:
        """A count of tasks not started is named; a unit that finished on time gets no
        "(… quá hạn)" note. Phòng A leads 1.1 (done), 1.2 (ongoing, no row: not reported)
        and 2.1 (the Quý III report due 16/9, no row: overdue); 1.3, due 10/9 before the
        window and with no row, is left out."""
        r = report(row("1.1", "a", D, date(2025, 10, 20)), row("1.4", "b", NS))
        assert "; chưa thực hiện 01 nhiệm vụ; " in general_paragraph(r)
        texts = [b["text"] for b in report_context(r)["body"]]
        assert (
            "- Phòng A: chủ trì 03 nhiệm vụ, đã hoàn thành 01, quá hạn 01, chưa báo cáo 01; "
            "tỷ lệ hoàn thành 33,3%." in texts
        )


TAIL = " Kết quả thực hiện từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này."


class TestGeneralParagraph:
    def test_no_task(self) -> None:
        r = report(plan=evolve(PLAN, tasks=PLAN.tasks[:1]))  # the group row alone
        assert (
            general_paragraph(r) == "Trong kỳ báo cáo, Kế hoạch không có nhiệm vụ phải thực hiện."
        )

    def test_one_task_none_done(self) -> None:
        """1.1 (due 30/10) alone, no row on 15/12: overdue; nothing done, no previous."""
        r = report(plan=evolve(PLAN, tasks=PLAN.tasks[:2]))
        assert general_paragraph(r) == (
            "Trong kỳ báo cáo, Kế hoạch có 01 nhiệm vụ phải thực hiện: 01 nhiệm vụ quá hạn "
            "chưa hoàn thành. Chưa có nhiệm vụ hoàn thành." + TAIL
        )

    def test_rate_down(self) -> None:
        """Quý III: 1.3 done on 5/9 (due 10/9), the six others not reported: 1/7, 14,3%.
        Quý IV, no rows: 1.3 is settled and left out; 1.1 and 2.1 overdue, four not
        reported; none done, 14,3 points down (0 - 1/7 = -14,29, one decimal)."""
        q3 = report(row("1.3", "a", D, date(2025, 9, 5)), period=Q3, as_of=date(2025, 9, 15))
        assert general_paragraph(q3) == (
            "Trong kỳ báo cáo, Kế hoạch có 07 nhiệm vụ phải thực hiện: đã hoàn thành 01 nhiệm "
            "vụ; 06 nhiệm vụ chưa có báo cáo của đơn vị chủ trì. Tỷ lệ hoàn thành đạt 14,3% "
            "(01/07 nhiệm vụ phát sinh trong kỳ)." + TAIL
        )
        assert general_paragraph(report(previous=q3)) == (
            "Trong kỳ báo cáo, Kế hoạch có 06 nhiệm vụ phải thực hiện: 02 nhiệm vụ quá hạn "
            "chưa hoàn thành; 04 nhiệm vụ chưa có báo cáo của đơn vị chủ trì. Chưa có nhiệm vụ "
            "hoàn thành, giảm 14,3 điểm phần trăm so với quý III năm 2025." + TAIL
        )


def test_attainment_with_previous_and_a_share() -> None:
    """A count written "150 hồ sơ" with the previous quarter's value after it; a share
    written "92,5%" with no space; the overdue task with two leads names both."""
    share = Indicator(id="tl", name="Tỷ lệ hồ sơ đúng hạn", target=100, unit="%")
    tasks = tuple(
        evolve(t, indicators=(*t.indicators, share))
        if str(t.number) == "1.4"
        else evolve(t, lead=("a", "b"))
        if str(t.number) == "1.1"
        else t
        for t in PLAN.tasks
    )
    plan = evolve(PLAN, tasks=tasks)
    rows_q3 = (ProgressRow(task=N("1.4"), unit="b", status=IP, values={"hs": 50}),)
    q3 = report(*rows_q3, period=Q3, as_of=date(2025, 9, 15), plan=plan)
    values = {"hs": 150, "tl": 92.5}
    q4 = report(
        ProgressRow(task=N("1.4"), unit="b", status=IP, values=values), previous=q3, plan=plan
    )
    texts = [b["text"] for b in report_context(q4)["body"]]
    assert (
        "- Hồ sơ trực tuyến (nhiệm vụ 1.4): đạt 150 hồ sơ, bằng 75% chỉ tiêu (200 hồ sơ); "
        "quý III năm 2025 đạt 50 hồ sơ." in texts
    )
    assert "- Tỷ lệ hồ sơ đúng hạn (nhiệm vụ 1.4): đạt 92,5%, bằng 92,5% chỉ tiêu (100%)." in texts
    assert '- Nhiệm vụ 1.1 "Nhiệm vụ 1.1" (Phòng A; Phòng B, hạn 30/10/2025).' in texts


def test_quiet_quarter() -> None:
    """1.1 alone, done on 20/10: nothing overdue, nothing missing, no remark; and the
    sections' own titles, before the heading puts them in upper case."""
    r = report(row("1.1", "a", D, date(2025, 10, 20)), plan=evolve(PLAN, tasks=PLAN.tasks[:2]))
    assert [s.title for s in report_sections(r)] == [
        "Kết quả thực hiện",
        "Khó khăn, vướng mắc",
        "Đề xuất, kiến nghị",
    ]
    texts = [b["text"] for b in report_context(r)["body"]]
    assert (
        "Không có nhiệm vụ quá hạn; các đơn vị chủ trì đã báo cáo đầy đủ kết quả thực hiện."
        in texts
    )
    assert "Trong kỳ, các đơn vị không phản ánh khó khăn, vướng mắc." in texts
    assert "Không có đề xuất, kiến nghị." in texts


def test_missing_lead_and_remark_endings() -> None:
    """1.2 led by Phòng A and Phòng B, only A reported: B is named as not reporting, in the
    body and in the table. A remark's trailing ";" goes, its last letters stay; so does a
    plan title's full stop inside the first sentence. A result and an indicator's figure
    are two lines of the table's cell."""
    rows = (
        ProgressRow(task=N("1.2"), unit="a", status=IP, difficulty="Thiếu kinh phí;"),
        ProgressRow(task=N("1.1"), unit="a", status=IP, difficulty="Thiếu máy X"),
        ProgressRow(task=N("1.4"), unit="b", status=IP, result="Đang số hóa", values={"hs": 150}),
    )
    plan = evolve(PLAN, title="Kiểm soát thủ tục hành chính năm 2025.")
    context = report_context(report(*rows, plan=plan))
    assert context["body"][0]["text"].startswith(
        "Thực hiện Kế hoạch số 07/KH-SNV ngày 20 tháng 8 năm 2025 của Sở Nội vụ về kiểm soát "
        "thủ tục hành chính năm 2025, Sở Nội vụ báo cáo"
    )
    table = {t["number"]: t for t in context["tasks"]}
    assert table["1.2"]["status"] == "Chưa báo cáo: Phòng B"
    assert table["1.4"]["result"] == (
        "Đang số hóa\nHồ sơ trực tuyến: 150 hồ sơ (chỉ tiêu 200 hồ sơ), đạt 75% chỉ tiêu"
    )
    texts = [b["text"] for b in context["body"]]
    assert '- Nhiệm vụ 1.2 "Nhiệm vụ 1.2" (Phòng B chưa báo cáo).' in texts
    assert "- Thiếu máy X (Phòng A, nhiệm vụ 1.1)." in texts
    assert "- Thiếu kinh phí (Phòng A, nhiệm vụ 1.2)." in texts
