"""Many PDFs in one LibreOffice run, against one: the price of a batch.

    .venv/bin/python benchmarks/bench_pdf_batch.py        # or: make bench

Renders the seed plan to DOCX 20 times, then converts one of them with
:func:`kh_tthc.render.docx_to_pdf` and all twenty with
:func:`kh_tthc.render.docxs_to_pdfs` (one LibreOffice run). Starting LibreOffice is most
of a conversion, so the batch should cost far less than twenty single runs. Aim: twenty
in less than 3x the time of one. Best of 3 runs each. Skips (exit 0) without LibreOffice;
exits 1 when the aim is missed. Figures go to docs/performance.md, "## Many PDFs".
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kh_tthc import load_plan, render_plan
from kh_tthc.render import docx_to_pdf, docxs_to_pdfs

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "skhcn-thai-nguyen-2025" / "plan.toml"
COUNT = 20
RUNS = 3
AIM = 3.0


def main() -> int:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        print("LibreOffice (soffice) is not installed: skipped")
        return 0
    plan = load_plan(SEED)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        docs = []
        for n in range(COUNT):
            path = folder / f"ke-hoach-{n:02d}.docx"
            render_plan(plan, path)
            docs.append(path)
        one, many = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            docx_to_pdf(docs[0], folder / "one.pdf")
            one.append(time.perf_counter() - start)
            start = time.perf_counter()
            docxs_to_pdfs(docs)
            many.append(time.perf_counter() - start)
        assert all((folder / f"ke-hoach-{n:02d}.pdf").stat().st_size > 0 for n in range(COUNT))
    t1, t20 = min(one), min(many)
    ratio = t20 / t1
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"1 document:   {t1:.2f} s (best of {RUNS}: {', '.join(f'{t:.2f}' for t in one)})")
    print(f"{COUNT} documents: {t20:.2f} s (best of {RUNS}: {', '.join(f'{t:.2f}' for t in many)})")
    print(f"ratio: {ratio:.2f}x (aim: < {AIM:g}x)")
    return 0 if ratio < AIM else 1


if __name__ == "__main__":
    sys.exit(main())
