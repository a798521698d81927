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


def test_a_counted_request_costs_one_cache_round_trip_once_the_window_has_begun():
    from unittest import mock

    from django.core.cache import cache

    first, second = request_from("198.51.100.9", ""), request_from("198.51.100.9", "")
    assert not rate_limit_exceeded(first, scope="trips", limit=3, window=60)
    with (
        mock.patch.object(cache, "add", wraps=cache.add) as add,
        mock.patch.object(cache, "incr", wraps=cache.incr) as incr,
    ):
        assert not rate_limit_exceeded(second, scope="trips", limit=3, window=60)

    assert (add.call_count, incr.call_count) == (0, 1)


def test_a_window_begun_by_another_request_meanwhile_counts_on_top_of_it(monkeypatch):
    from types import SimpleNamespace
    from unittest import mock

    from django.core.cache import cache

    monkeypatch.setattr("core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    request = request_from("198.51.100.10", "")
    real_add = cache.add

    def another_request_first(key, value, timeout):
        real_add(key, 1, timeout)  # the other request's add lands between our incr and add
        return real_add(key, value, timeout)

    with mock.patch.object(cache, "add", side_effect=another_request_first):
        assert not rate_limit_exceeded(request, scope="race", limit=3, window=60)

    assert cache.get(f"ratelimit:race:198.51.100.10:{1_800_000_000 // 60}") == 2


def test_a_request_counts_once_per_scope_however_many_layers_ask():
    request = request_from("198.51.100.11", "")

    asked = [rate_limit_exceeded(request, scope="layers", limit=1, window=60) for _ in range(3)]
    another = rate_limit_exceeded(request, scope="other", limit=1, window=60)
    next_request = request_from("198.51.100.11", "")

    assert asked == [False, False, False]
    assert another is False
    assert rate_limit_exceeded(next_request, scope="layers", limit=1, window=60) is True
