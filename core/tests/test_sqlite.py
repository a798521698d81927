"""SQLite, the embedded default, must not fail when two processes write at once."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

WRITER = """
import django, os, sys
django.setup()
from django.db import connection, transaction
rounds = int(sys.argv[1])
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER)")
for _ in range(rounds):
    # Read, then write, in one transaction: the pattern that fails with
    # "database is locked" when SQLite transactions are deferred.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM counter WHERE name = 'hits'")
            row = cursor.fetchone()
            if row is None:
                cursor.execute("INSERT INTO counter VALUES ('hits', 1)")
            else:
                cursor.execute("UPDATE counter SET value = %s WHERE name = 'hits'", [row[0] + 1])
print("done")
"""

PRAGMAS = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    print(cursor.execute("PRAGMA journal_mode").fetchone()[0])
    print(cursor.execute("PRAGMA busy_timeout").fetchone()[0])
"""


def sqlite_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "lodestar.settings"
    return env


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PRAGMAS],
        cwd=settings.BASE_DIR,
        env=sqlite_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


def test_two_processes_writing_at_once_both_succeed(tmp_path):
    rounds = 300
    env = sqlite_env(tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(rounds)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [writer.communicate(timeout=120) for writer in writers]

    for writer, (stdout, stderr) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, stderr
        assert stdout.strip() == "done"
    import sqlite3

    with sqlite3.connect(tmp_path / "shared.sqlite3") as check:
        assert check.execute("SELECT value FROM counter").fetchone()[0] == 2 * rounds
