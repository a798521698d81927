"""The learner journey in Chromium, with JavaScript on and off, checked with axe on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from e2e.conftest import PHONE, assert_accessible, new_context
from learning.content import default_course_load
from learning.models import CourseCompletion, CoursePage, KnowledgeCheckResponse
from learning.tests.helpers import PASSWORD, right_answers, wrong_answers


@pytest.fixture
def course_site(site) -> str:
    default_course_load()
    return site


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def learner_page(request, browser):
    context, offsite = new_context(browser, viewport=PHONE, java_script_enabled=request.param)
    page = context.new_page()
    page.offsite_requests = offsite
    page.javascript_enabled = request.param
    yield page
    context.close()


def check_accessible(axe, page: Page) -> None:
    """axe runs as a script in the page, so it can only look when JavaScript is on."""
    if page.javascript_enabled:
        assert_accessible(axe, page)


def sign_up(page: Page, site: str, email: str) -> None:
    page.goto(site + "/account/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Verify")
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(site + link)
    page.click("main button[type=submit]")


def answer_check(page: Page, statements: list[dict], choose) -> None:
    for statement in statements:
        page.check(f"#s-{statement['id']}-{choose(statement)}")
    page.click("main button[type=submit]")


def choose(page: Page, answers: dict[str, list[str]]) -> None:
    for choice_ids in answers.values():
        for choice_id in choice_ids:
            page.check(f"#c-{choice_id}")
    page.click("main button[type=submit]")


def test_the_learner_journey(course_site, learner_page: Page, axe):
    page = learner_page
    page.set_default_timeout(15_000)
    site = course_site
    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    modules = course.modules()
    statements = course.statements()

    sign_up(page, site, "journey@example.org")
    page.goto(site + course.url)
    check_accessible(axe, page)
    page.click("text=Take the check before the course")
    answer_check(page, statements, lambda statement: "myth")
    expect(page.locator("h1")).to_have_text("Your check before the course")

    for number, module in enumerate(modules, start=1):
        page.goto(site + module.url)
        if number == 1:
            check_accessible(axe, page)
            page.click("text=Take the quiz")
            check_accessible(axe, page)
            choose(page, wrong_answers(module))
            expect(page.locator(".result-summary")).to_contain_text("Not yet")
            check_accessible(axe, page)
            page.click("text=Try the quiz again")
        else:
            page.click("text=Take the quiz")
        choose(page, right_answers(module))
        expect(page.locator(".result-summary")).to_contain_text("You passed")

    page.click("text=You finished the course")
    expect(page.locator("h1")).to_have_text("My certificates")
    page.goto(site + course.url)
    expect(page.locator("main")).to_contain_text("You completed this course")
    page.click("text=Take the check after the course")
    answer_check(page, statements, lambda statement: "fact" if statement["is_fact"] else "myth")
    expect(page.locator("h1")).to_have_text("What changed for you")
    check_accessible(axe, page)
    page.goto(site + "/my-learning/")
    expect(page.locator("main")).to_contain_text("Completed on")
    check_accessible(axe, page)

    assert CourseCompletion.objects.count() == 1
    assert KnowledgeCheckResponse.objects.count() == 2
    assert page.offsite_requests == []


def test_module_page_on_a_phone(course_site, browser, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    module = CoursePage.objects.get(
        slug="human-trafficking-101", locale__language_code="en"
    ).modules()[0]

    page.goto(course_site + module.url)

    video = page.locator("video")
    expect(video).to_have_count(1)
    expect(page.locator("video track[kind=captions]")).to_have_count(1)
    expect(page.locator(".transcript")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing scrolls sideways on a phone"
    context.close()
