"""Tables agencies published, imported: a Government resolution's appendix (with and
without the resolution around it) and a Party report's progress table.

The documents are built from the transcriptions in ``tests/data/real/tables`` (each
names its source); what the importer should make of them is written out here by hand.
Each is also resaved through LibreOffice and must import alike.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kh_tthc import ImportResult, Plan, TaskNumber, import_docx
from kh_tthc.importing import read_front_matter
from kh_tthc.vn import fold
from tests.fixtures_office import resave
from tests.fixtures_real import real_docx, real_source


def names(plan: Plan, ids: tuple[str, ...]) -> list[str]:
    return list(plan.unit_names(ids))


def task(plan: Plan, number: str) -> object:
    return next(t for t in plan.tasks if t.number == TaskNumber.parse(number))


def shape(result: ImportResult) -> list[tuple[object, ...]]:
    plan = result.plan
    return [
        (
            str(t.number),
            t.title,
            t.group,
            names(plan, t.lead),
            names(plan, t.support),
            str(t.deadline) if t.deadline else None,
            t.extra,
        )
        for t in plan.tasks
    ]


@pytest.fixture(scope="module")
def appendix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_docx(tmp_path_factory.mktemp("nq03") / "phu-luc.docx", "nq03-cp-2025-phu-luc-ii")


@pytest.fixture(scope="module")
def resolution(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_docx(
        tmp_path_factory.mktemp("nq03") / "nghi-quyet.docx",
        "nq03-cp-2025-header",
        "nq03-cp-2025-phu-luc-ii",
    )


@pytest.fixture(scope="module")
def party(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_docx(
        tmp_path_factory.mktemp("party") / "bao-cao.docx", "dang-uy-chinh-phu-2025-phu-luc-1"
    )


class TestGovernmentAppendix:
    def test_every_row_accounted_for(self, appendix: Path) -> None:
        """19 rows become 19 tasks: two Roman groups and 17 numbered tasks; the numbers
        continue across the groups as printed (14 under II is 2.14)."""
        plan = import_docx(appendix).plan
        assert [str(t.number) for t in plan.tasks] == [
            "1",
            *(f"1.{n}" for n in range(1, 14)),
            "2",
            "2.14",
            "2.15",
            "2.16",
            "2.17",
        ]
        assert [t.group for t in plan.tasks].count(True) == 2

    def test_cells(self, appendix: Path) -> None:
        """Units split at ';' and between bodies, result column kept, times as written."""
        plan = import_docx(appendix).plan
        t = task(plan, "1.1")
        assert names(plan, t.lead) == ["Bộ Khoa học và Công nghệ"]
        assert names(plan, t.support) == [
            "Ban Tuyên giáo Trung ương",
            "các bộ, ngành, địa phương",
            "VTV",
            "VOV",
            "TTXVN",
        ]
        assert t.extra == (("Kết quả", "Quyết định của Thủ tướng Chính phủ"),)
        assert str(t.deadline) == "6/2025"
        t = task(plan, "2.14")
        assert names(plan, t.support) == [
            "Bộ Công an",
            "Bộ Nội vụ",
            "Bộ Tài chính",
            "Bộ Lao động - Thương binh và Xã hội",
            "Thanh tra Chính phủ",
            "các bộ, ngành và địa phương",
        ]
        assert names(plan, task(plan, "1.9").lead) == ["Bộ, ngành, địa phương"]

    def test_no_header_at_all(self, appendix: Path) -> None:
        """An appendix alone: the caption is the appendix title, not the issuer, and
        every missing header value is a placeholder with a warning."""
        result = import_docx(appendix)
        plan = result.plan
        assert plan.appendix_title.startswith("Danh mục các nhiệm vụ triển khai")
        assert plan.issuer.name == "[cần điền]"
        warned = {w.where for w in result.warnings}
        assert {"issuer.name", "number", "issued", "signer"} <= warned

    def test_period_not_from_the_cited_date(self, appendix: Path) -> None:
        """The caption cites 'NGÀY 22 THÁNG 12 NĂM 2024'; the period comes from the
        completion times, all in 2025."""
        plan = import_docx(appendix).plan
        assert plan.period.start == date(2025, 1, 1)
        assert plan.period.end == date(2025, 12, 31)

    def test_resaved_by_libreoffice(self, appendix: Path, tmp_path: Path) -> None:
        """Saved through LibreOffice (docx → odt → docx) it imports to the same tasks."""
        assert shape(import_docx(resave(appendix, tmp_path))) == shape(import_docx(appendix))


class TestGovernmentResolution:
    def test_header(self, resolution: Path) -> None:
        """The Government's header: issuer, number, date, type and title; 'CHÍNH PHỦ'
        under the title is not part of it."""
        plan = import_docx(resolution).plan
        assert plan.issuer.name == "Chính phủ"
        assert str(plan.number) == "03/NQ-CP"
        assert str(plan.issued) == "2025-01-09"
        assert plan.issuer.place == "Hà Nội"
        assert plan.type_name == "Nghị quyết"
        assert plan.title == (
            "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW "
            "ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
        )
        assert plan.period.start.year == 2025

    def test_two_authorities(self, resolution: Path) -> None:
        """'TM. CHÍNH PHỦ' over 'KT. THỦ TƯỚNG': the second is kept, the first warned."""
        result = import_docx(resolution)
        signer = result.plan.signer
        assert (signer.authority.name if signer.authority else None) == "KT"
        assert (signer.head_title, signer.title, signer.name) == (
            "Thủ tướng",
            "Phó Thủ tướng",
            "Nguyễn Hòa Bình",
        )
        assert any("TM. CHÍNH PHỦ" in w.message for w in result.warnings if w.where == "signer")


class TestPartyReport:
    def test_header(self, party: Path) -> None:
        """The Party's header: the issuer is not 'ĐẢNG CỘNG SẢN VIỆT NAM'; the V/v line
        is the title; the Party's number is warned, not forced into a State one."""
        result = import_docx(party)
        plan = result.plan
        assert plan.issuer.name == "Đảng ủy Chính phủ"
        assert plan.issuer.place == "Hà Nội"
        assert str(plan.issued) == "2025-05"
        assert plan.title.startswith("tình hình triển khai Nghị quyết 57-NQ/TW")
        assert any("-CV/ĐU" in w.message for w in result.warnings if w.where == "number")
        signer = plan.signer
        assert (signer.authority.name if signer.authority else None) == "TM"
        assert (signer.head_title, signer.title, signer.name) == (
            "Ban thường vụ",
            "Phó Bí thư",
            "Trần Văn Sơn",
        )

    def test_progress_table(self, party: Path) -> None:
        """14 rows, 14 tasks; the requested result, the progress and the result so far
        stay on each task under their headers."""
        plan = import_docx(party).plan
        assert [str(t.number) for t in plan.tasks] == [
            "1",
            *(f"1.{n}" for n in range(1, 9)),
            "2",
            *(f"2.{n}" for n in range(9, 13)),
        ]
        t = task(plan, "1.3")
        assert names(plan, t.lead) == ["Bộ Nội vụ"]
        assert str(t.deadline) == "Tháng 5/2025"
        assert [k for k, _ in t.extra] == ["KẾT QUẢ YÊU CẦU", "TIẾN ĐỘ", "KẾT QUẢ HIỆN NAY"]
        assert dict(t.extra)["TIẾN ĐỘ"] == "Đang thực hiện"

    def test_resaved_by_libreoffice(self, party: Path, tmp_path: Path) -> None:
        """Saved through LibreOffice (docx → odt → docx) it imports to the same tasks."""
        assert shape(import_docx(resave(party, tmp_path))) == shape(import_docx(party))


def test_ministry_header() -> None:
    """A Ministry's header, its name wrapped over two lines: the issuer is the whole
    name; the authority line 'BỘ TRƯỞNG ...' under the title is not part of it."""
    front = read_front_matter(real_source("bo-khcn-2022-header")["lines"])
    assert front.issuer == "Bộ Khoa học và Công nghệ"
    assert front.parent is None
    assert str(front.number) == "2785/QĐ-BKHCN"
    assert str(front.issued) == "2022-12-30"
    assert front.type_name == "Quyết định"
    line = (
        "BAN HÀNH QUY CHẾ SOẠN THẢO VÀ BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT CỦA BỘ KHOA "
        "HỌC VÀ CÔNG NGHỆ"
    )
    assert front.title is not None
    assert fold(front.title) == fold(line)
    assert ("title", line) in front.guessed_case  # recased by guess, and said so
