"""A plan as the plain dict that fills the DOCX template: pure, no docxtpl.

Every piece of text a template prints is decided here, in the words and the format of
Nghị định 30/2020/NĐ-CP (Phụ lục I), so that the template only places and styles it and a
restyled copy cannot get a rule of the decree wrong. The building blocks (header, body,
signature) are shared by every document type; :func:`plan_context` assembles them for a
kế hoạch.

>>> from kh_tthc import load_plan
>>> ctx = plan_context(load_plan("examples/skhcn-thai-nguyen-2025/plan.toml"))
>>> ctx["issuer"], ctx["number"], ctx["date_line"]
('SỞ KHOA HỌC VÀ CÔNG NGHỆ', '     /KH-SKHCN', 'Thái Nguyên, ngày    tháng 8 năm 2025')
>>> ctx["body"][0]["kind"], ctx["body"][1]["text"]
('text', 'I. MỤC ĐÍCH, YÊU CẦU')
>>> ctx["recipients"][-1], ctx["signer_titles"]
('- Lưu: VT, VP.', ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'])
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from kh_tthc.errors import RenderWarning
from kh_tthc.model import DocumentNumber, IssueDate, Organization, Plan, Section, Signer, Task
from kh_tthc.vn import to_roman, upper

__all__ = [
    "BLANK_NUMBER",
    "PLAN_FIELDS",
    "body_blocks",
    "drop_xml_illegal",
    "header_context",
    "number_text",
    "plan_context",
    "signature_context",
    "task_rows",
    "xml_safe",
]

#: What stands for the number of an unsigned draft: room for the clerk to write it in
#: ("Số:      /KH-SKHCN"), Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3.
BLANK_NUMBER = " " * 5

#: Letters of the points under a numbered clause, "a)", "b)"… in Vietnamese order: "đ"
#: follows "d" and there is no "f", "j", "w" or "z" (Nghị định 30/2020/NĐ-CP, Phụ lục I,
#: mục II.5.b).
_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

#: The variables a kế hoạch template must use: leaving one out would silently drop its
#: content from the document.
PLAN_FIELDS = frozenset(
    {
        "parent",
        "issuer",
        "number",
        "date_line",
        "type_name",
        "title",
        "body",
        "recipients",
        "signer_titles",
        "signer_name",
        "appendix_title",
        "appendix_reference",
        "tasks",
    }
)

# Characters XML 1.0 cannot carry at all (a DOCX with one does not open). Tabs and line
# ends are legal but the model's converters have already turned them into spaces.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def drop_xml_illegal(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, silently.

    >>> drop_xml_illegal("A\\x01B")
    'AB'
    """
    return _XML_ILLEGAL.sub("", text)


def xml_safe(text: str, where: str) -> str:
    """``text`` without the characters XML forbids, warning when there were any.

    Args:
        text: text for the document.
        where: what the text is ("task 2.1.1 title"), for the warning.

    Returns:
        The text, unchanged when it was already safe.

    Warns:
        RenderWarning: naming the field and the code points dropped.

    >>> xml_safe("Kế hoạch & <báo cáo>", "title")
    'Kế hoạch & <báo cáo>'
    """
    if not _XML_ILLEGAL.search(text):
        return text
    dropped = sorted({f"U+{ord(c):04X}" for c in _XML_ILLEGAL.findall(text)})
    warnings.warn(
        f"{where}: dropped {', '.join(dropped)} (control characters a DOCX cannot carry)",
        RenderWarning,
        stacklevel=2,
    )
    return drop_xml_illegal(text)


def number_text(number: DocumentNumber) -> str:
    """The number and symbol as printed after "Số: ", with room left in a draft.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3.

    >>> number_text(DocumentNumber.parse("5/KH-SKHCN"))
    '05/KH-SKHCN'
    >>> number_text(DocumentNumber(type_code="BC", issuer_code="SKHCN"))
    '     /BC-SKHCN'
    """
    return BLANK_NUMBER + str(number) if number.number is None else str(number)


