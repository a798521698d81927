"""A crash midway through joining leaves no membership, no credit and no use of the link."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from learning.tests.helpers import PASSWORD, assert_clean_error_page, fail_after
from organizations.models import Membership, Referral

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_crash_while_joining_leaves_the_link_unused(charlie, join_link, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(charlie)
    fail_after(monkeypatch, Membership.objects, "create")

    response = client.post(f"/join/{join_link.token}/", {"consent": "on"})

    assert_clean_error_page(response)
    assert not Membership.objects.filter(user=charlie).exists()
    join_link.refresh_from_db()
    assert join_link.uses == 0
    monkeypatch.undo()
    assert client.post(f"/join/{join_link.token}/", {"consent": "on"}).status_code == 303
    join_link.refresh_from_db()
    assert join_link.uses == 1


def test_a_crash_while_crediting_a_sign_up_leaves_no_half_made_account(share_link, monkeypatch):
    client = Client(raise_request_exception=False)
    client.get(f"/join/{share_link.token}/")
    fail_after(monkeypatch, Referral.objects, "create")
    form = {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD}

    response = client.post("/account/signup/", form)

    assert_clean_error_page(response)
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()
    assert not EmailAddress.objects.filter(email="newcomer@example.org").exists()
    share_link.refresh_from_db()
    assert share_link.uses == 0
    monkeypatch.undo()
    assert client.post("/account/signup/", form).status_code == 302
    assert Referral.objects.get().user.email == "newcomer@example.org"
