import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from newsletter.models import SUBSCRIBED, NewsletterIssue, Subscriber

CONFIRM_LINK = re.compile(r"http://127\.0\.0\.1:\d+(/(?:es/)?newsletter/confirm/[^/\s]+/)")
UNSUBSCRIBE_LINK = re.compile(r"http://127\.0\.0\.1:\d+(/(?:es/)?newsletter/unsubscribe/[^/\s]+/)")


def committed():
    """Run what a view queued for after its commit (tests run inside one open transaction)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def sign_up(client: Client, email: str, language: str = "en", **extra):
    fields = {"email": email, "language": language, "source": "footer", "website": ""}
    meta = {key: extra.pop(key) for key in list(extra) if key.isupper()}
    with committed():
        return client.post("/newsletter/", {**fields, **extra}, **meta)


def confirm_path(message: mail.EmailMessage) -> str:
    return CONFIRM_LINK.search(message.body).group(1)


def make_subscriber(email: str, language: str = "en", status: str = SUBSCRIBED) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        language=language,
        status=status,
        source="page",
        consent_text="We will email you now and then.",
    )


@pytest.fixture
def issue(db) -> NewsletterIssue:
    return NewsletterIssue.objects.create(
        subject="Spring update",
        language="en",
        intro="What we did this season.",
        body='<h2>New module</h2><p>Read <a href="/get-help/">where to get help</a>.</p>',
    )
