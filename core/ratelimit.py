"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import time

from django.core.cache import cache
from django.http import HttpRequest

from core.client import client_ip

# Counts already taken for this request, by scope (see rate_limit_counted).
COUNTED_ATTRIBUTE = "_rate_limit_counts"


def rate_limit_exceeded(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count this request against the client's budget for scope; True once it is spent.

    A request counts once per scope, however many layers ask."""
    counts = _counts(request)
    if scope not in counts:
        counts[scope] = _count(rate_limit_key(request, scope, window), window)
    return counts[scope] > limit


def rate_limit_key(request: HttpRequest, scope: str, window: int) -> str:
    """The cache key of the client's count for scope in the current window."""
    bucket = int(time.time() // window)
    return f"ratelimit:{scope}:{client_ip(request)}:{bucket}"


def rate_limit_counted(request: HttpRequest, scope: str, count: int) -> None:
    """Record the client's count for scope, taken for this request by whoever asked first."""
    _counts(request)[scope] = count


def _counts(request: HttpRequest) -> dict[str, int]:
    return request.__dict__.setdefault(COUNTED_ATTRIBUTE, {})


def _count(key: str, window: int) -> int:
    try:
        return cache.incr(key)  # one round trip, once the window has begun
    except ValueError:  # the window's first request
        return 1 if cache.add(key, 1, timeout=window) else _counted_after_another(key, window)


def _counted_after_another(key: str, window: int) -> int:
    """Another request began the window between our incr and add: count on top of it."""
    try:
        return cache.incr(key)
    except ValueError:  # and its key is already gone: begin again
        cache.set(key, 1, timeout=window)
        return 1
