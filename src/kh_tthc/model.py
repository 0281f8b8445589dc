"""The plan (kế hoạch) as typed values.

All classes are frozen, slotted and keyword-only; collections are tuples. Converters
normalise text to NFC with single spaces, so a plan read from a Word export compares equal
to the same plan typed by hand. Checks that need the whole plan (unknown unit ids,
duplicate numbers...) live in :func:`kh_tthc.validate_plan`, which reports every problem
at once instead of stopping at the first.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from kh_tthc.deadline import Deadline
from kh_tthc.errors import TaskNumberError
from kh_tthc.periods import SendingRule
from kh_tthc.vn import clean, date_line, fold, format_number, pad2, upper

if TYPE_CHECKING:
    import pandas

    from kh_tthc.calendar import WorkCalendar
    from kh_tthc.deadline import Frequency
    from kh_tthc.schedule import Schedule

__all__ = [
    "Authority",
    "DateSpan",
    "DocumentNumber",
    "Indicator",
    "IssueDate",
    "Organization",
    "Plan",
    "Section",
    "Signer",
    "Source",
    "Task",
    "TaskNumber",
    "Unit",
]


def _clean_tuple(values: Any) -> tuple[str, ...]:
    # A string is iterable: without this check "VT" would become the list "V", "T".
    if isinstance(values, str):
        raise TypeError(f"expected a list of texts, not the string {values!r}")
    return tuple(clean(v) for v in values)


def _pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((clean(k), clean(v)) for k, v in pairs)


def _sections(values: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(values)


def _units(values: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(values)


def _tasks(values: Iterable[Task]) -> tuple[Task, ...]:
    return tuple(values)


def _optional_clean(value: str | None) -> str | None:
    return None if value is None else clean(value)


_TASK_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
#: The deepest task number, "1.1.1.1.1.1.1.1.1"; official appendices use three or four.
MAX_TASK_LEVELS = 9
#: The most digits one part of a task number may have.
MAX_TASK_DIGITS = 6


@frozen(order=True)
class TaskNumber:
    """The number of an appendix row, "2.1.1"; ordering follows the document.

    >>> n = TaskNumber.parse("2.1.1")
    >>> str(n), str(n.parent), n.level
    ('2.1.1', '2.1', 3)
    >>> TaskNumber.parse("2.10") > TaskNumber.parse("2.9")
    True
    """

    parts: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> TaskNumber:
        """Parse "2.1.1"; a final dot, as on group rows ("1."), is accepted.

        Raises:
            TaskNumberError: for "", "x", "2..1", "-1" and other non-numbers.
        """
        s = clean(text)
        if not _TASK_NUMBER.match(s):
            raise TaskNumberError(text)
        pieces = s.rstrip(".").split(".")
        if len(pieces) > MAX_TASK_LEVELS:
            raise TaskNumberError(
                text, f"{len(pieces)} levels; a task number has at most {MAX_TASK_LEVELS}"
            )
        if any(len(p) > MAX_TASK_DIGITS for p in pieces):
            raise TaskNumberError(
                text, f"each part of a task number has at most {MAX_TASK_DIGITS} digits"
            )
        parts = tuple(int(p) for p in pieces)
        if parts[0] == 0:
            raise TaskNumberError(text)
        return cls(parts)

    @property
    def level(self) -> int:
        """1 for "2", 2 for "2.1", and so on."""
        return len(self.parts)

    @property
    def parent(self) -> TaskNumber | None:
        """The group this number sits under, or None at the top level."""
        return TaskNumber(self.parts[:-1]) if len(self.parts) > 1 else None

    def is_ancestor_of(self, other: TaskNumber) -> bool:
        return len(other.parts) > len(self.parts) and other.parts[: len(self.parts)] == self.parts

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts)


_UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@frozen(kw_only=True)
class Unit:
    """An organisational unit: a phòng, a trung tâm, the văn phòng, or a collective.

    Units are declared once per plan under a short id and referenced by that id.

    >>> Unit(id="vp", name="Văn phòng  Sở").name
    'Văn phòng Sở'
    >>> Unit(id="all", name="Các phòng, đơn vị thuộc Sở").is_collective
    True
    """

    id: str = field(converter=clean)
    name: str = field(converter=clean)

    @property
    def is_collective(self) -> bool:
        """True for a group of units ("Các phòng, đơn vị thuộc Sở") rather than one."""
        return fold(self.name).startswith("cac ")

    @staticmethod
    def is_valid_id(text: str) -> bool:
        """Ids are lower-case ASCII letters, digits, "-" and "_", such as "vp" or "cds"."""
        return bool(_UNIT_ID.match(text))


@frozen(kw_only=True)
class Organization:
    """The issuing body (cơ quan ban hành) and its parent (cơ quan chủ quản).

    Names are kept in ordinary case; the header prints them in upper case as
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.2 requires.

    >>> org = Organization(name="Sở Khoa học và Công nghệ", parent="UBND tỉnh Thái Nguyên",
    ...                    abbreviation="SKHCN", place="Thái Nguyên")
    >>> org.header_lines
    ('UBND TỈNH THÁI NGUYÊN', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ')
    """

    name: str = field(converter=clean)
    abbreviation: str = field(converter=clean)
    place: str = field(converter=clean)
    parent: str | None = field(default=None, converter=_optional_clean)

    @property
    def header_lines(self) -> tuple[str, ...]:
        """Parent body then issuer, upper case, for the top-left of page 1."""
        lines = [] if self.parent is None else [upper(self.parent)]
        return (*lines, upper(self.name))


_DOC_NUMBER = re.compile(r"^(?:Số\s*:\s*)?(\d*)\s*/\s*([^\s/-]+)-(\S+)$", re.IGNORECASE)


@frozen(kw_only=True)
class DocumentNumber:
    """The number and symbol, "05/KH-SKHCN"; the number is None in an unsigned draft.

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3: numbers below 10 take a leading zero,
    "/" separates number and symbol, "-" the symbol's groups, with no spaces.

    >>> str(DocumentNumber.parse("5/KH-SKHCN"))
    '05/KH-SKHCN'
    >>> str(DocumentNumber(type_code="KH", issuer_code="SKHCN"))
    '/KH-SKHCN'
    """

    type_code: str = field(converter=clean)
    issuer_code: str = field(converter=clean)
    number: int | None = None

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Parse "05/KH-SKHCN", "Số: 05/KH-SKHCN" or a draft's "/KH-SKHCN".

        Raises:
            ValueError: when the text is not number/TYPE-ISSUER.
        """
        m = _DOC_NUMBER.match(clean(text))
        if not m:
            raise ValueError(
                f"invalid document number {text!r} (expected such as '05/KH-SKHCN', "
                "or '/KH-SKHCN' for a draft)"
            )
        digits, type_code, issuer_code = m.groups()
        if len(digits) > 9:
            raise ValueError(f"invalid document number {text!r} (the number is too long)")
        return cls(
            number=int(digits) if digits else None,
            type_code=type_code,
            issuer_code=issuer_code,
        )

    @property
    def symbol(self) -> str:
        """The part after the slash, "KH-SKHCN"."""
        return f"{self.type_code}-{self.issuer_code}"

    def __str__(self) -> str:
        number = "" if self.number is None else pad2(self.number)
        return f"{number}/{self.symbol}"


@frozen(kw_only=True)
class IssueDate:
    """The date a document is issued; a draft may know only the month, or only the year.

    >>> str(IssueDate(year=2025, month=8))
    '2025-08'
    >>> IssueDate.parse("2025-08-05").as_date()
    datetime.date(2025, 8, 5)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("an issue date with a day must also have a month")
        date(self.year, self.month or 1, self.day or 1)  # raises ValueError when impossible

    @classmethod
    def parse(cls, text: str) -> IssueDate:
        """Parse "2025", "2025-08" or "2025-08-05".

        Raises:
            ValueError: for anything else, or an impossible date.
        """
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", clean(text))
        if not m:
            raise ValueError(f"invalid issue date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        y, mo, d = m.groups()
        return cls(
            year=int(y), month=None if mo is None else int(mo), day=None if d is None else int(d)
        )

    @classmethod
    def of(cls, d: date) -> IssueDate:
        return cls(year=d.year, month=d.month, day=d.day)

    def as_date(self) -> date | None:
        """The full date, or None while the day is still blank."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def line(self, place: str) -> str:
        """The place-and-date line, "Thái Nguyên, ngày 05 tháng 8 năm 2025"."""
        return date_line(place, year=self.year, month=self.month, day=self.day)

    def __str__(self) -> str:
        s = f"{self.year:04d}"
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        return s


class Authority(enum.Enum):
    """Who signs for whom (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)."""

    #: Thay mặt: for a collective body.
    TM = "TM."
    #: Ký thay: a deputy signs for the head.
    KT = "KT."
    #: Quyền: an acting head.
    Q = "Q."
    #: Thừa lệnh: by order.
    TL = "TL."
    #: Thừa ủy quyền: by authorisation.
    TUQ = "TUQ."

    @classmethod
    def parse(cls, text: str) -> Authority:
        key = clean(text).upper().rstrip(".")
        for member in cls:
            if member.name == key:
                return member
        allowed = ", ".join(m.name for m in cls)
        raise ValueError(f"unknown signing authority {text!r} (expected one of: {allowed})")


@frozen(kw_only=True)
class Signer:
    """The signature block: authority and head's title, the signer's title, the name.

    >>> s = Signer(authority=Authority.KT, head_title="Giám đốc", title="Phó Giám đốc",
    ...            name="Nguyễn Thị Thuỷ")
    >>> s.title_lines
    ('KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC')
    """

    title: str = field(converter=clean)
    name: str = field(converter=clean)
    authority: Authority | None = None
    head_title: str | None = field(default=None, converter=_optional_clean)

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The bold upper-case lines above the signature (Phụ lục I, mục II.7)."""
        if self.authority is None:
            return (upper(self.title),)
        head = self.head_title or self.title
        first = f"{self.authority.value} {upper(head)}"
        if self.head_title is None or fold(self.head_title) == fold(self.title):
            return (first,)
        return (first, upper(self.title))


@frozen(kw_only=True)
class DateSpan:
    """An inclusive range of days, such as the period a plan covers."""

    start: date
    end: date

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@frozen(kw_only=True)
class Section:
    """A body section: "I. MỤC ĐÍCH, YÊU CẦU" and its paragraphs and sub-sections.

    Headings are numbered when rendered (I, II… at the first level, 1, 2… below), so the
    title is stored without its number. Paragraph text is kept as written, including a
    leading "- " or "1. " for items that have no title of their own.
    """

    title: str = field(converter=clean)
    paragraphs: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    subsections: tuple[Section, ...] = field(default=(), converter=_sections)


@frozen(kw_only=True)
class Indicator:
    """A measurable target a task carries, such as "số hóa 100% hồ sơ".

    Progress reports give actual values for it and the report computes attainment.

    >>> Indicator(id="so-hoa", name="Hồ sơ được số hóa", target=100, unit="%").label
    'Hồ sơ được số hóa: 100%'
    """

    id: str = field(converter=clean)
    name: str = field(converter=clean)
    target: float
    unit: str = field(default="%", converter=clean)

    @property
    def label(self) -> str:
        unit = self.unit if self.unit == "%" or not self.unit else f" {self.unit}"
        return f"{self.name}: {format_number(self.target)}{unit}"


def _indicators(values: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(values)


@frozen(kw_only=True)
class Task:
    """A numbered row of the appendix: what to do, who leads, who supports, by when.

    ``group`` marks a heading row (bold in the document); a group may still carry units
    and a deadline, as rows 2.4 and 2.5 of the seed plan do. ``lead`` and ``support`` hold
    unit ids. ``extra`` keeps columns that the appendix has beyond the five standard ones
    ("Sản phẩm", "Kinh phí"...), as (header, text) pairs.
    """

    number: TaskNumber
    title: str = field(converter=clean)
    lead: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    support: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    deadline: Deadline | None = None
    group: bool = False
    note: str = field(default="", converter=clean)
    extra: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    indicators: tuple[Indicator, ...] = field(default=(), converter=_indicators)

    @property
    def level(self) -> int:
        return self.number.level

    @property
    def units(self) -> tuple[str, ...]:
        """Lead then support unit ids, each once."""
        return tuple(dict.fromkeys(self.lead + self.support))


@frozen(kw_only=True)
class Source:
    """Where a plan was read from, to point problems at a file and line.

    Not part of the plan's value: two plans read from different files compare equal.
    """

    path: Path
    #: Line of each task's entry, in the order of ``Plan.tasks``.
    task_lines: tuple[int | None, ...] = ()


@frozen(kw_only=True)
class Plan:
    """A plan (kế hoạch) as a whole: header, body, signature, recipients and appendix.

    The appendix is the flat tuple ``tasks`` in document order; the hierarchy comes from
    the task numbers. Build one with :func:`kh_tthc.load_plan` or directly:

    >>> from datetime import date
    >>> plan = Plan(
    ...     issuer=Organization(name="Sở Khoa học và Công nghệ", abbreviation="SKHCN",
    ...                         place="Thái Nguyên", parent="UBND tỉnh Thái Nguyên"),
    ...     number=DocumentNumber(type_code="KH", issuer_code="SKHCN"),
    ...     issued=IssueDate(year=2025, month=8),
    ...     title="Kiểm soát thủ tục hành chính năm 2025",
    ...     period=DateSpan(start=date(2025, 9, 1), end=date(2025, 12, 31)),
    ...     signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
    ...     units=(Unit(id="vp", name="Văn phòng Sở"),),
    ...     tasks=(Task(number=TaskNumber.parse("1"), title="Rà soát TTHC", lead=("vp",)),),
    ... )
    >>> plan.date_line
    'Thái Nguyên, ngày    tháng 8 năm 2025'
    """

    issuer: Organization
    number: DocumentNumber
    issued: IssueDate
    title: str = field(converter=clean)
    period: DateSpan
    signer: Signer
    #: The type name printed above the summary (Phụ lục III): "Kế hoạch".
    type_name: str = field(default="Kế hoạch", converter=clean)
    #: Legal bases (căn cứ), printed in italics one per line.
    bases: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    #: Paragraphs between the summary and section I.
    preamble: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    sections: tuple[Section, ...] = field(default=(), converter=_sections)
    #: Closing paragraphs after the last section, ending with "./.".
    closing: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    units: tuple[Unit, ...] = field(default=(), converter=_units)
    tasks: tuple[Task, ...] = field(default=(), converter=_tasks)
    #: Recipients, without the leading "- " or the final ";".
    recipients: tuple[str, ...] = field(default=(), converter=_clean_tuple)
    #: Copies kept ("Lưu: VT, VP."): the records office first, then the drafting unit.
    archive: tuple[str, ...] = field(default=("VT",), converter=_clean_tuple)
    appendix_title: str = field(default="", converter=clean)
    #: How the sending deadline of a periodic report is set; None means
    #: :meth:`SendingRule.default` (2 working days after the Decree 09 cut-off).
    reporting: SendingRule | None = None
    source: Source | None = field(default=None, eq=False, repr=False)

    @property
    def place(self) -> str:
        return self.issuer.place

    @property
    def date_line(self) -> str:
        """The italic place-and-date line (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4)."""
        return self.issued.line(self.place)

    @property
    def units_by_id(self) -> Mapping[str, Unit]:
        return {u.id: u for u in self.units}

    def unit(self, unit_id: str) -> Unit:
        """The unit declared under ``unit_id``.

        Raises:
            KeyError: naming the id when no unit has it.
        """
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def unit_names(self, unit_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Names for ids, keeping an unknown id as it is so nothing silently disappears."""
        by_id = self.units_by_id
        return tuple(by_id[i].name if i in by_id else i for i in unit_ids)

    def task(self, number: TaskNumber | str) -> Task:
        """The task with this number.

        Raises:
            KeyError: when there is none.
        """
        key = TaskNumber.parse(number) if isinstance(number, str) else number
        for t in self.tasks:
            if t.number == key:
                return t
        raise KeyError(str(key))

    def children(self, task: Task | None = None) -> tuple[Task, ...]:
        """The rows directly under ``task``, or the top-level rows when it is None."""
        parent = None if task is None else task.number
        return tuple(t for t in self.tasks if t.number.parent == parent)

    def walk(self) -> Iterator[Task]:
        """Every task in document order."""
        return iter(self.tasks)

    def schedule(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        as_of: date,
        calendar: WorkCalendar | None = None,
        reporting: SendingRule | None = None,
        report_every: Frequency | None = None,
        soon: int | None = None,
    ) -> Schedule:
        """The plan's agenda from ``start`` to ``end`` (the plan's period by default).

        Delegates to :func:`kh_tthc.schedule.build_schedule`, which documents the options;
        ``as_of`` is the day statuses are told from, passed in rather than read from the
        clock.

        >>> from kh_tthc import load_plan
        >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
        >>> for o in plan.schedule(as_of=date(2025, 12, 10)):
        ...     if o.status.value == "due_soon":
        ...         print(o.due, o.task.number, o.label)
        2025-12-16 2.5 Quý IV/2025
        2025-12-16 2.5 Năm 2025
        """
        from kh_tthc.deadline import Frequency
        from kh_tthc.schedule import DEFAULT_SOON, build_schedule

        return build_schedule(
            self,
            start,
            end,
            as_of=as_of,
            calendar=calendar,
            reporting=reporting,
            report_every=Frequency.QUARTER if report_every is None else report_every,
            soon=DEFAULT_SOON if soon is None else soon,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per appendix row, groups included, in document order.

        Keys: ``number``, ``level``, ``group``, ``title``, ``lead_ids`` and ``lead`` (the
        lead units' ids and names), ``support_ids`` and ``support``, ``deadline`` (the
        completion time as written), ``kind`` (the deadline's kind, or None) and ``note``.

        >>> plan = Plan(
        ...     issuer=Organization(name="Sở KH&CN", abbreviation="SKHCN", place="Hà Nội"),
        ...     number=DocumentNumber(type_code="KH", issuer_code="SKHCN"),
        ...     issued=IssueDate(year=2025), title="Thử",
        ...     period=DateSpan(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        ...     signer=Signer(title="Giám đốc", name="A"),
        ...     units=(Unit(id="vp", name="Văn phòng Sở"),),
        ...     tasks=(Task(number=TaskNumber.parse("1"), title="Rà soát", lead=("vp",)),))
        >>> plan.to_records()[0]["lead"]
        ['Văn phòng Sở']
        """
        records = []
        for t in self.tasks:
            records.append(
                {
                    "number": str(t.number),
                    "level": t.level,
                    "group": t.group,
                    "title": t.title,
                    "lead_ids": list(t.lead),
                    "lead": list(self.unit_names(t.lead)),
                    "support_ids": list(t.support),
                    "support": list(self.unit_names(t.support)),
                    "deadline": "" if t.deadline is None else str(t.deadline),
                    "kind": None if t.deadline is None else t.deadline.kind,
                    "note": t.note,
                }
            )
        return records

    def to_frame(self) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame indexed by task number
        (``kh-tthc[pandas]``); ``kind`` is a category.

        Raises:
            ModuleNotFoundError: pandas is not installed.
        """
        from kh_tthc.tables import frame

        return frame(
            self.to_records(), what="Plan.to_frame", index="number", categories={"kind": None}
        )

    def to_csv(self) -> str:
        """:meth:`to_records` as CSV, lists joined with "; ", every text cell through
        :func:`kh_tthc.io.csv_safe.escape_cell`. (The plan file itself: :func:`dumps_plan`.)
        """
        from kh_tthc.tables import records_csv

        return records_csv(self.to_records())

    def to_json(self) -> str:
        """:meth:`to_records` as a JSON array. (The plan file itself: :func:`dumps_plan`.)"""
        from kh_tthc.tables import records_json

        return records_json(self.to_records())

    def to_table(self) -> str:
        """The appendix as indented text lines, as ``kh-tthc show`` prints it."""
        from kh_tthc.tables import plan_outline

        return "\n".join(plan_outline(self)) + "\n"

    def to_ics(self, *, as_of: date) -> bytes:
        """The plan's agenda over its period as an iCalendar file:
        ``self.schedule(as_of=as_of).to_ics()``."""
        return self.schedule(as_of=as_of).to_ics()

    def _repr_html_(self) -> str:
        """An HTML table of the appendix for Jupyter."""
        from html import escape

        head = "".join(
            f"<th>{h}</th>"
            for h in ("STT", "Nội dung công việc", "Chủ trì", "Phối hợp/theo dõi", "Thời gian")
        )
        rows = []
        for r in self.to_records():
            style = ' style="font-weight:bold"' if r["group"] else ""
            pad = f"padding-left:{(r['level'] - 1) * 1.2}em"
            cells = (
                f"<td>{escape(r['number'])}</td>"
                f'<td style="{pad}">{escape(r["title"])}</td>'
                f"<td>{'<br>'.join(escape(u) for u in r['lead'])}</td>"
                f"<td>{'<br>'.join(escape(u) for u in r['support'])}</td>"
                f"<td>{escape(r['deadline'])}</td>"
            )
            rows.append(f"<tr{style}>{cells}</tr>")
        caption = escape(f"{self.type_name} {self.number}: {self.title}")
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
