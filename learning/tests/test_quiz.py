"""Quizzes through the HTTP client: no leaked answers, one result per attempt, retake rules."""

from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from learning.models import ModuleProgress, QuizAttempt, QuizResult
from learning.tests.helpers import open_quiz, quiz_post_data, right_answers, wrong_answers


def quiz_url(module) -> str:
    return module.url + "quiz/"


def test_every_quiz_page_hides_answers_and_explanations(client: Client, alice, modules):
    client.force_login(alice)

    for module in modules:
        html = unescape(client.get(quiz_url(module)).content.decode())
        for question in module.questions():
            assert question.prompt in html
            for choice in question.choices:
                assert choice.explanation not in html, (module.slug, choice.explanation)
        assert "correct" not in html.lower().replace("incorrect", "")


def test_a_visitor_without_an_account_is_asked_to_sign_in(client: Client, first_module):
    response = client.get(quiz_url(first_module))

    assert response.status_code == 200
    html = response.content.decode()
    assert "/account/signup/?next=" in html
    assert 'name="attempt"' not in html
    assert response.cookies == {}


def test_passing_submission_is_graded_and_recorded(client: Client, alice, first_module):
    client.force_login(alice)
    token = open_quiz(client, first_module)

    response = client.post(
        quiz_url(first_module), quiz_post_data(token, right_answers(first_module))
    )

    assert response.status_code == 303
    assert response["Location"] == f"{quiz_url(first_module)}results/{token}/"
    result = QuizResult.objects.get(attempt__token=token)
    assert result.passed and result.correct == result.total
    progress = ModuleProgress.objects.get(user=alice, module_key=first_module.translation_key)
    assert progress.quiz_passed_at is not None
    page = unescape(client.get(response["Location"]).content.decode())
    assert "You passed" in page
    for question in first_module.questions():
        for choice in question.choices:
            assert choice.explanation in page


def test_failing_then_passing(client: Client, alice, first_module):
    client.force_login(alice)
    first = open_quiz(client, first_module)
    client.post(quiz_url(first_module), quiz_post_data(first, wrong_answers(first_module)))
    second = open_quiz(client, first_module)

    client.post(quiz_url(first_module), quiz_post_data(second, right_answers(first_module)))

    assert first != second
    assert list(
        QuizResult.objects.filter(user=alice)
        .order_by("submitted_at")
        .values_list("passed", flat=True)
    ) == [False, True]


def test_a_resubmitted_form_never_makes_a_second_result(client: Client, alice, first_module):
    client.force_login(alice)
    token = open_quiz(client, first_module)
    data = quiz_post_data(token, wrong_answers(first_module))

    first = client.post(quiz_url(first_module), data)
    again = client.post(quiz_url(first_module), quiz_post_data(token, right_answers(first_module)))

    assert first["Location"] == again["Location"]
    assert QuizResult.objects.filter(user=alice).count() == 1
    assert not QuizResult.objects.get(user=alice).passed


def test_a_closed_attempt_whose_result_was_removed_gets_a_fresh_form(
    client: Client, alice, first_module
):
    client.force_login(alice)
    token = open_quiz(client, first_module)
    client.post(quiz_url(first_module), quiz_post_data(token, wrong_answers(first_module)))
    QuizResult.objects.filter(attempt__token=token).delete()  # as an operator might, by hand

    again = client.post(quiz_url(first_module), quiz_post_data(token, right_answers(first_module)))

    assert again.status_code == 303
    assert again["Location"] == quiz_url(first_module)
    assert not QuizResult.objects.exists()


def test_missing_answers_get_a_clear_400_and_keep_what_was_chosen(
    client: Client, alice, first_module
):
    client.force_login(alice)
    token = open_quiz(client, first_module)
    answers = right_answers(first_module)
    skipped = next(iter(answers))
    answers[skipped] = []

    response = client.post(quiz_url(first_module), quiz_post_data(token, answers))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Please answer every question" in html
    assert f'href="#q-{skipped}"' in html
    assert html.count(" checked") == sum(len(ids) for ids in answers.values())
    assert not QuizResult.objects.exists()


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 500])
def test_unknown_attempt_tokens_get_a_fresh_form(client: Client, alice, first_module, token):
    client.force_login(alice)

    response = client.post(
        quiz_url(first_module), quiz_post_data(token, right_answers(first_module))
    )

    assert response.status_code == 303
    assert response["Location"] == quiz_url(first_module)
    assert not QuizResult.objects.exists()


def test_someone_elses_attempt_token_does_not_work(client: Client, alice, charlie, first_module):
    client.force_login(alice)
    token = open_quiz(client, first_module)
    client.force_login(charlie)

    response = client.post(
        quiz_url(first_module), quiz_post_data(token, right_answers(first_module))
    )

    assert response.status_code == 303
    assert not QuizResult.objects.exists()


def test_results_are_private_to_the_learner(client: Client, alice, charlie, first_module):
    client.force_login(alice)
    token = open_quiz(client, first_module)
    location = client.post(
        quiz_url(first_module), quiz_post_data(token, right_answers(first_module))
    )["Location"]

    client.force_login(charlie)
    assert client.get(location).status_code == 404
    client.logout()
    assert client.get(location).status_code == 404


def test_an_attempt_limit_locks_the_quiz(client: Client, alice, first_module):
    first_module.max_attempts = 1
    first_module.save_revision().publish()
    client.force_login(alice)
    token = open_quiz(client, first_module)
    client.post(quiz_url(first_module), quiz_post_data(token, wrong_answers(first_module)))

    response = client.get(quiz_url(first_module))

    assert "You have used every attempt" in response.content.decode()
    assert QuizAttempt.objects.filter(user=alice, submitted_at__isnull=True).count() == 0


def test_a_wait_between_attempts_is_enforced(client: Client, alice, first_module):
    first_module.retake_wait_minutes = 30
    first_module.save_revision().publish()
    client.force_login(alice)
    token = open_quiz(client, first_module)
    client.post(quiz_url(first_module), quiz_post_data(token, wrong_answers(first_module)))

    locked = client.get(quiz_url(first_module)).content.decode()
    QuizResult.objects.update(submitted_at=timezone.now() - timedelta(minutes=31))
    reopened = client.get(quiz_url(first_module)).content.decode()

    assert "You can take this quiz again after" in locked
    assert 'name="attempt"' in reopened


def test_reloading_the_quiz_keeps_one_open_attempt(client: Client, alice, first_module):
    client.force_login(alice)

    tokens = {open_quiz(client, first_module) for _ in range(3)}

    assert len(tokens) == 1
    assert QuizAttempt.objects.filter(user=alice).count() == 1


def test_a_page_objects_questions_are_read_from_its_blocks_once(first_module):
    asked = first_module.questions()
    count = len(asked)
    asked.clear()  # each caller has a list of its own
    first_module.quiz = []  # not read again: the view and the service share one reading

    assert len(first_module.questions()) == count > 0
