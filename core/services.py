"""Writes for the site itself: the default pages a new install starts with, the demo admin."""

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.models import HomePage, StandardPage

DEFAULT_PAGES_FILE = Path(__file__).resolve().parent / "default_content" / "pages.json"
# Pages under the home page, in menu order; show_in_menus puts them in the header.
STANDARD_PAGES = [
    {"key": "get-help", "show_in_menus": True, "show_hotline": True},
    {"key": "stay-safe", "show_in_menus": False, "show_hotline": False},
    {"key": "privacy", "show_in_menus": False, "show_hotline": False},
]
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


@dataclass
class ContentReport:
    created: list[str] = field(default_factory=list)

    def add(self, page: Page) -> None:
        self.created.append(page.url_path)


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _fill(page: Page, content: dict) -> Page:
    page.title = content["title"]
    page.search_description = content["search_description"]
    page.intro = content["intro"]
    page.body = content["body"]
    return page


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's first migration leaves a placeholder page with the slug our home page wants."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page, title=WAGTAIL_WELCOME_TITLE):
        page.delete()


def _ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def _tree_root(locale: Locale) -> Page:
    """Wagtail's migrations create the tree's root; a flushed database needs it back."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def _ensure_home(content: dict, locale: Locale, report: ContentReport) -> HomePage:
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        _remove_wagtail_welcome_page()
        home = _fill(HomePage(slug="home", locale=locale), content)
        _tree_root(locale).add_child(instance=home)
        _publish(home)
        report.add(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _ensure_child(parent: Page, spec: dict, content: dict, report: ContentReport) -> Page:
    page = parent.get_children().filter(slug=spec["key"]).first()
    if page is None:
        page = _fill(
            StandardPage(
                slug=spec["key"],
                show_in_menus=spec["show_in_menus"],
                show_hotline=spec["show_hotline"],
            ),
            content,
        )
        parent.add_child(instance=page)
        _publish(page)
        report.add(page)
    return page


def _ensure_translation(page: Page, locale: Locale, content: dict, report: ContentReport) -> Page:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translated = _fill(page.specific.copy_for_translation(locale), content)
    _publish(translated)
    report.add(translated)
    return translated


@transaction.atomic
def default_content_load(*, pages_file: Path = DEFAULT_PAGES_FILE) -> ContentReport:
    """Create the home, get-help, stay-safe and privacy pages in every language, once.

    Pages that already exist are left exactly as they are, so an editor's changes survive
    running this again, and nothing is ever duplicated.
    """
    pages = json.loads(pages_file.read_text(encoding="utf-8"))
    locales = _ensure_locales()
    default_locale = locales[settings.LANGUAGE_CODE]
    other_locales = [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE]
    report = ContentReport()

    home = _ensure_home(pages["home"][default_locale.language_code], default_locale, report)
    for locale in other_locales:
        _ensure_translation(home, locale, pages["home"][locale.language_code], report)
    for spec in STANDARD_PAGES:
        content = pages[spec["key"]]
        page = _ensure_child(home, spec, content[default_locale.language_code], report)
        for locale in other_locales:
            _ensure_translation(page, locale, content[locale.language_code], report)
    return report


DEMO_ADMIN_EMAIL = "admin@example.org"


@transaction.atomic
def demo_admin_ensure(*, username: str = "admin", email: str = DEMO_ADMIN_EMAIL) -> str | None:
    """Create the demo superuser once; return its new password, or None if it already existed.

    Everyone signs in with an email address whose ownership is confirmed, so the demo
    admin's address is recorded as confirmed.
    """
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    user = user_model.objects.create_superuser(username=username, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return password
