"""The phrase families agencies write completion times in, as data.

Each :class:`Family` is one way of writing a completion time: a pattern over the *folded*
phrase (lower case, diacritics and "đ" removed, so "Quý", "Quí" and "Quy" read alike), the
name of the reader in :mod:`kh_tthc.deadline.parse` that turns a match into a value, the
first words it can open with (so that the engine tries only the families that can match),
and real examples with the document each was read in. The examples are tests too:
``tests/test_deadline.py`` checks that each one reads as its family.

Patterns use a few named pieces, written in braces and filled in by the engine:

* ``{Y}``, ``{Y2}`` a year; ``{M}``, ``{M2}`` a month; ``{D}``, ``{D2}`` a day; ``{Q}`` a quarter
  (Roman or Arabic);
* ``{SL}`` the mark between the parts of a date or a month ("/", "-", ".");
* ``{PERIOD}`` any period ("Năm 2025", "Quý IV/2025", "Tháng 6/2025", "6 tháng đầu năm
  2026", "6/2025");
* ``{TIME}`` a time of day ("17 giờ", "20h00"), read and left out: the day is the deadline;
* ``{W}`` the words before a date ("trước", "chậm nhất", "hoàn thành trước", "đến").
"""

from __future__ import annotations

from attrs import frozen

__all__ = ["ENGINE_EXAMPLES", "FAMILIES", "FIXED", "LEADS", "Example", "Family"]


@frozen
class Example:
    """A phrase as an agency wrote it, and where: document number, title, repository path."""

    phrase: str
    source: str


@frozen(kw_only=True)
class Family:
    """One way of writing a completion time."""

    #: A short name, used in test ids and documentation.
    name: str
    #: The kind of value the family gives.
    kind: str
    #: The reader in ``parse.py`` that turns a match into a value.
    reader: str
    #: The pattern over the folded phrase (see the module docstring for the pieces).
    pattern: str
    #: Folded first words the phrase can open with; "#" stands for a digit.
    heads: tuple[str, ...]
    #: Real examples with their sources.
    examples: tuple[Example, ...] = ()
    #: Other kinds the family may give (a session named with a month is due then).
    other_kinds: tuple[str, ...] = ()


