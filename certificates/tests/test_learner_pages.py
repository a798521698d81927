"""The learner's own certificates: choose a name, download, share."""

import pytest
from bs4 import BeautifulSoup

from certificates.tests.helpers import named


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/my-learning/certificates/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_learner_sees_a_prompt_to_name_a_new_certificate(client, alice, certificate):
    client.force_login(alice)

    soup = BeautifulSoup(client.get("/my-learning/certificates/").content, "html.parser")

    link = soup.select_one(f'a[href="/my-learning/certificates/{certificate.display_code}/"]')
    assert link.get_text() == "Choose the name on your certificate"
    assert not soup.select(f'a[href="/certificates/{certificate.display_code}/pdf"]')


def test_the_learner_names_the_certificate_and_keeps_the_name_private(client, alice, certificate):
    client.force_login(alice)
    url = f"/my-learning/certificates/{certificate.display_code}/"

    response = client.post(url, {"recipient_name": "  Alice   Walker "})

    assert response.status_code == 303
    certificate.refresh_from_db()
    assert certificate.recipient_name == "Alice Walker"
    assert certificate.show_name_publicly is False


def test_the_learner_may_show_the_name_to_verifiers(client, alice, certificate):
    client.force_login(alice)
    url = f"/my-learning/certificates/{certificate.display_code}/"

    client.post(url, {"recipient_name": "Alice Walker", "show_name_publicly": "on"})

    certificate.refresh_from_db()
    assert certificate.show_name_publicly is True


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("李小龍", "cannot print some of these characters"),
        ("x" * 121, "at most 120 characters"),
    ],
)
def test_a_name_that_cannot_be_printed_is_explained(client, alice, certificate, name, message):
    named(certificate, "Alice Walker", public=True)
    client.force_login(alice)

    response = client.post(
        f"/my-learning/certificates/{certificate.display_code}/", {"recipient_name": name}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.recipient_name == "Alice Walker"


def test_nobody_else_opens_the_name_form(client, charlie, certificate):
    client.force_login(charlie)
    url = f"/my-learning/certificates/{certificate.display_code}/"

    assert client.get(url).status_code == 404
    assert client.post(url, {"recipient_name": "Charlie"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.recipient_name == ""


def test_a_named_certificate_offers_pdf_badge_and_a_link_to_share(client, alice, certificate):
    named(certificate, public=False)
    client.force_login(alice)

    soup = BeautifulSoup(client.get("/my-learning/certificates/").content, "html.parser")

    code = certificate.display_code
    hrefs = {a["href"] for a in soup.select(".actions a")}
    assert {
        f"/certificates/{code}/pdf",
        f"/certificates/{code}/pdf?paper=a4",
        f"/certificates/{code}/credential?download=1",
    } <= hrefs
    assert soup.select_one(".share input")["value"].endswith(f"/certificates/{code}/")
    assert soup.select_one(".share a[href^='mailto:']")


def test_the_learner_sees_their_documents_from_the_verification_page(client, alice, certificate):
    named(certificate, public=False)
    url = f"/certificates/{certificate.display_code}/"

    anonymous = BeautifulSoup(client.get(url).content, "html.parser")
    client.force_login(alice)
    owner = BeautifulSoup(client.get(url).content, "html.parser")

    assert not anonymous.select(".actions a")
    assert len(owner.select(".actions a")) == 2


def test_my_learning_links_a_finished_course_to_its_certificate(client, alice, certificate):
    client.force_login(alice)

    soup = BeautifulSoup(client.get("/my-learning/").content, "html.parser")

    assert soup.select_one('a[href="/my-learning/certificates/"]')


def test_the_account_export_includes_certificates(client, alice, certificate):
    named(certificate, public=True)
    client.force_login(alice)

    exported = client.get("/account/data.json").json()["certificates"]

    assert exported[0]["code"] == certificate.display_code
    assert exported[0]["recipient_name"] == "Alice Walker"
