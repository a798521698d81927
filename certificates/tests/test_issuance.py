import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from certificates.models import Certificate
from certificates.services import certificate_issue
from certificates.tests.helpers import complete_course
from learning.models import CourseCompletion, ModuleProgress
from learning.tests.helpers import right_answers, take_quiz


def test_finishing_the_course_in_the_browser_issues_a_certificate(client, alice, modules):
    client.force_login(alice)
    for module in modules:
        client.get(module.url)
        html = take_quiz(client, module, right_answers(module))

    certificate = Certificate.objects.get(user=alice)
    assert certificate.course_title == "Human Trafficking 101"
    assert certificate.recipient_name == ""
    assert not certificate.show_name_publicly
    assert "/my-learning/certificates/" in html


def test_no_certificate_before_every_module_is_complete(alice, course, modules):
    ModuleProgress.objects.create(
        user=alice,
        course_key=course.translation_key,
        module_key=modules[0].translation_key,
        content_viewed_at="2026-03-02T10:00:00Z",
        quiz_passed_at="2026-03-02T10:00:00Z",
    )
    from learning.services import course_completion_record

    assert course_completion_record(user=alice, course=course) is None
    assert not Certificate.objects.exists()


def test_completing_twice_keeps_one_certificate(alice, course):
    first = complete_course(alice, course)
    second = complete_course(alice, course)

    assert first.pk == second.pk
    assert Certificate.objects.filter(user=alice).count() == 1


def test_the_database_refuses_a_second_certificate_for_a_course(alice, course):
    certificate = complete_course(alice, course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            user=alice,
            course_key=certificate.course_key,
            course_title="copy",
            completed_at=certificate.completed_at,
            issued_at=certificate.issued_at,
        )


def test_issuing_again_returns_the_first_certificate(alice, course):
    certificate = complete_course(alice, course)
    completion = CourseCompletion.objects.get(user=alice)

    assert certificate_issue(completion=completion, course=course).pk == certificate.pk


def test_the_notice_is_sent_only_after_the_transaction_commits(
    alice, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complete_course(alice, course)
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Your certificate is ready"
    certificate = Certificate.objects.get(user=alice)
    assert f"/my-learning/certificates/{certificate.display_code}/" in message.body


def test_the_notice_names_neither_the_course_nor_its_subject(
    alice, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(alice, course)

    text = (mail.outbox[0].subject + mail.outbox[0].body).lower()
    assert "trafficking" not in text


def test_a_rolled_back_completion_sends_nothing_and_keeps_nothing(
    alice, course, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        complete_course(alice, course)
        raise RuntimeError("the request failed after completion")

    assert mail.outbox == []
    assert not Certificate.objects.exists()
    assert not CourseCompletion.objects.exists()


def test_a_spanish_learner_gets_the_notice_in_spanish(
    alice, course, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        complete_course(alice, course)

    assert Certificate.objects.get(user=alice).language == "es"
    assert mail.outbox[0].subject == "Su certificado está listo"
