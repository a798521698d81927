"""The demo posts: loaded once from posts.json, in both languages, and removable in one step."""

import json
import re

from django.core.management import call_command

from blog.content import POSTS_FILE, default_blog_load
from blog.models import BlogCategory, BlogIndexPage, BlogPage
from blog.tests.helpers import make_post

DEMO = json.loads(POSTS_FILE.read_text(encoding="utf-8"))
SPANISH_POSTS = sum(1 for post in DEMO["posts"] if "es" in post)


def test_the_demo_blog_loads_once_in_both_languages(client, default_content):
    created = default_blog_load()

    assert BlogPage.objects.filter(locale__language_code="en", is_demo=True).count() == 40
    assert BlogPage.objects.filter(locale__language_code="es", is_demo=True).count() == (
        SPANISH_POSTS
    )
    assert BlogCategory.objects.filter(locale__language_code="es").count() == len(
        DEMO["categories"]
    )
    assert len(created) == 1 + 40 + SPANISH_POSTS  # the blog, its posts, their translations
    assert default_blog_load() == []
    assert BlogPage.objects.count() == 40 + SPANISH_POSTS
    assert BlogIndexPage.objects.count() == 2

    english = client.get("/blog/")
    spanish = client.get("/es/blog/")
    assert english.status_code == spanish.status_code == 200
    assert "Niñez y juventud" in spanish.content.decode()
    video_posts = [post for post in DEMO["posts"] if "video" in post]
    assert len(video_posts) == 2
    for video_post in video_posts:
        page = client.get(f"/blog/{video_post['slug']}/").content.decode()
        assert video_post["video"]["transcript"][0] in page
        assert re.search(r'<video[^>]* src="/documents/[^"]+\.webm"', page)
        assert 'kind="captions"' in page
    # the Spanish post's categories are the Spanish ones
    translated = BlogPage.objects.filter(locale__language_code="es").first()
    assert {category.locale.language_code for category in translated.categories.all()} == {"es"}


def test_delete_demo_posts_removes_them_and_keeps_editors_posts(client, default_content):
    default_blog_load()
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    mine = make_post(blog, "Written by our editor")

    call_command("delete_demo_posts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(BlogPage.objects.values_list("pk", flat=True)) == [mine.pk]
    assert client.get("/blog/what-human-trafficking-is/").status_code == 404
    assert client.get("/es/blog/what-human-trafficking-is/").status_code == 404
    assert client.get("/blog/", {"q": "trafficking"}).status_code == 200
    default_blog_load()  # a later release does not bring them back
    assert BlogPage.objects.count() == 1


def test_demo_posts_use_only_sourced_figures():
    """CONTENT.md: no invented statistics. Every figure must be one the brief gives."""
    allowed = {
        "27.6",
        "11.8",
        "50",
        "22",
        "42%",
        "39%",
        "32,000",
        "25",
        "18",
        "2000",
        "2017",
        "2007",
        "2016",
        "2020",
        "2021",
        "2022",
        "1-888-373-7888",
        "233733",
        "911",
    }
    text = json.dumps(DEMO, ensure_ascii=False)
    for claim in ["one of the most common tools", "one of the strongest forms of prevention"]:
        assert claim not in text
    for post in DEMO["posts"]:
        for language in ("en", "es"):
            if language not in post:
                continue
            body = re.sub(r"<[^>]+>", " ", post[language]["body"] + " " + post[language]["summary"])
            percentages = set(re.findall(r"\d+(?:\.\d+)?\s?%", body))
            assert percentages <= {"42%", "39%"}, (post["slug"], percentages)
            millions = set(re.findall(r"(\d+(?:\.\d+)?) (?:million|millones)", body))
            assert millions <= allowed, (post["slug"], millions)
