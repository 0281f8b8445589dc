"""tools/mutation_score.py: a mutation run's score, and the equivalents docs/testing.md lists."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("mutation_score", ROOT / "tools/mutation_score.py")
assert _spec is not None
assert _spec.loader is not None
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def _run(tmp_path: Path, codes: dict[str, int | None], listed: dict[str, str]) -> Path:
    """A mutation run's results for `codes` and an equivalents list, in tmp_path."""
    by_file: dict[str, dict[str, int | None]] = {}
    for name, code in codes.items():
        by_file.setdefault(score.module_of(name).replace(".", "/"), {})[name] = code
    for module, module_codes in by_file.items():
        meta = tmp_path / "mutants/src" / f"{module}.py.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({"exit_code_by_key": module_codes}), encoding="utf-8")
    folder = tmp_path / "equivalent"
    folder.mkdir()
    lines = [f'"{name}" = "{reason}"' for name, reason in listed.items()]
    (folder / "a.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _main(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = score.main(
        ["--mutants", str(folder / "mutants"), "--equivalent", str(folder / "equivalent")]
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def _names(module: str, n: int) -> list[str]:
    return [f"kh_tthc.{module}.x_rule__mutmut_{i}" for i in range(1, n + 1)]


def test_under_ninety_percent_of_the_non_equivalent_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 100 mutants: 1 equivalent, 89 killed (2 of them by timeout), 10 survived: 89/99 < 90%.
    names = _names("periods", 100)
    codes: dict[str, int | None] = dict.fromkeys(names[:87], 1)
    codes |= {names[87]: 36, names[88]: -9} | dict.fromkeys(names[89:99], 0)
    codes[names[99]] = 0
    listed = {names[99]: "the same answers"}
    code, out, err = _main(_run(tmp_path, codes, listed), capsys)
    assert "| `kh_tthc.periods` | 100 | 89 | 10 | 1 | 89.9% |" in out
    assert code == 1
    assert "kh_tthc.periods: 89.9% of its non-equivalent mutants killed" in err


def test_a_module_at_ninety_percent_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _names("periods", 100)
    codes: dict[str, int | None] = dict.fromkeys(names[:90], 1) | dict.fromkeys(names[90:], 0)
    listed = {names[99]: "the same answers"}  # 1% of all mutants: under the 5% allowed
    code, out, err = _main(_run(tmp_path, codes, listed), capsys)
    assert "| `kh_tthc.periods` | 100 | 90 | 9 | 1 | 90.9% |" in out
    assert (code, err) == (0, "")


def test_too_many_equivalents_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = _names("calendar", 20)
    codes: dict[str, int | None] = dict.fromkeys(names[:19], 1) | {names[19]: 0}
    code, _, err = _main(_run(tmp_path, codes, {names[19]: "cache"}), capsys)
    assert code == 1
    assert "equivalent mutants are 5.0% of all (at most 5.0%)" in err


@pytest.mark.parametrize(
    ("code_of_listed", "problem"),
    [(1, "listed as equivalent but killed"), (None, "mutants not tried")],
)
def test_an_out_of_date_list_or_an_unfinished_run_fails(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    code_of_listed: int | None,
    problem: str,
) -> None:
    names = _names("schedule", 50)
    codes: dict[str, int | None] = dict.fromkeys(names, 1) | {names[0]: code_of_listed}
    code, _, err = _main(_run(tmp_path, codes, {names[0]: "reason"}), capsys)
    assert code == 1
    assert problem in err


def test_a_listed_name_that_is_no_mutant_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes: dict[str, int | None] = dict.fromkeys(_names("report", 30), 1)
    gone = "kh_tthc.report.x_gone__mutmut_1"
    code, _, err = _main(_run(tmp_path, codes, {gone: "reason"}), capsys)
    assert code == 1
    assert f"no mutant of this run: {gone}" in err


def test_module_of_a_method_and_a_function() -> None:
    assert score.module_of("kh_tthc.deadline.parse.x__new_period__mutmut_3") == (
        "kh_tthc.deadline.parse"
    )
    assert score.module_of("kh_tthc.periods.xǁPeriodǁnext__mutmut_15") == "kh_tthc.periods"


def test_docs_list_every_equivalent_mutant_with_its_reason() -> None:
    """docs/testing.md shows tests/mutations/equivalent/*.toml as the tool prints it."""
    text = (ROOT / "docs/testing.md").read_text(encoding="utf-8")
    begin = "<!-- equivalents: begin (tools/mutation_score.py --equivalents-md) -->\n"
    end = "<!-- equivalents: end -->"
    assert begin in text
    assert end in text
    shown = text.split(begin, 1)[1].split(end, 1)[0].strip()
    listed = score.equivalents(ROOT / "tests/mutations/equivalent")
    assert listed, "no equivalent mutants listed"
    assert shown == score.equivalents_markdown(listed).strip()
