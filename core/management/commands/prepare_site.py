from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Everything the site needs before it serves: migrate, compile, collect, seed, admin."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-demo-admin",
            action="store_true",
            help="Do not create the demo admin account (production).",
        )

    def handle(self, *args, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("compile_translations", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_default_content")
        call_command("optimize_database")
        if not options["no_demo_admin"]:
            call_command("ensure_demo_admin")
