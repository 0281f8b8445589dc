"""Make the pictures of docs/dashboard.md and docs/portfolio.md from the real output.

Run: ``.venv/bin/python tools/dashboard_pictures.py`` (needs chromium, chromedriver,
LibreOffice and poppler's pdftoppm). Builds the example portfolio's dashboard as of
15/12/2025 and shoots each view at desktop (1280 px) and phone (390 px) width with the
same headless browser the tests use; renders the reminder letter to PDF and its first
page to PNG. Writes docs/images/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
EXAMPLE = ROOT / "examples" / "portfolio"
AS_OF = date(2025, 12, 15)
VIEWS = {
    "index": "index.html",
    "plan": "plans/so-hoa-2025.html",
    "unit": "units/vp.html",
}
SIZES = {"desktop": (1280, 1400), "phone": (390, 1400)}


def shoot(site: Path) -> list[Path]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    out = []
    try:
        for size, (w, h) in SIZES.items():
            driver.set_window_size(w, h)
            for view, rel in VIEWS.items():
                driver.get((site / rel).as_uri())
                path = IMAGES / f"dashboard-{view}-{size}.png"
                driver.save_screenshot(str(path))
                out.append(path)
    finally:
        driver.quit()
    return out


def letter(folder: Path) -> Path:
    from kh_tthc.portfolio import Portfolio
    from kh_tthc.portfolio.letter import reminder, render_reminder
    from kh_tthc.render import docx_to_pdf

    docx = render_reminder(
        reminder(Portfolio.load(EXAMPLE), as_of=AS_OF, units=["vp"]), folder / "cong-van.docx"
    )
    pdf = docx_to_pdf(docx, folder / "cong-van.pdf")
    stem = IMAGES / "cong-van-don-doc"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from kh_tthc.portfolio import Portfolio
    from kh_tthc.portfolio.dashboard import build_dashboard

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        site = Path(d) / "site"
        build_dashboard(Portfolio.load(EXAMPLE), site, as_of=AS_OF)
        for path in [*shoot(site), letter(Path(d))]:
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
