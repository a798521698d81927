"""Benchmark the blog with many posts: `python -m bench.blog [--posts N] [--rounds R]`.

On a throwaway database (as bench.learning: SQLite in a temporary folder, or the
PostgreSQL database named by BENCH_DATABASE_URL, which it empties first), loads the
default content, then adds N posts in bulk: tree paths are computed here and rows
inserted in batches rather than through add_child one page at a time. The posts are
indexed with the configured Wagtail search backend (SQLite FTS5 or PostgreSQL
full-text). It then measures through Django's test client: search (?q=) over about 50
varied queries, each a page-cache miss with the shared chrome warm; the blog index, a deep
page, a category and a monthly archive. Prints median and 95th-percentile server time
and queries per request.
"""

import json
import random
import re
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as day_time

from bench.learning import benchmark, measure

BATCH = 2000
QUERIES = [
    # common words in titles and bodies
    "trafficking",
    "debt",
    "labor",
    "housing",
    "hotline",
    "survivor",
    "social media",
    "domestic work",
    "visa",
    "massage",
    "recruitment",
    "foster care",
    "control",
    "myth",
    "school",
    "hotel",
    "phone",
    "coercion",
    "consent",
    "prevention",
    # several words, phrases, rarer terms
    "debt bondage",
    "forced labour",
    "false job offer",
    "trauma bonds",
    "Palermo Protocol",
    "action means purpose",
    "identity documents",
    "recruitment fees",
    "minor commercial sex",
    "traveling sales crew",
    "National Human Trafficking Hotline",
    "BeFree",
    "Typology",
    "illicit massage business",
    "temporary visa workers",
    "runaway youth",
    "LGBTQ youth",
    # Spanish, accents, punctuation, nothing to find
    "trata",
    "niñez",
    "línea",
    '"debt bondage"',
    "debt's",
    "(control)",
    "zebra",
    "qwertyuiop",
    "a",
    "the and of",
    "x" * 100,
    "1-888-373-7888",
]


def corpus() -> tuple[list[str], list[str]]:
    """Sentences and title words from the demo posts, so generated text reads like posts."""
    from blog.content import POSTS_FILE

    posts = json.loads(POSTS_FILE.read_text(encoding="utf-8"))["posts"]
    sentences, title_words = [], []
    for post in posts:
        text = re.sub(r"<[^>]+>", " ", post["en"]["body"])
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]
        title_words += re.findall(r"[A-Za-z][A-Za-z'+-]+", post["en"]["title"])
    return sentences, title_words


def _step_path(parent_path: str, depth: int, step: int) -> str:
    from blog.models import BlogPage

    return BlogPage._get_path(parent_path, depth, step)


