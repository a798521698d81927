"""Signing up: double opt-in, the same answer for every address, honeypot and rate limit."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from newsletter.models import PENDING, SUBSCRIBED, UNSUBSCRIBED, Subscriber
from newsletter.tests.conftest import committed, confirm_path, make_subscriber, sign_up


def test_the_whole_flow_from_footer_to_confirmed(client: Client, default_content):
    response = sign_up(client, "  Reader@Example.org ")

    assert response.status_code == 303
    assert response["Location"] == "/newsletter/check-your-email/"
    assert client.get(response["Location"]).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("reader@example.org", PENDING)
    assert subscriber.source == "footer"
    assert subscriber.consent_text.startswith("We will email you now and then")
    assert subscriber.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.subject == "Your email updates from Lodestar"
    assert message.alternatives[0].mimetype == "text/html"

    path = confirm_path(message)
    page = client.get(path)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == PENDING, "opening the link alone confirms nothing"
    confirmed = client.post(path)

    assert confirmed.status_code == 303
    assert "You are signed up" in client.get(confirmed["Location"]).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SUBSCRIBED
    assert subscriber.confirmed_at is not None
    assert client.cookies == {}, "nothing in the flow sets a cookie"


def test_the_signup_page_shows_the_consent_wording_in_both_languages(client, default_content):
    english = BeautifulSoup(client.get("/newsletter/").content, "html.parser")
    spanish = client.get("/es/newsletter/")

    form = english.select_one("main form.signup-form")
    assert form["action"] == "/newsletter/"
    assert "Every email has a link to stop them" in form.select_one(".signup-form__consent").text
    assert form.select_one("select[name=language] option[selected]")["value"] == "en"
    assert spanish.status_code == 200
    soup = BeautifulSoup(spanish.content, "html.parser")
    assert soup.select_one("main form.signup-form")["action"] == "/es/newsletter/"
    assert soup.select_one("main select[name=language] option[selected]")["value"] == "es"


def test_a_spanish_signup_records_the_wording_shown_and_gets_spanish_links(
    client: Client, default_content
):
    page = BeautifulSoup(client.get("/es/newsletter/").content, "html.parser")
    shown = page.select_one("main .signup-form__consent").get_text(strip=True)
    with committed():
        client.post(
            "/es/newsletter/",
            {"email": "lectora@example.org", "language": "es", "source": "page"},
        )

    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.source) == ("es", "page")
    assert subscriber.consent_text == shown
    assert "/es/newsletter/confirm/" in mail.outbox[0].body


def test_every_address_gets_the_same_answer_and_one_email(client: Client, default_content):
    """No enumeration: new, pending, subscribed and unsubscribed look alike from outside."""
    make_subscriber("pending@example.org", status=PENDING).__class__.objects.filter(
        email="pending@example.org"
    ).update(confirmation_key="k" * 32)
    make_subscriber("subscribed@example.org")
    make_subscriber("gone@example.org", status=UNSUBSCRIBED)

    answers = []
    for email in [
        "new@example.org",
        "pending@example.org",
        "subscribed@example.org",
        "gone@example.org",
    ]:
        response = sign_up(client, email)
        answers.append((response.status_code, response["Location"], response.content))

    assert len(set(answers)) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "gone@example.org",
        "new@example.org",
        "pending@example.org",
        "subscribed@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {"Your email updates from Lodestar"}
    assert {message.from_email for message in mail.outbox} == {"Notifications <noreply@localhost>"}


def test_a_stranger_typing_a_subscribed_address_changes_nothing(client, default_content):
    subscriber = make_subscriber("subscribed@example.org", language="es")

    sign_up(client, "SUBSCRIBED@example.org", language="en")

    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.language) == (SUBSCRIBED, "es")
    [message] = mail.outbox
    assert "nothing to do" in message.body or "nada" in message.body
    assert "/newsletter/unsubscribe/" in message.body


def test_an_unsubscribed_reader_signs_up_again_with_a_new_confirmation(client, default_content):
    make_subscriber("gone@example.org", status=UNSUBSCRIBED)

    sign_up(client, "gone@example.org")
    client.post(confirm_path(mail.outbox[0]))

    assert Subscriber.objects.get().status == SUBSCRIBED
    assert Subscriber.objects.count() == 1


def test_one_address_gets_one_signup_email_per_interval(client: Client, default_content):
    for _ in range(3):
        assert sign_up(client, "reader@example.org").status_code == 303

    assert len(mail.outbox) == 1, "the form cannot be used to flood an inbox"
    assert Subscriber.objects.count() == 1


def test_the_honeypot_gets_the_same_answer_and_nothing_happens(client, default_content):
    response = sign_up(client, "bot@example.org", website="http://spam.example")

    assert response.status_code == 303
    assert response["Location"] == "/newsletter/check-your-email/"
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_a_wrong_address_is_shown_on_the_page_with_the_error(client: Client, default_content):
    response = sign_up(client, "not-an-address")

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("main .error-summary") is not None
    field = soup.select_one("main input[name=email]")
    assert field["aria-invalid"] == "true"
    assert field["value"] == "not-an-address"
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize("data", [{}, {"email": "a@example.org", "language": "fr"}])
def test_incomplete_or_odd_posts_are_refused_clearly(client: Client, default_content, data):
    response = client.post("/newsletter/", data)

    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


def test_signups_are_rate_limited_per_client_address(client: Client, default_content, settings):
    settings.NEWSLETTER_SIGNUP_RATE = 3
    for n in range(3):
        assert sign_up(client, f"r{n}@example.org").status_code == 303

    limited = sign_up(client, "r4@example.org")
    elsewhere = sign_up(client, "r5@example.org", REMOTE_ADDR="10.0.0.9")

    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert "Too many attempts" in limited.content.decode()
    assert Subscriber.objects.filter(email="r4@example.org").count() == 0
    assert elsewhere.status_code == 303


def test_a_spoofed_forwarded_header_does_not_dodge_the_limit(client, default_content, settings):
    settings.NEWSLETTER_SIGNUP_RATE = 2
    for n in range(2):
        sign_up(client, f"r{n}@example.org", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = sign_up(client, "r9@example.org", HTTP_X_FORWARDED_FOR="203.0.113.77")

    assert response.status_code == 429


@pytest.mark.parametrize(
    "data",
    [
        {"email": "a@example.org", "language": "en", "source": "%s%d"},
        {"email": "a@example.org", "language": "en", "source": '"><script>x</script>'},
        {"email": "a\x00@example.org", "language": "en", "source": "footer"},
        {"email": "a@example.org\r\nBcc: b@example.org", "language": "en", "source": "page"},
        {"email": "x" * 5000 + "@example.org", "language": "en", "source": "page"},
    ],
    ids=["format-string", "markup", "null", "header-injection", "oversize"],
)
def test_hostile_input_is_refused_or_neutralised_never_a_500(client, default_content, data):
    with committed():
        response = client.post("/newsletter/", data)

    assert response.status_code in {303, 400}
    assert "<script>x" not in response.content.decode()
    assert all("\n" not in message.to[0] for message in mail.outbox)
