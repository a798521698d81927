"""Editors in the Wagtail admin: write, preview, test and send an issue; list, filter,
count and export subscribers; erase an address on request."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from accounts.tests.helpers import give_second_factor
from newsletter.models import PENDING, SENT, UNSUBSCRIBED, NewsletterIssue, Subscriber
from newsletter.tests.conftest import committed, make_subscriber


@pytest.fixture
def admin_client(client: Client, editor) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def people(db):
    return [
        make_subscriber("ana@example.org", language="es"),
        make_subscriber("ben@example.org"),
        make_subscriber("cy@example.org", status=PENDING),
        make_subscriber("di@example.org", status=UNSUBSCRIBED),
    ]


def test_an_editor_writes_an_issue_and_previews_it_as_email_and_text(admin_client, db):
    data = {
        "subject": "Spring update",
        "language": "en",
        "intro": "What we did.",
        "body": '{"blocks":[{"key":"a","type":"unstyled","text":"Hello readers",'
        '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
    }

    created = admin_client.post("/admin/snippets/newsletter/newsletterissue/add/", data)
    issue = NewsletterIssue.objects.get()
    preview_url = f"/admin/snippets/newsletter/newsletterissue/preview/{issue.pk}/"
    admin_client.post(preview_url, data)
    html = admin_client.get(preview_url, {"mode": "html"})
    text = admin_client.get(preview_url, {"mode": "text"})

    assert created.status_code == 302
    assert "Hello readers" in html.content.decode()
    assert text["Content-Type"].startswith("text/plain")
    assert "Hello readers" in text.content.decode()
    assert "/newsletter/" in text.content.decode()


def test_the_send_page_sends_a_test_then_the_issue(admin_client, issue, people, editor):
    url = f"/admin/newsletter/send/{issue.pk}/"

    page = admin_client.get(url)
    with committed():
        tested = admin_client.post(url, {"action": "test"})
    test_mail = list(mail.outbox)
    with committed():
        sent = admin_client.post(url, {"action": "send"})

    assert page.status_code == 200
    assert "Send to all confirmed subscribers" in page.content.decode()
    assert tested.status_code == sent.status_code == 302
    assert [message.to for message in test_mail] == [["editor@example.org"]]
    assert [message.to for message in mail.outbox[1:]] == [["ben@example.org"]]
    issue.refresh_from_db()
    assert issue.status == SENT
    assert issue.send_started_by == editor
    again = admin_client.post(url, {"action": "send"}, follow=True)
    assert "already been sent" in again.content.decode()
    assert len(mail.outbox) == 2


def test_a_sent_issue_can_no_longer_be_edited(admin_client, issue, people):
    issue.status = SENT
    issue.save()

    response = admin_client.post(
        f"/admin/snippets/newsletter/newsletterissue/edit/{issue.pk}/",
        {"subject": "Changed", "language": "en", "intro": "", "body": "{}"},
    )

    assert response.status_code == 200
    issue.refresh_from_db()
    assert issue.subject == "Spring update"


def test_sending_needs_the_send_permission(client: Client, issue, people):
    user = get_user_model().objects.create_user(
        username="writer", email="writer@example.org", password="x"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_newsletterissue"),
    )
    client.force_login(give_second_factor(user))

    page = client.get(f"/admin/newsletter/send/{issue.pk}/")
    refused = client.post(f"/admin/newsletter/send/{issue.pk}/", {"action": "send"})

    assert page.status_code == 200
    assert "Ask someone who may send newsletters" in page.content.decode()
    assert refused.status_code == 302  # Wagtail turns the refusal into a message on the dashboard
    assert refused["Location"] == "/admin/"
    assert mail.outbox == []
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_the_subscriber_list_counts_and_filters(
    admin_client, people, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = admin_client.get("/admin/newsletter_subscribers/")
    body = response.content.decode()
    confirmed = admin_client.get("/admin/newsletter_subscribers/", {"status": "subscribed"})
    spanish = admin_client.get("/admin/newsletter_subscribers/", {"language": "es"})

    assert response.status_code == 200
    assert "<strong>2</strong> Subscribed" in body
    assert "<strong>1</strong> Waiting for confirmation" in body
    assert "<strong>1</strong> Unsubscribed" in body
    assert "ben@example.org" in confirmed.content.decode()
    assert "cy@example.org" not in confirmed.content.decode()
    assert "ana@example.org" in spanish.content.decode()
    assert "ben@example.org" not in spanish.content.decode()


def test_the_subscriber_list_exports_csv_with_the_consent_record(admin_client, people):
    response = admin_client.get(
        "/admin/newsletter_subscribers/", {"export": "csv", "status": "subscribed"}
    )

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Email address", "Status", "Language"]
    assert "Consent wording shown" in rows[0]
    assert sorted(row[0] for row in rows[1:]) == ["ana@example.org", "ben@example.org"]


def test_staff_erase_an_address_and_the_consent_record_stays(admin_client, people):
    ana = people[0]

    response = admin_client.post(f"/admin/newsletter_subscribers/edit/{ana.pk}/", {"erase": "on"})

    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.email, ana.status) == ("", UNSUBSCRIBED)
    assert ana.consent_text
    refused = {302, 403, 404}
    assert admin_client.get("/admin/newsletter_subscribers/add/").status_code in refused
    delete = admin_client.post(f"/admin/newsletter_subscribers/delete/{ana.pk}/")
    assert delete.status_code in refused
    assert Subscriber.objects.filter(pk=ana.pk).exists()
