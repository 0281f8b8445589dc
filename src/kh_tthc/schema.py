"""JSON Schema (draft 2020-12) of the plan file and the progress file, generated from the
model so that it cannot drift from what the readers accept.

The plan schema walks the attrs classes the plan file reader structures (with the key
names and text forms of ``io/plan_file.py``'s converter: a task number, a document
number, an issue date, a sending rule, an authority and a deadline are written as
strings; ``type`` is ``Plan.type_name``; ``units`` is a table of id = name). The progress
schema is built from the TOML progress reader's keys (``progress.py``) and the statuses.
A date is a ``"YYYY-MM-DD"`` string, as in a JSON plan file (a TOML date once parsed).
The schema checks structure (keys, types, required keys); the readers' checks of values
(a deadline phrase, a unit id that is declared) go further.

>>> schema = plan_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["required"])
['issued', 'issuer', 'number', 'period', 'signer', 'title']
>>> progress_schema()["properties"]["rows"]["items"]["required"]
['task', 'unit', 'status']
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from typing import Any

import attrs

__all__ = ["SCHEMAS", "plan_schema", "progress_schema", "schema_text"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string"}


def _text_types() -> dict[Any, dict[str, Any]]:
    from kh_tthc.model import Authority, DocumentNumber, IssueDate, TaskNumber
    from kh_tthc.periods import SendingRule

    return {
        TaskNumber: {"type": "string", "description": 'a task number, "2.1.1"'},
        DocumentNumber: {"type": "string", "description": 'number and symbol, "05/KH-SKHCN"'},
        IssueDate: {"type": "string", "description": 'issue date, "2025-08-05" or "2025-08"'},
        SendingRule: {"type": "string", "description": "a sending rule for periodic reports"},
        Authority: {"type": "string", "enum": sorted(a.name for a in Authority)},
    }


def _is_deadline(t: Any) -> bool:
    from kh_tthc.deadline.model import Unspecified

    args = typing.get_args(t)
    return Unspecified in args


class _Walker:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.text = _text_types()

    def of(self, t: Any) -> dict[str, Any]:
        if t in self.text:
            return dict(self.text[t])
        if _is_deadline(t):
            deadline = {"type": "string", "description": 'a deadline phrase, "Quý IV/2025"'}
            if type(None) in typing.get_args(t):
                return {"anyOf": [deadline, {"type": "null"}]}
            return deadline
        if t is str:
            return dict(_TEXT)
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is datetime.date:
            return dict(_DATE)
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner = args[0]
            if typing.get_origin(inner) is tuple:  # Task.extra: (header, text) pairs
                return {"type": "object", "additionalProperties": dict(_TEXT)}
            return {"type": "array", "items": self.of(inner)}
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            inner = self.of(options[0]) if len(options) == 1 else self.union(options)
            return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if attrs.has(t):
            return self.cls(t)
        raise TypeError(f"no schema for {t!r}")

    def union(self, options: list[Any]) -> dict[str, Any]:
        return {"anyOf": [self.of(o) for o in options]}

    def cls(
        self,
        cls: type,
        *,
        rename: dict[str, str] | None = None,
        omit: frozenset[str] = frozenset(),
    ) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a recursive class (Section) refers to itself
            attrs.resolve_types(cls)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for f in attrs.fields(cls):
                if f.name in omit:
                    continue
                key = (rename or {}).get(f.name, f.name)
                properties[key] = self.of(f.type)
                if f.default is attrs.NOTHING:
                    required.append(key)
            body: dict[str, Any] = {
                "type": "object",
                "properties": properties,
                "additionalProperties": False,
            }
            if required:
                body["required"] = required
            self.defs[name] = body
        return {"$ref": f"#/$defs/{name}"}


def plan_schema() -> dict[str, Any]:
    """The plan file's schema (TOML or JSON, the same keys).

    >>> plan_schema()["properties"]["units"]["additionalProperties"]
    {'type': 'string'}
    """
    from kh_tthc.io.plan_file import _TOP_KEYS
    from kh_tthc.model import _UNIT_ID, Plan

    walker = _Walker()
    walker.cls(Plan, rename={"type_name": "type"}, omit=frozenset({"source", "units"}))
    body = walker.defs.pop("Plan")
    properties = body["properties"]
    properties["units"] = {
        "type": "object",
        "description": 'unit id = "name"',
        "propertyNames": {"pattern": _UNIT_ID.pattern},
        "additionalProperties": dict(_TEXT),
    }
    # The file's order of keys, the reader's list of known keys.
    ordered = {k: properties[k] for k in _TOP_KEYS}
    return {
        "$schema": _DRAFT,
        "$id": "https://kh-tthc.example/schema/plan.schema.json",
        "title": "kh_tthc plan file (kế hoạch)",
        "type": "object",
        "properties": ordered,
        "required": body["required"],
        "additionalProperties": False,
        "$defs": dict(sorted(walker.defs.items())),
    }


def progress_schema() -> dict[str, Any]:
    """The TOML progress file's schema (the CSV file has the same columns).

    >>> sorted(progress_schema()["properties"])
    ['difficulties', 'period', 'plan', 'proposals', 'rows']
    """
    from kh_tthc.progress import _TOML_ROW, _TOML_TOP, ProgressStatus

    types_: dict[str, Any] = {
        "task": {"type": "string", "description": 'a task number, "2.1.1"'},
        "unit": {"type": "string", "description": "a unit id of the plan"},
        "status": {
            "type": "string",
            "description": "a status code or its Vietnamese label, any case or diacritics",
            "examples": [s.value for s in ProgressStatus],
        },
        "result": dict(_TEXT),
        "completed": dict(_DATE),
        "values": {"type": "object", "additionalProperties": {"type": "number"}},
        "difficulty": dict(_TEXT),
        "proposal": dict(_TEXT),
        "title": dict(_TEXT),
    }
    top: dict[str, Any] = {
        "plan": {"type": "string", "description": 'the plan\'s number, "05/KH-SKHCN"'},
        "period": {"type": "string", "description": 'the period, "2025-Q4"'},
        "difficulties": {"type": "array", "items": dict(_TEXT)},
        "proposals": {"type": "array", "items": dict(_TEXT)},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {k: types_[k] for k in _TOML_ROW},
                "required": ["task", "unit", "status"],
                "additionalProperties": False,
            },
        },
    }
    return {
        "$schema": _DRAFT,
        "$id": "https://kh-tthc.example/schema/progress.schema.json",
        "title": "kh_tthc progress file (tiến độ)",
        "type": "object",
        "properties": {k: top[k] for k in _TOML_TOP},
        "additionalProperties": False,
    }


#: The schemas ``kh-tthc schema`` prints, by name.
SCHEMAS = {"plan": plan_schema, "progress": progress_schema}


def schema_text(name: str) -> str:
    """The schema ``name`` ("plan" or "progress") as the committed JSON text.

    >>> schema_text("progress").startswith("{")
    True
    """
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"