# The documents the examples were read in, as tests/data/real/phrases.tsv names them.
_S1 = (
    "Nghị quyết 03/NQ-CP của Chính phủ (Chương trình hành động thực hiện NQ 57-NQ/TW), Phụ "
    "lục II danh mục nhiệm vụ (repo thetrungdtt/VNMasterplan, NQCP03/NQ03 PL2 Nhiem vu.md)"
)
_S2 = (
    "Quyết định 232/QĐ-TTg ngày 24/01/2025 của Thủ tướng Chính phủ, Đề án thành lập và phát "
    "triển thị trường các-bon, Phụ lục danh mục nhiệm vụ (repo Trangsct/skill-sct, "
    "bvmt-sct-vn/skills/bvmt-sct-vn/van-ban-goc/knk-bdkh/QD-232-QD-TTg-24-01-2025-de-an-thi-truong-cac-bon.txt)"
)
_S3 = (
    "Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Cai thực hiện KL "
    "75-KL/TW và CTr 31-CTr/TW, Phụ lục 2 (repo Trangsct/skill-sct, "
    "bvmt-sct-vn/skills/bvmt-sct-vn/van-ban-goc/dang/CTr-104-CTr-TU-30-8-2026-Tinh-uy-Lao-Cai-thuc-hien-KL-75-CTr-31.txt)"
)
_S4 = (
    "Kế hoạch /KH-SKHCN (chưa đánh số) tháng 8/2025 của Sở Khoa học và Công nghệ tỉnh Thái "
    "Nguyên, kiểm soát TTHC 04 tháng cuối năm 2025, Phụ lục (project seed copy: "
    "/work/shared/seed/ke-hoach-kiem-soat-tthc-skhcn-thai-nguyen-2025.txt = "
    "tests/data/seed/ke-hoach-kiem-soat-tthc-skhcn-thai-nguyen-2025.txt)"
)
_S5 = (
    "Kế hoạch /KH-UBND (chưa đánh số) năm 2026 của UBND tỉnh Lào Cai triển khai Chỉ thị "
    "11-CT/TU về quản lý nhà nước về khoáng sản, Phụ lục một số nhiệm vụ trọng tâm, cột 'Thời "
    "gian thực hiện' (repo Trangsct/skill-sct, "
    "qlks-sct-vn/skills/qlks-sct-vn/van-ban-goc/KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.txt)"
)
_S6 = (
    "Nghị quyết 88/NQ-CP ngày 22/7/2022 của Chính phủ, Chương trình hành động thực hiện NQ "
    "10-NQ/TW, Danh mục nhiệm vụ chủ yếu, cột 'Thời gian trình' (repo Trangsct/skill-sct, "
    "quy-hoach-ct-vn/skills/quy-hoach-ct-vn/van-ban-goc/NQ-88-NQ-CP-22-7-2022-chuong-trinh-hanh-dong-thuc-hien-NQ-10-NQ-TW.txt)"
)
_S7 = (
    "Phụ lục II danh mục văn bản QPPL của HĐND, UBND tỉnh Đắk Lắk chịu tác động của sắp xếp "
    "tổ chức bộ máy và chính quyền địa phương 02 cấp (bản cập nhật hằng ngày 13/6/2026; 207 "
    "văn bản chưa xử lý), trường proposedTime (thời gian cơ quan soạn thảo đề xuất) và cột "
    "'Thời hạn UBND' như chép trong bảng theo dõi của Văn phòng UBND tỉnh Đắk Lắk (repo "
    "tambabu20-source/vpubndaklak, dashboard_vbqppl_7839.html, JSON 'dataset')"
)
_S8 = (
    "Đảng ủy Chính phủ, dự thảo báo cáo kết quả triển khai NQ 57-NQ/TW kèm Công văn "
    "402-CV/VPĐU ngày 25/5/2025 của Văn phòng Đảng ủy Chính phủ, Phụ lục 1 (repo "
    "thetrungdtt/VNMasterplan, CPbaocaot5.md)"
)
_S9 = (
    "Sở Tư pháp tỉnh An Giang, sổ theo dõi '2026-Theo Doi Tien Do Ban Hanh VBQPPL.xlsx', "
    "first data rows of each sheet (repo quangthoai1985/VBPL_Tracking, text dumps "
    "Docs/excel_analysis.txt and scripts/sheet_analysis.txt)"
)
_S10 = (
    "Kế hoạch 05-KH/TGV ngày 19/5/2026 của Tổ giúp việc Ban Chỉ đạo 152 tỉnh Đắk Lắk (cải "
    "cách hành chính, thể chế, KHCN, ĐMST, CĐS, nguồn nhân lực), danh mục nhiệm vụ như chép "
    "trong bảng theo dõi của Văn phòng UBND tỉnh Đắk Lắk, trường thời hạn (repo "
    "tambabu20-source/vpubndaklak, dashboard_tgv_bcd152.html)"
)
_S11 = (
    "Bảng 'Tiến độ thực hiện giải phóng mặt bằng; khó khăn, vướng mắc; kiến nghị đề xuất' (số "
    "liệu đến 7/7/2026) trong tài liệu theo dõi 'THEO DÕI TỔ CÔNG TÁC 03' của Tổ công tác số "
    "03 tỉnh Đắk Lắk (lập theo QĐ 359-QĐ/TU ngày 06/7/2026), cột 'Dự kiến thời gian hoàn "
    "thành GPMB' như chép trong trang theo dõi (repo tambabu20-source/GMPB-3, "
    "dashboard-to-cong-tac-so-3-gpmb.html at commit 1a248f6f55f67e339be1496ac1ea71868e4c3ae4, "
    "field deadline of projects and subitems)"
)
_S12 = (
    "Thông báo kết luận số 326/TB-UBND ngày 17/7/2026 của UBND tỉnh Đắk Lắk, Phụ lục tiến độ "
    "giải phóng mặt bằng các dự án do Tổ công tác số 03 theo dõi, cột 'Thời gian xử lý xong "
    "vướng mắc' như chép trong trang theo dõi (repo tambabu20-source/GMPB-3, "
    "work/latest_progress_data.json at commit 231f4d3e7f3d591cb2a6746c81ccf6f3c8bc02f9, field "
    "note)"
)
_S13 = (
    "Quyết định 2200/QĐ-BNNMT ngày 10/6/2026 của Bộ Nông nghiệp và Môi trường, Kế hoạch triển "
    "khai NĐ 180/2026/NĐ-CP, Phụ lục (repo Trangsct/skill-sct, "
    "bvmt-sct-vn/skills/bvmt-sct-vn/van-ban-goc/knk-bdkh/QD-2200-QD-BNNMT-10-6-2026-ke-hoach-trien-khai-ND-180.txt)"
)
_S14 = (
    "Danh mục văn bản chính sách 6 tháng cuối năm 2026 của Cục Quản lý nợ và Kinh tế đối "
    "ngoại (Bộ Tài chính), cột thời hạn, như lưu trong công cụ đôn đốc nhiệm vụ của Cục (repo "
    "DMFER-MOF/dondocnhiemvuqln, v2/data/policy-2026-h2.json, field 'deadline')"
)
_S15 = (
    "Thông tư 14/2024/TT-BCT ngày 15/8/2024 của Bộ Công Thương quy định chế độ báo cáo định "
    "kỳ về cụm công nghiệp, Phụ lục I các biểu báo cáo (Biểu số 01 đến 04), dòng 'Thời hạn "
    "gửi báo cáo' của từng biểu (repo Trangsct/skill-sct, "
    "kccn-sct-vn/skills/kccn-sct-vn/van-ban-goc/TT-14-2024-che-do-bao-cao-mau-van-ban-CCN.txt)"
)
_S16 = (
    "Quyết định 836/QĐ-BXD ngày 14/10/2019 của Bộ Xây dựng, Kế hoạch lập Quy hoạch khoáng sản "
    "làm VLXD thời kỳ 2021-2030, bảng Nội dung chi tiết, cột 'Thời gian' (repo "
    "Trangsct/skill-sct, "
    "quy-hoach-ct-vn/skills/quy-hoach-ct-vn/van-ban-goc/QD-836-QD-BXD-14-10-2019-ke-hoach-lap-quy-hoach-khoang-san-lam-VLXD-2021-2030.txt)"
)
_S17 = (
    "Kế hoạch 1105/KH-ĐKT ngày 10/3/2026 của Đoàn kiểm tra theo Quyết định 1050/QĐ-SCT (Sở "
    "Công Thương tỉnh Lào Cai), kiểm tra sử dụng và bảo quản vật liệu nổ công nghiệp, Phụ lục "
    "I Kế hoạch kiểm tra, cột 'Thời hạn kiểm tra' (repo Trangsct/skill-sct, "
    "sd-vlncn-sct-vn/skills/sd-vlncn-sct-vn/vi-du-thuc-te/KH-1105-DKT-ke-hoach-kiem-tra.txt)"
)

