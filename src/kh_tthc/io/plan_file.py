"""Plan files: TOML for people, JSON for programs, one shape for both.

The shape is documented in ``docs/plan-file.md``. Units are a table from short id to
name; tasks are a flat array in document order. Reading gathers every problem it can
find before it gives up, so that a person fixes a file in one pass.
"""

from __future__ import annotations

import difflib
import json
import re
import typing
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import cattrs
import tomli
import tomli_w
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from kh_tthc.convert import is_clean_text, sequence_problem
from kh_tthc.deadline import Deadline, parse_deadline
from kh_tthc.errors import PlanFileError, PlanInvalid, Problem
from kh_tthc.io.guard import _path, check_text, date_problem, tree_problems
from kh_tthc.io.output import write_output
from kh_tthc.io.source import MAX_INT_DIGITS, decode_utf8, format_of, read_bytes
from kh_tthc.model import (
    Authority,
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Section,
    Signer,
    Source,
    Task,
    TaskNumber,
    Unit,
    _task_as_given,
)
from kh_tthc.periods import SendingRule
from kh_tthc.validate import check_built_plan
from kh_tthc.vn import nfc

__all__ = [
    "FORMATS",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "plan_from_dict",
    "plan_to_dict",
    "read_plan",
]

#: File extensions and the format each one means.
FORMATS = {".toml": "toml", ".json": "json"}

#: Files larger than this are refused before parsing: no plan comes near it.
MAX_BYTES = 5 * 1024 * 1024

_TOP_KEYS = (
    "type",
    "number",
    "issued",
    "title",
    "period",
    "issuer",
    "signer",
    "bases",
    "preamble",
    "sections",
    "closing",
    "units",
    "tasks",
    "recipients",
    "archive",
    "appendix_title",
    "reporting",
    "days_off",
    "working_days",
)
_REQUIRED = ("number", "issued", "title", "period", "issuer", "signer")


def _strict(kind: type[Any]) -> Callable[[Any, Any], Any]:
    # cattrs would otherwise accept bool("false") == True and str(12) == "12".
    accepted: tuple[type[Any], ...] = (int, float) if kind is float else (kind,)

    def structure(value: Any, _: Any) -> Any:
        if type(value) not in accepted:
            raise TypeError(f"expected {_TYPE_WORDS[kind]}, got {_describe(value)}")
        if kind is float:
            return float(value)
        return nfc(value) if kind is str else value

    return structure


