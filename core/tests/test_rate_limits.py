"""Every costly or abusable form has a budget per client, counted behind our proxy.

Behind nginx (TRUSTED_PROXY_COUNT = 1) the client writes whatever it likes into
X-Forwarded-For, and nginx appends the address it saw. Changing the written part must not
buy a fresh budget; another real address must still be served.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.test import Client

from blog.tests.helpers import make_blog

LIMIT = 3
ONE_CLIENT = "198.51.100.7"
ANOTHER_CLIENT = "198.51.100.8"


@dataclass(frozen=True)
class Limited:
    method: str
    url: str
    data: dict | None = None


def _numbered(data: dict, n: int) -> dict:
    return {key: value.format(n=n) for key, value in data.items()}


ENDPOINTS = {
    "login": Limited(
        "post", "/account/login/", {"login": "nobody{n}@example.org", "password": "wrong-{n}"}
    ),
    "signup": Limited(
        "post",
        "/account/signup/",
        {"email": "new{n}@example.org", "password1": "pass-{n}-long-x", "password2": "no"},
    ),
    "password reset": Limited("post", "/account/password/reset/", {"email": "who{n}@example.org"}),
    "certificate verification": Limited("get", "/certificates/ABCD-EFGH-JKMN-PQRS-TVWX-YZ{n}/"),
    "newsletter signup": Limited(
        "post",
        "/newsletter/",
        {"email": "reader{n}@example.org", "language": "en", "source": "page"},
    ),
    "search": Limited("get", "/blog/?q=word{n}"),
}


@pytest.fixture
def limits(settings, default_content, monkeypatch):
    # Our own limits count in fixed one-minute windows: the test must not straddle two.
    monkeypatch.setattr("core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        "login": f"{LIMIT}/m/ip",
        "signup": f"{LIMIT}/m/ip",
        "reset_password": f"{LIMIT}/m/ip",
    }
    settings.CERTIFICATE_VERIFY_RATE = LIMIT
    settings.NEWSLETTER_SIGNUP_RATE = LIMIT
    settings.SEARCH_RATE = LIMIT
    make_blog()


def ask(endpoint: Limited, n: int, *, client_address: str):
    """A request through nginx from client_address, with a made-up address written before it."""
    client = Client()
    forwarded = f"203.0.113.{n}, {client_address}"
    data = _numbered(endpoint.data or {}, n)
    url = endpoint.url.format(n=n)
    return getattr(client, endpoint.method)(
        url, data or None, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_client_gets_its_budget_then_429_whatever_it_writes_in_the_header(limits, name):
    endpoint = ENDPOINTS[name]
    within = [ask(endpoint, n, client_address=ONE_CLIENT).status_code for n in range(LIMIT)]

    over = ask(endpoint, LIMIT, client_address=ONE_CLIENT)
    elsewhere = ask(endpoint, LIMIT + 1, client_address=ANOTHER_CLIENT)

    assert 429 not in within
    assert over.status_code == 429
    assert b"Too many" in over.content, "a page that says what happened, in the site's look"
    assert elsewhere.status_code != 429


def test_the_spanish_429_page_is_in_spanish(limits, settings):
    settings.SEARCH_RATE = 0

    response = Client().get("/es/blog/?q=trata")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Demasiadas" in response.content.decode()
