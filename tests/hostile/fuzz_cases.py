"""Fuzzing the parsers: mutated Word XML, plan files and progress files.

Every example must give a result or a declared :class:`~kh_tthc.KhTthcError`, within 5 s
(hypothesis' deadline) and 500 MB (an address-space limit set when this module is
loaded: what the process uses by then, plus 500 MB; a MemoryError fails the example).

Not collected on its own (no ``test_`` prefix): ``tests/hostile/test_fuzz.py`` runs it in a
process of its own, so the memory limit binds that process only, with a short budget in
``make test``; ``make fuzz`` runs it longer and with fresh random examples
(``KH_TTHC_FUZZ_RANDOM=1``). ``KH_TTHC_FUZZ_EXAMPLES`` sets the examples per target.
"""

from __future__ import annotations

import io
import os
import re
import resource
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kh_tthc import (
    ImportResult,
    KhTthcError,
    Plan,
    Progress,
    dumps_plan,
    import_docx,
    load_plan,
    loads_plan,
    validate_plan,
)
from kh_tthc.progress import dumps_progress, load_progress, loads_progress
from tests.conftest import SEED_DIR, SEED_PLAN
from tests.fixtures_docx import merged_docx, seed_docx

MEMORY_PER_EXAMPLE = 500 * 1024 * 1024
EXAMPLES = int(os.environ.get("KH_TTHC_FUZZ_EXAMPLES", "40"))


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


if os.environ.get("KH_TTHC_FUZZ_LIMIT_MEMORY") == "1":
    _limit = _address_space() + MEMORY_PER_EXAMPLE
    resource.setrlimit(resource.RLIMIT_AS, (_limit, _limit))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    # The short run of `make test` is the same every time; `make fuzz` explores.
    derandomize=os.environ.get("KH_TTHC_FUZZ_RANDOM") != "1",
)

PLAN = load_plan(SEED_PLAN)
PLAN_TOML = SEED_PLAN.read_text(encoding="utf-8")
PLAN_JSON = dumps_plan(PLAN, format="json")
PROGRESS_CSV = (SEED_DIR / "progress-2025-Q4.csv").read_text(encoding="utf-8")
PROGRESS_TOML = dumps_progress(
    load_progress(SEED_DIR / "progress-2025-Q4.csv", PLAN), PLAN, format="toml"
)

_WORK = Path(tempfile.mkdtemp(prefix="kh-tthc-fuzz-"))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


#: The seed's appendix, and a table with cells merged across and down.
BASES = [_parts(seed_docx(_WORK / "seed.docx")), _parts(merged_docx(_WORK / "merged.docx"))]

#: Values that break parsers that trust attributes: negative, huge, not a number.
HOSTILE_VALUES = ["-5", "0", "abc", "99999999", "999999999999", "", "1e9", "NaN", "-0", "٣"]
_ATTRIBUTE = re.compile(rb'(w:(?:val|w|type))="([^"]*)"')


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few cuts, insertions, duplications and replaced attribute values."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "attribute", "grid"]))
        if kind == "grid":  # a row that claims cells before it, or a cell that spans many
            rows = [m.end() for m in re.finditer(rb"<w:tr[ >]", bytes(out))]
            if rows:
                at = draw(st.sampled_from(rows))
                value = draw(st.sampled_from(HOSTILE_VALUES)).encode()
                element = draw(st.sampled_from([b"gridBefore", b"gridAfter"]))
                out[at:at] = b"<w:trPr><w:" + element + b' w:val="' + value + b'"/></w:trPr>'
            continue
        if kind == "attribute":
            spots = list(_ATTRIBUTE.finditer(bytes(out)))
            if spots:
                m = draw(st.sampled_from(spots))
                value = draw(st.sampled_from(HOSTILE_VALUES)).encode()
                out[m.start(2) : m.end(2)] = value
            continue
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        size = draw(st.integers(1, 64))
        if kind == "flip":
            out[at : at + size] = draw(st.binary(min_size=size, max_size=size))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=size))
        elif kind == "delete":
            del out[at : at + size]
        else:
            out[at:at] = out[at : at + size] * draw(st.integers(1, 50))
    return bytes(out)


def mutated_text(text: str) -> st.SearchStrategy[str]:
    return mutated_bytes(text.encode("utf-8")).map(lambda b: b.decode("utf-8", "replace"))


def _docx_with(parts: dict[str, bytes], document: bytes) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, document if name == "word/document.xml" else data)
    path = _WORK / "mutated.docx"
    path.write_bytes(buffer.getvalue())
    return path


@st.composite
def mutated_docx(draw: st.DrawFn) -> Path:
    parts = draw(st.sampled_from(BASES))
    return _docx_with(parts, draw(mutated_bytes(parts["word/document.xml"])))


@FUZZ
@given(mutated_docx())
def test_docx_xml(path: Path) -> None:
    """A mutated document.xml imports, or fails with a declared error."""
    try:
        result = import_docx(path, year=2025)
    except KhTthcError as exc:
        assert str(exc)  # noqa: PT017 (a message a person can act on)
    else:
        assert isinstance(result, ImportResult)


@FUZZ
@given(
    st.sampled_from(["toml", "json"]).flatmap(
        lambda f: st.tuples(st.just(f), mutated_text(PLAN_TOML if f == "toml" else PLAN_JSON))
    )
)
def test_plan_file(case: tuple[str, str]) -> None:
    """A mutated plan file loads and validates, or fails with a declared error."""
    fmt, text = case
    try:
        plan = loads_plan(text, format=fmt)
        problems = validate_plan(plan)
    except KhTthcError as exc:
        assert str(exc)  # noqa: PT017
    else:
        assert isinstance(plan, Plan)
        assert all(not p.is_error for p in problems)


@FUZZ
@given(
    st.sampled_from(["csv", "toml"]).flatmap(
        lambda f: st.tuples(st.just(f), mutated_text(PROGRESS_CSV if f == "csv" else PROGRESS_TOML))
    )
)
def test_progress_file(case: tuple[str, str]) -> None:
    """A mutated progress file loads, or fails with a declared error."""
    fmt, text = case
    try:
        progress = loads_progress(text, PLAN, format=fmt)
    except KhTthcError as exc:
        assert str(exc)  # noqa: PT017
    else:
        assert isinstance(progress, Progress)
