"""Accounts: neutral mail, no enumeration, lockout by account and address, export, deletion."""

import json
import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from learning.models import KnowledgeCheckResponse, ModuleProgress, QuizResult
from learning.tests.helpers import PASSWORD, right_answers, take_quiz

REVEALING_WORDS = ["traffick", "lodestar", "hotline", "survivor", "course"]


def sign_up(client: Client, email: str):
    return client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_sign_up_asks_only_for_email_and_password(client: Client, db):
    html = client.get("/account/signup/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]  # not the footer's newsletter form

    fields = set(re.findall(r'<input[^>]* name="([^"]+)"', main))
    assert fields == {"csrfmiddlewaretoken", "email", "password1", "password2"}


def test_confirmation_email_is_neutral(client: Client, db, settings):
    sign_up(client, "new@example.org")

    message = mail.outbox[-1]
    assert message.subject == "Confirm your email address"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    text = (message.subject + message.body + message.from_email).lower()
    for word in REVEALING_WORDS:
        assert word not in text, word


def test_signing_up_with_a_registered_address_looks_the_same(client: Client, alice):
    new = sign_up(client, "someone-new@example.org")
    taken = sign_up(Client(), "alice@example.org")

    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"]
    assert get_user_model().objects.filter(email="alice@example.org").count() == 1


def test_password_reset_never_reveals_whether_an_address_is_registered(client: Client, alice):
    known = client.post("/account/password/reset/", {"email": "alice@example.org"})
    unknown = client.post("/account/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_an_unverified_address_cannot_sign_in(client: Client, db):
    sign_up(client, "pending@example.org")
    other = Client()

    response = other.post("/account/login/", {"login": "pending@example.org", "password": PASSWORD})

    assert "_auth_user_id" not in other.session
    assert response.status_code in (200, 302)


def test_login_and_logout(client: Client, alice):
    response = client.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    client.post("/account/logout/")
    assert "_auth_user_id" not in client.session


def failed_logins(client: Client, email: str, count: int) -> None:
    for _ in range(count):
        client.post("/account/login/", {"login": email, "password": "wrong-password"})


def test_repeated_failures_lock_out_that_account_from_that_address_only(alice, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    failed_logins(attacker, "alice@example.org", settings.AXES_FAILURE_LIMIT)

    locked = attacker.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})
    alice_elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    allowed = alice_elsewhere.post(
        "/account/login/", {"login": "alice@example.org", "password": PASSWORD}
    )

    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert allowed.status_code == 302
    assert alice_elsewhere.session["_auth_user_id"] == str(alice.pk)


def test_a_spoofed_forwarded_header_does_not_escape_the_lockout(alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}, 203.0.113.9")
        proxy.post("/account/login/", {"login": "alice@example.org", "password": "wrong"})

    retry = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="10.9.9.99, 203.0.113.9")
    locked = retry.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})
    alice_home = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    allowed = alice_home.post(
        "/account/login/", {"login": "alice@example.org", "password": PASSWORD}
    )

    assert locked.status_code == 429
    assert allowed.status_code == 302


def test_the_admin_signs_in_through_the_same_guarded_form(db, client: Client):
    for path in ["/admin/login/", "/django-admin/login/"]:
        response = client.get(path + "?next=/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == "/account/login/?next=/admin/pages/"
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302


def test_data_export_holds_the_learners_data(client: Client, alice, first_module):
    client.force_login(alice)
    client.get(first_module.url)
    take_quiz(client, first_module, right_answers(first_module))

    response = client.get("/account/data.json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.org"
    assert data["module_progress"][0]["module"] == str(first_module.translation_key)
    assert data["quiz_results"][0]["passed"] is True
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_data_export_needs_sign_in(client: Client, db):
    response = client.get("/account/data.json")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_deleting_the_account_takes_all_learning_data(client: Client, alice, course):
    client.force_login(alice)
    module = course.modules()[0]
    client.get(module.url)
    take_quiz(client, module, right_answers(module))
    statements = {f"s-{s['id']}": "fact" for s in course.statements()}
    client.post(f"{course.url}check/before/", statements)
    failed_logins(Client(), "alice@example.org", 1)

    wrong = client.post("/account/delete/", {"password": "not-it"})
    assert wrong.status_code == 400
    response = client.post("/account/delete/", {"password": PASSWORD})

    assert response.status_code == 303
    assert not get_user_model().objects.filter(pk=alice.pk).exists()
    for model in (ModuleProgress, QuizResult, KnowledgeCheckResponse, EmailAddress):
        assert not model.objects.exists(), model.__name__
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username="alice@example.org").exists()
    assert "_auth_user_id" not in client.session


def test_argon2_is_the_first_password_hasher():
    from django.conf import settings as django_settings

    from lodestar import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.SESSION_COOKIE_HTTPONLY


def test_password_reset_email_is_neutral(client: Client, alice, settings):
    client.post("/account/password/reset/", {"email": "alice@example.org"})

    message = mail.outbox[-1]
    assert message.to == ["alice@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    text = (message.subject + message.body).lower()
    for word in REVEALING_WORDS:
        assert word not in text, word


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client: Client, alice):
    wrong_password = client.post(
        "/account/login/", {"login": "alice@example.org", "password": "not-her-password"}
    )
    unknown = Client().post(
        "/account/login/", {"login": "nobody@example.org", "password": "not-her-password"}
    )

    assert wrong_password.status_code == unknown.status_code == 200
    errors = [
        re.findall(r"<li>([^<]*)</li>", r.content.decode()) for r in (wrong_password, unknown)
    ]
    assert errors[0] == errors[1]
    assert "_auth_user_id" not in client.session


def test_data_export_covers_organizations_second_factor_and_newsletter(client: Client, alice):
    from accounts.tests.helpers import give_second_factor
    from newsletter.models import Subscriber
    from organizations.models import Membership, Organization

    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    Membership.objects.create(organization=organization, user=alice)
    give_second_factor(alice)
    Subscriber.objects.create(
        email="alice@example.org", language="es", source="page", consent_text="Yes, email me."
    )
    client.force_login(alice)

    data = json.loads(client.get("/account/data.json").content)

    assert data["organizations"][0]["organization"] == "Riverside Chapter"
    assert data["sign_in_authenticators"][0]["type"] == "totp"
    assert data["newsletter"][0]["consent_text"] == "Yes, email me."
    assert "secret" not in json.dumps(data["sign_in_authenticators"])


def test_sign_in_rate_limits_count_each_client_behind_the_proxy(client: Client, alice, settings):
    """Behind a load balancer, one person's sign-ins never use up everyone else's."""
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/account/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert get_adapter().get_client_ip(request) == "198.51.100.7"
