"""Parallel identical signups make one subscriber and one email (PostgreSQL)."""

import threading

import pytest
from django.core import mail
from django.test import Client

from learning.tests.helpers import in_parallel
from newsletter.models import PENDING, Subscriber

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgresql"),
]


def test_parallel_identical_signups_create_one_subscriber(default_content):
    def sign_up():
        data = {"email": "Reader@example.org", "language": "en", "source": "footer"}
        return Client().post("/newsletter/", data).status_code

    outcomes = in_parallel(sign_up)

    assert outcomes == [303] * len(outcomes), outcomes
    assert Subscriber.objects.count() == 1
    assert Subscriber.objects.get().status == PENDING
    assert len(mail.outbox) == 1


def test_parallel_signups_in_different_case_still_make_one_row(default_content):
    spellings = iter(["a@example.org", "A@example.org", "a@EXAMPLE.org", "A@Example.Org"] * 2)
    lock = threading.Lock()

    def sign_up():
        with lock:
            email = next(spellings)
        return (
            Client()
            .post("/newsletter/", {"email": email, "language": "es", "source": "page"})
            .status_code
        )

    outcomes = in_parallel(sign_up)

    assert set(outcomes) == {303}, outcomes
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["a@example.org"]
