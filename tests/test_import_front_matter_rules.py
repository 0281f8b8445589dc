"""The front matter's rules one at a time: each kind of line, where it stops, and how a
name in capitals is recased. The lines are illustrative, in the layout of Nghị định
30/2020/NĐ-CP, Phụ lục I (and Hướng dẫn 36-HD/VPTW for a Party document), made for
these tests unless a source is named.
"""

from __future__ import annotations

import pytest

from kh_tthc.importing import FrontMatter, read_front_matter
from kh_tthc.importing.front_matter import (
    _is_upper,
    _signer,
    _Spelling,
    ordinary_case,
    position_case,
)
from kh_tthc.model import Authority, DocumentNumber, IssueDate, Signer

SEAL = ["UBND TỈNH THÁI NGUYÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]


def read(*lines: str) -> FrontMatter:
    return read_front_matter(lines)


class TestIsUpper:
    @pytest.mark.parametrize(
        ("text", "upper"),
        [
            ("SỞ Y TẾ", True),
            ("ABC", True),
            ("AB", False),  # fewer than three letters
            ("A-B 1", False),
            ("ABc", False),
            ("SỞ 12", False),  # two letters only; figures do not count
            ("Sở Y tế", False),
            ("", False),
        ],
    )
    def test_capitals(self, text: str, upper: bool) -> None:
        assert _is_upper(text) is upper


class TestOrdinaryCase:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("UBND TỈNH THÁI NGUYÊN", "UBND tỉnh Thái Nguyên"),
            ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở khoa học và công nghệ"),
            ("ỦY BAN NHÂN DÂN HUYỆN ĐỒNG HỶ", "Ủy ban nhân dân huyện Đồng Hỷ"),
            ("PHÒNG CNTT&TT", "Phòng CNTT&TT"),
            ("HĐND XÃ AN KHÁNH", "HĐND xã An Khánh"),
            ("TRƯỜNG THPT SỐ 2", "Trường thpt số 2"),
            ("ĐỘI 3B", "Đội 3B"),
            ("  SỞ   Y   TẾ  ", "Sở y tế"),
        ],
    )
    def test_recased(self, text: str, expected: str) -> None:
        assert ordinary_case(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
            ("GIÁM ĐỐC", "Giám đốc"),
            ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
            ("PHÓ", "Phó"),
            ("PHÓ TRƯỞNG", "Phó Trưởng"),  # a one-word position after "Phó" (illustrative)
            ("CHỦ TỊCH PHÓ", "Chủ tịch phó"),
        ],
    )
    def test_position_case(self, text: str, expected: str) -> None:
        assert position_case(text) == expected


class TestNumberLine:
    @pytest.mark.parametrize(
        ("line", "number"),
        [
            ("Số: 05/KH-SKHCN", "05/KH-SKHCN"),
            ("Số:05 / KH-SKHCN", "05/KH-SKHCN"),
            ("SỐ : 123/KH-UBND", "123/KH-UBND"),
            ("Số: /KH-SKHCN", "/KH-SKHCN"),
        ],
    )
    def test_read(self, line: str, number: str) -> None:
        assert read(line).number == DocumentNumber.parse(number)

    def test_the_first_number_line_counts(self) -> None:
        fm = read("Số: 05/KH-SKHCN", "Số: 06/KH-UBND")
        assert str(fm.number) == "05/KH-SKHCN"

    def test_a_number_line_ends_the_issuer(self) -> None:
        """Capitals after the number line are not the issuer."""
        fm = read("SỞ Y TẾ", "Số: 05/KH-SYT", "PHÒNG NGHIỆP VỤ")
        assert (fm.issuer, fm.parent) == ("Sở y tế", None)

    def test_a_bad_number_ends_the_issuer_too(self) -> None:
        fm = read("SỞ Y TẾ", "Số: 1234567890/KH-SYT", "PHÒNG NGHIỆP VỤ")  # too long
        assert fm.number is None
        assert fm.issuer == "Sở y tế"

    def test_annex_number(self) -> None:
        """No number line: the plan's number named by an appendix ("Kèm theo Kế hoạch
        số ...") is the number."""
        fm = read("PHỤ LỤC", "(Kèm theo Kế hoạch số 12 / KH-UBND, ngày 5/3/2025)")
        assert str(fm.number) == "12/KH-UBND"

    def test_number_line_before_annex_number(self) -> None:
        fm = read("Số: 05/KH-SKHCN", "(Kèm theo Kế hoạch số: 12/KH-UBND)")
        assert str(fm.number) == "05/KH-SKHCN"
        fm = read("(Kèm theo Kế hoạch số: 12/KH-UBND)", "Số: 05/KH-SKHCN")
        assert str(fm.number) == "05/KH-SKHCN"

    def test_bad_annex_number_is_none(self) -> None:
        assert read("(Kèm theo Kế hoạch số 1234567890/KH-UBND)").number is None


