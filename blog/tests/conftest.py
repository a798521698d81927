import pytest
from wagtail.models import Locale

from blog.content import BLOG
from blog.models import BlogIndexPage
from core.models import HomePage


@pytest.fixture
def blog(default_content) -> BlogIndexPage:
    """An empty blog at /blog/ with its Spanish translation at /es/blog/."""
    home = HomePage.objects.get(locale__language_code="en")
    index = BlogIndexPage(slug="blog", **BLOG["en"])
    home.add_child(instance=index)
    index.save_revision().publish()
    spanish = index.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title = BLOG["es"]["title"]
    spanish.save_revision().publish()
    return index


@pytest.fixture
def spanish_blog(blog) -> BlogIndexPage:
    return blog.get_translation(Locale.objects.get(language_code="es"))
