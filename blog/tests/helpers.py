"""Building blog posts for tests, published through Wagtail as an editor would."""

from datetime import date
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from blog.models import BlogCategory, BlogIndexPage, BlogPage


def make_blog() -> BlogIndexPage:
    """An empty blog at /blog/ with its Spanish translation at /es/blog/ (needs the home pages)."""
    from blog.content import BLOG
    from core.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = BlogIndexPage(slug="blog", **BLOG["en"])
    home.add_child(instance=index)
    index.save_revision().publish()
    spanish = index.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title = BLOG["es"]["title"]
    spanish.save_revision().publish()
    return index


def make_category(name: str, slug: str, language: str = "en", source=None) -> BlogCategory:
    category = BlogCategory(name=name, slug=slug, locale=Locale.objects.get(language_code=language))
    if source is not None:
        category.translation_key = source.translation_key
    category.save()
    return category


def make_post(
    blog: BlogIndexPage,
    title: str,
    *,
    day: date = date(2024, 5, 1),
    summary: str = "A short summary.",
    text: str = "<p>Some words in the body.</p>",
    categories: tuple[BlogCategory, ...] = (),
    live: bool = True,
    body: list[dict] | None = None,
    **fields,
) -> BlogPage:
    post = BlogPage(
        title=title,
        date=day,
        summary=summary,
        body=body if body is not None else [{"type": "text", "value": text}],
        **fields,
    )
    blog.add_child(instance=post)
    post.categories.set(categories)
    revision = post.save_revision()
    if live:
        revision.publish()
    else:
        post.live = False
        post.save(update_fields=["live"])
    return post


def make_posts(blog: BlogIndexPage, count: int, **options) -> list[BlogPage]:
    return [
        make_post(
            blog, f"Post number {n}", day=date(2020 + n % 5, 1 + n % 12, 1 + n % 28), **options
        )
        for n in range(count)
    ]


def translate_post(post: BlogPage, language: str, title: str, **fields) -> BlogPage:
    translated = post.copy_for_translation(Locale.objects.get(language_code=language))
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def make_image(title: str = "A photo", size: tuple[int, int] = (1600, 900)):
    buffer = BytesIO()
    PillowImage.new("RGB", size, (24, 59, 99)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(BytesIO(buffer.getvalue()), name="photo.png")
    )
