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

__all__ = ["FAMILIES", "FIXED", "LEADS", "Example", "Family"]


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


# Words that open a phrase without changing its meaning ("Hoàn thành trước Quý III/2026",
# "Thực hiện thường xuyên", "Phải xử lý trước 31/5/2026"), folded. The engine drops them
# before choosing a family and keeps them in the author's text.
LEADS = (
    "hoan thanh",
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
        pattern=r"(?:(?:{PRE}) )*{PERIODG}",
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
    ),
    # -- on an event -------------------------------------------------------------------
    Family(
        name="span of years",
        kind="by_period",
        reader="years",
        pattern=(
            r"(?:(?:{PRE}) )*(?:giai doan |tu nam |nam |cac nam )?{Y} ?(?:-|den|den nam) ?{Y2}"
        ),
        heads=("#", "giai", "tu", "nam", "cac", "trong", "den"),
    ),
    Family(
        name="khi có",
        kind="on_event",
        reader="when",
        pattern=r"khi co (?P<ev>.+)",
        heads=("khi",),
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
    ),
    Family(
        name="time limit",
        kind="on_event",
        reader="limit",
        pattern=(
            r"(?P<lead>trong thoi han|trong vong|trong) (?P<n>[0-9]+) ngay(?P<wk> lam viec)?"
            r"(?: ke tu (?P<ev>.+))?"
        ),
        heads=("trong",),
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
    ),
    Family(
        name="session",
        kind="on_event",
        reader="session",
        pattern=r"(?P<ev>(?:ky hop|phien hop|hoi nghi|dai hoi|hop)\b.*)",
        heads=_EVENT_HEADS,
    ),
    # -- periodic ----------------------------------------------------------------------
    Family(
        name="periodic",
        kind="periodic",
        reader="periodic",
        pattern=(
            r"(?:(?P<reg>dinh ky) )?(?P<body>(?:(?:hang|moi) )?(?:tuan|thang|quy|qui|6 thang"
            r"|sau thang|nam)(?:(?: ?[,;] ?| va |, va )(?:(?:hang|moi) )?(?:tuan|thang|quy"
            r"|qui|6 thang|sau thang|nam))*)(?: tu nam {Y})?"
        ),
        heads=("dinh", "hang", "moi"),
    ),
    Family(
        name="yearly from a year",
        kind="periodic",
        reader="yearly_since",
        pattern=(
            r"(?:tu )?(?:nam )?{Y},? (?:va (?:cac|nhung) nam (?:tiep theo|sau)"
            r"|(?:va )?(?:hang|moi) nam)"
        ),
        heads=("nam", "tu", "#"),
    ),
    Family(
        name="every few periods",
        kind="periodic",
        reader="every",
        pattern=(
            r"(?:dinh ky )?(?P<n>[0-9]+) (?P<f>nam|thang|quy|qui)(?: ?/ ?| mot )lan"
            r"(?:,? (?:bat dau )?(?:tu )?nam {Y})?"
        ),
        heads=("dinh", "#"),
    ),
    # -- by a date -----------------------------------------------------------------------
    Family(
        name="date",
        kind="by_date",
        reader="date",
        pattern=(
            r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})"
            r"-(?P<id>[0-9]{1,2})|{D}(?P<sl>{SL}){M}(?P=sl){Y})"
        ),
        heads=_DATE_HEADS,
    ),
    Family(
        name="date in words",
        kind="by_date",
        reader="date",
        pattern=r"(?:(?P<w>{W}) )?(?:{TIME} )?(?:ngay )?{D} thang {M} nam {Y}",
        heads=_DATE_HEADS,
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
    ),
    Family(
        name="list of quarters",
        kind="by_period",
        reader="quarters",
        pattern=(
            r"(?:(?:{PRE}) )*(?:cac )?(?:quy|qui) (?P<qs>[ivx1-4]+(?:(?:, ?| va |, va | ?- ?)"
            r"(?:(?:quy|qui) )?[ivx1-4]+)+)(?: ?/ ?| nam |, nam ){Y}"
        ),
        heads=("quy", "qui", "trong", "cac", "den", "vao", "cham", "truoc"),
    ),
    Family(
        name="from one period to another",
        kind="by_period",
        reader="from_to",
        pattern=r"tu (?P<a>{PERIOD}) den (?:het )?(?P<b>{PERIOD})",
        heads=("tu",),
    ),
)
