"""Fixtures shared by every test: the default content, named people, fast hashing."""

import pytest
from django.contrib.auth import get_user_model

from core.services import default_content_load


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def default_content(db):
    """The pages a fresh install starts with: home, get help, stay safe, privacy (en + es)."""
    return default_content_load()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="editor-password-1"
    )
