"""The blog's listing pages. BlogIndexPage routes here; selectors do the reading."""

import re
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from blog import selectors
from blog.models import BlogCategory, BlogIndexPage
from core.pagecache import until_next_edit
from core.ratelimit import rate_limit_exceeded

POSTS_PER_PAGE = 10
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def _paginate(request: HttpRequest, posts):
    """The requested page; past the end gives the last page, anything not a page number a 404."""
    number = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(number) or int(number) < 1:
        raise Http404("No such page")
    paginator = Paginator(posts, POSTS_PER_PAGE)
    return paginator.page(min(int(number), paginator.num_pages))


def _page_url(path: str, query: str, number: int) -> str:
    """Page 1 is the listing itself, so it has one address only."""
    params = {"q": query} if query else {}
    if number > 1:
        params["page"] = number
    return f"{path}?{urlencode(params)}" if params else path


def _page_links(path: str, query: str, page_of_posts) -> dict:
    """Previous, next and the page numbers around the current one, with their addresses."""
    paginator = page_of_posts.paginator
    numbers = paginator.get_elided_page_range(page_of_posts.number, on_each_side=2, on_ends=1)
    return {
        "previous": (
            _page_url(path, query, page_of_posts.previous_page_number())
            if page_of_posts.has_previous()
            else None
        ),
        "next": (
            _page_url(path, query, page_of_posts.next_page_number())
            if page_of_posts.has_next()
            else None
        ),
        "numbers": [
            {
                "number": number,
                "url": None if number == paginator.ELLIPSIS else _page_url(path, query, number),
                "current": number == page_of_posts.number,
            }
            for number in numbers
        ],
    }


def _sidebar(
    index: BlogIndexPage, index_url: str, category: BlogCategory | None, month: date | None
) -> str:
    """Categories, the archive and the feeds: the same on every listing of one category or
    month (a search's too), and with years of monthly links the costliest part of a listing
    to render, so rendered once per edit."""

    def render() -> str:
        context = {
            "categories": selectors.categories_of(index),
            "archive": selectors.archive_years(index),
            "open_year": month.year if month else None,
            "archive_month": month,
            "category": category,
            "blog_url": index_url,
            "feeds": _feeds(index_url, category),
        }
        return render_to_string("blog/sidebar.html", context)

    key = f"blog-sidebar:{get_language()}:{index.pk}:{index_url}:{category and category.pk}:{month}"
    return until_next_edit(key, render)  # kept as rendered: safe HTML


def _feeds(index_url: str, category: BlogCategory | None) -> list[dict]:
    feeds = [{"title": _("All posts (RSS)"), "url": f"{index_url}feed/"}]
    if category is not None:
        feeds.append(
            {
                "title": _("Posts in %(category)s (RSS)") % {"category": category.name},
                "url": f"{index_url}category/{category.slug}/feed/",
            }
        )
    return feeds


def _canonical_url(request: HttpRequest, number: int) -> str:
    """The listing's own address: page 1 has no ?page=, and a search is not canonical."""
    url = request.build_absolute_uri(request.path)
    return f"{url}?page={number}" if number > 1 else url


def _archive_month(year: int | None, month: int | None) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, 1)
    except ValueError as error:
        raise Http404("No such month") from error


def _too_many_searches(request: HttpRequest) -> bool:
    """Searching costs the database far more than a listing: each address has a budget."""
    return rate_limit_exceeded(request, scope="search", limit=settings.SEARCH_RATE, window=60)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def listing(
    request: HttpRequest,
    index: BlogIndexPage,
    *,
    category_slug: str | None = None,
    year: int | None = None,
    month: int | None = None,
) -> HttpResponse:
    """Newest posts; or one category's, or one month's; optionally only those matching ?q=."""
    archive_month = _archive_month(year, month)
    category = None
    if category_slug is not None:
        category = selectors.category_or_none(index, category_slug)
        if category is None:
            raise Http404("No such category")
    query = selectors.clean_query(request.GET.get("q", ""))
    if query and _too_many_searches(request):
        return _too_many(request)
    # Page through post ids only: sorting narrow rows stays in memory even when a search
    # matches every post; the page's ten posts are then read in full. A search reads its
    # ids in one go: counting them and then sorting them would match every post twice.
    if query:
        ids = selectors.search_post_ids(index, query, category=category, month=archive_month)
    else:
        posts = selectors.narrowed(selectors.live_posts(index), category, archive_month)
        ids = posts.values_list("pk", flat=True)
    page_of_posts = _paginate(request, ids)
    page_of_posts.object_list = selectors.posts_in_order(list(page_of_posts.object_list))
    if archive_month is not None and not page_of_posts.object_list:
        raise Http404("No posts that month")
    index_url = index.get_url(request=request)
    subpath = request.path[len(index_url) :] if request.path.startswith(index_url) else ""
    return render(
        request,
        "blog/blog_index_page.html",
        {
            "page": index,
            "self": index,
            "posts": page_of_posts,
            "pages": _page_links(request.path, query, page_of_posts),
            "category": category,
            "archive_month": archive_month,
            "query": query,
            "listing_url": request.path,
            "sidebar": _sidebar(index, index_url, category, archive_month),
            "alternates": selectors.index_alternates(request, index, subpath, category),
            "blog_url": index_url,
            "feeds": _feeds(index_url, category),
            "canonical_url": _canonical_url(request, page_of_posts.number),
        },
    )
