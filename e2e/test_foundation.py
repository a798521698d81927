"""The foundation in a real browser: quick exit, keyboard order, accessibility, no offsite load."""

import pytest
from playwright.sync_api import Page, expect

from core.models import QuickExitSettings
from e2e.conftest import PHONE, assert_accessible

PAGES = ["/", "/get-help/", "/stay-safe/", "/privacy/", "/es/", "/es/get-help/", "/no-such-page/"]


@pytest.fixture
def neutral_site(site) -> str:
    """The quick exit destination: set to a page of the test server, as an editor could."""
    settings_row = QuickExitSettings.load()
    settings_row.destination_url = site + "/healthz?neutral"
    settings_row.save()
    return settings_row.destination_url


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_accessibility_violations(site, page: Page, axe, path):
    page.goto(site + path)

    assert_accessible(axe, page)


@pytest.mark.parametrize("path", PAGES)
def test_loading_a_page_requests_nothing_from_another_host(site, page: Page, path):
    page.goto(site + path, wait_until="networkidle")

    assert page.offsite_requests == []


def test_skip_link_then_quick_exit_lead_the_tab_order(site, page: Page):
    page.goto(site + "/get-help/")

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class("skip-link")
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("href", "/exit/")


def test_quick_exit_stays_visible_and_uncovered_while_scrolling(site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/stay-safe/")

    page.mouse.wheel(0, 5000)
    page.wait_for_function("window.scrollY > 1000")

    button = page.locator(".quick-exit")
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    topmost = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.quick-exit') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert topmost, "something covers the quick exit"
    context.close()


def test_quick_exit_with_javascript_leaves_no_history(site, page: Page, neutral_site):
    page.goto(site + "/")
    page.goto(site + "/stay-safe/")

    page.click(".quick-exit")
    page.wait_for_url(neutral_site)

    page.go_back()
    assert page.url == site + "/", "the page the visitor left is gone from the tab's history"


def test_the_page_blanks_before_the_browser_leaves(site, page: Page, neutral_site):
    page.goto(site + "/get-help/")

    left_behind = page.evaluate(
        "() => { document.querySelector('.quick-exit').click();"
        " return [document.body.childElementCount, document.title]; }"
    )

    assert left_behind[0] == 0
    assert "Get help" not in left_behind[1]
    page.wait_for_url(neutral_site)


def test_pressing_shift_three_times_exits(site, page: Page, neutral_site):
    page.goto(site + "/")
    page.goto(site + "/privacy/")

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

    page.go_back()
    assert page.url == site + "/"


def test_typing_capitals_does_not_trigger_the_quick_exit(site, page: Page, neutral_site):
    page.goto(site + "/")

    for letter in "ABC":
        page.keyboard.press(f"Shift+{letter}")
    page.wait_for_timeout(500)

    assert page.url == site + "/"


def test_quick_exit_works_without_javascript(site, page_without_js: Page, neutral_site):
    page_without_js.goto(site + "/get-help/")
    expect(page_without_js.locator(".exit-bar__hint")).to_be_hidden()

    page_without_js.click(".quick-exit")

    page_without_js.wait_for_url(neutral_site)


def test_language_switch_in_the_browser(site, page: Page):
    page.goto(site + "/get-help/")

    page.click(".language-switch a")

    expect(page).to_have_url(site + "/es/get-help/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Pida ayuda")
