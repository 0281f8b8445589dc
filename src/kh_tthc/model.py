"""The plan (kế hoạch) as typed values.

All classes are frozen, slotted and keyword-only; collections are tuples. Converters
normalise text to NFC with single spaces, so a plan read from a Word export compares equal
to the same plan typed by hand. Checks that need the whole plan (unknown unit ids,
duplicate numbers...) live in :func:`kh_tthc.validate_plan`, which reports every problem
at once instead of stopping at the first.
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import evolve, field, frozen

from kh_tthc import convert as C
from kh_tthc._slots import slot_maker
from kh_tthc.deadline import Deadline
from kh_tthc.errors import DeadlineSyntaxError, TaskNumberError
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


def _deadline(value: Any, owner: Any, field: str) -> Deadline | None:
    # A phrase is read as the plan-file loader reads it; without a plan's year a date
    # written without one stays unspecified, and Plan re-reads it with its year.
    if value is None or isinstance(value, _DEADLINE_TYPES):
        return value
    if isinstance(value, str):
        from kh_tthc.deadline.parse import parse_deadline  # loaded on first use

        try:
            return parse_deadline(C.checked_text(value, owner, field))
        except DeadlineSyntaxError as exc:  # an empty phrase
            raise C.FieldValueError(C._name(owner), field, str(exc)) from None
    raise C.type_error(
        owner, field, "a Deadline, a completion-time phrase such as 'Quý IV/2025', or None", value
    )


_DEADLINE_TYPES = tuple(typing.get_args(Deadline))


# Named functions, looked up when called (Section's own field refers to Section).


def _SECTIONS(value: Iterable[Section]) -> tuple[Section, ...]:
    return C.in_field(C.objects(Section, 'Section(title="Mục đích")'), value, _SECTIONS)


def _UNITS(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return C.in_field(C.objects(Unit, 'Unit(id="vp", name="Văn phòng Sở")'), value, _UNITS)


def _TASKS(value: Iterable[Task]) -> tuple[Task, ...]:
    return C.in_field(C.objects(Task, 'Task(number="1", title="Rà soát")'), value, _TASKS)


def _INDICATORS(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    example = 'Indicator(id="so-hoa", name="…", target=100)'
    return C.in_field(C.objects(Indicator, example), value, _INDICATORS)


def _DEADLINE(value: Deadline | str | None) -> Deadline | None:
    return C.in_field(_deadline, value, _DEADLINE)


def _PARTS(value: tuple[int, ...] | str) -> tuple[int, ...]:
    return C.in_field(_number_parts, value, _PARTS)


def _NUMBER(value: TaskNumber | str) -> TaskNumber:
    return C.in_field(_task_number, value, _NUMBER)


def _AUTHORITY(value: Authority | str | None) -> Authority | None:
    convert = C.parsed(Authority, Authority.parse, "'KT'", optional=True)
    return C.in_field(convert, value, _AUTHORITY)


def _number_parts(value: Any, owner: Any, field: str) -> tuple[int, ...]:
    # The numbers parse() accepts and str() writes back: a round trip by construction.
    if isinstance(value, str):
        return TaskNumber.parse(value).parts
    expected = "whole numbers such as (2, 1), or the text '2.1'"
    if C.sequence_problem(value):
        C._fail_type(owner, field, expected, value)
    parts = tuple(value)
    if not parts or any(isinstance(p, bool) or not isinstance(p, int) for p in parts):
        C._fail_type(owner, field, expected, value)
    if parts[0] < 1 or any(p < 0 for p in parts):
        C._fail_value(
            owner, field, f"{parts} (expected the first part 1 or more, the others 0 or more)"
        )
    if len(parts) > MAX_TASK_LEVELS:
        C._fail_value(owner, field, f"{len(parts)} levels; at most {MAX_TASK_LEVELS}")
    if any(p >= 10**MAX_TASK_DIGITS for p in parts):
        C._fail_value(owner, field, f"each part has at most {MAX_TASK_DIGITS} digits")
    return parts


def _task_number(value: Any, owner: Any, field: str) -> TaskNumber:
    if isinstance(value, TaskNumber):
        return value
    if isinstance(value, str):
        try:
            return TaskNumber.parse(value)
        except TaskNumberError as exc:
            raise C.FieldValueError(C._name(owner), field, str(exc)) from None
    raise C.type_error(owner, field, "a TaskNumber or its text such as '2.1'", value)


_TASK_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
#: The deepest task number, "1.1.1.1.1.1.1.1.1"; official appendices use three or four.
MAX_TASK_LEVELS = 9
#: The most digits one part of a task number may have.
MAX_TASK_DIGITS = 6


@C.checked
@frozen(order=True)
class TaskNumber:
    """The number of an appendix row, "2.1.1"; ordering follows the document.

    >>> n = TaskNumber.parse("2.1.1")
    >>> str(n), str(n.parent), n.level
    ('2.1.1', '2.1', 3)
    >>> TaskNumber.parse("2.10") > TaskNumber.parse("2.9")
    True
    """

    parts: tuple[int, ...] = field(converter=_PARTS)

    @classmethod
    def parse(cls, text: str) -> TaskNumber:
        """Parse "2.1.1"; a final dot, as on group rows ("1."), is accepted.

        Raises:
            TaskNumberError: for "", "x", "2..1", "-1" and other non-numbers.
        """
        if cls is TaskNumber and type(text) is str:
            return _parse_task_number(text)
        return cls._parse(text)  # a subclass, or a refusal of whatever ``text`` is

    @classmethod
    def _parse(cls, text: str) -> TaskNumber:
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
        return _number_text(self.parts)


@functools.lru_cache(maxsize=4096)
def _number_text(parts: tuple[int, ...]) -> str:
    # "2.1.1" from (2, 1, 1), written once per number: messages, reports and the agenda
    # write the same numbers, "1" to "60" in every plan of a portfolio, again and again.
    return ".".join(map(str, parts))


@functools.lru_cache(maxsize=4096)
def _parse_task_number(text: str) -> TaskNumber:
    # Task numbers repeat across the plans and progress files of a portfolio ("1" to "60"
    # in each), and a TaskNumber is immutable: each text is read once. A refusal raises
    # each time (lru_cache keeps no exceptions).
    return TaskNumber._parse(text)


_UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@C.checked
@frozen(kw_only=True)
class Unit:
    """An organisational unit: a phòng, a trung tâm, the văn phòng, or a collective.

    Units are declared once per plan under a short id and referenced by that id.

    >>> Unit(id="vp", name="Văn phòng  Sở").name
    'Văn phòng Sở'
    >>> Unit(id="all", name="Các phòng, đơn vị thuộc Sở").is_collective
    True
    """

    id: str = field(converter=C.text, validator=lambda s, a, v: _check_id(s, a, v))
    name: str = field(converter=C.text)

    @property
    def is_collective(self) -> bool:
        """True for a group of units ("Các phòng, đơn vị thuộc Sở") rather than one."""
        return fold(self.name).startswith("cac ")

    @staticmethod
    def is_valid_id(text: str) -> bool:
        """Ids are lower-case ASCII letters, digits, "-" and "_", such as "vp" or "cds"."""
        return bool(_UNIT_ID.match(text))


def _check_id(owner: Any, attribute: Any, value: str) -> None:
    # The same rule the plan-file loader applies to [units] keys and indicator columns.
    if not _UNIT_ID.match(value):
        C._fail_value(
            owner,
            attribute.name,
            f"invalid id {value!r} (expected lower-case letters, digits, '-' or '_', "
            "such as 'vp' or 'thanh-tra')",
        )


@C.checked
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

    name: str = field(converter=C.text)
    abbreviation: str = field(converter=C.text)
    place: str = field(converter=C.text)
    parent: str | None = field(default=None, converter=C.optional_text)

    @property
    def header_lines(self) -> tuple[str, ...]:
        """Parent body then issuer, upper case, for the top-left of page 1."""
        lines = [] if self.parent is None else [upper(self.parent)]
        return (*lines, upper(self.name))


_DOC_NUMBER = re.compile(r"^(?:Số\s*:\s*)?(\d*)\s*/\s*([^\s/-]+)-(\S+)$", re.IGNORECASE)


@C.checked
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

    type_code: str = field(converter=C.text)
    issuer_code: str = field(converter=C.text)
    number: int | None = field(default=None, converter=C.optional_whole)

    def __attrs_post_init__(self) -> None:
        # What str() writes, parse() must read back: no "/", "-" or space in the type
        # code, no space in the issuer's code, a number of at most 9 digits.
        if not re.fullmatch(r"[^\s/-]+", self.type_code):
            C._fail_value(
                self,
                "type_code",
                f"{self.type_code!r} (expected such as 'KH', no '/', '-' or space)",
            )
        if not re.fullmatch(r"\S+", self.issuer_code):
            C._fail_value(
                self, "issuer_code", f"{self.issuer_code!r} (expected such as 'SKHCN', no space)"
            )
        if self.number is not None and not 0 <= self.number < 10**9:
            C._fail_value(self, "number", f"{self.number} (expected 0 to 999999999, or None)")

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


@C.checked
@frozen(kw_only=True)
class IssueDate:
    """The date a document is issued; a draft may know only the month, or only the year.

    >>> str(IssueDate(year=2025, month=8))
    '2025-08'
    >>> IssueDate.parse("2025-08-05").as_date()
    datetime.date(2025, 8, 5)
    """

    year: int = field(converter=C.whole)
    month: int | None = field(default=None, converter=C.optional_whole)
    day: int | None = field(default=None, converter=C.optional_whole)

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            C._fail_value(self, "day", "an issue date with a day must also have a month")
        try:
            first = date(self.year, self.month or 1, self.day or 1)
        except ValueError as exc:
            C._fail_value(self, "day" if self.day else "month" if self.month else "year", str(exc))
        if reason := C.date_problem(first):
            C._fail_value(self, "year", reason)

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


@C.checked
@frozen(kw_only=True)
class Signer:
    """The signature block: authority and head's title, the signer's title, the name.

    >>> s = Signer(authority=Authority.KT, head_title="Giám đốc", title="Phó Giám đốc",
    ...            name="Nguyễn Thị Thuỷ")
    >>> s.title_lines
    ('KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC')
    """

    title: str = field(converter=C.text)
    name: str = field(converter=C.text)
    authority: Authority | None = field(
        default=None,
        converter=_AUTHORITY,
    )
    head_title: str | None = field(default=None, converter=C.optional_text)

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


@C.checked
@frozen(kw_only=True)
class DateSpan:
    """An inclusive range of days, such as the period a plan covers."""

    start: date = field(converter=C.a_date)
    end: date = field(converter=C.a_date)

    @classmethod
    def parse(cls, text: str) -> DateSpan:
        """Read "2025-09-01/2025-12-31", the form ``str()`` writes.

        Raises:
            ValueError: for anything else.
        """
        start, sep, end = clean(text).partition("/")
        if not sep:
            raise ValueError(f"invalid date span {text!r} (expected such as 2025-09-01/2025-12-31)")
        return cls(start=start, end=end)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@C.checked
@frozen(kw_only=True)
class Section:
    """A body section: "I. MỤC ĐÍCH, YÊU CẦU" and its paragraphs and sub-sections.

    Headings are numbered when rendered (I, II… at the first level, 1, 2… below), so the
    title is stored without its number. Paragraph text is kept as written, including a
    leading "- " or "1. " for items that have no title of their own.
    """

    title: str = field(converter=C.text)
    paragraphs: tuple[str, ...] = field(default=(), converter=C.texts)
    subsections: tuple[Section, ...] = field(default=(), converter=_SECTIONS)


@C.checked
@frozen(kw_only=True)
class Indicator:
    """A measurable target a task carries, such as "số hóa 100% hồ sơ".

    Progress reports give actual values for it and the report computes attainment.

    >>> Indicator(id="so-hoa", name="Hồ sơ được số hóa", target=100, unit="%").label
    'Hồ sơ được số hóa: 100%'
    """

    # An id that breaks the unit-id rule is reported by check_plan, naming the task.
    id: str = field(converter=C.text)
    name: str = field(converter=C.text)
    target: float = field(converter=C.number)
    unit: str = field(default="%", converter=C.text)

    @property
    def label(self) -> str:
        unit = self.unit if self.unit == "%" or not self.unit else f" {self.unit}"
        return f"{self.name}: {format_number(self.target)}{unit}"


@C.checked
@frozen(kw_only=True)
class Task:
    """A numbered row of the appendix: what to do, who leads, who supports, by when.

    ``group`` marks a heading row (bold in the document); a group may still carry units
    and a deadline, as rows 2.4 and 2.5 of the seed plan do. ``lead`` and ``support`` hold
    unit ids. ``extra`` keeps columns that the appendix has beyond the five standard ones
    ("Sản phẩm", "Kinh phí"...), as (header, text) pairs.
    """

    number: TaskNumber = field(converter=_NUMBER)
    title: str = field(converter=C.text)
    lead: tuple[str, ...] = field(default=(), converter=C.unit_ids)
    support: tuple[str, ...] = field(default=(), converter=C.unit_ids)
    deadline: Deadline | None = field(default=None, converter=_DEADLINE)
    group: bool = field(default=False, converter=C.flag)
    note: str = field(default="", converter=C.text)
    extra: tuple[tuple[str, str], ...] = field(default=(), converter=C.pairs)
    indicators: tuple[Indicator, ...] = field(default=(), converter=_INDICATORS)

    @property
    def level(self) -> int:
        return self.number.level

    @property
    def units(self) -> tuple[str, ...]:
        """Lead then support unit ids, each once."""
        return tuple(dict.fromkeys(self.lead + self.support))


def _task_as_given(
    *,
    number: TaskNumber,
    title: str,
    lead: tuple[str, ...],
    support: tuple[str, ...],
    deadline: Deadline | None,
    group: bool,
    note: str,
) -> Task:
    """The :class:`Task` of values that its converters would keep as they are, built
    without running them again: a :class:`TaskNumber`, clean text
    (:func:`kh_tthc.convert.is_clean_text`), tuples of clean unit ids, a ``Deadline`` or
    None, a ``bool``; no extra columns or indicators.

    Only for the plan-file reader (``_plain_task`` in :mod:`kh_tthc.io.plan_file`), which
    checks every value first: a portfolio of 500 plans reads 30,000 tasks, and the
    converters' second look at values already checked was a sixth of reading a plan.
    The result equals ``Task(number=..., title=..., ...)`` of the same values (a property
    test in tests/test_plan_file.py compares the two).
    """
    return _make_task(number, title, lead, support, deadline, group, note, (), ())


#: Task(number, title, lead, support, deadline, group, note, extra, indicators), made
#: without running the converters (kh_tthc._slots).
_make_task = slot_maker(Task)


@C.checked
@frozen(kw_only=True)
class Source:
    """Where a plan was read from, to point problems at a file and line.

    Not part of the plan's value: two plans read from different files compare equal.
    """

    path: Path
    #: Line of each task's entry, in the order of ``Plan.tasks``.
    task_lines: tuple[int | None, ...] = ()
    #: The tasks as read from the file, which the lines belong to; empty means "the
    #: plan's tasks as they are when this source is first attached".
    tasks: tuple[Task, ...] = field(default=(), eq=False, repr=False)

    def aligned(self, tasks: tuple[Task, ...]) -> Source:
        """This source for the plan's ``tasks``: a task edited since it was read has no line.

        A task the file holds keeps its line wherever it has moved; a new or changed task
        gets None, so that a problem in an edited plan never points at a line of a file
        that does not hold it.
        """
        if not self.tasks:
            lines = self.task_lines[: len(tasks)]
            return Source(path=self.path, task_lines=lines, tasks=tasks[: len(lines)])
        where: dict[Task, list[int | None]] = {}
        for task, line in zip(self.tasks, self.task_lines, strict=False):
            where.setdefault(task, []).append(line)
        new_lines = []
        for task in tasks:
            found = where.get(task)
            new_lines.append(found.pop(0) if found else None)
        return Source(path=self.path, task_lines=tuple(new_lines), tasks=self.tasks)


def _in_year(task: Task, year: int) -> Task:
    d = task.deadline
    if d is None or d.kind != "unspecified":
        return task
    from kh_tthc.deadline.parse import parse_deadline  # loaded on first use

    again = parse_deadline(str(d), year=year)
    return task if again == d else evolve(task, deadline=again)


def _issue_date(value: Any, owner: Any, field: str) -> IssueDate:
    if isinstance(value, date) and not isinstance(value, datetime):
        return IssueDate.of(value)
    convert = C.parsed(IssueDate, IssueDate.parse, "'2025-08' or '2025-08-05'")
    return convert(value, owner, field)  # type: ignore[return-value]


def _source(value: Any, owner: Any, field: str) -> Source | None:
    return None if value is None else C.instance_of(Source, "Source(path=...)")(value, owner, field)


def _ISSUER(value: Organization) -> Organization:
    example = 'Organization(name="…", abbreviation="…", place="…")'
    return C.in_field(C.instance_of(Organization, example), value, _ISSUER)


def _SIGNER(value: Signer) -> Signer:
    example = 'Signer(title="Giám đốc", name="…")'
    return C.in_field(C.instance_of(Signer, example), value, _SIGNER)


def _DOC_NUMBER_FIELD(value: DocumentNumber | str) -> DocumentNumber:
    convert = C.parsed(DocumentNumber, DocumentNumber.parse, "'05/KH-SKHCN'")
    return C.in_field(convert, value, _DOC_NUMBER_FIELD)  # type: ignore[return-value]


def _PERIOD(value: DateSpan | str) -> DateSpan:
    convert = C.parsed(DateSpan, DateSpan.parse, "'2025-09-01/2025-12-31'")
    return C.in_field(convert, value, _PERIOD)  # type: ignore[return-value]


def _REPORTING(value: SendingRule | str | None) -> SendingRule | None:
    convert = C.parsed(SendingRule, SendingRule.parse, "the text of a sending rule", optional=True)
    return C.in_field(convert, value, _REPORTING)


def _SOURCE(value: Source | None) -> Source | None:
    return C.in_field(_source, value, _SOURCE)


def _ISSUED(value: IssueDate | date | str) -> IssueDate:
    return C.in_field(_issue_date, value, _ISSUED)


@functools.cache
def _local_calendar(days_off: tuple[date, ...], working_days: tuple[date, ...]) -> WorkCalendar:
    # One calendar per set of days, so its table is built once per process.
    from kh_tthc.calendar import WorkCalendar

    return WorkCalendar(days_off=days_off, working_days=working_days)


@C.checked
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

    issuer: Organization = field(converter=_ISSUER)
    number: DocumentNumber = field(converter=_DOC_NUMBER_FIELD)
    issued: IssueDate = field(converter=_ISSUED)
    title: str = field(converter=C.text)
    period: DateSpan = field(converter=_PERIOD)
    signer: Signer = field(converter=_SIGNER)
    #: The type name printed above the summary (Phụ lục III): "Kế hoạch".
    type_name: str = field(default="Kế hoạch", converter=C.text)
    #: Legal bases (căn cứ), printed in italics one per line.
    bases: tuple[str, ...] = field(default=(), converter=C.texts)
    #: Paragraphs between the summary and section I.
    preamble: tuple[str, ...] = field(default=(), converter=C.texts)
    sections: tuple[Section, ...] = field(default=(), converter=_SECTIONS)
    #: Closing paragraphs after the last section, ending with "./.".
    closing: tuple[str, ...] = field(default=(), converter=C.texts)
    units: tuple[Unit, ...] = field(default=(), converter=_UNITS)
    tasks: tuple[Task, ...] = field(default=(), converter=_TASKS)
    #: Recipients, without the leading "- " or the final ";".
    recipients: tuple[str, ...] = field(default=(), converter=C.texts)
    #: Copies kept ("Lưu: VT, VP."): the records office first, then the drafting unit.
    archive: tuple[str, ...] = field(default=("VT",), converter=C.texts)
    appendix_title: str = field(default="", converter=C.text)
    #: How the sending deadline of a periodic report is set; None means
    #: :meth:`SendingRule.default` (2 working days after the Decree 09 cut-off).
    reporting: SendingRule | None = field(default=None, converter=_REPORTING)
    #: Days off the national holiday data does not know: a province's own day, a late
    #: swap. Every date the plan computes (schedule, reports, due dates) skips them.
    days_off: tuple[date, ...] = field(default=(), converter=C.dates)
    #: Days worked although the national data has them off (a swapped Saturday).
    working_days: tuple[date, ...] = field(default=(), converter=C.dates)
    source: Source | None = field(default=None, eq=False, repr=False, converter=_SOURCE)

    def __attrs_post_init__(self) -> None:
        both = set(self.days_off) & set(self.working_days)
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            C._fail_value(
                self,
                "working_days",
                f"{listed} also given as days off (expected each day either off or worked)",
            )
        # A phrase without a year ("trước ngày 28/5") is read in the plan's year, as the
        # loader reads it, so that a plan built in code and the same plan read back agree.
        year = self.period.start.year
        tasks = tuple(_in_year(t, year) for t in self.tasks)
        if any(a is not b for a, b in zip(tasks, self.tasks, strict=True)):
            object.__setattr__(self, "tasks", tasks)
        if self.source is not None:
            object.__setattr__(self, "source", self.source.aligned(self.tasks))

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
        start: date | str | None = None,
        end: date | str | None = None,
        *,
        as_of: date | str,
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

        first = None if start is None else C.to_date(start, "Plan.schedule", "start")
        last = None if end is None else C.to_date(end, "Plan.schedule", "end")
        return build_schedule(
            self,
            first,
            last,
            as_of=C.to_date(as_of, "Plan.schedule", "as_of"),
            calendar=calendar,
            reporting=reporting,
            report_every=Frequency.QUARTER if report_every is None else report_every,
            soon=DEFAULT_SOON if soon is None else soon,
        )

    def calendar(self) -> WorkCalendar:
        """The plan's working calendar: the national one plus the plan's own days.

        Every date the library computes for this plan (its schedule, its reports' due days,
        the due date of each completion time) uses this calendar unless another is passed
        explicitly. ``days_off`` and ``working_days`` come from the plan file or from the
        command line (``--day-off``).

        >>> plan = Plan(
        ...     issuer=Organization(name="Sở Tư pháp", abbreviation="STP", place="Hà Nội"),
        ...     number="/KH-STP", issued="2025", title="Thử", period="2025-01-01/2025-12-31",
        ...     signer=Signer(title="Giám đốc", name="A"), days_off=["2025-10-10"])
        >>> plan.calendar().is_working_day(date(2025, 10, 10))
        False
        """
        from kh_tthc.calendar import WorkCalendar

        if not self.days_off and not self.working_days:
            return WorkCalendar.vietnam()
        return _local_calendar(self.days_off, self.working_days)

    # -- editing: each method returns a new plan ---------------------------------------

    def _index(self, number: TaskNumber | str, method: str) -> int:
        key = _task_number(number, f"Plan.{method}", "number")
        for i, t in enumerate(self.tasks):
            if t.number == key:
                return i
        raise KeyError(f"Plan.{method}: no task {key}")

    def _subtree(self, index: int) -> int:
        """The index just past the task at ``index`` and the rows under it."""
        head = self.tasks[index].number
        end = index + 1
        while end < len(self.tasks) and head.is_ancestor_of(self.tasks[end].number):
            end += 1
        return end

    def _with_tasks(self, tasks: Iterable[Task]) -> Plan:
        return evolve(self, tasks=tuple(tasks))

    def _refuse_taken(self, task: Task, method: str) -> None:
        if any(t.number == task.number for t in self.tasks):
            raise ValueError(
                f"Plan.{method}: the plan already has a task {task.number} (use replace_task, "
                "or insert it with a free number and renumber())"
            )

    def add_task(self, task: Task) -> Plan:
        """This plan with ``task`` placed by its number, after the rows that come before it.

        Raises:
            ValueError: the plan already has a task with that number.

        >>> plan = Plan(
        ...     issuer=Organization(name="Sở Tư pháp", abbreviation="STP", place="Hà Nội"),
        ...     number="/KH-STP", issued="2025", title="Thử", period="2025-01-01/2025-12-31",
        ...     signer=Signer(title="Giám đốc", name="A"))
        >>> plan = plan.add_task(Task(number="2", title="Báo cáo"))
        >>> plan = plan.add_task(Task(number="1", title="Rà soát"))
        >>> [str(t.number) for t in plan.tasks]
        ['1', '2']
        """
        task = C.instance_of(Task, 'Task(number="1", title="…")')(task, "Plan.add_task", "task")
        self._refuse_taken(task, "add_task")
        at = next((i for i, t in enumerate(self.tasks) if task.number < t.number), len(self.tasks))
        return self._with_tasks((*self.tasks[:at], task, *self.tasks[at:]))

    def insert_task(
        self,
        task: Task,
        *,
        before: TaskNumber | str | None = None,
        after: TaskNumber | str | None = None,
    ) -> Plan:
        """This plan with ``task`` placed just before ``before`` or just after ``after``.

        ``after`` places it after that task's sub-tasks too. The task keeps its own number,
        which must be free; call :meth:`renumber` to number the rows in order again.

        Raises:
            ValueError: neither or both of ``before`` and ``after``, or the number is taken.
            KeyError: no task has the number given.
        """
        task = C.instance_of(Task, 'Task(number="1", title="…")')(task, "Plan.insert_task", "task")
        at = self._position(before, after, "insert_task")
        self._refuse_taken(task, "insert_task")
        return self._with_tasks((*self.tasks[:at], task, *self.tasks[at:]))

    def _position(
        self, before: TaskNumber | str | None, after: TaskNumber | str | None, method: str
    ) -> int:
        if (before is None) == (after is None):
            raise ValueError(f"Plan.{method}: give exactly one of before= and after=")
        if before is not None:
            return self._index(before, method)
        assert after is not None
        return self._subtree(self._index(after, method))

    def replace_task(self, number: TaskNumber | str, task: Task) -> Plan:
        """This plan with the task numbered ``number`` replaced by ``task``, in its place.

        Raises:
            KeyError: no task has that number.
            ValueError: ``task`` has the number of another task.
        """
        task = C.instance_of(Task, 'Task(number="1", title="…")')(task, "Plan.replace_task", "task")
        i = self._index(number, "replace_task")
        if task.number != self.tasks[i].number:
            self._refuse_taken(task, "replace_task")
        return self._with_tasks((*self.tasks[:i], task, *self.tasks[i + 1 :]))

    def remove_task(self, number: TaskNumber | str) -> Plan:
        """This plan without the task numbered ``number`` and the rows under it.

        The other numbers stay as they are; :meth:`renumber` closes the gap.

        Raises:
            KeyError: no task has that number.
        """
        i = self._index(number, "remove_task")
        return self._with_tasks((*self.tasks[:i], *self.tasks[self._subtree(i) :]))

    def move_task(
        self,
        number: TaskNumber | str,
        *,
        before: TaskNumber | str | None = None,
        after: TaskNumber | str | None = None,
    ) -> Plan:
        """This plan with a task and the rows under it moved before or after another task.

        Numbers stay as they are; call :meth:`renumber` to number the rows in order again.

        Raises:
            KeyError: a number names no task.
            ValueError: neither or both of ``before`` and ``after``, or a task moved inside
                itself.
        """
        i = self._index(number, "move_task")
        block = self.tasks[i : self._subtree(i)]
        rest = self.tasks[:i] + self.tasks[self._subtree(i) :]
        target = before if before is not None else after
        if target is not None and any(
            t.number == _task_number(target, "Plan.move_task", "target") for t in block
        ):
            raise ValueError(f"Plan.move_task: cannot move task {block[0].number} inside itself")
        at = evolve(self, tasks=rest)._position(before, after, "move_task")
        return self._with_tasks((*rest[:at], *block, *rest[at:]))

    def renumber(self) -> tuple[Plan, dict[TaskNumber, TaskNumber]]:
        """This plan with its rows numbered 1, 2… in document order at every level.

        Each row keeps its level (the number of parts of its number) and goes under the
        nearest row above it one level up. Returns the new plan and the mapping from each
        old number to its new one, for every number that changed; pass the mapping to
        :meth:`kh_tthc.Progress.renumbered` to carry a progress file across.

        Raises:
            ValueError: a row has no row one level up above it, or two rows had the same
                number (the mapping could not tell them apart).

        >>> plan = Plan(
        ...     issuer=Organization(name="Sở Tư pháp", abbreviation="STP", place="Hà Nội"),
        ...     number="/KH-STP", issued="2025", title="Thử", period="2025-01-01/2025-12-31",
        ...     signer=Signer(title="Giám đốc", name="A"),
        ...     tasks=[Task(number="1", title="A"), Task(number="3", title="B")])
        >>> plan, mapping = plan.renumber()
        >>> {str(old): str(new) for old, new in mapping.items()}
        {'3': '2'}
        """
        seen: set[TaskNumber] = set()
        for t in self.tasks:
            if t.number in seen:
                raise ValueError(f"Plan.renumber: two tasks are numbered {t.number}")
            seen.add(t.number)
        counters: list[int] = []
        mapping: dict[TaskNumber, TaskNumber] = {}
        tasks = []
        for t in self.tasks:
            level = t.number.level
            if level > len(counters) + 1:
                raise ValueError(
                    f"Plan.renumber: task {t.number} has no row of level {level - 1} above it"
                )
            counters = counters[:level]
            if len(counters) < level:
                counters.append(0)
            counters[-1] += 1
            new = TaskNumber(tuple(counters))
            if new != t.number:
                mapping[t.number] = new
                t = evolve(t, number=new)
            tasks.append(t)
        return self._with_tasks(tasks), mapping

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
