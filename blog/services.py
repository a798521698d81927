"""Writes for the blog."""

from django.db import transaction

from blog.models import BlogPage


@transaction.atomic
def demo_posts_delete() -> int:
    """Delete every demo post in every language, with its revisions; return how many went.

    Pages are deleted one by one so that Wagtail's own clean-up runs (search index,
    tree counts, logs). Categories stay: editors file their own posts under them.
    """
    deleted = 0
    for post in BlogPage.objects.filter(is_demo=True).order_by("-depth", "path"):
        post.delete()
        deleted += 1
    return deleted
