"""What crawlers read: /sitemap.xml (every live public page, with translations), /robots.txt."""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page

# Personal or private areas: no crawler has any business there. /es/ twins included.
PRIVATE_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/account/",
    "/my-learning/",
    "/certificates/",
    "/join/",
    "/organizations/",
    "/newsletter/",
    "/exit/",
    "/documents/",
]


class PagesSitemap(Sitemap):
    """Every live, public Wagtail page in every language, each listing its translations."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.latest_lastmod = None

    def items(self) -> list[Page]:
        return list(
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .only("url_path", "translation_key", "locale", "last_published_at", "path", "depth")
            .order_by("path")
        )

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        entries = []
        for item in self.items():
            # The address as visitors reach it (like the hreflang links in every page's head),
            # not the hostname stored on the Wagtail Site record.
            url = item.get_url(request=self.request)
            if url:
                entries.append((item, self.request.build_absolute_uri(url)))
        versions = defaultdict(list)
        for item, url in entries:
            versions[item.translation_key].append(
                {"lang_code": item.locale.language_code, "location": url}
            )
        lastmods = [item.last_published_at for item, _url in entries if item.last_published_at]
        self.latest_lastmod = max(lastmods, default=None)
        return [
            {
                "item": item,
                "location": url,
                "lastmod": item.last_published_at,
                "alternates": (
                    versions[item.translation_key]
                    if len(versions[item.translation_key]) > 1
                    else []
                ),
            }
            for item, url in entries
        ]


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return django_sitemap(request, sitemaps={"pages": PagesSitemap(request)})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    disallowed = [*PRIVATE_PREFIXES, *(f"/es{prefix}" for prefix in PRIVATE_PREFIXES[2:])]
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in disallowed),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
