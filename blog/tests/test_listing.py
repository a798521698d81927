"""The listing, category and archive pages: order, filters, pagination and pinned queries."""

from datetime import date
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from blog import selectors
from blog.tests.helpers import make_category, make_post, make_posts
from blog.views import POSTS_PER_PAGE


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".post-card__title a")]


def warm_get(client, url: str):
    """A second request, as most visitors get it: the site and settings caches are warm."""
    client.get(url)
    return client.get(url)


def test_the_listing_shows_live_posts_newest_first(client, blog):
    make_post(blog, "Older", day=date(2022, 1, 5))
    make_post(blog, "Newer", day=date(2024, 3, 9))
    make_post(blog, "Unpublished draft", day=date(2025, 1, 1), live=False)

    response = client.get("/blog/")

    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older"]


def test_a_visitor_reading_the_blog_gets_no_cookie(client, blog):
    category = make_category("Labor Trafficking", "labor-trafficking")
    make_post(blog, "A post", categories=(category,))

    for url in ["/blog/", "/blog/a-post/", "/blog/category/labor-trafficking/", "/blog/?q=post"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cookies == {}, url


@pytest.mark.parametrize("count", [3, 2 * POSTS_PER_PAGE + 1])
def test_listing_queries_do_not_grow_with_the_number_of_posts(
    client, blog, count, django_assert_num_queries
):
    categories = [make_category(f"Topic {n}", f"topic-{n}") for n in range(3)]
    make_posts(blog, count, categories=tuple(categories))
    client.get("/blog/")

    with django_assert_num_queries(18):
        response = client.get("/blog/")

    assert len(titles(response)) == min(count, POSTS_PER_PAGE)


@pytest.mark.parametrize("count", [3, 2 * POSTS_PER_PAGE + 1])
def test_category_and_archive_queries_do_not_grow_with_the_number_of_posts(
    client, blog, count, django_assert_num_queries
):
    category = make_category("Labor Trafficking", "labor-trafficking")
    for n in range(count):
        make_post(blog, f"Post {n}", day=date(2024, 5, 1 + n % 28), categories=(category,))
    warm_get(client, "/blog/category/labor-trafficking/")
    warm_get(client, "/blog/2024/05/")

    with django_assert_num_queries(20):
        category_page = client.get("/blog/category/labor-trafficking/")
    with django_assert_num_queries(18):
        archive_page = client.get("/blog/2024/05/")

    assert len(titles(category_page)) == min(count, POSTS_PER_PAGE)
    assert len(titles(archive_page)) == min(count, POSTS_PER_PAGE)


def test_pages_of_posts_link_to_each_other(client, blog):
    make_posts(blog, 2 * POSTS_PER_PAGE + 5)

    first = client.get("/blog/")
    second = client.get("/blog/?page=2")

    soup = BeautifulSoup(second.content, "html.parser")
    assert soup.select_one("a[rel=prev]")["href"] == "/blog/"
    assert soup.select_one("a[rel=next]")["href"] == "/blog/?page=3"
    assert (
        soup.select_one(".blog-pagination a[aria-current=page]").get_text(strip=True).endswith("2")
    )
    assert set(titles(first)).isdisjoint(titles(second))
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/blog/?page=2"


def test_past_the_last_page_shows_the_last_page(client, blog):
    make_posts(blog, POSTS_PER_PAGE + 2)

    response = client.get("/blog/?page=999")

    assert response.status_code == 200
    assert len(titles(response)) == 2


def test_a_page_that_is_not_a_page_number_is_not_found(client, blog):
    make_posts(blog, 3)

    for page in ["abc", "0", "-1", "1.5", "", "99999999999999999999", "²", "1 OR 1=1", "\x00"]:
        assert client.get("/blog/", {"page": page}).status_code == 404, page


def test_an_empty_blog_shows_its_first_page(client, blog):
    response = client.get("/blog/")

    assert response.status_code == 200
    assert b"No posts yet." in response.content


def test_a_category_page_lists_only_its_posts(client, blog):
    labor = make_category("Labor Trafficking", "labor-trafficking")
    youth = make_category("Children and Youth", "children-and-youth")
    make_post(blog, "About work", categories=(labor,))
    make_post(blog, "About teens", categories=(youth,))
    make_post(blog, "About both", categories=(labor, youth))

    response = client.get("/blog/category/labor-trafficking/")

    assert response.status_code == 200
    assert sorted(titles(response)) == ["About both", "About work"]
    assert "<h1>Labor Trafficking</h1>" in response.content.decode()


def test_an_unknown_category_is_not_found(client, blog):
    assert client.get("/blog/category/no-such-thing/").status_code == 404


def test_a_monthly_archive_lists_that_months_posts(client, blog):
    make_post(blog, "March post", day=date(2023, 3, 14))
    make_post(blog, "Late March post", day=date(2023, 3, 31))
    make_post(blog, "April post", day=date(2023, 4, 1))

    response = client.get("/blog/2023/03/")

    assert response.status_code == 200
    assert titles(response) == ["Late March post", "March post"]


def test_an_impossible_month_is_not_found(client, blog):
    make_post(blog, "March post", day=date(2023, 3, 14))

    for url in ["/blog/2023/13/", "/blog/2023/00/", "/blog/0000/01/", "/blog/2023/3/"]:
        assert client.get(url).status_code == 404, url


def test_a_month_without_posts_is_not_found(client, blog):
    make_post(blog, "March post", day=date(2023, 3, 14))

    assert client.get("/blog/2023/02/").status_code == 404


def test_the_sidebar_counts_posts_by_month_newest_first(client, blog):
    make_post(blog, "One", day=date(2023, 3, 14))
    make_post(blog, "Two", day=date(2023, 3, 20))
    make_post(blog, "Three", day=date(2024, 1, 2))
    make_post(blog, "Draft", day=date(2024, 1, 3), live=False)

    soup = BeautifulSoup(client.get("/blog/").content, "html.parser")
    entries = [
        " ".join(item.get_text(" ", strip=True).split()) for item in soup.select(".archive-year li")
    ]
    years = [" ".join(year.get_text(" ", strip=True).split()) for year in soup.select("summary")]

    assert entries == ["January 2024 (1)", "March 2023 (2)"]
    assert years == ["2024 (1)", "2023 (2)"]
    assert soup.select_one(".archive-year a")["href"] == "/blog/2024/01/"


def test_the_archive_is_counted_in_one_query_and_then_cached(blog, django_assert_num_queries):
    from django.core.cache import cache

    from blog.selectors import archive_years

    make_post(blog, "One", day=date(2023, 3, 14))
    make_post(blog, "Two", day=date(2024, 1, 2))
    cache.clear()

    with django_assert_num_queries(2):  # PageViewRestriction for .public(), then the counts
        years = archive_years(blog)
    with django_assert_num_queries(0):
        assert archive_years(blog) == years
    assert [(year.year, year.count) for year in years] == [(2024, 1), (2023, 1)]


def test_the_sidebar_is_rendered_once_for_every_listing_that_shows_it_alike(
    client, blog, shared_fragments
):
    category = make_category("Labor Trafficking", "labor-trafficking")
    make_post(blog, "A post", day=date(2024, 1, 2), categories=(category,))
    warm_get(client, "/blog/")  # the first page read makes the site's settings rows

    with mock.patch.object(selectors, "archive_years", wraps=selectors.archive_years) as read:
        listings = [client.get(url) for url in ("/blog/", "/blog/?q=post", "/blog/?q=other")]
        in_category = client.get("/blog/category/labor-trafficking/")
        in_month = client.get("/blog/2024/01/")

    assert read.call_count == 2, "the same sidebar for the listing and its searches"
    sidebars = [sidebar_of(response) for response in listings]
    assert sidebars[0] == sidebars[1] == sidebars[2]
    assert sidebars[0].select("[aria-current]") == []
    for response, current in ((in_category, "Labor Trafficking"), (in_month, "January 2024")):
        links = sidebar_of(response).select("[aria-current=page]")
        assert [link.get_text() for link in links] == [current]


def sidebar_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".blog-sidebar")


def test_a_new_posts_month_shows_in_the_archive_at_once(client, blog, shared_fragments):
    make_post(blog, "Older", day=date(2023, 3, 14))
    warm_get(client, "/blog/")  # the archive is shared now

    make_post(blog, "Newer", day=date(2024, 1, 2))
    months = [
        link.get_text() for link in sidebar_of(client.get("/blog/?q=a")).select(".archive-year a")
    ]

    assert months == ["January 2024", "March 2023"]
