"""Certificates in Chromium: the learner names and shares one; a verifier checks it."""

import pytest
from playwright.sync_api import Page, expect

from certificates.models import Certificate
from certificates.tests.helpers import complete_course
from e2e.conftest import DESKTOP, PHONE, assert_accessible, new_context
from learning.content import default_course_load
from learning.models import CoursePage
from learning.tests.helpers import PASSWORD, make_learner


@pytest.fixture
def certificate(site) -> Certificate:
    default_course_load()
    learner = make_learner("holder@example.org")
    return complete_course(
        learner, CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    )


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def learner_page(request, browser):
    context, offsite = new_context(browser, viewport=PHONE, java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.offsite_requests = offsite
    page.javascript_enabled = request.param
    yield page
    context.close()


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(site + "/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_the_learner_names_and_downloads_the_certificate(site, certificate, learner_page, axe):
    page = learner_page
    sign_in(page, site, "holder@example.org")
    page.goto(site + "/my-learning/")
    page.click("text=Your certificate")
    expect(page.locator("h1")).to_have_text("My certificates")
    page.click("text=Choose the name on your certificate")
    if page.javascript_enabled:
        assert_accessible(axe, page)

    page.click("main button[type=submit]")  # nothing typed yet
    expect(page.locator(".field-error")).to_contain_text("required")
    page.fill("#id_recipient_name", "Ana María Ortiz")
    page.check("#id_show_name_publicly")
    page.click("main button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("Your certificate is ready.")
    shared = page.locator(".share input").input_value()
    assert shared.endswith(f"/certificates/{certificate.display_code}/")
    copy = page.locator("button.copy-link")
    if page.javascript_enabled:
        expect(copy).to_be_visible()
        assert_accessible(axe, page)
    else:
        expect(copy).to_be_hidden()
    pdf = page.request.get(site + f"/certificates/{certificate.display_code}/pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF-")
    assert page.offsite_requests == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_verifier_checks_a_code_from_paper(site, certificate, browser, axe, viewport):
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    typed = " ".join(certificate.display_code.lower().split("-"))

    page.goto(site + "/")
    page.click("footer >> text=Verify a certificate")
    assert_accessible(axe, page)
    page.fill("#id_code", typed)
    page.click("main button[type=submit]")

    expect(page.locator(".verdict h2")).to_have_text("Valid certificate")
    expect(page.locator(".facts")).to_contain_text("Human Trafficking 101")
    expect(page.locator(".facts")).to_contain_text("keeps their name private")
    assert_accessible(axe, page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "nothing scrolls sideways"
    assert offsite == []
    context.close()


def test_revoked_and_unknown_certificates_read_clearly(site, certificate, browser, axe):
    from certificates.services import certificate_revoke

    certificate_revoke(certificate=certificate, reason="Issued in error", by=None)
    context, _offsite = new_context(browser, viewport=PHONE)
    page = context.new_page()

    page.goto(site + f"/certificates/{certificate.display_code}/")
    expect(page.locator(".verdict--revoked h2")).to_contain_text("Revoked on")
    assert_accessible(axe, page)

    response = page.goto(site + "/certificates/NOT-A-REAL-CODE/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("We found no certificate with this code")
    assert_accessible(axe, page)

    page.fill("#id_code", "hello")
    page.click("main button[type=submit]")
    expect(page.locator(".field-error")).to_contain_text("This is not a certificate code")
    assert_accessible(axe, page)
    context.close()
