"""Every organization URL against every role: B's admin sees nothing of A, however asked."""

import pytest
from django.contrib.auth import get_user_model

from organizations.models import InviteLink, Membership

ROLES = ["anonymous", "learner", "member_of_a", "admin_of_a", "admin_of_b", "staff"]
OK, REDIRECT, NOT_FOUND = 200, 302, 404


def _url_cases():
    """(method, url template, expected status per role)."""
    hidden = {
        "anonymous": REDIRECT,
        "learner": NOT_FOUND,
        "member_of_a": NOT_FOUND,
        "admin_of_a": OK,
        "admin_of_b": NOT_FOUND,
        "staff": NOT_FOUND,
    }
    after_post = {**hidden, "admin_of_a": 303}
    own = {
        "anonymous": REDIRECT,
        "learner": NOT_FOUND,
        "member_of_a": 303,
        "admin_of_a": 303,
        "admin_of_b": NOT_FOUND,
        "staff": NOT_FOUND,
    }
    return [
        ("get", "/organizations/riverside/", hidden),
        ("get", "/organizations/riverside/?page=2", hidden),
        ("get", "/es/organizations/riverside/", hidden),
        ("get", "/organizations/riverside/members.csv", hidden),
        ("get", "/organizations/riverside/links/", hidden),
        ("post", "/organizations/riverside/links/", after_post),
        ("post", "/organizations/riverside/links/{token}/revoke/", after_post),
        ("get", "/organizations/riverside/reach/", dict.fromkeys(ROLES, NOT_FOUND)),
        ("post", "/my-learning/organizations/riverside/consent/", own),
        ("post", "/my-learning/organizations/riverside/leave/", own),
    ]


CASES = [
    (method, url, role, expected[role]) for method, url, expected in _url_cases() for role in ROLES
]


@pytest.fixture
def people(alice_in_a, bob, dana, charlie, org_a):
    staff = get_user_model().objects.create_user(
        username="staff", email="staff@example.org", password="x", is_staff=True, is_superuser=True
    )
    # A second admin of A, so bob may leave in the "leave" case.
    Membership.objects.create(organization=org_a, user=charlie, role="member")
    return {
        "anonymous": None,
        "learner": get_user_model().objects.create_user(username="lee", email="lee@example.org"),
        "member_of_a": alice_in_a.user,
        "admin_of_a": bob,
        "admin_of_b": dana,
        "staff": staff,
    }


def test_the_matrix_covers_every_role_and_url():
    assert len(ROLES) == 6
    assert len(CASES) == 6 * 10


@pytest.mark.parametrize(("method", "url", "role", "expected"), CASES)
def test_organization_urls_answer_only_whom_they_should(
    client, people, org_a, bob, method, url, role, expected
):
    if role == "admin_of_a" and url.endswith("/leave/"):
        Membership.objects.filter(user=people["learner"]).delete()
        Membership.objects.create(organization=org_a, user=people["learner"], role="admin")
    link = InviteLink.objects.create(organization=org_a, created_by=bob)
    if people[role] is not None:
        client.force_login(people[role])

    before = _state(link)
    data = {"purpose": "join", "role": "member"} if method == "post" else None

    response = getattr(client, method)(url.format(token=link.token), data)

    assert response.status_code == expected, (role, url)
    if expected in {NOT_FOUND, REDIRECT}:
        assert _state(link) == before, "a refused request changed nothing"
        assert b"Riverside" not in response.content
        assert b"alice@example.org" not in response.content


def _state(link: InviteLink) -> tuple:
    link.refresh_from_db()
    memberships = sorted(Membership.objects.values_list("user_id", "role", "consent_given_at"))
    return (link.revoked_at, InviteLink.objects.count(), memberships)
