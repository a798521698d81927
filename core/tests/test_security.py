"""The security baseline: headers, cookies, production checks, health."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.test import Client

PUBLIC_PATHS = ["/", "/get-help/", "/stay-safe/", "/privacy/", "/es/", "/no-such-page/"]
PRODUCTION_ENV = {
    "HTTPS": "true",
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "lodestar.example.org",
    "BASE_URL": "https://lodestar.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    test_only = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", PUBLIC_PATHS)
def test_public_pages_send_a_strict_content_security_policy(client: Client, default_content, url):
    response = client.get(url)

    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_admin_gets_its_own_policy(client: Client, editor):
    client.force_login(editor)
    response = client.get("/admin/")

    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in directives["script-src"]


@pytest.mark.parametrize("url", PUBLIC_PATHS)
def test_an_anonymous_reader_gets_no_cookie(client: Client, default_content, url):
    response = client.get(url)

    assert response.cookies == {}
    assert "Set-Cookie" not in response


def test_pages_reference_nothing_on_another_host(client: Client, default_content):
    for url in PUBLIC_PATHS:
        html = client.get(url).content.decode()
        for attribute in ('src="', 'href="/static', "url("):
            for chunk in html.split(attribute)[1:]:
                assert not chunk.startswith(("http:", "https:", "//")), (url, chunk[:80])


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_base_url_is_not_https():
    env = {**PRODUCTION_ENV, "BASE_URL": "http://127.0.0.1:8000"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "certificates.W001" in result.stdout + result.stderr


def test_production_cookies_are_secure_and_host_prefixed():
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "31536000",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}

    result = run_manage("check", env={**env, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_https_redirect_and_hsts_in_production(client: Client, default_content, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000

    plain = client.get("/get-help/")
    secure = client.get("/get-help/", secure=True)
    health = client.get("/healthz")

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/get-help/"
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
    assert health.status_code == 200, "load balancers probe over plain HTTP"


def test_healthz_reports_a_working_database(client: Client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response.cookies == {}


def test_healthz_reports_a_broken_database(client: Client, db):
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503


def _every_public_page_type(certificate) -> list[str]:
    from blog.models import BlogPage
    from learning.models import ModulePage

    module = ModulePage.objects.filter(locale__language_code="en").order_by("path").first()
    post = BlogPage.objects.live().filter(locale__language_code="en").first()
    return [
        "/",
        "/es/",
        "/get-help/",
        "/learn/",
        "/learn/human-trafficking-101/",
        module.url,
        "/blog/",
        post.url,
        "/blog/?q=debt",
        "/blog/category/labor-trafficking/",
        "/blog/feed/",
        "/es/blog/",
        "/newsletter/",
        "/certificates/",
        f"/certificates/{certificate.display_code}/",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
    ]


def test_every_public_page_type_sends_the_headers_the_observatory_scores(
    client: Client, course, alice
):
    from blog.content import default_blog_load
    from certificates.tests.helpers import complete_course

    default_blog_load()
    certificate = complete_course(alice, course)

    for url in _every_public_page_type(certificate):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        directives = csp_directives(response)
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["script-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "Set-Cookie" not in response, url
