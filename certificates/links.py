"""Absolute addresses for things that leave the site: emails, PDFs, signed credentials."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The public address of a path, from BASE_URL (never from a request's Host header)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
