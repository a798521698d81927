"""Public newsletter pages: sign up, confirm, unsubscribe. None of them sets a cookie.

CSRF: the signup form sits in the footer of every page, and those pages are cached and
set no cookie for a reader who only reads, so the form cannot carry a CSRF token (that
would need a cookie). The views below are therefore csrf_exempt, which is safe here:
- signup only ever mails a confirmation link to the address typed (double opt-in), and
  answers the same whatever the address; a forged submission achieves exactly what the
  attacker could do by posting the form themselves, and the rate limit bounds both;
- confirm and unsubscribe act on the unguessable token in the address itself, which is
  the proof of intent a CSRF token would give; RFC 8058 one-click unsubscribe is a
  cookieless POST from the mail provider by design.
None of them reads or writes a session.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import rate_limit_exceeded
from core.tokens import is_token
from newsletter import services
from newsletter.forms import CONSENT_TEXT, SignupForm
from newsletter.models import PAGE, SOURCES, UNSUBSCRIBED, Subscriber
from newsletter.tokens import LinkExpired, LinkInvalid, confirmation_key

SEE_OTHER = 303


def _see_other(url_name: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(reverse(url_name))
    response.status_code = SEE_OTHER
    return response


def _signup_page(request: HttpRequest, form: SignupForm, status: int = 200) -> HttpResponse:
    return render(request, "newsletter/signup.html", {"form": form}, status=status)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "newsletter/too_many.html", status=429)
    response["Retry-After"] = str(settings.NEWSLETTER_SIGNUP_WINDOW)
    return response


def _link_problem(request: HttpRequest, *, expired: bool) -> HttpResponse:
    """A confirmation link that cannot be used: say why, and offer to sign up again."""
    context = {
        "expired": expired,
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
        "form": SignupForm(source=PAGE),
    }
    return render(request, "newsletter/link_problem.html", context, status=410 if expired else 400)


def _source(request: HttpRequest) -> str:
    """Which form was used, for the consent record; anything unknown counts as the page."""
    source = request.POST.get("source")
    return source if source in dict(SOURCES) else PAGE


@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The signup page, and where every signup form posts (see the module docstring on CSRF)."""
    if request.method == "GET":
        return _signup_page(request, SignupForm(source=PAGE))
    if rate_limit_exceeded(
        request,
        scope="newsletter-signup",
        limit=settings.NEWSLETTER_SIGNUP_RATE,
        window=settings.NEWSLETTER_SIGNUP_WINDOW,
    ):
        return _too_many(request)
    form = SignupForm(request.POST, source=_source(request))
    if not form.is_valid():
        return _signup_page(request, form, status=400)
    if not form.is_bot:  # a bot gets the same answer and nothing happens
        services.subscriber_signup(
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            source=form.cleaned_data["source"],
            consent_text=CONSENT_TEXT,
        )
    return _see_other("newsletter_check_email")


@require_GET
def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_email.html")


def _key_or_problem(request: HttpRequest, token: str) -> str | HttpResponse:
    try:
        return confirmation_key(token)
    except LinkExpired:
        return _link_problem(request, expired=True)
    except LinkInvalid:
        return _link_problem(request, expired=False)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for a click, so a mail scanner following links confirms nothing; POST confirms."""
    key = _key_or_problem(request, token)
    if isinstance(key, HttpResponse):
        return key
    if request.method == "GET":
        subscriber = Subscriber.objects.filter(confirmation_key=key).first()
        if subscriber is None:
            return _link_problem(request, expired=False)
        return render(request, "newsletter/confirm.html", {"subscriber": subscriber})
    if services.subscriber_confirm(key=key) is None:
        return _link_problem(request, expired=False)
    return _see_other("newsletter_confirmed")


@require_GET
def confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/confirmed.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: the mail provider POSTs here without a cookie; a person gets a button first."""
    if not is_token(token):
        return render(request, "newsletter/unsubscribe_unknown.html", status=404)
    if request.method == "POST":
        subscriber = services.subscriber_unsubscribe(token=token)
        done = subscriber is not None
    else:
        subscriber = Subscriber.objects.filter(unsubscribe_token=token).first()
        done = subscriber is not None and subscriber.status == UNSUBSCRIBED
    if subscriber is None:
        return render(request, "newsletter/unsubscribe_unknown.html", status=404)
    template = "newsletter/unsubscribed.html" if done else "newsletter/unsubscribe.html"
    return render(request, template, {"token": token})
