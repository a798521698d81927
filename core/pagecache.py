"""Whole public pages for visitors without a session, kept in the shared cache.

Every entry carries the generation it was rendered in. page_cache_purge() starts a new
generation, so an edit shows on the next request on every app server at once, however
many pages were cached. A page rendered while an edit was being saved carries the old
generation and is never served.

The middleware sits outside the session, language, CSRF and security-header middleware:
a cached copy keeps the headers they set when it was rendered (Vary, Content-Language,
Content-Security-Policy, X-Frame-Options), and SecurityMiddleware and
ConditionalGetMiddleware, outside it, treat a copy like a fresh page.
"""

import functools
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import cc_delim_re, set_response_etag
from django_redis import get_redis_connection

from core.hosts import host_is_served
from core.ratelimit import rate_limit_counted, rate_limit_exceeded, rate_limit_key

GENERATION_KEY = "page:generation"
REDIS_BACKEND = "django_redis.cache.RedisCache"
# Cache-Control directives that mean "this response is not for everyone".
PERSONAL_DIRECTIVES = {"private", "no-store"}
RATE_LIMIT_ATTRIBUTE = "page_cache_rate_limit"
_MISSING = object()
# What newsletters, ads and social networks add to a link they carry; Facebook's click id
# differs on every click. No page reads them, so they are dropped before a page is looked
# up or rendered: a widely shared link is one cached page, not one page per reader, and
# no reader's click id ends up in a page served to others.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "igshid"}
    | {"mc_cid", "mc_eid", "_ga", "_gl"}
)
TRACKING_PREFIX = "utm_"
# The generation as this request first read it, so that the shared pieces of one page ask
# the cache for it once rather than once each. None outside a request: always read afresh.
_UNREAD = ""
_request_generation: ContextVar[str | None] = ContextVar("page_generation", default=None)
# What one generation shares never changes, so each process keeps what it has read: a
# signed-in page then asks the shared cache for the generation alone. Bounded, least
# recently used first out; a value goes in pickled, so no request can change another's copy.
_this_process = LocMemCache("lodestar-until-next-edit", {"OPTIONS": {"MAX_ENTRIES": 2000}})


def page_cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def page_cache_purge() -> None:
    """Make every cached page stale: now, and again once the edit is committed.

    The second time covers a page rendered from the old rows while the edit was
    still being saved, and cached under the generation started the first time.
    """
    _generation_start()
    transaction.on_commit(_generation_start)


def until_next_edit(key: str, compute: Callable[[], Any]) -> Any:
    """compute()'s value, shared by every page and person until an edit empties the page cache.

    For what every page shows and only editors change (the hotline, the menu, the language
    versions of a page): signed-in pages are never stored whole, and this spares them the
    queries. Off, like the page cache, when PAGE_CACHE_SECONDS is 0.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    return _kept(key, compute)


def known_until_next_edit(key: str) -> Any | None:
    """until_next_edit()'s value for key if a request has computed it since the last edit,
    else None; never computes it, so a caller that must not touch the database can ask."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    value = _kept(key, compute=None)
    return None if value is _MISSING else value


def _kept(key: str, compute: Callable[[], Any] | None) -> Any:
    """From this process, else from the cache every app server shares (and kept here),
    else computed and put in both; _MISSING where there is nothing and no compute."""
    stored_key = f"shared:{_current_generation()}:{key}"
    value = _this_process.get(stored_key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(stored_key, _MISSING)
    if value is _MISSING and compute is not None:
        value = compute()
        cache.set(stored_key, value, settings.PAGE_CACHE_SECONDS)
    if value is not _MISSING:
        _this_process.set(stored_key, value, settings.PAGE_CACHE_SECONDS)
    return value


def rate_limit_cached_copies(
    response: HttpResponse, *, scope: str, limit: int, window: int
) -> HttpResponse:
    """Count a cached copy of this page against the client's budget, as the view counts."""
    setattr(response, RATE_LIMIT_ATTRIBUTE, {"scope": scope, "limit": limit, "window": window})
    return response


def _current_generation() -> str:
    remembered = _request_generation.get()
    if remembered:
        return remembered
    generation = _generation_or_new(page_cache().get(GENERATION_KEY))
    if remembered is not None:  # inside a request
        _request_generation.set(generation)
    return generation


def _generation_start() -> str:
    generation = _version_start(GENERATION_KEY)
    if _request_generation.get() is not None:  # an edit made by this request
        _request_generation.set(generation)
    return generation


def _generation_or_new(found: str | None) -> str:
    """The current generation; a new one if it was never set or the cache evicted it."""
    return _version_or_new(GENERATION_KEY, found)


def shared_version(key: str) -> str:
    """A random version kept under key by every app server: what is stored under it stays
    current until shared_versions_replace() replaces it. Begun if never set or evicted."""
    return _version_or_new(key, page_cache().get(key))


def shared_versions_replace(keys: list[str]) -> None:
    page_cache().set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)


