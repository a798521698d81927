"""Concurrency: N parallel submissions of one attempt produce one result (PostgreSQL).

These run on the PostgreSQL leg of `make test` (and in CI, where it is mandatory):
SQLite serialises writers, so parallel threads there prove nothing.
"""

import pytest

from certificates.models import Certificate
from learning import services
from learning.models import CourseCompletion, ModuleProgress, QuizAttempt, QuizResult
from learning.tests.helpers import in_parallel, mark_done, right_answers

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgresql"),
]


def test_parallel_submissions_of_one_attempt_make_one_result(alice, first_module):
    attempt = services.quiz_attempt_open(user=alice, module=first_module)
    answers = right_answers(first_module)

    outcomes = in_parallel(
        lambda: services.quiz_submit(
            user=alice, module=first_module, token=attempt.token, raw_answers=answers, language="en"
        )
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert QuizResult.objects.filter(attempt=attempt).count() == 1
    assert sum(outcome.created for outcome in outcomes) == 1
    assert len({outcome.result.pk for outcome in outcomes}) == 1
    assert ModuleProgress.objects.filter(user=alice).count() == 1


def test_parallel_quiz_openings_make_one_open_attempt(alice, first_module):
    outcomes = in_parallel(lambda: services.quiz_attempt_open(user=alice, module=first_module))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert len({outcome.pk for outcome in outcomes}) == 1
    assert QuizAttempt.objects.filter(user=alice, submitted_at__isnull=True).count() == 1


def test_parallel_completion_records_one_completion(alice, course, modules):
    mark_done(alice, course, modules, at="2026-01-01T00:00:00Z")

    outcomes = in_parallel(lambda: services.course_completion_record(user=alice, course=course))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert CourseCompletion.objects.filter(user=alice).count() == 1
    assert len({outcome.pk for outcome in outcomes}) == 1
    assert Certificate.objects.filter(user=alice).count() == 1
