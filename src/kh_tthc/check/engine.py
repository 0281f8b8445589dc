"""The engine: read a DOCX through the importer's checked reader, find each part of a
Decree 30 document by its text, and test it against :data:`~kh_tthc.check.rules.RULES`.

>>> import tempfile, pathlib
>>> from kh_tthc import load_plan, render_plan
>>> from kh_tthc.check import check_document
>>> out = pathlib.Path(tempfile.mkdtemp()) / "kh.docx"
>>> _ = render_plan(load_plan("examples/skhcn-thai-nguyen-2025/plan.toml"), out)
>>> check_document(out)
[]
>>> [f.rule for f in check_document(out, kind="CV")]
['number-type-code', 'letter-subject', 'kinh-gui']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from kh_tthc.check.resolve import Resolver, w
from kh_tthc.check.rules import KINDS, RULES
from kh_tthc.errors import KhTthcError, Severity

__all__ = ["Finding", "UnknownKind", "check_document", "detect_kind"]

_MM = 1440 / 25.4  # twips per millimetre
_FONT = "Times New Roman"
_LEGACY = re.compile(r"^(\.vn|vni[- ]|vn-?times|vntime)", re.IGNORECASE)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_TYPE_NAMES = {"KẾ HOẠCH": "KH", "BÁO CÁO": "BC"}
_TYPE_CODES = {"NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTR", "KH", "PA", "ĐA", "DA",
               "BC", "BB", "TTR", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG",
               "PC", "PB", "SY", "TRS", "SL"}  # fmt: skip
_OTHER_NAMES = ("QUYẾT ĐỊNH", "THÔNG BÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "TỜ TRÌNH", "PHƯƠNG ÁN",
                "ĐỀ ÁN", "NGHỊ QUYẾT", "CHỈ THỊ", "BIÊN BẢN", "QUY CHẾ", "QUY ĐỊNH")  # fmt: skip
_NUMBER = re.compile(r"^Số: ?(\d{2,}| *)/([A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*)$")
_DATE = re.compile(r"^[^,]+, ngày *(\d{1,2})? *tháng *(\d{1,2})? *năm (\d{4})$")
_DASHES = "\u2012\u2013\u2014\u2015\u2212"
_OFF = {"0", "false", "off"}
_NO_LINE = {"nil", "none"}
#: A section heading: a Roman numeral, then "." (or a wrong separator, which is flagged).
_SECTION = re.compile(r"^([IVXLC]+) ?([./)\-–:]) +(\S.*)$")
#: A numbered line that is a heading with a title ("1. Mục đích"), not a clause: a few
#: words and no closing punctuation.
_SUBHEADING = re.compile(r"^\d{1,2}\. +(\S.*[^.;:!?…])$")
#: The signer's authority (TM., KT., Q., TL., TUQ.): the body has ended (II.7).
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\. ")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PAGE_FIELD = re.compile(rb"(instr=\"|<w:instrText[^>]*>)\s*PAGE\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_O_NS = "urn:schemas-microsoft-com:office:office"
_V_NS = "urn:schemas-microsoft-com:vml"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_LINE_GEOMETRY = {"line", "straightConnector1"}


class UnknownKind(KhTthcError, ValueError):
    """``kind=`` is not one of auto, KH, BC, CV, other."""


@frozen(kw_only=True)
class Finding:
    """One broken rule: which, the article, where, what was found and what is expected.

    >>> f = Finding(rule="motto", where="table 1, row 1, cell 2, paragraph 2", found="motto 12 pt")
    >>> f.article, f.severity.value
    ('NĐ 30/2020, Phụ lục I, II.1.b', 'error')
    >>> str(f).startswith("error [motto]")
    True
    """

    rule: str
    where: str
    found: str
    #: The page the finding is on, when the document's PDF was given (None otherwise, or
    #: when its text was not found in the PDF).
    page: int | None = None

    @property
    def article(self) -> str:
        """The article the rule comes from."""
        return RULES[self.rule].article

    @property
    def severity(self) -> Severity:
        """Error for what the decree requires, warning for what it leaves open."""
        return RULES[self.rule].severity

    @property
    def expected(self) -> str:
        """What the decree expects, in words."""
        return RULES[self.rule].expected

    @property
    def is_error(self) -> bool:
        """Whether the finding is an error."""
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, str | int]:
        """The finding as plain data (the ``--format json`` record); ``page`` only when
        known."""
        record: dict[str, str | int] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "article": self.article,
            "where": self.where,
        }
        if self.page is not None:
            record["page"] = self.page
        record.update(found=self.found, expected=self.expected)
        return record

    @property
    def location(self) -> str:
        """Where, with the page first when it is known: "page 2, paragraph 14".

        >>> Finding(rule="motto", where="paragraph 3", found="motto 12 pt", page=2).location
        'page 2, paragraph 3'
        """
        if self.page is None or self.where == f"page {self.page}":
            return self.where
        return f"page {self.page}, {self.where}"

    def __str__(self) -> str:
        return (
            f"{self.severity.value} [{self.rule}] {self.location}: {self.found}; "
            f"expected {self.expected} ({self.article})"
        )


@frozen
class _Para:
    el: Any
    where: str
    text: str
    cell: tuple[int, int, int] | None  # (table, row, column), counted from 1


def _text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(w("t"), w("tab"), w("br")):
        parts.append(el.text or "" if el.tag == w("t") else " ")
    return unicodedata.normalize("NFC", " ".join("".join(parts).split()))


def _paragraphs(body: Any) -> Iterator[_Para]:
    n = 0
    t = 0
    for child in body.iterchildren():
        if child.tag == w("p"):
            n += 1
            yield _Para(child, f"paragraph {n}", _text(child), None)
        elif child.tag == w("tbl"):
            t += 1
            for ri, tr in enumerate(child.iterchildren(w("tr")), 1):
                for ci, tc in enumerate(tr.iterchildren(w("tc")), 1):
                    for pi, p in enumerate(tc.iter(w("p")), 1):
                        where = f"table {t}, row {ri}, cell {ci}, paragraph {pi}"
                        yield _Para(p, where, _text(p), (t, ri, ci))


def _runs(p: Any) -> list[Any]:
    return [r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]


class _Checker:
    def __init__(self, document: Any, kind: str) -> None:
        self.doc = document
        self.res = Resolver(document)
        self.body = document.element.body
        self.paras = list(_paragraphs(self.body))
        self.kind = kind
        self.findings: list[Finding] = []
        self.kinh: _Para | None = None
        self.kinh_end = -1
        self.sections = 0  # the last section heading's number

    def flag(self, rule: str, where: str, found: str) -> None:
        if self.kind in RULES[rule].kinds:
            self.findings.append(Finding(rule=rule, where=where, found=found))

    # -- formatting of a paragraph's runs -----------------------------------------
    def bold(self, p: _Para) -> bool:
        runs = _runs(p.el)
        return bool(runs) and all(self.res.bold(p.el, r) for r in runs)

    def italic(self, p: _Para) -> bool:
        runs = _runs(p.el)
        return bool(runs) and all(self.res.italic(p.el, r) for r in runs)

    def sizes(self, p: _Para) -> set[float]:
        return {self.res.size(p.el, r) for r in _runs(p.el)}

    def size_in(self, p: _Para, low: float, high: float) -> str | None:
        bad = sorted(s for s in self.sizes(p) if not low <= s <= high)
        return f"{_pt(bad[0])} pt" if bad else None

    def style(
        self,
        rule: str,
        p: _Para,
        name: str,
        *,
        bold: bool | None = None,
        italic: bool | None = None,
        sizes: tuple[float, float] | None = None,
        upper: bool = False,
    ) -> None:
        if bold is not None and self.bold(p) != bold:
            self.flag(rule, p.where, f"{name} {'not bold' if bold else 'bold'}: {_clip(p.text)!r}")
        if italic is not None and self.italic(p) != italic:
            found = f"{name} {'not italic' if italic else 'italic'}: {_clip(p.text)!r}"
            self.flag(rule, p.where, found)
        if sizes is not None:
            bad = self.size_in(p, *sizes)
            if bad:
                self.flag(rule, p.where, f"{name} {bad}: {_clip(p.text)!r}")
        if upper and p.text != p.text.upper():
            self.flag(rule, p.where, f"{name} not in upper case: {_clip(p.text)!r}")

    def find(self, pred: Any) -> _Para | None:
        return next((p for p in self.paras if pred(p)), None)

    # -- the rules ------------------------------------------------------------------
    def run(self) -> list[Finding]:
        self.page()
        self.fonts()
        self.header()
        self.title()
        self.addressees()
        self.body_text()
        self.signature()
        self.page_numbers()
        self.appendix()
        order = list(RULES)
        return sorted(self.findings, key=lambda f: order.index(f.rule))

    def page(self) -> None:
        for i, sect in enumerate(self.body.iter(w("sectPr")), 1):
            where = f"section {i}"
            size = sect.find(w("pgSz"))
            if size is not None and size.get(w("w")) and size.get(w("h")):
                width, height = int(size.get(w("w"))), int(size.get(w("h")))
                short, long = sorted((width, height))
                if abs(short - 11906) > 60 or abs(long - 16838) > 60:
                    self.flag("page-size", where, f"page is {_mm(short)} × {_mm(long)} mm")
                if i == 1 and width > height:
                    self.flag("page-orientation", where, "the first section is landscape")
            mar = sect.find(w("pgMar"))
            if mar is None:
                continue
            # The decree gives one set of margins; a landscape page keeps them by edge name.
            limits = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
            for side, (low, high) in limits.items():
                value = mar.get(w(side))
                if value is None:
                    continue
                mm = abs(int(value)) / _MM
                if not low - 0.1 <= mm <= high + 0.1:
                    self.flag("page-margins", where, f"{side} margin {mm:.1f} mm")

    def fonts(self) -> None:
        seen: set[tuple[str, str]] = set()
        for p in self.paras:
            for r in _runs(p.el):
                font = self.res.font(p.el, r)
                if font is None or font == _FONT:
                    continue
                rule = "font-legacy" if _LEGACY.match(font) else "font-family"
                if (rule, font) in seen:
                    continue
                seen.add((rule, font))
                label = "legacy font " if rule == "font-legacy" else ""
                self.flag(rule, p.where, f"{label}{font!r} in {p.text[:40]!r}")

    def header(self) -> None:
        title = self.find(lambda p: p.text.upper() == NATIONAL_TITLE)
        if title is None:
            self.flag("national-title", "page 1", "no national title")
        else:
            self.style("national-title", title, "national title", bold=True, sizes=(12, 13))
            if title.text != NATIONAL_TITLE:
                self.flag("national-title", title.where, f"national title {title.text!r}")
        motto = self.find(lambda p: _fold_dashes(p.text) == MOTTO.replace(" - ", "-"))
        if motto is None:
            self.flag("motto", "page 1", "no motto")
        else:
            self.style("motto", motto, "motto", bold=True, sizes=(13, 14))
            if any(d in motto.text for d in _DASHES):
                self.flag("motto-dash", motto.where, f"{motto.text!r} has an en dash")
            elif motto.text != MOTTO:
                self.flag("motto-dash", motto.where, f"{motto.text!r}")
            self.line_under("motto-rule", motto, "motto", (0.9, 1.1))
        number = self.find(lambda p: p.text.startswith("Số") and "/" in p.text)
        self.number = number
        if number is None:
            self.flag("number", "page 1", 'no "Số: …/…" line')
        else:
            m = _NUMBER.match(number.text)
            if m is None:
                self.flag("number", number.where, f"{number.text!r}")
            self.style("number", number, "number", sizes=(13, 13))
            self.type_code(number)
            self.issuer(number)
        self.date_line()

    def type_code(self, number: _Para) -> None:
        symbol = number.text.partition("/")[2].strip()
        first = symbol.split("-")[0].upper()
        if self.kind in {"KH", "BC"} and first != self.kind:
            self.flag("number-type-code", number.where, f"{self.kind} numbered {symbol!r}")
        if self.kind == "CV" and first in _TYPE_CODES:
            self.flag("number-type-code", number.where, f"công văn numbered {symbol!r}")

    def issuer(self, number: _Para) -> None:
        cell = number.cell
        if cell is None:
            return
        lines = [
            p
            for p in self.paras
            if p.cell is not None
            and p.cell[0] == cell[0]
            and p.cell[2] == cell[2]
            and p.text
            and self.paras.index(p) < self.paras.index(number)
        ]
        if not lines:
            self.flag("issuer", number.where, "no issuer above the number")
            return
        issuer, parents = lines[-1], lines[:-1]
        self.style("issuer", issuer, "issuer", bold=True, sizes=(12, 13), upper=True)
        self.line_under("issuer-rule", issuer, "issuer", (1 / 3, 1 / 2))
        for parent in parents:
            self.style("issuer", parent, "parent body", bold=False, sizes=(12, 13), upper=True)

    def date_line(self) -> None:
        line = self.find(lambda p: bool(re.search(r"ngày.*tháng.*năm \d{4}$", p.text)))
        if line is None:
            self.flag("date-line", "page 1", "no place and date line")
            return
        m = _DATE.match(line.text)
        if m is None:
            self.flag("date-line", line.where, f"{line.text!r}")
        self.style("date-line", line, "date line", italic=True, sizes=(13, 14))
        if m is None:
            return
        day, month = m.group(1), m.group(2)
        if day and int(day) < 10 and len(day) < 2:
            self.flag("date-padding", line.where, f"day {day} without a leading 0 ('0{day}')")
        if day and len(day) == 2 and day.startswith("0") and int(day) >= 10:
            self.flag("date-padding", line.where, f"day {day!r}")
        if month and int(month) <= 2 and len(month) < 2:
            self.flag("date-padding", line.where, f"month {month} without a leading 0")
        if month and month.startswith("0") and int(month) > 2:
            self.flag("date-padding", line.where, f"month {month!r} with a leading 0")

    def title_block(self) -> tuple[_Para | None, _Para | None]:
        """The type name and the summary under it (the paragraph after it with text)."""
        names = (*_TYPE_NAMES, *_OTHER_NAMES)
        name = self.find(lambda p: p.cell is None and p.text.upper() in names)
        if name is None:
            return None, None
        i = self.paras.index(name)
        return name, next((p for p in self.paras[i + 1 :] if p.text), None)

    def title(self) -> None:
        if self.kind == "CV":
            self.letter()
            return
        name, summary = self.title_block()
        if name is None:
            self.flag("type-name", "page 1", "no type name (KẾ HOẠCH, BÁO CÁO…)")
            return
        self.style("type-name", name, "type name", bold=True, sizes=(13, 14), upper=True)
        if self.res.align(name.el) != "center":
            self.flag("type-name", name.where, "type name not centred")
        if summary is None:
            self.flag("summary", name.where, "no summary under the type name")
            return
        self.style("summary", summary, "summary", bold=True, sizes=(13, 14))
        if self.res.align(summary.el) != "center":
            self.flag("summary", summary.where, "summary not centred")
        self.line_under("summary-rule", summary, "summary", (1 / 3, 1 / 2))

    def letter(self) -> None:
        subject = self.find(lambda p: p.text.startswith("V/v"))
        if subject is None:
            self.flag("letter-subject", "page 1", 'no "V/v" line under the number')
        else:
            self.style("letter-subject", subject, '"V/v" line', bold=False, sizes=(12, 13))

    def addressees(self) -> None:
        """ "Kính gửi:" and its addressees (Phụ lục I, II.9.b and II.9.d): required in a
        công văn; in a báo cáo when it is sent upward, which the document does not say, so
        a báo cáo without it is a warning."""
        kinh = self.find(lambda p: p.text.startswith("Kính gửi"))
        self.kinh = kinh
        if kinh is None:
            if self.kind == "CV":
                self.flag("kinh-gui", "page 1", 'no "Kính gửi:" line')
            else:
                self.flag("kinh-gui-report", "page 1", 'no "Kính gửi:" line')
            return
        if not kinh.text.startswith("Kính gửi:"):
            self.flag("kinh-gui", kinh.where, f"{kinh.text[:30]!r} without a colon")
        self.style("kinh-gui", kinh, '"Kính gửi"', bold=False, sizes=(13, 14))
        i = self.kinh_end = self.paras.index(kinh)
        if kinh.text.endswith("."):
            return
        # Several addressees: each on its own line, "- " first, "." on the last (II.9.d).
        for j in range(i + 1, min(i + 40, len(self.paras))):
            q = self.paras[j]
            if not q.text.startswith("- "):
                break
            self.kinh_end = j
            self.style("kinh-gui", q, "addressee", bold=False, sizes=(13, 14))
            if q.text.endswith("."):
                return
        last = self.paras[self.kinh_end]
        found = f"the last addressee {_clip(last.text)!r} without a full stop"
        self.flag("kinh-gui", last.where, found)

    def body_paragraphs(self) -> list[_Para]:
        """The body: the paragraphs outside tables after the title block (the type name and
        summary, or "Kính gửi:" and its addressees) and before "Nơi nhận", a section break
        or the appendix."""
        name, summary = self.title_block()
        anchors = [self.paras.index(x) for x in (name, summary) if x is not None]
        anchors.append(self.kinh_end)
        start = max(anchors) + 1
        if start == 0:
            start = next((i for i, p in enumerate(self.paras) if p.cell is None), len(self.paras))
        out: list[_Para] = []
        for p in self.paras[start:]:
            if (
                p.text.startswith("Nơi nhận")
                or re.fullmatch(r"Phụ lục( [IVXLC]+)?", p.text)
                or _AUTHORITY.match(p.text)
            ):
                break
            if p.cell is None and p.text:
                if not out and self.res.align(p.el) == "center":
                    continue  # the title block's last centred lines
                out.append(p)
            if p.cell is None and p.el.find(f"{w('pPr')}/{w('sectPr')}") is not None:
                break
        return out

    def body_text(self) -> None:
        """Body text (Phụ lục I, II.6): justified, a first-line indent of 1–1.27 cm, 13–14
        pt, at least 6 pt between paragraphs, line spacing single to 1.5 lines; section
        headings "I.", "II." bold upper case, numbered titles "1." bold."""
        paras = self.body_paragraphs()
        bad: dict[str, list[tuple[_Para, str]]] = {}

        def add(rule: str, p: _Para, what: str) -> None:
            bad.setdefault(rule, []).append((p, what))

        previous: _Para | None = None
        for p in paras:
            size = self.size_in(p, 13, 14)
            if size:
                add("body-size", p, f"body {size}")
            self.spacing(p, previous, add)
            previous = p
            if self.heading(p) or _is_subheading(p.text):
                continue
            align = self.res.align(p.el)
            if align not in {"both", "distribute"}:
                add("body-align", p, f"paragraph aligned {align}")
            indent = self.first_line(p.el)
            if not 560 <= indent <= 730:
                add("body-indent", p, f"first-line indent {indent / 567:.2f} cm")
        for rule, hits in bad.items():
            p, what = hits[0]
            more = f" (and {len(hits) - 1} more paragraphs)" if len(hits) > 1 else ""
            self.flag(rule, p.where, f"{what}: {_clip(p.text)!r}{more}")

    def spacing(self, p: _Para, previous: _Para | None, add: Any) -> None:
        line, rule = (
            self.para_attr(p.el, "spacing", "line"),
            self.para_attr(p.el, "spacing", "lineRule"),
        )
        value = int(line) if line and line.lstrip("-").isdigit() else 240
        if rule in {None, "auto"}:
            if not 239 <= value <= 361:
                add("body-spacing", p, f"line spacing {value / 240:g} lines")
        else:
            # An exact line height: from the font size (single) to 1.5 of Word's single
            # line of Times New Roman (about 1.15 of the size).
            size = max(self.sizes(p) or {13.0})
            if not size * 20 <= value <= size * 20 * 1.5 * 1.15:
                add("body-spacing", p, f"line spacing exactly {value / 20:g} pt")
        if previous is None or self.paras.index(previous) != self.paras.index(p) - 1:
            return
        gap = self.para_twips(previous.el, "after") + self.para_twips(p.el, "before")
        if (
            self.contextual(previous.el)
            and self.contextual(p.el)
            and (_style_id(previous.el) == _style_id(p.el))
        ):
            gap = 0  # Word drops the spacing between paragraphs of one style
        if gap < 118:
            add("body-spacing", p, f"{gap / 20:g} pt before the paragraph")

    def heading(self, p: _Para) -> bool:
        """Check a section heading ("I. MỤC ĐÍCH, YÊU CẦU"); whether ``p`` is one."""
        m = _SECTION.match(p.text)
        if m is None or _roman(m.group(1)) is None:
            if _is_subheading(p.text) and not self.bold(p):
                self.flag("subheading", p.where, f"numbered title not bold: {_clip(p.text)!r}")
            return False
        numeral, sep, title = m.group(1), m.group(2), m.group(3)
        value = _roman(numeral) or 0
        expected = self.sections + 1
        self.sections = value
        if sep != ".":
            self.flag("heading", p.where, f"heading numbered '{numeral}{sep}', not '{numeral}.'")
        if value != expected:
            self.flag("heading", p.where, f"heading {numeral}. where {_to_roman(expected)}. comes")
        if not self.bold(p):
            self.flag("heading", p.where, f"heading not bold: {_clip(p.text)!r}")
        if title != title.upper():
            self.flag("heading", p.where, f"heading not in upper case: {_clip(p.text)!r}")
        return True

    def para_attr(self, p: Any, tag: str, attr: str) -> str | None:
        """One attribute of a paragraph property, from the nearest level that sets it."""
        for pr in self.res.para_props(p):
            el = pr.find(w(tag))
            if el is not None and el.get(w(attr)) is not None:
                return str(el.get(w(attr)))
        return None

    def para_twips(self, p: Any, attr: str) -> int:
        """Space ``before`` or ``after`` a paragraph in twips, from the nearest level that
        gives it: HTML auto spacing (Word's 14 pt), then ``w:beforeLines`` (hundredths of
        a 12 pt line, which WPS writes and which win over ``w:before``), then twips."""
        for pr in self.res.para_props(p):
            spacing = pr.find(w("spacing"))
            if spacing is None:
                continue
            auto = spacing.get(w(f"{attr}Autospacing"))
            if auto is not None and auto not in _OFF:
                return 280
            lines = spacing.get(w(f"{attr}Lines"))
            if lines is not None and lines.lstrip("-").isdigit():
                return int(lines) * 240 // 100
            value = spacing.get(w(attr))
            if value is not None and value.lstrip("-").isdigit():
                return int(value)
        return 0

    def first_line(self, p: Any) -> int:
        """The first-line indent in twips (a hanging indent is negative). ``firstLine``
        and ``hanging`` are one setting: the nearest level giving either decides
        (LibreOffice writes no indent as ``w:hanging="0"`` over a style's first line)."""
        for pr in self.res.para_props(p):
            ind = pr.find(w("ind"))
            if ind is None:
                continue
            for attr, sign in (("hanging", -1), ("firstLine", 1)):
                value = ind.get(w(attr))
                if value is not None and value.lstrip("-").isdigit():
                    return sign * int(value)
        return 0

    def contextual(self, p: Any) -> bool:
        for pr in self.res.para_props(p):
            el = pr.find(w("contextualSpacing"))
            if el is not None:
                return el.get(w("val")) not in _OFF
        return False

    def signature(self) -> None:
        label = self.find(lambda p: p.text.startswith("Nơi nhận"))
        if label is None:
            self.flag("recipients-label", "last page", 'no "Nơi nhận:"')
            return
        self.style("recipients-label", label, '"Nơi nhận:"', bold=True, italic=True, sizes=(12, 12))
        if label.cell is None:
            return
        table, row, col = label.cell
        items = [p for p in self.paras if p.cell == label.cell and p.text and p is not label]
        if not items:
            self.flag("recipients-list", label.where, "no recipients")
        else:
            for p in items:
                if not p.text.startswith("- "):
                    self.flag("recipients-list", p.where, f"{p.text!r} without '- ' first")
            last = items[-1]
            if not re.fullmatch(r"- Lưu: VT, .+\.", last.text):
                self.flag("recipients-list", last.where, f"the last recipient is {last.text!r}")
            if self.kinh is not None and items[0].text != "- Như trên;":
                first = items[0]
                self.flag(
                    "as-above",
                    first.where,
                    f"the first recipient is {first.text!r}, not '- Như trên;'",
                )
        signer = [
            p
            for p in self.paras
            if p.cell is not None and p.cell[:2] == (table, row) and p.cell[2] != col and p.text
        ]
        if not signer:
            self.flag("signature", label.where, "no signer beside the recipients")
            return
        for p in signer[:-1]:
            self.style("signature", p, "signer line", bold=True, sizes=(13, 14), upper=True)
        self.style("signature", signer[-1], "signer's name", bold=True, sizes=(13, 14))

    def page_numbers(self) -> None:
        sect = self.body.find(w("sectPr"))
        first = next(self.body.iter(w("sectPr")), None)
        sect = first if first is not None else sect
        if sect is None:
            return
        title_pg = sect.find(w("titlePg"))
        different = title_pg is not None and title_pg.get(w("val")) not in {"0", "false", "off"}
        refs = {r.get(w("type")): r.get(_R_ID) for r in sect.findall(w("headerReference"))}
        part = self.doc.part

        def numbered(kind: str) -> bool:
            rid = refs.get(kind)
            if rid is None or rid not in part.rels:
                return False
            return bool(_PAGE_FIELD.search(part.rels[rid].target_part.blob))

        if numbered("first") if different else numbered("default"):
            self.flag("page-number-first", "section 1", "a page number is shown on page 1")
        # The pages after the first: section 1's default header; when it has none, a later
        # section's (LibreOffice saves a one-page body under a different first page without
        # the header no page of it shows, and gives the header to the section that does).
        sections = list(self.body.iter(w("sectPr")))
        if "default" in refs:
            sections = sections[:1]  # its own default header decides
        headers = [
            part.rels[rid].target_part
            for one in sections
            for ref in one.findall(w("headerReference"))
            if ref.get(w("type")) == "default"
            for rid in [ref.get(_R_ID)]
            if rid in part.rels and _PAGE_FIELD.search(part.rels[rid].target_part.blob)
        ]
        if not headers:
            self.flag("page-number", "section 1", "no page number on the pages after the first")
        else:
            self.page_number_format(headers[0])
        for ref in (r for one in sections for r in one.findall(w("footerReference"))):
            rid = ref.get(_R_ID)
            if rid in part.rels and _PAGE_FIELD.search(part.rels[rid].target_part.blob):
                self.flag("page-number-format", "section 1", "a page number in the footer")
                break
        fmt = sect.find(w("pgNumType"))
        if fmt is not None and fmt.get(w("fmt")) not in {None, "decimal"}:
            self.flag("page-number-format", "section 1", f"page numbers in {fmt.get(w('fmt'))}")

    def page_number_format(self, header: Any) -> None:
        """The header paragraph holding the PAGE field: centred, 13–14 pt, regular."""
        root = _xml(header)
        if root is None:
            return
        for p in root.iter(w("p")):
            instr = " ".join(t.text or "" for t in p.iter(w("instrText")))
            simple = [f.get(w("instr")) or "" for f in p.iter(w("fldSimple"))]
            if not re.search(r"^\s*PAGE\b", instr) and not any(
                re.match(r"\s*PAGE\b", i) for i in simple
            ):
                continue
            align = self.res.align(p)
            if align != "center":
                self.flag("page-number-format", "header", f"page number aligned {align}")
            runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None] or list(p.iter(w("r")))
            sizes = sorted({self.res.size(p, r) for r in runs})
            bad = [x for x in sizes if not 13 <= x <= 14]
            if bad:
                self.flag("page-number-format", "header", f"page number {_pt(bad[0])} pt")
            if any(self.res.bold(p, r) for r in runs):
                self.flag("page-number-format", "header", "page number bold")
            return

    def appendix(self) -> None:
        label = self.find(
            lambda p: p.cell is None and re.fullmatch(r"Phụ lục( [IVXLC]+)?", p.text) is not None
        )
        if label is None:
            return
        self.style("appendix", label, "appendix label", bold=True)
        i = self.paras.index(label)
        title = next((p for p in self.paras[i + 1 :] if p.text), None)
        if title is not None:
            self.style("appendix", title, "appendix title", bold=True, upper=True)
            j = self.paras.index(title)
            under = [p for p in self.paras[j + 1 :] if p.text][:2]
            ref = next((p for p in under if p.text.lstrip("(").startswith("Kèm theo")), None)
            if ref is None:
                found = 'no "(Kèm theo …)" line under the appendix title'
                self.flag("appendix-reference", title.where, found)
            elif not self.italic(ref):
                self.flag("appendix-reference", ref.where, '"(Kèm theo …)" line not italic')
        self.appendix_sections(label)
        self.appendix_tables(label)

    def appendix_sections(self, label: _Para) -> None:
        """An appendix is numbered on its own: a section break before it, and its section
        restarts the page numbers (``w:pgNumType w:start``)."""
        children = list(self.body.iterchildren())
        at = children.index(label.el)

        def ends_section(el: Any) -> Any:
            return el.find(f"{w('pPr')}/{w('sectPr')}") if el.tag == w("p") else None

        if not any(ends_section(el) is not None for el in children[:at]):
            found = "no section break before the appendix: it goes on with the document's pages"
            self.flag("appendix-page-number", label.where, found)
            return
        own = next(
            (
                sect
                for el in children[at:]
                for sect in [el if el.tag == w("sectPr") else ends_section(el)]
                if sect is not None
            ),
            None,
        )
        restart = None if own is None else own.find(w("pgNumType"))
        if restart is None or restart.get(w("start")) is None:
            found = "the appendix's section does not restart the page numbers"
            self.flag("appendix-page-number", label.where, found)

    def appendix_tables(self, label: _Para) -> None:
        children = list(self.body.iterchildren())
        at = children.index(label.el)
        tables = [el for el in children if el.tag == w("tbl")]
        for el in children[at:]:
            if el.tag != w("tbl"):
                continue
            rows = el.findall(w("tr"))
            if len(rows) < 2:
                continue
            flag = rows[0].find(f"{w('trPr')}/{w('tblHeader')}")
            if flag is None or flag.get(w("val")) in _OFF:
                n = tables.index(el) + 1
                found = "its header row is not repeated on each page"
                self.flag("appendix-header-row", f"table {n}, row 1", found)

    # -- the rules under the issuer, the motto and the summary ---------------------
    def border(self, p: Any, side: str) -> bool:
        """Whether paragraph ``p`` shows a border on ``side`` (direct, then its styles)."""
        for pr in self.res.para_props(p):
            line = pr.find(f"{w('pBdr')}/{w(side)}")
            if line is not None:
                return line.get(w("val")) not in _NO_LINE
        return False

    def line_under(self, rule: str, p: _Para, name: str, ratio: tuple[float, float]) -> None:
        """Flag ``rule`` when no line lies under ``p``; ``rule-length`` when the line's
        length, against the text's, is outside ``ratio`` (with a 10 % margin for the
        measuring)."""
        found, length = self.ruled(p)
        if not found:
            self.flag(rule, p.where, f"no line under the {name}")
            return
        text = self.text_width(p)
        if length is None or text is None or text <= 0:
            return
        low, high = ratio
        if not low * 0.9 <= length / text <= high * 1.1:
            share = f"{length / text:.2f}"
            self.flag("rule-length", p.where, f"the line under the {name} is {share} of its length")

    def ruled(self, p: _Para) -> tuple[bool, float | None]:
        """Whether a solid line lies under ``p``, and its length in points when it can be
        measured. The forms: ``p``'s bottom border; an empty paragraph after it with a
        border or a drawn line; the next line's top border; a line drawn in its table cell;
        the cell's bottom border when ``p`` ends the cell. These are the forms the library's
        templates (a bordered empty paragraph) and Word drafts (a drawn line shape, a cell
        border) use."""
        if self.border(p.el, "bottom"):
            return True, self.span(p)
        if _drawn(p.el):
            return True, _drawn_length(p.el)
        i = self.paras.index(p)
        last = True
        for q in self.paras[i + 1 :]:
            if q.cell != p.cell:
                break
            if self.border(q.el, "top"):
                return True, self.span(q)
            if q.text:
                last = False
                break
            if self.border(q.el, "bottom"):
                return True, self.span(q)
            if _drawn(q.el):
                return True, _drawn_length(q.el)
        if p.cell is None:
            return False, None
        tc = next((a for a in p.el.iterancestors(w("tc"))), None)
        if tc is None:
            return False, None
        drawn = next((q for q in tc.iter(w("p")) if _drawn(q)), None)
        if drawn is not None:
            return True, _drawn_length(drawn)
        if last and _cell_bottom(tc):
            return True, self.container(p)
        return False, None

    def container(self, p: _Para) -> float | None:
        """The width in points a paragraph of ``p``'s place has: its table cell's (less
        the cell's margins), else the first section's text width."""
        if p.cell is None:
            sect = next(self.body.iter(w("sectPr")), None)
            size = None if sect is None else sect.find(w("pgSz"))
            mar = None if sect is None else sect.find(w("pgMar"))
            if size is None or mar is None:
                return None
            try:
                twips = int(size.get(w("w"))) - int(mar.get(w("left"))) - int(mar.get(w("right")))
            except (TypeError, ValueError):
                return None
            return twips / 20
        tc = next((a for a in p.el.iterancestors(w("tc"))), None)
        width = None if tc is None else tc.find(f"{w('tcPr')}/{w('tcW')}")
        if width is None or width.get(w("type")) not in {None, "dxa"}:
            return None
        try:
            twips = int(width.get(w("w")))
        except (TypeError, ValueError):
            return None
        return (twips - _cell_margins(tc)) / 20

    def span(self, p: _Para) -> float | None:
        """The length in points of a border drawn on ``p``: its place's width less its
        left and right indents."""
        width = self.container(p)
        if width is None:
            return None
        return width - self.indent(p.el, "left", "start") - self.indent(p.el, "right", "end")

    def indent(self, p: Any, *names: str) -> float:
        for name in names:
            value = self.para_attr(p, "ind", name)
            if value and value.lstrip("-").isdigit():
                return int(value) / 20
        return 0.0

    def text_width(self, p: _Para) -> float | None:
        """How long the text of ``p`` runs, in points: its width in Times New Roman, at
        most one full line (a summary on two lines is as long as a line)."""
        from kh_tthc.render.metrics import text_width_pt

        sizes = self.sizes(p)
        if not sizes:
            return None
        width = text_width_pt(p.text, size_pt=max(sizes), bold=self.bold(p))
        line = self.span(p)
        return width if line is None else min(width, line)


