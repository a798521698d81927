"""Share links credit the organization for every person who signs up through them."""

import re

from django.core import mail
from django.test import Client

from learning.tests.helpers import PASSWORD
from organizations.models import InviteLink, Referral


def _sign_up(client: Client, email: str) -> str:
    response = client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    return re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)


def test_the_share_page_welcomes_a_visitor_to_the_course(client, share_link):
    response = client.get(f"/join/{share_link.token}/")

    assert response.status_code == 200
    assert "Riverside Chapter shared this training with you" in response.content.decode()


def test_a_sign_up_through_a_share_link_credits_the_organization(client, share_link):
    client.get(f"/join/{share_link.token}/")
    client.get("/learn/")

    _sign_up(client, "newcomer@example.org")

    referral = Referral.objects.get(user__email="newcomer@example.org")
    assert referral.organization.slug == "riverside"
    share_link.refresh_from_db()
    assert share_link.uses == 1


def test_the_credit_survives_confirming_the_email_on_another_device(client, share_link):
    client.get(f"/join/{share_link.token}/")
    confirm_path = _sign_up(client, "phone@example.org")

    other_device = Client()
    page = other_device.get(confirm_path)
    assert page.status_code == 200
    other_device.post(confirm_path)

    assert Referral.objects.filter(
        user__email="phone@example.org", user__emailaddress__verified=True
    ).exists()


def test_the_first_share_link_wins(client, share_link, org_b, dana):
    other = InviteLink.objects.create(organization=org_b, created_by=dana, purpose="share")
    client.get(f"/join/{share_link.token}/")
    _sign_up(client, "first@example.org")
    from organizations.services import referral_record

    user = Referral.objects.get(user__email="first@example.org").user
    assert referral_record(user=user, token=other.token) is None
    assert Referral.objects.get(user=user).organization.slug == "riverside"


def test_a_sign_up_without_a_share_link_credits_nobody(client, db):
    _sign_up(client, "solo@example.org")

    assert not Referral.objects.exists()


def test_a_revoked_share_link_credits_nobody(client, share_link):
    client.get(f"/join/{share_link.token}/")
    InviteLink.objects.filter(pk=share_link.pk).update(revoked_at="2026-01-01T00:00:00Z")

    _sign_up(client, "late@example.org")

    assert not Referral.objects.exists()


def test_reading_pages_without_a_share_link_sets_no_cookie(client, default_content):
    response = client.get("/")

    assert not response.cookies
