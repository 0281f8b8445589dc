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
        example="page is 215.9 × 279.4 mm",
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
        example="'Arial' in 'I. MỤC ĐÍCH, YÊU CẦU'",
    ),
    Rule(
        id="font-legacy",
        article="NĐ 30/2020, Phụ lục I, I.2; TCVN 6909:2001",
        severity=_E,
        expected="a Unicode font (TCVN 6909:2001), not a TCVN3 (.VnTime) or VNI font",
        example="legacy font '.VnTime' in 'I. MỤC ĐÍCH, YÊU CẦU'",
    ),
    Rule(
        id="national-title",
        article="NĐ 30/2020, Phụ lục I, II.1.a",
        severity=_E,
        expected='"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", upper case, bold, 12–13 pt',
        example="national title not bold: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'",
    ),
    Rule(
        id="motto",
        article="NĐ 30/2020, Phụ lục I, II.1.b",
        severity=_E,
        expected='"Độc lập - Tự do - Hạnh phúc", bold, 13–14 pt',
        example="motto 12 pt: 'Độc lập - Tự do - Hạnh phúc'",
    ),
    Rule(
        id="motto-dash",
        article="NĐ 30/2020, Phụ lục I, II.1.b",
        severity=_E,
        expected='hyphens "-" with a space on each side between the motto\'s words',
        example="'Độc lập – Tự do – Hạnh phúc' has an en dash",
    ),
    Rule(
        id="motto-rule",
        article="NĐ 30/2020, Phụ lục I, II.1.b",
        severity=_E,
        expected="a solid line under the motto, as long as the motto (a bottom border, a "
        "bordered empty paragraph, a drawn line or the cell's bottom border)",
        example="no line under the motto",
    ),
    Rule(
        id="issuer",
        article="NĐ 30/2020, Phụ lục I, II.2",
        severity=_E,
        expected="the issuer in UPPER CASE, bold, 12–13 pt; its parent body UPPER CASE, regular",
        example="issuer not in upper case: 'Sở Khoa học và Công nghệ'",
    ),
    Rule(
        id="issuer-rule",
        article="NĐ 30/2020, Phụ lục I, II.2",
        severity=_E,
        expected="a solid line under the issuer's name, 1/3–1/2 of its length, centred (a "
        "bottom border, a bordered empty paragraph, a drawn line or the cell's bottom border)",
        example="no line under the issuer",
    ),
    Rule(
        id="number",
        article="NĐ 30/2020, Phụ lục I, II.3",
        severity=_E,
        expected='"Số: 05/KH-ABC": "Số:", a number with a leading 0 below 10 (or blank in '
        'a draft), "/", the symbol joined by "-"',
        example="'Số 5/KH-SKHCN'",
    ),
    Rule(
        id="number-type-code",
        article="NĐ 30/2020, Phụ lục I, II.3.b; Phụ lục III",
        severity=_E,
        expected="the symbol starts with the type code of the kind (KH, BC); a công văn has none",
        example="KH numbered 'BC-SKHCN'",
        kinds=frozenset({"KH", "BC", "CV"}),
    ),
    Rule(
        id="date-line",
        article="NĐ 30/2020, Phụ lục I, II.4",
        severity=_E,
        expected='"Place, ngày DD tháng MM năm YYYY", italic, 13–14 pt',
        example="date line not italic: 'Thái Nguyên, ngày tháng 8 năm 2025'",
    ),
    Rule(
        id="date-padding",
        article="NĐ 30/2020, Phụ lục I, II.4.b",
        severity=_E,
        expected='days below 10 and months 1 and 2 with a leading 0 ("ngày 05 tháng 01")',
        example="day 5 without a leading 0 ('05')",
    ),
    Rule(
        id="type-name",
        article="NĐ 30/2020, Phụ lục I, II.5.a",
        severity=_E,
        expected="the type name (KẾ HOẠCH, BÁO CÁO…) UPPER CASE, bold, centred, 13–14 pt",
        example="type name not in upper case: 'Kế hoạch'",
        kinds=_NAMED,
    ),
    Rule(
        id="summary",
        article="NĐ 30/2020, Phụ lục I, II.5.a",
        severity=_E,
        expected="the summary (trích yếu) under the type name, bold, centred, 13–14 pt",
        example="summary not bold: 'Kiểm soát thủ tục hành chính, thực hiện…'",
        kinds=_NAMED,
    ),
    Rule(
        id="summary-rule",
        article="NĐ 30/2020, Phụ lục I, II.5.a",
        severity=_E,
        expected="a solid line under the summary, 1/3–1/2 of its length, centred (a bottom "
        "border, a bordered empty paragraph or a drawn line)",
        example="no line under the summary",
        kinds=_NAMED,
    ),
    Rule(
        id="rule-length",
        article="NĐ 30/2020, Phụ lục I, II.2; II.1.b; II.5.a",
        severity=_W,
        expected="the line under the issuer and under the summary 1/3–1/2 as long as the text "
        "above it, the one under the motto as long as the motto (measured with Times New "
        "Roman's widths, so a warning)",
        example="the line under the issuer is 1.04 of its length",
    ),
    Rule(
        id="letter-subject",
        article="NĐ 30/2020, Phụ lục I, II.5.b",
        severity=_E,
        expected='a công văn\'s "V/v …" line under the number, upright (not bold), 12–13 pt',
        example="\"V/v\" line bold: 'V/v đôn đốc thực hiện, báo cáo kết quả …'",
        kinds=frozenset({"CV"}),
    ),
    Rule(
        id="body-align",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_E,
        expected="the body's paragraphs justified (aligned on both margins)",
        example="paragraph aligned left: 'Thực hiện Kế hoạch số 22/KH-UBND ngày 0…'",
    ),
    Rule(
        id="body-indent",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_E,
        expected="the body's paragraphs with a first-line indent of 1 cm to 1.27 cm",
        example="first-line indent 0.00 cm: 'Thực hiện Kế hoạch số 22/KH-UBND ngày 0…'",
    ),
    Rule(
        id="body-spacing",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_E,
        expected="at least 6 pt between the body's paragraphs; line spacing from single "
        "to 1.5 lines",
        example="line spacing 2 lines: 'Thực hiện Kế hoạch số 22/KH-UBND ngày 0…'",
    ),
    Rule(
        id="body-size",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_E,
        expected="the body (headings included) in 13–14 pt",
        example="body 12 pt: 'Thực hiện Kế hoạch số 22/KH-UBND ngày 0…'",
    ),
    Rule(
        id="heading",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_E,
        expected='section headings numbered I., II., III. in order (a Roman numeral and "."), '
        "bold, UPPER CASE",
        example="heading numbered 'II/', not 'II.'",
    ),
    Rule(
        id="subheading",
        article="NĐ 30/2020, Phụ lục I, II.6",
        severity=_W,
        expected='a numbered heading with a title ("1. Mục đích") bold; a short numbered '
        "line without a full stop is taken for one",
        example="numbered title not bold: '1. Mục đích'",
    ),
    Rule(
        id="kinh-gui",
        article="NĐ 30/2020, Phụ lục I, II.9.b",
        severity=_E,
        expected='"Kính gửi:" and the addressees, regular, 13–14 pt; several addressees one a '
        'line, "- " first, "." after the last',
        example='no "Kính gửi:" line',
        kinds=frozenset({"CV", "BC"}),
    ),
    Rule(
        id="kinh-gui-report",
        article="NĐ 30/2020, Phụ lục I, II.9.b",
        severity=_W,
        expected='"Kính gửi:" and the higher bodies a báo cáo is sent to, when it is sent '
        "upward (the document alone does not say whether it is)",
        example='no "Kính gửi:" line',
        kinds=frozenset({"BC"}),
    ),
    Rule(
        id="signature",
        article="NĐ 30/2020, Phụ lục I, II.7",
        severity=_E,
        expected="the signer's authority, title and name, bold, 13–14 pt",
        example="signer's name not bold: 'Nguyễn Thị Thuỷ'",
    ),
    Rule(
        id="recipients-label",
        article="NĐ 30/2020, Phụ lục I, II.9.a",
        severity=_E,
        expected='"Nơi nhận:" bold italic, 12 pt',
        example="\"Nơi nhận:\" not italic: 'Nơi nhận:'",
    ),
    Rule(
        id="recipients-list",
        article="NĐ 30/2020, Phụ lục I, II.9.a",
        severity=_E,
        expected='one recipient a line, "- " first; the last "- Lưu: VT, <unit>." with a full stop',
        example="the last recipient is '- Lưu: VT'",
    ),
    Rule(
        id="as-above",
        article="NĐ 30/2020, Phụ lục I, II.9.b",
        severity=_E,
        expected='"- Như trên;" first under "Nơi nhận:" of a document with "Kính gửi:"',
        example="the first recipient is '- Giám đốc Sở;', not '- Như trên;'",
        kinds=frozenset({"CV", "BC"}),
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
        id="page-number-format",
        article="NĐ 30/2020, Phụ lục I, I.6",
        severity=_E,
        expected="the page number Arabic, 13–14 pt, regular, centred in the header (top margin)",
        example="page number aligned right",
    ),
    Rule(
        id="appendix",
        article="NĐ 30/2020, Phụ lục I, II.10",
        severity=_E,
        expected='"Phụ lục" bold, centred; its title bold UPPER CASE',
        example="appendix title not in upper case: 'Danh mục nhiệm vụ'",
    ),
    Rule(
        id="appendix-reference",
        article="NĐ 30/2020, Phụ lục I, II.10",
        severity=_E,
        expected='under the appendix title "(Kèm theo <type> số …/… ngày … của …)", italic',
        example='no "(Kèm theo …)" line under the appendix title',
    ),
    Rule(
        id="appendix-page-number",
        article="NĐ 30/2020, Phụ lục I, I.6",
        severity=_E,
        expected="the appendix numbered on its own: a new section before it that restarts "
        "the page numbers",
        example="the appendix's section does not restart the page numbers",
    ),
    Rule(
        id="appendix-header-row",
        article="NĐ 30/2020, Phụ lục I, II.10",
        severity=_W,
        expected="an appendix table's header row repeated on every page (Word's \"Repeat as "
        'header row", w:tblHeader)',
        example="its header row is not repeated on each page",
    ),
)

#: Every rule by id, in the order the checker reports them.
RULES: Mapping[str, Rule] = {rule.id: rule for rule in _TABLE}