def _drawn(p: Any) -> bool:
    """Whether paragraph ``p`` carries a drawn straight line (DrawingML or VML)."""
    for holder in (*p.iter(w("drawing")), *p.iter(w("pict"))):
        for el in holder.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag.endswith("}line"):
                return True
            if tag.endswith("}prstGeom") and el.get("prst") in _LINE_GEOMETRY:
                return True
            if tag.endswith("}shape") and el.get(f"{{{_O_NS}}}connectortype"):
                return True
    return False


def _drawn_length(p: Any) -> float | None:
    """The length in points of the line drawn in paragraph ``p``: a DrawingML shape's
    extent, or a VML line's end points given in points."""
    for extent in p.iter(f"{{{_WP_NS}}}extent"):
        try:
            return int(extent.get("cx")) / 12700  # EMU per point
        except (TypeError, ValueError):
            return None
    for line in p.iter(f"{{{_V_NS}}}line"):
        start, end = _vml_x(line.get("from")), _vml_x(line.get("to"))
        if start is not None and end is not None:
            return abs(end - start)
    return None


def _vml_x(point: str | None) -> float | None:
    """The x of a VML point ("90pt,0"), in points; None in other units."""
    m = re.match(r"^\s*(-?[\d.]+)(pt)?\s*,", point or "")
    if m is None or (m.group(2) is None and float(m.group(1)) != 0):
        return None
    return float(m.group(1))


