"""Pinned query counts: a change that adds an N+1 to these pages fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate
from learning.tests.helpers import (
    mark_done,
    open_quiz,
    quiz_post_data,
    right_answers,
    session_query,
    take_quiz,
)


def count_queries(client, url: str) -> int:
    """Queries of a warm request: the page was fetched once before (caches filled)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def busy_alice(client, alice, modules):
    """Alice halfway through: three modules done, one started."""
    client.force_login(alice)
    for module in modules[:3]:
        client.get(module.url)
        take_quiz(client, module, right_answers(module))
    client.get(modules[3].url)
    return alice


def test_module_page_queries_are_pinned(client, busy_alice, modules):
    # A warm request is a reload within the minute: the visit is not written again.
    assert count_queries(client, modules[4].url) == 22 + session_query()
    assert count_queries(client, modules[1].url) == 22 + session_query()


def test_module_page_queries_for_a_visitor_are_pinned(client, modules):
    assert count_queries(client, modules[0].url) == 20


def test_my_learning_queries_are_pinned(client, busy_alice):
    assert count_queries(client, "/my-learning/") == 11 + session_query()


def test_course_page_queries_are_pinned(client, busy_alice, course):
    assert count_queries(client, course.url) == 19 + session_query()


def test_module_page_queries_with_shared_fragments_are_pinned(
    client, busy_alice, modules, shared_fragments
):
    # 22 without. From the shared cache: the site, the walk down the page tree, the page
    # itself, its course, the course's modules, the hotline, the menu, the language versions
    # and the lesson's video files, and whether the page has privacy rules. Left: the
    # learner and the progress, which the visit reads its row from.
    assert count_queries(client, modules[4].url) == 2 + session_query()
    assert count_queries(client, modules[1].url) == 2 + session_query()


def test_my_learning_queries_with_shared_fragments_are_pinned(
    client, busy_alice, course, shared_fragments
):
    # 11 without: the site, the courses, the catalogue and the chrome come from the shared
    # cache, though no page of the site was visited. Left: the learner, and per course
    # progress, knowledge checks and completion.
    assert count_queries(client, "/my-learning/") == 4 + session_query()


def test_a_quiz_pass_that_completes_the_course_looks_up_organizations_once(
    client, shared_fragments, alice, course, modules, django_capture_on_commit_callbacks
):
    mark_done(alice, course, modules[:-1])
    last = modules[-1]
    client.force_login(alice)
    for _visit in range(2):  # the first makes the settings rows, which empties the caches
        with django_capture_on_commit_callbacks(execute=True):  # committed, as a request is
            client.get(last.url)
    token = open_quiz(client, last)
    form = quiz_post_data(token, right_answers(last))

    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"{last.url}quiz/", form)
    look_ups = [query for query in captured if " UNION " in query["sql"]]

    assert response.status_code == 303
    assert Certificate.objects.filter(user=alice).exists()
    # Three of her rows change (progress, completion, certificate): one look-up of her
    # organizations, whose dashboard figures this changes, once all is committed.
    assert len(look_ups) == 1


def test_a_quiz_submission_s_queries_are_pinned(client, shared_fragments, alice, modules):
    module = modules[0]
    client.force_login(alice)
    client.get(module.url)
    client.get(module.url)  # the route and the lesson now shared
    form = quiz_post_data(open_quiz(client, module), right_answers(module))

    with CaptureQueriesContext(connection) as captured:
        response = client.post(f"{module.url}quiz/", form)

    assert response.status_code == 303
    # The attempt, the result, the attempt closed, the progress read and written, the
    # course's completed modules counted, and the savepoint around them: no look-up of an
    # earlier result while the attempt is open.
    assert len(captured) == 9 + session_query()
