"""RSS: valid, live public posts only, one language, per category."""

from datetime import date

import feedparser
from wagtail.models import PageViewRestriction

from blog.tests.helpers import make_category, make_post


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_the_feed_lists_live_posts_newest_first(client, blog):
    make_post(blog, "Older", day=date(2022, 1, 5), summary="The older one.")
    make_post(blog, "Newer", day=date(2024, 3, 9), author="Policy team")
    make_post(blog, "Draft", live=False)

    feed = parse(client, "/blog/feed/")

    assert feed.version == "rss20"
    assert feed.feed.title == "Blog"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    assert feed.entries[0].link == "http://testserver/blog/newer/"
    assert feed.entries[1].summary == "The older one."
    assert feed.entries[1].published_parsed[:3] == (2022, 1, 5)


def test_the_feed_leaves_out_private_posts(client, blog):
    private = make_post(blog, "Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_post(blog, "For everyone")

    assert [entry.title for entry in parse(client, "/blog/feed/").entries] == ["For everyone"]


def test_a_category_feed_lists_only_that_category(client, blog):
    labor = make_category("Labor Trafficking", "labor-trafficking")
    make_post(blog, "About work", categories=(labor,))
    make_post(blog, "About something else")

    feed = parse(client, "/blog/category/labor-trafficking/feed/")

    assert [entry.title for entry in feed.entries] == ["About work"]
    assert feed.feed.title == "Blog: Labor Trafficking"
    assert feed.entries[0].tags[0].term == "Labor Trafficking"
    assert client.get("/blog/category/nothing/feed/").status_code == 404


def test_the_spanish_feed_lists_spanish_posts(client, blog, spanish_blog):
    make_post(blog, "In English")
    make_post(spanish_blog, "En español")

    feed = parse(client, "/es/blog/feed/")

    assert feed.feed.language == "es"
    assert [entry.title for entry in feed.entries] == ["En español"]
    assert feed.entries[0].link == "http://testserver/es/blog/en-espa%C3%B1ol/"


def test_listing_pages_advertise_their_feeds(client, blog):
    make_category("Labor Trafficking", "labor-trafficking")

    content = client.get("/blog/category/labor-trafficking/").content.decode()

    assert 'type="application/rss+xml" title="All posts (RSS)" href="/blog/feed/"' in content
    assert 'href="/blog/category/labor-trafficking/feed/"' in content