# Words that open a phrase without changing its meaning ("Hoàn thành trước Quý III/2026",
# "Thực hiện thường xuyên", "Phải xử lý trước 31/5/2026"), folded. The engine drops them
# before choosing a family and keeps them in the author's text.
LEADS = (
    "bao cao 6 thang gui",
    "bao cao quy gui",
    "bao cao thang gui",
    "bao cao nam gui",
    "gui",
    "hoan thanh",
    "xong",
    "thuc hien",
    "phai xu ly",
    "xu ly",
    "dang ky",
    "nhiem vu",
    "van hanh",
    "trien khai",
    "to chuc thuc hien",
    "to chuc",
    "du kien",
    "ban hanh",
    "thoi gian",
    "thoi han",
)

# Whole phrases that read one way, folded, with the value's reader and its argument.
FIXED: dict[str, tuple[str, str]] = {
    "thuong xuyen": ("ongoing", "REGULAR"),
    "lien tuc": ("ongoing", "CONTINUOUS"),
    "thuong xuyen, lien tuc": ("ongoing", "REGULAR_CONTINUOUS"),
    "thuong xuyen va lien tuc": ("ongoing", "REGULAR_CONTINUOUS"),
    "thuong xuyen lien tuc": ("ongoing", "REGULAR_CONTINUOUS"),
    "hang ngay": ("ongoing", "DAILY"),
    "khi phat sinh": ("event", "WHEN"),
    "dot xuat": ("event", "AD_HOC"),
    "dot xuat khi can thiet": ("event", "AD_HOC"),
    "dot xuat khi co yeu cau": ("event", "AD_HOC"),
    "theo yeu cau": ("event", "ON_REQUEST"),
}

