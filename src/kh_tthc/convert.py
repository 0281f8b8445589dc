"""One rule per kind of field, shared by every public class and by the file readers.

Every value a caller gives a class of the model goes through one of the converters
below, so that a wrong type is refused when the object is built, naming the class, the
field and what was expected, instead of failing later deep inside a schedule or a
check. A converter accepts the value itself or its documented text form, for a *single*
value only:

========================  ============================================================
field kind                accepted
========================  ============================================================
text                      ``str`` (NFC, runs of white space folded; no control or
                          bidirectional characters, the rule of :mod:`kh_tthc.io.guard`)
texts, unit ids           a list or tuple of ``str``; never a bare ``str`` (it would
                          be split into letters), a mapping or a set
date                      ``datetime.date`` (not a ``datetime``) or ISO "2025-09-01",
                          in 1901–2100, the years the working calendar knows
task number               ``TaskNumber`` or "2.1.1"
deadline                  a ``Deadline`` or a phrase, read as :func:`parse_deadline`
                          reads it (a plan re-reads it with its own year)
document number           ``DocumentNumber`` or "05/KH-SKHCN"
issue date                ``IssueDate``, a ``date`` or "2025", "2025-08", "2025-08-05"
authority                 ``Authority`` or "KT", "KT.", "TM"...
period (report)           ``Period`` or "2025-Q4", "Quý IV/2025"...
sending rule              ``SendingRule`` or its text
flag                      ``True`` or ``False`` only
whole number              ``int`` (not ``bool``), with at most 30 digits
number                    ``int`` or finite ``float`` (not ``bool``)
objects                   a list or tuple of instances of the one class (units,
                          tasks, sections, indicators); a mapping is refused whole
========================  ============================================================

The same list is in ``docs/python-api.md``. A plan file goes through the same rules:
:func:`sequence_problem` is what the loader uses for "a string where a list belongs",
and :func:`text_problem` / :func:`date_problem` are the text and date rules of
:mod:`kh_tthc.io.guard`.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Set
from datetime import date, datetime
from typing import Any, NoReturn, TypeGuard, TypeVar

from kh_tthc.calendar import FIRST_YEAR, LAST_YEAR
from kh_tthc.errors import KhTthcError
from kh_tthc.vn import UNCLEAN_SPACE, clean

__all__ = [
    "FieldTypeError",
    "FieldValueError",
    "date_problem",
    "describe",
    "is_clean_text",
    "sequence_problem",
    "text_problem",
    "to_date",
]

T = TypeVar("T")

#: Integers read from a file have at most this many digits (:mod:`kh_tthc.io.source`).
MAX_INT_DIGITS = 30


class FieldTypeError(KhTthcError, TypeError):
    """A value of the wrong type was given to a field of a public class.

    ``owner`` is the class name, ``field`` the field (or argument), ``expected`` what it
    takes.

    >>> from kh_tthc import Task
    >>> try:
    ...     Task(number="1", title="Rà soát", lead="vp")
    ... except FieldTypeError as exc:
    ...     print(exc)
    Task.lead: expected a list of unit ids such as ["vp", "cntt"], got the string 'vp'
    """

    def __init__(
        self, owner: str, field: str, expected: str, got: str, *, detail: str | None = None
    ) -> None:
        self.owner = owner
        self.field = field
        self.expected = expected
        self.got = got
        self.detail = detail
        super().__init__(f"{owner}.{field}: {detail or f'expected {expected}, got {got}'}")

    def renamed(self, owner: str, name: str) -> FieldTypeError:
        """The same error for the field ``name`` of ``owner``."""
        return FieldTypeError(owner, name + self.field, self.expected, self.got, detail=self.detail)


class FieldValueError(KhTthcError, ValueError):
    """A value of the right type that a field cannot hold ("2..1", a date in 1800)."""

    def __init__(self, owner: str, field: str, reason: str) -> None:
        self.owner = owner
        self.field = field
        self.reason = reason
        super().__init__(f"{owner}.{field}: {reason}")

    def renamed(self, owner: str, name: str) -> FieldValueError:
        """The same error for the field ``name`` of ``owner``."""
        return FieldValueError(owner, name + self.field, self.reason)


# -- the rules, also used by the file readers ---------------------------------------------

_BIDI = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


def _describe_char(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X}), which is not a character"
    if char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        return f"a bidirectional control (U+{code:04X}) that reorders how text reads"
    return f"a control character (U+{code:04X})"


def text_problem(text: str) -> str:
    """Why ``text`` may not be used, or "" when it may.

    >>> text_problem("Rà soát")
    ''
    >>> text_problem("abc\\u202edef")
    'holds a bidirectional control (U+202E) that reorders how text reads'
    """
    m = FORBIDDEN.search(text)
    return "" if m is None else f"holds {_describe_char(m.group())}"


def date_problem(d: date) -> str:
    """Why the date ``d`` is refused, or "" (the calendar knows 1901–2100)."""
    if FIRST_YEAR <= d.year <= LAST_YEAR:
        return ""
    return f"the date {d.isoformat()} is outside {FIRST_YEAR}–{LAST_YEAR}, the years kh-tthc knows"


def describe(value: Any) -> str:
    """A value named the way an error message names it: "the string 'vp'", "a table"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def sequence_problem(value: Any) -> str:
    """Why ``value`` cannot stand where a list belongs, or "" when it can.

    One rule for the model and the plan-file reader: a string would be split into its
    letters (``archive="VT"`` printing "Lưu: V, T."), a mapping would keep only its keys,
    a set has no order, and anything else is not a list at all.

    >>> sequence_problem(["VT", "VP"]), sequence_problem("VT")
    ('', "got the string 'VT'")
    """
    if type(value) is list or type(value) is tuple:
        return ""  # the usual case, answered without the slower checks against the ABCs
    if isinstance(value, (str, bytes, Mapping, Set)) or not isinstance(value, Iterable):
        return f"got {describe(value)}"
    return ""


