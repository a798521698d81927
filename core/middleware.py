from dataclasses import replace

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from core.limits import body_limit


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict public policy everywhere, and the admin's own looser one under its prefixes."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return replace(parts, config=settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class RequestSizeLimitMiddleware:
    """Refuse a body larger than its address accepts (413) before anything reads it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
    streams to disk whatever their size, on every form of the site. The declared length
    is checked here; the server in front (Granian, a proxy) delivers no more than that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from core.views import request_too_large

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit(request.path_info):
            return request_too_large(request)
        return self.get_response(request)
