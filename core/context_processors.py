from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.models import HotlineSettings, QuickExitSettings
from core.selectors import site_sections


def site_chrome(request: HttpRequest) -> dict:
    """The editable parts of the chrome on every page, loaded only when a template reads them."""
    return {
        "hotline": SimpleLazyObject(lambda: HotlineSettings.load(request_or_site=request)),
        "quick_exit": SimpleLazyObject(lambda: QuickExitSettings.load(request_or_site=request)),
        "sections": SimpleLazyObject(lambda: site_sections(request)),
    }
