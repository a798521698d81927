"""The client address behind our own proxies: a spoofed X-Forwarded-For buys nothing."""

import pytest
from django.test import RequestFactory, override_settings

from core.client import client_ip
from core.ratelimit import rate_limit_exceeded

PROXY = "10.0.0.2"


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_the_socket_address_is_the_client():
    assert client_ip(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert client_ip(request_from(PROXY, "198.51.100.7")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_entries_a_client_writes_itself_are_ignored():
    spoofed = request_from(PROXY, "203.0.113.1, 198.51.100.7")

    assert client_ip(spoofed) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    assert client_ip(request_from(PROXY, "203.0.113.1, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_socket():
    assert client_ip(request_from(PROXY, "198.51.100.7")) == PROXY


@pytest.mark.parametrize("proxies", [0, 1])
def test_rotating_a_spoofed_header_does_not_reset_the_rate_limit(settings, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    remote = PROXY if proxies else "198.51.100.7"
    real = "198.51.100.7" if proxies else ""

    def attempt(number: int) -> bool:
        forwarded = f"203.0.113.{number}, {real}".rstrip(", ")
        return rate_limit_exceeded(
            request_from(remote, forwarded), scope="probe", limit=3, window=60
        )

    assert [attempt(number) for number in range(5)] == [False, False, False, True, True]
