"""Write docs/reference/: one page per public module of kh_tthc, and the index of them.

Run: ``.venv/bin/python tools/build_reference.py`` after adding or removing a module
(tests/test_docs.py fails until the pages match the modules). Each page holds one
mkdocstrings directive; MkDocs (``make docs``) fills it from the module's docstrings.
"""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"


def public_modules() -> list[str]:
    """Every module of kh_tthc whose dotted name has no part starting with "_"."""
    sys.path.insert(0, str(ROOT / "src"))
    import kh_tthc

    names = ["kh_tthc"]
    for m in pkgutil.walk_packages(kh_tthc.__path__, prefix="kh_tthc."):
        if not any(part.startswith("_") for part in m.name.split(".")):
            names.append(m.name)
    return sorted(names)


def pages() -> dict[str, str]:
    """File name → content of every page of docs/reference/."""
    out = {}
    names = public_modules()
    for name in names:
        if any(other.startswith(name + ".") for other in names):
            # A package: its docstring; its names are documented in their own modules.
            directive = f"::: {name}\n    options:\n      members: false\n"
        else:
            directive = f"::: {name}\n"
        out[f"{name}.md"] = f"# `{name}`\n\n{directive}"
    listing = "".join(f"- [`{name}`]({name}.md)\n" for name in names)
    out["index.md"] = (
        "# API reference\n\n"
        "Generated from the docstrings by mkdocstrings, one page per public module "
        "(`make docs`). `kh_tthc` itself re-exports the names most programs need.\n\n"
        f"{listing}"
    )
    return out


def main() -> None:
    REFERENCE.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    for stale in REFERENCE.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (REFERENCE / name).write_text(text, encoding="utf-8")
    print(f"{len(wanted)} pages in {REFERENCE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
