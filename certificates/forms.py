from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.codes import code_parse
from certificates.pdf import printable


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=64,
        help_text=_("The code printed at the bottom of the certificate, for example ABCD-EFGH-…"),
    )

    def clean_code(self) -> str:
        code = code_parse(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a certificate code. "
                    "Codes have 28 letters and digits, in groups of four."
                )
            )
        return code


class CertificateNameForm(forms.Form):
    recipient_name = forms.CharField(
        label=_("Name printed on the certificate"),
        max_length=120,
        help_text=_("As you want an employer or school to read it. You can change it later."),
    )
    show_name_publicly = forms.BooleanField(
        label=_("Show this name to people who check the certificate"),
        required=False,
        help_text=_(
            "If you leave this off, the public page confirms the certificate without your name, "
            "and only you can download the PDF and the digital badge."
        ),
    )

    def clean_recipient_name(self) -> str:
        name = " ".join(self.cleaned_data["recipient_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter the name to print."))
        if not printable(name):
            raise forms.ValidationError(
                _(
                    "The certificate cannot print some of these characters yet. "
                    "Please use Latin letters."
                )
            )
        return name
