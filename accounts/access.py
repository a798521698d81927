"""Who must prove a second factor before reaching what they administer."""

from django.conf import settings
from django.http import HttpRequest

from accounts.selectors import has_second_factor


class SecondFactorRequired(Exception):
    """Raised by an access helper; SecondFactorMiddleware sends the person to set one up."""


def require_second_factor(request: HttpRequest) -> None:
    """Staff and organization admins see other people's data: a password alone is not enough."""
    if settings.MFA_REQUIRED_FOR_ADMINS and not has_second_factor(request.user):
        raise SecondFactorRequired
