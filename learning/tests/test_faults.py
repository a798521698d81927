"""A crash midway through a learner's write leaves nothing half-written, and a retry works.

Each test lets a later step of the write run, then raises: everything the write did
before must be rolled back, and the learner sees the site's error page.
"""

import pytest
from django.test import Client

from certificates.models import Certificate
from learning import services
from learning.models import CourseCompletion, ModuleProgress, QuizAttempt, QuizResult
from learning.tests.helpers import (
    assert_clean_error_page,
    fail_after,
    mark_done,
    open_quiz,
    quiz_post_data,
    right_answers,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def learner(alice) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


def progress(user, module) -> ModuleProgress:
    return ModuleProgress.objects.get(user=user, module_key=module.translation_key)


def all_but_the_last_done(user, course) -> None:
    *done, _last = course.modules()
    mark_done(user, course, done)


def test_a_crash_after_grading_leaves_no_result_and_the_same_form_still_works(
    learner, alice, first_module, monkeypatch
):
    learner.get(first_module.url)
    token = open_quiz(learner, first_module)
    form = quiz_post_data(token, right_answers(first_module))
    fail_after(monkeypatch, services, "_quiz_passed_record")

    response = learner.post(f"{first_module.url}quiz/", form)

    assert_clean_error_page(response)
    assert not QuizResult.objects.exists()
    assert QuizAttempt.objects.get(token=token).submitted_at is None
    assert progress(alice, first_module).quiz_passed_at is None
    monkeypatch.undo()
    assert learner.post(f"{first_module.url}quiz/", form).status_code == 303
    assert QuizResult.objects.get().passed
    assert progress(alice, first_module).quiz_passed_at is not None


def test_a_crash_while_issuing_the_certificate_undoes_the_completion_and_the_quiz(
    learner, alice, course, monkeypatch
):
    all_but_the_last_done(alice, course)
    last = course.modules()[-1]
    learner.get(last.url)
    form = quiz_post_data(open_quiz(learner, last), right_answers(last))
    fail_after(monkeypatch, Certificate.objects, "create")

    response = learner.post(f"{last.url}quiz/", form)

    assert_clean_error_page(response)
    assert not Certificate.objects.exists()
    assert not CourseCompletion.objects.exists()
    assert not QuizResult.objects.exists()
    assert progress(alice, last).quiz_passed_at is None
    monkeypatch.undo()
    assert learner.post(f"{last.url}quiz/", form).status_code == 303
    assert Certificate.objects.filter(user=alice).count() == 1
    assert CourseCompletion.objects.filter(user=alice).count() == 1


def test_a_crash_while_issuing_on_the_last_visit_leaves_the_module_unviewed(
    learner, alice, course, monkeypatch
):
    """Quizzes passed first, content read last: that visit completes the course."""
    all_but_the_last_done(alice, course)
    last = course.modules()[-1]
    ModuleProgress.objects.create(
        user=alice,
        course_key=course.translation_key,
        module_key=last.translation_key,
        quiz_passed_at="2026-03-02T10:00:00Z",
    )
    fail_after(monkeypatch, Certificate.objects, "create")

    response = learner.get(last.url)

    assert_clean_error_page(response)
    assert progress(alice, last).content_viewed_at is None
    assert not CourseCompletion.objects.exists()
    monkeypatch.undo()
    assert learner.get(last.url).status_code == 200
    assert Certificate.objects.filter(user=alice).count() == 1
