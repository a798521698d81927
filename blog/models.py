"""The blog: an index page that lists, filters and searches posts, and the posts themselves."""

import math

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from blog.blocks import PostBodyBlock
from core.models import SharedPrivacyMixin

WORDS_PER_MINUTE = 200


def reading_minutes(text: str) -> int:
    """Minutes an adult needs to read the text at a steady pace, never less than one."""
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


@register_snippet
class BlogCategory(TranslatableMixin, models.Model):
    """A topic posts are filed under; each language has its own name, the slug is shared."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, allow_unicode=True, help_text=_("The last part of its address.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name


class BlogIndexPage(SharedPrivacyMixin, RoutablePageMixin, Page):
    """/blog/: the newest posts, category pages, monthly archives, search and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog")

    @path("")
    def listing_view(self, request: HttpRequest) -> HttpResponse:
        from blog import views

        return views.listing(request, self)

    @path("category/<str:slug>/")
    def category_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        from blog import views

        return views.listing(request, self, category_slug=slug)

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$")
    def archive_view(self, request: HttpRequest, year: str, month: str) -> HttpResponse:
        from blog import views

        return views.listing(request, self, year=int(year), month=int(month))

    @path("feed/")
    def feed_view(self, request: HttpRequest) -> HttpResponse:
        from blog import feeds

        return feeds.PostsFeed(index=self)(request)

    @path("category/<str:slug>/feed/")
    def category_feed_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        from blog import feeds

        return feeds.PostsFeed(index=self, category_slug=slug)(request)


class BlogPage(SharedPrivacyMixin, Page):
    date = models.DateField(_("post date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences, shown in the listing and in feeds.")
    )
    author = models.CharField(
        _("author line"), max_length=120, blank=True, help_text=_("For example: Policy team.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    body = StreamField(PostBodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        BlogCategory, blank=True, related_name="posts", verbose_name=_("categories")
    )
    is_demo = models.BooleanField(
        _("demo post"),
        default=False,
        help_text=_(
            "Sample content shipped with Lodestar. `manage.py delete_demo_posts` removes them all."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        FieldPanel("categories"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("is_demo")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        # Listings walk posts newest first; with this they stop after one page of rows.
        indexes = [models.Index(fields=["date"], name="blog_post_date")]

    def clean(self) -> None:
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": _("Describe the image for screen readers.")})

    def plain_text(self) -> str:
        """Everything a reader reads: summary, text, quotes, captions and video transcripts."""
        parts = [self.summary]
        for block in self.body:
            value = block.value
            if block.block_type == "text":
                parts.append(strip_tags(value.source))
            elif block.block_type == "quote":
                parts.append(value["quote"])
            elif block.block_type == "image":
                parts.append(value["caption"])
            elif block.block_type == "video":
                parts.extend(value["transcript"])
        return " ".join(parts)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.plain_text())

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from blog import selectors

        context = super().get_context(request, *args, **kwargs)
        blog = self.get_parent().specific
        context["blog"] = blog
        context["blog_url"] = blog.get_url(request=request)
        context["categories"] = self.categories.order_by("name")
        context["translations"] = selectors.post_translations(self)
        return context


class PostSearchEntry(models.Model):
    """A post's search words beside what a search filters and sorts on, in one narrow row.

    Kept on PostgreSQL only, by the search backend in blog.search_backend, whenever Wagtail
    indexes a post. Wagtail's own index holds the words of every page type in wide rows
    keyed by text, so a search for a common word joined 17,000 of them to the pages and
    posts (130 ms at 20,000 posts); here one GIN index finds the rows and the same rows say
    which blog, whether live, which date and which title. Other databases leave it empty.
    """

    post = models.OneToOneField(
        BlogPage, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    index = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")  # the blog
    live = models.BooleanField()
    date = models.DateField()
    title = models.CharField(max_length=255)
    words = SearchVectorField()  # Wagtail's title and body vectors, joined

    def __str__(self) -> str:
        return self.title
