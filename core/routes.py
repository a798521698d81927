"""Which page an address leads to, shared until the next edit.

Wagtail finds the page for /learn/course/module/ by walking the tree, two queries for
each level, on every request; only anonymous pages come whole from the page cache, so a
signed-in learner paid for the walk on every page and every quiz answer. The walk's
result (the page as published, and how many parts of the address it took) is kept until
an edit empties the page cache; a later request lets that page route the rest itself,
which keeps a RoutablePage's own routes, the live check and Wagtail's privacy
hooks as they are (the hooks ask core.models.SharedPrivacyMixin whether a page has
rules, which is shared until the next edit too).

Views outside the tree (My learning, dashboards) link to pages as well: they take the
site from the same shared store (request_site), so none of them queries for it.
"""

from collections.abc import Callable
from contextlib import suppress

from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.pagecache import known_until_next_edit, served_as, until_next_edit

WAGTAIL_SERVE = "wagtail_serve"


class RouteCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Any page may link to pages, for which Wagtail reads the sites' root paths; loaded
        # only if it does, so a view that touches no page (a health check) needs no database.
        request._wagtail_cached_site_root_paths = SimpleLazyObject(
            lambda: until_next_edit("site-root-paths", Site.get_site_root_paths)
        )
        path = _wagtail_path(request)
        if path is not None:
            _route(request, path)
        else:  # a view of ours, which may link to pages: the site if it is already known
            site = known_until_next_edit(_site_key(request))
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)


def _wagtail_path(request: HttpRequest) -> str | None:
    """The page path Wagtail's serve view will be given, or None for any other view."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.args[0] if match.url_name == WAGTAIL_SERVE and match.args else None


def _route(request: HttpRequest, path: str) -> None:
    """Set the route Wagtail's serve view reads (request._wagtail_route_for_request)."""
    site = request_site(request)
    if site is None:
        return
    key = f"route:{site.pk}:{translation.get_language()}:{path}"
    entry = until_next_edit(key, lambda: _walk(request, path, site))
    if hasattr(request, "_wagtail_route_for_request") or entry is None:
        return  # walked just now, or no page here: Wagtail answers as it would
    page, taken = entry
    parts = [part for part in path.split("/") if part]
    with suppress(Http404):  # no longer there: Wagtail walks the tree itself
        request._wagtail_route_for_request = page.route(request, parts[taken:])


def request_site(request: HttpRequest) -> Site | None:
    """The site this host name serves, as Site.find_for_request finds it (and caches it)."""
    request._wagtail_site = until_next_edit(
        _site_key(request), lambda: Site.find_for_request(request)
    )
    return request._wagtail_site


def _site_key(request: HttpRequest) -> str:
    return f"site:{served_as(request)}"


def _walk(request: HttpRequest, path: str, site: Site) -> tuple[Page, int] | None:
    """Wagtail's own walk; what to keep of it: the page, as published, and the parts it took."""
    result = Page.route_for_request(request, path)
    if not isinstance(result, RouteResult):
        return None
    page = result.page
    return page, page.depth - site.root_page.depth
