import posixpath

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from core.hosts import host_is_served
from core.limits import body_limit
from core.models import HotlineSettings, QuickExitSettings
from core.templatetags.chrome import CHROME_NOT_SHARED


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave for the neutral site, asking the browser to drop this site's cookies and storage."""
    destination = QuickExitSettings.load(request_or_site=request).destination_url
    response = HttpResponseRedirect(destination)
    response["Clear-Site-Data"] = '"cookies", "storage"'
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django could not read: too many fields, a broken form encoding, a bad host.

    For a host the site does not serve, the page is built without the request: every link
    the chrome makes absolute would ask it for that host, and so fail again.
    """
    if isinstance(exception, DisallowedHost):
        return render(None, "400.html", _context_without_request(), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def request_too_large(request: HttpRequest) -> HttpResponse:
    """A body over the size this address accepts: refused before any of it is read."""
    context = {"limit": filesizeformat(body_limit(request.path_info))}
    response = render(request, "413.html", context, status=413)
    response["Connection"] = "close"  # the unread body must not be taken for a next request
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's look, built without touching the database, which may be down."""
    context = _context_without_request()
    if host_is_served(request):
        context["request"] = request
    return render(None, "500.html", context, status=500)


def _context_without_request() -> dict:
    """What the page chrome needs, with the default settings: no database, no Host header.

    Those defaults (and the empty menu) are right for this page alone: the chrome it draws
    must not be shared with the pages that follow (core/templatetags/chrome.py)."""
    return {
        "hotline": HotlineSettings(),
        "quick_exit": QuickExitSettings(),
        "sections": [],
        CHROME_NOT_SHARED: True,
    }


# Images are public in Wagtail; documents are not (their own view checks privacy), so
# only the image folders of MEDIA_ROOT are served here.
PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")


@require_GET
def public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded images, for a site without a web server or object storage in front of it."""
    clean = posixpath.normpath(path)  # "images/../secret.key" must not pass as an image
    if not clean.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404
    response = serve(request, clean, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response
