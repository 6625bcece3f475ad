"""An analyst's path through `vnextract serve` in a real headless Chromium (Debian's package, driven by Playwright).

`make test` installs the browser with apt-get; the test skips, saying why, only
where the browser or Playwright is not installed.
"""
import shutil

import pytest

from tests.serving import served

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PERSON_COLOUR = "rgb(170, 156, 252)"  # #aa9cfc, extract.render.LABEL_STYLE["PERSON"]
DOC_COLOUR = "rgb(255, 129, 151)"  # #ff8197


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("no chromium on PATH: install Debian's `chromium` package (make test does, where apt-get works)")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


def test_search_then_read_the_can_tho_seed_with_its_entities_highlighted(browser, seed_store, tmp_path):
    with served(seed_store) as base:
        page = browser.new_page()
        page.goto(f"{base}/vnextract/articles")
        page.fill("input#_search", "Quân khu 9")
        page.press("input#_search", "Enter")
        page.wait_for_url("**/vnextract/articles?*_search=*")
        assert "1 row where text matches" in page.inner_text("h3")
        rows = page.locator("table.rows-and-columns tbody tr")
        assert rows.count() == 1
        assert "qk9-can-tho-2023" in rows.first.inner_text()

        page.click("a.vn-read")  # the row's link to the rendered article
        page.wait_for_url("**/-/render/qk9-can-tho-2023")
        thai = page.locator('mark[data-label="PERSON"]', has_text="Hồ Văn Thái").first
        thai.wait_for()
        assert thai.evaluate("e => e.firstChild.textContent") == "Hồ Văn Thái"
        assert thai.evaluate("e => getComputedStyle(e).backgroundColor") == PERSON_COLOUR
        assert thai.is_visible()
        document = page.locator('mark[data-label="DOC"]', has_text="21-NQ/TW").first
        assert document.evaluate("e => getComputedStyle(e).backgroundColor") == DOC_COLOUR
        legend = page.locator("ul.legend li")
        assert legend.count() == 8

        screenshot = tmp_path / "can-tho-rendered.png"
        page.screenshot(path=str(screenshot), full_page=True)
        data = screenshot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == 1280 and height > 900  # the whole page, taller than the window
        page.close()