_TYPE_WORDS: dict[type[Any], str] = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _text_hook(parse: Callable[[str], Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {_describe(value)}")
        return parse(value)

    return structure


def _structure_date(value: Any, _: Any) -> date:
    if isinstance(value, datetime):
        raise TypeError("expected a date without a time, such as 2025-09-01")
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)") from None
    if isinstance(value, date):
        if reason := date_problem(value):
            raise ValueError(reason)
        return value
    raise TypeError(f"expected a date such as 2025-09-01, got {_describe(value)}")


def _issue_date(text: str) -> IssueDate:
    issued = IssueDate.parse(text)
    if reason := date_problem(date(issued.year, 1, 1)):
        raise ValueError(reason.replace(f"{issued.year:04d}-01-01", str(issued)))
    return issued


# -- the shape of the data, checked before cattrs sees it -----------------------------------

#: Keys that hold a list, by the kind of table they are in, with what the list holds.
_LISTS: dict[str, dict[str, str]] = {
    "plan": {
        "bases": "text",
        "preamble": "text",
        "closing": "text",
        "recipients": "text",
        "archive": "text",
        "sections": "section",
        "tasks": "task",
        "days_off": "date",
        "working_days": "date",
    },
    "section": {"paragraphs": "text", "subsections": "section"},
    "task": {"lead": "unit id", "support": "unit id", "indicators": "indicator"},
}
#: Keys that hold a table, by the kind of table they are in.
_TABLES: dict[str, dict[str, str]] = {
    "plan": {"issuer": "issuer", "signer": "signer", "period": "period"},
    "task": {"extra": "extra"},
}
_EXAMPLES = {
    "text": '["…", "…"]',
    "unit id": '["vp", "cntt"]',
    "date": "[2025-09-01, 2025-10-10]",
    "section": "[[sections]] tables",
    "task": "[[tasks]] tables",
    "indicator": "[[tasks.indicators]] tables",
}


def _shape_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key path, message) for each list or table of the wrong type.

    A string where a list belongs would otherwise be split into its letters
    (``archive = "VT"`` printing "Lưu: V, T."), and a string where a table belongs gives
    cattrs' "'str' object has no attribute 'keys'".
    """
    found: list[tuple[str, str]] = []
    # Key paths are kept as tuples and written out only for a problem ("tasks[3].lead"),
    # as tree_problems does: a plan of 60 tasks has hundreds of lists and tables.
    stack: list[tuple[str, tuple[object, ...], Any]] = [("plan", (), data)]
    while stack:
        kind, keys, table = stack.pop()
        for key, item_kind in _LIST_ITEMS.get(kind, ()):
            if key not in table:
                continue
            value = table[key]
            # The one rule for "a list belongs here", shared with the model (convert.py).
            if sequence_problem(value):
                found.append(
                    (
                        _path((*keys, key)),
                        f"expected a list of {item_kind}s ({_EXAMPLES[item_kind]}), "
                        f"got {_describe(value)}",
                    )
                )
                continue
            if item_kind in ("text", "unit id", "date"):
                continue
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    stack.append((item_kind, (*keys, key, index), item))
                else:
                    where = _path((*keys, key, index))
                    found.append((where, f"expected a table, got {_describe(item)}"))
        for key, name in _TABLE_ITEMS.get(kind, ()):
            if key in table and not isinstance(table[key], Mapping):
                where = _path((*keys, key))
                found.append((where, f"expected a table ({name}), got {_describe(table[key])}"))
    return found


#: _LISTS and _TABLES as (key, kind) pairs for every kind of table, empty for the others.
_KINDS = ("plan", "section", "task", "indicator", "issuer", "signer", "period", "extra")
_LIST_ITEMS = {kind: tuple(_LISTS.get(kind, {}).items()) for kind in _KINDS}
_TABLE_ITEMS = {kind: tuple(_TABLES.get(kind, {}).items()) for kind in _KINDS}


# The year of the plan being read, for a date written without one ("trước ngày 28/5").
_PLAN_YEAR: ContextVar[int | None] = ContextVar("_PLAN_YEAR", default=None)


def _structure_deadline(value: Any, _: Any) -> Deadline:
    if not isinstance(value, str):
        raise TypeError(f"expected a completion-time phrase, got {_describe(value)}")
    return parse_deadline(value, year=_PLAN_YEAR.get())


def _plan_year(data: Mapping[str, Any]) -> int | None:
    period = data.get("period")
    start = period.get("start") if isinstance(period, Mapping) else None
    if isinstance(start, date):
        return start.year
    if isinstance(start, str) and re.fullmatch(r"[0-9]{4}-.*", start):
        return int(start[:4])
    return None


def _structure_extra(value: Any, _: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a table of column names to text, got {_describe(value)}")
    pairs = []
    for k, v in value.items():
        if not isinstance(v, str):
            raise TypeError(f"column {k!r}: expected a string, got {_describe(v)}")
        pairs.append((k, v))
    return tuple(pairs)


_DEADLINE_TYPES = frozenset(typing.get_args(Deadline))


def _is_deadline_type(t: Any) -> bool:
    # Matches the variants, the Deadline union and "Deadline | None" alike.
    if t in _DEADLINE_TYPES:
        return True
    args = set(typing.get_args(t)) - {type(None)}
    return bool(args) and args <= _DEADLINE_TYPES


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, lambda d: d)
    conv.register_structure_hook(TaskNumber, _text_hook(TaskNumber.parse))
    conv.register_unstructure_hook(TaskNumber, str)
    conv.register_structure_hook(DocumentNumber, _text_hook(DocumentNumber.parse))
    conv.register_unstructure_hook(DocumentNumber, str)
    conv.register_structure_hook(IssueDate, _text_hook(_issue_date))
    conv.register_unstructure_hook(IssueDate, str)
    conv.register_structure_hook(SendingRule, _text_hook(SendingRule.parse))
    conv.register_unstructure_hook(SendingRule, str)
    conv.register_structure_hook(Authority, _text_hook(Authority.parse))
    conv.register_unstructure_hook(Authority, lambda a: a.name)
    conv.register_structure_hook_func(_is_deadline_type, _structure_deadline)
    conv.register_unstructure_hook_func(_is_deadline_type, str)
    extra_type = tuple[tuple[str, str], ...]
    conv.register_structure_hook_func(lambda t: t == extra_type, _structure_extra)
    conv.register_unstructure_hook_func(lambda t: t == extra_type, dict)
    for cls in (Organization, Signer, DateSpan, Section):
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv))
    conv.register_structure_hook(
        Task,
        make_dict_structure_fn(Task, conv),
    )
    conv.register_structure_hook(
        Plan,
        make_dict_structure_fn(
            Plan,
            conv,
            type_name=override(rename="type"),
            source=override(omit=True),
            units=override(omit=True),
        ),
    )
    conv.register_unstructure_hook(
        Plan,
        make_dict_unstructure_fn(
            Plan,
            conv,
            _cattrs_omit_if_default=True,
            type_name=override(rename="type", omit_if_default=False),
            source=override(omit=True),
            units=override(omit=True),
        ),
    )
    return conv


_converter = _make_converter()


# -- the usual plan, built without cattrs' generic pass ------------------------------------

#: (attribute, key in the file, type) of each field of Plan read from the file, in
#: cattrs' order.
_PLAN_FIELDS = tuple(
    (a.name, "type" if a.name == "type_name" else a.name, a.type)
    for a in attrs.fields(Plan)
    if a.name not in ("source", "units")
)
_PLAN_KEYS = frozenset(key for _, key, _ in _PLAN_FIELDS)
#: The keys of a task that :func:`_plain_task` builds itself.
_PLAIN_TASK_KEYS = frozenset(("number", "title", "lead", "support", "deadline", "group", "note"))


def _structure_plain(body: Mapping[str, Any], **given: Any) -> Plan:
    """``_converter.structure(body, Plan)``, faster: each field through the hook cattrs
    uses for it, then ``Plan(**fields, **given)`` as cattrs' generated function calls it
    (``given``: the units and source :func:`_attach` would add, so that the plan is built
    once, not built then built again with them), except
    the tasks, each built by :func:`_plain_task` when its values are in the usual form
    (most of the time of reading a plan was cattrs' and the converters' passes over 60
    tasks). Any exception means "not the usual case": the caller lets cattrs build the
    plan again, and gather and word its problems, as before.
    """
    if not body.keys() <= _PLAN_KEYS:
        raise KeyError("an unknown key")  # refused before; cattrs words it
    res: dict[str, Any] = {}
    hook = _converter.get_structure_hook
    for name, key, kind in _PLAN_FIELDS:
        if key not in body:
            continue  # a required key is never missing here (_REQUIRED, checked before)
        value = body[key]
        if name == "tasks" and type(value) is list:
            structure = hook(Task)
            res[name] = tuple(_task(t, structure) for t in value)
        else:
            res[name] = hook(kind)(value, kind)
    return Plan(**res, **given)


def _task(raw: Any, structure: Callable[[Any, Any], Task]) -> Task:
    task = _plain_task(raw)
    return structure(raw, Task) if task is None else task


def _plain_lines(value: Any) -> tuple[str, ...] | None:
    """A list of clean texts as a tuple; None when it is anything else."""
    if type(value) is not list:
        return None
    for item in value:
        # "vp", "cntt": ASCII letters and digits are clean text, told without the rule.
        plain = type(item) is str and item.isascii() and item.isalnum()
        if not plain and not is_clean_text(item):
            return None
    return tuple(value)


def _plain_task(raw: Any) -> Task | None:
    """The task cattrs and ``Task(...)`` would build from ``raw``, when every value is in
    the form the converters keep as it is (clean text, a list of clean unit ids, a
    completion-time phrase, true or false) and no other key is given; None otherwise (the
    caller then builds it through cattrs). The checks are theirs: ``_strict(str)`` then
    ``convert.text`` keep a clean text; ``_text_hook(TaskNumber.parse)``; the tuple hook
    then ``convert.unit_ids``; ``_structure_deadline`` then ``model._deadline``.
    """
    if type(raw) is not dict or not raw.keys() <= _PLAIN_TASK_KEYS:
        return None
    number = raw.get("number")
    title = raw.get("title")
    note = raw.get("note", "")
    group = raw.get("group", False)
    if type(number) is not str or not is_clean_text(title):
        return None
    if note != "" and not is_clean_text(note):
        return None
    if type(group) is not bool:
        return None
    lead = _plain_lines(raw["lead"]) if "lead" in raw else ()
    support = _plain_lines(raw["support"]) if "support" in raw else ()
    if lead is None or support is None:
        return None
    deadline: Deadline | None = None
    if "deadline" in raw:
        phrase = raw["deadline"]
        if type(phrase) is not str:
            return None
        deadline = parse_deadline(phrase, year=_PLAN_YEAR.get())
        if not isinstance(deadline, _DEADLINE_CLASSES):
            return None
    return _task_as_given(
        number=TaskNumber.parse(number),
        title=title,
        lead=lead,
        support=support,
        deadline=deadline,
        group=group,
        note=note,
    )


_DEADLINE_CLASSES = tuple(_DEADLINE_TYPES)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain data (str, int, bool, date, list, dict), in file order."""
    body: dict[str, Any] = _converter.unstructure(plan, Plan)
    data: dict[str, Any] = {k: body[k] for k in _TOP_KEYS if k in body}
    data["units"] = {u.id: u.name for u in plan.units}
    tasks = data.pop("tasks", None)
    if tasks is not None:
        data["tasks"] = tasks  # last, so the long array closes the file
    return data


