"""A second factor (TOTP): required for staff and organization admins, offered to learners."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from accounts.tests.helpers import give_second_factor, make_staff, totp_code
from learning.tests.helpers import PASSWORD, make_learner
from organizations.models import ADMIN, Membership, Organization

SETUP = "/account/2fa/totp/activate/"


@pytest.fixture
def staff(db):
    return make_staff("staff@example.org")


@pytest.fixture
def chair(db):
    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    user = make_learner("chair@example.org")
    Membership.objects.create(organization=organization, user=user, role=ADMIN)
    return user


def sign_in(client: Client, email: str):
    return client.post("/account/login/", {"login": email, "password": PASSWORD})


def confirm_password(client: Client) -> None:
    """Allauth asks for the password again before authenticators change."""
    response = client.post("/account/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client: Client, staff):
    client.force_login(staff)

    for path in ["/admin/", "/admin/pages/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETUP


def test_organization_admins_without_one_are_sent_to_set_one_up(client: Client, chair):
    client.force_login(chair)

    for path in ["/organizations/riverside/", "/organizations/riverside/members.csv"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETUP


def test_with_an_authenticator_app_they_get_in(client: Client, staff, chair):
    client.force_login(give_second_factor(staff))
    assert client.get("/admin/").status_code == 200
    client.force_login(give_second_factor(chair))
    assert client.get("/organizations/riverside/").status_code == 200


def test_the_requirement_can_be_switched_off(client: Client, staff, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = False
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200


def test_learners_are_offered_a_second_factor_but_not_made_to_use_one(client: Client, alice):
    client.force_login(alice)

    assert client.get("/my-learning/").status_code == 200
    assert 'href="/account/2fa/"' in client.get("/account/").content.decode()


def test_signing_in_asks_for_the_code_and_refuses_a_wrong_one(client: Client, staff):
    give_second_factor(staff)

    response = sign_in(client, "staff@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/account/2fa/authenticate/", {"code": totp_code()})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_an_admin_sets_up_the_app_and_then_reaches_the_admin(client: Client, staff):
    sign_in(client, "staff@example.org")
    confirm_password(client)
    page = client.get(SETUP).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page)
    secret = secret or re.search(r'value="([A-Z2-7]{32})"[^>]*id="authenticator_secret"', page)
    assert secret, "the setup page shows the secret for manual entry"

    response = client.post(SETUP, {"code": totp_code(secret.group(1))})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_an_admin_cannot_switch_the_second_factor_off(client: Client, chair):
    give_second_factor(chair)
    sign_in(client, "chair@example.org")
    client.post("/account/2fa/authenticate/", {"code": totp_code()})
    confirm_password(client)

    client.post("/account/2fa/totp/deactivate/", {})

    assert Authenticator.objects.filter(user=chair, type=Authenticator.Type.TOTP).exists()


def test_a_learner_can_switch_it_off_again(client: Client, alice):
    give_second_factor(alice)
    sign_in(client, "alice@example.org")
    client.post("/account/2fa/authenticate/", {"code": totp_code()})
    confirm_password(client)

    client.post("/account/2fa/totp/deactivate/", {})

    assert not Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()


def test_the_independent_code_matches_the_rfc_6238_test_vector():
    # RFC 6238, appendix B: SHA-1, secret "12345678901234567890", T = 59 s -> 94287082 (8 digits).
    rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp_code(rfc_secret, at=59) == "287082"


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/", "/django-admin/login/"])
def test_no_password_only_form_signs_staff_in_past_the_second_step(client: Client, staff, path):
    """Wagtail's and Django's own sign-in forms ask for no code: they lead to allauth's."""
    give_second_factor(staff)

    response = client.post(path, {"username": staff.username, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[0][0].startswith("/account/login/")
    assert client.get("/admin/")["Location"].startswith("/account/login/")


def test_wagtails_own_password_reset_is_switched_off(client: Client, db):
    assert client.get("/admin/password_reset/").status_code == 404
