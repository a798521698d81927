"""Members see their organizations, share or stop sharing progress, and leave."""

from bs4 import BeautifulSoup

from organizations.models import Membership


def test_a_member_sees_their_organizations(client, alice_in_a, org_b):
    client.force_login(alice_in_a.user)

    soup = BeautifulSoup(client.get("/my-learning/organizations/").content, "html.parser")

    assert [h2.get_text() for h2 in soup.select("main h2")] == ["Riverside Chapter"]
    assert "You share your training progress" in soup.get_text()


def test_a_member_stops_and_resumes_sharing(client, alice_in_a):
    client.force_login(alice_in_a.user)

    client.post("/my-learning/organizations/riverside/consent/", {"consent": "no"})
    alice_in_a.refresh_from_db()
    assert not alice_in_a.shares_progress

    client.post("/my-learning/organizations/riverside/consent/", {"consent": "yes"})
    alice_in_a.refresh_from_db()
    assert alice_in_a.shares_progress


def test_a_member_leaves(client, alice_in_a):
    client.force_login(alice_in_a.user)

    response = client.post("/my-learning/organizations/riverside/leave/")

    assert response.status_code == 303
    assert not Membership.objects.filter(pk=alice_in_a.pk).exists()


def test_the_only_administrator_cannot_leave(client, bob):
    client.force_login(bob)

    response = client.post("/my-learning/organizations/riverside/leave/", follow=True)

    assert "You are the only administrator" in response.content.decode()
    assert Membership.objects.filter(user=bob).exists()


def test_leaving_is_post_only(client, alice_in_a):
    client.force_login(alice_in_a.user)

    assert client.get("/my-learning/organizations/riverside/leave/").status_code == 405
    assert Membership.objects.filter(pk=alice_in_a.pk).exists()
