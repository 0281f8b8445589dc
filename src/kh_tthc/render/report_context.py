"""A report as the plain dict that fills the báo cáo template: pure, no docxtpl.

The body is written from the figures in plain Vietnamese: a sentence names only the counts
that are not zero, numbers and percentages are written the Vietnamese way ("1.234",
"95,5%"), counts below ten take a leading zero as administrative documents write them
("08 nhiệm vụ"). The header, the body's numbering and the signature block are the shared
building blocks of :mod:`kh_tthc.render.context`, so a báo cáo follows the same rules of
Nghị định 30/2020/NĐ-CP as a kế hoạch.

>>> from datetime import date
>>> from kh_tthc import Report, load_plan, load_progress
>>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
>>> q4 = load_progress("examples/skhcn-thai-nguyen-2025/progress-2025-Q4.csv", plan)
>>> ctx = report_context(Report(plan=plan, period=q4.period, progress=q4,
...                             as_of=date(2025, 12, 15)))
>>> ctx["type_name"], ctx["number"]
('BÁO CÁO', '     /BC-SKHCN')
>>> ctx["title"]
'Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý IV năm 2025'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from kh_tthc.model import Section
from kh_tthc.periods import short_date

# The private helpers are the plan's own rules (the date without its place, the row kinds,
# units one per line); reusing them keeps a báo cáo printed exactly like a kế hoạch.
from kh_tthc.render.addressees import AS_ABOVE, addressee_lines
from kh_tthc.render.context import (
    PLAN_FIELDS,
    _date_words,
    _row_kind,
    _unit_lines,
    body_blocks,
    drop_xml_illegal,
    header_context,
    number_text,
    signature_context,
    xml_safe,
)
from kh_tthc.report import (
    Attainment,
    Remark,
    Report,
    Tally,
    TaskResult,
    TaskStatus,
    period_phrase,
)
from kh_tthc.vn import format_number, format_percent, pad2, upper

__all__ = [
    "REPORT_FIELDS",
    "count",
    "general_paragraph",
    "report_context",
    "report_sections",
    "result_rows",
]

#: The variables a báo cáo template must use: the same slots as a kế hoạch's, the table
#: holding the period's results instead of the plan's tasks.
REPORT_FIELDS = PLAN_FIELDS | {"addressees"}


def count(n: int, noun: str = "nhiệm vụ") -> str:
    """A count in a sentence: "08 nhiệm vụ", "22 nhiệm vụ", "1.234 hồ sơ".

    >>> count(8), count(22), count(1234, "hồ sơ"), count(3, "")
    ('08 nhiệm vụ', '22 nhiệm vụ', '1.234 hồ sơ', '03')
    """
    number = pad2(n) if 0 <= n < 10 else format_number(n)
    return f"{number} {noun}" if noun else number


def _sentence(text: str) -> str:
    text = text.strip().rstrip(" ;,.")
    return text[:1].upper() + text[1:] + "."


def _lower_first(text: str) -> str:
    # "Kiểm soát…" reads "kiểm soát…" inside a sentence; "TTHC…" stays as it is.
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _breakdown(tally: Tally) -> list[str]:
    """The clauses for the non-zero counts of the general paragraph, in report order."""
    clauses = []
    done, late = tally.done, tally[TaskStatus.DONE_LATE]
    if done:
        clause = f"đã hoàn thành {count(done)}"
        if late:
            clause += f" (trong đó {count(late)} hoàn thành quá hạn)"
        clauses.append(clause)
    for status, words in (
        (TaskStatus.IN_PROGRESS, "đang thực hiện {}"),
        (TaskStatus.NOT_STARTED, "chưa thực hiện {}"),
        (TaskStatus.OVERDUE, "{} quá hạn chưa hoàn thành"),
        (TaskStatus.NOT_REPORTED, "{} chưa có báo cáo của đơn vị chủ trì"),
        (TaskStatus.NOT_APPLICABLE, "{} không phát sinh trong kỳ"),
    ):
        if tally[status]:
            clauses.append(words.format(count(tally[status])))
    return clauses


def _unit_clauses(tally: Tally) -> list[str]:
    """The same, shorter, for one unit's line: "đã hoàn thành 08 (01 quá hạn)"."""
    clauses = []
    if tally.done:
        late = tally[TaskStatus.DONE_LATE]
        note = f" ({count(late, '')} quá hạn)" if late else ""
        clauses.append(f"đã hoàn thành {count(tally.done, '')}{note}")
    for status in (
        TaskStatus.IN_PROGRESS,
        TaskStatus.NOT_STARTED,
        TaskStatus.OVERDUE,
        TaskStatus.NOT_REPORTED,
        TaskStatus.NOT_APPLICABLE,
    ):
        if tally[status]:
            clauses.append(f"{status.label} {count(tally[status], '')}")
    return clauses


