"""Confirmation and unsubscribe links: tampered or expired links get clear pages, never a 500."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client

from newsletter import services
from newsletter.models import PENDING, SUBSCRIBED, UNSUBSCRIBED, Subscriber
from newsletter.tests.conftest import confirm_path, make_subscriber, sign_up


@pytest.fixture
def link(client: Client, default_content) -> str:
    sign_up(client, "reader@example.org")
    return confirm_path(mail.outbox[0])


def _tamper(path: str) -> str:
    token = path.rstrip("/").rsplit("/", 1)[1]
    key, stamp, signature = token.split(":")
    return path.replace(token, f"{key[:-1]}{'A' if key[-1] != 'A' else 'B'}:{stamp}:{signature}")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "mangle",
    [
        _tamper,
        lambda path: path[:-12] + "/",
        lambda path: "/newsletter/confirm/not-a-token/",
        lambda path: "/newsletter/confirm/" + "x:" * 300 + "/",
    ],
    ids=["tampered", "truncated", "garbage", "long"],
)
def test_a_tampered_link_gets_a_clear_page_offering_to_sign_up_again(
    client: Client, link, method, mangle
):
    response = getattr(client, method)(mangle(link))

    assert response.status_code == 400
    body = response.content.decode()
    assert "This link does not work" in body
    assert 'action="/newsletter/"' in body
    assert Subscriber.objects.get().status == PENDING


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_says_so_and_offers_a_new_one(client: Client, link, method, settings):
    later = (
        signing.time.time()
        + timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS, hours=1).total_seconds()
    )

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = getattr(client, method)(link)

    assert response.status_code == 410
    body = response.content.decode()
    assert "This link has expired" in body
    assert "work for 7 days" in body
    assert 'action="/newsletter/"' in body
    assert Subscriber.objects.get().status == PENDING


def test_confirming_twice_is_harmless(client: Client, link):
    first = client.post(link)
    second = client.post(link)

    assert (first.status_code, second.status_code) == (303, 303)
    assert "already confirmed" in client.get(link).content.decode()
    assert Subscriber.objects.get().status == SUBSCRIBED


def test_an_old_confirmation_link_cannot_resubscribe_after_unsubscribing(client: Client, link):
    client.post(link)
    subscriber = Subscriber.objects.get()
    client.post(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")

    response = client.post(link)

    assert response.status_code == 400
    assert Subscriber.objects.get().status == UNSUBSCRIBED


def test_unsubscribe_get_asks_first_so_link_scanners_unsubscribe_nobody(client, default_content):
    subscriber = make_subscriber("reader@example.org")

    response = client.get(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")

    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SUBSCRIBED


def test_one_click_unsubscribe_is_a_cookieless_post_and_idempotent(client, default_content):
    """RFC 8058: the mail provider POSTs List-Unsubscribe=One-Click, no cookie, no CSRF token."""
    subscriber = make_subscriber("reader@example.org")
    url = f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/"
    strict = Client(enforce_csrf_checks=True)

    first = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    subscriber.refresh_from_db()
    stamped = subscriber.unsubscribed_at
    second = strict.post(url, {"List-Unsubscribe": "One-Click"})

    assert (first.status_code, second.status_code) == (200, 200)
    assert "You are unsubscribed" in second.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == UNSUBSCRIBED
    assert subscriber.unsubscribed_at == stamped is not None
    assert first.cookies == {} and second.cookies == {}
    assert "You are unsubscribed" in client.get(url).content.decode()


def test_an_unknown_unsubscribe_token_is_a_clear_404(client: Client, default_content):
    for method in (client.get, client.post):
        response = method("/newsletter/unsubscribe/no-such-token/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


def test_erasing_blanks_the_address_and_keeps_the_consent_record(client, default_content):
    subscriber = make_subscriber("reader@example.org")

    erased = services.subscriber_erase(subscriber=subscriber)

    assert erased.email == ""
    assert erased.status == UNSUBSCRIBED
    assert erased.erased_at is not None
    assert erased.consent_text == "We will email you now and then."
    assert not Subscriber.objects.filter(email="reader@example.org").exists()
    sign_up(client, "reader@example.org")
    assert Subscriber.objects.count() == 2, "the address can sign up again as a new row"


def test_the_address_is_unique_whatever_its_case(db):
    make_subscriber("reader@example.org")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_subscriber("Reader@Example.org")
    make_subscriber("")  # erased rows do not collide
    make_subscriber("")
