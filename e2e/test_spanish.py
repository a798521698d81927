"""The learner journey in Spanish in Chromium: switch mid-course, keep progress, stay in Spanish."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import Profile
from certificates.models import Certificate
from e2e.conftest import PHONE, assert_accessible, new_context
from learning.content import default_course_load
from learning.models import CourseCompletion, CoursePage
from learning.tests.helpers import PASSWORD, right_answers


@pytest.fixture
def course_site(site) -> str:
    default_course_load()
    return site


@pytest.fixture
def phone_page(browser):
    context, offsite = new_context(browser, viewport=PHONE)
    page = context.new_page()
    page.offsite_requests = offsite
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_up_in_spanish(page: Page, site: str, email: str) -> None:
    page.goto(site + "/es/account/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main button[type=submit]")
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    assert link.startswith("/es/"), "the confirmation mail keeps the reader's language"
    page.goto(site + link)
    page.click("main button[type=submit]")


def pass_quiz(page: Page, answers: dict[str, list[str]]) -> None:
    page.click("main >> text=Hacer el cuestionario")
    for choice_ids in answers.values():
        for choice_id in choice_ids:
            page.check(f"#c-{choice_id}")
    page.click("main button[type=submit]")
    expect(page.locator(".result-summary")).to_contain_text("Aprobó")


def test_a_learner_switches_to_spanish_mid_course_and_finishes_in_spanish(
    course_site, phone_page: Page, axe
):
    page, site = phone_page, course_site
    english = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    spanish = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="es")
    english_modules, spanish_modules = english.modules(), spanish.modules()

    sign_up_in_spanish(page, site, "ana@example.org")
    page.goto(site + english_modules[0].url)
    page.click("main >> text=Take the quiz")
    for choice_ids in right_answers(english_modules[0]).values():
        for choice_id in choice_ids:
            page.check(f"#c-{choice_id}")
    page.click("main button[type=submit]")
    expect(page.locator(".result-summary")).to_contain_text("You passed")

    page.goto(site + english_modules[1].url)
    page.click(".language-switch button")
    expect(page).to_have_url(site + spanish_modules[1].url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert Profile.objects.get(user__email="ana@example.org").language == "es"
    assert_accessible(axe, page)

    page.goto(site + spanish.url)
    expect(page.locator(".progress__label")).to_contain_text("1 de 6")  # counted in English
    for module in spanish_modules[1:]:
        page.goto(site + module.url)
        pass_quiz(page, right_answers(module))
    assert_accessible(axe, page)

    page.click("text=Terminó el curso")
    expect(page.locator("h1")).to_have_text("Mis certificados")
    assert_accessible(axe, page)
    assert CourseCompletion.objects.count() == 1
    assert Certificate.objects.get().language == "es"
    assert mail.outbox[-1].subject == "Su certificado está listo"
    assert page.offsite_requests == []