# -- converters: each knows its class and field through attrs -----------------------------


def type_error(owner: Any, field: str, expected: str, value: Any) -> FieldTypeError:
    """The error for ``value`` given where ``expected`` belongs."""
    return FieldTypeError(_name(owner), field, expected, describe(value))


def _fail_type(owner: Any, field: str, expected: str, value: Any) -> NoReturn:
    raise type_error(owner, field, expected, value)


def _fail_value(owner: Any, field: str, reason: str) -> NoReturn:
    raise FieldValueError(_name(owner), field, reason)


def _name(owner: Any) -> str:
    return owner if isinstance(owner, str) else type(owner).__name__


#: Text that clean() would change or text_problem() refuse: white space other than single
#: spaces inside, a space at either end (vn.UNCLEAN_SPACE), a forbidden character.
_NOT_PLAIN = re.compile(rf"{UNCLEAN_SPACE.pattern}|{FORBIDDEN.pattern}")


def is_clean_text(value: Any) -> TypeGuard[str]:
    """Whether ``value`` is text the text converter keeps as it is: a ``str``, NFC, no
    white space but single spaces inside, none at either end, no forbidden character.

    >>> is_clean_text("Rà soát"), is_clean_text(" Rà  soát"), is_clean_text(5)
    (True, False, False)
    """
    return (
        type(value) is str
        and _NOT_PLAIN.search(value) is None
        and unicodedata.is_normalized("NFC", value)
    )


def _text(value: Any, owner: Any, field: str) -> str:
    if is_clean_text(value):
        return value  # already clean text: nothing to check or change
    if not isinstance(value, str):
        _fail_type(owner, field, "a string", value)
    if reason := text_problem(value):
        _fail_value(owner, field, f"the text {reason}")
    return clean(value)


def checked_text(value: Any, owner: Any, field: str) -> str:
    """``value`` as clean text, or an error naming ``owner`` and ``field``."""
    return _text(value, owner, field)


class _Refused(Exception):
    """Raised by a field converter, which does not know its class and field; the class's
    ``__init__`` (wrapped by :func:`checked`) names both and raises the public error."""

    def __init__(self, value: Any, error: FieldTypeError | FieldValueError, convert: Any) -> None:
        super().__init__(str(error))
        self.value = value
        self.error = error
        self.convert = convert


_HERE = "\x00"  # the owner of an error raised inside a field converter


