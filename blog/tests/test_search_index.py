"""Search keeps up with editors: publish, edit, unpublish, move, delete, restrict, rebuild.

On PostgreSQL each of these goes through the narrow search rows (blog.PostSearchEntry)
that blog.search_backend keeps beside Wagtail's index; on SQLite through Wagtail's own.
"""

from importlib import import_module
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import PostSearchEntry
from blog.selectors import search_post_ids
from blog.tests.helpers import make_post
from blog.tests.test_listing import titles


def found(client, words: str = "lighthouse", url: str = "/blog/") -> list[str]:
    return titles(client.get(url, {"q": words}))


def test_a_published_post_is_found_and_an_edited_one_by_its_new_words(client, blog):
    post = make_post(blog, "Lighthouse keepers")
    assert found(client) == ["Lighthouse keepers"]

    post.title = "Harbour pilots"
    post.save_revision().publish()

    assert found(client) == []
    assert found(client, "harbour") == ["Harbour pilots"]


def test_a_draft_of_an_edit_changes_nothing_until_it_is_published(client, blog):
    post = make_post(blog, "Lighthouse keepers")

    post.title = "Harbour pilots"
    post.save_revision()

    assert found(client) == ["Lighthouse keepers"]
    assert found(client, "harbour") == []


def test_an_unpublished_post_is_no_longer_found(client, blog):
    post = make_post(blog, "Lighthouse keepers")

    post.unpublish()

    assert found(client) == []


def test_a_deleted_post_is_no_longer_found(client, blog):
    make_post(blog, "Lighthouse keepers").delete()

    assert found(client) == []


def test_a_post_moved_to_another_blog_is_found_there_only(client, blog, spanish_blog):
    post = make_post(blog, "Lighthouse keepers")

    post.move(spanish_blog, pos="last-child")

    assert found(client) == []
    assert found(client, url="/es/blog/") == ["Lighthouse keepers"]


def test_a_post_behind_a_view_restriction_is_not_found(client, blog):
    hidden = make_post(blog, "Lighthouse keepers, for members")
    make_post(blog, "Lighthouse keepers")

    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )

    assert found(client) == ["Lighthouse keepers"]


def test_a_blog_behind_a_view_restriction_finds_nothing(client, blog):
    make_post(blog, "Lighthouse keepers")

    PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )

    assert search_post_ids(blog, "lighthouse") == []


def test_rebuilding_the_whole_index_keeps_every_post_findable(client, blog):
    make_post(blog, "Lighthouse keepers")
    make_post(blog, "Harbour pilots", text="<p>A lighthouse in the story.</p>")

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert found(client) == ["Lighthouse keepers", "Harbour pilots"]


@pytest.mark.postgres_only
def test_on_postgresql_a_search_reads_the_narrow_rows_alone(blog):
    post = make_post(blog, "Lighthouse keepers")

    with CaptureQueriesContext(connection) as captured:
        ids = search_post_ids(blog, "lighthouse")

    assert ids == [post.pk]
    (search,) = [query["sql"] for query in captured if "@@" in query["sql"]]
    assert "blog_postsearchentry" in search
    # Joining Wagtail's index entries or the page tree is what cost 130 ms at 20,000 posts.
    assert "wagtailsearch_indexentry" not in search
    assert "wagtailcore_page" not in search


@pytest.mark.postgres_only
def test_migrating_gives_posts_indexed_before_the_narrow_rows_existed_their_rows(client, blog):
    make_post(blog, "Lighthouse keepers")
    PostSearchEntry.objects.all().delete()  # as a site had it before migration 0003
    assert found(client) == []
    migration = import_module("blog.migrations.0003_post_search_entry")

    with connection.schema_editor() as schema_editor:
        migration.fill_rows(apps, schema_editor)

    assert found(client) == ["Lighthouse keepers"]


@pytest.mark.postgres_only
def test_rebuilding_the_whole_index_writes_every_post_s_row_again(client, blog):
    make_post(blog, "Lighthouse keepers")
    PostSearchEntry.objects.all().delete()

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert found(client) == ["Lighthouse keepers"]


def index_task_not_run_yet():
    """As in production, where the task worker indexes a saved page some time later."""
    return mock.patch("modelsearch.signal_handlers.insert_or_update_object_task")


def test_an_unpublished_post_leaves_search_before_the_index_task_runs(client, blog):
    post = make_post(blog, "Lighthouse keepers")

    with index_task_not_run_yet():
        post.unpublish()

        assert found(client) == []


def test_a_republished_post_returns_to_search_before_the_index_task_runs(client, blog):
    post = make_post(blog, "Lighthouse keepers")
    post.unpublish()

    with index_task_not_run_yet():
        post.get_latest_revision().publish()

        assert found(client) == ["Lighthouse keepers"]


def test_a_moved_post_is_found_in_its_new_blog_before_the_index_task_runs(
    client, blog, spanish_blog
):
    post = make_post(blog, "Lighthouse keepers")

    with index_task_not_run_yet():
        post.move(spanish_blog, pos="last-child")

        assert found(client) == []
        assert found(client, url="/es/blog/") == ["Lighthouse keepers"]


@pytest.mark.postgres_only
def test_the_page_cache_is_emptied_once_the_row_is_rewritten(blog):
    post = make_post(blog, "Lighthouse keepers")
    live_when_emptied = []

    def purge() -> None:
        live_when_emptied.append(PostSearchEntry.objects.get(pk=post.pk).live)

    with index_task_not_run_yet(), mock.patch("blog.search_backend.page_cache_purge", purge):
        post.unpublish()

    # Emptied before the rewrite, a search stored in between would keep the post listed.
    assert live_when_emptied == [False]
