"""Who is asking: the client's address, taken correctly behind the proxies we trust."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the nearest untrusted hop connected from.

    With TRUSTED_PROXY_COUNT = N, the last N hops are our own proxies (nginx, a load
    balancer): each appends the address it saw to X-Forwarded-For, so the client is the
    N-th entry from the right. Anything further left was written by the client and is
    ignored, which is what stops a spoofed header from dodging rate limits.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < hops:  # not all of our proxies saw it: trust only the socket
        return remote
    return forwarded[-hops]