def _in_field(fn: Callable[[Any, Any, str], T], value: Any, convert: Any) -> T:
    try:
        return fn(value, _HERE, "")
    except (FieldTypeError, FieldValueError) as exc:
        if exc.owner != _HERE:
            # Raised while building a value inside the field (an IssueDate from a date):
            # the outer class names its field, then the inner error follows.
            inner: FieldTypeError | FieldValueError
            if isinstance(exc, FieldTypeError):
                inner = FieldTypeError(_HERE, "", exc.expected, exc.got, detail=str(exc))
            else:
                inner = FieldValueError(_HERE, "", str(exc))
            raise _Refused(value, inner, convert) from None
        raise _Refused(value, exc, convert) from None


def checked(cls: type[T]) -> type[T]:
    """Make errors of ``cls``'s field converters name the class and the field.

    attrs converters do not know which field they convert; the wrapped ``__init__`` finds
    the field whose converter refused which value, and raises the error with both names.
    """
    import attrs

    init = cls.__init__
    fields = [a for a in attrs.fields(cls) if a.init]  # type: ignore[arg-type]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except _Refused as refused:
            name = "?"
            given = dict(zip((a.alias for a in fields), args, strict=False)) | kwargs
            for a in fields:
                if a.converter is refused.convert and given.get(a.alias, a) is refused.value:
                    name = a.name
                    break
            raise refused.error.renamed(cls.__name__, name) from None

    # Introspection (help(), hypothesis' from_type) sees attrs' own signature.
    functools.update_wrapper(__init__, init)
    cls.__init__ = __init__  # type: ignore[method-assign]
    return cls


def _optional_text(value: Any, owner: Any, field: str) -> str | None:
    return None if value is None else _text(value, owner, field)


def _texts(
    value: Any, owner: Any, field: str, what: str = "texts", example: str = '["…", "…"]'
) -> tuple[str, ...]:
    if reason := sequence_problem(value):
        raise FieldTypeError(_name(owner), field, f"a list of {what} such as {example}", reason[4:])
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            _fail_type(owner, f"{field}[{i}]", "a string", item)
        out.append(_text(item, owner, f"{field}[{i}]"))
    return tuple(out)


def _unit_ids(value: Any, owner: Any, field: str) -> tuple[str, ...]:
    return _texts(value, owner, field, "unit ids", '["vp", "cntt"]')


