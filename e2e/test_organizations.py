"""Organizations in Chromium: join with consent, the dashboard and the reach page, axe-clean."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.helpers import give_second_factor, totp_code
from certificates.tests.helpers import complete_course
from e2e.conftest import DESKTOP, PHONE, assert_accessible, new_context
from e2e.test_certificates import sign_in
from learning.content import default_course_load
from learning.models import CoursePage
from learning.tests.helpers import make_learner
from organizations.models import ADMIN, InviteLink, Membership, Organization


@pytest.fixture
def chapter(site):
    default_course_load()
    organization = Organization.objects.create(
        name="Riverside Chapter", slug="riverside", public_reach=True
    )
    chair = make_learner("chair@example.org")
    Membership.objects.create(organization=organization, user=chair, role=ADMIN)
    give_second_factor(chair)
    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    for n in range(3):
        member = make_learner(f"volunteer{n}@example.org")
        Membership.objects.create(
            organization=organization, user=member, consent_given_at=timezone.now()
        )
        if n == 0:
            complete_course(member, course)
    return organization


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_person_joins_with_consent_through_an_invite_link(
    site, chapter, browser, axe, javascript
):
    link = InviteLink.objects.create(organization=chapter)
    make_learner("newcomer@example.org")
    context, offsite = new_context(browser, viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()

    page.goto(site + f"/join/{link.token}/")
    expect(page.locator("h1")).to_have_text("Join Riverside Chapter")
    page.locator("main").get_by_role("link", name="Sign in", exact=True).click()
    page.fill("input[name=login]", "newcomer@example.org")
    page.fill("input[name=password]", "a-long-passphrase-1")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Join Riverside Chapter")
    if javascript:
        assert_accessible(axe, page)
    page.check("#id_consent")
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_have_text("My organizations")
    expect(page.locator("main")).to_contain_text("You share your training progress")
    if javascript:
        assert_accessible(axe, page)
    assert Membership.objects.get(user__email="newcomer@example.org").shares_progress
    assert offsite == []
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_dashboard_reads_well_and_passes_axe(site, chapter, browser, axe, viewport):
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    sign_in(page, site, "chair@example.org")
    page.fill("input[name=code]", totp_code())
    page.click("main button[type=submit]")

    page.goto(site + "/organizations/riverside/")
    expect(page.locator(".stats")).to_contain_text("People trained")
    expect(page.locator("figure.chart svg")).to_have_count(2)
    assert_accessible(axe, page)
    page.click("text=Show the numbers as a table >> nth=0")
    expect(page.locator("details.chart-table table").first).to_be_visible()
    assert_accessible(axe, page)
    page.goto(site + "/organizations/riverside/links/")
    assert_accessible(axe, page)
    page.goto(site + "/organizations/riverside/reach/")
    expect(page.locator(".stats")).to_contain_text("1")
    assert_accessible(axe, page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "nothing scrolls sideways"
    assert offsite == []
    context.close()