def _cell_margins(tc: Any) -> int:
    """A cell's left and right margins in twips: its own, else its table's, else Word's
    default of 108 each (0.19 cm)."""
    tbl = next(tc.iterancestors(w("tbl")), None)
    total = 0
    for side, other in (("left", "start"), ("right", "end")):
        value = None
        for holder in (
            tc.find(f"{w('tcPr')}/{w('tcMar')}"),
            None if tbl is None else tbl.find(f"{w('tblPr')}/{w('tblCellMar')}"),
        ):
            if holder is None:
                continue
            el = holder.find(w(side))
            el = holder.find(w(other)) if el is None else el
            if el is not None and el.get(w("type")) in {None, "dxa"}:
                value = el.get(w("w"))
                break
        total += int(value) if value and value.isdigit() else 108
    return total


def _cell_bottom(tc: Any) -> bool:
    """Whether table cell ``tc`` shows a bottom border (its own, else the table's)."""
    line = tc.find(f"{w('tcPr')}/{w('tcBorders')}/{w('bottom')}")
    if line is not None:
        return line.get(w("val")) not in _NO_LINE
    tr = tc.getparent()
    tbl = tr.getparent()
    rows = tbl.findall(w("tr"))
    side = "bottom" if rows and rows[-1] is tr else "insideH"
    line = tbl.find(f"{w('tblPr')}/{w('tblBorders')}/{w(side)}")
    return line is not None and line.get(w("val")) not in _NO_LINE