def _date_words(issued: IssueDate, place: str) -> str:
    # The date without the place, "ngày    tháng 8 năm 2025", as the appendix reference
    # quotes it; IssueDate.line owns the zero-padding rule, so reuse it.
    return issued.line(place).removeprefix(f"{place}, ")


def header_context(
    issuer: Organization, number: DocumentNumber, issued: IssueDate
) -> dict[str, str]:
    """The header block of page 1, shared by every document type.

    Keys: ``parent`` (the cơ quan chủ quản, "" when there is none), ``issuer``, ``number``
    (without "Số: ") and ``date_line`` (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.1–II.4).
    """
    lines = issuer.header_lines
    return {
        "parent": xml_safe(lines[0], "issuer parent") if len(lines) > 1 else "",
        "issuer": xml_safe(lines[-1], "issuer name"),
        "number": xml_safe(number_text(number), "number"),
        "date_line": xml_safe(issued.line(issuer.place), "place"),
    }


def _heading(level: int, index: int, title: str) -> tuple[str, str]:
    # Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b: "I." + UPPER CASE, then "1." and the
    # title as written, then points "a)".
    if level == 1:
        return "heading1", f"{to_roman(index)}. {upper(title)}"
    if level == 2:
        return "heading2", f"{index}. {title}"
    letter = _POINT_LETTERS[index - 1] if index <= len(_POINT_LETTERS) else str(index)
    return "heading3", f"{letter}) {title}"


def _ending(text: str, mark: str) -> str:
    return text.rstrip(" ;.,") + mark


def body_blocks(
    sections: Sequence[Section],
    *,
    bases: Sequence[str] = (),
    preamble: Sequence[str] = (),
    closing: Sequence[str] = (),
) -> list[dict[str, str]]:
    """The body as a flat list of ``{"kind", "text"}`` blocks, headings numbered.

    ``kind`` is ``basis`` (a legal basis, italic, ";" after each and "." after the last),
    ``heading1``/``heading2``/``heading3`` or ``text`` (a paragraph, verbatim).

    >>> blocks = body_blocks([Section(title="Mục đích, yêu cầu",
    ...     subsections=(Section(title="Mục đích", paragraphs=("- Một.",)),))])
    >>> [b["text"] for b in blocks]
    ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', '- Một.']
    """
    blocks: list[dict[str, str]] = []
    for i, basis in enumerate(bases, start=1):
        mark = "." if i == len(bases) else ";"
        blocks.append({"kind": "basis", "text": xml_safe(_ending(basis, mark), f"basis {i}")})
    blocks.extend(
        {"kind": "text", "text": xml_safe(p, f"preamble paragraph {i}")}
        for i, p in enumerate(preamble, start=1)
    )

    def walk(items: Sequence[Section], level: int, path: str) -> None:
        for index, section in enumerate(items, start=1):
            where = f"section {path}{index}"
            kind, text = _heading(level, index, section.title)
            blocks.append({"kind": kind, "text": xml_safe(text, f"{where} title")})
            blocks.extend(
                {"kind": "text", "text": xml_safe(p, f"{where} paragraph {n}")}
                for n, p in enumerate(section.paragraphs, start=1)
            )
            walk(section.subsections, level + 1, f"{path}{index}.")

    walk(sections, 1, "")
    blocks.extend(
        {"kind": "text", "text": xml_safe(p, f"closing paragraph {i}")}
        for i, p in enumerate(closing, start=1)
    )
    return blocks


def signature_context(
    signer: Signer, recipients: Iterable[str], archive: Sequence[str]
) -> dict[str, Any]:
    """The signature block and the distribution list (Nghị định 30/2020/NĐ-CP, Phụ lục I,
    mục II.7 and II.9).

    ``recipients`` are the lines under "Nơi nhận:", each "- X;" and the last
    "- Lưu: VT, <drafting unit>." with a full stop.

    >>> signature_context(Signer(title="Giám đốc", name="Lê Văn B"), ["Lãnh đạo Sở"],
    ...                   ["VT", "VP"])["recipients"]
    ['- Lãnh đạo Sở;', '- Lưu: VT, VP.']
    """
    lines = [
        xml_safe(f"- {_ending(r, ';')}", f"recipient {i}")
        for i, r in enumerate(recipients, start=1)
    ]
    if archive:
        lines.append(xml_safe(f"- Lưu: {', '.join(archive)}.", "archive"))
    elif lines:
        lines[-1] = _ending(lines[-1], ".")
    return {
        "recipients": lines,
        "signer_titles": [xml_safe(t, "signer title") for t in signer.title_lines],
        "signer_name": xml_safe(signer.name, "signer name"),
    }


