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
            self.flag(rule, p.where, f"{name} {'not bold' if bold else 'bold'}: {p.text!r}")
        if italic is not None and self.italic(p) != italic:
            self.flag(rule, p.where, f"{name} {'not italic' if italic else 'italic'}: {p.text!r}")
        if sizes is not None:
            bad = self.size_in(p, *sizes)
            if bad:
                self.flag(rule, p.where, f"{name} {bad}: {p.text!r}")
        if upper and p.text != p.text.upper():
            self.flag(rule, p.where, f"{name} not in upper case: {p.text!r}")

    def find(self, pred: Any) -> _Para | None:
        return next((p for p in self.paras if pred(p)), None)

    # -- the rules ------------------------------------------------------------------
    def run(self) -> list[Finding]:
        self.page()
        self.fonts()
        self.header()
        self.title()
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

    def title(self) -> None:
        if self.kind == "CV":
            self.letter()
            return
        names = (*_TYPE_NAMES, *_OTHER_NAMES)
        name = self.find(lambda p: p.cell is None and p.text.upper() in names)
        if name is None:
            self.flag("type-name", "page 1", "no type name (KẾ HOẠCH, BÁO CÁO…)")
            return
        self.style("type-name", name, "type name", bold=True, sizes=(13, 14), upper=True)
        if self.res.align(name.el) != "center":
            self.flag("type-name", name.where, "type name not centred")
        i = self.paras.index(name)
        summary = next((p for p in self.paras[i + 1 :] if p.text), None)
        if summary is None:
            self.flag("summary", name.where, "no summary under the type name")
            return
        self.style("summary", summary, "summary", bold=True, sizes=(13, 14))
        if self.res.align(summary.el) != "center":
            self.flag("summary", summary.where, "summary not centred")

    def letter(self) -> None:
        subject = self.find(lambda p: p.text.startswith("V/v"))
        if subject is None:
            self.flag("letter-subject", "page 1", 'no "V/v" line under the number')
        else:
            self.style("letter-subject", subject, '"V/v" line', bold=False, sizes=(12, 13))
        kinh = self.find(lambda p: p.text.startswith("Kính gửi"))
        if kinh is None:
            self.flag("kinh-gui", "page 1", 'no "Kính gửi:" line')
            return
        if not kinh.text.startswith("Kính gửi:"):
            self.flag("kinh-gui", kinh.where, f"{kinh.text[:30]!r} without a colon")
        self.style("kinh-gui", kinh, '"Kính gửi"', sizes=(13, 14))

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
        refs = {
            r.get(w("type")): r.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            for r in sect.findall(w("headerReference"))
        }
        part = self.doc.part

        def numbered(kind: str) -> bool:
            rid = refs.get(kind)
            if rid is None or rid not in part.rels:
                return False
            blob = part.rels[rid].target_part.blob
            return bool(re.search(rb"(instr=\"|<w:instrText[^>]*>)\s*PAGE\b", blob))

        if numbered("first") if different else numbered("default"):
            self.flag("page-number-first", "section 1", "a page number is shown on page 1")
        if not numbered("default"):
            self.flag("page-number", "section 1", "no page number on the pages after the first")

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
