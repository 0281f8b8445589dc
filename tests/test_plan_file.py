"""Plan files: TOML and JSON round trips, and every kind of bad file."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import socket
import tomllib
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import (
    Plan,
    PlanFileError,
    PlanInvalid,
    SourceUnreadable,
    Task,
    dump_plan,
    dumps_plan,
    load_plan,
    loads_plan,
)
from kh_tthc.convert import sequence_problem
from kh_tthc.io import plan_file
from kh_tthc.io.source import check_package, read_bytes, read_head, text_encoding
from tests.conftest import SEED_PLAN
from tests.strategies import deadlines, plans, texts


class TestRoundTrip:
    @given(plans())
    def test_toml(self, plan: Plan) -> None:
        """load(dump(p)) == p for any plan, through TOML."""
        assert loads_plan(dumps_plan(plan, format="toml"), format="toml") == plan

    @given(plans())
    def test_json(self, plan: Plan) -> None:
        """load(dump(p)) == p for any plan, through JSON."""
        assert loads_plan(dumps_plan(plan, format="json"), format="json") == plan

    def test_seed_through_files(self, seed_plan: Plan, tmp_path: Path) -> None:
        """The seed survives a write and a read in both formats, the format from the suffix."""
        for name in ("plan.toml", "plan.json"):
            dump_plan(seed_plan, tmp_path / name)
            assert load_plan(tmp_path / name) == seed_plan
        assert json.loads((tmp_path / "plan.json").read_text("utf-8"))["units"]["vp"] == (
            "Văn phòng Sở"
        )

    def test_decomposed_file_loads_composed(self, seed_plan: Plan, tmp_path: Path) -> None:
        """A file saved in NFD (as Word and macOS often do) gives the same plan."""
        import unicodedata

        text = SEED_PLAN.read_text("utf-8")
        path = tmp_path / "nfd.toml"
        path.write_text(unicodedata.normalize("NFD", text), "utf-8")
        assert load_plan(path) == seed_plan

    def test_bom_is_accepted(self, seed_plan: Plan, tmp_path: Path) -> None:
        path = tmp_path / "bom.toml"
        path.write_bytes(b"\xef\xbb\xbf" + SEED_PLAN.read_bytes())
        assert load_plan(path) == seed_plan


def _seed_with(tmp_path: Path, old: str, new: str, name: str = "plan.toml") -> Path:
    text = SEED_PLAN.read_text("utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


class TestReportingRule:
    def test_plan_file_sets_the_sending_rule(self, tmp_path: Path) -> None:
        """A plan's own `reporting` rule dates its periodic reports in the schedule."""
        from datetime import date

        from kh_tthc import Period, SendingRule

        text = SEED_PLAN.read_text("utf-8").replace(
            'archive = ["VT", "VP"]',
            'archive = ["VT", "VP"]\nreporting = "ngày 20 tháng cuối kỳ"',
        )
        path = tmp_path / "plan.toml"
        path.write_text(text, "utf-8")
        plan = load_plan(path)
        rule = SendingRule.parse("day 20 of the last month")
        assert plan.reporting == rule
        due = {
            o.due
            for o in plan.schedule(as_of=date(2025, 10, 1))
            if str(o.task.number) == "2.5" and o.label == "Quý IV/2025"
        }
        assert due == {rule.deadline(Period.quarter(2025, 4))}
        assert due != {SendingRule.default().deadline(Period.quarter(2025, 4))}

    def test_unknown_rule_is_reported(self) -> None:
        text = SEED_PLAN.read_text("utf-8").replace(
            'archive = ["VT", "VP"]', 'archive = ["VT", "VP"]\nreporting = "sometimes"'
        )
        with pytest.raises(PlanInvalid, match="reporting"):
            loads_plan(text)


