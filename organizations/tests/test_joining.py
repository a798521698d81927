from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from organizations.models import InviteLink, Membership


def test_an_unknown_link_is_a_404(client, db):
    assert client.get("/join/not-a-token/").status_code == 404


def test_a_visitor_is_asked_to_sign_up_or_sign_in_first(client, join_link):
    response = client.get(f"/join/{join_link.token}/")

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Join Riverside Chapter"
    hrefs = [a["href"] for a in soup.select("main .actions a")]
    assert hrefs == [
        f"/account/signup/?next=/join/{join_link.token}/",
        f"/account/login/?next=/join/{join_link.token}/",
    ]


def test_joining_with_consent_shares_progress(client, charlie, join_link):
    client.force_login(charlie)

    response = client.post(f"/join/{join_link.token}/", {"consent": "on"})

    assert response.status_code == 303
    membership = Membership.objects.get(user=charlie)
    assert membership.organization.slug == "riverside"
    assert membership.role == "member"
    assert membership.shares_progress


def test_joining_without_consent_counts_only_in_totals(client, charlie, join_link):
    client.force_login(charlie)

    client.post(f"/join/{join_link.token}/", {})

    assert not Membership.objects.get(user=charlie).shares_progress


def test_joining_twice_keeps_one_membership_and_one_use(client, charlie, join_link):
    client.force_login(charlie)

    client.post(f"/join/{join_link.token}/", {})
    client.post(f"/join/{join_link.token}/", {})

    assert Membership.objects.filter(user=charlie).count() == 1
    join_link.refresh_from_db()
    assert join_link.uses == 1


def test_an_admin_link_makes_an_administrator(client, charlie, org_a, bob):
    link = InviteLink.objects.create(organization=org_a, created_by=bob, role="admin")
    client.force_login(charlie)

    client.post(f"/join/{link.token}/", {})

    assert Membership.objects.get(user=charlie).is_admin


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"revoked_at": timezone.now()}, "has withdrawn this invitation"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "has expired"),
        ({"max_uses": 1, "uses": 1}, "as many times as it allows"),
    ],
)
def test_a_link_that_cannot_be_used_says_why(client, charlie, join_link, change, message):
    InviteLink.objects.filter(pk=join_link.pk).update(**change)
    client.force_login(charlie)

    for response in (
        client.get(f"/join/{join_link.token}/"),
        client.post(f"/join/{join_link.token}/", {}),
    ):
        assert response.status_code == 410
        assert message in response.content.decode()
    assert not Membership.objects.filter(user=charlie).exists()


def test_the_use_limit_stops_the_next_person(client, alice, charlie, org_a, bob):
    link = InviteLink.objects.create(organization=org_a, created_by=bob, max_uses=1)
    client.force_login(alice)
    client.post(f"/join/{link.token}/", {})
    client.force_login(charlie)

    response = client.post(f"/join/{link.token}/", {})

    assert response.status_code == 410
    assert list(
        Membership.objects.filter(user__in=[alice, charlie]).values_list("user__email", flat=True)
    ) == ["alice@example.org"]
