"""The page cache: anonymous readers get stored pages, edits show at once, nobody else gets one."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.rich_text import RichText

from core.tests.test_security import _every_public_page_type, csp_directives

# What a stored copy must repeat exactly: the security headers, language and caching.
HEADERS_THAT_MATTER = [
    "Content-Type",
    "Content-Language",
    "Vary",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cache-Control",
    "X-Robots-Tag",
    "ETag",
    "Content-Length",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield caches[settings.PAGE_CACHE_ALIAS]
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def site(course, alice):
    """Every public page type: default content, the course, the demo blog, a certificate."""
    from blog.content import default_blog_load
    from certificates.models import CertificateSettings
    from certificates.services import certificate_name_set
    from certificates.tests.helpers import complete_course
    from core.models import HotlineSettings, QuickExitSettings

    default_blog_load()
    certificate = complete_course(alice, course)
    certificate_name_set(certificate=certificate, name="Alice Walker", show_publicly=True)
    # The first page to read a setting creates its row, which empties the cache once.
    for setting in (HotlineSettings, QuickExitSettings, CertificateSettings):
        setting.load()
    return certificate


def get(client: Client, url: str, **extra):
    """The response, and whether it was a stored copy rather than a page rendered afresh."""
    from unittest import mock

    from core import pagecache

    with mock.patch.object(pagecache, "_response_from", wraps=pagecache._response_from) as copy:
        response = client.get(url, **extra)
    return response, copy.called


def newest_post():
    from blog.models import BlogPage

    english = BlogPage.objects.live().filter(locale__language_code="en")
    return english.order_by("-date", "-pk").first()


def test_every_public_page_type_is_served_again_from_the_cache_with_the_same_headers(
    client: Client, site
):
    urls = [
        *_every_public_page_type(site),
        "/es/learn/",
        "/es/blog/?q=deuda",
        f"/es/certificates/{site.display_code}/",
    ]
    for url in urls:
        first, _ = get(client, url)
        again, stored = get(client, url)

        if first.status_code != 200:
            assert not stored, f"{url}: a {first.status_code} is never stored"
            continue
        assert stored, f"{url} was rendered again"
        assert again.content == first.content, url
        for header in HEADERS_THAT_MATTER:
            assert again.get(header) == first.get(header), (url, header)
        directives = csp_directives(again)
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["script-src"] == ["'self'"], url
        assert again["X-Frame-Options"] == "DENY", url
        assert "Set-Cookie" not in again, url


def test_the_query_string_and_the_language_are_part_of_the_key(client: Client, site):
    debt = client.get("/blog/?q=debt").content
    visa = client.get("/blog/?q=visa").content
    spanish = client.get("/es/blog/?q=debt")

    assert client.get("/blog/?q=debt").content == debt
    assert client.get("/blog/?q=visa").content == visa != debt
    assert spanish["Content-Language"] == "es"
    assert client.get("/blog/?q=debt")["Content-Language"] == "en"


def test_a_shared_link_s_tracking_parameters_neither_split_the_cache_nor_enter_the_page(
    client: Client, site
):
    verification = f"/certificates/{site.display_code}/"
    tracked, _ = get(client, f"{verification}?fbclid=IwAR0clickid&utm_source=newsletter")
    plain, plain_stored = get(client, verification)
    search, _ = get(client, "/blog/?q=debt")
    shared_search, shared_search_stored = get(
        client, "/blog/?utm_source=chapter&q=debt&utm_medium=email&gclid=Cj0Kclickid"
    )

    assert tracked.status_code == 200
    assert plain_stored
    assert plain.content == tracked.content
    assert b"clickid" not in tracked.content
    assert b"utm_" not in tracked.content
    assert shared_search_stored
    assert shared_search.content == search.content
    assert b"debt" in shared_search.content


def test_only_tracking_parameters_are_dropped(client: Client, site):
    second_page = client.get("/blog/?q=debt&page=2")

    shared, stored = get(client, "/blog/?UTM_Source=a&q=debt&utm%5Fmedium=b&page=2")
    first_page, first_page_stored = get(client, "/blog/?q=debt&fbclid=c")

    assert stored
    assert shared.content == second_page.content
    assert not first_page_stored  # ?page=2 is another page of results
    assert first_page.content != second_page.content


def test_the_words_searched_for_stay_as_sent_when_tracking_parameters_are_dropped(
    client: Client, site
):
    # As a browser sends them: UTF-8 bytes, which WSGI hands over decoded as Latin-1.
    response = client.get("/es/blog/?q=niñez&utm_source=boletin")

    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "q"})
    assert field["value"] == "niñez"


def _canonical(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("link", rel="canonical")["href"]


def test_each_host_the_site_answers_to_has_its_own_copies(client: Client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    client.get("/")

    other, stored = get(client, "/", HTTP_HOST="www.testserver")

    assert not stored
    assert _canonical(other) == "http://www.testserver/"


def test_a_second_wagtail_site_is_never_served_the_first_one_s_pages(
    client: Client, site, settings
):
    from blog.models import BlogIndexPage

    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="other.example", port=80, root_page=blog)
    home = client.get("/")

    other = client.get("/", HTTP_HOST="other.example")

    assert other.status_code == 200
    assert other.content != home.content
    assert _canonical(other) == "http://other.example/"


def test_two_sites_told_apart_by_port_alone_never_share_pages_or_links(client: Client, site):
    from blog.models import BlogIndexPage

    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="testserver", port=8080, root_page=blog)
    post = newest_post()
    # Behind a proxy the Host header may carry no port: the server's port tells the sites apart.
    on_the_blog_site = {"HTTP_HOST": "testserver", "SERVER_PORT": "8080"}
    home = client.get("/")
    blog_on_its_own_site = client.get("/", **on_the_blog_site)
    client.get(f"/{post.slug}/", **on_the_blog_site)

    post_under_home = client.get(f"/blog/{post.slug}/")

    assert b"All posts (RSS)" in blog_on_its_own_site.content
    assert b"All posts (RSS)" not in home.content
    english = BeautifulSoup(post_under_home.content, "html.parser").find(
        "link", rel="alternate", hreflang="en"
    )
    assert english["href"] == f"http://testserver/blog/{post.slug}/"


def test_a_host_the_site_does_not_serve_gets_the_400_page_though_the_page_is_stored(
    client: Client, site
):
    client.get("/")

    response, stored = get(client, "/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert not stored


def test_a_published_change_shows_on_the_next_anonymous_request(client: Client, site):
    post = newest_post()
    client.get(post.url)
    client.get("/blog/")

    post.title = "A title the editor just changed"
    post.save_revision().publish()

    assert b"A title the editor just changed" in client.get(post.url).content
    assert b"A title the editor just changed" in client.get("/blog/").content


def test_unpublishing_moving_and_deleting_empty_the_cache(client: Client, site):
    from blog.models import BlogIndexPage
    from blog.tests.helpers import make_post

    english_blog = BlogIndexPage.objects.get(locale__language_code="en")
    post = make_post(english_blog, "Only in English")
    url = post.url
    assert client.get(url).status_code == 200
    post.unpublish()
    assert client.get(url).status_code == 404

    post.save_revision().publish()
    assert client.get(url).status_code == 200
    post.move(BlogIndexPage.objects.get(locale__language_code="es"), pos="last-child")
    post.refresh_from_db()
    moved_url = post.get_url()
    assert client.get(url)["Location"] == moved_url, "Wagtail's redirect, not the cached copy"
    assert client.get(moved_url).status_code == 200

    post.delete()
    assert client.get(moved_url).status_code == 404


def test_a_changed_category_and_hotline_show_on_the_next_request(client: Client, site):
    from blog.models import BlogCategory
    from core.models import HotlineSettings

    url = "/blog/category/labor-trafficking/"
    client.get(url)
    client.get("/")
    category = BlogCategory.objects.get(slug="labor-trafficking", locale__language_code="en")
    category.name = "Work exploited"
    category.save()
    hotline = HotlineSettings.load()
    hotline.call_number = "1-800-555-0199"
    hotline.save()

    assert b"Work exploited" in client.get(url).content
    assert b"1-800-555-0199" in client.get("/").content


def test_a_page_rendered_while_an_edit_is_saved_is_never_served(client: Client, site):
    from wagtail import hooks

    from core.pagecache import page_cache_purge

    def edit_lands_meanwhile(page, request, serve_args, serve_kwargs):
        page_cache_purge()  # another app server publishes while this page renders

    with hooks.register_temporarily("before_serve_page", edit_lands_meanwhile):
        client.get("/get-help/")
    _response, stored = get(client, "/get-help/")

    assert not stored, "the copy carried the generation its rendering started in"


def test_a_signed_in_reader_always_gets_a_fresh_private_page(client: Client, site, alice):
    course_url = "/learn/human-trafficking-101/"
    anonymous = client.get(course_url).content

    client.force_login(alice)
    signed_in, stored = get(client, course_url)

    assert not stored
    assert signed_in.content != anonymous
    assert "no-store" in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]
    client.logout()
    assert Client().get(course_url).content == anonymous, "what alice saw was not stored"


def test_a_session_or_a_waiting_message_bypasses_the_cache(client: Client, site, settings):
    client.get("/get-help/")

    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "something"
        _response, stored = get(visitor, "/get-help/")
        assert not stored, cookie


def set_a_cookie(get_response):
    """Stands for any view that one day sets a cookie on a public page."""

    def middleware(request):
        response = get_response(request)
        response.set_cookie("remembered", "yes")
        return response

    return middleware


def test_a_page_that_sets_a_cookie_is_not_stored(client: Client, site, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.set_a_cookie"]

    first = client.get("/stay-safe/")
    _again, stored = get(Client(), "/stay-safe/")

    assert first.cookies["remembered"].value == "yes"
    assert not stored


def test_a_password_protected_page_is_not_stored(client: Client, site):
    from wagtail.models import Page, PageViewRestriction

    page = Page.objects.get(url_path="/home/stay-safe/")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")

    client.get("/stay-safe/")
    again, stored = get(Client(), "/stay-safe/")

    assert b'type="password"' in again.content
    assert not stored


def test_a_page_made_private_after_it_was_stored_is_private_at_once(client: Client, site):
    from wagtail.models import Page, PageViewRestriction

    assert client.get("/stay-safe/").status_code == 200  # stored for everyone
    page = Page.objects.get(url_path="/home/stay-safe/")
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = Client().get("/stay-safe/")

    assert response.status_code == 302
    assert "next=/stay-safe/" in response["Location"]


def test_account_pages_are_never_stored_even_when_they_could_be(client: Client, site, page_cache):
    from unittest import mock

    # 200, no cookie, no Cache-Control: only the skipped paths keep these out.
    for url in ["/account/password/reset/done/", "/es/account/password/reset/done/"]:
        with mock.patch.object(page_cache, "set", wraps=page_cache.set) as stored:
            first = client.get(url)
        assert first.status_code == 200 and not first.cookies, url
        assert not [call for call in stored.call_args_list if url in call.args[0]], url


def test_a_stored_copy_is_served_with_the_etag_it_was_stored_with(client: Client, site):
    from unittest import mock

    from django.middleware import http

    first = client.get("/blog/")
    with mock.patch.object(http, "set_response_etag", wraps=http.set_response_etag) as hashed:
        again, stored = get(client, "/blog/")

    assert stored
    assert again["ETag"] == first["ETag"]
    assert not hashed.called, "the copy's body was hashed again"


def test_an_etag_answers_a_matching_request_with_304_and_no_body(client: Client, site):
    post = newest_post()
    first = client.get(post.url)
    etag = first["ETag"]

    cached, stored = get(client, post.url, HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304
    assert cached.content == b""
    assert stored

    post.title = "Changed since the reader's copy"
    post.save_revision().publish()
    changed = client.get(post.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_signed_in_pages_carry_no_etag(client: Client, site, alice):
    client.force_login(alice)

    assert "ETag" not in client.get("/")


def test_a_head_request_is_served_from_the_cache(client: Client, site):
    client.get("/learn/")

    with CaptureQueriesContext(connection) as queries:
        response = client.head("/learn/")

    assert response.status_code == 200
    assert len(queries) == 0


def test_cached_verification_pages_still_count_against_the_rate_limit(
    client: Client, site, settings
):
    settings.CERTIFICATE_VERIFY_RATE = 3
    url = f"/certificates/{site.display_code}/"

    statuses = [client.get(url).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200


@pytest.fixture
def one_redis():
    """Pages and rate-limit counts in one Redis, as in production (the PostgreSQL leg)."""
    from core import pagecache

    if not pagecache._counts_beside_pages():
        pytest.fail("this test needs Redis for both caches: set REDIS_URL")


@pytest.mark.postgres_only
def test_a_copy_counted_against_a_rate_limit_costs_one_round_trip(
    client: Client, site, settings, page_cache, one_redis
):
    from django.core.cache import cache

    from core.ratelimit import rate_limit_key

    settings.CERTIFICATE_VERIFY_RATE = 3
    url = f"/certificates/{site.display_code}/"
    assert get(client, url) == (mock.ANY, False)  # rendered, stored, its limit remembered

    with (
        mock.patch.object(page_cache, "get_many") as separate_lookup,
        mock.patch.object(cache, "incr") as separate_count,
    ):
        served = [get(client, url) for _ in range(3)]

    assert [(response.status_code, copied) for response, copied in served] == [
        (200, True),
        (200, True),
        (429, False),
    ]
    assert (separate_lookup.call_count, separate_count.call_count) == (0, 0)
    counter = rate_limit_key(served[0][0].wsgi_request, "certificate-verify", 60)
    assert cache.get(counter) == 4


@pytest.mark.postgres_only
def test_a_request_counted_with_its_lookup_is_not_counted_again_by_the_view(
    client: Client, site, settings, one_redis
):
    from core.pagecache import page_cache_purge

    settings.CERTIFICATE_VERIFY_RATE = 3
    url = f"/certificates/{site.display_code}/"
    client.get(url)
    page_cache_purge()  # the next request is counted with its lookup, then finds no copy

    statuses = [client.get(url).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_a_revocation_a_new_name_and_a_deleted_account_show_at_once(client: Client, site, alice):
    from accounts.services import account_delete
    from certificates.services import certificate_name_set, certificate_revoke

    url = f"/certificates/{site.display_code}/"
    assert b"Alice Walker" in client.get(url).content

    certificate_name_set(certificate=site, name="Alice W. Walker", show_publicly=True)
    assert b"Alice W. Walker" in client.get(url).content

    certificate_revoke(certificate=site, reason="Issued in error", by=None)
    assert b"verdict--revoked" in client.get(url).content

    account_delete(user=alice)
    assert client.get(url).status_code == 404


def test_the_quick_exit_and_the_language_switch_still_work(client: Client, site):
    client.get("/")
    client.get("/es/")

    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    exit_response = client.get("/exit/")

    assert 'href="/es/"' in english and 'hreflang="es"' in english
    assert 'href="/"' in spanish and 'hreflang="en"' in spanish
    assert exit_response.status_code == 302
    assert exit_response["Clear-Site-Data"] == '"cookies", "storage"'
    assert "no-store" in exit_response["Cache-Control"]


# Signed-in pages are never stored whole; what they share with everyone (the hotline, the
# menu, the language versions, a module's lesson) is, until the next edit.


def _with_text(module, text: str):
    module.body.append(("text", RichText(f"<p>{text}</p>")))
    return module


def test_a_signed_in_page_shows_a_hotline_edit_at_once(client: Client, site, alice):
    from core.models import HotlineSettings

    client.force_login(alice)
    hotline = HotlineSettings.load()
    assert hotline.call_number in client.get("/my-learning/").content.decode()

    hotline.call_number = "1-555-0100"
    hotline.save()

    banner = BeautifulSoup(client.get("/my-learning/").content, "html.parser").select_one(
        "aside.hotline"
    )
    assert "1-555-0100" in banner.get_text()


def test_a_signed_in_page_shows_a_new_section_in_the_menu_at_once(client: Client, site, alice):
    from core.models import StandardPage

    client.force_login(alice)
    client.get("/my-learning/")
    home = StandardPage.objects.live().first().get_parent()
    section = home.add_child(instance=StandardPage(title="Volunteer with us", show_in_menus=True))
    section.save_revision().publish()

    menu = BeautifulSoup(client.get("/my-learning/").content, "html.parser").select_one(
        "header .site-nav"
    )
    assert "Volunteer with us" in menu.get_text()


def test_the_menu_marks_the_section_being_read_and_no_other(client: Client, site, alice):
    def current_in_menu(url: str) -> list[str]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [a["href"] for a in soup.select("header .site-nav a[aria-current=page]")]

    client.force_login(alice)

    assert current_in_menu("/get-help/") == ["/get-help/"]
    assert current_in_menu("/my-learning/") == []
    assert current_in_menu("/get-help/") == ["/get-help/"]


def test_the_shared_banners_are_in_the_reader_s_language(client: Client, site, alice):
    client.force_login(alice)
    client.get("/my-learning/")

    spanish = BeautifulSoup(client.get("/es/my-learning/").content, "html.parser")
    assert spanish.select_one(".quick-exit").get_text(strip=True).startswith("Salida rápida")
    english = BeautifulSoup(client.get("/my-learning/").content, "html.parser")
    assert english.select_one(".quick-exit").get_text(strip=True).startswith("Quick exit")


def test_a_learner_follows_a_module_s_new_address_at_once(client: Client, site, alice, course):
    first, second = course.modules()[:2]
    client.force_login(alice)
    assert f'href="{second.url}"' in client.get(first.url).content.decode()

    second.slug = "a-new-address"
    second.save_revision().publish()
    second.refresh_from_db()

    outline = BeautifulSoup(client.get(first.url).content, "html.parser").select(".module-nav a")
    assert second.url.endswith("/a-new-address/")
    assert second.url in [a["href"] for a in outline]


def test_a_learner_sees_a_republished_lesson_at_once(client: Client, site, alice, course):
    module = course.modules()[0]
    client.force_login(alice)
    client.get(module.url)

    _with_text(module, "A paragraph the editor added").save_revision().publish()

    assert "A paragraph the editor added" in client.get(module.url).content.decode()


def test_a_preview_of_a_draft_lesson_is_never_shown_to_learners(
    client: Client, site, alice, course
):
    module = course.modules()[0]
    draft = _with_text(module, "A paragraph still in draft")
    assert "A paragraph still in draft" in draft.make_preview_request().content.decode()

    client.force_login(alice)
    module_page = client.get(course.modules()[0].url).content.decode()

    assert "A paragraph still in draft" not in module_page


def test_a_signed_in_page_reads_the_generation_once(client: Client, site, alice, course):
    from unittest import mock

    from core.pagecache import GENERATION_KEY, page_cache

    module = course.modules()[0]
    client.force_login(alice)
    client.get(module.url)
    shared = page_cache()
    with mock.patch.object(shared, "get", wraps=shared.get) as get:
        assert client.get(module.url).status_code == 200

    reads = [call for call in get.call_args_list if call.args[0] == GENERATION_KEY]
    assert len(reads) == 1  # route, site, hotline, menu, languages and lesson share it


def test_a_warm_signed_in_page_reads_nothing_from_the_shared_cache_but_the_generation(
    client: Client, site, alice, course
):
    from unittest import mock

    from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
    from django.core.cache import cache

    module = course.modules()[0]
    client.force_login(alice)
    client.get(module.url)
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        assert client.get(module.url).status_code == 200

    # Not the pieces, nor the root paths of the sites that Wagtail keeps there; only the
    # session, where Redis holds sessions too.
    reads = [call.args[0] for call in get.call_args_list]
    assert [key for key in reads if not key.startswith(SESSION_KEY_PREFIX)] == []


def _footer(response) -> str:
    return response.content.decode().split("<footer", 1)[1]


def test_the_shared_footer_shows_a_new_section_and_a_hotline_edit_at_once(
    client: Client, site, alice
):
    from core.models import HotlineSettings, StandardPage

    client.force_login(alice)
    hotline = HotlineSettings.load()
    assert hotline.call_number in _footer(client.get("/my-learning/"))

    home = StandardPage.objects.live().first().get_parent()
    section = home.add_child(instance=StandardPage(title="Volunteer with us", show_in_menus=True))
    section.save_revision().publish()
    hotline.call_number = "1-555-0142"
    hotline.save()

    footer = _footer(client.get("/my-learning/"))
    assert "Volunteer with us" in footer
    assert "1-555-0142" in footer


def test_the_shared_footer_is_in_the_reader_s_language(client: Client, site, alice):
    client.force_login(alice)
    client.get("/my-learning/")

    assert "Novedades por correo" in _footer(client.get("/es/my-learning/"))
    assert "Email updates" in _footer(client.get("/my-learning/"))


def test_a_shared_value_is_known_only_once_computed_and_until_the_next_edit(db):
    from core.pagecache import known_until_next_edit, page_cache_purge, until_next_edit

    assert known_until_next_edit("answer") is None
    assert until_next_edit("answer", lambda: 42) == 42
    assert known_until_next_edit("answer") == 42

    page_cache_purge()

    assert known_until_next_edit("answer") is None


def test_an_anonymous_page_rendered_afresh_reads_the_generation_once(client: Client, site, course):
    from unittest import mock

    from core import pagecache

    module = course.modules()[0]
    with mock.patch.object(
        pagecache, "_generation_or_new", wraps=pagecache._generation_or_new
    ) as generation_read:
        assert client.get(module.url).status_code == 200  # not stored yet: rendered

    # The page-cache lookup read it; the shared pieces of the page reuse that.
    assert generation_read.call_count == 1


def test_a_value_found_in_the_shared_cache_is_kept_in_this_process(db):
    from unittest import mock

    from django.core.cache import cache

    from core import pagecache

    pagecache.until_next_edit("kept", lambda: "from another server")
    pagecache._this_process.clear()  # as in a process that has not read it yet

    assert pagecache.known_until_next_edit("kept") == "from another server"
    with mock.patch.object(cache, "get", wraps=cache.get) as shared_read:
        assert pagecache.known_until_next_edit("kept") == "from another server"
        assert pagecache.until_next_edit("kept", lambda: "recomputed") == "from another server"
    assert not shared_read.called


def test_this_process_keeps_a_bounded_number_of_shared_values(db):
    from django.core.cache import cache

    from core import pagecache

    pagecache._this_process.clear()
    for n in range(2_000):  # as many blog sidebars, say, as months and categories
        pagecache.until_next_edit(f"value-{n}", lambda n=n: n)
    pagecache.until_next_edit("value-0", lambda: "recomputed")  # read again: used last
    for n in range(2_000, 2_500):
        pagecache.until_next_edit(f"value-{n}", lambda n=n: n)

    # Full, it drops a third, least recently used first: room for every sidebar, yet bounded.
    assert 1_000 < len(pagecache._this_process._cache) <= 2_000
    with mock.patch.object(cache, "get", lambda key, default=None: default):  # this process's
        assert pagecache.known_until_next_edit("value-0") == 0
        assert pagecache.known_until_next_edit("value-1") is None
        assert pagecache.known_until_next_edit("value-2499") == 2_499


def test_the_shared_account_links_differ_for_visitors_and_people_signed_in(site, alice):
    def account_links(client: Client, url: str) -> list[str]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [a["href"] for a in soup.select(".account-links a")]

    learner, visitor = Client(), Client()
    learner.force_login(alice)

    assert account_links(learner, "/get-help/") == ["/my-learning/", "/account/"]
    assert account_links(visitor, "/get-help/") == ["/account/login/"]
    assert account_links(learner, "/stay-safe/") == ["/my-learning/", "/account/"]


def test_a_500_page_drawn_with_default_settings_leaves_the_shared_chrome_alone(
    client: Client, site, alice
):
    from django.test import RequestFactory

    from core.models import HotlineSettings
    from core.views import server_error

    hotline = HotlineSettings.load()
    hotline.call_number = "1-555-0177"
    hotline.save()  # an edit: the shared chrome is drawn afresh by the next page
    assert server_error(RequestFactory().get("/my-learning/")).status_code == 500

    client.force_login(alice)
    soup = BeautifulSoup(client.get("/my-learning/").content, "html.parser")
    assert "1-555-0177" in soup.select_one("aside.hotline").get_text()
    assert "1-555-0177" in soup.select_one("footer").get_text()
    assert soup.select("header .site-nav a")  # the 500 page's empty menu stayed its own
