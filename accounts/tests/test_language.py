"""The language a signed-in learner picks sticks: saved on their profile, used for mail."""

from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from accounts.models import Profile
from accounts.services import account_delete, account_export
from certificates.models import Certificate
from certificates.tests.helpers import complete_course
from learning.tests.helpers import PASSWORD


def switch_form(client: Client, path: str):
    return BeautifulSoup(client.get(path).content, "html.parser").select_one(
        ".language-switch form"
    )


def choose(client: Client, language: str, next_url: str):
    return client.post("/account/language/", {"language": language, "next": next_url})


def test_a_visitor_switches_with_a_plain_link_and_gets_no_cookie(client: Client, default_content):
    response = client.get("/stay-safe/")
    switch = BeautifulSoup(response.content, "html.parser").select_one(".language-switch")

    assert switch.select_one("a")["href"] == "/es/stay-safe/"
    assert switch.select_one("form") is None
    assert response.cookies == {}


def test_a_signed_in_learner_switches_with_a_form_that_saves_the_choice(
    client: Client, default_content, alice
):
    client.force_login(alice)
    form = switch_form(client, "/stay-safe/")

    assert form["action"] == "/account/language/"
    assert form.select_one("[name=language]")["value"] == "es"
    assert form.select_one("[name=next]")["value"] == "/es/stay-safe/"

    response = choose(client, "es", "/es/stay-safe/")

    assert response.status_code == 303
    assert response["Location"] == "/es/stay-safe/"
    assert Profile.objects.get(user=alice).language == "es"


def test_switching_back_updates_the_one_profile(client: Client, default_content, alice):
    client.force_login(alice)
    choose(client, "es", "/es/")
    choose(client, "en", "/")

    assert list(Profile.objects.filter(user=alice).values_list("language", flat=True)) == ["en"]


def test_a_foreign_next_or_unknown_language_is_refused_and_saves_nothing(
    client: Client, default_content, alice
):
    client.force_login(alice)

    foreign = choose(client, "es", "https://evil.example/")
    unknown = choose(client, "xx", "/")

    assert foreign.status_code == 400
    assert unknown.status_code == 400
    assert b"not available" in foreign.content
    assert not Profile.objects.exists()


def test_a_visitor_cannot_post_a_choice(client: Client, default_content):
    response = choose(client, "es", "/es/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert not Profile.objects.exists()


def test_signing_in_lands_in_the_language_chosen_last_time(client: Client, default_content, alice):
    Profile.objects.create(user=alice, language="es")

    response = client.post("/account/login/", {"login": alice.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/es/my-learning/"


def test_signing_in_without_a_choice_keeps_the_page_language(
    client: Client, default_content, alice
):
    response = client.post("/es/account/login/", {"login": alice.email, "password": PASSWORD})

    assert response["Location"] == "/es/my-learning/"


def test_the_certificate_and_its_notice_follow_the_chosen_language(
    alice, course, django_capture_on_commit_callbacks
):
    Profile.objects.create(user=alice, language="es")

    with django_capture_on_commit_callbacks(execute=True):
        complete_course(alice, course)  # finished on English pages

    assert Certificate.objects.get(user=alice).language == "es"
    assert mail.outbox[0].subject == "Su certificado está listo"


def test_the_choice_is_in_the_export_and_goes_with_the_account(alice):
    Profile.objects.create(user=alice, language="es")

    assert account_export(user=alice)["profile"][0]["language"] == "es"

    account_delete(user=alice)
    assert not Profile.objects.exists()
