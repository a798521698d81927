from django.core.management.base import BaseCommand

from blog.services import demo_posts_delete


class Command(BaseCommand):
    help = "Delete the demo blog posts shipped with Lodestar, in every language."

    def handle(self, *args, **options) -> None:
        deleted = demo_posts_delete()
        self.stdout.write(f"deleted {deleted} demo posts")
