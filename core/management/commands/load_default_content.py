from django.core.management.base import BaseCommand

from blog.content import default_blog_load
from core.services import default_content_load
from learning.content import default_course_load


class Command(BaseCommand):
    help = "Create the default pages, the course and the demo blog in every language, once."

    def handle(self, *args, **options) -> None:
        created = default_content_load().created + default_course_load() + default_blog_load()
        for url_path in created:
            self.stdout.write(f"created {url_path}")
        if not created:
            self.stdout.write("default content already present; nothing changed")
