"""Plan and progress files from others: every hostile value refused, in our words.

Issue "Hardening", items 5 (a string where a list belongs) and 10 (lone surrogates, deep
nesting, huge integers, far dates, inf, duplicate keys, invisible and control characters,
wrong types, a 10-level task number).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kh_tthc import PlanFileError, PlanInvalid, load_plan, loads_plan
from kh_tthc.cli import main
from tests.conftest import SEED_PLAN
from tests.hostile.helpers import seed_files, seed_json_data, snapshot, write_json

SEED_TEXT = SEED_PLAN.read_text(encoding="utf-8")


def _toml_with(old: str, new: str) -> str:
    assert old in SEED_TEXT
    return SEED_TEXT.replace(old, new, 1)


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


class TestStringWhereAListBelongs:
    @pytest.mark.parametrize(
        ("old", "new", "where"),
        [
            ('archive = ["VT", "VP"]', 'archive = "VT"', "archive"),
            (
                'recipients = [\n    "Văn phòng UBND tỉnh",\n    "Lãnh đạo Sở",\n'
                '    "Các phòng, đơn vị thuộc Sở",\n]',
                'recipients = "Văn phòng UBND tỉnh"',
                "recipients",
            ),
            ("closing = [", 'bases = "Căn cứ Luật"\nclosing = [', "bases"),
            ('lead = ["cds"]', 'lead = ""', "tasks["),
        ],
        ids=["archive", "recipients", "bases", "lead"],
    )
    def test_refused_with_what_was_expected(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str
    ) -> None:
        """validate exits 1 saying a list was expected, instead of splitting the letters."""
        path = tmp_path / "plan.toml"
        path.write_text(_toml_with(old, new), encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert where in out
        assert "expected a list of" in out
        assert "got the string" in out


class TestWrongType:
    def test_table_given_as_a_string(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`issuer = "abc"` says a table was expected, not "'str' object has no attribute"."""
        data = seed_json_data()
        data["issuer"] = "abc"
        code, out = _validate(write_json(tmp_path / "p.json", data), capsys)
        assert code == 1
        assert "issuer: expected a table (issuer), got the string 'abc'" in out
        assert "unknown error" not in out
        assert "attribute" not in out

    def test_task_given_as_a_number(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = seed_json_data()
        data["tasks"][0] = 5
        code, out = _validate(write_json(tmp_path / "p.json", data), capsys)
        assert code == 1
        assert "tasks[0]: expected a table, got the number 5" in out


class TestText:
    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("\ud800", "lone surrogate"),
            ("\x00", "control character (U+0000)"),
            ("Rà soát \x1b[2J", "control character (U+001B)"),
            ("abc\u202edef", "bidirectional control (U+202E)"),
            ("abc\u2067def", "bidirectional control (U+2067)"),
        ],
        ids=["surrogate", "nul", "esc", "rlo", "rli"],
    )
    def test_refused_in_json(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, reason: str
    ) -> None:
        """A JSON escape cannot smuggle what the file's bytes may not hold."""
        data = seed_json_data()
        data["tasks"][1]["title"] = value
        path = tmp_path / "p.json"
        path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert f"tasks[1].title: holds a {reason}" in out
        assert "\x1b" not in out

    def test_raw_control_character_names_the_line(self, tmp_path: Path) -> None:
        """An ESC byte in a TOML file is refused with its line and column."""
        path = tmp_path / "plan.toml"
        path.write_text(_toml_with('title = "Mục đích"', 'title = "Mục\x1b[31m"'), encoding="utf-8")
        with pytest.raises(PlanFileError) as caught:
            load_plan(path)
        assert (
            caught.value.line == SEED_TEXT[: SEED_TEXT.index('title = "Mục đích"')].count("\n") + 1
        )
        assert "control character (U+001B)" in str(caught.value)

    @pytest.mark.parametrize("value", ["\u200b", "\u200b \u200b", "\ufeff", "\u00ad"])
    def test_invisible_only_title_is_empty(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
    ) -> None:
        """A title of zero-width spaces shows nothing: it is an empty title."""
        data = seed_json_data()
        data["title"] = value
        code, out = _validate(write_json(tmp_path / "p.json", data), capsys)
        assert code == 1
        assert "empty title" in out

    @pytest.mark.parametrize("command", ["show", "schedule", "report"])
    def test_surrogate_never_reaches_the_commands(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """show, schedule and report -o .json exit 1 with a message, not UnicodeEncodeError."""
        files = seed_files(tmp_path)
        data = seed_json_data()
        data["tasks"][2]["title"] = "x\ud800"
        plan = tmp_path / "bad.json"
        plan.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
        argv = {
            "show": ["show", str(plan)],
            "schedule": ["schedule", str(plan), "--as-of", "2025-10-01"],
            "report": [
                "report",
                str(plan),
                str(files["progress"]),
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-15",
                "-o",
                str(tmp_path / "r.json"),
            ],
        }[command]
        before = snapshot(tmp_path)
        assert main(argv) == 1
        assert "lone surrogate" in capsys.readouterr().err
        assert snapshot(tmp_path) == before


class TestNumbersAndDates:
    def test_inf_target(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`target = inf` is refused, so no report JSON ever holds Infinity."""
        path = tmp_path / "plan.toml"
        path.write_text(
            SEED_TEXT + '\n[[tasks]]\nnumber = "9"\ntitle = "Chỉ tiêu"\n'
            '[[tasks.indicators]]\nid = "x"\nname = "X"\ntarget = inf\n',
            encoding="utf-8",
        )
        code, out = _validate(path, capsys)
        assert code == 1
        assert "the number inf is not finite" in out

    @pytest.mark.parametrize("constant", ["Infinity", "NaN", "-Infinity", "1e999"])
    def test_json_non_finite(self, tmp_path: Path, constant: str) -> None:
        text = json.dumps(seed_json_data()).replace('"title"', f'"x": {constant}, "title"', 1)
        with pytest.raises(
            (PlanFileError, PlanInvalid), match=r"not a number JSON allows|not finite"
        ):
            loads_plan(text, format="json")

    def test_far_period(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A period 0001-01-01…9999-12-31 is refused at load, so schedule cannot overflow."""
        path = tmp_path / "plan.toml"
        path.write_text(
            _toml_with(
                "start = 2025-09-01\nend = 2025-12-31", "start = 0001-01-01\nend = 9999-12-31"
            ),
            encoding="utf-8",
        )
        code, out = _validate(path, capsys)
        assert code == 1
        assert "outside 1901–2100" in out
        assert main(["schedule", str(path), "--as-of", "2025-10-01"]) == 1

    def test_far_period_in_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        data = seed_json_data()
        data["period"] = {"start": "0001-01-01", "end": "9999-12-31"}
        code, out = _validate(write_json(tmp_path / "p.json", data), capsys)
        assert code == 1
        assert "period.start: the date 0001-01-01 is outside 1901–2100" in out

    def test_huge_json_integer(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """4,300+ digits: our message, not Python's "Exceeds the limit (4300 digits)"."""
        text = json.dumps(seed_json_data()).replace(
            '"title"', '"x": ' + "9" * 5000 + ', "title"', 1
        )
        path = tmp_path / "p.json"
        path.write_text(text, encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "a number of more than 30 digits" in out
        assert "4300" not in out

    def test_huge_toml_integer(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "plan.toml"
        path.write_text("x = " + "9" * 5000 + "\n" + SEED_TEXT, encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "a number of more than 30 digits" in out
        assert "sys.set_int_max_str_digits" not in out


class TestStructure:
    def test_toml_nested_10000_deep(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """10,000 nested arrays: our message, not RecursionError."""
        path = tmp_path / "plan.toml"
        path.write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "nested too deeply" in out

    def test_toml_nested_past_the_depth_limit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "plan.toml"
        path.write_text("x = " + "[" * 100 + "]" * 100 + "\n" + SEED_TEXT, encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "nested more than 32 levels deep" in out

    def test_json_duplicate_keys(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Two "title" keys are an error, as in TOML, instead of the last one winning."""
        text = json.dumps(seed_json_data(), ensure_ascii=False)
        text = text.replace('"title"', '"title": "Một", "title"', 1)
        path = tmp_path / "p.json"
        path.write_text(text, encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "duplicate key 'title'" in out

    def test_ten_level_task_number(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 10-level task number is refused saying the limit of 9."""
        data: dict[str, Any] = seed_json_data()
        data["tasks"][0]["number"] = "1.1.1.1.1.1.1.1.1.1"
        code, out = _validate(write_json(tmp_path / "p.json", data), capsys)
        assert code == 1
        assert "10 levels; a task number has at most 9" in out


class TestTerminal:
    def test_show_never_prints_escape_sequences(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A title holding ESC sequences and U+202E: `show` exits 1, nothing raw printed."""
        data = seed_json_data()
        data["tasks"][3]["title"] = "\x1b[2J\x1b[31mĐÃ XONG\u202e"
        path = tmp_path / "p.json"
        path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
        code = main(["show", str(path)])
        captured = capsys.readouterr()
        printed = captured.out + captured.err
        assert code == 1
        assert "\x1b" not in printed
        assert "\u202e" not in printed

    def test_escape_in_a_key_is_shown_not_obeyed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A key holding ESC and U+202E is named in the message with escapes, not raw."""
        data = seed_json_data()
        data["\x1b[2J\u202e"] = 1
        path = tmp_path / "p.json"
        path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
        code, out = _validate(path, capsys)
        assert code == 1
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\\x1b[2J\\u202e" in out
