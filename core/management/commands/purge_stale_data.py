from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.services import unverified_accounts_purge
from organizations.services import stale_links_purge


class Command(BaseCommand):
    help = "Delete unconfirmed sign-ups and invite links that stopped working (run it daily)."

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        accounts = unverified_accounts_purge(
            joined_before=now - timedelta(days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS)
        )
        links = stale_links_purge(
            ended_before=now - timedelta(days=settings.RETENTION_ENDED_LINK_DAYS)
        )
        self.stdout.write(f"Deleted {accounts} unconfirmed accounts and {links} ended links.")
