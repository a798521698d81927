from django.core.management import call_command
from django.db import connection


def test_optimize_database_gives_the_planner_statistics(db):
    call_command("optimize_database")

    table = "sqlite_stat1" if connection.vendor == "sqlite" else "pg_stats"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a fixed name)
        assert cursor.fetchone()[0] > 0
