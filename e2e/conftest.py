"""Browser tests: Playwright driving the system's Chromium against the live test server.

No browser is downloaded: Chromium comes from the operating system (Debian's
`chromium` package) or CHROMIUM_PATH. A missing browser fails the run; it is never
skipped.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from core.services import default_content_load

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM_PATH}: install Debian's `chromium` package "
            "or set CHROMIUM_PATH to a Chromium or Chrome binary."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class OffsiteRequests(list):
    """Every request the page tried to make to another host (each one is aborted)."""


def _guard_offsite(offsite: OffsiteRequests):
    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    return handle


def new_context(browser: Browser, **options) -> tuple[BrowserContext, OffsiteRequests]:
    context = browser.new_context(**options)
    offsite = OffsiteRequests()
    context.route("**/*", _guard_offsite(offsite))
    return context, offsite


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live test server holding the default content, as a new install has it."""
    default_content_load()
    return live_server.url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context, offsite = new_context(browser, viewport=DESKTOP)
    new_page = context.new_page()
    new_page.offsite_requests = offsite
    yield new_page
    context.close()


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    context, offsite = new_context(browser, viewport=PHONE, java_script_enabled=False)
    new_page = context.new_page()
    new_page.offsite_requests = offsite
    yield new_page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def assert_accessible(axe: Axe, page: Page) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
