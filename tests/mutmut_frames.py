"""Ties tests to mutated functions for mutmut; imported by conftest.py.

Two changes to mutmut's choice of the tests a mutant runs (its `record_trampoline_hit`):
a rule module's own tests are tied to its functions however deep the call (`OWN_TESTS`),
and the check of the other tests' depth works on generated code.

With `max_stack_depth` set (`[tool.mutmut]` in pyproject.toml), mutmut 3.8.1 maps each
function only to the tests that reach it through at most that many frames of our code, so a
mutant runs its module's own tests rather than every CLI and import test that reaches it
through several layers. It tells our frames by resolving each frame's file with
`Path.resolve(strict=True)`, which raises on the frames of generated code (attrs'
`<attrs generated methods kh_tthc.periods.SendingRule>`), and its stats run stopped at the
first import of kh_tthc. The copy of its `record_trampoline_hit` below skips such frames
(they are not a file of ours) and remembers which files are ours instead of resolving
every frame's path on every call; otherwise it is mutmut's. It is installed only in a mutmut
run (`KH_TTHC_MUTATION=1` and mutmut loaded), before kh_tthc is imported.
"""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

#: Each rule module's own test files (name prefixes), tied to every function of the module
#: they reach, at any depth: a deadline rule is six or seven frames below its test
#: (`parse_deadline` → `_parse` → `_read` → `_one` → reader → `_period_of` → rule), past
#: `max_stack_depth`, which keeps the other tests (every CLI and import test above a
#: function) to the close callers. `tests/test_rule_tables.py` is every module's own.
OWN_TESTS: dict[str, tuple[str, ...]] = {
    "kh_tthc.calendar.": ("tests/test_calendar",),
    "kh_tthc.periods.": ("tests/test_periods",),
    "kh_tthc.deadline.": ("tests/test_deadline", "tests/test_real_phrases"),
    "kh_tthc.schedule.": ("tests/test_schedule",),
    "kh_tthc.report.": ("tests/test_report.py",),
    "kh_tthc.progress.": ("tests/test_progress", "tests/test_import_progress"),
    "kh_tthc.validate.": ("tests/test_validate", "tests/hostile/test_plan_rules"),
    "kh_tthc.importing.": (
        "tests/test_import",
        "tests/test_legacy_fonts",
        "tests/hostile/test_import",
    ),
    "kh_tthc.render.context.": ("tests/test_render_context",),
    "kh_tthc.render.report_context.": ("tests/test_report_render",),
}
_EVERY_MODULE = ("tests/test_rule_tables",)

#: The node id of the test running now (set by conftest.py's `pytest_runtest_logstart`).
running = ""


def _install() -> None:
    import mutmut.mutation.trampoline as trampoline
    import mutmut.stats as stats
    from mutmut.configuration import config
    from mutmut.state import state

    # Whether a file is ours, by name: resolved once, not on every call of every frame
    # (the stats run calls this for each call of a mutated function).
    known: dict[str, bool] = {}

    def is_ours(filename: str) -> bool:
        if filename not in known:
            if filename.startswith("<"):
                known[filename] = False  # generated code (attrs, dataclasses): no file
            else:
                path = Path(filename).resolve()
                roots = config().resolved_mutated_source_paths
                known[filename] = any(root in path.parents for root in roots)
        return known[filename]

    own_files: dict[str, tuple[str, ...]] = {}

    def own_test(name: str) -> bool:
        """Whether the running test is one of `name`'s module's own tests."""
        if name not in own_files:
            prefixes = [files for module, files in OWN_TESTS.items() if name.startswith(module)]
            own_files[name] = _EVERY_MODULE + (prefixes[0] if prefixes else ())
        return running.startswith(own_files[name])

    def record_trampoline_hit(name: str, caller: str | None = None) -> None:
        depth = config().max_stack_depth
        if depth != -1 and not own_test(name):
            frame = inspect.currentframe()
            while depth and frame:
                filename = frame.f_code.co_filename
                frame = frame.f_back
                if "pytest" in filename or "unittest" in filename:
                    break
                if is_ours(filename):
                    depth -= 1
            if not depth:
                return
        state()._stats.add(name)
        if caller is not None and config().track_dependencies:
            state().function_dependencies[name].add(caller)

    stats.record_trampoline_hit = record_trampoline_hit
    trampoline.record_trampoline_hit = record_trampoline_hit


if os.environ.get("KH_TTHC_MUTATION") == "1" and "mutmut.stats" in sys.modules:
    _install()