class TestPartyNumber:
    def test_noted_not_kept(self) -> None:
        """A Party document's number is noted, word for word, and not kept."""
        fm = read("ĐẢNG ỦY CHÍNH PHỦ", "Số 402-CV/VPĐU", "ĐẢNG ỦY KHỐI")
        assert fm.number is None
        assert fm.notes == (
            (
                "number",
                "the Party's number '402-CV/VPĐU' (number-type/issuer, Hướng dẫn "
                "36-HD/VPTW) has no place in a plan file's State number; not kept",
            ),
        )
        assert fm.issuer == "Đảng ủy chính phủ"  # capitals after the number are not

    def test_blank_number_of_a_draft_noted_once(self) -> None:
        fm = read("Số: - CV/ĐU", "Số 7-CV/ĐU")
        assert [n for _, n in fm.notes] == [
            "the Party's number '-CV/ĐU' (number-type/issuer, Hướng dẫn 36-HD/VPTW) has "
            "no place in a plan file's State number; not kept"
        ]


class TestDateLine:
    @pytest.mark.parametrize(
        ("line", "place", "issued"),
        [
            (
                "Thái Nguyên, ngày 05 tháng 8 năm 2025",
                "Thái Nguyên",
                IssueDate(year=2025, month=8, day=5),
            ),
            ("Hà Nội, ngày    tháng 12 năm 2025", "Hà Nội", IssueDate(year=2025, month=12)),
            ("Hà Nội, ngày 5 tháng   năm 2025", "Hà Nội", IssueDate(year=2025)),
            ("Hà Nội, ngày tháng năm 2025", "Hà Nội", IssueDate(year=2025)),
            ("HÀ NỘI, NGÀY 1 THÁNG 2 NĂM 2024", "HÀ NỘI", IssueDate(year=2024, month=2, day=1)),
            ("Đà Nẵng  ,ngày 1 tháng 2 năm 2024", "Đà Nẵng", IssueDate(year=2024, month=2, day=1)),
        ],
    )
    def test_read(self, line: str, place: str, issued: IssueDate) -> None:
        fm = read(line)
        assert (fm.place, fm.issued) == (place, issued)

    def test_impossible_date_is_not_read(self) -> None:
        fm = read("SỞ Y TẾ", "Hà Nội, ngày 31 tháng 2 năm 2025", "PHÒNG NGHIỆP VỤ")
        assert (fm.place, fm.issued) == (None, None)
        assert fm.issuer == "Sở y tế"  # the line still ends the issuer's capitals

    def test_the_first_date_line_counts(self) -> None:
        fm = read("Hà Nội, ngày 1 tháng 2 năm 2024", "Huế, ngày 3 tháng 4 năm 2025")
        assert (fm.place, str(fm.issued)) == ("Hà Nội", "2024-02-01")

    def test_place_of_one_letter_is_no_date_line(self) -> None:
        assert read("X, ngày 1 tháng 2 năm 2024").issued is None


