from django.core.management.base import BaseCommand

from core.services import default_content_load


class Command(BaseCommand):
    help = "Create the default pages (home, get help, stay safe, privacy) in every language, once."

    def handle(self, *args, **options) -> None:
        report = default_content_load()
        if report.created:
            for url_path in report.created:
                self.stdout.write(f"created {url_path}")
        else:
            self.stdout.write("default content already present; nothing changed")
