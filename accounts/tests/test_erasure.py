"""Deleting an account leaves no personal string of that person anywhere in the database,
and no row of any model that core/privacy.py declares erased with the account."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from accounts.tests.helpers import (
    PROBE_NAME,
    give_one_row_of_everything,
    give_pending_records,
    give_staff_records,
    totp_code,
)
from core.privacy import BLANKED, DELETED, personal_models, rows_of
from learning.tests.helpers import (
    PASSWORD,
    assert_clean_error_page,
    fail_after,
    right_answers,
    take_quiz,
)
from newsletter.models import Subscriber
from organizations.models import ADMIN, Membership, Organization

ADDRESSES = {"alice@example.org", "alice"}


def rows_mentioning(needles: set[str]) -> list[tuple[str, str]]:
    """(table, needle) for every row of every table whose text holds one of the needles."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).lower()
                found += [(table, needle) for needle in needles if needle.lower() in text]
    return found


def erased_models():
    """Every model declared to lose the person's rows (or their address) with the account."""
    return [
        (model, declared)
        for on_deletion in (DELETED, BLANKED)
        for model, declared in personal_models(on_deletion=on_deletion)
        if declared.owner
    ]


def test_deletion_leaves_no_personal_string_in_any_table(client: Client, alice, course, charlie):
    give_one_row_of_everything(alice, course)
    give_staff_records(alice, course)
    Membership.objects.create(
        organization=Organization.objects.get(slug="riverside"), user=charlie, role=ADMIN
    )
    client.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})
    client.post("/account/2fa/authenticate/", {"code": totp_code()})
    client.post("/account/language/", {"language": "es", "next": "/es/"})
    module = course.modules()[1]
    take_quiz(client, module, right_answers(module))
    Client().post("/account/login/", {"login": "alice@example.org", "password": "wrong"})
    give_pending_records(alice)
    needles = {"alice@example.org", PROBE_NAME, "Quintana", "ProbeBrowser", "203.0.113.4"}
    assert rows_mentioning(needles), "the probe finds the person before deletion"
    uncovered = [
        model._meta.label
        for model, declared in erased_models()
        if not rows_of(model, declared, user=alice, addresses=ADDRESSES).exists()
    ]
    assert uncovered == [], "give alice a row of these, so their erasure is tested"

    response = client.post("/es/account/delete/", {"password": PASSWORD})

    assert response.status_code == 303
    assert rows_mentioning(needles) == []
    left = [
        model._meta.label
        for model, declared in erased_models()
        if rows_of(model, declared, user=alice, addresses=ADDRESSES).exists()
    ]
    assert left == []
    consent = Subscriber.objects.get()
    assert (consent.email, consent.consent_text) == ("", "Yes, email me (probe).")
    assert rows_mentioning({"charlie@example.org"}), "other people's data stays"


@pytest.mark.django_db(transaction=True)
def test_a_crash_midway_through_deletion_keeps_the_account_whole(alice, course, monkeypatch):
    """The address is blanked and the sign-in records go before the user row: all or none."""
    give_one_row_of_everything(alice, course)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    fail_after(monkeypatch, get_user_model(), "delete")

    response = client.post("/account/delete/", {"password": PASSWORD})

    assert_clean_error_page(response)
    assert Subscriber.objects.get().email == "alice@example.org"
    assert AccessAttempt.objects.filter(username="alice@example.org").exists()
    assert get_user_model().objects.filter(pk=alice.pk).exists()
