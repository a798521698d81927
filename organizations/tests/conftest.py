"""Two organizations, A and B, with an administrator and a member each."""

import pytest

from accounts.tests.helpers import give_second_factor
from learning.tests.helpers import make_learner
from organizations.models import ADMIN, MEMBER, InviteLink, Membership, Organization


@pytest.fixture
def org_a(db):
    return Organization.objects.create(name="Riverside Chapter", slug="riverside")


@pytest.fixture
def org_b(db):
    return Organization.objects.create(name="Hilltop Partners", slug="hilltop")


@pytest.fixture
def bob(org_a):
    """Administrator of A."""
    user = make_learner("bob@example.org")
    Membership.objects.create(organization=org_a, user=user, role=ADMIN)
    return give_second_factor(user)


@pytest.fixture
def dana(org_b):
    """Administrator of B: must never see anything of A."""
    user = make_learner("dana@example.org")
    Membership.objects.create(organization=org_b, user=user, role=ADMIN)
    return give_second_factor(user)


@pytest.fixture
def alice_in_a(alice, org_a):
    """Alice, a member of A who shares her progress."""
    return Membership.objects.create(
        organization=org_a, user=alice, role=MEMBER, consent_given_at="2026-01-05T10:00:00Z"
    )


@pytest.fixture
def join_link(org_a, bob):
    return InviteLink.objects.create(organization=org_a, created_by=bob)


@pytest.fixture
def share_link(org_a, bob):
    return InviteLink.objects.create(organization=org_a, created_by=bob, purpose="share")


@pytest.fixture
def fifty_five_sharing(org_a):
    """Members m0 to m54 of A, all sharing their progress: two pages of the member list."""
    for n in range(55):
        Membership.objects.create(
            organization=org_a,
            user=make_learner(f"m{n}@example.org"),
            consent_given_at="2026-01-01T00:00:00Z",
        )
