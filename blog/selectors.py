"""Reads the blog's pages share: the live posts of an index, the archive, search, alternates."""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Func,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import formats
from wagtail.models import Page

from blog.models import BlogCategory, BlogIndexPage, BlogPage, PostSearchEntry
from core.pagecache import until_next_edit

# Longer queries add nothing a person types and only cost the full-text engine time.
MAX_QUERY_LENGTH = 100
ARCHIVE_CACHE_SECONDS = 300
MAX_TITLE_WORDS = 8
# Only words reach the full-text engine: a stray quote or bracket is FTS5 syntax on SQLite.
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ArchiveMonth:
    month: date
    count: int
    label: str  # "January 2024", in the blog's language: formatted once, when cached
    path: str  # "2024/01/", after the blog's address


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    count: int
    months: list[ArchiveMonth]


class YearMonth(Func):
    """'YYYY-MM' of a date in the database's own code: Django's TruncMonth calls back into
    Python for every row on SQLite (90 ms at 20,000 posts, against a few with strftime)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        strftime = Func(Value("%Y-%m"), *self.source_expressions, function="strftime")
        return strftime.as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection, **extra):
        to_char = Func(*self.source_expressions, Value("YYYY-MM"), function="to_char")
        return to_char.as_sql(compiler, connection)


def _for_listing(posts: QuerySet[BlogPage]) -> QuerySet[BlogPage]:
    """What a listing shows of each post: no body, categories in one query."""
    return posts.defer_streamfields().prefetch_related(
        Prefetch("categories", queryset=BlogCategory.objects.order_by("name"))
    )


def live_posts(index: BlogIndexPage) -> QuerySet[BlogPage]:
    """The index's live, public posts, newest first, with what a listing shows."""
    return _for_listing(BlogPage.objects.child_of(index).live().public()).order_by("-date", "-pk")


def posts_in_order(ids: list[int]) -> list[BlogPage]:
    """The posts with these ids (already chosen from the live ones), in the order given."""
    found = {post.pk: post for post in _for_listing(BlogPage.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def archive_months(index: BlogIndexPage) -> list[ArchiveMonth]:
    """Months that have posts, newest first, with how many: one query."""
    rows = (
        BlogPage.objects.child_of(index)
        .live()
        .public()
        .annotate(month=YearMonth("date"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    months = []
    for row in rows:
        month = date.fromisoformat(row["month"] + "-01")
        label = formats.date_format(month, "YEAR_MONTH_FORMAT")
        months.append(ArchiveMonth(month, row["count"], label, f"{month:%Y/%m}/"))
    return months


def archive_years(index: BlogIndexPage) -> list[ArchiveYear]:
    """The archive grouped by year, newest first, so a long history stays short to scan.

    Every listing shows it and it reads every post (25 ms at 20,000 posts on SQLite), so
    it is shared until the next edit, which a new post is; with the page cache off, it is
    cached for a few minutes instead, and a new post's month may appear that much later.
    """
    key = f"blog:archive:{index.pk}"
    if settings.PAGE_CACHE_SECONDS > 0:
        return until_next_edit(key, lambda: _archive_years(index))
    return cache.get_or_set(key, lambda: _archive_years(index), ARCHIVE_CACHE_SECONDS)


def _archive_years(index: BlogIndexPage) -> list[ArchiveYear]:
    years: dict[int, list[ArchiveMonth]] = {}
    for month in archive_months(index):
        years.setdefault(month.month.year, []).append(month)
    return [
        ArchiveYear(year=year, count=sum(month.count for month in months), months=months)
        for year, months in years.items()
    ]


def categories_of(index: BlogIndexPage) -> QuerySet[BlogCategory]:
    return BlogCategory.objects.filter(locale_id=index.locale_id).order_by("name")


def category_or_none(index: BlogIndexPage, slug: str) -> BlogCategory | None:
    if "\x00" in slug:  # PostgreSQL refuses to compare text holding a NUL byte
        return None
    return categories_of(index).filter(slug=slug).first()


def clean_query(raw: str) -> str:
    """The search words as typed, trimmed and capped; quotes and any script are fine.

    NUL bytes become spaces: PostgreSQL refuses text that holds one.
    """
    return " ".join(raw.replace("\x00", " ").split())[:MAX_QUERY_LENGTH].strip()


def search_post_ids(
    index: BlogIndexPage,
    query: str,
    *,
    category: BlogCategory | None = None,
    month: date | None = None,
) -> list[int]:
    """Live posts matching the words anywhere, those with every word in the title first, then
    newest: all their ids, so one query both counts and sorts them.

    On PostgreSQL the narrow search rows answer alone (PostSearchEntry); elsewhere Wagtail's
    backend does the matching (SQLite FTS5) within the listing's own queryset. The title
    test is a plain substring match: asking the backend to search the title alone made
    PostgreSQL build a text vector for every post (500 ms at 20,000).
    """
    words = WORD.findall(query)
    if not words:
        return []
    terms = " ".join(words)
    if connection.vendor == "postgresql":
        matches = _postgresql_matches(index, terms)
        category_lookup = "post__categories"
    else:
        matches = live_posts(index).order_by().search(terms, order_by_relevance=False)
        matches = matches.get_queryset()
        category_lookup = "categories"
    matches = narrowed(matches, category, month, category_lookup=category_lookup)
    in_title = Q()
    for word in words[:MAX_TITLE_WORDS]:
        in_title &= Q(title__icontains=word)
    title_rank = Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())
    ordered = matches.annotate(title_rank=title_rank).order_by("title_rank", "-date", "-pk")
    return list(ordered.values_list("pk", flat=True))


def narrowed(
    posts: QuerySet,
    category: BlogCategory | None,
    month: date | None,
    *,
    category_lookup: str = "categories",
) -> QuerySet:
    """Only the posts filed under the category and dated in the month, where either is given."""
    if category is not None:
        posts = posts.filter(**{category_lookup: category})
    if month is not None:
        posts = posts.filter(date__year=month.year, date__month=month.month)
    return posts


def _postgresql_matches(index: BlogIndexPage, terms: str) -> QuerySet[PostSearchEntry]:
    """The blog's live, public posts whose words match, through the GIN index on the narrow
    rows, with the backend's text configuration. A post under a view restriction is left
    out as Wagtail's public() would (a blog has none unless an editor adds one)."""
    from wagtail.search.backends import get_search_backend

    words = SearchQuery(terms, search_type="plain", config=get_search_backend().config)
    private = BlogPage.objects.child_of(index).not_public()
    return (
        PostSearchEntry.objects.filter(index=index, live=True, words=words)
        .exclude(post__in=private)
        .order_by()
    )


def index_alternates(
    request: HttpRequest, index: BlogIndexPage, subpath: str, category: BlogCategory | None
) -> list[dict]:
    """The same listing in every language it exists in, for hreflang links."""
    versions = index.get_translations(inclusive=True).live().select_related("locale")
    if category is not None:
        locales = set(category.get_translations(inclusive=True).values_list("locale", flat=True))
        versions = versions.filter(locale__in=locales)
    return [
        {
            "code": version.locale.language_code,
            "url": request.build_absolute_uri(version.get_url(request=request) + subpath),
        }
        for version in versions
    ]


def post_translations(page: BlogPage) -> QuerySet[Page]:
    """The post's live versions in other languages."""
    return page.get_translations().live().select_related("locale").order_by("locale")