def _version_or_new(key: str, found: str | None) -> str:
    if found is not None:
        return found
    page_cache().add(key, secrets.token_hex(8), timeout=None)
    return page_cache().get(key) or _version_start(key)


def _version_start(key: str) -> str:
    version = secrets.token_hex(8)
    page_cache().set(key, version, timeout=None)
    return version


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reading = _request_generation.set(_UNREAD)
        try:
            return self._answer(request)
        finally:
            _request_generation.reset(reading)

    def _answer(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_be_served_from_cache(request):
            return self.get_response(request)
        _tracking_parameters_drop(request)
        key = _key(request)
        known_limit = _this_process.get(_limit_key(key))
        found = _lookup(request, key, known_limit)
        generation = _generation_or_new(found.get(GENERATION_KEY))
        _request_generation.set(generation)  # the shared pieces of a page rendered now
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            limit = entry["rate_limit"]
            if limit != known_limit:
                _limit_remembered(key, limit)
            # Over the limit, the view answers (with its 429), so the limit stays its own.
            if limit is None or not rate_limit_exceeded(request, **limit):
                return _response_from(entry)
        response = self.get_response(request)
        if request.method == "GET" and _may_be_stored(request, response):
            # Hashed once, here, rather than by ConditionalGetMiddleware on every copy served.
            set_response_etag(response)
            stored = _entry_of(response, generation)
            page_cache().set(key, stored, settings.PAGE_CACHE_SECONDS)
            _limit_remembered(key, stored["rate_limit"])
        return response


def _lookup(request: HttpRequest, key: str, limit: dict | None) -> dict[str, Any]:
    """The generation and this address's stored copy, in one round trip to the cache."""
    if limit is None or not _counts_beside_pages():
        return page_cache().get_many([GENERATION_KEY, key])
    return _lookup_counted(request, key, limit)


def _lookup_counted(request: HttpRequest, key: str, limit: dict) -> dict[str, Any]:
    """The lookup, and the client's count for the limit this address's copies are counted
    against, in the same round trip: a second one made such a copy about a fifth slower.
    The count is the request's (rate_limit_counted), so the view never counts it again."""
    pages = page_cache()
    counter = cache.make_key(rate_limit_key(request, limit["scope"], limit["window"]))
    pipeline = get_redis_connection(settings.PAGE_CACHE_ALIAS).pipeline(transaction=True)
    pipeline.mget([pages.make_key(GENERATION_KEY), pages.make_key(key)])
    pipeline.set(counter, 0, ex=limit["window"], nx=True)  # the window's first request
    pipeline.incr(counter)
    (generation, entry), _began, count = pipeline.execute()
    rate_limit_counted(request, limit["scope"], count)
    found = {GENERATION_KEY: generation, key: entry}
    return {name: pages.client.decode(value) for name, value in found.items() if value is not None}


def _counts_beside_pages() -> bool:
    """Rate-limit counts (the default cache) and pages in the same Redis."""
    default, pages = settings.CACHES["default"], settings.CACHES[settings.PAGE_CACHE_ALIAS]
    same_place = default.get("LOCATION") == pages.get("LOCATION")
    return same_place and default["BACKEND"] == pages["BACKEND"] == REDIS_BACKEND


def _limit_key(key: str) -> str:
    return f"rate-limit:{key}"


def _limit_remembered(key: str, limit: dict | None) -> None:
    """Which rate limit the copies of this address count against, as last seen here."""
    if limit is None:
        _this_process.delete(_limit_key(key))
    else:
        _this_process.set(_limit_key(key), limit, settings.PAGE_CACHE_SECONDS)


def _may_be_served_from_cache(request: HttpRequest) -> bool:
    """Anonymous reading: no session (so nobody signed in) and no message waiting, for a
    host the site serves (the others get the 400 page from CommonMiddleware, further in)."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not _path_without_language(request.path_info).startswith(
            settings.PAGE_CACHE_SKIPPED_PATHS
        )
        and host_is_served(request)
    )


def _tracking_parameters_drop(request: HttpRequest) -> None:
    """The request as if its link had come without tracking parameters, the rest as sent."""
    query = request.META.get("QUERY_STRING", "")
    pairs = query.split("&")
    kept = [pair for pair in pairs if not _is_tracking(pair.partition("=")[0])]
    if len(kept) < len(pairs):
        request.META["QUERY_STRING"] = "&".join(kept)
        # Built again from META when next read, as Django builds it: from the bytes sent.
        request.__dict__.pop("GET", None)


def _is_tracking(name: str) -> bool:
    name = unquote_plus(name).lower()  # as a view would read it: utm%5Fsource is utm_source
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX)


def _path_without_language(path: str) -> str:
    language = translation.get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


def _language(request: HttpRequest) -> str:
    # As LocaleMiddleware decides it with i18n_patterns(prefix_default_language=False):
    # from the path alone, whatever the cookie or Accept-Language say.
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request: HttpRequest) -> str:
    """Host, port, language and address: a page's absolute links (canonical, alternates,
    Open Graph) name the host it was rendered for, and each Wagtail site has its own pages."""
    return f"page:{served_as(request)}:{_language(request)}:{request.get_full_path()}"


def served_as(request: HttpRequest) -> str:
    """Host and port, as Wagtail tells its sites apart: two sites may share a host name."""
    return f"{request.get_host()}:{request.get_port()}"


def _may_be_stored(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A complete 200 page that is the same for every anonymous reader."""
    user = getattr(request, "user", None)
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)  # not streamed, not a file
        and not response.cookies
        and not directives & PERSONAL_DIRECTIVES
        and "*" not in response.get("Vary", "")
        and (user is None or not user.is_authenticated)
    )


