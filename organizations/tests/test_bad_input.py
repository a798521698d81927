"""Joining, links, consent, leaving, the dashboard and reach never answer 5xx to bad input;
a refused post changes nothing, and names and labels show as text."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from core.tests.bad_input import (
    MARKUP_PAYLOADS,
    SafeClient,
    field_value,
    form_data,
    fuzz,
    nasty_text,
    path_segment,
    post_raw,
    raw_body,
    signed_in,
)
from learning.tests.helpers import make_learner
from organizations.models import InviteLink, Membership

link_fields = {
    "purpose": st.sampled_from(["join", "share"]),
    "role": st.sampled_from(["member", "admin"]),
    "label": nasty_text,
    "expires_in_days": st.integers(-5, 400).map(str),
    "max_uses": st.integers(-5, 200_000).map(str),
}


def _links() -> list[tuple]:
    return list(InviteLink.objects.order_by("pk").values_list("token", "revoked_at", "label"))


@fuzz(60)
@given(data=form_data(link_fields))
def test_a_refused_link_form_creates_nothing(bob, join_link, data):
    before = _links()

    response = signed_in(bob).post("/organizations/riverside/links/", data)

    assert response.status_code in (303, 400)
    if response.status_code == 400:
        assert _links() == before
        for payload in MARKUP_PAYLOADS:
            assert payload not in response.content.decode()


@fuzz(40)
@given(token=nasty_text)
def test_revoking_a_made_up_link_revokes_nothing(bob, join_link, token):
    before = _links()
    response = signed_in(bob).post(f"/organizations/riverside/links/{path_segment(token)}/revoke/")
    assert response.status_code == 404
    assert _links() == before


@fuzz(40)
@given(token=nasty_text, data=form_data({"consent": st.just("on")}))
def test_made_up_join_links_never_fail(charlie, join_link, token, data):
    client = signed_in(charlie)
    path = f"/join/{path_segment(token)}/"
    assert client.get(path).status_code == 404
    assert client.post(path, data).status_code == 404
    assert not Membership.objects.filter(user=charlie).exists()


@fuzz(40)
@given(data=form_data({"consent": st.just("on")}))
def test_the_real_join_link_takes_any_form(charlie, join_link, data):
    response = signed_in(charlie).post(f"/join/{join_link.token}/", data)
    assert response.status_code == 303
    assert Membership.objects.filter(user=charlie, organization=join_link.organization).exists()


@fuzz(60)
@given(data=form_data({"consent": st.sampled_from(["yes", "no"])}))
def test_consent_takes_any_form_and_only_yes_shares(alice_in_a, data):
    response = signed_in(alice_in_a.user).post(
        "/my-learning/organizations/riverside/consent/", data
    )
    assert response.status_code == 303
    shared = Membership.objects.get(pk=alice_in_a.pk).consent_given_at is not None
    assert shared == (data.get("consent") == "yes")


@fuzz(40)
@given(query=st.dictionaries(st.sampled_from(["page", "q"]), field_value, max_size=2))
def test_the_dashboard_takes_any_page_number(bob, alice_in_a, query):
    assert signed_in(bob).get("/organizations/riverside/", query).status_code == 200


@fuzz(30)
@given(body=raw_body)
def test_any_body_posted_to_the_organization_forms_changes_nothing(
    bob, alice_in_a, join_link, body
):
    before = _links()
    admin, member = signed_in(bob), signed_in(alice_in_a.user)
    post_raw(admin, "/organizations/riverside/links/", body)
    post_raw(member, f"/join/{join_link.token}/", body)
    post_raw(member, "/my-learning/organizations/riverside/consent/", body)
    assert _links() == before
    assert Membership.objects.filter(organization__slug="riverside").count() == 2


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_organization_names_and_link_labels_are_shown_as_text(
    bob, org_a, alice_in_a, join_link, payload
):
    org_a.name = f"Riverside {payload}"
    org_a.public_reach = True
    org_a.save()
    join_link.label = f"Board {payload}"
    join_link.save()
    member = get_user_model().objects.create(username="quoted", email=f"{payload}@example.org")
    Membership.objects.create(
        organization=org_a, user=member, consent_given_at="2026-01-05T10:00:00Z"
    )
    admin, member = signed_in(bob), signed_in(alice_in_a.user)
    pages = [
        admin.get("/organizations/riverside/"),
        admin.get("/organizations/riverside/links/"),
        SafeClient().get("/organizations/riverside/reach/"),
        member.get("/my-learning/organizations/"),
        member.post(
            "/my-learning/organizations/riverside/consent/", {"consent": "yes"}, follow=True
        ),
        signed_in(make_learner("erin@example.org")).get(f"/join/{join_link.token}/"),
    ]
    for response in pages:
        assert response.status_code == 200
        assert payload not in response.content.decode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_cell_of_the_members_csv_starts_a_formula(bob, org_a, start):
    # Saved as is, whatever sign-up would have trimmed: the writer must not rely on it.
    learner = get_user_model().objects.create(
        username=f"user{ord(start)}", email=f"{start}cmd@example.org"
    )
    Membership.objects.create(
        organization=org_a, user=learner, consent_given_at="2026-01-05T10:00:00Z"
    )
    response = signed_in(bob).get("/organizations/riverside/members.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows for cell in row]
    assert f"'{start}cmd@example.org" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