def plan_from_dict(
    data: Mapping[str, Any], *, source: Path | None = None, lines: _Lines | None = None
) -> Plan:
    """Build a plan from plain data such as a parsed TOML or JSON document.

    Raises:
        PlanInvalid: listing every problem found in the data, each with its key path
            ("tasks[3].number") and, for TOML files, its line.
    """
    lines = lines or _Lines()
    problems: list[Problem] = []
    # Text, numbers, dates and depth first: the same rules for every file (io/guard.py).
    for where, message in [*tree_problems(data), *_shape_problems(data)]:
        problems.append(
            Problem(message=message, where=where, file=source, line=_line(where, lines))
        )
    if problems:
        raise PlanInvalid(problems)
    unknown = [k for k in data if k not in _TOP_KEYS]
    for key in unknown:
        hint = difflib.get_close_matches(key, _TOP_KEYS, n=1)
        expected = (
            f"did you mean {hint[0]!r}?" if hint else "expected one of: " + ", ".join(_TOP_KEYS)
        )
        problems.append(
            Problem(message=f"unknown key {key!r} ({expected})", line=lines.key(key), file=source)
        )
    for key in _REQUIRED:
        if key not in data:
            problems.append(Problem(message=f"missing required key {key!r}", file=source))
    units, unit_problems = _units(data.get("units", {}), source, lines)
    problems += unit_problems
    body = {k: v for k, v in data.items() if k in _TOP_KEYS and k != "units"}
    plan: Plan | None = None
    if not problems:
        token = _PLAN_YEAR.set(_plan_year(data))
        try:
            # Built once, with its units and source (_attach's evolve built it again).
            plan = _structure_plain(body, units=units, source=_source(source, lines))
        except Exception:  # not the usual case: cattrs, below, builds it again or says why
            plan = None
        try:
            if plan is not None:
                return plan
            plan = _converter.structure(body, Plan)
        except Exception as exc:  # cattrs gathers everything into one exception group
            problems += _cattrs_problems(exc, source, lines)
        finally:
            _PLAN_YEAR.reset(token)
    if plan is None or problems:
        raise PlanInvalid(problems)
    return _attach(plan, units, source, lines)