def general_paragraph(report: Report) -> str:
    """The overall figures in one paragraph, naming only what is not zero.

    >>> from datetime import date
    >>> from kh_tthc import Period, Progress, load_plan
    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> q4 = Period.parse("2025-Q4")
    >>> nothing = Report(plan=plan, period=q4, progress=Progress(period=q4),
    ...                  as_of=date(2025, 10, 1))
    >>> print(general_paragraph(nothing))
    Trong kỳ báo cáo, Kế hoạch có 22 nhiệm vụ phải thực hiện: 01 nhiệm vụ quá hạn chưa hoàn
    thành; 21 nhiệm vụ chưa có báo cáo của đơn vị chủ trì. Chưa có nhiệm vụ hoàn thành. Kết quả
    thực hiện từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này.
    """
    tally = report.counts
    if tally.total == 0:
        return "Trong kỳ báo cáo, Kế hoạch không có nhiệm vụ phải thực hiện."
    text = f"Trong kỳ báo cáo, Kế hoạch có {count(tally.total)} phải thực hiện"
    text += ": " + "; ".join(_breakdown(tally)) + "."
    rate = tally.completion_rate
    if rate is not None and tally.done:
        text += (
            f" Tỷ lệ hoàn thành đạt {format_percent(rate)} "
            f"({count(tally.done, '')}/{count(tally.applicable)} phát sinh trong kỳ)"
        )
        text += _rate_change(report) + "."
    elif rate is not None:
        text += " Chưa có nhiệm vụ hoàn thành" + _rate_change(report) + "."
    return text + " Kết quả thực hiện từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này."


def _rate_change(report: Report) -> str:
    change = report.change
    if change is None or change.completion_rate is None:
        return ""
    before = period_phrase(change.previous)
    points = round(change.completion_rate * 100, 1)
    if points == 0:
        return f", bằng {before}"
    word = "tăng" if points > 0 else "giảm"
    return f", {word} {format_number(abs(points))} điểm phần trăm so với {before}"


def _unit_paragraphs(report: Report) -> list[str]:
    paragraphs = []
    for figures in report.by_unit:
        tally = figures.tally
        clauses = _unit_clauses(tally)
        text = f"- {figures.unit.name}: chủ trì {count(tally.total)}, {', '.join(clauses)}"
        if tally.completion_rate is not None and tally.done:
            text += f"; tỷ lệ hoàn thành {format_percent(tally.completion_rate)}"
        paragraphs.append(text + ".")
    return paragraphs


def _with_unit(value: float, unit: str) -> str:
    return f"{format_number(value)}{unit if unit == '%' or not unit else ' ' + unit}"


def _attainment_paragraph(
    attainment: Attainment, before: Attainment | None, previous: str = ""
) -> str:
    indicator = attainment.indicator
    head = f"- {indicator.name} (nhiệm vụ {attainment.task_number})"
    target = _with_unit(indicator.target, indicator.unit)
    if attainment.actual is None or attainment.ratio is None:
        return f"{head}: chỉ tiêu {target}; chưa có số liệu trong kỳ."
    text = (
        f"{head}: đạt {_with_unit(attainment.actual, indicator.unit)}, bằng "
        f"{format_percent(attainment.ratio)} chỉ tiêu ({target})"
    )
    if before is not None and before.actual is not None:
        text += f"; {previous} đạt {_with_unit(before.actual, indicator.unit)}"
    return text + "."


