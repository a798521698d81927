"""Quiz and knowledge-check posts never answer 5xx to bad input, and never change a result
or progress the learner already has."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.tests.bad_input import (
    SafeClient,
    field_value,
    fuzz,
    nasty_text,
    path_segment,
    post_raw,
    raw_body,
    signed_in,
)
from learning.models import KnowledgeCheckResponse, ModuleProgress, QuizResult
from learning.tests.helpers import open_quiz, right_answers, take_quiz


@pytest.fixture
def passed(alice, first_module):
    """Alice passed the first module's quiz; that result and progress must survive anything."""
    client = signed_in(alice)
    client.get(first_module.url)
    take_quiz(client, first_module, right_answers(first_module))
    return first_module


def _saved(user) -> tuple:
    results = list(
        QuizResult.objects.filter(user=user)
        .order_by("pk")
        .values_list("pk", "answers", "correct", "passed", "submitted_at")
    )
    progress = list(
        ModuleProgress.objects.filter(user=user)
        .order_by("pk")
        .values_list("module_key", "content_viewed_at", "quiz_passed_at")
    )
    return results, progress


def _answers(module) -> st.SearchStrategy[dict]:
    """q-<question id> fields holding real choice ids, made-up ones, or anything at all."""
    questions = module.questions()
    choice_ids = [choice.id for question in questions for choice in question.choices]
    value = st.one_of(
        st.lists(st.sampled_from(choice_ids), max_size=3), st.sampled_from(choice_ids), field_value
    )
    names = st.sampled_from([f"q-{question.id}" for question in questions]) | st.text(max_size=20)
    return st.dictionaries(names, value, max_size=len(questions) + 2)


@fuzz(50)
@given(data=st.data())
def test_a_bad_quiz_post_never_fails_nor_changes_the_passed_result(alice, passed, data):
    client = signed_in(alice)
    before = _saved(alice)
    real_token = data.draw(st.booleans())
    token = open_quiz(client, passed) if real_token else data.draw(nasty_text)

    response = client.post(f"{passed.url}quiz/", {"attempt": token, **data.draw(_answers(passed))})

    assert response.status_code in (303, 400)
    results, progress = _saved(alice)
    assert results[: len(before[0])] == before[0]
    assert len(results) <= len(before[0]) + (1 if real_token else 0)
    assert progress == before[1]


@fuzz(40)
@given(token=nasty_text)
def test_made_up_result_links_are_not_found(alice, passed, token):
    response = signed_in(alice).get(f"{passed.url}quiz/results/{path_segment(token)}/")
    assert response.status_code == 404


@fuzz(50)
@given(data=st.data(), phase=st.sampled_from(["before", "after"]) | nasty_text)
def test_a_bad_knowledge_check_post_never_fails(alice, course, data, phase):
    statements = course.statements()
    names = st.sampled_from([f"s-{item['id']}" for item in statements]) | st.text(max_size=20)
    answers = st.dictionaries(
        names, st.sampled_from(["fact", "myth"]) | field_value, max_size=len(statements) + 2
    )
    before = KnowledgeCheckResponse.objects.filter(user=alice).count()

    response = signed_in(alice).post(
        f"{course.url}check/{path_segment(phase)}/", data.draw(answers)
    )

    assert response.status_code in (200, 303, 400, 404)
    if response.status_code != 303:
        assert KnowledgeCheckResponse.objects.filter(user=alice).count() == before


@fuzz(20)
@given(body=raw_body)
def test_any_body_posted_to_a_quiz_changes_nothing(alice, passed, body):
    client = signed_in(alice)
    before = _saved(alice)
    post_raw(client, f"{passed.url}quiz/", body)
    post_raw(client, f"{passed.course.url}check/before/", body)
    post_raw(SafeClient(), f"{passed.url}quiz/", body)
    assert _saved(alice) == before
