"""Site chrome and safety: the home page, simple editable pages, hotline and quick exit."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.pagecache import until_next_edit

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class SharedPrivacyMixin:
    """Wagtail looks up a page's privacy rules, two queries, each time it serves the page.
    Whether there are any is shared until the next edit (saving a rule is one); a page
    with rules gets them from the database as before."""

    def get_view_restrictions(self):
        restrictions = super().get_view_restrictions
        if until_next_edit(f"has-view-restrictions:{self.pk}", lambda: restrictions().exists()):
            return restrictions()
        return PageViewRestriction.objects.none()


class HomePage(SharedPrivacyMixin, Page):
    """The front door: what the site offers, leading to the course and the blog."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(SharedPrivacyMixin, Page):
    """An editable page of text: get help, stay safe, privacy and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    show_hotline = models.BooleanField(
        _("show the hotline panel"),
        default=False,
        help_text=_("Show the hotline's call, text and chat options above the body."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("show_hotline"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="help")
class HotlineSettings(BaseGenericSetting):
    """The hotline shown in the banner on every page."""

    name = models.CharField(
        _("hotline name"), max_length=120, default="National Human Trafficking Hotline"
    )
    name_es = models.CharField(
        _("hotline name in Spanish"),
        max_length=120,
        default="Línea Nacional contra la Trata de Personas",
        help_text=_("Shown on Spanish pages. Leave empty to show the name above."),
        blank=True,
    )
    call_number = models.CharField(_("phone number"), max_length=40, default="1-888-373-7888")
    text_keyword = models.CharField(_("text keyword"), max_length=40, default="BeFree")
    text_number = models.CharField(_("text number"), max_length=40, default="233733")
    chat_url = models.URLField(
        _("chat link"), blank=True, default="https://humantraffickinghotline.org/"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_es"),
        MultiFieldPanel(
            [
                FieldPanel("call_number"),
                FieldPanel("text_keyword"),
                FieldPanel("text_number"),
                FieldPanel("chat_url"),
            ],
            heading=_("Ways to reach the hotline"),
        ),
    ]

    class Meta:
        verbose_name = _("hotline")

    @property
    def local_name(self) -> str:
        """The name in the language of the page being shown."""
        if translation.get_language() == "es" and self.name_es:
            return self.name_es
        return self.name

    @property
    def call_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.call_number if ch.isdigit() or ch == "+")

    @property
    def text_href(self) -> str:
        return f"sms:{self.text_number}?body={self.text_keyword}"


@register_setting(icon="logout")
class QuickExitSettings(BaseGenericSetting):
    """Where the quick exit control sends a visitor."""

    destination_url = models.URLField(
        _("quick exit destination"),
        default="https://weather.com/",
        help_text=_("A neutral website that raises no questions if someone sees it."),
    )

    class Meta:
        verbose_name = _("quick exit")
