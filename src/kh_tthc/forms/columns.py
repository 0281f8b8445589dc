"""The one description of a unit's reporting form: its sheets, its columns, its identity.

:mod:`kh_tthc.forms.write` lays a form out from :data:`COLUMNS` and
:mod:`kh_tthc.forms.collect` reads it back by the same description, so the form a unit
receives and the reader that takes it back cannot drift apart. Each column is either
pre-filled from the plan and locked, or open to the unit; an open column names the
progress field (:data:`kh_tthc.progress.COLUMNS`) it fills.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from attrs import frozen

from kh_tthc.model import Indicator, Plan
from kh_tthc.progress import ProgressStatus

__all__ = [
    "COLUMNS",
    "DATA_SHEET",
    "FIRST_ROW",
    "FORM_VERSION",
    "GUIDE_SHEET",
    "HEADER_ROW",
    "IDENTITY_SHEET",
    "FormColumn",
    "column_letter",
    "form_columns",
    "plan_fingerprint",
    "status_choices",
]

#: The sheet the unit fills in.
DATA_SHEET = "Báo cáo"
#: The sheet saying how to fill it, to whom and by when.
GUIDE_SHEET = "Hướng dẫn"
#: The hidden, protected sheet holding the plan's identity, the period and the unit.
IDENTITY_SHEET = "kh-tthc"
#: Bumped when the layout changes, so an older form is recognised.
FORM_VERSION = "1"
#: The row of the column headings (repeated on every printed page).
HEADER_ROW = 4
#: The first task row.
FIRST_ROW = HEADER_ROW + 1


@frozen(kw_only=True)
class FormColumn:
    """One column of the form's task table.

    ``key`` is what the column holds: a locked plan field ("task", "title", "role",
    "deadline", "targets") or the progress field an open column fills ("status",
    "result", "completed", "difficulty", "proposal"); for an indicator's value it is the
    indicator's id. ``kind`` says what a cell may hold: "text", "status", "date",
    "number". ``width`` is in Excel's character units.
    """

    key: str
    heading: str
    width: float
    locked: bool
    kind: str = "text"
    indicator: Indicator | None = None


#: The fixed columns, in order; indicator columns follow them (:func:`form_columns`).
COLUMNS: tuple[FormColumn, ...] = (
    FormColumn(key="task", heading="STT", width=7, locked=True),
    FormColumn(key="title", heading="Nội dung nhiệm vụ", width=42, locked=True),
    FormColumn(key="role", heading="Vai trò", width=10, locked=True),
    FormColumn(key="deadline", heading="Thời hạn", width=16, locked=True),
    FormColumn(key="targets", heading="Chỉ tiêu", width=16, locked=True),
    FormColumn(key="status", heading="Trạng thái", width=17, locked=False, kind="status"),
    FormColumn(key="result", heading="Kết quả thực hiện", width=40, locked=False),
    FormColumn(key="completed", heading="Ngày hoàn thành", width=13, locked=False, kind="date"),
    FormColumn(key="difficulty", heading="Khó khăn, vướng mắc", width=24, locked=False),
    FormColumn(key="proposal", heading="Đề xuất, kiến nghị", width=24, locked=False),
)


def form_columns(indicators: Sequence[Indicator]) -> tuple[FormColumn, ...]:
    """The columns of a form whose tasks carry ``indicators``: the fixed ones, then one
    number column per indicator, headed by its name and unit.

    >>> from kh_tthc.model import Indicator
    >>> cols = form_columns([Indicator(id="so-hoa", name="Hồ sơ được số hóa", target=100)])
    >>> cols[-1].key, cols[-1].heading, cols[-1].kind
    ('so-hoa', 'Hồ sơ được số hóa (%) đạt được', 'number')
    """
    extra = tuple(
        FormColumn(
            key=i.id,
            heading=f"{i.name} ({i.unit or 'số'}) đạt được",
            width=14,
            locked=False,
            kind="number",
            indicator=i,
        )
        for i in indicators
    )
    return COLUMNS + extra


def column_letter(index: int) -> str:
    """The letters of a 1-based column number: 1 is "A", 28 is "AB".

    >>> column_letter(1), column_letter(6), column_letter(28)
    ('A', 'F', 'AB')
    """
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def status_choices() -> tuple[str, ...]:
    """The statuses as the form's dropdown offers them: "Đã hoàn thành"...

    >>> status_choices()[2]
    'Đã hoàn thành'
    """
    return tuple(s.label[:1].upper() + s.label[1:] for s in ProgressStatus)


def plan_fingerprint(plan: Plan) -> str:
    """A short digest of the plan's tasks: numbers, titles, units, deadlines, indicators.

    A form made from an older version of the plan (a task renumbered, reworded or given
    to another unit) carries another fingerprint and is recognised on return.
    """
    tasks = [
        [
            str(t.number),
            t.title,
            list(t.lead),
            list(t.support),
            "" if t.deadline is None else str(t.deadline),
            [[i.id, i.name, i.target, i.unit] for i in t.indicators],
        ]
        for t in plan.tasks
    ]
    text = json.dumps(tasks, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
