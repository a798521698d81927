import re

import pytest

from certificates.pdf import Issuer, certificate_pdf, printable
from certificates.tests.helpers import named


def _media_box(content: bytes) -> list[float]:
    box = re.search(rb"/MediaBox \[\s*([\d.\s]+)\]", content).group(1)
    return [float(number) for number in box.split()]


def test_the_learner_is_asked_for_a_name_before_the_pdf(client, alice, certificate):
    client.force_login(alice)

    response = client.get(f"/certificates/{certificate.display_code}/pdf")

    assert response.status_code == 302
    assert response["Location"] == f"/my-learning/certificates/{certificate.display_code}/"


def test_the_learner_downloads_the_pdf_in_letter_or_a4_landscape(client, alice, certificate):
    named(certificate, public=False)
    client.force_login(alice)

    letter = client.get(f"/certificates/{certificate.display_code}/pdf")
    a4 = client.get(f"/certificates/{certificate.display_code}/pdf?paper=a4")

    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF-")
    assert _media_box(letter.content) == [0, 0, 792, 612]
    assert [round(n) for n in _media_box(a4.content)] == [0, 0, 842, 595]
    assert b"Human Trafficking 101" in letter.content  # the document title


def test_an_unknown_paper_size_falls_back_to_letter(client, alice, certificate):
    named(certificate, public=False)
    client.force_login(alice)

    response = client.get(f"/certificates/{certificate.display_code}/pdf?paper=%00")

    assert response.status_code == 200
    assert _media_box(response.content) == [0, 0, 792, 612]


@pytest.mark.parametrize("path", ["pdf", "credential"])
def test_documents_of_a_private_name_are_for_the_learner_only(client, charlie, certificate, path):
    named(certificate, public=False)
    url = f"/certificates/{certificate.display_code}/{path}"

    assert client.get(url).status_code == 404
    client.force_login(charlie)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("path", ["pdf", "credential"])
def test_documents_of_a_public_name_are_for_anyone_with_the_code(client, certificate, path):
    named(certificate, public=True)

    assert client.get(f"/certificates/{certificate.display_code}/{path}").status_code == 200


@pytest.mark.parametrize("path", ["pdf", "credential"])
def test_a_revoked_certificate_hands_out_no_documents(client, alice, certificate, path):
    from certificates.services import certificate_revoke

    named(certificate, public=True)
    certificate_revoke(certificate=certificate, reason="Issued in error", by=None)
    client.force_login(alice)

    assert client.get(f"/certificates/{certificate.display_code}/{path}").status_code == 404


@pytest.mark.parametrize("path", ["pdf", "credential"])
def test_documents_of_unknown_or_malformed_codes_are_404(client, db, path):
    for code in ["nothing", "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX"]:
        assert client.get(f"/certificates/{code}/{path}").status_code == 404


def test_the_pdf_carries_the_verification_address_in_its_qr_code_and_text(certificate):
    named(certificate, public=True)
    url = f"https://lodestar.example/certificates/{certificate.display_code}/"

    plain = certificate_pdf(certificate, issuer=Issuer("Example Network"), verify_url=url)

    assert plain.startswith(b"%PDF-")
    assert len(plain) < 60_000


def test_names_the_pdf_fonts_cannot_print_are_detected():
    assert printable("José Núñez-Ørsted")
    assert not printable("李小龍")
