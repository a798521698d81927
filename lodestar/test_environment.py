"""Loaded by pytest (`-p lodestar.test_environment`) before Django reads its settings.

Tests talk plain HTTP to the test client, so the HTTPS-only behaviour (redirects,
secure cookies) is off unless a test turns it on; everything else is the same
settings.py that production loads.
"""

import os
import re
import tempfile

os.environ.setdefault("HTTPS", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # A parallel worker inherits the environment of the run that started it: its own
    # folder, so that the file-based page cache and uploads are not shared with another.
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="lodestar-test-")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="lodestar-test-"))
# Unhashed static names served straight from the source folders, so a stale
# collectstatic output can never stand in for the files under test. The hashed,
# compressed production storage is exercised by e2e/test_run_command.py.
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="lodestar-static-"))
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# No page cache, so a test that edits content between two requests needs no purge;
# core/tests/test_page_cache.py turns it on and tests it, with every public page type.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# browser tests between page actions are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def _redis_database_per_worker() -> None:
    """Parallel test workers (pytest-xdist) each get a Redis database of their own.

    Tests empty the cache after themselves; two workers sharing one database would
    empty each other's rate-limit counters and sessions midway through a test.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("REDIS_URL", "")
    if worker.startswith("gw") and url:
        base = re.search(r"/(\d+)$", url)
        database = (int(base.group(1)) if base else 0) - int(worker[2:])
        os.environ["REDIS_URL"] = re.sub(r"(/\d+)?$", f"/{database % 16}", url, count=1)


_redis_database_per_worker()
