"""Certificates in the Wagtail admin: staff find one by code or email and revoke it."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from certificates.models import Certificate
from certificates.services import certificate_revoke


class RevokeOnlyPolicy(ModelPermissionPolicy):
    """Certificates come from completions: staff may revoke them, never add or delete them."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


class RevokeForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["revocation_reason"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revocation_reason"].required = True
        self.fields["revocation_reason"].help_text = _(
            "Shown to nobody but staff. Revoking cannot be undone; "
            "the certificate stays, marked revoked."
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_revoked:
            revoked_on = formats.date_format(self.instance.revoked_at, "DATE_FORMAT")
            raise forms.ValidationError(
                _("This certificate was already revoked on %(date)s.") % {"date": revoked_on}
            )
        return cleaned


class RevokeView(generic.EditView):
    success_message = _("Certificate '%(object)s' revoked.")

    def save_instance(self):
        return certificate_revoke(
            certificate=self.object,
            reason=self.form.cleaned_data["revocation_reason"],
            by=self.request.user,
        )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = RevokeView
    list_display = ["display_code", "user", "course_title", "issued_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["code", "user__email", "recipient_name"]
    inspect_view_fields = [
        "display_code",
        "user",
        "course_title",
        "recipient_name",
        "show_name_publicly",
        "completed_at",
        "issued_at",
        "revoked_at",
        "revocation_reason",
    ]

    @property
    def permission_policy(self):
        return RevokeOnlyPolicy(self.model)

    def get_form_class(self, for_update=False):
        return RevokeForm


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")