_EVENT_HEADS = ("ky", "phien", "hoi", "dai", "hop")
_DATE_HEADS = ("#", "truoc", "cham", "hoan", "den", "han", "ngay", "vao", "trong")

FAMILIES: tuple[Family, ...] = (
    # The commonest first: the engine tries a phrase's families in this order, and no two
    # families read the same text.
    Family(
        name="period",
        kind="by_period",
        reader="period",
        pattern=r"(?P<pre>(?:(?:{PRE}) )*){PERIODG}",
        heads=(
            "#",
            "nam",
            "quy",
            "qui",
            "thang",
            "6",
            "sau",
            "trong",
            "truoc",
            "den",
            "cham",
            "vao",
            "cuoi",
            "het",
            "han",
        ),
        examples=(
            Example("6/2025", _S1),
            Example("01/2025", _S1),
            Example("03/2025", _S1),
            Example("12/2025", _S1),
        ),
    ),
    # -- on an event -------------------------------------------------------------------
    Family(
        name="date",
        kind="by_date",
        reader="date",
        pattern=(
            r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})"
            r"-(?P<id>[0-9]{1,2})|{D}(?P<sl>{SL}){M}(?P=sl){Y})"
        ),
        heads=_DATE_HEADS,
        examples=(
            Example("Trước ngày 15/10/2026", _S3),
            Example("Trước 31/12/2026", _S3),
            Example("Trước ngày 01/6/2026", _S7),
            Example("25/7/2026", _S12),
        ),
    ),
    Family(
        name="span of years",
        kind="by_period",
        reader="years",
        pattern=(
            r"(?:(?:{PRE}) )*(?:giai doan |tu nam |nam |cac nam )?{Y} ?(?:-|den|den nam) ?{Y2}"
        ),
        heads=("#", "giai", "tu", "nam", "cac", "trong", "den"),
        examples=(
            Example("2025 - 2026", _S1),
            Example("2025-2026", _S1),
            Example("2026 - 2030", _S3),
            Example("2029 - 2030", _S3),
        ),
    ),
    Family(
        name="khi có",
        kind="on_event",
        reader="when",
        pattern=r"khi co (?P<ev>.+)",
        heads=("khi",),
        examples=(Example("Khi có phát sinh", _S4),),
    ),
    Family(
        name="theo yêu cầu của",
        kind="on_event",
        reader="request",
        pattern=r"theo yeu cau cua (?P<ev>.+)",
        heads=("theo",),
    ),
    Family(
        name="sau khi",
        kind="on_event",
        reader="after",
        pattern=r"(?:ngay )?sau khi (?P<ev>.+)",
        heads=("sau", "ngay"),
        examples=(
            Example(
                (
                    "Sau khi Chính phủ ban hành Nghị định thay thế Nghị định số "
                    "32/2024/NĐ-CP. Thời gian hoàn thành trong 6 tháng sau khi Chính phủ "
                    "ban hành Nghị định"
                ),
                _S7,
            ),
            Example("Sau khi cơ quan Trung ương ban hành văn bản hướng dẫn", _S7),
        ),
    ),
    Family(
        name="time limit",
        kind="on_event",
        reader="limit",
        pattern=(
            r"(?:(?P<lead>trong thoi han|trong vong|trong) )?(?P<n>[0-9]+) ngay"
            r"(?P<wk> lam viec)?(?: ke tu (?P<ev>.+))?"
        ),
        heads=("trong", "#"),
        examples=(Example("02 ngày", _S17),),
    ),
    Family(
        name="time limit in months",
        kind="on_event",
        reader="limit_months",
        pattern=(
            r"(?P<lead>trong thoi han|trong vong|trong) (?P<n>[0-9]+)(?: ?- ?(?P<n2>[0-9]+))?"
            r" thang(?: ke tu (?P<ev>.+))?"
        ),
        heads=("trong",),
        examples=(
            Example(
                (
                    "Trong 06 tháng kể từ khi Bộ Tài nguyên và Môi trường đưa ra đầy đủ yêu "
                    "cầu nghiệp vụ về tổ chức, quản lý thị trường và điều kiện, tiêu chuẩn "
                    "kỹ thuật đối với hệ thống giao dịch, hệ thống, lưu ký và thanh toán"
                ),
                _S2,
            ),
            Example(
                (
                    "Trong 18-24 tháng kể từ khi Bộ Tài nguyên và Môi trường chấp thuận "
                    "phương án chi tiết xây dựng sàn giao dịch các-bon"
                ),
                _S2,
            ),
        ),
    ),
    Family(
        name="tùy thuộc vào",
        kind="on_event",
        reader="depends",
        pattern=r"tuy(?: thuoc)?(?: vao)? (?P<ev>.+)",
        heads=("tuy",),
        examples=(Example("Tuỳ thuộc vào thời điểm Luật NSNN sửa đổi", _S14),),
    ),
    Family(
        name="session",
        kind="on_event",
        reader="session",
        pattern=r"(?P<ev>(?:ky hop|phien hop|hoi nghi|dai hoi|hop)\b.*)",
        other_kinds=("by_period", "by_date"),
        heads=_EVENT_HEADS,
        examples=(
            Example("Kỳ họp chuyên đề tháng 5/2026", _S9),
            Example("Kỳ họp chuyên đề tháng 4/2026", _S9),
            Example("Kỳ họp cuối năm 2026", _S7),
        ),
    ),
    # -- periodic ----------------------------------------------------------------------
    Family(
        name="periodic",
        kind="periodic",
        reader="periodic",
        pattern=(
            r"(?:(?P<reg>dinh ky) )?(?P<body>(?:(?:hang|moi) )?(?:tuan|thang|quy|qui|6 thang"
            r"|sau thang|nam)(?:(?: ?[,;] ?| va |, va )(?:(?:hang|moi) )?(?:tuan|thang|quy"
            r"|qui|6 thang|sau thang|nam))*)(?: tu nam {Y}(?: den nam {Y2})?)?"
        ),
        heads=("dinh", "hang", "moi"),
        examples=(
            Example("Hằng năm", _S1),
            Example("hằng năm", _S1),
            Example("Định kỳ hàng quý, năm", _S4),
            Example("Hàng năm", _S5),
        ),
    ),
    Family(
        name="yearly from a year",
        kind="periodic",
        reader="yearly_since",
        pattern=(
            r"(?:tu )?(?:nam )?{Y},? (?:va (?:cac|nhung) nam (?:tiep theo|sau)"
            r"|(?:va )?(?:hang|moi) nam(?: den (?:nam )?{Y2})?)"
        ),
        heads=("nam", "tu", "#"),
        examples=(
            Example("2025 và những năm tiếp theo", _S1),
            Example("Năm 2022 và hàng năm", _S6),
            Example("Năm 2025 và các năm tiếp theo", _S6),
            Example("Năm 2022 và các năm tiếp theo", _S6),
        ),
    ),
    Family(
        name="every few periods",
        kind="periodic",
        reader="every",
        pattern=(
            r"(?:dinh ky )?(?:(?P<n>[0-9]+) (?P<f>nam|thang|quy|qui)(?: ?/ ?| mot )lan"
            r"|(?P<n5>[2-9]|10) nam)(?:,? (?:bat dau )?(?:tu )?nam {Y}(?: den nam {Y2})?)?"
        ),
        heads=("dinh", "#"),
        examples=(Example("Định kỳ 2 năm/lần, bắt đầu từ năm 2024", _S2),),
    ),
    # -- by a date -----------------------------------------------------------------------
    Family(
        name="numbered steps",
        kind="by_date",
        reader="steps",
        pattern=(
            r"\(1\) ?(?:(?P<w>{W}) )?(?:ngay )?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
            r"(?:[.;,]? ?\([0-9]{1,2}\) ?(?:(?:{W}) )?(?:ngay )?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})+"
        ),
        heads=("(1)",),
        examples=(
            Example("(1) 31/7/2026 (2) 19/7/2026.", _S12),
            Example("(1) 17/7/2026. (2) 29/7/2026. (3) 15/8/2026", _S12),
            Example(
                (
                    "(1) 17/7/2026. (2) 19/7/2026. (3) 25/7/2026. (4) 25/7/2026. (5) "
                    "27/7/2026. (6) 29/7/2026. (7) 30/7/2026. (8) 15/8/2026."
                ),
                _S12,
            ),
            Example("(1) 25/7/2026 (2) 30/7/2026 (3) 10/8/2026", _S12),
        ),
    ),
    Family(
        name="date in words",
        kind="by_date",
        reader="date",
        pattern=r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?{D} thang {M} nam {Y}",
        heads=_DATE_HEADS,
        examples=(Example("trước 20h00 ngày 25 tháng 5 năm 2025", _S8),),
    ),
    Family(
        name="date without a year",
        kind="by_date",
        reader="date_no_year",
        pattern=r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?{D}/{M}",
        heads=_DATE_HEADS,
    ),
    Family(
        name="date in words without a year",
        kind="by_date",
        reader="date_no_year",
        pattern=r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?{D} thang {M}",
        heads=_DATE_HEADS,
    ),
    # -- recurring days ----------------------------------------------------------------
    Family(
        name="weekday every week",
        kind="recurring",
        reader="weekly",
        pattern=(
            r"(?P<b>truoc )?(?:vao )?(?:ngay )?(?P<wd>(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])"
            r"|chu nhat)(?:(?:, | va )(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat))*)"
            r" (?:hang|moi|cac) tuan"
        ),
        heads=("thu", "chu", "truoc", "vao", "ngay"),
    ),
    Family(
        name="day of every month",
        kind="recurring",
        reader="monthly",
        pattern=(
            r"(?P<b>truoc )?(?:vao )?ngay (?P<days>(?:[0-9]{1,2}|cuoi cung)"
            r"(?:(?:, | va )(?:[0-9]{1,2}|cuoi cung))*) (?:cua )?(?:hang|moi|cac) thang"
        ),
        heads=("truoc", "vao", "ngay"),
    ),
    Family(
        name="day of a month of every quarter",
        kind="recurring",
        reader="quarterly",
        pattern=(
            r"(?P<b>truoc )?(?:vao )?ngay {D} (?:cua )?thang (?P<which>dau|giua|cuoi"
            r"|thu nhat|thu hai|thu ba) (?:cua )?(?:moi |cac |hang )?(?:quy|qui)"
        ),
        heads=("truoc", "vao", "ngay"),
    ),
    Family(
        name="days of every year",
        kind="recurring",
        reader="yearly",
        pattern=(
            r"(?P<days>(?:truoc )?ngay [0-9]{1,2}(?:/| thang )[0-9]{1,2}"
            r"(?:(?:, | va |; )(?:truoc )?ngay [0-9]{1,2}(?:/| thang )[0-9]{1,2})*)"
            r"(?P<every>,? (?:hang|moi|cac) nam)?"
        ),
        heads=("truoc", "ngay"),
    ),
    # -- by a period ---------------------------------------------------------------------
    Family(
        name="list of months",
        kind="by_period",
        reader="months",
        pattern=(
            r"(?:(?:{PRE}) )*(?:(?:cac )?thang )?(?P<ms>[0-9]{1,2}(?:(?:, ?| va |, va | ?- ?)"
            r"(?:thang )?[0-9]{1,2})+)(?: ?/ ?| nam |, nam ){Y}"
        ),
        heads=("thang", "trong", "cac", "den", "vao", "cham", "truoc", "#"),
        examples=(
            Example("10-11/2019", _S16),
            Example("11-12/2019", _S16),
            Example("02-03/2020", _S16),
            Example("3-12/2020", _S16),
        ),
    ),
    Family(
        name="list of quarters",
        kind="by_period",
        reader="quarters",
        pattern=(
            # each quarter in digits or in Roman numerals, never both ("1I")
            r"(?:(?:{PRE}) )*(?:cac )?(?:quy|qui) (?P<qs>(?:[1-4]+|[ivx]+)"
            r"(?:(?:, ?| va |, va | ?- ?)(?:(?:quy|qui) )?(?:[1-4]+|[ivx]+))+)"
            r"(?: ?/ ?| nam |, nam ){Y}"
        ),
        heads=("quy", "qui", "trong", "cac", "den", "vao", "cham", "truoc"),
        examples=(
            Example("Quý III, IV/2026", _S13),
            Example("Quý II, III/2026", _S13),
        ),
    ),
    Family(
        name="from one period to another",
        kind="by_period",
        reader="from_to",
        pattern=r"tu (?P<a>{PERIOD}) den (?:het )?(?P<b>{PERIOD})",
        heads=("tu",),
    ),
)

