"""Static files as production serves them: hashed names, compressed, kept for a year and more."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

# Third-party admin files take most of collectstatic's time and no public page links them.
ADMIN_ONLY = ["wagtail*", "admin", "account", "mfa", "django_*"]
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=ADMIN_ONLY)
    return tmp_path


def max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def test_a_hashed_static_file_is_served_compressed_and_kept_for_a_year(
    client: Client, default_content, production_static
):
    html = client.get("/").content.decode()
    stylesheet = re.search(r'rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links the hashed name"

    gzipped = client.get(stylesheet.group(1), HTTP_ACCEPT_ENCODING="gzip, deflate")
    brotli = client.get(stylesheet.group(1), HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    original = (production_static / stylesheet.group(1).removeprefix("/static/")).stat().st_size
    for response, encoding in ((gzipped, "gzip"), (brotli, "br")):
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert max_age(response) >= ONE_YEAR
        assert "immutable" in response["Cache-Control"]
        assert int(response["Content-Length"]) < original / 2
    assert int(brotli["Content-Length"]) < int(gzipped["Content-Length"])


def test_an_unhashed_name_is_kept_briefly_and_plain_when_gzip_is_not_accepted(
    client: Client, default_content, production_static
):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert max_age(response) < ONE_YEAR
    assert "immutable" not in response["Cache-Control"]
