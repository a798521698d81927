"""Fixtures shared by every test: the default content, named people, fast hashing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection

from core.services import default_content_load


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and lockouts live in the cache: no test inherits another's."""
    yield
    cache.clear()


@pytest.fixture
def default_content(db):
    """The pages a fresh install starts with: home, get help, stay safe, privacy (en + es)."""
    return default_content_load()


@pytest.fixture
def editor(db):
    """A superuser with an authenticator app, as the admin requires."""
    from accounts.tests.helpers import give_second_factor

    user = get_user_model().objects.create_superuser(
        username="editor",
        email="editor@example.org",
        password="editor-password-1",  # nosec B106
    )
    return give_second_factor(user)


@pytest.fixture
def course(default_content):
    """The default course, Human Trafficking 101, as a fresh install has it."""
    from learning.content import default_course_load
    from learning.models import CoursePage

    default_course_load()
    return CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")


@pytest.fixture
def modules(course):
    return course.modules()


@pytest.fixture
def first_module(modules):
    return modules[0]


@pytest.fixture
def alice(db):
    """A learner."""
    from learning.tests.helpers import make_learner

    return make_learner("alice@example.org")


@pytest.fixture
def charlie(db):
    """An outsider: another learner who must never see alice's things."""
    from learning.tests.helpers import make_learner

    return make_learner("charlie@example.org")


@pytest.fixture
def require_postgresql():
    """Parallel-writer tests prove nothing on SQLite, which serialises writers."""
    if connection.vendor != "postgresql":
        pytest.fail("parallel tests need PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.fixture
def shared_fragments(settings):
    """As in production: the page cache on, so the chrome and lessons are shared between people."""
    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()
