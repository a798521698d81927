from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from accounts.selectors import language_preference
from core.client import client_ip
from organizations.selectors import administers_an_organization
from organizations.services import REFERRAL_SESSION_KEY, referral_record


class AccountAdapter(DefaultAccountAdapter):
    """Neutral account emails: a survivor's inbox may be read by someone else."""

    def format_email_subject(self, subject: str) -> str:
        return str(subject)

    def get_client_ip(self, request) -> str:
        """The client behind our proxies, as lockouts and our own rate limits see it.

        Allauth's rate limits would otherwise key on the load balancer's address, so
        every learner behind it would share one sign-in budget.
        """
        return client_ip(request)

    def save_user(self, request, user, form, commit=True):
        """Credit the organization whose share link this visitor arrived through.

        The user row exists from this moment, before the email is confirmed, so the
        credit survives the confirmation round trip, even on another device.
        """
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.get(REFERRAL_SESSION_KEY) if request is not None else None
        if commit and token:
            referral_record(user=user, token=token)
        return user

    def get_login_redirect_url(self, request) -> str:
        """After sign-in, the learner's pages in the language they chose last time."""
        url = super().get_login_redirect_url(request)
        language = language_preference(request.user)
        if language is None or language == translation.get_language():
            return url
        return translate_url(url, language)


class SecondFactorAdapter(DefaultMFAAdapter):
    """Those who must use a second factor cannot switch it off; learners may."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        must_keep = settings.MFA_REQUIRED_FOR_ADMINS and (
            user.is_staff or administers_an_organization(user)
        )
        return not must_keep and super().can_delete_authenticator(authenticator)
