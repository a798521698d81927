from organizations.models import InviteLink


def test_an_admin_creates_a_link_with_expiry_and_limit(client, bob):
    client.force_login(bob)

    response = client.post(
        "/organizations/riverside/links/",
        {
            "purpose": "join",
            "role": "admin",
            "label": "Board",
            "expires_in_days": "7",
            "max_uses": "3",
        },
    )

    assert response.status_code == 303
    link = InviteLink.objects.get(label="Board")
    assert (link.role, link.max_uses, link.created_by) == ("admin", 3, bob)
    assert link.expires_at is not None
    assert len(link.token) >= 32


def test_a_share_link_never_adds_administrators(client, bob):
    client.force_login(bob)

    client.post("/organizations/riverside/links/", {"purpose": "share", "role": "admin"})

    assert InviteLink.objects.get().role == "member"


def test_bad_link_options_are_explained(client, bob):
    client.force_login(bob)

    response = client.post(
        "/organizations/riverside/links/",
        {"purpose": "nonsense", "role": "member", "max_uses": "-1"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not InviteLink.objects.exists()


def test_an_admin_revokes_a_link(client, bob, join_link):
    client.force_login(bob)
    page = client.get("/organizations/riverside/links/").content.decode()
    assert f"/join/{join_link.token}/" in page

    client.post(f"/organizations/riverside/links/{join_link.token}/revoke/")

    join_link.refresh_from_db()
    assert join_link.revoked_at is not None
    assert client.get(f"/join/{join_link.token}/").status_code == 410


def test_an_admin_of_b_cannot_revoke_a_link_of_a(client, dana, join_link):
    client.force_login(dana)

    response = client.post(f"/organizations/hilltop/links/{join_link.token}/revoke/")

    assert response.status_code == 404
    join_link.refresh_from_db()
    assert join_link.revoked_at is None