def to_date(value: Any, owner: Any, field: str) -> date:
    """A ``date`` from a date or an ISO string, in the calendar's years."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            _fail_value(owner, field, f"invalid date {value!r} (expected YYYY-MM-DD)")
    if isinstance(value, datetime) or not isinstance(value, date):
        _fail_type(owner, field, "a date such as 2025-09-01", value)
    if reason := date_problem(value):
        _fail_value(owner, field, reason)
    return value


def _dates(value: Any, owner: Any, field: str) -> tuple[date, ...]:
    if reason := sequence_problem(value):
        raise FieldTypeError(
            _name(owner), field, 'a list of dates such as ["2025-09-01"]', reason[4:]
        )
    return tuple(sorted({to_date(v, owner, f"{field}[{i}]") for i, v in enumerate(value)}))


def _flag(value: Any, owner: Any, field: str) -> bool:
    if not isinstance(value, bool):
        _fail_type(owner, field, "True or False", value)
    return value


def _whole(value: Any, owner: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail_type(owner, field, "a whole number", value)
    if abs(value) >= 10**MAX_INT_DIGITS:
        _fail_value(owner, field, f"a number of more than {MAX_INT_DIGITS} digits")
    return value


def _optional_whole(value: Any, owner: Any, field: str) -> int | None:
    return None if value is None else _whole(value, owner, field)


def _number(value: Any, owner: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail_type(owner, field, "a number", value)
    if isinstance(value, int) and abs(value) >= 10**MAX_INT_DIGITS:
        _fail_value(owner, field, f"a number of more than {MAX_INT_DIGITS} digits")
    if not math.isfinite(value):
        _fail_value(owner, field, f"the number {value} is not finite (expected a finite number)")
    return value  # an int stays an int: 100, not 100.0, in messages


def instance_of(cls: type[T], example: str) -> Callable[[Any, Any, str], T]:
    """A converter that takes only instances of ``cls``."""

    def convert(value: Any, owner: Any, field: str) -> T:
        if not isinstance(value, cls):
            _fail_type(owner, field, f"a {cls.__name__} such as {example}", value)
        return value

    return convert


def parsed(
    cls: type[T], parse: Callable[[str], T], example: str, *, optional: bool = False
) -> Callable[[Any, Any, str], T | None]:
    """A converter that takes ``cls`` or its text form, read by ``parse``."""

    def convert(value: Any, owner: Any, field: str) -> T | None:
        if value is None and optional:
            return None
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError as exc:
                raise FieldValueError(_name(owner), field, str(exc)) from None
        none = " or None" if optional else ""
        _fail_type(owner, field, f"a {cls.__name__} or its text such as {example}{none}", value)

    return convert


def objects(cls: type[T], example: str) -> Callable[[Any, Any, str], tuple[T, ...]]:
    """A converter for a list or tuple of ``cls`` instances; a mapping is refused whole."""

    def convert(value: Any, owner: Any, field: str) -> tuple[T, ...]:
        expected = f"a list of {cls.__name__} values such as [{example}]"
        if reason := sequence_problem(value):
            raise FieldTypeError(_name(owner), field, expected, reason[4:])
        items = tuple(value)
        for i, item in enumerate(items):
            if not isinstance(item, cls):
                _fail_type(owner, f"{field}[{i}]", f"a {cls.__name__} such as {example}", item)
        return items

    return convert


def _pairs(value: Any, owner: Any, field: str) -> tuple[tuple[str, str], ...]:
    expected = 'column headers and their text, such as {"Sản phẩm": "Báo cáo"}'
    if isinstance(value, Mapping):
        value = list(value.items())
    elif reason := sequence_problem(value):
        raise FieldTypeError(_name(owner), field, expected, reason[4:])
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, pair in enumerate(value):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            _fail_type(owner, f"{field}[{i}]", "a (header, text) pair", pair)
        header = _text(pair[0], owner, f"{field}[{i}]")
        if header in seen:
            _fail_value(owner, field, f"the column {header!r} is given twice")
        seen.add(header)
        out.append((header, _text(pair[1], owner, f"{field}[{i}]")))
    return tuple(out)


# -- the converters attrs fields use: named functions, so that type checkers see them --------


def text(value: str) -> str:
    """Text: a ``str``, NFC, single spaces, no control or bidirectional characters."""
    return _in_field(_text, value, text)


def optional_text(value: str | None) -> str | None:
    """Text or None."""
    return _in_field(_optional_text, value, optional_text)


def texts(value: Iterable[str]) -> tuple[str, ...]:
    """A list of texts; never a bare string."""
    return _in_field(_texts, value, texts)


def unit_ids(value: Iterable[str]) -> tuple[str, ...]:
    """A list of unit ids; never a bare string."""
    return _in_field(_unit_ids, value, unit_ids)


def a_date(value: date | str) -> date:
    """A date or an ISO string, in 1901–2100."""
    return _in_field(to_date, value, a_date)


def dates(value: Iterable[date | str]) -> tuple[date, ...]:
    """A list of dates or ISO strings, sorted and each once."""
    return _in_field(_dates, value, dates)


def flag(value: bool) -> bool:
    """True or False, nothing else."""
    return _in_field(_flag, value, flag)


def whole(value: int) -> int:
    """A whole number, not a bool."""
    return _in_field(_whole, value, whole)


def optional_whole(value: int | None) -> int | None:
    """A whole number or None."""
    return _in_field(_optional_whole, value, optional_whole)


def number(value: float) -> float:
    """A finite number, not a bool."""
    return _in_field(_number, value, number)


def pairs(value: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(header, text) pairs or a mapping of them; each header once."""
    return _in_field(_pairs, value, pairs)


def in_field(fn: Callable[[Any, Any, str], T], value: Any, convert: Any) -> T:
    """Run a ``(value, owner, field)`` rule inside the field converter ``convert``."""
    return _in_field(fn, value, convert)


def ensure_dates(values: Iterable[Any], owner: str, field: str) -> tuple[date, ...]:
    """Dates from a list of dates or ISO strings, sorted and each once."""
    return _dates(values, owner, field)
