"""The reference pages the load benchmark measures the site against (bench/urls.py)."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache


@pytest.fixture
def bench_urls(settings, db):
    from organizations.models import Organization

    Organization.objects.bulk_create(
        Organization(name=f"Chapter {n}", slug=f"chapter-{n}") for n in range(25)
    )
    settings.ROOT_URLCONF = "bench.urls"
    settings.PAGE_CACHE_SECONDS = 300


def test_the_naive_page_reads_twenty_rows_into_about_20_kb_every_time(client: Client, bench_urls):
    client.get("/bench/naive")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bench/naive")

    assert response.status_code == 200
    assert len(queries) == 1  # read again: never a stored copy
    assert 19_000 <= len(response.content) <= 22_000
    assert len(BeautifulSoup(response.content, "html.parser").select("article")) == 20


def test_the_trivial_view_is_answered_by_the_page_cache_like_any_anonymous_page(
    client: Client, bench_urls
):
    client.get("/bench/trivial")
    with mock.patch.object(pagecache, "_response_from", wraps=pagecache._response_from) as copy:
        response = client.get("/bench/trivial")

    assert response.content == b"ok\n"
    assert copy.called
