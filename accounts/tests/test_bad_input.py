"""Sign-up, sign-in, password reset, language and account deletion never answer 5xx to bad input,
and a refused post leaves the account as it was."""

from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Profile
from core.tests.bad_input import (
    SafeClient,
    form_data,
    fuzz,
    nasty_text,
    path_segment,
    post_raw,
    raw_body,
    signed_in,
)
from learning.tests.helpers import PASSWORD

emails = st.one_of(st.emails(), nasty_text)


def _unchanged(user) -> None:
    fresh = get_user_model().objects.get(pk=user.pk)
    assert (fresh.email, fresh.password, fresh.is_active) == (
        user.email,
        user.password,
        user.is_active,
    )


@fuzz(50)
@given(data=form_data({"email": emails, "password1": nasty_text, "password2": nasty_text}))
def test_signup_never_fails_and_never_touches_an_existing_account(alice, data):
    SafeClient().post("/account/signup/", data)
    _unchanged(alice)


@fuzz(80)
@given(data=form_data({"login": emails, "password": nasty_text, "remember": None}))
def test_login_never_fails_on_bad_input(alice, data):
    response = SafeClient().post("/account/login/", data)
    assert response.status_code in (200, 302, 400, 403, 429)
    _unchanged(alice)


@fuzz(50)
@given(data=form_data({"email": emails}))
def test_password_reset_request_never_fails(alice, data):
    SafeClient().post("/account/password/reset/", data)
    _unchanged(alice)


@fuzz(30)
@given(key=nasty_text, data=form_data({"password1": nasty_text, "password2": nasty_text}))
def test_a_made_up_password_reset_link_never_fails_and_changes_nothing(alice, key, data):
    client = SafeClient()
    path = f"/account/password/reset/key/{path_segment(key)}/"
    client.get(path)
    client.post(path, data)
    _unchanged(alice)


@fuzz(20)
@given(key=nasty_text)
def test_a_made_up_email_confirmation_link_never_fails(alice, key):
    client = SafeClient()
    path = f"/account/confirm-email/{path_segment(key)}/"
    client.get(path)
    client.post(path)
    _unchanged(alice)


@fuzz(100)
@given(data=form_data({"language": st.sampled_from(["en", "es"]), "next": nasty_text}))
def test_a_refused_language_choice_keeps_the_saved_one(default_content, alice, data):
    Profile.objects.update_or_create(user=alice, defaults={"language": "es"})
    response = signed_in(alice).post("/account/language/", data)
    if response.status_code != 303:
        assert response.status_code == 400
        assert Profile.objects.get(user=alice).language == "es"


@fuzz(40)
@given(data=form_data({"password": nasty_text}))
def test_account_delete_with_a_wrong_password_deletes_nothing(default_content, alice, data):
    response = signed_in(alice).post("/account/delete/", data)
    assert response.status_code == 400
    _unchanged(alice)


@fuzz(30)
@given(body=raw_body)
def test_any_body_posted_to_the_account_forms_is_answered_below_500(default_content, alice, body):
    visitor, learner = SafeClient(), signed_in(alice)
    for path in ("/account/signup/", "/account/login/", "/account/password/reset/"):
        post_raw(visitor, path, body)
    for path in ("/account/language/", "/account/delete/", "/account/data.json"):
        post_raw(learner, path, body)
    _unchanged(alice)


def test_a_correct_password_still_deletes_the_account(default_content, alice):
    """The deletion property above cannot pass by refusing everything."""
    response = signed_in(alice).post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 303
    assert not get_user_model().objects.filter(pk=alice.pk).exists()