class TestTitle:
    def test_type_name_and_two_title_lines(self) -> None:
        fm = read(
            "KẾ HOẠCH",
            "Kiểm soát thủ tục hành chính",
            "năm 2025 của Sở",
            "và một dòng thứ ba",
        )
        assert fm.type_name == "Kế hoạch"
        assert fm.title == "Kiểm soát thủ tục hành chính năm 2025 của Sở"

    @pytest.mark.parametrize(
        "stop",
        [
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
            "Thực hiện Kế hoạch số 22/KH-UBND",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Phần thứ nhất",
            "-----",
            "_____",
            "Kính gửi:",
            "Hà Nội, ngày 1 tháng 2 năm 2024",
        ],
    )
    def test_title_stops(self, stop: str) -> None:
        fm = read("KẾ HOẠCH", "Kiểm soát thủ tục hành chính", stop)
        assert fm.title == "Kiểm soát thủ tục hành chính"

    def test_lines_after_the_title_are_read(self) -> None:
        """The lines the title did not take are read on: here the date line."""
        fm = read("KẾ HOẠCH", "Kiểm soát thủ tục hành chính", "Hà Nội, ngày 1 tháng 2 năm 2024")
        assert str(fm.issued) == "2024-02-01"

    def test_title_at_the_end_of_the_lines(self) -> None:
        fm = read("KẾ HOẠCH", "Kiểm soát thủ tục hành chính")
        assert (fm.type_name, fm.title) == ("Kế hoạch", "Kiểm soát thủ tục hành chính")
        assert read("KẾ HOẠCH") == FrontMatter(type_name="Kế hoạch")

    def test_no_title_under_the_type(self) -> None:
        fm = read("KẾ HOẠCH", "Căn cứ Luật;")
        assert (fm.type_name, fm.title) == ("Kế hoạch", None)

    def test_type_name_in_lower_case_is_no_type(self) -> None:
        fm = read("Kế hoạch", "Kiểm soát thủ tục hành chính")
        assert (fm.type_name, fm.title) == (None, None)

    def test_authority_line_ends_the_title(self) -> None:
        """ "BỘ TRƯỞNG BỘ ..." under the title says who decides: not the title."""
        fm = read("QUYẾT ĐỊNH", "Ban hành quy chế", "BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ")
        assert (fm.type_name, fm.title) == ("Quyết định", "Ban hành quy chế")

    def test_issuer_repeated_ends_the_title(self) -> None:
        """The issuer's name in capitals again under the title ("CHÍNH PHỦ")."""
        fm = read("CHÍNH PHỦ", "NGHỊ QUYẾT", "VỀ CẢI CÁCH", "CHÍNH PHỦ", "QUYẾT NGHỊ:")
        assert fm.type_name == "Nghị quyết"
        assert fm.title is not None
        assert fm.title.casefold() == "về cải cách"

    def test_capitals_in_the_title_are_kept_as_title(self) -> None:
        fm = read("SỞ Y TẾ", "KẾ HOẠCH", "KIỂM SOÁT THỦ TỤC", "HÀNH CHÍNH", "Căn cứ")
        assert fm.title == "Kiểm soát thủ tục hành chính"
        assert fm.issuer == "Sở y tế"

    def test_one_line_type_and_title(self) -> None:
        """ "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026" on one line, as a CSV title row."""
        fm = read("SỞ Y TẾ", "CHƯƠNG TRÌNH CẢI CÁCH HÀNH CHÍNH NĂM 2026", "PHÒNG NGHIỆP VỤ")
        assert fm.type_name == "Chương trình"
        assert fm.title == "Cải cách hành chính năm 2026"
        assert fm.guessed_case == (
            ("issuer", "SỞ Y TẾ"),
            ("title", "CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
        )

    def test_one_line_longer_type_name(self) -> None:
        """The longest type name a one-line title starts with (found in issue 11: the
        first listed, "Kế hoạch", won)."""
        fm = read("KẾ HOẠCH HÀNH ĐỘNG CẢI CÁCH HÀNH CHÍNH NĂM 2026")
        assert (fm.type_name, fm.title) == ("Kế hoạch hành động", "Cải cách hành chính năm 2026")

    def test_one_line_type_after_a_title_is_not_read(self) -> None:
        fm = read("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026", "CHƯƠNG TRÌNH KHÁC NỮA")
        assert (fm.type_name, fm.title) == ("Kế hoạch", "Cải cách hành chính năm 2026")

    def test_one_line_type_needs_capitals(self) -> None:
        fm = read("Kế hoạch cải cách hành chính năm 2026")
        assert (fm.type_name, fm.title) == (None, None)

    def test_subject_of_a_letter(self) -> None:
        fm = read("V/v: triển khai kiểm soát thủ tục hành chính", "V/v khác")
        assert fm.title == "triển khai kiểm soát thủ tục hành chính"
        assert read("v/v Triển khai").title == "Triển khai"

    def test_subject_before_type_keeps_the_subject(self) -> None:
        fm = read("V/v triển khai", "KẾ HOẠCH", "Một tiêu đề khác")
        assert fm.title == "triển khai"
        assert fm.type_name is None


class TestAppendix:
    def test_title_on_the_same_line(self) -> None:
        fm = read("Phụ lục 1: Danh mục nhiệm vụ", "Phụ lục 2: Khác")
        assert fm.appendix_title == "Danh mục nhiệm vụ"

    def test_title_on_the_next_line(self) -> None:
        fm = read("PHỤ LỤC II", "DANH MỤC NHIỆM VỤ", "(Kèm theo Kế hoạch số 05/KH-SKHCN)")
        assert fm.appendix_title == "Danh mục nhiệm vụ"
        assert fm.issuer is None  # the appendix title is not the issuer
        assert str(fm.number) == "05/KH-SKHCN"

    def test_a_bare_appendix_line(self) -> None:
        """ "PHỤ LỤC" alone: the next line is the appendix's title, not an issuer."""
        fm = read("PHỤ LỤC", "DANH MỤC NHIỆM VỤ")
        assert (fm.appendix_title, fm.issuer, fm.parent) == ("Danh mục nhiệm vụ", None, None)

    def test_the_appendix_title_line_is_not_read_again(self) -> None:
        """The line taken as the appendix title is done with: a plan it names ("thực
        hiện Kế hoạch số ...", the plan it carries out) is not this document's number."""
        for before in ((), ("UBND TỈNH A", "SỞ B")):
            fm = read(*before, "PHỤ LỤC", "Danh mục nhiệm vụ thực hiện Kế hoạch số 05/KH-UBND")
            assert fm.appendix_title == "Danh mục nhiệm vụ thực hiện Kế hoạch số 05/KH-UBND"
            assert fm.number is None

    def test_the_first_appendix_title_counts(self) -> None:
        fm = read("PHỤ LỤC I", "DANH MỤC MỘT", "PHỤ LỤC II", "DANH MỤC HAI", "Phụ lục III: Ba")
        assert fm.appendix_title == "Danh mục một"

    def test_a_note_in_brackets_is_no_title(self) -> None:
        fm = read("PHỤ LỤC", "(Kèm theo Kế hoạch số 05/KH-SKHCN)")
        assert fm.appendix_title is None

    def test_appendix_at_the_end(self) -> None:
        assert read("PHỤ LỤC").appendix_title is None

    def test_appendix_ends_the_issuer(self) -> None:
        fm = read("SỞ Y TẾ", "Phụ lục: Danh mục", "PHÒNG NGHIỆP VỤ")
        assert fm.issuer == "Sở y tế"

    def test_a_word_starting_like_phu_luc_is_not_one(self) -> None:
        assert read("Phụ lục1: Danh mục").appendix_title is None


class TestIssuer:
    def test_issuer_and_parent(self) -> None:
        fm = read(*SEAL, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC")
        assert (fm.parent, fm.issuer) == ("UBND tỉnh Thái Nguyên", "Sở khoa học và công nghệ")
        assert fm.guessed_case == (
            ("issuer", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
            ("parent", "UBND TỈNH THÁI NGUYÊN"),
        )

    @pytest.mark.parametrize("end", ["VÀ", "CỦA", "-", ","])
    def test_a_name_wrapped_over_two_lines(self, end: str) -> None:
        fm = read(f"BỘ KHOA HỌC {end}", "CÔNG NGHỆ")
        assert fm.issuer == ordinary_case(f"BỘ KHOA HỌC {end} CÔNG NGHỆ")
        assert fm.parent is None

    def test_a_name_not_wrapped(self) -> None:
        fm = read("BỘ KHOA HỌC VÀO", "CÔNG NGHỆ")
        assert (fm.parent, fm.issuer) == ("Bộ khoa học vào", "Công nghệ")

    @pytest.mark.parametrize(
        "motto", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DỰ THẢO", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    )
    def test_not_the_issuer(self, motto: str) -> None:
        assert read("SỞ Y TẾ", motto).issuer == "Sở y tế"

    def test_recased_from_the_running_text(self) -> None:
        fm = read(*SEAL, "Giao Sở Khoa học và Công nghệ chủ trì; UBND tỉnh Thái Nguyên theo dõi.")
        assert (fm.issuer, fm.parent) == ("Sở Khoa học và Công nghệ", "UBND tỉnh Thái Nguyên")
        assert fm.guessed_case == ()


class TestSigner:
    def test_deputy_signs(self) -> None:
        fm = read("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Đã ký)", "Nguyễn Thị Thuỷ")
        assert fm.signer == Signer(
            authority=Authority.KT,
            head_title="Giám đốc",
            title="Phó Giám đốc",
            name="Nguyễn Thị Thuỷ",
        )

    @pytest.mark.parametrize(
        ("line", "authority"),
        [
            ("TM. ỦY BAN NHÂN DÂN", Authority.TM),
            ("T/M ỦY BAN NHÂN DÂN", Authority.TM),
            ("K/T ỦY BAN NHÂN DÂN", Authority.KT),
            ("TL. ỦY BAN NHÂN DÂN", Authority.TL),
            ("T/L ỦY BAN NHÂN DÂN", Authority.TL),
            ("TUQ. ỦY BAN NHÂN DÂN", Authority.TUQ),
            ("Q. ỦY BAN NHÂN DÂN", Authority.Q),
        ],
    )
    def test_authorities(self, line: str, authority: Authority) -> None:
        fm = read(line, "Trần Văn B")
        assert fm.signer == Signer(
            authority=authority,
            head_title="Ủy ban nhân dân",
            title="Ủy ban nhân dân",
            name="Trần Văn B",
        )

    def test_two_authority_lines_noted(self) -> None:
        fm = read("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Văn C")
        assert fm.notes == (
            (
                "signer",
                "signed 'TM. CHÍNH PHỦ' above 'KT. THỦ TƯỚNG'; a plan file keeps one "
                "authority, the second; add the first by hand in a template",
            ),
        )
        assert fm.signer == Signer(
            authority=Authority.KT,
            head_title="Thủ tướng",
            title="Phó Thủ tướng",
            name="Nguyễn Văn C",
        )

    def test_the_first_signer_counts(self) -> None:
        fm = read("KT. GIÁM ĐỐC", "Nguyễn Văn A", "KT. CHỦ TỊCH", "Trần Văn B")
        assert fm.signer is not None
        assert fm.signer.name == "Nguyễn Văn A"

    def test_authority_in_lower_case_is_no_signer(self) -> None:
        assert read("Kt. Giám đốc", "Nguyễn Văn A").signer is None

    def test_head_signing_in_own_name_after_recipients(self) -> None:
        fm = read("Nơi nhận:", "- Như trên;", "- LƯU: VT", "GIÁM ĐỐC", "(Đã ký)", "Lê Văn D")
        assert fm.signer == Signer(title="Giám đốc", name="Lê Văn D")

    def test_own_name_within_two_lines(self) -> None:
        """A head signing in their own name: the name within the two lines below."""
        fm = read("Nơi nhận:", "GIÁM ĐỐC", "(Đã ký)", "(Đóng dấu)", "Lê Văn D")
        assert fm.signer is None

    def test_capitals_before_recipients_are_no_signer(self) -> None:
        fm = read("KẾ HOẠCH", "Căn cứ", "GIÁM ĐỐC", "Lê Văn D")
        assert fm.signer is None

    def test_after_recipients_the_first_signer_counts(self) -> None:
        fm = read("Nơi nhận:", "GIÁM ĐỐC", "Lê Văn D", "CHỦ TỊCH", "Trần Văn E")
        assert fm.signer == Signer(title="Giám đốc", name="Lê Văn D")


class TestSignerBlock:
    def test_name_after_notes(self) -> None:
        assert _signer("KT", "GIÁM ĐỐC", ["(Đã ký)", "[chữ ký số]", "Ghi chú:", "Lê Văn D"]) == (
            Signer(authority=Authority.KT, head_title="Giám đốc", title="Giám đốc", name="Lê Văn D")
        )

    def test_two_titles_is_no_signer(self) -> None:
        assert _signer("KT", "GIÁM ĐỐC", ["PHÓ GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn D"]) is None

    def test_a_title_without_authority_is_no_signer(self) -> None:
        assert _signer(None, "GIÁM ĐỐC", ["PHÓ GIÁM ĐỐC", "Lê Văn D"]) is None

    def test_no_name_is_no_signer(self) -> None:
        assert _signer("KT", "GIÁM ĐỐC", ["PHÓ GIÁM ĐỐC", "(Đã ký)"]) is None
        assert _signer(None, "GIÁM ĐỐC", []) is None

    def test_name_only_three_lines_below(self) -> None:
        """The signature block is the three lines under the authority line."""
        fm = read("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Đã ký)", "(Đóng dấu)", "Lê Văn D")
        assert fm.signer is None


class TestSpelling:
    def test_words_learnt_from_running_text(self) -> None:
        spelling = _Spelling(["Giao cho Sở Tư pháp và Thanh tra tỉnh kiểm tra."])
        assert spelling.recase("SỞ TƯ PHÁP VÀ THANH TRA") == ("Sở Tư pháp và Thanh tra", True)
        assert spelling.recase("THANH TRA SỞ TƯ PHÁP") == ("Thanh tra Sở Tư pháp", False)

    def test_a_word_also_in_lower_case_is_not_learnt(self) -> None:
        spelling = _Spelling(["Văn phòng Chính phủ và cải cách hành chính ở Sở"])
        assert spelling.recase("CỤC HÀNH CHÍNH SỞ") == ("Cục hành chính Sở", False)

    def test_capitals_in_a_run_teach_nothing(self) -> None:
        spelling = _Spelling(["Phụ lục 1: DANH MỤC CÔNG VIỆC"])
        assert spelling.words == {}
        assert _Spelling(["Xem Sở KIỂM SOÁT"]).words == {"sở": "Sở"}
        assert _Spelling(["Xem KIỂM tra"]).words == {"kiểm": "KIỂM"}  # one word alone
        assert _Spelling(["Có Sở"]).words == {"sở": "Sở"}

    def test_first_word_of_a_line_teaches_nothing(self) -> None:
        assert _Spelling(["Thanh tra làm"]).words == {}

    def test_not_capitals_as_is(self) -> None:
        assert _Spelling([]).recase("Sở Y tế") == ("Sở Y tế", True)

    def test_lines_in_capitals_are_not_read(self) -> None:
        spelling = _Spelling(["SỞ Y TẾ TỈNH", "báo Sở Y tế"])
        assert spelling.lines == ["báo Sở Y tế"]
        assert spelling.recase("SỞ Y TẾ") == ("Sở Y tế", True)

    def test_found_at_the_start_of_a_line(self) -> None:
        assert _Spelling(["Sở Y tế giao việc"]).recase("SỞ Y TẾ") == ("Sở Y tế", True)

    def test_the_first_spelling_in_a_line(self) -> None:
        assert _Spelling(["Gửi Sở y tế và Sở Y tế"]).recase("SỞ Y TẾ") == ("Sở y tế", True)

    def test_capitals_inside_a_line_are_no_spelling(self) -> None:
        assert _Spelling(["Giao SỞ Y TẾ làm"]).recase("SỞ Y TẾ")[1] is False


class TestCapitalRuns:
    """Where a run of capitals starts and ends (mutation testing, issue 11, fourth run):
    a word in capitals is learnt only when neither word beside it is in capitals too.
    ILLUSTRATIVE lines, quoting no document."""

    def test_words_after_a_run_are_still_read(self) -> None:
        """The run "DANH MỤC THỦ TỤC" teaches nothing; "Sở" after it is still learnt."""
        assert _Spelling(["Phụ lục 1: DANH MỤC THỦ TỤC do Sở ban hành"]).words == {"sở": "Sở"}

    def test_a_run_right_after_the_first_word(self) -> None:
        assert _Spelling(["Về DANH MỤC thủ tục"]).words == {}

    def test_only_the_words_beside(self) -> None:
        """ "TTTT" and "UBND" stand alone, one word apart: each is learnt."""
        assert _Spelling(["giao Sở TTTT và UBND huyện"]).words == {
            "sở": "Sở",
            "tttt": "TTTT",
            "ubnd": "UBND",
        }

    def test_a_short_word_in_capitals_makes_a_run(self) -> None:
        """ "VỀ" has too few letters to be read as capitals itself, but beside it "CÔNG"
        is in a run, not a spelling."""
        assert "công" not in _Spelling(["Kế hoạch VỀ CÔNG tác"]).words
