"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import time

from django.core.cache import cache
from django.http import HttpRequest

from core.client import client_ip


def rate_limit_exceeded(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count this request against the client's budget for scope; True once it is spent."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: start a new window
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
