from django.core.management.base import BaseCommand

from core.services import default_content_load
from learning.content import default_course_load


class Command(BaseCommand):
    help = "Create the default pages and the default course in every language, once."

    def handle(self, *args, **options) -> None:
        created = default_content_load().created + default_course_load()
        for url_path in created:
            self.stdout.write(f"created {url_path}")
        if not created:
            self.stdout.write("default content already present; nothing changed")
