"""The dashboard in a real headless browser (Debian's chromium + chromedriver, Selenium):
figures read off the page equal the roll-up's, every link resolves to a file of the site,
no sideways scrolling at 390 px, and the print stylesheet hides the navigation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from kh_tthc.cli import main
from kh_tthc.periods import Period
from kh_tthc.portfolio import Portfolio
from tests.needs import need
from tests.portfolio_helpers import EXAMPLE

AS_OF = date(2025, 12, 15)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dash") / "site"
    assert main(["dashboard", str(EXAMPLE), "--as-of", AS_OF.isoformat(), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need("chromium", "chromedriver")
    pytest.importorskip("selenium")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: object, path: Path) -> None:
    driver.get(path.as_uri())  # type: ignore[attr-defined]


def test_figures_equal_the_rollup(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    plans, units = Portfolio.load(EXAMPLE).rollup(Period.parse("2025-Q4"), as_of=AS_OF)
    open_page(browser, site / "index.html")

    def read(css: str, key: str) -> dict[str, tuple[int, ...]]:
        out = {}
        for row in browser.find_elements(By.CSS_SELECTOR, css):  # type: ignore[attr-defined]
            figs = row.find_element(By.CSS_SELECTOR, ".figs")
            out[row.get_attribute(f"data-{key}")] = tuple(
                int(figs.find_element(By.CSS_SELECTOR, c).text)
                for c in (".total", ".done-n", ".overdue-n", ".not-reported-n")
            )
        return out

    assert read(".plan-row", "plan") == {
        f.plan: (f.total, f.done, f.overdue, f.not_reported) for f in plans
    }
    assert read(".unit-row", "unit") == {
        f.unit: (f.total, f.done, f.overdue, f.not_reported) for f in units
    }
    overdue = browser.find_elements(By.CSS_SELECTOR, "#qua-han + ul li")  # type: ignore[attr-defined]
    assert len(overdue) == sum(f.overdue for f in plans)


def test_every_link_resolves(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3
    checked = 0
    for page in pages:
        open_page(browser, page)
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href]"):  # type: ignore[attr-defined]
            url = urlparse(a.get_attribute("href"))
            assert url.scheme == "file", f"{page.name}: {url.geturl()} leaves the site"
            target = Path(unquote(url.path))
            assert target.is_file(), f"{page.name}: {target}"
            assert site in target.parents, f"{page.name}: {target} is outside the site"
            if url.fragment and target.suffix == ".html":
                assert f'id="{unquote(url.fragment)}"' in target.read_text(encoding="utf-8")
            checked += 1
    assert checked > 20


def test_no_sideways_scrolling_on_a_phone(site: Path, browser: object) -> None:
    browser.set_window_size(390, 900)  # type: ignore[attr-defined]
    try:
        for page in sorted(site.rglob("*.html")):
            open_page(browser, page)
            width = browser.execute_script(  # type: ignore[attr-defined]
                "return document.documentElement.scrollWidth"
            )
            inner = browser.execute_script("return window.innerWidth")  # type: ignore[attr-defined]
            assert inner <= 390, "the window is not phone-sized"
            assert width <= 390, f"{page.name}: {width}px wide"
    finally:
        browser.set_window_size(1280, 1000)  # type: ignore[attr-defined]


def test_print_stylesheet_hides_navigation(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site / "index.html")
    nav = browser.find_element(By.CSS_SELECTOR, "nav")  # type: ignore[attr-defined]
    assert nav.is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # type: ignore[attr-defined]
    try:
        assert not nav.is_displayed()
        shown = browser.execute_script(  # type: ignore[attr-defined]
            "return getComputedStyle(document.querySelector('nav')).display"
        )
        assert shown == "none"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})  # type: ignore[attr-defined]


def test_user_text_is_escaped(tmp_path: Path) -> None:
    """A unit name with markup shows as text: the site holds no tag of the user's."""
    from tests.portfolio_helpers import make_portfolio

    folder = make_portfolio(tmp_path)
    toml = (folder / "portfolio.toml").read_text(encoding="utf-8")
    (folder / "portfolio.toml").write_text(
        toml.replace('title = "Các kế hoạch', 'title = "<script>x</script> Các kế hoạch'),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert main(["dashboard", str(folder), "--as-of", "2025-12-15", "-o", str(out)]) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text
