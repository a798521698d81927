"""The second factor in Chromium: an admin sets up an authenticator app, then reaches the admin."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from accounts.tests.helpers import make_staff, totp_code
from e2e.conftest import DESKTOP, PHONE, assert_accessible, new_context
from e2e.test_certificates import sign_in
from learning.tests.helpers import PASSWORD


@pytest.fixture
def staff(site):
    return make_staff("staff@example.org")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_admin_sets_up_an_authenticator_app_on_the_way_in(site, staff, browser, axe, viewport):
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    sign_in(page, site, "staff@example.org")

    page.goto(site + "/admin/")
    expect(page.locator(".messages")).to_contain_text("Set up an authenticator app")
    assert_accessible(axe, page)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Activate Authenticator App")
    assert_accessible(axe, page)
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", totp_code(secret))
    page.click("main button[type=submit]")

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    page.goto(site + "/admin/")
    expect(page).to_have_url(site + "/admin/")
    assert offsite == []
    context.close()
