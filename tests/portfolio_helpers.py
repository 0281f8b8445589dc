"""Make portfolio folders for tests: the example's plans copied beside a portfolio.toml
written by the test, so each bad-input case changes one thing."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "portfolio"
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025"


def make_portfolio(folder: Path, toml: str | None = None) -> Path:
    """Copy the example portfolio (seed plan included) into ``folder``; ``toml``, when
    given, replaces portfolio.toml. The seed's files keep their relative place."""
    (folder / "seed").mkdir(parents=True, exist_ok=True)
    for f in SEED.glob("*.csv"):
        shutil.copy(f, folder / "seed" / f.name)
    shutil.copy(SEED / "plan.toml", folder / "seed" / "plan.toml")
    p = folder / "p"
    p.mkdir(exist_ok=True)
    for f in EXAMPLE.iterdir():
        if f.is_file():
            shutil.copy(f, p / f.name)
    text = (EXAMPLE / "portfolio.toml").read_text(encoding="utf-8")
    text = text.replace("../skhcn-thai-nguyen-2025/", "../seed/")
    (p / "portfolio.toml").write_text(toml if toml is not None else text, encoding="utf-8")
    return p


def example_toml() -> str:
    return (
        (EXAMPLE / "portfolio.toml")
        .read_text(encoding="utf-8")
        .replace("../skhcn-thai-nguyen-2025/", "../seed/")
    )
