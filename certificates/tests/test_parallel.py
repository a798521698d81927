"""Parallel completions issue one certificate (PostgreSQL, where writers really race)."""

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue
from learning.models import CourseCompletion
from learning.tests.helpers import in_parallel

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgresql"),
]


def test_it_issues_one_certificate_on_parallel_completion(alice, course):
    completion = CourseCompletion.objects.create(
        user=alice, course_key=course.translation_key, completed_at=timezone.now()
    )

    outcomes = in_parallel(lambda: certificate_issue(completion=completion, course=course))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert Certificate.objects.filter(user=alice).count() == 1
    assert len({outcome.pk for outcome in outcomes}) == 1