def _attach(plan: Plan, units: tuple[Unit, ...], source: Path | None, lines: _Lines) -> Plan:
    from attrs import evolve

    return evolve(plan, units=units, source=_source(source, lines))


def _source(source: Path | None, lines: _Lines) -> Source | None:
    return None if source is None else Source(path=source, task_lines=lines.tasks)


def _units(raw: Any, source: Path | None, lines: _Lines) -> tuple[tuple[Unit, ...], list[Problem]]:
    if not isinstance(raw, Mapping):
        msg = f"'units' must be a table of id = \"name\", got {_describe(raw)}"
        return (), [Problem(message=msg, file=source, line=lines.key("units"))]
    units, problems = [], []
    for unit_id, name in raw.items():
        where = f"units.{unit_id}"
        if not Unit.is_valid_id(unit_id):
            problems.append(
                Problem(
                    message="invalid unit id (expected lower-case letters, digits, '-' or '_')",
                    where=where,
                    file=source,
                )
            )
            continue
        if not isinstance(name, str):
            problems.append(
                Problem(
                    message=f"expected the unit's name as a string, got {_describe(name)}",
                    where=where,
                    file=source,
                )
            )
            continue
        units.append(Unit(id=unit_id, name=name))
    return tuple(units), problems


_PATH = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?")


