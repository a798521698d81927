"""Writes of organizations: links, joining, leaving, consent, referrals."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from organizations.models import ADMIN, JOIN, SHARE, InviteLink, Membership, Organization, Referral

# Where a visit that came through a share link keeps its token until sign-up.
REFERRAL_SESSION_KEY = "referral_token"


class LinkUnavailable(Exception):
    """The link is revoked, expired or used up: reason says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LastAdmin(Exception):
    """An organization keeps at least one administrator."""


def invite_link_create(
    *,
    organization: Organization,
    by: AbstractBaseUser,
    purpose: str,
    role: str,
    label: str = "",
    expires_at: datetime | None = None,
    max_uses: int | None = None,
) -> InviteLink:
    return InviteLink.objects.create(
        organization=organization,
        created_by=by,
        purpose=purpose,
        role=role if purpose == JOIN else "member",
        label=label,
        expires_at=expires_at,
        max_uses=max_uses,
    )


def invite_link_revoke(*, link: InviteLink) -> None:
    InviteLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def _use_claimed(link: InviteLink) -> bool:
    """Count one use, in one conditional UPDATE, so parallel joins never pass the limit."""
    now = timezone.now()
    return bool(
        InviteLink.objects.filter(pk=link.pk, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .filter(Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")))
        .update(uses=F("uses") + 1)
    )


def _refused(link: InviteLink) -> LinkUnavailable:
    link.refresh_from_db()
    return LinkUnavailable(link.unavailable_reason() or "used_up")


def _promote(membership: Membership, link: InviteLink) -> Membership:
    """An admin link given to a member makes them an admin (and counts as a use)."""
    with transaction.atomic():
        if not _use_claimed(link):
            raise _refused(link)
        membership.role = ADMIN
        membership.save(update_fields=["role"])
    return membership


def membership_join(*, user: AbstractBaseUser, link: InviteLink, consent: bool) -> Membership:
    """Join through a link once. Joining again returns the membership and uses nothing."""
    existing = Membership.objects.filter(organization_id=link.organization_id, user=user).first()
    if existing is not None:
        if consent and not existing.shares_progress:
            membership_consent_set(membership=existing, consent=True)
        if link.role == ADMIN and not existing.is_admin:
            return _promote(existing, link)
        return existing
    try:
        with transaction.atomic():
            if not _use_claimed(link):
                raise _refused(link)
            return Membership.objects.create(
                organization_id=link.organization_id,
                user=user,
                role=link.role,
                consent_given_at=timezone.now() if consent else None,
                joined_through=link,
            )
    except IntegrityError:  # a parallel request joined first; its use stands, ours rolled back
        return Membership.objects.get(organization_id=link.organization_id, user=user)


def membership_consent_set(*, membership: Membership, consent: bool) -> None:
    """Share progress with the organization, or stop: the per-person list drops them at once."""
    membership.consent_given_at = timezone.now() if consent else None
    membership.save(update_fields=["consent_given_at"])


def membership_leave(*, membership: Membership) -> None:
    with transaction.atomic():
        admins = Membership.objects.select_for_update().filter(
            organization_id=membership.organization_id, role=ADMIN
        )
        if membership.is_admin and len(admins) <= 1:
            raise LastAdmin
        Membership.objects.filter(pk=membership.pk).delete()


def referral_record(*, user: AbstractBaseUser, token: str) -> Referral | None:
    """Credit the organization whose share link brought this person to sign up (first wins)."""
    link = InviteLink.objects.filter(token=token, purpose=SHARE).first()
    if link is None or Referral.objects.filter(user=user).exists():
        return None
    try:
        with transaction.atomic():
            if not _use_claimed(link):
                return None
            return Referral.objects.create(
                user=user, organization_id=link.organization_id, link=link
            )
    except IntegrityError:
        return None


def stale_links_purge(*, ended_before: datetime) -> int:
    """Delete invite and share links that stopped working before that time.

    Members who joined through one, and the credit of people it referred, stay.
    """
    stale = InviteLink.objects.filter(
        Q(revoked_at__lt=ended_before) | Q(expires_at__lt=ended_before)
    )
    deleted, _ = stale.delete()
    return deleted
