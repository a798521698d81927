"""Organizations in the Wagtail admin: staff create them and name their first administrators."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from organizations.models import ROLES, Membership, Organization


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    form_fields = ["name", "slug", "logo", "public_reach"]
    list_display = ["name", "slug", "public_reach", "created_at"]
    search_fields = ["name", "slug"]
    copy_view_enabled = False


class MembershipForm(forms.ModelForm):
    """Staff add a person by email address, never from a list of every account."""

    email = forms.EmailField(label=_("Email address of the person"))

    class Meta:
        model = Membership
        fields = ["organization", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = ROLES
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if self.instance.pk:
            return self.instance.user.email
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses this address. Ask the person to sign up first.")
            )
        self.instance.user = user
        return email

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("email", _("This person is already in the organization."))


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "organization", "role", "joined_at"]
    list_filter = ["organization", "role"]
    search_fields = ["user__email", "organization__name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return MembershipForm


class OrganizationGroup(ViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    items = (OrganizationViewSet("organizations"), MembershipViewSet("memberships"))


@hooks.register("register_admin_viewset")
def register_organization_viewsets():
    return OrganizationGroup()
