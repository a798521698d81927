"""Newsletter subscribers with their consent record, the issues editors write, and deliveries."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import PreviewableMixin

PENDING = "pending"
SUBSCRIBED = "subscribed"
UNSUBSCRIBED = "unsubscribed"
STATUSES = [
    (PENDING, _("Waiting for confirmation")),
    (SUBSCRIBED, _("Subscribed")),
    (UNSUBSCRIBED, _("Unsubscribed")),
]
FOOTER = "footer"
PAGE = "page"
SOURCES = [(FOOTER, _("Form at the foot of a page")), (PAGE, _("Newsletter page"))]

DRAFT = "draft"
SENDING = "sending"
SENT = "sent"
ISSUE_STATUSES = [(DRAFT, _("Draft")), (SENDING, _("Sending")), (SENT, _("Sent"))]
# Headings, emphasis, lists and links only: no images, so an issue loads nothing remote
# when opened and cannot carry a tracking pixel.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


def random_token() -> str:
    """192 random bits, URL-safe: an identifier nobody can guess."""
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """One address and the consent given for it. Rows stay: unsubscribing changes the status,
    erasing blanks the address, and the consent record remains as proof."""

    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    source = models.CharField(_("form"), max_length=10, choices=SOURCES)
    consent_text = models.TextField(_("consent wording shown"))
    consent_given_at = models.DateTimeField(_("consent given"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("address erased"), null=True, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=random_token)
    # What the signed confirmation link carries: random, so the link never reveals a key
    # or the address; cleared once the person unsubscribes so an old link cannot resubscribe.
    confirmation_key = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="one_subscriber_per_address"
            ),
        ]
        indexes = [models.Index(fields=["status", "language"], name="subscriber_audience")]

    def __str__(self) -> str:
        return self.email or str(_("(address erased)"))


class IssueForm(WagtailAdminModelForm):
    def clean_subject(self) -> str:
        # A line break in a subject would end the mail header: keep it to one line.
        return " ".join(self.cleaned_data["subject"].split())

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.status != DRAFT:
            raise ValidationError(
                _("This issue is being sent or was sent, so it cannot change. Copy it instead.")
            )
        return cleaned


class NewsletterIssue(PreviewableMixin, models.Model):
    """An issue an editor writes, previews, tests on themselves, then sends once."""

    subject = models.CharField(_("subject"), max_length=150)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("Sent to the confirmed subscribers who chose this language."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=BODY_FEATURES)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(max_length=10, choices=ISSUE_STATUSES, default=DRAFT, editable=False)
    send_started_at = models.DateTimeField(_("sending started"), null=True, editable=False)
    send_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, editable=False)

    base_form_class = IssueForm
    panels = [
        FieldPanel("subject"),
        FieldPanel("language"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]
        permissions = [("send_newsletterissue", "Can send newsletter issues to subscribers")]

    def __str__(self) -> str:
        return self.subject

    @property
    def preview_modes(self):
        return [("html", _("Email")), ("text", _("Plain text"))]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        from newsletter.emails import issue_preview

        rendered = issue_preview(self)
        if mode_name == "text":
            return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
        return HttpResponse(rendered.html)


class Delivery(models.Model):
    """One issue claimed for one subscriber. The row is written before the message goes out,
    so a resumed send never mails anyone the same issue twice."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
