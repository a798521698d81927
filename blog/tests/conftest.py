import pytest
from wagtail.models import Locale

from blog.models import BlogIndexPage
from blog.tests.helpers import make_blog


@pytest.fixture
def blog(default_content) -> BlogIndexPage:
    """An empty blog at /blog/ with its Spanish translation at /es/blog/."""
    return make_blog()


@pytest.fixture
def spanish_blog(blog) -> BlogIndexPage:
    return blog.get_translation(Locale.objects.get(language_code="es"))
