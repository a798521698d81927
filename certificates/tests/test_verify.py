from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format

from certificates.codes import code_display, code_new
from certificates.tests.helpers import named


def _page(client, url):
    response = client.get(url)
    return response, BeautifulSoup(response.content, "html.parser")


def test_a_valid_certificate_shows_course_and_date_without_an_account(client, certificate):
    response, soup = _page(client, f"/certificates/{certificate.display_code}/")

    assert response.status_code == 200
    assert soup.select_one(".verdict--valid h2").get_text(strip=True) == "Valid certificate"
    text = soup.select_one(".facts").get_text(" ", strip=True)
    assert "Human Trafficking 101" in text
    assert date_format(certificate.completed_at, "DATE_FORMAT") in text
    assert certificate.display_code in text


def test_the_name_stays_hidden_unless_the_learner_allows_it(client, certificate):
    named(certificate, public=False)
    _response, soup = _page(client, f"/certificates/{certificate.display_code}/")
    assert "Alice Walker" not in soup.get_text()
    assert "keeps their name private" in soup.get_text()

    named(certificate, public=True)
    _response, soup = _page(client, f"/certificates/{certificate.display_code}/")
    assert "Alice Walker" in soup.select_one(".facts").get_text()


def test_a_revoked_certificate_shows_revoked_with_its_date(client, certificate):
    certificate.revoked_at = timezone.make_aware(timezone.datetime(2026, 5, 4, 12))
    certificate.revocation_reason = "Issued in error"
    certificate.save()

    _response, soup = _page(client, f"/certificates/{certificate.display_code}/")

    assert soup.select_one(".verdict--revoked h2").get_text(strip=True) == "Revoked on May 4, 2026"
    assert "Issued in error" not in soup.get_text()
    assert not soup.select(".verdict--valid")


def test_verification_pages_ask_not_to_be_indexed(client, certificate):
    response, soup = _page(client, f"/certificates/{certificate.display_code}/")

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_an_unknown_code_gets_a_clear_404_page(client, db):
    response, soup = _page(client, f"/certificates/{code_display(code_new())}/")

    assert response.status_code == 404
    assert soup.h1.get_text() == "We found no certificate with this code"
    assert soup.select_one('form[action="/certificates/"] input[name="code"]')


def test_malformed_codes_get_the_404_page_not_an_error(client, db):
    for code in ["x", "O" * 28, "%00", "a" * 300, "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-2345"]:
        response = client.get(f"/certificates/{code}/")
        assert response.status_code == 404, code
        assert b"We found no certificate with this code" in response.content


def test_a_code_typed_loosely_redirects_to_its_printed_form(client, certificate):
    loose = certificate.display_code.lower().replace("-", "")

    response = client.get(f"/certificates/{loose}/")

    assert response.status_code == 301
    assert response["Location"] == f"/certificates/{certificate.display_code}/"


def test_the_verification_page_exists_in_spanish(client, certificate):
    response, soup = _page(client, f"/es/certificates/{certificate.display_code}/")

    assert response.status_code == 200
    assert soup.select_one(".verdict--valid h2").get_text(strip=True) == "Certificado válido"


@override_settings(CERTIFICATE_VERIFY_RATE=3)
def test_verification_is_rate_limited_per_address(client, certificate):
    url = f"/certificates/{certificate.display_code}/"
    statuses = [client.get(url).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    other = client.get(url, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


@override_settings(CERTIFICATE_VERIFY_RATE=2)
def test_guessing_unknown_codes_uses_up_the_same_budget(client, db):
    statuses = [
        client.get(f"/certificates/{code_display(code_new())}/").status_code for _ in range(3)
    ]

    assert statuses == [404, 404, 429]


def test_the_lookup_form_takes_a_typed_code_to_its_page(client, certificate):
    typed = " ".join(certificate.display_code.split("-")).lower()

    response = client.get("/certificates/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/certificates/{certificate.display_code}/"


def test_the_lookup_form_explains_a_code_that_cannot_be_one(client, db):
    response, soup = _page(client, "/certificates/?code=hello")

    assert response.status_code == 400
    assert "This is not a certificate code" in soup.select_one(".field-error").get_text()
    assert soup.select_one("#id_code")["aria-invalid"] == "true"


def test_the_lookup_form_is_linked_from_every_page(client, default_content):
    soup = BeautifulSoup(client.get("/").content, "html.parser")

    assert soup.select_one('footer a[href="/certificates/"]').get_text() == "Verify a certificate"
