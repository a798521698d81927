"""Staff find certificates in the Wagtail admin and revoke them with a reason."""

from certificates.models import Certificate


def test_staff_find_a_certificate_by_code(client, editor, certificate, charlie):
    client.force_login(editor)

    response = client.get("/admin/certificates/", {"q": certificate.code[:8]})

    assert response.status_code == 200
    assert certificate.display_code in response.content.decode()


def test_staff_revoke_a_certificate_with_a_reason(client, editor, certificate):
    client.force_login(editor)

    response = client.post(
        f"/admin/certificates/edit/{certificate.pk}/",
        {"revocation_reason": "Completed by someone else"},
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "Completed by someone else"
    assert certificate.revoked_by == editor


def test_revoking_needs_a_reason(client, editor, certificate):
    client.force_login(editor)

    response = client.post(
        f"/admin/certificates/edit/{certificate.pk}/", {"revocation_reason": " "}
    )

    assert response.status_code == 200
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_revoked_certificate_keeps_its_first_revocation(client, editor, certificate):
    client.force_login(editor)
    client.post(f"/admin/certificates/edit/{certificate.pk}/", {"revocation_reason": "First"})
    first = Certificate.objects.get(pk=certificate.pk)

    response = client.post(
        f"/admin/certificates/edit/{certificate.pk}/", {"revocation_reason": "Second"}
    )

    assert response.status_code == 200
    assert "already revoked" in response.content.decode()
    again = Certificate.objects.get(pk=certificate.pk)
    assert (again.revoked_at, again.revocation_reason) == (first.revoked_at, "First")


def test_nobody_adds_or_deletes_certificates_by_hand(client, editor, certificate):
    client.force_login(editor)

    assert client.get("/admin/certificates/new/").status_code in {302, 403}
    assert client.post(f"/admin/certificates/delete/{certificate.pk}/").status_code in {302, 403}
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_learners_cannot_reach_the_certificate_admin(client, alice, certificate):
    client.force_login(alice)

    response = client.get(f"/admin/certificates/edit/{certificate.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
