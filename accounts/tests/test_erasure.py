"""Deleting an account leaves no personal string of that person anywhere in the database."""

from django.db import connection
from django.test import Client

from accounts.tests.helpers import give_second_factor, totp_code
from certificates.tests.helpers import complete_course
from learning.tests.helpers import PASSWORD
from newsletter.models import Subscriber
from organizations.models import ADMIN, InviteLink, Membership, Organization

PRINTED_NAME = "Alicia Quintana-Whitfield"


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


def test_deletion_leaves_no_personal_string_in_any_table(client: Client, alice, course, charlie):
    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    Membership.objects.create(organization=organization, user=alice, role=ADMIN)
    InviteLink.objects.create(organization=organization, created_by=alice)
    Membership.objects.create(organization=organization, user=charlie, role=ADMIN)
    certificate = complete_course(alice, course)
    certificate.recipient_name = PRINTED_NAME
    certificate.save(update_fields=["recipient_name"])
    give_second_factor(alice)
    Subscriber.objects.create(
        email="alice@example.org", language="en", source="footer", consent_text="Email me."
    )
    client.post("/account/login/", {"login": "alice@example.org", "password": PASSWORD})
    client.post("/account/2fa/authenticate/", {"code": totp_code()})
    client.post("/account/language/", {"language": "es", "next": "/es/"})
    Client().post("/account/login/", {"login": "alice@example.org", "password": "wrong"})
    needles = {"alice@example.org", PRINTED_NAME, "Quintana"}
    assert rows_mentioning(needles), "the probe finds the person before deletion"

    response = client.post("/es/account/delete/", {"password": PASSWORD})

    assert response.status_code == 303
    assert rows_mentioning(needles) == []
    assert Subscriber.objects.get().consent_text == "Email me.", "the consent record stays"
    assert rows_mentioning({"charlie@example.org"}), "other people's data stays"
