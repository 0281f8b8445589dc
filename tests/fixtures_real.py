"""Word documents built from the real tables transcribed in ``tests/data/real/tables``.

The texts come from the JSON files exactly as transcribed (each names its source); only
the office formatting is made here: a two-column layout table for the header, bold
where the transcription marks it with "**", the task table with its header row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx

from tests.fixtures_docx import C, add_table

__all__ = ["REAL_TABLES", "real_docx", "real_source"]

REAL_TABLES = Path(__file__).parent / "data" / "real" / "tables"


def real_source(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL_TABLES / f"{name}.json").read_text("utf-8"))
    return data


def _cell(text: str) -> C:
    return C(text.removeprefix("**"), bold=text.startswith("**"))


def _paragraph(document: Any, text: str) -> None:
    document.add_paragraph().add_run(text.removeprefix("**")).bold = text.startswith("**") or None


def real_docx(path: Path, *names: str) -> Path:
    """One document made of the named transcriptions, in order: each one's layout
    table, its lines ("before" and "lines"), its task table and its "after" lines."""
    document = docx.Document()
    for name in names:
        data = real_source(name)
        if data.get("layout"):
            add_table(
                document,
                [[C(t) for t in row] for row in data["layout"]],
                repeat_header=False,
            )
        for text in [*data.get("before", []), *data.get("lines", [])]:
            _paragraph(document, text)
        if data.get("table"):
            add_table(document, [[_cell(t) for t in row] for row in data["table"]])
        for text in data.get("after", []):
            _paragraph(document, text)
    document.add_paragraph()
    document.save(str(path))
    return path