def _xml(part: Any) -> Any:
    from docx.oxml import parse_xml

    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return parse_xml(part.blob)
    except SyntaxError:  # lxml's XMLSyntaxError
        return None


def _is_subheading(text: str) -> bool:
    """Whether a numbered line is a heading with a title ("1. Mục đích"): a few words and
    no closing punctuation; a clause ("1. Các phòng … thực hiện.") ends with one."""
    m = _SUBHEADING.match(text)
    return m is not None and len(m.group(1).split()) <= 12


def _style_id(p: Any) -> str | None:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return None if style is None else str(style.get(w("val")))


def _roman(numeral: str) -> int | None:
    """The value of a Roman numeral, None when it is not one written the usual way."""
    total = 0
    for a, b in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[a]
        total += -value if b and _ROMAN[b] > value else value
    return total if _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    """The Roman numeral of a positive number, written the usual way (14 → "XIV")."""
    out = ""
    for n, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= n:
            out += s
            value -= n
    return out


def _clip(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _fold_dashes(text: str) -> str:
    for d in _DASHES:
        text = text.replace(d, "-")
    return re.sub(r"\s*-\s*", "-", text)


def _mm(twips: int) -> str:
    return f"{twips / _MM:.1f}"


def _pt(size: float) -> str:
    return f"{size:g}"


def detect_kind(document: Any) -> str:
    """KH, BC, CV or other, from the type name or else the symbol (Phụ lục III).

    ``document`` is a python-docx document.
    """
    paras = list(_paragraphs(document.element.body))
    for p in paras:
        if p.cell is None and p.text.upper() in _TYPE_NAMES:
            return _TYPE_NAMES[p.text.upper()]
    for p in paras:
        if p.text.startswith("Số") and "/" in p.text:
            first = p.text.partition("/")[2].strip().split("-")[0].upper()
            if first in _TYPE_NAMES.values():
                return first
            if first and first not in _TYPE_CODES:
                return "CV"
            break
    if any(p.text.startswith("V/v") for p in paras):
        return "CV"
    return "other"


def check_document(
    path: str | Path, *, kind: str = "auto", pdf: str | Path | None = None
) -> list[Finding]:
    """Check a DOCX against the Decree 30 rules; the findings, in rule order.

    The file is read with the importer's limits
    (:func:`kh_tthc.importing.docx.open_document`). ``kind`` is ``auto`` (from the type
    name or the symbol), ``KH``, ``BC``, ``CV`` or ``other`` (the rules every document with
    a type name follows, Mẫu 1.4). ``pdf`` is the document's PDF, when there is one: each
    finding then says its page (:mod:`kh_tthc.check.pages`, which needs poppler's
    ``pdftotext``).

    Raises:
        UnknownKind: ``kind`` is not one of those.
        SourceUnreadable, SourceRejected: the file (or the PDF) cannot or must not be read.

    >>> check_document("plan.docx", kind="ND")
    Traceback (most recent call last):
    ...
    kh_tthc.check.engine.UnknownKind: unknown kind 'ND': expected auto, KH, BC, CV, other
    """
    from kh_tthc.importing.docx import open_document

    if kind != "auto" and kind not in KINDS:
        raise UnknownKind(f"unknown kind {kind!r}: expected auto, {', '.join(KINDS)}")
    document, _ = open_document(Path(path))
    if kind == "auto":
        kind = detect_kind(document)
    findings = _Checker(document, kind).run()
    if pdf is None:
        return findings
    from kh_tthc.check.pages import page_texts

    return _with_pages(document, findings, page_texts(pdf))


def _with_pages(document: Any, findings: list[Finding], pages: tuple[str, ...]) -> list[Finding]:
    """``findings`` with the page of the place each one names, where it is found."""
    from attrs import evolve

    from kh_tthc.check.pages import locate

    paras = list(_paragraphs(document.element.body))
    where = dict(zip((p.where for p in paras), locate(pages, [p.text for p in paras]), strict=True))
    # "section N" is on the page its first paragraph with text is on.
    section = 1
    for p in paras:
        if p.text and where.get(f"section {section}") is None:
            where[f"section {section}"] = where[p.where]
        if p.cell is None and p.el.find(f"{w('pPr')}/{w('sectPr')}") is not None:
            section += 1
    if pages:
        where["page 1"] = 1
        where["last page"] = len(pages)

    def page(place: str) -> int | None:
        if place in where:
            return where[place]
        # A row or a cell ("table 3, row 1") is where its first paragraph is.
        return next((n for w_, n in where.items() if w_.startswith(f"{place}, ") and n), None)

    return [evolve(f, page=page(f.where)) for f in findings]
