"""The site's URLs plus the benchmark's reference line: a trivial view behind every middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lodestar.urls import handler400, handler403, handler404, handler500
from lodestar.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *site_urlpatterns]
