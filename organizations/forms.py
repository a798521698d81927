from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import JOIN, PURPOSES, ROLES


class JoinForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Share my training progress with this organization"),
        required=False,
        help_text=_(
            "Its administrators will see your email address, which modules you finished, your "
            "knowledge-check scores and your certificate. Without this, you count only in totals. "
            "You can change this at any time."
        ),
    )


class LinkForm(forms.Form):
    purpose = forms.ChoiceField(label=_("What the link does"), choices=PURPOSES, initial=JOIN)
    role = forms.ChoiceField(
        label=_("People who join become"),
        choices=ROLES,
        initial="member",
        help_text=_("Only for links that join the organization."),
    )
    label = forms.CharField(
        label=_("Label (only your team sees it)"), max_length=120, required=False
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=365, required=False
    )
    max_uses = forms.IntegerField(
        label=_("Use limit"), min_value=1, max_value=100_000, required=False
    )

    def link_options(self) -> dict:
        days = self.cleaned_data["expires_in_days"]
        return {
            "purpose": self.cleaned_data["purpose"],
            "role": self.cleaned_data["role"],
            "label": self.cleaned_data["label"].strip(),
            "expires_at": timezone.now() + timedelta(days=days) if days else None,
            "max_uses": self.cleaned_data["max_uses"],
        }