def _unit_lines(names: Sequence[str]) -> str:
    # One unit as it is; several one per line, "- A;" then "- B." as the seed plan writes
    # them. "\n" becomes a line break in the DOCX.
    if len(names) < 2:
        return "".join(names)
    return "\n".join(
        f"- {_ending(n, ';' if i < len(names) - 1 else '.')}" for i, n in enumerate(names)
    )


def _row_kind(task: Task) -> str:
    # Seed plan: level-1 group rows bold, deeper group rows bold italic.
    if not task.group:
        return "task"
    return "group" if task.level == 1 else "subgroup"


def task_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per appendix row, in document order.

    Keys: ``number`` ("1." on the first level, "2.1.1" below), ``title``, ``kind``
    (``group``, ``subgroup`` or ``task``), ``level``, ``lead`` and ``support`` (unit names,
    one per line), ``deadline`` (the completion-time phrase), ``note``, ``indicators``
    (their labels, "Hồ sơ được số hóa: 100%") and ``extra`` (the task's extra columns as a
    dict). The shipped template prints neither notes, indicators nor extra columns.
    """
    names = plan.units_by_id
    rows = []
    for task in plan.tasks:
        where = f"task {task.number}"
        number = f"{task.number}." if task.level == 1 else str(task.number)
        lead = [names[u].name if u in names else u for u in task.lead]
        support = [names[u].name if u in names else u for u in task.support]
        rows.append(
            {
                "number": number,
                "title": xml_safe(task.title, f"{where} title"),
                "kind": _row_kind(task),
                "level": task.level,
                "lead": xml_safe(_unit_lines(lead), f"{where} lead units"),
                "support": xml_safe(_unit_lines(support), f"{where} support units"),
                "deadline": ""
                if task.deadline is None
                else xml_safe(str(task.deadline), f"{where} deadline"),
                "note": xml_safe(task.note, f"{where} note"),
                "indicators": [
                    xml_safe(i.label, f"{where} indicator {i.id!r}") for i in task.indicators
                ],
                "extra": {
                    xml_safe(k, f"{where} column name"): xml_safe(v, f"{where} column {k!r}")
                    for k, v in task.extra
                },
            }
        )
    return rows


def plan_context(plan: Plan) -> dict[str, Any]:
    """Everything the kế hoạch template prints, as plain strings, lists and dicts.

    The keys are :data:`PLAN_FIELDS`; the document's layout follows Nghị định
    30/2020/NĐ-CP, Phụ lục I (sample Mẫu 1.4 of Phụ lục III).

    Args:
        plan: the plan; it is not validated here.

    Returns:
        A new dict; text is XML-safe but not escaped (the renderer escapes it).

    Warns:
        RenderWarning: for each field from which control characters had to be dropped.
    """
    header = header_context(plan.issuer, plan.number, plan.issued)
    title = xml_safe(plan.title, "title")
    appendix_title = (
        xml_safe(upper(plan.appendix_title), "appendix title")
        if plan.appendix_title
        else upper(title)
    )
    date_words = _date_words(plan.issued, plan.place)
    reference = (
        f"(Kèm theo {plan.type_name} số {number_text(plan.number)} {date_words} "
        f"của {plan.issuer.name})"
    )
    return {
        **header,
        "type_name": xml_safe(upper(plan.type_name), "type"),
        "title": title,
        "body": body_blocks(
            plan.sections, bases=plan.bases, preamble=plan.preamble, closing=plan.closing
        ),
        **signature_context(plan.signer, plan.recipients, plan.archive),
        "appendix_title": appendix_title,
        # Its parts were checked (and warned about) under their own names above.
        "appendix_reference": drop_xml_illegal(reference),
        "tasks": task_rows(plan),
    }
