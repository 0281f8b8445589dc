"""The Decree 30 rules the checker applies, as data: one entry per rule.

Each rule has an id (what a finding names), the article it comes from, its severity
(an error for what the decree requires, a warning for what it leaves open), the document
kinds it applies to and what is expected, in words. The engine
(:mod:`kh_tthc.check.engine`) decides *whether* a rule is broken; this table says what the
rule *is*, so ``docs/check.md`` and the findings cannot disagree (a test compares them).

Sources: Nghị định 30/2020/NĐ-CP, Phụ lục I (presentation), Phụ lục III (abbreviations
and the samples Mẫu 1.4, Mẫu 1.5); TCVN 6909:2001 for the Unicode font.

>>> RULES["motto-dash"].article
'NĐ 30/2020, Phụ lục I, II.1.b'
>>> RULES["page-size"].severity.value
'error'
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from kh_tthc.errors import Severity

__all__ = ["ALL_KINDS", "KINDS", "RULES", "Rule"]

#: The kinds ``--kind`` takes: kế hoạch, báo cáo, công văn, any other document with a type name.
KINDS = ("KH", "BC", "CV", "other")
ALL_KINDS = frozenset(KINDS)
_NAMED = frozenset({"KH", "BC", "other"})


@frozen(kw_only=True)
class Rule:
    """One rule of the decree: id, article, severity, kinds it applies to, what is expected.

    >>> rule = RULES["date-padding"]
    >>> rule.expected
    'days below 10 and months 1 and 2 with a leading 0 ("ngày 05 tháng 01")'
    """

    id: str
    article: str
    severity: Severity
    expected: str
    kinds: frozenset[str] = ALL_KINDS
    #: A sample of what the rule flags, used in ``docs/check.md``.
    example: str = ""


_E = Severity.ERROR
_W = Severity.WARNING

_TABLE = (
    Rule(
        id="page-size",
        article="NĐ 30/2020, Phụ lục I, I.4",
        severity=_E,
        expected="A4 paper, 210 × 297 mm",
        example="page is 215.9 × 279.4 mm (Letter)",
    ),
    Rule(
        id="page-orientation",
        article="NĐ 30/2020, Phụ lục I, I.4",
        severity=_E,
        expected="portrait (landscape only for pages carrying a wide table, after page 1)",
        example="the first section is landscape",
    ),
    Rule(
        id="page-margins",
        article="NĐ 30/2020, Phụ lục I, I.5",
        severity=_E,
        expected="margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm",
        example="left margin 25.4 mm",
    ),
    Rule(
        id="font-family",
        article="NĐ 30/2020, Phụ lục I, I.2",
        severity=_E,
        expected="Times New Roman everywhere",
        example='"Arial" in "Kính gửi: Ủy ban nhân dân tỉnh"',
    ),
    Rule(
        id="font-legacy",
        article="NĐ 30/2020, Phụ lục I, I.2; TCVN 6909:2001",
        severity=_E,
        expected="a Unicode font (TCVN 6909:2001), not a TCVN3 (.VnTime) or VNI font",
        example='legacy font ".VnTime" in "Coäng hoøa"',
    ),
    Rule(
        id="national-title",
        article="NĐ 30/2020, Phụ lục I, II.1.a",
        severity=_E,
        expected='"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", upper case, bold, 12–13 pt',
        example="national title not bold",
    ),
    Rule(
        id="motto",
        article="NĐ 30/2020, Phụ lục I, II.1.b",
        severity=_E,
        expected='"Độc lập - Tự do - Hạnh phúc", bold, 13–14 pt',
        example="motto 12 pt",
    ),
    Rule(
        id="motto-dash",
        article="NĐ 30/2020, Phụ lục I, II.1.b",
        severity=_E,
        expected='hyphens "-" with a space on each side between the motto\'s words',
        example='"Độc lập – Tự do – Hạnh phúc" has an en dash',
    ),
    Rule(
        id="issuer",
        article="NĐ 30/2020, Phụ lục I, II.2",
        severity=_E,
        expected="the issuer in UPPER CASE, bold, 12–13 pt; its parent body UPPER CASE, regular",
        example='issuer "Sở Khoa học và Công nghệ" not in upper case',
    ),
    Rule(
        id="number",
        article="NĐ 30/2020, Phụ lục I, II.3",
        severity=_E,
        expected='"Số: 05/KH-ABC": "Số:", a number with a leading 0 below 10 (or blank in '
        'a draft), "/", the symbol joined by "-"',
        example='"Số 5/KH-SKHCN"',
    ),
    Rule(
        id="number-type-code",
        article="NĐ 30/2020, Phụ lục I, II.3.b; Phụ lục III",
        severity=_E,
        expected="the symbol starts with the type code of the kind (KH, BC); a công văn has none",
        example='kế hoạch numbered "/BC-SKHCN"',
        kinds=frozenset({"KH", "BC", "CV"}),
    ),
    Rule(
        id="date-line",
        article="NĐ 30/2020, Phụ lục I, II.4",
        severity=_E,
        expected='"Place, ngày DD tháng MM năm YYYY", italic, 13–14 pt',
        example="date line not italic",
    ),
    Rule(
        id="date-padding",
        article="NĐ 30/2020, Phụ lục I, II.4.b",
        severity=_E,
        expected='days below 10 and months 1 and 2 with a leading 0 ("ngày 05 tháng 01")',
        example='"ngày 5 tháng 8": day 5 needs a leading 0 ("05")',
    ),
    Rule(
        id="type-name",
        article="NĐ 30/2020, Phụ lục I, II.5.a",
        severity=_E,
        expected="the type name (KẾ HOẠCH, BÁO CÁO…) UPPER CASE, bold, centred, 13–14 pt",
        example='type name "Kế hoạch" not in upper case',
        kinds=_NAMED,
    ),
    Rule(
        id="summary",
        article="NĐ 30/2020, Phụ lục I, II.5.a",
        severity=_E,
        expected="the summary (trích yếu) under the type name, bold, centred, 13–14 pt",
        example="summary not bold",
        kinds=_NAMED,
    ),
    Rule(
        id="letter-subject",
        article="NĐ 30/2020, Phụ lục I, II.5.b",
        severity=_E,
        expected='a công văn\'s "V/v …" line under the number, upright (not bold), 12–13 pt',
        example='no "V/v" line under the number',
        kinds=frozenset({"CV"}),
    ),
    Rule(
        id="kinh-gui",
        article="NĐ 30/2020, Phụ lục I, II.9.b",
        severity=_E,
        expected='"Kính gửi:" and the addressees, regular, 13–14 pt',
        example='no "Kính gửi:" line',
        kinds=frozenset({"CV"}),
    ),
    Rule(
        id="signature",
        article="NĐ 30/2020, Phụ lục I, II.7",
        severity=_E,
        expected="the signer's authority, title and name, bold, 13–14 pt",
        example='signer line "Giám đốc" not in upper case',
    ),
    Rule(
        id="recipients-label",
        article="NĐ 30/2020, Phụ lục I, II.9.a",
        severity=_E,
        expected='"Nơi nhận:" bold italic, 12 pt',
        example='"Nơi nhận:" not italic',
    ),
    Rule(
        id="recipients-list",
        article="NĐ 30/2020, Phụ lục I, II.9.a",
        severity=_E,
        expected='one recipient a line, "- " first; the last "- Lưu: VT, <unit>." with a full stop',
        example='the last recipient is "- Lưu: VT" (expected "- Lưu: VT, <unit>.")',
    ),
    Rule(
        id="page-number-first",
        article="NĐ 30/2020, Phụ lục I, I.6",
        severity=_E,
        expected="no page number on page 1 (different first page)",
        example="a page number is shown on page 1",
    ),
    Rule(
        id="page-number",
        article="NĐ 30/2020, Phụ lục I, I.6",
        severity=_W,
        expected="page numbers from page 2, Arabic, centred in the top margin",
        example="no page number on the pages after the first",
    ),
    Rule(
        id="appendix",
        article="NĐ 30/2020, Phụ lục I, II.10",
        severity=_E,
        expected='"Phụ lục" bold, centred; its title bold UPPER CASE',
        example='appendix title "Danh mục nhiệm vụ" not in upper case',
    ),
)

#: Every rule by id, in the order the checker reports them.
RULES: Mapping[str, Rule] = {rule.id: rule for rule in _TABLE}
