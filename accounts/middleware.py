"""Signed-in sessions end on their own, and pages made for one person are never stored."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts.access import SecondFactorRequired, require_second_factor

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN_AT = "_last_seen_at"
# Writing the session on every request would cost a database write per page view:
# the idle clock only moves when a minute has passed since it last moved.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT idle or SESSION_ABSOLUTE_TIMEOUT after sign-in.

    A learner may be on a shared or watched phone: a forgotten session must not stay open.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._enforce(request, now=int(time.time()))
        return self.get_response(request)

    def _enforce(self, request: HttpRequest, *, now: int) -> None:
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen_at = session.setdefault(LAST_SEEN_AT, now)
        if session_expired(signed_in_at=signed_in_at, last_seen_at=last_seen_at, now=now):
            logout(request)
            messages.info(request, _("You were signed out to keep your account safe."))
        elif now - last_seen_at >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_AT] = now


def session_expired(*, signed_in_at: int, last_seen_at: int, now: int) -> bool:
    idle_for = now - last_seen_at
    open_for = now - signed_in_at
    return idle_for > settings.SESSION_IDLE_TIMEOUT or open_for > settings.SESSION_ABSOLUTE_TIMEOUT


class PrivatePagesMiddleware:
    """Whatever a signed-in person is shown is personal: no browser or proxy may keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SecondFactorMiddleware:
    """Staff reach the admin, and organization admins their dashboards, only with a second factor.

    The admin is guarded here by its URL prefix; organization pages are guarded by their
    access helper, which raises SecondFactorRequired.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_admin_request(request):
            try:
                require_second_factor(request)
            except SecondFactorRequired:
                return second_factor_setup_redirect(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SecondFactorRequired):
            return second_factor_setup_redirect(request)
        return None


def is_admin_request(request: HttpRequest) -> bool:
    user = request.user
    return (
        request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
        and user.is_authenticated
        and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def second_factor_setup_redirect(request: HttpRequest) -> HttpResponse:
    messages.info(
        request,
        _(
            "Your role lets you see other people's information, so signing in needs a second "
            "step. Set up an authenticator app to continue."
        ),
    )
    return redirect("mfa_activate_totp")
