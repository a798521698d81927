"""Template tags for the site chrome: the language switch, hreflang alternates, the banners,
the menu, the footer, and links to pages."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import pageurl

from core.pagecache import served_as, until_next_edit

register = template.Library()

# Set by an error page drawn with default settings rather than the editors' (the database
# may be down): its banners, menu and footer are for it alone.
CHROME_NOT_SHARED = "chrome_not_shared"


def _nearest_translation(page: Page, language_code: str) -> Page | None:
    """The page in that language, else the nearest section above it that has one."""
    lineage = page.get_ancestors(inclusive=True).values("translation_key")
    versions = Page.objects.live().filter(
        translation_key__in=lineage, locale__language_code=language_code
    )
    nearest = versions.order_by("-depth").first()
    if nearest is None:  # a home page made separately rather than as a translation
        nearest = Page.objects.live().filter(depth=2, locale__language_code=language_code).first()
    return nearest


def _translation_url(page: Page, language_code: str, request: HttpRequest | None) -> str:
    version = _nearest_translation(page, language_code)
    return version.get_url(request=request) if version is not None else ""


def _other_language_url(context: template.Context, language_code: str) -> str:
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, Page):
        site_key = served_as(request) if request else ""
        url = until_next_edit(
            f"translation:{site_key}:{page.pk}:{language_code}",
            lambda: _translation_url(page, language_code, request),
        )
        if url:
            return url
    path = request.get_full_path() if request else "/"
    return translate_url(path, language_code)


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict]:
    """One entry per site language other than the current one, pointing at the same page."""
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        with translation.override(code):
            links.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "url": _other_language_url(context, code),
                }
            )
    return links


@register.simple_tag(takes_context=True)
def hreflang_alternates(context: template.Context) -> list[dict]:
    """Every live language version of the current Wagtail page, for <link rel=alternate>."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return []
    versions = until_next_edit(
        f"alternates:{served_as(request)}:{page.pk}", lambda: _language_versions(page, request)
    )
    return [{"code": code, "url": request.build_absolute_uri(url)} for code, url in versions]


def _language_versions(page: Page, request: HttpRequest) -> list[tuple[str, str]]:
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    return [
        (version.locale.language_code, version.get_url(request=request)) for version in versions
    ]


@register.simple_tag(takes_context=True)
def shared_pageurl(context: template.Context, page: Page) -> str:
    """Wagtail's pageurl, kept until the next edit: a page's address changes only when an
    editor publishes, moves or deletes a page or edits a site, and each of those empties
    the store. Worked out afresh it costs about 0.1 ms of Python per link (a module's
    outline has eight); a preview always works it out afresh. Not for long listings:
    thousands of posts would crowd the bounded store of each process."""
    request = context.get("request")
    if request is None or page.pk is None or getattr(request, "is_preview", False):
        return pageurl(context, page)
    key = f"pageurl:{served_as(request)}:{page.pk}"
    return until_next_edit(key, lambda: pageurl(context, page))


@register.simple_tag(takes_context=True)
def site_banners(context: template.Context) -> str:
    """The quick exit and the hotline above every page: the same for every page and person
    in a language, so rendered once per edit."""
    chrome = {"hotline": context.get("hotline")}
    quick_exit, hotline = (
        _rendered_until_next_edit(context, f"banner:{name}", f"includes/{name}.html", chrome)
        for name in ("quick_exit", "hotline_banner")
    )
    return format_html("{}\n{}", quick_exit, hotline)


@register.simple_tag(takes_context=True)
def site_nav(context: template.Context) -> str:
    """The main menu: rendered once per edit for each section it can mark as current."""
    sections = context.get("sections") or []
    current = ",".join(str(n) for n, section in enumerate(sections) if section.current)
    chrome = {"sections": sections}
    return _rendered_until_next_edit(context, f"nav:{current}", "includes/nav.html", chrome)


@register.simple_tag(takes_context=True)
def account_links(context: template.Context) -> str:
    """Sign in, or My learning and Account: one copy for visitors, one for everyone signed in."""
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    name = "account-links:signed-in" if signed_in else "account-links:visitor"
    chrome = {"signed_in": signed_in}
    return _rendered_until_next_edit(context, name, "includes/account_links.html", chrome)


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> str:
    """The footer: the same for every page and person in a language, so rendered once per
    edit. It holds nothing personal (its newsletter form carries no CSRF token)."""
    chrome = {"sections": context.get("sections"), "hotline": context.get("hotline")}
    return _rendered_until_next_edit(context, "footer", "includes/footer.html", chrome)


def _rendered_until_next_edit(
    context: template.Context, name: str, template_name: str, chrome: dict
) -> str:
    """A piece of the chrome as HTML, shared by every request for this host and language
    until the next edit. It must hold nothing personal: no CSRF token, no name."""
    request = context.get("request")

    def render() -> str:
        return render_to_string(template_name, chrome)

    if request is None or context.get(CHROME_NOT_SHARED):  # an error page's defaults
        return render()
    key = f"{name}:{served_as(request)}:{translation.get_language()}"
    return until_next_edit(key, render)  # kept as rendered: safe HTML
