"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import time

from django.core.cache import cache
from django.http import HttpRequest

from core.client import client_ip


def rate_limit_exceeded(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count this request against the client's budget for scope; True once it is spent."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    try:
        count = cache.incr(key)  # one round trip, once the window has begun
    except ValueError:  # the window's first request
        count = 1 if cache.add(key, 1, timeout=window) else _counted_after_another(key, window)
    return count > limit


def _counted_after_another(key: str, window: int) -> int:
    """Another request began the window between our incr and add: count on top of it."""
    try:
        return cache.incr(key)
    except ValueError:  # and its key is already gone: begin again
        cache.set(key, 1, timeout=window)
        return 1
