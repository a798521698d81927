"""How large a request body each part of the site accepts."""

from django.conf import settings


def body_limit(path: str) -> int:
    """Editors upload images, documents and videos in the admin; every public form is small."""
    if path.startswith(settings.ADMIN_URL_PREFIXES):
        return settings.ADMIN_UPLOAD_MAX_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