def _attainment_paragraphs(report: Report) -> list[str]:
    earlier: dict[tuple[Any, str], Attainment] = {}
    previous = ""
    if report.previous is not None:
        earlier = {(a.task_number, a.indicator.id): a for a in report.previous.attainment}
        previous = period_phrase(report.previous.period)
    return [
        _attainment_paragraph(a, earlier.get((a.task_number, a.indicator.id)), previous)
        for a in report.attainment
    ]


def _names(report: Report, unit_ids: Iterable[str]) -> str:
    return "; ".join(report.plan.unit_names(tuple(unit_ids)))


def _missed(report: Report, result: TaskResult) -> date | None:
    """The due day an overdue task missed: the last one passed, or the carried-over one."""
    return result.carried_over or max((d for d in result.due if d < report.as_of), default=None)


def _late_paragraphs(report: Report) -> list[str]:
    paragraphs = []
    overdue, missing = report.overdue, report.not_reported
    if overdue:
        paragraphs.append(f"Có {count(len(overdue))} quá hạn chưa hoàn thành:")
        for r in overdue:
            due = _missed(report, r)
            when = "" if due is None else f", hạn {short_date(due)}"
            leads = _names(report, (u.unit for u in r.units if u.lead))
            paragraphs.append(f'- Nhiệm vụ {r.number} "{r.task.title}" ({leads}{when}).')
    if missing:
        paragraphs.append(f"Có {count(len(missing))} chưa nhận được báo cáo của đơn vị chủ trì:")
        for r in missing:
            units = _names(report, (u.unit for u in r.units if u.lead and u.row is None))
            who = f" ({units} chưa báo cáo)" if units else ""
            paragraphs.append(f'- Nhiệm vụ {r.number} "{r.task.title}"{who}.')
    if not paragraphs:
        paragraphs.append(
            "Không có nhiệm vụ quá hạn; các đơn vị chủ trì đã báo cáo đầy đủ kết quả thực hiện."
        )
    return paragraphs


def _remark_paragraphs(report: Report, remarks: Sequence[Remark], none: str) -> list[str]:
    if not remarks:
        return [none]
    out = []
    for remark in remarks:
        source = []
        if remark.unit is not None:
            source.append(_names(report, [remark.unit]))
        if remark.task is not None:
            source.append(f"nhiệm vụ {remark.task}")
        text = remark.text.rstrip(" ;,.")
        out.append(f"- {text}" + (f" ({', '.join(source)})." if source else "."))
    return out


def report_sections(report: Report) -> tuple[Section, ...]:
    """The body's sections: results (overall, by unit, targets, what is late), difficulties,
    proposals. Headings are numbered when rendered (I., 1.)."""
    results = [Section(title="Tình hình chung", paragraphs=(general_paragraph(report),))]
    if report.by_unit:
        results.append(
            Section(title="Kết quả theo đơn vị chủ trì", paragraphs=tuple(_unit_paragraphs(report)))
        )
    if report.attainment:
        results.append(
            Section(
                title="Kết quả thực hiện các chỉ tiêu",
                paragraphs=tuple(_attainment_paragraphs(report)),
            )
        )
    results.append(
        Section(title="Nhiệm vụ quá hạn, chưa báo cáo", paragraphs=tuple(_late_paragraphs(report)))
    )
    return (
        Section(title="Kết quả thực hiện", subsections=tuple(results)),
        Section(
            title="Khó khăn, vướng mắc",
            paragraphs=tuple(
                _remark_paragraphs(
                    report,
                    report.difficulties,
                    "Trong kỳ, các đơn vị không phản ánh khó khăn, vướng mắc.",
                )
            ),
        ),
        Section(
            title="Đề xuất, kiến nghị",
            paragraphs=tuple(
                _remark_paragraphs(report, report.proposals, "Không có đề xuất, kiến nghị.")
            ),
        ),
    )


def _status_text(report: Report, result: TaskResult) -> str:
    text = _sentence(result.status.label).rstrip(".")
    if result.status is TaskStatus.OVERDUE:
        due = _missed(report, result)
        if due is not None:
            text += f" (hạn {short_date(due)})"
    elif result.status is TaskStatus.NOT_REPORTED:
        missing = [u.unit for u in result.units if u.lead and u.row is None]
        if len(missing) < len([u for u in result.units if u.lead]):
            text += f": {_names(report, missing)}"
    return text


