from django.core.management.base import BaseCommand

from core.services import DEMO_ADMIN_EMAIL, demo_admin_ensure


class Command(BaseCommand):
    help = "Create the demo admin account once and print its generated password that one time."

    def handle(self, *args, **options) -> None:
        password = demo_admin_ensure()
        if password is None:
            self.stdout.write(
                "Demo admin 'admin' already exists (its password was shown when created)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Demo admin created. Sign in at /admin/ with\n"
                f"  email:    {DEMO_ADMIN_EMAIL}\n  password: {password}\n"
                "This password is shown only now. The first visit asks you to set up an\n"
                "authenticator app (any TOTP app), as staff must sign in in two steps."
            )
        )
