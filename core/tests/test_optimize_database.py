import pytest
from django.core.management import call_command
from django.db import connection


# VACUUM runs outside any transaction, so the test's own changes are committed.
@pytest.mark.django_db(transaction=True)
def test_optimize_database_gives_the_planner_statistics():
    call_command("optimize_database")

    table = "sqlite_stat1" if connection.vendor == "sqlite" else "pg_stats"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a fixed name)
        assert cursor.fetchone()[0] > 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_optimize_database_vacuums_the_search_index_on_postgresql(require_postgresql):
    call_command("optimize_database")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'wagtailsearch_indexentry'"
        )
        assert cursor.fetchone()[0] is not None
