"""The demo blog, loaded from blog/default_content/posts.json.

Loading is idempotent: the blog page and categories are created once, and each demo post
only if no post with its slug exists. Demo posts are marked `is_demo`, so an operator
removes them all with `manage.py delete_demo_posts` (blog.services.demo_posts_delete).
They come back only if the whole blog page is deleted and the loader runs again.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from core.models import HomePage
from learning.content import video_block

CONTENT_DIR = Path(__file__).resolve().parent / "default_content"
POSTS_FILE = CONTENT_DIR / "posts.json"
VIDEO_DIR = CONTENT_DIR / "videos"
BLOG = {
    "en": {
        "title": "Blog",
        "intro": "News, stories and explainers from our team, in plain words.",
    },
    "es": {
        "title": "Blog",
        "intro": "Noticias, historias y explicaciones de nuestro equipo, en palabras sencillas.",
    },
}


def _ensure_blog(home: HomePage, language: str) -> tuple[BlogIndexPage, bool]:
    blog = BlogIndexPage.objects.child_of(home).first()
    if blog is not None:
        return blog, False
    blog = BlogIndexPage(slug="blog", show_in_menus=True, **BLOG[language])
    home.add_child(instance=blog)
    blog.save_revision().publish()
    return blog, True


def _translate_blog(blog: BlogIndexPage) -> None:
    for locale in Locale.objects.exclude(pk=blog.locale_id):
        content = BLOG.get(locale.language_code)
        if content is None or blog.get_translation_or_none(locale) is not None:
            continue
        translated = blog.copy_for_translation(locale)
        translated.title = content["title"]
        translated.intro = content["intro"]
        translated.save_revision().publish()


def _ensure_categories(specs: list[dict]) -> dict[tuple[str, str], BlogCategory]:
    """Every category in every language; translations share the slug and translation key."""
    found = {}
    for spec in specs:
        source = None
        for locale in Locale.objects.order_by("pk"):
            name = spec.get(f"name_{locale.language_code}")
            if name is None:
                continue
            category = BlogCategory.objects.filter(locale=locale, slug=spec["slug"]).first()
            if category is None:
                category = BlogCategory(locale=locale, slug=spec["slug"], name=name)
                if source is not None:
                    category.translation_key = source.translation_key
                category.save()
            source = source or category
            found[(locale.language_code, spec["slug"])] = category
    return found


def _body(post: dict, language: str) -> list[dict]:
    text = post[language]
    blocks = []
    if "video" in post:
        blocks.append(
            video_block(post["video"], folder=VIDEO_DIR, slug=post["slug"], language=language)
        )
    blocks.append({"type": "text", "value": text["body"]})
    return blocks


def _publish(page: BlogPage, categories: list[BlogCategory]) -> None:
    page.categories.set(categories)
    page.save_revision().publish()


def _create_post(blog: BlogIndexPage, post: dict, categories: dict) -> BlogPage:
    language = blog.locale.language_code
    text = post[language]
    page = BlogPage(
        slug=post["slug"],
        title=text["title"],
        summary=text["summary"],
        body=_body(post, language),
        date=date.fromisoformat(post["date"]),
        author=post.get("author", ""),
        is_demo=True,
    )
    blog.add_child(instance=page)
    _publish(page, [categories[(language, slug)] for slug in post["categories"]])
    return page


def _translate_post(page: BlogPage, post: dict, categories: dict) -> list[str]:
    created = []
    for locale in Locale.objects.exclude(pk=page.locale_id):
        text = post.get(locale.language_code)
        if text is None or page.get_translation_or_none(locale) is not None:
            continue
        translated = page.copy_for_translation(locale)
        translated.title = text["title"]
        translated.summary = text["summary"]
        translated.body = _body(post, locale.language_code)
        slugs = post["categories"]
        _publish(translated, [categories[(locale.language_code, slug)] for slug in slugs])
        created.append(translated.url_path)
    return created


@transaction.atomic
def default_blog_load(*, language: str = "en", posts_file: Path = POSTS_FILE) -> list[str]:
    """Create the blog (every language) with its demo posts if missing; return what was made."""
    home = HomePage.objects.filter(locale__language_code=language).first()
    if home is None:
        raise RuntimeError("Load the default pages first: the blog goes under the home page.")
    content = json.loads(posts_file.read_text(encoding="utf-8"))
    blog, is_new = _ensure_blog(home, language)
    _translate_blog(blog)
    if not is_new:
        return []
    created = [blog.url_path]
    categories = _ensure_categories(content["categories"])
    for post in sorted(content["posts"], key=lambda post: post["date"]):
        if BlogPage.objects.child_of(blog).filter(slug=post["slug"]).exists():
            continue
        page = _create_post(blog, post, categories)
        created.append(page.url_path)
        created += _translate_post(page, post, categories)
    return created
