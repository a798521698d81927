"""Deployment checks of the certificates capability."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def base_url_is_public(app_configs, **kwargs) -> list[Warning]:
    """Printed certificates and signed credentials carry BASE_URL for years: it must be right."""
    if settings.WAGTAILADMIN_BASE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"BASE_URL is {settings.WAGTAILADMIN_BASE_URL!r}, not an https:// address.",
            hint="Set BASE_URL to the site's public address: certificates, their QR codes, "
            "emails and signed credentials carry it.",
            id="certificates.W001",
        )
    ]
