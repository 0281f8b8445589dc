"""Check that every mutation kept in tests/mutations/ makes the test suite fail.

Each ``tests/mutations/NN-name.patch`` is a small deliberate change to the code (one
operator, constant or condition) that once left the whole suite passing (issue 11). This
script copies the working tree (tracked files and new ones, with their uncommitted
changes; not .venv nor anything git ignores) to a scratch folder, checks that the tests
named for each patch in ``tests/mutations/manifest.toml`` pass there unchanged, then
applies each patch in turn, runs those tests against the mutated copy and requires them to
FAIL. A patch that no longer applies fails the check loudly: the code it touched has
moved, and the same mutation must be re-expressed on the new code (never dropped).

Run by ``make mutation-check`` (and so by ``make test`` and CI). Exit status: 0 when every
mutation is killed, 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS = ROOT / "tests" / "mutations"
MANIFEST = MUTATIONS / "manifest.toml"
#: Seconds a patch's tests may run; the slowest take about twenty.
TIMEOUT = 300


def _working_tree_files() -> list[str]:
    """Tracked and untracked files that git does not ignore, as the checkout has them."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return sorted({name for name in out.split("\0") if name and (ROOT / name).is_file()})


def _copy_tree(scratch: Path) -> None:
    for name in _working_tree_files():
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def _pytest(scratch: Path, tests: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # The scratch copy's sources come first, before the editable install of the checkout.
    env["PYTHONPATH"] = os.pathsep.join([str(scratch / "src"), str(scratch)])
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests]
    try:
        return subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        # A mutation that makes the tests hang has not passed them: it counts as killed.
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return subprocess.CompletedProcess(command, 1, out, f"timed out after {TIMEOUT} s")


def _git_apply(scratch: Path, patch: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "apply", *extra, str(patch)],
        cwd=scratch,
        capture_output=True,
        text=True,
    )


def _load_manifest() -> list[dict[str, object]]:
    data = tomllib.loads(MANIFEST.read_text("utf-8"))
    entries: list[dict[str, object]] = data["mutation"]
    listed = [str(e["patch"]) for e in entries]
    on_disk = sorted(p.name for p in MUTATIONS.glob("*.patch"))
    problems = []
    for name in sorted(set(on_disk) - set(listed)):
        problems.append(f"{name}: a patch not in manifest.toml (name the tests that kill it)")
    for name in sorted(set(listed) - set(on_disk)):
        problems.append(f"{name}: in manifest.toml but no such patch")
    if len(set(listed)) != len(listed):
        problems.append("manifest.toml lists a patch twice")
    if problems:
        for p in problems:
            print(f"mutation-check: {p}", file=sys.stderr)
        raise SystemExit(1)
    return entries


def main() -> int:
    entries = _load_manifest()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kh-tthc-mutation-") as tmp:
        scratch = Path(tmp)
        _copy_tree(scratch)
        where = subprocess.run(
            [sys.executable, "-c", "import kh_tthc; print(kh_tthc.__file__)"],
            cwd=scratch,
            env={**os.environ, "PYTHONPATH": str(scratch / "src")},
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not Path(where).is_relative_to(scratch):
            print(f"mutation-check: the tests would import {where}, not the copy", file=sys.stderr)
            return 1
        every_test = sorted({str(t) for e in entries for t in e["tests"]})  # type: ignore[attr-defined]
        clean = _pytest(scratch, every_test)
        if clean.returncode != 0:
            print(clean.stdout[-3000:], clean.stderr[-2000:], sep="\n", file=sys.stderr)
            print("mutation-check: the chosen tests fail on the unmutated code", file=sys.stderr)
            return 1
        for entry in entries:
            patch = MUTATIONS / str(entry["patch"])
            tests = [str(t) for t in entry["tests"]]  # type: ignore[attr-defined]
            check = _git_apply(scratch, patch, "--check")
            if check.returncode != 0:
                failures += 1
                print(
                    f"mutation-check: {patch.name} no longer applies: re-express this mutation "
                    f"on the new code ({entry.get('what', '')})\n{check.stderr.strip()}",
                    file=sys.stderr,
                )
                continue
            _git_apply(scratch, patch)
            run = _pytest(scratch, tests)
            if _git_apply(scratch, patch, "-R").returncode != 0:
                print(f"mutation-check: could not revert {patch.name}", file=sys.stderr)
                return 1
            if run.returncode == 1:
                print(f"killed    {patch.name}")
            else:
                failures += 1
                why = "SURVIVED" if run.returncode == 0 else f"pytest exit {run.returncode}"
                print(f"{why:9} {patch.name}: {entry.get('what', '')}", file=sys.stderr)
                print(run.stdout[-2000:], run.stderr[-1000:], sep="\n", file=sys.stderr)
    total = len(entries)
    print(f"mutation-check: {total - failures} of {total} mutations killed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
