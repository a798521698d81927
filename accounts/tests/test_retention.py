"""Retention: unconfirmed sign-ups and ended invite links are purged after a while."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from organizations.models import InviteLink, Membership, Organization


def sign_up_unconfirmed(email: str, *, days_ago: int, **fields):
    user = get_user_model().objects.create_user(username=email, email=email, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    user.date_joined = timezone.now() - timedelta(days=days_ago)
    user.save(update_fields=["date_joined"])
    return user


def test_unconfirmed_sign_ups_are_deleted_after_the_retention_period(alice, settings):
    settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS = 7
    sign_up_unconfirmed("old@example.org", days_ago=8)
    sign_up_unconfirmed("recent@example.org", days_ago=2)
    sign_up_unconfirmed("staff@example.org", days_ago=30, is_staff=True)
    alice.date_joined = timezone.now() - timedelta(days=400)
    alice.save(update_fields=["date_joined"])

    call_command("purge_stale_data")

    remaining = set(get_user_model().objects.values_list("email", flat=True))
    assert remaining == {"alice@example.org", "recent@example.org", "staff@example.org"}
    assert not EmailAddress.objects.filter(email="old@example.org").exists()


def test_ended_links_are_deleted_and_their_members_stay(alice, settings):
    settings.RETENTION_ENDED_LINK_DAYS = 90
    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    long_ago = timezone.now() - timedelta(days=91)
    revoked = InviteLink.objects.create(organization=organization, revoked_at=long_ago)
    expired = InviteLink.objects.create(organization=organization, expires_at=long_ago)
    lately_revoked = InviteLink.objects.create(
        organization=organization, revoked_at=timezone.now() - timedelta(days=3)
    )
    open_link = InviteLink.objects.create(organization=organization)
    Membership.objects.create(organization=organization, user=alice, joined_through=revoked)

    call_command("purge_stale_data")

    assert set(InviteLink.objects.all()) == {lately_revoked, open_link}
    assert not InviteLink.objects.filter(pk__in=[revoked.pk, expired.pk]).exists()
    assert Membership.objects.get(user=alice).joined_through is None