def generate(count: int) -> None:
    """Insert count live posts under the English blog, in bulk, with one to three categories."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from blog.models import BlogCategory, BlogIndexPage, BlogPage

    rng = random.Random(5)  # noqa: S311 (the same made-up posts every run)  # nosec B311
    sentences, title_words = corpus()
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    categories = list(BlogCategory.objects.filter(locale=blog.locale).values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(BlogPage)
    last = blog.get_last_child()
    first_step = (int(last.path[-BlogPage.steplen :], 36) if last else 0) + 1
    now = timezone.now()
    start_day = date(2012, 1, 1)
    span = (date(2026, 10, 31) - start_day).days
    table = BlogPage._meta.db_table
    through = BlogPage.categories.through
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        pages, details = [], []
        for n in range(offset, offset + size):
            words = rng.sample(title_words, rng.randint(3, 7))
            title = " ".join(words).capitalize() + f" {n}"
            slug = f"post-{n}"
            day = start_day + timedelta(days=rng.randrange(span))
            published = timezone.make_aware(datetime.combine(day, day_time(9)))
            pages.append(
                Page(
                    content_type=content_type,
                    path=_step_path(blog.path, blog.depth + 1, first_step + n),
                    depth=blog.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{blog.url_path}{slug}/",
                    locale_id=blog.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=now,
                )
            )
            body = "".join(f"<p>{rng.choice(sentences)}</p>" for _ in range(rng.randint(4, 9)))
            details.append(
                (
                    day,
                    rng.choice(sentences),
                    "Bench team",
                    "",
                    json.dumps([{"type": "text", "value": body, "id": str(uuid.uuid4())}]),
                    False,
                    rng.sample(categories, rng.randint(1, 3)),
                )
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (page_ptr_id, date, summary, author, "  # noqa: S608  # nosec B608
                    "hero_image_alt, body, is_demo) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [(page.pk, *row[:6]) for page, row in zip(created, details, strict=True)],
                )
            through.objects.bulk_create(
                [
                    through(blogpage_id=page.pk, blogcategory_id=category)
                    for page, row in zip(created, details, strict=True)
                    for category in row[6]
                ]
            )
    Page.objects.filter(pk=blog.pk).update(numchild=blog.get_children().count())


def index_posts() -> None:
    from wagtail.search.backends import get_search_backend

    from blog.models import BlogPage

    backend = get_search_backend()
    ids = list(BlogPage.objects.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(ids), BATCH):
        backend.add_bulk(
            BlogPage, list(BlogPage.objects.filter(pk__in=ids[offset : offset + BATCH]))
        )


def build(posts: int) -> None:
    import os

    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_default_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"default content (with 40 demo posts): {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    generate(posts)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    index_posts()
    indexed = time.perf_counter() - started
    call_command("optimize_database")  # as prepare_site and the cron line in the README do
    from blog.models import BlogPage

    print(
        f"data: {BlogPage.objects.count()} posts; generated in {generated:.1f} s, "
        f"indexed in {indexed:.1f} s"
    )


def run(rounds: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from blog import selectors
    from blog.models import BlogCategory, BlogIndexPage

    blog = BlogIndexPage.objects.get(locale__language_code="en")
    client = Client()
    client.get("/blog/")

    def get(path: str, params: dict | None = None):
        def action() -> None:
            response = client.get(path, params or {})
            if response.status_code != 200:
                raise RuntimeError(f"{path} {params} answered {response.status_code}")

        return action

    timings, queries, found = [], [], []
    # As in production: the page cache on, so the chrome every page shares is warm, yet
    # each measured search is a new address (`n` changes nothing else), which the page
    # cache cannot answer: what a search nobody asked before costs.
    with override_settings(PAGE_CACHE_SECONDS=300):
        for n, query in enumerate(QUERIES):
            client.get("/blog/", {"q": query, "n": f"warm-{n}"})
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/blog/", {"q": query, "n": n})
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
            if response.status_code != 200:
                raise RuntimeError(f"search {query!r} answered {response.status_code}")
            found.append(len(selectors.search_post_ids(blog, selectors.clean_query(query))))
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    label = f"search, {len(QUERIES)} queries"
    print(
        f"{label:<34} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms   "
        f"max {timings[-1]:6.1f} ms   queries {statistics.median(queries):.0f}   "
        f"(posts matched: median {statistics.median(found):.0f}, max {max(found)})"
    )
    category = BlogCategory.objects.filter(locale__language_code="en").first()
    measure("blog index /blog/", get("/blog/"), rounds)
    measure("blog index, page 1000", get("/blog/", {"page": "1000"}), rounds)
    measure(f"category /{category.slug}/", get(f"/blog/category/{category.slug}/"), rounds)
    measure("archive /blog/2020/06/", get("/blog/2020/06/"), rounds)
    measure("search in a category", get(f"/blog/category/{category.slug}/", {"q": "debt"}), rounds)
    measure("RSS /blog/feed/", get("/blog/feed/"), rounds)


if __name__ == "__main__":
    sys.exit(benchmark(__doc__, build, run, size_name="posts", size=20_000, rounds=30))
