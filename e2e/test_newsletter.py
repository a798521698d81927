"""The newsletter in Chromium: sign up from the footer, confirm, unsubscribe; every page
axe-clean on a phone and a desktop, and no cookie for a reader at any step."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from e2e.conftest import DESKTOP, PHONE, assert_accessible, new_context
from newsletter.models import SUBSCRIBED, UNSUBSCRIBED, Subscriber

# Screenshots to look at after a change (news-*.png); the system temporary folder by default.
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def _name(viewport: dict) -> str:
    return "phone" if viewport == PHONE else "desktop"


@VIEWPORTS
def test_a_reader_signs_up_from_the_footer_and_confirms(site, browser, axe, viewport):
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    size = _name(viewport)

    page.goto(site + "/get-help/")
    footer = page.locator("footer .signup-form")
    footer.scroll_into_view_if_needed()
    assert_accessible(axe, page)
    page.locator("footer").screenshot(path=SHOTS / f"news-footer-{size}.png")
    footer.locator("input[name=email]").fill("reader@example.org")
    footer.locator("select[name=language]").select_option("es")
    footer.locator("button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(axe, page)
    page.screenshot(path=SHOTS / f"news-check-{size}.png", full_page=True)
    # The email links to BASE_URL; the test server listens elsewhere, so keep only the path.
    path = re.search(r"https?://[^/\s]+(/es/newsletter/confirm/\S+/)", mail.outbox[0].body).group(1)
    page.goto(site + path)
    expect(page.locator("main button[type=submit]")).to_be_visible()
    assert_accessible(axe, page)
    page.screenshot(path=SHOTS / f"news-confirm-{size}.png", full_page=True)
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_be_visible()
    assert_accessible(axe, page)
    assert Subscriber.objects.get().status == SUBSCRIBED
    assert context.cookies() == [], "signing up sets no cookie"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "nothing scrolls sideways"
    assert offsite == []
    context.close()


@VIEWPORTS
def test_the_signup_page_and_its_errors_are_accessible(site, browser, axe, viewport):
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    size = _name(viewport)

    for path in ["/newsletter/", "/es/newsletter/"]:
        page.goto(site + path)
        assert_accessible(axe, page)
    page.goto(site + "/newsletter/")
    page.screenshot(path=SHOTS / f"news-page-{size}.png", full_page=True)
    page.fill("main input[name=email]", "not an address")
    page.click("main button[type=submit]")

    expect(page.locator("main .field-error")).to_be_visible()
    assert_accessible(axe, page)
    page.screenshot(path=SHOTS / f"news-error-{size}.png", full_page=True)
    page.goto(site + "/newsletter/confirm/tampered:link:here/")
    expect(page.locator("h1")).to_have_text("This link does not work")
    assert_accessible(axe, page)
    page.screenshot(path=SHOTS / f"news-badlink-{size}.png", full_page=True)
    assert context.cookies() == []
    assert offsite == []
    context.close()


def test_a_reader_unsubscribes_from_the_link_in_an_email(site, browser, axe):
    subscriber = Subscriber.objects.create(
        email="reader@example.org",
        language="en",
        status=SUBSCRIBED,
        source="page",
        consent_text="We will email you now and then.",
    )
    context, _offsite = new_context(browser, viewport=PHONE)
    page = context.new_page()

    page.goto(site + f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    assert_accessible(axe, page)
    page.screenshot(path=SHOTS / "news-unsubscribe-phone.png", full_page=True)
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_have_text("You are unsubscribed")
    assert_accessible(axe, page)
    subscriber.refresh_from_db()
    assert subscriber.status == UNSUBSCRIBED
    assert context.cookies() == []
    context.close()
