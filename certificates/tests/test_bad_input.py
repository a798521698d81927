"""Certificate lookup, verification, documents and the name form never answer 5xx to bad input;
a refused name keeps the saved one, and an accepted one prints and shows as text."""

import pytest
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import Certificate
from certificates.tests.helpers import complete_course, named
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

queries = st.dictionaries(
    st.sampled_from(["code", "paper", "download", "q", "page"]) | st.text(max_size=10),
    field_value,
    max_size=3,
)


@pytest.fixture
def certificate(alice, course) -> Certificate:
    return named(complete_course(alice, course), public=True)


def _saved(certificate: Certificate) -> tuple[str, bool]:
    fresh = Certificate.objects.get(pk=certificate.pk)
    return fresh.recipient_name, fresh.show_name_publicly


@fuzz(100)
@given(query=queries)
def test_the_lookup_form_never_fails(db, query):
    response = SafeClient().get("/certificates/", query)
    assert response.status_code in (200, 302, 400)


@fuzz(30)
@given(code=nasty_text, query=queries)
def test_made_up_codes_never_fail_verification_or_documents(certificate, code, query):
    client = SafeClient()
    segment = path_segment(code)
    for path in (f"/certificates/{segment}/", f"/certificates/{segment}/pdf"):
        assert client.get(path, query).status_code in (301, 302, 404)
    assert client.get(f"/certificates/{segment}/credential", query).status_code in (302, 404)


@fuzz(20)
@given(query=queries)
def test_the_real_documents_take_any_query(certificate, query):
    client = SafeClient()
    code = certificate.display_code
    assert client.get(f"/certificates/{code}/", query).status_code == 200
    assert client.get(f"/certificates/{code}/pdf", query).status_code == 200
    assert client.get(f"/certificates/{code}/credential", query).status_code == 200


@fuzz(60)
@given(data=form_data({"recipient_name": nasty_text, "show_name_publicly": st.just("on")}))
def test_a_refused_name_keeps_the_saved_one_and_an_accepted_one_prints(certificate, data):
    certificate = named(certificate, "Alice Walker", public=True)
    client = signed_in(certificate.user)
    code = certificate.display_code

    response = client.post(f"/my-learning/certificates/{code}/", data)

    for payload in MARKUP_PAYLOADS:
        assert payload not in response.content.decode()
    if response.status_code == 400:
        assert _saved(certificate) == ("Alice Walker", True)
        return
    assert response.status_code == 303
    name, _public = _saved(certificate)
    assert name and len(name) <= 120
    page = SafeClient().get(f"/certificates/{code}/").content.decode()
    for payload in MARKUP_PAYLOADS:
        assert payload not in page
    assert client.get(f"/certificates/{code}/pdf").status_code == 200
    assert client.get(f"/certificates/{code}/credential").status_code == 200


@fuzz(30)
@given(body=raw_body)
def test_any_body_posted_to_the_name_form_keeps_the_saved_name(certificate, body):
    certificate = named(certificate, "Alice Walker", public=True)
    client = signed_in(certificate.user)
    code = certificate.display_code
    post_raw(client, f"/my-learning/certificates/{code}/", body)
    post_raw(client, "/certificates/", body)
    post_raw(client, f"/certificates/{code}/", body)
    assert _saved(certificate) == ("Alice Walker", True)


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_markup_in_a_printed_name_is_shown_as_text_everywhere(certificate, payload):
    client = signed_in(certificate.user)
    code = certificate.display_code
    response = client.post(
        f"/my-learning/certificates/{code}/",
        {"recipient_name": f"Alice {payload}", "show_name_publicly": "on"},
    )
    assert response.status_code == 303
    for path in (f"/certificates/{code}/", "/my-learning/certificates/"):
        page = client.get(path).content.decode()
        assert payload not in page
        assert escape(f"Alice {payload}") in page
    assert client.get(f"/certificates/{code}/pdf").status_code == 200