class TestBadFiles:
    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(SourceUnreadable, match="no such file"):
            load_plan(tmp_path / "nope.toml")

    def test_directory(self, tmp_path: Path) -> None:
        d = tmp_path / "dir.toml"
        d.mkdir()
        with pytest.raises(SourceUnreadable, match="directory"):
            load_plan(d)

    def test_unknown_extension(self, tmp_path: Path) -> None:
        p = tmp_path / "plan.yaml"
        p.write_text("a: 1", "utf-8")
        with pytest.raises(SourceUnreadable, match=r"\.toml or \.json"):
            load_plan(p)

    def test_invalid_toml_names_line_and_column(self, tmp_path: Path) -> None:
        path = _seed_with(tmp_path, 'issued = "2025-08"', "issued = 2025-08 x")
        with pytest.raises(PlanFileError) as info:
            load_plan(path)
        expected_line = path.read_text("utf-8").splitlines().index("issued = 2025-08 x") + 1
        assert info.value.line == expected_line
        assert info.value.column is not None
        assert str(info.value).startswith(f"{path}:{expected_line}:")

    def test_invalid_json(self, tmp_path: Path) -> None:
        p = tmp_path / "plan.json"
        p.write_text('{"title": "x",\n  oops}', "utf-8")
        with pytest.raises(PlanFileError, match="invalid JSON") as info:
            load_plan(p)
        assert info.value.line == 2

    def test_json_must_be_an_object(self, tmp_path: Path) -> None:
        p = tmp_path / "plan.json"
        p.write_text("[1, 2]", "utf-8")
        with pytest.raises(PlanFileError, match="JSON object"):
            load_plan(p)

    def test_not_utf8(self, tmp_path: Path) -> None:
        p = tmp_path / "plan.toml"
        p.write_bytes("title = 'Kế hoạch'".encode("utf-16"))
        with pytest.raises(PlanFileError, match="not UTF-8"):
            load_plan(p)

    def test_windows_1258_names_the_line(self, tmp_path: Path) -> None:
        p = tmp_path / "plan.toml"
        p.write_bytes(b'type = "x"\nissued = "2025"\ntitle = "K\xea ho\xe1ch"\n')
        with pytest.raises(PlanFileError) as info:
            load_plan(p)
        assert info.value.line == 3

    def test_garbage_10_mb(self, tmp_path: Path) -> None:
        """A large file of garbage is refused quickly with one clear message."""
        p = tmp_path / "plan.toml"
        p.write_bytes(bytes(range(256)) * (10 * 1024 * 1024 // 256))
        with pytest.raises(PlanFileError, match="at most"):
            load_plan(p)

    def test_unknown_top_level_key_suggests(self, tmp_path: Path) -> None:
        """A typo such as 'taks' is named with the key it probably meant."""
        path = _seed_with(tmp_path, "[[tasks]]", "[[taks]]")
        with pytest.raises(PlanInvalid) as info:
            load_plan(path)
        messages = [str(p) for p in info.value.problems]
        assert any("'taks'" in m and "did you mean 'tasks'" in m for m in messages), messages

    def test_unknown_task_key(self, tmp_path: Path) -> None:
        path = _seed_with(tmp_path, 'number = "1.2"', 'number = "1.2"\nleed = ["vp"]')
        with pytest.raises(PlanInvalid, match="leed"):
            load_plan(path)

    def test_bad_task_number_names_its_line(self, tmp_path: Path) -> None:
        path = _seed_with(tmp_path, 'number = "2.1.2"', 'number = "2..1"')
        with pytest.raises(PlanInvalid) as info:
            load_plan(path)
        (problem,) = info.value.errors
        lines = path.read_text("utf-8").splitlines()
        assert "2..1" in problem.message
        assert problem.line is not None
        assert lines[problem.line - 1] == "[[tasks]]"
        assert lines[problem.line] == 'number = "2..1"'

    def test_several_bad_values_reported_together(self, tmp_path: Path) -> None:
        """Every structural problem is listed, not only the first."""
        path = _seed_with(tmp_path, 'number = "1.1"', 'number = "x"')
        path.write_text(
            path.read_text("utf-8").replace("group = true", 'group = "yes"', 1), "utf-8"
        )
        with pytest.raises(PlanInvalid) as info:
            load_plan(path)
        text = "\n".join(str(p) for p in info.value.problems)
        assert "'x'" in text
        assert "true or false" in text

    def test_boolean_is_not_coerced_from_string(self) -> None:
        """cattrs would turn "false" into True; the loader refuses it instead."""
        text = SEED_PLAN.read_text("utf-8").replace("group = true", 'group = "false"', 1)
        with pytest.raises(PlanInvalid, match="true or false"):
            loads_plan(text)

    def test_missing_required_keys(self) -> None:
        with pytest.raises(PlanInvalid) as info:
            loads_plan('title = "x"')
        missing = {p.message for p in info.value.problems}
        assert "missing required key 'issuer'" in missing
        assert "missing required key 'period'" in missing

    def test_unit_table_must_map_ids_to_names(self, tmp_path: Path) -> None:
        path = _seed_with(tmp_path, 'vp = "Văn phòng Sở"', "VP = 3")
        with pytest.raises(PlanInvalid) as info:
            load_plan(path)
        text = "\n".join(str(p) for p in info.value.problems)
        assert "units.VP" in text
        assert "invalid unit id" in text


class TestAtomicWrite:
    def test_failed_dump_keeps_previous_file(self, seed_plan: Plan, tmp_path: Path) -> None:
        """Nothing is half-written: an unknown suffix fails before touching the folder."""
        target = tmp_path / "plan.toml"
        dump_plan(seed_plan, target)
        before = target.read_bytes()
        with pytest.raises(SourceUnreadable):
            dump_plan(seed_plan, tmp_path / "plan.txt")
        assert target.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml"]

    def test_missing_folder(self, seed_plan: Plan, tmp_path: Path) -> None:
        with pytest.raises(SourceUnreadable, match="does not exist"):
            dump_plan(seed_plan, tmp_path / "no" / "plan.toml")

    def test_interrupted_write_leaves_no_temporary(self, tmp_path: Path) -> None:
        from kh_tthc.io import atomic_path

        target = tmp_path / "out.docx"
        target.write_bytes(b"old")

        def failing_render() -> None:
            with atomic_path(target) as tmp:
                tmp.write_bytes(b"half")
                raise RuntimeError("render failed")

        with pytest.raises(RuntimeError, match="render failed"):
            failing_render()
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def _seed_data() -> dict[str, Any]:
    return tomllib.loads(SEED_PLAN.read_text("utf-8"))


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A change to the seed's data: ``path`` is dotted keys and list indexes."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value

    return change


class TestBadValues:
    """A value of the wrong kind: the problem names where and what was found. Each case is
    the seed plan with one value changed, read as JSON so any kind of value can be put in."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (_set("units", "x"), "'units' must be a table of id = \"name\", got the string 'x'"),
            (_set("units.Bad Id", "x"), "units.Bad Id: invalid unit id"),
            (
                _set("units.vp", 3),
                "units.vp: expected the unit's name as a string, got the number 3",
            ),
            (_set("recipients", "x"), "recipients: expected a list of texts"),
            (_set("issuer", "x"), "issuer: expected a table (issuer), got the string 'x'"),
            (_set("period.start", "2025-13-01"), "invalid date '2025-13-01' (expected YYYY-MM-DD)"),
            (
                _set("period.start", 2025),
                "period.start: expected a date such as 2025-09-01, got the number 2025",
            ),
            (_set("period.start", True), "got true/false"),
            (_set("period.start", [1]), "got a list"),
            (_set("period.start", {"a": 1}), "got a table"),
            (_set("tasks.0.deadline", 5), "tasks[0].deadline: expected a completion-time phrase"),
            (_set("number", {"a": 1}), "number: expected a string, got a table"),
            (_set("tasks.0.extra", {"a": 1}), "column 'a': expected a string, got the number 1"),
            (_set("tasks.0.extra", "x"), "tasks[0].extra: expected a table (extra)"),
            (_set("issued", "0001-08"), "outside 1901–2100"),
        ],
    )
    def test_named(self, change: Callable[[dict[str, Any]], None], expected: str) -> None:
        data = _seed_data()
        change(data)
        with pytest.raises(PlanInvalid) as info:
            loads_plan(json.dumps(data, default=str, ensure_ascii=False), format="json")
        assert any(expected in str(p) for p in info.value.problems), info.value.problems

    def test_a_task_that_is_not_a_table(self) -> None:
        data = _seed_data()
        data["tasks"].insert(0, 1)
        with pytest.raises(PlanInvalid) as info:
            loads_plan(json.dumps(data, default=str, ensure_ascii=False), format="json")
        assert "tasks[0]: expected a table, got the number 1" in str(info.value.problems[0])


def _outcome(data: dict[str, Any], *, plain: bool) -> tuple[Any, ...]:
    """What plan_from_dict makes of ``data``: the plan with its source, or its problems;
    with ``plain`` False, every plan is built by cattrs as before the plain path existed."""

    def refuse(body: Any, **given: Any) -> Plan:
        raise KeyError("the plain path is switched off")

    with contextlib.ExitStack() as stack:
        if not plain:
            stack.enter_context(mock.patch.object(plan_file, "_structure_plain", refuse))
        try:
            plan = plan_file.plan_from_dict(data, source=Path("p.toml"))
        except PlanInvalid as exc:
            return ("invalid", exc.problems)
    assert plan.source is not None
    return ("plan", plan, plan.source.task_lines, plan.source.tasks)


#: Text cattrs and the converters change or refuse, next to clean text.
_ODD_TEXTS = [" Rà soát", "Rà  soát", "Rà soát ", "Ra\u0300 soát", "a\tb", "a\nb", "", "\u200b"]
_ODD_VALUES: list[Any] = [*_ODD_TEXTS, "x\x1b", 3, None, [], True]
#: A task whose every value is in the usual form, and values to put in its place.
_USUAL = {
    "number": "1.1",
    "title": "Rà soát",
    "lead": ["vp"],
    "support": ["cds"],
    "deadline": "trước ngày 28/5",
    "group": False,
    "note": "Ghi chú",
}
_CHANGES: list[tuple[str, Any]] = [
    *[(key, value) for key in ("title", "note", "deadline") for value in _ODD_VALUES],
    *[(key, value) for key in ("lead", "support") for value in _ODD_VALUES],
    *[(key, [value]) for key in ("lead", "support") for value in _ODD_VALUES],
    *[("number", value) for value in ["2.", "x", "", "2..1", " 1", "1.0", 3, None]],
    *[("deadline", value) for value in ["Quý IV/2025", "Hàng tháng", "Định kỳ hàng quý, năm"]],
    *[("group", value) for value in [True, 1, "true", None]],
    *[("lead", value) for value in [("vp",), "vp"]],
    ("extra", {"Sản phẩm": "Báo cáo"}),
    ("indicators", [{"id": "so-hoa", "name": "Số hóa", "target": 100}]),
    ("bogus", 1),
]
_IDS = st.sampled_from(["vp", "cds", " vp", "V P", "vp ", "", 1])


@st.composite
def _task_data(draw: st.DrawFn) -> dict[str, Any]:
    """A task as a file gives it: the usual one with some values changed or left out."""
    task: dict[str, Any] = dict(_USUAL)
    for key, value in draw(st.lists(st.sampled_from(_CHANGES), max_size=3)):
        task[key] = value
    for key in draw(st.lists(st.sampled_from(sorted(_USUAL)), max_size=2)):
        task.pop(key, None)
    if draw(st.booleans()):
        task["title"] = draw(texts(max_size=30))
    if draw(st.booleans()):
        task["lead"] = draw(st.lists(_IDS, max_size=3))
    if draw(st.booleans()):
        task["deadline"] = str(draw(deadlines()))
    return task


class TestPlainPath:
    """Tasks in the usual form are built without cattrs (``_structure_plain``): the same
    plans, problems, messages and lines as cattrs' path, which builds everything else."""

    @given(plans())
    def test_any_plan_the_same(self, plan: Plan) -> None:
        data = plan_file.plan_to_dict(plan)
        assert _outcome(data, plain=True) == _outcome(data, plain=False)

    @pytest.mark.parametrize(("key", "value"), _CHANGES)
    def test_each_odd_value_the_same(self, key: str, value: Any) -> None:
        data = _seed_data()
        data["tasks"][1] = {**_USUAL, key: value}
        assert _outcome(data, plain=True) == _outcome(data, plain=False)

    @given(st.lists(_task_data(), max_size=6), st.integers(2000, 2090))
    def test_any_tasks_the_same(self, tasks: list[dict[str, Any]], year: int) -> None:
        data = _seed_data()
        data["period"] = {"start": date(year, 1, 1), "end": date(year, 12, 31)}
        data["units"] = {"vp": "Văn phòng", "cds": "Phòng Chuyển đổi số"}
        data["tasks"] = tasks
        assert _outcome(data, plain=True) == _outcome(data, plain=False)

    @given(_task_data(), st.integers(2000, 2090))
    def test_a_plain_task_is_the_task_cattrs_builds(self, raw: dict[str, Any], year: int) -> None:
        token = plan_file._PLAN_YEAR.set(year)
        try:
            try:
                plain = plan_file._plain_task(raw)
            except Exception:  # a refusal: cattrs builds it or says why
                plain = None
            if plain is not None:
                assert plain == plan_file._converter.structure(raw, Task)
        finally:
            plan_file._PLAN_YEAR.reset(token)

    def test_the_usual_task_takes_the_plain_path(self) -> None:
        """The plain path is taken for the seed's tasks, so the tests above compare it."""
        data = _seed_data()
        taken = [plan_file._plain_task(t) is not None for t in data["tasks"]]
        assert sum(taken) > len(taken) // 2


def _lines_before(text: str) -> tuple[dict[str, int], tuple[int | None, ...]]:
    """plan_file._Lines as it was written before its shortcut (kept to compare)."""
    keys: dict[str, int] = {}
    task_lines: list[int | None] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped == "[[tasks]]":
            task_lines.append(number)
        elif task_lines:
            continue
        elif m := re.match(r"^\[{1,2}\s*([A-Za-z_][\w-]*)|^([A-Za-z_][\w-]*)\s*=", stripped):
            keys.setdefault(m.group(1) or m.group(2), number)
    return keys, tuple(task_lines)


def _shape_before(data: Any) -> list[tuple[str, str]]:
    """plan_file._shape_problems as it was written before key paths were kept as tuples."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, str, Any]] = [("plan", "", data)]
    while stack:
        kind, path, table = stack.pop()
        for key, item_kind in plan_file._LISTS.get(kind, {}).items():
            if key not in table:
                continue
            where = f"{path}.{key}" if path else key
            value = table[key]
            if sequence_problem(value):
                example = plan_file._EXAMPLES[item_kind]
                got = plan_file._describe(value)
                found.append((where, f"expected a list of {item_kind}s ({example}), got {got}"))
                continue
            if item_kind in ("text", "unit id", "date"):
                continue
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    stack.append((item_kind, f"{where}[{index}]", item))
                else:
                    got = plan_file._describe(item)
                    found.append((f"{where}[{index}]", f"expected a table, got {got}"))
        for key, name in plan_file._TABLES.get(kind, {}).items():
            if key in table and not isinstance(table[key], Mapping):
                where = f"{path}.{key}" if path else key
                got = plan_file._describe(table[key])
                found.append((where, f"expected a table ({name}), got {got}"))
    return found


_LINES = st.sampled_from(
    [
        "[[tasks]]",
        "  [[tasks]] ",
        "[[tasks]] # a task",
        "[[ tasks ]]",
        'title = "x"',
        "number = 1",
        "[units]",
        "[[sections]]",
        " period-x = 2",
        "",
        "# [[tasks]]",
    ]
)
_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\x0c", "\u2028", "\x85"])
_SHAPE_KEYS = ["tasks", "sections", "subsections", "paragraphs", "lead", "support", "indicators"]
_SHAPE_KEYS += ["extra", "issuer", "period", "recipients", "days_off", "title"]
_WRONG = st.one_of(st.just("x"), st.integers(0, 2), st.just({"a": 1}), st.just([1, "a"]))
_SHAPES = st.recursive(
    st.one_of(_WRONG, st.lists(st.just("a"), max_size=2)),
    lambda inner: st.dictionaries(
        st.sampled_from(_SHAPE_KEYS),
        inner | st.lists(inner, max_size=3),
        max_size=4,
    ),
    max_leaves=15,
)


class TestShortcutsAgree:
    """Where a shortcut replaced a slower way of reading a plan file, the two agree."""

    @given(st.lists(st.tuples(_LINES, _BREAKS), max_size=12))
    def test_lines_of_keys_and_tasks(self, parts: list[tuple[str, str]]) -> None:
        text = "".join(line + brk for line, brk in parts)
        lines = plan_file._Lines(text)
        assert (lines.keys, lines.tasks) == _lines_before(text)

    @given(_SHAPES)
    def test_shape_problems(self, data: Any) -> None:
        if isinstance(data, dict):
            assert plan_file._shape_problems(data) == _shape_before(data)

    def test_shape_problems_name_nested_places(self) -> None:
        """A case with problems deep inside: the comparison above is not vacuous."""
        data = {"sections": [{"subsections": [1, {"paragraphs": "x"}]}], "tasks": [{"lead": 2}]}
        assert plan_file._shape_problems(data) == _shape_before(data)
        assert {where for where, _ in plan_file._shape_problems(data)} == {
            "sections[0].subsections[0]",
            "sections[0].subsections[1].paragraphs",
            "tasks[0].lead",
        }


class TestBadText:
    @pytest.mark.parametrize(
        ("text", "fmt", "expected"),
        [
            ('{"a": NaN}', "json", "NaN is not a number JSON allows"),
            ('{"a": 1, "a": 2}', "json", "duplicate key 'a'"),
            ('{"a": ' + "9" * 5000 + "}", "json", "a number of more than"),
            ("[" * 100_000 + "]" * 100_000, "json", "nested too deeply"),
            ("title = ", "toml", "at end of file"),
            ("a = " + "9" * 5000, "toml", "a number of more than"),
            ("a = " + "[" * 100_000, "toml", "nested too deeply"),
        ],
    )
    def test_plan_file_error(self, text: str, fmt: str, expected: str) -> None:
        with pytest.raises(PlanFileError) as info:
            loads_plan(text, format=fmt)
        assert f"invalid {fmt.upper()}: " in str(info.value)
        assert expected in str(info.value)

    def test_unknown_format(self, seed_plan: Plan) -> None:
        with pytest.raises(ValueError, match="unknown format 'yaml'"):
            loads_plan("", format="yaml")
        with pytest.raises(ValueError, match="unknown format 'yaml'"):
            dumps_plan(seed_plan, format="yaml")


class TestTheDoor:
    """kh_tthc.io.source, the one door every input file comes through: what is not a
    regular file is refused by kind, without blocking, and named."""

    def test_fifo(self, tmp_path: Path) -> None:
        fifo = tmp_path / "plan.toml"
        os.mkfifo(fifo)
        with pytest.raises(SourceUnreadable, match=r"named pipe \(FIFO\)"):
            load_plan(fifo)
        with pytest.raises(SourceUnreadable, match="named pipe"):
            read_head(fifo, 8, what="a plan file")

    def test_socket(self, tmp_path: Path) -> None:
        path = tmp_path / "s.toml"
        with socket.socket(socket.AF_UNIX) as s:
            try:
                s.bind(str(path))
            except OSError as exc:  # a path too long for AF_UNIX on this machine
                pytest.skip(f"cannot make a socket here: {exc}")
            with pytest.raises(SourceUnreadable, match="is a socket"):
                load_plan(path)

    def test_device(self) -> None:
        with pytest.raises(SourceUnreadable, match="is a device"):
            read_bytes(Path(os.devnull), what="a plan file", limit=10)

    def test_symlink_loop(self, tmp_path: Path) -> None:
        a, b = tmp_path / "a.toml", tmp_path / "b.toml"
        a.symlink_to(b)
        b.symlink_to(a)
        with pytest.raises(SourceUnreadable, match="too many levels of symbolic links"):
            load_plan(a)

    def test_read_head(self, tmp_path: Path) -> None:
        with pytest.raises(SourceUnreadable, match="no such file"):
            read_head(tmp_path / "khong-co.csv", 8, what="a .csv file")
        data = SEED_PLAN.read_bytes()
        assert read_head(SEED_PLAN, 8, what="a plan file") == data[:8]

    def test_empty_refused_when_asked(self, tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_bytes(b"")
        with pytest.raises(PlanFileError, match="is empty"):
            read_bytes(path, what="a plan file", limit=10, empty=PlanFileError)
        assert read_bytes(path, what="a plan file", limit=10) == b""

    @given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=8))
    def test_utf16_without_bom_is_recognised(self, text: str) -> None:
        """Vietnamese (or any) text in UTF-16 of either order, with or without a BOM."""
        for codec in ("utf-16-le", "utf-16-be"):
            data = text.encode(codec)
            enc = text_encoding(data)
            assert enc in (codec, "utf-8")
            if enc == codec:
                assert data.decode(enc) == text
        assert text_encoding("\ufeff".encode("utf-16-be") + text.encode("utf-16-be")) == "utf-16"
        assert text_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"

    def test_utf16_vietnamese(self) -> None:
        """Illustrative text: the headings of a progress table, in both byte orders."""
        text = "STT,Nội dung,Đơn vị chủ trì,Kết quả thực hiện\n" * 4
        for codec in ("utf-16-le", "utf-16-be"):
            assert text_encoding(text.encode(codec)) == codec

    def test_package_limits(self, tmp_path: Path) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(5):
                zf.writestr(f"part{i}.xml", "0" * 1000)
        data = buf.getvalue()
        path = tmp_path / "x.docx"
        check_package(data, path, what="a .docx")
        with pytest.raises(PlanFileError, match="has 5 parts, more than 4"):
            check_package(data, path, what="a .docx", max_parts=4)
        with pytest.raises(PlanFileError, match=r"has a part \(part0.xml\) that unpacks to"):
            check_package(data, path, what="a .docx", max_member=999)
        with pytest.raises(PlanFileError, match=r"would unpack to .* more than the 4,999 bytes"):
            check_package(data, path, what="a .docx", max_unpacked=4999)
        with pytest.raises(PlanFileError, match="not a zip package"):
            check_package(b"PK not really", path, what="a .docx")