def _format_cattrs(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown key(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, (ValueError, TypeError)):
        return str(exc)
    return cattrs.v.format_exception(exc, kind)


def _cattrs_problems(exc: BaseException, source: Path | None, lines: _Lines) -> list[Problem]:
    problems = []
    for text in cattrs.transform_error(exc, format_exception=_format_cattrs):
        message, _, path = text.rpartition(" @ ")
        line = None
        m = _PATH.match(path)
        if m and m.group(1) == "tasks" and m.group(2) is not None:
            line = lines.task(int(m.group(2)))
        elif m:
            line = lines.key(m.group(1))
        where = path.removeprefix("$.").replace("type_name", "type")
        problems.append(Problem(message=message, where=where, file=source, line=line))
    return problems


def _line(where: str, lines: _Lines) -> int | None:
    m = _PATH.match("$." + where)
    if m and m.group(1) == "tasks" and m.group(2) is not None:
        return lines.task(int(m.group(2)))
    return lines.key(m.group(1)) if m else None


#: A top-level key's line: "[table]", "[[array]]" or "key =".
_KEY_LINE = re.compile(r"^\[{1,2}\s*([A-Za-z_][\w-]*)|^([A-Za-z_][\w-]*)\s*=")


class _Lines:
    """Line numbers of top-level keys and of each ``[[tasks]]`` entry in a TOML text."""

    def __init__(self, text: str = "") -> None:
        self.keys: dict[str, int] = {}
        task_lines: list[int | None] = []
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if stripped == "[[tasks]]":
                task_lines.append(number)
                # After the first task, only the other tasks' lines are wanted (keys
                # inside tasks are located through their task).
                task_lines += [
                    n
                    for n, rest in enumerate(lines[number:], start=number + 1)
                    if "[[tasks]]" in rest and rest.strip() == "[[tasks]]"
                ]
                break
            if m := _KEY_LINE.match(stripped):
                self.keys.setdefault(m.group(1) or m.group(2), number)
        self.tasks = tuple(task_lines)

    def key(self, name: str) -> int | None:
        return self.keys.get(name)

    def task(self, index: int) -> int | None:
        return self.tasks[index] if index < len(self.tasks) else None


def loads_plan(text: str, *, format: str = "toml", source: Path | None = None) -> Plan:
    """Parse a plan from the text of a TOML or JSON plan file.

    Raises:
        PlanFileError: the text is not valid TOML or JSON (with line and column).
        PlanInvalid: the data does not describe a plan (every problem listed).
    """
    text = nfc(text)
    if format == "toml":
        data = parse_toml(text, source)
        lines = _Lines(text)
    elif format == "json":
        data = parse_json(text, source)
        if not isinstance(data, dict):
            raise PlanFileError(source, f"expected a JSON object at the top, got {_describe(data)}")
        lines = _Lines()
    else:
        raise ValueError(f"unknown format {format!r} (expected 'toml' or 'json')")
    return plan_from_dict(data, source=source, lines=lines)


_TOO_DEEP = "nested too deeply"
_TOO_LONG = f"a number of more than {MAX_INT_DIGITS} digits"


def parse_toml(text: str, source: Path | None) -> dict[str, Any]:
    """TOML text as data, every failure a :class:`PlanFileError` with our words.

    Also used for progress files, so both read TOML the same way.
    """
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise _toml_error(exc, source) from None
    except RecursionError:
        raise PlanFileError(source, f"invalid TOML: {_TOO_DEEP}") from None
    except ValueError as exc:  # an integer past Python's digit limit
        reason = _TOO_LONG if "digits" in str(exc) else "a value TOML cannot hold"
        raise PlanFileError(source, f"invalid TOML: {reason}") from None


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _JsonValueError(_TOO_LONG)
    return int(text)


def _json_constant(name: str) -> Any:
    raise _JsonValueError(f"{name} is not a number JSON allows")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _JsonValueError(f"duplicate key {key!r} in an object (TOML refuses it too)")
        data[key] = value
    return data


class _JsonValueError(ValueError):
    pass


def parse_json(text: str, source: Path | None) -> Any:
    """JSON text as data: duplicate keys, NaN, Infinity and huge integers refused."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=_json_int,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            source, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except _JsonValueError as exc:
        raise PlanFileError(source, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise PlanFileError(source, f"invalid JSON: {_TOO_DEEP}") from None


def _toml_error(exc: tomli.TOMLDecodeError, source: Path | None) -> PlanFileError:
    # Python 3.14 gives lineno/colno attributes; earlier versions only the message.
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    message = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if m:
        line, column = int(m.group(1)), int(m.group(2))
        message = message[: m.start()].rstrip()
    elif message.endswith("(at end of document)"):
        message = message.removesuffix("(at end of document)").rstrip() + " at end of file"
    return PlanFileError(source, f"invalid TOML: {message}", line=line, column=column)


def read_plan(path: str | Path) -> tuple[Plan, tuple[Problem, ...]]:
    """Read a plan file and check it, returning the plan and all its problems.

    Unlike :func:`load_plan`, errors found by the whole-plan checks do not raise; the
    command uses this to print warnings and errors together.

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
        PlanFileError: the file is not UTF-8, TOML or JSON.
        PlanInvalid: the data does not describe a plan.
    """
    p = Path(path)
    fmt = format_of(p, FORMATS, what="plan file")
    return plan_from_bytes(read_bytes(p, what=_WHAT, limit=MAX_BYTES), p, format=fmt)


_WHAT = "a plan file"


def plan_from_bytes(data: bytes, path: Path, *, format: str) -> tuple[Plan, tuple[Problem, ...]]:
    """:func:`read_plan` of the bytes ``data`` read from ``path``: the same checks, the
    same problems. A caller that keeps plans by their files' content (the portfolio)
    parses exactly the bytes it keyed them by."""
    text = decode_utf8(data, path)
    check_text(text, path)  # as read_text does: no control or bidirectional characters
    plan = loads_plan(text, format=format, source=path)
    return plan, check_built_plan(plan)


def load_plan(path: str | Path) -> Plan:
    """Read a plan from a ``.toml`` or ``.json`` file and validate it.

    >>> plan = load_plan("examples/skhcn-thai-nguyen-2025/plan.toml")
    >>> str(plan.task("2.5").deadline)
    'Định kỳ hàng quý, năm'

    Raises:
        SourceUnreadable: the file is missing, a directory or not readable.
        PlanFileError: the file is not UTF-8, TOML or JSON (with line and column).
        PlanInvalid: the plan has errors; ``problems`` lists all of them with task
            numbers and lines. Warnings alone do not raise.
    """
    plan, problems = read_plan(path)
    if any(p.is_error for p in problems):
        raise PlanInvalid(problems)
    return plan


def dumps_plan(plan: Plan, *, format: str = "toml") -> str:
    """The text of a plan file; ``loads_plan(dumps_plan(p)) == p`` for every plan."""
    data = plan_to_dict(plan)
    if format == "toml":
        return tomli_w.dumps(data, multiline_strings=False)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    raise ValueError(f"unknown format {format!r} (expected 'toml' or 'json')")


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dump_plan(plan: Plan, path: str | Path) -> None:
    """Write a plan to ``path``; the extension (.toml or .json) picks the format.

    The write is atomic: the previous file stays intact if anything fails.

    Raises:
        SourceUnreadable: the extension is unknown or the folder cannot be written.
    """
    p = Path(path)
    write_output(p, dumps_plan(plan, format=format_of(p, FORMATS, what="plan file")))
