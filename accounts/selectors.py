"""Reads of a person's own account."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from accounts.models import Profile


def language_preference(user: AbstractBaseUser) -> str | None:
    """The language the person chose with the language switch, or None if they never did."""
    if user.pk is None:  # an anonymous visitor
        return None
    return Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()


def language_for_mail(user: AbstractBaseUser, *, fallback: str | None = None) -> str:
    """The language of mail to this person: their choice, else the fallback, else the default."""
    return language_preference(user) or fallback or settings.LANGUAGE_CODE


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the person set up an authenticator app (TOTP), so signing in asks for its code."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
