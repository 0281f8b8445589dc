"""Regenerate the pictures of a reporting form in docs/img/ (used by docs/forms.md).

    .venv/bin/python tools/form_pictures.py

Makes the Quý IV/2025 forms of the seed plan (examples/skhcn-thai-nguyen-2025/plan.toml),
fills the Phòng Chuyển đổi số's form with its rows of the seed's progress-2025-Q4.csv as
the unit would, and prints both pages (the task sheet and the "Hướng dẫn" sheet) to PNG
through LibreOffice and pdftoppm (poppler-utils). Commit the pictures it writes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from kh_tthc import load_plan, load_progress
from kh_tthc.forms import make_forms
from kh_tthc.forms.columns import DATA_SHEET, FIRST_ROW, IDENTITY_SHEET
from kh_tthc.periods import Period
from kh_tthc.soffice import convert

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025"
OUT = ROOT / "docs" / "img"


def fill(path: Path, plan_path: Path) -> None:
    """Type the unit's rows of the seed's Quý IV/2025 progress into its form."""
    plan = load_plan(plan_path)
    progress = load_progress(SEED / "progress-2025-Q4.csv", plan)
    book = openpyxl.load_workbook(path)
    ident = {r[0].value: r[1].value for r in book[IDENTITY_SHEET].iter_rows()}
    keys = str(ident["columns"]).split(",")
    ws = book[DATA_SHEET]
    for n in range(FIRST_ROW, ws.max_row + 1):
        for r in progress.rows:
            if str(r.task) == ws.cell(n, 1).value and r.unit == ident["unit"]:
                ws.cell(n, keys.index("status") + 1).value = r.status.label.capitalize()
                ws.cell(n, keys.index("result") + 1).value = r.result or None
                ws.cell(n, keys.index("proposal") + 1).value = r.proposal or None
                if r.completed is not None:
                    ws.cell(n, keys.index("completed") + 1).value = r.completed
    book.save(path)


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    plan = load_plan(SEED / "plan.toml")
    with tempfile.TemporaryDirectory() as work:
        forms = make_forms(plan, Period.parse("2025-Q4"), Path(work))
        (form,) = [p for p in forms if p.name == "Phòng Chuyển đổi số.xlsx"]
        fill(form, SEED / "plan.toml")
        simple = Path(work, "form.xlsx")
        shutil.copyfile(form, simple)
        with convert(simple, "pdf", timeout=180) as pdf:
            prefix = OUT / "form-cds"
            subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True)
    for png in sorted(OUT.glob("form-cds-*.png")):
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
