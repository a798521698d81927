"""Keyword search on the blog: what it finds, in what order, and what it survives."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from blog.selectors import MAX_QUERY_LENGTH
from blog.tests.helpers import make_category, make_post
from blog.tests.test_listing import titles


@pytest.fixture
def posts(blog):
    labor = make_category("Labor Trafficking", "labor-trafficking")
    return {
        "title": make_post(blog, "Debt bondage explained", day=date(2021, 1, 1)),
        "summary": make_post(
            blog,
            "How control works",
            summary="Why a debt can keep someone in a job.",
            day=date(2024, 1, 1),
            categories=(labor,),
        ),
        "body": make_post(
            blog,
            "Questions before you travel",
            text="<p>Ask who pays the recruitment fees and whether a debt comes with the job.</p>",
            day=date(2023, 1, 1),
            categories=(labor,),
        ),
        "other": make_post(blog, "Talking with teens", text="<p>Online friends and apps.</p>"),
    }


def test_search_finds_words_in_the_title_summary_and_body(client, posts):
    response = client.get("/blog/", {"q": "debt"})

    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Debt bondage explained",
        "How control works",
        "Questions before you travel",
    ]


def test_title_matches_come_first_then_the_newest(client, posts):
    response = client.get("/blog/", {"q": "debt"})

    assert titles(response) == [
        "Debt bondage explained",  # the oldest post, but the word is in its title
        "How control works",
        "Questions before you travel",
    ]


def test_search_within_a_category(client, posts):
    response = client.get("/blog/category/labor-trafficking/", {"q": "debt"})

    assert titles(response) == ["How control works", "Questions before you travel"]


def test_search_within_a_month(client, posts):
    response = client.get("/blog/2024/01/", {"q": "debt"})

    assert titles(response) == ["How control works"]


def test_search_says_how_many_posts_match_and_is_not_indexed(client, posts):
    response = client.get("/blog/", {"q": "debt"})
    soup = BeautifulSoup(response.content, "html.parser")

    assert "3 posts match “debt”." in soup.select_one(".blog-results").get_text()
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert soup.select_one("#blog-search-q")["value"] == "debt"


def test_search_pages_keep_the_query_in_their_links(client, blog):
    for n in range(12):
        make_post(blog, f"Debt story {n}")

    soup = BeautifulSoup(client.get("/blog/", {"q": "debt"}).content, "html.parser")

    assert soup.select_one("a[rel=next]")["href"] == "/blog/?q=debt&page=2"


def test_a_search_matches_the_posts_once_for_the_count_and_the_page(client, blog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(12):
        make_post(blog, f"Debt story {n}")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/blog/", {"q": "debt", "page": "2"})

    assert "12 posts match" in response.content.decode()
    assert titles(response) == ["Debt story 1", "Debt story 0"]
    # The paginator's count would run the whole match a second time.
    assert not [query["sql"] for query in captured if '"__count"' in query["sql"]]


def test_nothing_found_says_so(client, posts):
    response = client.get("/blog/", {"q": "zebra"})

    assert titles(response) == []
    assert b"No post matches those words." in response.content


AWKWARD_QUERIES = [
    '"debt',
    '"debt bondage"',
    "debt'",
    "'; DROP TABLE blog_blogpage; --",
    "debt AND OR NOT",
    "(debt",
    "debt*",
    "NEAR(debt bondage)",
    "title:debt",
    "niñez trata línea",
    "人身売買",
    "🙂",
    "\u200b",
    "a" * 1000,
    "debt " * 200,
    "",
    "   ",
    "-",
    "%",
    "\\",
]


def test_any_query_gives_a_page_not_an_error(client, posts):
    for query in AWKWARD_QUERIES:
        for url in ["/blog/", "/blog/category/labor-trafficking/"]:
            response = client.get(url, {"q": query})

            assert response.status_code == 200, (url, query)


def test_a_long_query_is_cut_to_the_limit(client, posts):
    response = client.get("/blog/", {"q": "debt " + "x" * 1000})
    value = BeautifulSoup(response.content, "html.parser").select_one("#blog-search-q")["value"]

    assert len(value) == MAX_QUERY_LENGTH
    assert value.startswith("debt x")


def test_an_empty_query_shows_the_listing(client, posts):
    assert len(titles(client.get("/blog/", {"q": "  "}))) == 4


def test_search_finds_words_with_accents_in_spanish_posts(client, spanish_blog):
    make_post(spanish_blog, "Niñez y redes sociales", text="<p>Cómo hablar con la juventud.</p>")
    make_post(spanish_blog, "Otro tema", text="<p>Nada que ver.</p>")

    assert titles(client.get("/es/blog/", {"q": "niñez"})) == ["Niñez y redes sociales"]
    assert titles(client.get("/es/blog/", {"q": "cómo"})) == ["Niñez y redes sociales"]


def test_search_does_not_find_drafts_or_other_languages(client, blog, spanish_blog):
    make_post(blog, "Debt draft", live=False)
    make_post(spanish_blog, "Debt en español")

    assert titles(client.get("/blog/", {"q": "debt"})) == []
