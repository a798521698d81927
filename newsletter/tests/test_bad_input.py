"""Newsletter signup (page and footer), confirmation and unsubscribe links never answer 5xx to
bad input, and a stranger's post never changes a saved subscriber."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.tests.bad_input import (
    MARKUP_PAYLOADS,
    SafeClient,
    form_data,
    fuzz,
    nasty_text,
    path_segment,
    post_raw,
    raw_body,
)
from newsletter.models import SUBSCRIBED, Subscriber
from newsletter.tests.conftest import make_subscriber

signup_fields = {
    "email": st.one_of(st.emails(), nasty_text),
    "language": st.sampled_from(["en", "es"]),
    "source": st.sampled_from(["footer", "page"]),
    "website": st.just(""),
}


@pytest.fixture
def subscriber(db) -> Subscriber:
    return make_subscriber("reader@example.org", status=SUBSCRIBED)


def _as_saved(subscriber: Subscriber) -> tuple:
    fresh = Subscriber.objects.get(pk=subscriber.pk)
    return fresh.email, fresh.status, fresh.language, fresh.unsubscribe_token


@fuzz(100)
@given(data=form_data(signup_fields), language_prefix=st.sampled_from(["", "/es"]))
def test_signup_never_fails_and_never_changes_a_subscriber(subscriber, data, language_prefix):
    before = _as_saved(subscriber)

    response = SafeClient().post(f"{language_prefix}/newsletter/", data)

    assert response.status_code in (303, 400, 429)
    for payload in MARKUP_PAYLOADS:
        assert payload not in response.content.decode()
    assert _as_saved(subscriber) == before


@fuzz(60)
@given(token=nasty_text, method=st.sampled_from(["get", "post"]))
def test_made_up_confirm_and_unsubscribe_links_change_nothing(subscriber, token, method):
    before = _as_saved(subscriber)
    client = SafeClient()
    segment = path_segment(token)

    for path in (f"/newsletter/confirm/{segment}/", f"/newsletter/unsubscribe/{segment}/"):
        assert getattr(client, method)(path).status_code in (400, 404, 410)
    assert _as_saved(subscriber) == before


@fuzz(40)
@given(body=raw_body)
def test_any_body_posted_to_the_newsletter_changes_nothing(subscriber, body):
    before = _as_saved(subscriber)
    client = SafeClient()
    post_raw(client, "/newsletter/", body)
    post_raw(client, f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}x/", body)
    assert _as_saved(subscriber) == before


SIGNED_UP = ["=1+2@example.org", '"<script>alert(1)</script>"@example.org']


def test_addresses_anyone_can_type_are_text_in_the_admin_list_and_its_csv(editor):
    for email in SIGNED_UP:
        response = SafeClient().post(
            "/newsletter/", {"email": email, "language": "en", "source": "page"}
        )
        assert response.status_code == 303
    admin = SafeClient()
    admin.force_login(editor)

    listing = admin.get("/admin/newsletter_subscribers/").content.decode()
    export = admin.get("/admin/newsletter_subscribers/", {"export": "csv"})

    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    emails = sorted(row[0] for row in rows[1:])
    assert emails == sorted(['"<script>alert(1)</script>"@example.org', "'=1+2@example.org"])
