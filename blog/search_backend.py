"""Wagtail's database search backend; on PostgreSQL it also keeps each post's narrow search row.

Settings name this module as the backend. On SQLite (and any other database) it is
Wagtail's own backend unchanged. On PostgreSQL, whenever Wagtail indexes posts (its index
task after a save, `update_index`, `add_bulk`), their new index entries are copied into
blog.PostSearchEntry with the post's blog, live flag, date and title. Publishing,
unpublishing and moving a post also rewrite its row immediately after the change is
saved, then empty the page cache: the task may run later (in production the task worker
runs it), and until then only the words of an existing row may be out of date, as in
Wagtail's own index; a post published for the first time has no row until the task runs.
A deleted post's row goes with it (the foreign key cascades).
"""

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
)

from core.pagecache import page_cache_purge

# Wagtail's vectors are copied rather than built again, so both searches read the same
# words with the same text configuration and weights. A post's blog is its parent: the
# page whose path is the post's without its last step. Migration 0003 holds a frozen copy.
COPY_ENTRIES = """
INSERT INTO {entry} (post_id, index_id, live, date, title, words)
SELECT page.id, parent.id, page.live, post.date, page.title, indexed.title || indexed.body
FROM {page} page
JOIN {post} post ON post.page_ptr_id = page.id
JOIN {page} parent ON parent.path = left(page.path, -%(steplen)s)
JOIN {indexed} indexed
  ON indexed.content_type_id = %(content_type)s AND indexed.object_id = page.id::text
WHERE page.id = ANY(%(ids)s)
ON CONFLICT (post_id) DO UPDATE SET
  index_id = EXCLUDED.index_id, live = EXCLUDED.live, date = EXCLUDED.date,
  title = EXCLUDED.title, words = EXCLUDED.words
"""


def copy_post_entries(
    model: type, post_ids: list[int], connection: BaseDatabaseWrapper = default_connection
) -> None:
    """Write (or rewrite) the narrow search rows of these posts from Wagtail's index, where
    it has an entry for them under the model's content type."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from blog.models import BlogPage, PostSearchEntry

    if not post_ids:
        return
    sql = COPY_ENTRIES.format(
        entry=PostSearchEntry._meta.db_table,
        page=Page._meta.db_table,
        post=BlogPage._meta.db_table,
        indexed=IndexEntry._meta.db_table,
    )
    params = {
        "steplen": Page.steplen,
        "content_type": ContentType.objects.get_for_model(model).pk,
        "ids": post_ids,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class PostgresPostIndex(PostgresIndex):
    def add_items(self, model, objs) -> None:
        super().add_items(model, objs)
        from blog.models import BlogPage

        if issubclass(model, BlogPage):
            copy_post_entries(model, [obj.pk for obj in objs], self.write_connection)


class PostgresPostSearchBackend(PostgresSearchBackend):
    index_class = PostgresPostIndex


def SearchBackend(params: dict):  # the name Wagtail looks for in a backend's module
    """Wagtail's database backend for this database, with the post rows on PostgreSQL."""
    if default_connection.vendor == "postgresql":
        return PostgresPostSearchBackend(params)
    return database_backend(params)


def post_rows_follow_edits() -> None:
    """Publish, unpublish and move rewrite a post's row at once. Called from BlogConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_post_row_rewrite, dispatch_uid=f"post_search_row:{id(signal)}")


def _post_row_rewrite(instance, **kwargs) -> None:
    """The site's own purge answers the same signal, but before this runs: a search stored
    in between would keep the old row, so the page cache is emptied again once it is new."""
    from blog.models import BlogPage

    model = instance.specific_class
    if default_connection.vendor == "postgresql" and model and issubclass(model, BlogPage):
        copy_post_entries(model, [instance.pk])
        page_cache_purge()
