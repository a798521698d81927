"""Soak the learner flow on PostgreSQL: `make soak` (SOAK_SECONDS, default 600).

Builds the database named by SOAK_DATABASE_URL (dropped and created anew), loads the
default content with `prepare_site`, adds SOAK_USERS learners, serves the site with the
production server command (granian, WEB_CONCURRENCY workers, Redis at SOAK_REDIS_URL as
cache) on the loopback, and lets locust drive SOAK_USERS learners through sign-in,
course, module, quiz and My learning. Prints requests, errors, requests/s, p50/p99,
acknowledged quiz submissions against rows in the database, and each worker's memory
at the start and the end. Exits non-zero on any error or mismatch.
"""

import csv
import json
import os

# Starts our own commands (manage.py, granian, locust) with fixed argument lists.
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench.processes import children_of, free_port, rss_mib, start_app_server, stop, wait_for

ROOT = Path(__file__).resolve().parent.parent
# The throwaway learners of a throwaway database.
PASSWORD = "soak-passphrase-1"  # nosec B105


def database_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # nosec B603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


PLAN_SCRIPT = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from learning.models import CoursePage
from learning.tests.helpers import right_answers, wrong_answers

password = make_password({password!r})
emails = [f"soak{{n}}@example.org" for n in range({users})]
for email in emails:
    user = get_user_model().objects.create(username=email.split("@")[0], email=email,
                                           password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
def form(answers):
    return {{f"q-{{question}}": choices for question, choices in answers.items()}}
print(json.dumps({{
    "password": {password!r},
    "learners": emails,
    "course": course.url,
    "modules": [{{"url": m.url, "right": form(right_answers(m)), "wrong": form(wrong_answers(m))}}
                for m in course.modules()],
}}))
"""


def database_rows(url: str, sent: list[str], acknowledged: list[str]) -> dict[str, int]:
    """Quiz rows against what the learners submitted and were answered."""
    import psycopg

    with psycopg.connect(url) as connection:

        def count(sql: str, *params) -> int:
            return connection.execute(sql, params).fetchone()[0]

        with_result = (
            "SELECT count(*) FROM learning_quizattempt a JOIN learning_quizresult r"
            " ON r.attempt_id = a.id"
        )
        return {
            "results": count("SELECT count(*) FROM learning_quizresult"),
            "results of submitted forms": count(with_result + " WHERE a.token = ANY(%s)", sent),
            "acknowledged found": count(with_result + " WHERE a.token = ANY(%s)", acknowledged),
            "submitted attempts without a result": count(
                "SELECT count(*) FROM learning_quizattempt a WHERE a.submitted_at IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM learning_quizresult r WHERE r.attempt_id = a.id)"
            ),
        }


def main() -> int:
    seconds = int(os.environ.get("SOAK_SECONDS", "600"))
    users = int(os.environ.get("SOAK_USERS", "32"))
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    database_url = os.environ.get(
        "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lodestar_soak"
    )
    redis_url = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/0")
    work = Path(tempfile.mkdtemp(prefix="lodestar-soak-"))
    port = str(free_port())
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"STATICFILES_BACKEND", "TASKS_BACKEND", "EMAIL_BACKEND"}
    }
    env.update(
        HTTPS="false",
        HOST="127.0.0.1",
        TRUSTED_PROXY_COUNT="1",  # as behind a load balancer: locust plays its X-Forwarded-For
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DATA_DIR=str(work / "data"),
        STATIC_ROOT=str(work / "static"),
        # Mail goes nowhere: certificate notices are sent by the task worker, not run here.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )

    print(f"soak: {users} learners for {seconds} s, {workers} workers, {work}", flush=True)
    database_recreate(database_url)
    manage(env, "prepare_site", "--no-demo-admin")
    plan = work / "plan.json"
    printed = manage(
        env, "shell", "--no-imports", "-c", PLAN_SCRIPT.format(password=PASSWORD, users=users)
    )
    plan.write_text(printed.strip().splitlines()[-1])

    server = start_app_server(int(port), int(workers), env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(int(workers) * 4):  # let every worker load the site once
            wait_for(base + "/learn/")
        pids = children_of(server.pid)
        rss_start = {pid: rss_mib(pid) for pid in pids}
        acknowledged_file = work / "acknowledged.json"
        locust = subprocess.run(  # nosec B603
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "soak_locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                "4",
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                str(work / "soak"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "SOAK_PLAN": str(plan), "SOAK_ACKNOWLEDGED": str(acknowledged_file)},
            check=False,
        )
        pids_end = children_of(server.pid)
        rss_end = {pid: rss_mib(pid) for pid in pids_end}
    finally:
        stop(server)

    if locust.returncode not in (0, 1):  # 1: the run ended with failed requests
        sys.exit(f"locust could not run (exit {locust.returncode})")
    with open(work / "soak_stats.csv") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    submissions = json.loads(acknowledged_file.read_text())
    sent, acknowledged = submissions["sent"], submissions["acknowledged"]
    rows = database_rows(database_url, sent, acknowledged)
    requests_, errors = int(total["Request Count"]), int(total["Failure Count"])
    print()
    print(
        f"requests: {requests_}   errors: {errors}   requests/s: {float(total['Requests/s']):.1f}"
    )
    print(
        f"latency: p50 {total['50%']} ms   p99 {total['99%']} ms"
        f"   max {float(total['Max Response Time']):.0f} ms"
    )
    print(
        f"quiz submissions: {len(acknowledged)} acknowledged (of {len(sent)} sent; the rest "
        f"were cut off by the end of the run), {rows['results']} results in the database, "
        f"{rows['acknowledged found']} of the acknowledged found, "
        f"{rows['submitted attempts without a result']} submitted attempts without a result"
    )
    for pid in sorted(set(pids) | set(pids_end)):
        start, end = rss_start.get(pid), rss_end.get(pid)
        print(
            f"worker {pid}: RSS start {f'{start:.0f} MiB' if start else '-'}, "
            f"end {f'{end:.0f} MiB' if end else '- (gone)'}"
        )
    failed = (
        locust.returncode != 0
        or errors > 0
        or rows["acknowledged found"] != len(acknowledged)
        or rows["results"] != rows["results of submitted forms"]  # no row nobody submitted
        or rows["submitted attempts without a result"] > 0
        or pids != pids_end  # a worker died and was replaced
    )
    print("soak: FAILED" if failed else "soak: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
