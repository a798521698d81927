from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.models import Site


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    in_menu: bool
    current: bool


def site_sections(request: HttpRequest) -> list[Section]:
    """The live pages under the home page in the current language, in the editors' order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    home = site.root_page.localized
    sections = []
    for child in home.get_children().live().only("title", "url_path", "show_in_menus", "path"):
        url = child.get_url(request=request) or ""
        sections.append(
            Section(
                title=child.title,
                url=url,
                in_menu=child.show_in_menus,
                current=bool(url) and request.path.startswith(url),
            )
        )
    return sections
