"""One access helper per protected thing in certificates."""

from django.http import Http404, HttpRequest

from certificates.codes import code_parse
from certificates.models import Certificate


def get_certificate_for_owner(request: HttpRequest, code: str) -> Certificate:
    """The signed-in learner's own certificate; 404 for anyone else."""
    parsed = code_parse(code)
    if parsed is None or not request.user.is_authenticated:
        raise Http404
    certificate = Certificate.objects.filter(code=parsed, user=request.user).first()
    if certificate is None:
        raise Http404
    return certificate


def get_certificate_document(request: HttpRequest, code: str) -> Certificate:
    """A certificate whose PDF and credential may be handed out to this request.

    The documents carry the learner's name, so they go to the learner, or to anyone
    with the code once the learner has chosen to show that name. Never for a revoked one.
    """
    parsed = code_parse(code)
    if parsed is None:
        raise Http404
    certificate = Certificate.objects.filter(code=parsed, revoked_at__isnull=True).first()
    if certificate is None:
        raise Http404
    is_owner = request.user.is_authenticated and certificate.user_id == request.user.pk
    if not (is_owner or (certificate.show_name_publicly and certificate.has_name)):
        raise Http404
    return certificate
