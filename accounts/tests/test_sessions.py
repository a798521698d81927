"""Sessions: a new key at sign-in, ended on the server at sign-out, timeouts, nothing cached."""

import time

from django.contrib.sessions.backends.base import SessionBase
from django.test import Client
from django.utils.module_loading import import_string

from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from learning.tests.helpers import PASSWORD

NEW_PASSWORD = "a-new-and-longer-passphrase-7"


def sign_in(client: Client) -> None:
    response = client.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302


def session_exists(key: str) -> bool:
    from django.conf import settings

    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return store().exists(key)


def age_session(client: Client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for name, ago in seconds_ago.items():
        session[name] = now - ago
    session.save()


def test_signing_in_gives_a_new_session_key(client: Client, alice):
    client.get("/account/login/")
    client.session.save()
    before = client.session.session_key

    sign_in(client)

    assert client.session.session_key != before
    assert not session_exists(before)


def test_signing_out_ends_the_session_on_the_server_and_clears_the_browser(client: Client, alice):
    sign_in(client)
    key = client.session.session_key

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cookies", "storage"'
    assert not session_exists(key)
    assert client.get("/my-learning/").status_code == 302


def test_a_password_change_ends_every_other_session(client: Client, alice):
    other_device = Client()
    sign_in(other_device)
    sign_in(client)

    response = client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert client.get("/my-learning/").status_code == 200
    assert other_device.get("/my-learning/").status_code == 302


def test_an_idle_session_is_signed_out(client: Client, alice, settings):
    sign_in(client)
    client.get("/my-learning/")
    age_session(client, **{LAST_SEEN_AT: settings.SESSION_IDLE_TIMEOUT + 1})

    response = client.get("/my-learning/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_ends_at_the_absolute_timeout_even_when_active(client: Client, alice, settings):
    sign_in(client)
    client.get("/my-learning/")
    age_session(client, **{SIGNED_IN_AT: settings.SESSION_ABSOLUTE_TIMEOUT + 1, LAST_SEEN_AT: 1})

    response = client.get("/my-learning/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_open_and_moves_the_idle_clock(client: Client, alice, settings):
    sign_in(client)
    client.get("/my-learning/")
    age_session(client, **{LAST_SEEN_AT: settings.SESSION_IDLE_TIMEOUT - 5})

    assert client.get("/my-learning/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_AT] < 5


def test_the_idle_clock_is_not_written_on_every_request(client: Client, alice):
    sign_in(client)
    client.get("/my-learning/")
    age_session(client, **{LAST_SEEN_AT: 10})

    client.get("/my-learning/")

    assert int(time.time()) - client.session[LAST_SEEN_AT] >= 10


def test_pages_for_a_signed_in_person_are_never_stored(client: Client, alice, default_content):
    sign_in(client)

    for path in ["/", "/my-learning/", "/account/", "/get-help/"]:
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path


def test_pages_for_an_anonymous_reader_may_be_stored(client: Client, default_content):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
