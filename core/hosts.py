"""The Host header, checked as Django checks it."""

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest


def host_is_served(request: HttpRequest) -> bool:
    """Whether the request names a host in ALLOWED_HOSTS; Django answers the others with 400."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True
