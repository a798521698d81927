"""Chapters and partner groups: their members, invite and share links, and reach."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADMIN = "admin"
MEMBER = "member"
ROLES = [(ADMIN, _("Administrator")), (MEMBER, _("Member"))]
JOIN = "join"
SHARE = "share"
PURPOSES = [(JOIN, _("Join the organization")), (SHARE, _("Share the training"))]


def link_token() -> str:
    """192 random bits, URL-safe: the only identifier of a link."""
    return secrets.token_urlsafe(24)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public_reach = models.BooleanField(
        _("publish the reach page"),
        default=False,
        help_text=_("A public page with the number of people trained: no names, no personal data."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person in an organization. Without consent they count only in totals."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default=MEMBER)
    consent_given_at = models.DateTimeField(_("progress shared since"), null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    joined_through = models.ForeignKey(
        "InviteLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organization_id} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def shares_progress(self) -> bool:
        return self.consent_given_at is not None


class InviteLink(models.Model):
    """/join/<token>/: a link to join (as member or admin), or to share the training."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True, default=link_token, editable=False)
    purpose = models.CharField(_("purpose"), max_length=10, choices=PURPOSES, default=JOIN)
    role = models.CharField(_("joins as"), max_length=10, choices=ROLES, default=MEMBER)
    label = models.CharField(_("label"), max_length=120, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    max_uses = models.PositiveIntegerField(_("use limit"), null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invite link")
        verbose_name_plural = _("invite links")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=F("max_uses")),
                name="link_uses_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(purpose="join") | Q(role="member"), name="share_links_add_no_admins"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_purpose_display()

    def unavailable_reason(self, now=None) -> str | None:
        """Why the link cannot be used now (revoked, expired, used up), or None."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        if self.max_uses is not None and self.uses >= self.max_uses:
            return "used_up"
        return None


class Referral(models.Model):
    """A person who signed up through a share link: the organization's reach."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="referrals"
    )
    link = models.ForeignKey(InviteLink, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.user_id} via {self.organization_id}"
