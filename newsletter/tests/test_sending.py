"""Sending an issue: to its audience only, HTML and text, one-click headers, no tracking,
in batches, and resumable after a crash without mailing anyone twice."""

import re
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client

from newsletter import services
from newsletter.models import PENDING, SENDING, SENT, UNSUBSCRIBED, Delivery, NewsletterIssue
from newsletter.sending import issue_deliver
from newsletter.tests.conftest import UNSUBSCRIBE_LINK, committed, make_subscriber


class FailingAfter(EmailBackend):
    """A mail server that accepts `limit` messages, then refuses every one."""

    limit = 0
    accepted = 0

    def send_messages(self, messages):
        if FailingAfter.accepted >= FailingAfter.limit:
            raise ConnectionError("mail server went away")
        FailingAfter.accepted += len(messages)
        return super().send_messages(messages)


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "newsletter.tests.test_sending.FailingAfter"
    FailingAfter.accepted = 0
    return FailingAfter


def audience(count: int, language: str = "en") -> list:
    return [make_subscriber(f"{language}{n}@example.org", language=language) for n in range(count)]


def start(issue: NewsletterIssue, editor) -> None:
    with committed():
        services.issue_send_start(issue=issue, by=editor)


def test_an_issue_goes_to_confirmed_subscribers_of_its_language_only(issue, editor, db):
    readers = audience(3)
    audience(2, language="es")
    make_subscriber("pending@example.org", status=PENDING)
    make_subscriber("gone@example.org", status=UNSUBSCRIBED)

    start(issue, editor)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in readers)
    issue.refresh_from_db()
    assert issue.status == SENT
    assert issue.sent_at is not None
    assert Delivery.objects.filter(issue=issue, sent_at__isnull=False).count() == 3


def test_each_message_has_both_parts_its_own_unsubscribe_link_and_no_tracking(
    client: Client, issue, editor, default_content
):
    reader = audience(1)[0]

    start(issue, editor)

    [message] = mail.outbox
    link = f"http://127.0.0.1:8000/newsletter/unsubscribe/{reader.unsubscribe_token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    assert link in message.body and link in html
    assert "Spring update" in message.body and "<h2>New module</h2>" in html
    assert "where to get help (http://127.0.0.1:8000/get-help/)" in message.body
    assert 'href="http://127.0.0.1:8000/get-help/"' in html
    assert "<img" not in html, "no tracking pixel, no remote image"
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert set(hrefs) == {"http://127.0.0.1:8000/get-help/", "http://127.0.0.1:8000/", link}
    assert "trafficking" not in (message.subject + message.body).lower()

    # The provider's one-click POST, exactly as RFC 8058 describes it.
    path = UNSUBSCRIBE_LINK.search(message.extra_headers["List-Unsubscribe"]).group(1)
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == UNSUBSCRIBED


def test_a_spanish_issue_is_in_spanish_with_spanish_links(editor, db):
    reader = audience(1, language="es")[0]
    issue = NewsletterIssue.objects.create(subject="Novedades", language="es", body="<p>Hola</p>")

    start(issue, editor)

    [message] = mail.outbox
    assert f"/es/newsletter/unsubscribe/{reader.unsubscribe_token}/" in message.body


def test_a_send_interrupted_midway_resumes_without_mailing_anyone_twice(
    issue, editor, failing_mail, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 4
    readers = audience(10)
    failing_mail.limit = 6  # the server fails in the middle of the second batch

    start(issue, editor)  # the task fails (the queue records it as failed)

    assert len(mail.outbox) == 6
    issue.refresh_from_db()
    assert issue.status == SENDING
    assert Delivery.objects.filter(issue=issue).count() == 6, "unsent claims are released"

    failing_mail.limit = 1000
    start(issue, editor)  # the editor presses "Resume sending"

    received = Counter(message.to[0] for message in mail.outbox)
    assert received == Counter({reader.email: 1 for reader in readers})
    issue.refresh_from_db()
    assert issue.status == SENT


def test_a_worker_killed_after_claiming_never_causes_a_second_copy(issue, settings):
    """A hard crash (kill -9) leaves claims without a sent time: resuming skips them."""
    settings.NEWSLETTER_BATCH_SIZE = 3
    readers = audience(5)
    issue.status = SENDING
    issue.save(update_fields=["status"])
    Delivery.objects.create(issue=issue, subscriber=readers[0])  # claimed, then the worker died

    sent = issue_deliver(issue_id=issue.pk)

    assert sent == 4
    assert readers[0].email not in [message.to[0] for message in mail.outbox]
    issue.refresh_from_db()
    assert issue.status == SENT


def test_resuming_a_finished_issue_sends_nothing(issue, editor, db):
    audience(2)
    start(issue, editor)

    assert issue_deliver(issue_id=issue.pk) == 0
    with pytest.raises(services.AlreadySent):
        services.issue_send_start(issue=issue, by=editor)
    assert len(mail.outbox) == 2


def test_a_test_send_goes_to_the_editor_only_without_list_headers(issue, editor, db):
    audience(2)
    with committed():
        services.issue_send_test(issue=issue, to=editor.email)

    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "List-Unsubscribe" not in message.extra_headers
    issue.refresh_from_db()
    assert issue.status == "draft"
    assert not Delivery.objects.exists()
