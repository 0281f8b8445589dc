"""Mends mutmut's `max_stack_depth` check for generated code; imported by conftest.py.

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

    def record_trampoline_hit(name: str, caller: str | None = None) -> None:
        depth = config().max_stack_depth
        if depth != -1:
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