def _entry_of(response: HttpResponse, generation: str) -> dict[str, Any]:
    return {
        "generation": generation,
        "headers": dict(response.headers),
        "content": response.content,
        "rate_limit": getattr(response, RATE_LIMIT_ATTRIBUTE, None),
    }


def _response_from(entry: dict[str, Any]) -> HttpResponse:
    return HttpResponse(entry["content"], headers=entry["headers"])


def page_cache_purge_on_edits() -> None:
    """Editors change pages, snippets, settings, images and documents through Wagtail,
    not through a service of ours: its signals are the one place all those edits pass,
    scheduled publishing included. Called once, from CoreConfig.ready()."""
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_purge, dispatch_uid=f"page_cache_purge:{id(signal)}")
    post_delete.connect(_purge, sender=Page, dispatch_uid="page_cache_purge:page_delete")
    post_save.connect(_purge_if_shown_on_pages, dispatch_uid="page_cache_purge:save")
    post_delete.connect(_purge_if_shown_on_pages, dispatch_uid="page_cache_purge:delete")


def _purge(**kwargs: Any) -> None:
    page_cache_purge()


def _purge_if_shown_on_pages(sender: type[Model], **kwargs: Any) -> None:
    if _shown_on_pages(sender):
        page_cache_purge()


@functools.cache
def _shown_on_pages(model: type[Model]) -> bool:
    """Snippets (blog categories), settings (hotline, quick exit), images, documents, sites,
    and the privacy rules of pages and collections."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Locale, Site
    from wagtail.snippets.models import get_snippet_models

    shown = (
        BaseGenericSetting,
        BaseSiteSetting,
        AbstractImage,
        AbstractDocument,
        Locale,
        Site,
        BaseViewRestriction,  # who may see a page: a stored copy must not outlive a new rule
    )
    return issubclass(model, shown) or model in get_snippet_models()
