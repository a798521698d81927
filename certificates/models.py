"""Certificates a learner earns by completing a course, and who issues them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from certificates.codes import code_display, code_new


class Certificate(models.Model):
    """Issued once per learner and course; revoked certificates stay, marked revoked."""

    code = models.CharField(_("code"), max_length=32, unique=True, default=code_new, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course_key = models.UUIDField()
    course_title = models.CharField(_("course"), max_length=255)
    language = models.CharField(max_length=10, default="en")
    completed_at = models.DateTimeField(_("completed"))
    issued_at = models.DateTimeField(_("issued"))
    recipient_name = models.CharField(
        _("name printed on the certificate"), max_length=120, blank=True
    )
    show_name_publicly = models.BooleanField(_("show the name on the public page"), default=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"], name="one_certificate_per_course"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return code_display(self.code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def has_name(self) -> bool:
        return bool(self.recipient_name)

    @property
    def public_name(self) -> str:
        """The name a verifier may see: empty unless the learner chose to show it."""
        return self.recipient_name if self.show_name_publicly else ""


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    """The organization that issues certificates, as printed and signed on them."""

    issuer_name = models.CharField(
        _("issuing organization"), max_length=120, default="Lodestar Training"
    )
    issuer_url = models.URLField(
        _("issuing organization's website"),
        blank=True,
        help_text=_("Leave empty to use this site's address."),
    )
    signatory_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=120, blank=True)

    panels = [
        FieldPanel("issuer_name"),
        FieldPanel("issuer_url"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
    ]

    class Meta:
        verbose_name = _("certificates")
