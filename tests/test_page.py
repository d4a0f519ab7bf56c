"""The page for people, in a real headless Chromium against a real `stance serve`."""

import os
import shutil

import pytest

from tests.conftest import SEED

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SAMPLE = (
    "Pyongyang fired two ballistic missiles into the sea on Thursday. "
    "Seoul condemned the launch. It also called for talks."
)


@pytest.fixture()
def browser():
    if os.environ.get("STANCE_REQUIRE_BROWSER") != "1":
        pytest.importorskip("playwright.sync_api")
        if not os.path.exists(CHROMIUM):
            pytest.skip("no chromium on this machine (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


def test_paste_an_article_and_read_it(browser, live_server, tmp_path):
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else SAMPLE
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto(live_server + "/")
    page.fill("#article", text)
    page.click("#analyze")
    page.wait_for_selector("#statements li")
    items = page.locator("#statements li")
    expected = 17 if SEED.exists() else 3
    assert items.count() == expected
    assert page.locator("#actors tbody tr").count() >= 1
    assert page.locator("#mix div").count() >= 1
    assert {items.nth(i).get_attribute("data-stance") for i in range(items.count())} <= {
        "escalatory",
        "de-escalatory",
        "reassuring",
        "neutral",
    }
    # keyboard: focus the first statement and open its scores with Enter
    items.nth(0).focus()
    page.keyboard.press("Enter")
    details = items.nth(0).locator(".details")
    assert "escalatory" in details.inner_text() and "Words that decided it" in details.inner_text()
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_the_page_reports_errors(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    page.fill("#article", "   ")
    page.evaluate("document.getElementById('article').removeAttribute('required')")
    page.click("#analyze")
    page.wait_for_function("document.getElementById('status').textContent.includes('text')")
