"""Views of certificates: public verification, the documents, and the learner's own list."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from certificates import credentials, services
from certificates.access import get_certificate_document, get_certificate_for_owner
from certificates.codes import code_display, code_parse
from certificates.forms import CertificateNameForm, VerifyForm
from certificates.links import absolute_url
from certificates.models import Certificate, CertificateSettings
from certificates.pdf import PAPER_SIZES, Issuer, certificate_pdf
from core.pagecache import rate_limit_cached_copies
from core.ratelimit import rate_limit_exceeded

SEE_OTHER = 303
PUBLIC_DOCUMENT_MAX_AGE = 300


def _verify_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificate_verify", args=[certificate.display_code]))


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    response = render(request, "certificates/not_found.html", {"form": VerifyForm()}, status=404)
    return _noindex(response)


def _verify_rate() -> dict:
    return {"scope": "certificate-verify", "limit": settings.CERTIFICATE_VERIFY_RATE, "window": 60}


def _too_many(request: HttpRequest) -> HttpResponse | None:
    if not rate_limit_exceeded(request, **_verify_rate()):
        return None
    response = render(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = "60"
    return _noindex(response)


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """The form where someone types a code from a printed certificate."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificate_verify", code=code_display(form.cleaned_data["code"]))
    status = 400 if form.is_bound else 200
    return _noindex(render(request, "certificates/lookup.html", {"form": form}, status=status))


@require_GET
@cache_control(no_cache=True)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Valid, revoked or not found: what a verifier without an account sees.

    A browser asks again each time (no-cache, answered 304 while nothing changed); the
    page cache keeps the page for anonymous verifiers until a name change, revocation
    or deletion purges it, and counts its copies against the same rate limit.
    """
    limited = _too_many(request)
    if limited is not None:
        return limited
    parsed = code_parse(code)
    if parsed is None:
        return _not_found(request)
    if code != code_display(parsed):
        return redirect("certificate_verify", code=code_display(parsed), permanent=True)
    certificate = Certificate.objects.filter(code=parsed).first()
    if certificate is None:
        return _not_found(request)
    context = {
        "certificate": certificate,
        "issuer": CertificateSettings.load(request_or_site=request),
        "is_owner": request.user.is_authenticated and certificate.user_id == request.user.pk,
    }
    response = _noindex(render(request, "certificates/verify.html", context))
    return rate_limit_cached_copies(response, **_verify_rate())


def _document_or_name_form(request: HttpRequest, code: str) -> Certificate | HttpResponse:
    certificate = get_certificate_document(request, code)
    if not certificate.has_name:  # only the learner gets this far without a name
        return redirect("certificate_name", code=certificate.display_code)
    return certificate


@require_GET
def pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _document_or_name_form(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    chosen = CertificateSettings.load(request_or_site=request)
    issuer = Issuer(chosen.issuer_name, chosen.signatory_name, chosen.signatory_title)
    paper = request.GET.get("paper", "letter")
    content = certificate_pdf(
        certificate,
        issuer=issuer,
        verify_url=_verify_url(certificate),
        paper=paper if paper in PAPER_SIZES else "letter",
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return _noindex(response)


@require_GET
def credential(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _document_or_name_form(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    response = HttpResponse(
        credentials.credential_signed(certificate), content_type=credentials.MEDIA_TYPE
    )
    disposition = "attachment" if "download" in request.GET else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="certificate-{certificate.code}.jwt"'
    )
    response["Cache-Control"] = "private, no-cache"
    return _noindex(response)


def _public_document(response: HttpResponse) -> HttpResponse:
    """Key set, issuer and status list: any verifier may fetch them, from any origin."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={PUBLIC_DOCUMENT_MAX_AGE}"
    return response


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    return _public_document(JsonResponse(credentials.jwks()))


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    profile = {"@context": credentials.CONTEXT, **credentials.issuer_profile()}
    return _public_document(JsonResponse(profile, content_type="application/ld+json"))


@require_GET
def status_list(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(credentials.status_list_signed(), content_type=credentials.MEDIA_TYPE)
    _public_document(response)
    response["Cache-Control"] = "public, max-age=60"
    return response


@login_required
@never_cache
def my_certificates(request: HttpRequest) -> HttpResponse:
    owned = Certificate.objects.filter(user=request.user).order_by("-issued_at")
    items = [{"certificate": item, "url": _verify_url(item)} for item in owned]
    return render(request, "certificates/my_certificates.html", {"items": items})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def name(request: HttpRequest, code: str) -> HttpResponse:
    """The learner chooses the name printed on the certificate and who may see it."""
    certificate = get_certificate_for_owner(request, code)
    initial = {
        "recipient_name": certificate.recipient_name,
        "show_name_publicly": certificate.show_name_publicly,
    }
    form = CertificateNameForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        services.certificate_name_set(
            certificate=certificate,
            name=form.cleaned_data["recipient_name"],
            show_publicly=form.cleaned_data["show_name_publicly"],
        )
        messages.success(request, _("Your certificate is ready."))
        response = HttpResponseRedirect(reverse("my_certificates"))
        response.status_code = SEE_OTHER
        return response
    status = 400 if form.is_bound else 200
    context = {"certificate": certificate, "form": form}
    return render(request, "certificates/name.html", context, status=status)
