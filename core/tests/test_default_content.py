"""The run command's seeding: complete, idempotent, and respectful of editors' changes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from core.models import HomePage, StandardPage
from core.services import default_content_load, demo_admin_ensure


def test_it_creates_every_default_page_in_both_languages(db):
    report = default_content_load()

    assert len(report.created) == 8
    home = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(StandardPage.objects.values_list("slug", "locale__language_code")) == {
        (slug, language)
        for slug in ("get-help", "stay-safe", "privacy")
        for language in ("en", "es")
    }
    assert all(page.live for page in Page.objects.filter(depth__gte=2))


def test_spanish_pages_are_linked_translations(db):
    default_content_load()

    english = StandardPage.objects.get(slug="get-help", locale__language_code="en")
    spanish = english.get_translation(english.get_translations().get().locale)
    assert spanish.locale.language_code == "es"
    assert spanish.title == "Pida ayuda"


def test_loading_twice_changes_nothing(db):
    default_content_load()
    before = list(Page.objects.order_by("pk").values_list("pk", "title", "latest_revision_id"))

    report = default_content_load()

    assert report.created == []
    after = list(Page.objects.order_by("pk").values_list("pk", "title", "latest_revision_id"))
    assert after == before


def test_an_editors_changes_survive_a_reload(db):
    default_content_load()
    page = StandardPage.objects.get(slug="privacy", locale__language_code="en")
    page.title = "Privacy at our chapter"
    page.save_revision().publish()

    default_content_load()

    page.refresh_from_db()
    assert page.title == "Privacy at our chapter"
    assert StandardPage.objects.filter(slug="privacy").count() == 2


def test_wagtails_welcome_page_is_replaced(db):
    default_content_load()

    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_demo_admin_password_is_generated_once(db):
    password = demo_admin_ensure()

    assert password is not None and len(password) >= 16
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert demo_admin_ensure() is None
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_ensure_demo_admin_command_prints_the_password_only_the_first_time(db, capsys):
    call_command("ensure_demo_admin")
    first = capsys.readouterr().out
    call_command("ensure_demo_admin")
    second = capsys.readouterr().out

    assert "email:    admin@example.org" in first
    assert "password:" in first
    assert "password:" not in second
    assert "already exists" in second


@pytest.mark.parametrize("url", ["/", "/get-help/", "/es/stay-safe/"])
def test_seeded_pages_are_served(client, db, url):
    call_command("load_default_content")

    assert client.get(url).status_code == 200


def test_the_demo_admin_signs_in_with_the_printed_email_and_is_led_to_the_second_step(client, db):
    password = demo_admin_ensure()

    response = client.post("/account/login/", {"login": "admin@example.org", "password": password})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    assert client.get("/admin/")["Location"] == "/account/2fa/totp/activate/"
