from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Refresh the query planner's statistics (SQLite: a bounded ANALYZE; PostgreSQL: "
        "VACUUM ANALYZE, which also folds new search-index entries into their GIN indexes)."
    )

    def handle(self, *args, **options) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Without statistics SQLite plans a full-text search by scanning every index
                # entry and matching each one (hundreds of ms at 20,000 posts); with them, a
                # few ms. PRAGMA optimize skips tables never analysed, hence ANALYZE, bounded.
                cursor.execute("PRAGMA analysis_limit=1000")
                cursor.execute("ANALYZE")
            else:
                # New search-index entries wait in each GIN index's pending list, which
                # every search reads in full until a VACUUM folds them in: after 20,000 new
                # posts a broad search took 44 ms, and 33 ms once vacuumed.
                cursor.execute("VACUUM (ANALYZE)")