#: Real examples of what the engine reads beyond single families: a whole fixed phrase,
#: several rules in one phrase, and a date or session inside longer words.
ENGINE_EXAMPLES: dict[str, tuple[Example, ...]] = {
    "fixed": (
        Example("Thường xuyên", _S1),
        Example("Nhiệm vụ thường xuyên", _S1),
        Example("Thực hiện thường xuyên, liên tục", _S2),
        Example("Thực hiện thường xuyên liên tục", _S2),
    ),
    "inside longer words": (
        Example("Công an tỉnh đề nghị chuyển sang Kỳ họp giữa năm 2026", _S9),
        Example(
            (
                "2022 - 2025 Các Bộ: Tài nguyên và Môi trường, Công Thương, Nông nghiệp "
                "và Phát triển nông thôn, Xây dựng đã hoàn thành"
            ),
            _S2,
        ),
        Example("Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030", _S5),
        Example("Quý II/2026, từ 01/7/2026, cuối năm 2026", _S10),
        Example("Trong năm 2026 Được bãi bỏ một phần bởi Quyết định số 13/2026/QĐ-UBND", _S7),
        Example(
            (
                "**- Khu vực 1, 2 và 3.1:** Hoàn thành trước 30/8/2026 **- Khu vực "
                "3.2:** Hoàn thành trước 31/12/2026"
            ),
            _S11,
        ),
    ),
    "several rules": (
        Example("Quý III, IV/2026, 2027", _S13),
        Example("Quý IV/2026, 2027", _S13),
        Example("Năm 2025; Năm 2030", _S6),
        Example("12/2026 hoặc 1/2027 (tuỳ thời điểm tổ chức kỳ họp 49 UBLCP Việt Nam Lào", _S14),
        Example(
            (
                "Báo cáo 6 tháng gửi trước ngày 20 tháng 6 hằng năm; Báo cáo năm gửi "
                "trước ngày 20 tháng 12 hằng năm"
            ),
            _S15,
        ),
        Example(
            (
                "Báo cáo 6 tháng gửi trước ngày 25 tháng 6 hằng năm; Báo cáo năm gửi "
                "trước ngày 25 tháng 12 hằng năm"
            ),
            _S15,
        ),
    ),
}
