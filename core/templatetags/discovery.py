"""Template tags that tell crawlers and link previews what a page is: canonical and Open Graph."""

from django import template
from django.utils import translation
from wagtail.models import Page

register = template.Library()
SOCIAL_IMAGE_SPEC = "fill-1200x630"


def _social_image_url(page: Page, request) -> str:
    """A large rendition of the page's image, if the page type has one (blog posts do)."""
    image = getattr(page, "hero_image", None)
    if image is None:
        return ""
    return request.build_absolute_uri(image.get_rendition(SOCIAL_IMAGE_SPEC).url)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context: template.Context) -> dict:
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    is_page = isinstance(page, Page)
    return {
        "canonical": context.get("canonical_url") or request.build_absolute_uri(request.path),
        "title": (page.seo_title or page.title) if is_page else "",
        "description": (
            (page.search_description or getattr(page, "summary", "")) if is_page else ""
        ),
        "type": "article" if is_page and hasattr(page, "hero_image") else "website",
        "image": _social_image_url(page, request) if is_page else "",
        "locale": translation.to_locale(translation.get_language() or "en"),
        "site_name": context.get("site_name") or "Lodestar",
    }
