"""RSS for the blog and for each category: live, public posts of one language."""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from blog import selectors
from blog.models import BlogCategory, BlogIndexPage, BlogPage

FEED_LENGTH = 20


class PostsFeed(Feed):
    def __init__(self, *, index: BlogIndexPage, category_slug: str | None = None) -> None:
        super().__init__()
        self.index = index
        self.category_slug = category_slug
        self.request: HttpRequest | None = None

    def get_object(self, request: HttpRequest, *args, **kwargs) -> BlogCategory | None:
        self.request = request
        self.language = self.index.locale.language_code
        if self.category_slug is None:
            return None
        category = selectors.category_or_none(self.index, self.category_slug)
        if category is None:
            raise Http404("No such category")
        return category

    def title(self, category: BlogCategory | None) -> str:
        if category is None:
            return self.index.title
        return f"{self.index.title}: {category.name}"

    def link(self, category: BlogCategory | None) -> str:
        url = self.index.get_url(request=self.request)
        return f"{url}category/{category.slug}/" if category else url

    def description(self, category: BlogCategory | None) -> str:
        return self.index.intro or _("News and stories")

    def items(self, category: BlogCategory | None):
        posts = selectors.live_posts(self.index)
        if category is not None:
            posts = posts.filter(categories=category)
        return posts[:FEED_LENGTH]

    def item_title(self, item: BlogPage) -> str:
        return item.title

    def item_description(self, item: BlogPage) -> str:
        return item.summary

    def item_link(self, item: BlogPage) -> str:
        return item.get_url(request=self.request)

    def item_pubdate(self, item: BlogPage) -> datetime:
        return datetime.combine(item.date, time.min, tzinfo=UTC)

    def item_author_name(self, item: BlogPage) -> str:
        return item.author

    def item_categories(self, item: BlogPage) -> list[str]:
        return [category.name for category in item.categories.all()]
