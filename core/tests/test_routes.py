"""The page an address leads to is remembered until the next edit, for everyone alike."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from core.models import StandardPage
from learning.models import CoursePage

pytestmark = pytest.mark.usefixtures("shared_fragments")


@pytest.fixture
def learner(client: Client, alice) -> Client:
    client.force_login(alice)
    return client


def _twice(client: Client, url: str) -> list[int]:
    """Status codes of two requests: the second takes the remembered route."""
    return [client.get(url).status_code for _ in range(2)]


def test_a_remembered_route_serves_the_same_page_and_its_own_routes(learner, course):
    module = course.modules()[0]

    assert _twice(learner, module.url) == [200, 200]
    assert _twice(learner, module.url + "quiz/") == [200, 200]
    quiz = learner.get(module.url + "quiz/").content.decode()
    assert 'name="attempt"' in quiz and module.title in quiz


def test_the_same_address_in_each_language_leads_to_its_own_page(learner, course):
    spanish = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="es"
    )
    assert _twice(learner, course.url) == [200, 200]
    assert _twice(learner, spanish.url) == [200, 200]

    english_page = learner.get(course.url).content.decode()
    spanish_page = learner.get(spanish.url).content.decode()

    assert '<html lang="en"' in english_page and course.title in english_page
    assert '<html lang="es"' in spanish_page and spanish.title in spanish_page
    assert spanish.title != course.title


def test_an_unpublished_module_is_gone_at_once(learner, course):
    module = course.modules()[-1]
    assert learner.get(module.url).status_code == 200

    module.unpublish()

    assert learner.get(module.url).status_code == 404


def test_a_renamed_page_answers_at_its_new_address_at_once(learner, default_content):
    page = StandardPage.objects.live().filter(locale__language_code="en").first()
    old_url = page.url
    assert learner.get(old_url).status_code == 200

    page.slug = "a-new-address"
    page.save_revision().publish()

    assert learner.get(old_url).status_code == 404
    assert learner.get(page.get_parent().url + "a-new-address/").status_code == 200


def test_a_private_page_stays_private_when_its_route_is_remembered(learner, default_content):
    page = StandardPage.objects.live().filter(locale__language_code="en").first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert _twice(learner, page.url) == [200, 200]

    learner.logout()

    response = learner.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_module_closed_to_a_group_is_closed_at_once_to_a_learner_outside_it(learner, course):
    from django.contrib.auth.models import Group

    module = course.modules()[0]
    assert _twice(learner, module.url) == [200, 200]  # no privacy rules: remembered as such

    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff only"))

    assert learner.get(module.url).status_code == 302


def test_the_privacy_settings_of_a_page_without_rules_open_in_the_admin(client, editor, course):
    client.force_login(editor)

    response = client.get(f"/admin/pages/{course.pk}/privacy/")

    assert response.status_code == 200
    assert b"Public" in response.content
