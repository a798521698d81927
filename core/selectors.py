from dataclasses import dataclass, replace

from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Site

from core.pagecache import until_next_edit
from core.routes import request_site


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    in_menu: bool
    current: bool


def site_sections(request: HttpRequest) -> list[Section]:
    """The live pages under the home page in the current language, in the editors' order."""
    site = request_site(request)
    if site is None:
        return []
    key = f"sections:{site.pk}:{translation.get_language()}"
    return [
        replace(section, current=bool(section.url) and request.path.startswith(section.url))
        for section in until_next_edit(key, lambda: _sections_of(site))
    ]


def _sections_of(site: Site) -> list[Section]:
    home = site.root_page.localized
    sections = []
    for child in home.get_children().live().only("title", "url_path", "show_in_menus", "path"):
        sections.append(
            Section(
                title=child.title,
                url=child.get_url(current_site=site) or "",
                in_menu=child.show_in_menus,
                current=False,
            )
        )
    return sections
