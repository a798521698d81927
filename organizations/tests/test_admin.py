"""Staff create organizations and name their administrators in the Wagtail admin."""

from organizations.models import Membership, Organization


def test_staff_create_an_organization(client, editor):
    client.force_login(editor)

    response = client.post(
        "/admin/organizations/new/", {"name": "Lakeside League", "slug": "lakeside"}
    )

    assert response.status_code == 302
    assert Organization.objects.filter(slug="lakeside", public_reach=False).exists()


def test_staff_add_an_administrator_by_email(client, editor, org_a, charlie):
    client.force_login(editor)

    response = client.post(
        "/admin/memberships/new/",
        {"organization": org_a.pk, "role": "admin", "email": "CHARLIE@example.org"},
    )

    assert response.status_code == 302
    assert Membership.objects.get(user=charlie).is_admin


def test_an_unknown_address_is_explained(client, editor, org_a):
    client.force_login(editor)

    response = client.post(
        "/admin/memberships/new/",
        {"organization": org_a.pk, "role": "admin", "email": "nobody@example.org"},
    )

    assert response.status_code == 200
    assert "No account uses this address" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_person_is_added_once(client, editor, alice_in_a, org_a):
    client.force_login(editor)

    response = client.post(
        "/admin/memberships/new/",
        {"organization": org_a.pk, "role": "admin", "email": "alice@example.org"},
    )

    assert response.status_code == 200
    assert "already in the organization" in response.content.decode()
    assert Membership.objects.filter(user=alice_in_a.user).count() == 1
