from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.models import HotlineSettings, QuickExitSettings
from core.pagecache import until_next_edit
from core.selectors import site_sections


def site_chrome(request: HttpRequest) -> dict:
    """The editable parts of the chrome on every page, loaded only when a template reads them."""
    return {
        "hotline": SimpleLazyObject(lambda: until_next_edit("hotline", HotlineSettings.load)),
        "quick_exit": SimpleLazyObject(
            lambda: until_next_edit("quick-exit", QuickExitSettings.load)
        ),
        "sections": SimpleLazyObject(lambda: site_sections(request)),
    }
