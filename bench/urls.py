"""The site's URLs plus the benchmark's reference lines: a trivial view behind every
middleware, and the naive page the issue measures its floor with."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from lodestar.urls import handler400, handler403, handler404, handler500
from lodestar.urls import urlpatterns as site_urlpatterns
from organizations.models import Organization

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

NAIVE_ROWS = 20
# Each row a little markup around its fields and about 900 bytes of fixed text, so twenty
# rows make a page of about 20 KB, most of it the template's own text.
NAIVE_TEXT = " ".join(
    [
        "A naive page reads its rows on every request and renders every byte again.",
        "Nothing is shared between requests: no page cache, no fragment, no stored value.",
        "Its cost is the floor any page with data in it should stay above.",
        "The benchmark serves it through the same middleware as every other page.",
    ]
    * 3
)
NAIVE_TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ rows|length }} organizations</title></head>
<body><main>{% for row in rows %}
<article id="organization-{{ row.pk }}">
<h2><a href="/organizations/{{ row.slug }}/">{{ row.name }}</a></h2>
<p>Since {{ row.created_at|date:"j F Y" }}.</p>
<p>"""
    + NAIVE_TEXT
    + """</p></article>{% endfor %}
</main></body></html>"""
)


def trivial(request: HttpRequest) -> HttpResponse:
    """A short string. Like any anonymous page, it is answered by the page cache after its
    first request: the ceiling an anonymous page can reach."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache  # rendered for every request, never answered by the page cache
def naive_page(request: HttpRequest) -> HttpResponse:
    """Twenty rows read and rendered afresh into about 20 KB: the issue's floor."""
    rows = list(Organization.objects.order_by("pk")[:NAIVE_ROWS])
    return HttpResponse(NAIVE_TEMPLATE.render({"rows": rows}, request))


urlpatterns = [
    path("bench/trivial", trivial),
    path("bench/naive", naive_page),
    *site_urlpatterns,
]
