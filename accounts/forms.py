from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    """Allauth's sign-up, written in one transaction: the account, its address and the
    organization's credit for it are all saved, or none is (a half-made account would
    block a second try with the same address)."""

    @transaction.atomic
    def save(self, request):
        return super().save(request)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password


class LanguageForm(forms.Form):
    """The language switch of a signed-in person: the language, and the page to land on."""

    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(max_length=2000)

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_next(self) -> str:
        target = self.cleaned_data["next"]
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            raise forms.ValidationError(_("That page is not on this site."))
        return target
