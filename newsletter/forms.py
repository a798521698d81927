from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsletter.models import SOURCES

# Shown next to every signup form and stored, in the language shown, with each signup.
CONSENT_TEXT = _(
    "We will email you now and then with news and new training. We use your address for "
    "nothing else and share it with no one. Every email has a link to stop them in one click."
)


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)
    source = forms.ChoiceField(choices=SOURCES, widget=forms.HiddenInput)
    # A field people never see: software that fills in every field gives itself away.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args, source: str, **kwargs):
        kwargs.setdefault("auto_id", f"{source}-newsletter-%s")
        kwargs.setdefault("initial", {"language": get_language(), "source": source})
        super().__init__(*args, **kwargs)

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