def result_rows(report: Report) -> list[dict[str, Any]]:
    """The appendix table: each task of the report, under the plan's headings.

    Keys: ``number``, ``title``, ``kind`` (``group``, ``subgroup`` or ``task``, as in the
    plan's appendix), ``lead`` (one unit per line), ``result`` (each unit's result, after
    its name when several reported, then each indicator's attainment) and ``status``
    ("Đã hoàn thành", "Quá hạn (hạn 16/9/2025)", "Chưa báo cáo: Các phòng thuộc Sở"...).
    """
    results = {r.number: r for r in report.tasks}
    shown = set(results)
    for number in results:
        parent = number.parent
        while parent is not None:
            shown.add(parent)
            parent = parent.parent
    names = report.plan.units_by_id
    rows = []
    for task in report.plan.tasks:
        if task.number not in shown:
            continue
        where = f"task {task.number}"
        result = results.get(task.number)
        row = {
            "number": f"{task.number}." if task.level == 1 else str(task.number),
            "title": xml_safe(task.title, f"{where} title"),
            "kind": _row_kind(task),
            "lead": "",
            "result": "",
            "status": "",
        }
        if result is not None:
            leads = [u.unit for u in result.units if u.lead]
            row["lead"] = xml_safe(
                _unit_lines([names[u].name if u in names else u for u in leads]),
                f"{where} lead units",
            )
            lines = [report.result_text(result)]
            lines += [
                f"{a.indicator.name}: {a.text}"
                for a in report.attainment
                if a.task_number == task.number and a.actual is not None
            ]
            row["result"] = xml_safe("\n".join(t for t in lines if t), f"{where} result")
            row["status"] = xml_safe(_status_text(report, result), f"{where} status")
        rows.append(row)
    return rows


def report_context(report: Report) -> dict[str, Any]:
    """Everything the báo cáo template prints, as plain strings, lists and dicts.

    The keys are :data:`REPORT_FIELDS`; the layout is that of a kế hoạch (Nghị định
    30/2020/NĐ-CP, Phụ lục I; Mẫu 1.4 of Phụ lục III), the type name "BÁO CÁO" and the
    number "…/BC-…" (Phụ lục III). The reporting window in the text is the data cut-off
    window of Nghị định 09/2019/NĐ-CP, Điều 12.

    Args:
        report: the report.

    Returns:
        A new dict; text is XML-safe but not escaped (the renderer escapes it).

    Warns:
        RenderWarning: for each field from which control characters had to be dropped.
    """
    plan = report.plan
    issuer = plan.issuer
    number = report.document_number
    issued = report.issue_date
    plan_words = _date_words(plan.issued, plan.place)
    preamble = (
        f"Thực hiện {plan.type_name} số {number_text(plan.number)} {plan_words} của "
        f"{issuer.name} về {_lower_first(plan.title).rstrip('.')}, {issuer.name} báo cáo kết "
        f"quả thực hiện {report.period_phrase} (số liệu {report.window_phrase}) như sau:"
    )
    closing = (
        f"Trên đây là báo cáo kết quả thực hiện {plan.type_name} {report.subject} "
        f"{report.period_phrase} của {issuer.name}./."
    )
    reference = (
        f"(Kèm theo Báo cáo số {number_text(number)} {_date_words(issued, plan.place)} "
        f"của {issuer.name})"
    )
    return {
        **header_context(issuer, number, issued),
        "type_name": "BÁO CÁO",
        "title": xml_safe(report.summary, "summary"),
        "body": body_blocks(
            report_sections(report),
            preamble=[xml_safe(preamble, "preamble")],
            closing=[xml_safe(closing, "closing")],
        ),
        # Sent upward, a báo cáo names its addressees and "- Như trên;" comes first under
        # "Nơi nhận:" (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9.b).
        "addressees": addressee_lines(report.addressees),
        **signature_context(
            plan.signer,
            [AS_ABOVE, *plan.recipients] if report.addressees else plan.recipients,
            plan.archive,
        ),
        "appendix_title": upper(f"Kết quả thực hiện nhiệm vụ {report.period_phrase}"),
        "appendix_reference": drop_xml_illegal(reference),
        "tasks": result_rows(report),
    }
