"""Load test over HTTP: `python -m bench.load [--learners N] [--posts N] [--seconds S]`.

Builds a large throwaway data set (SQLite in a temporary folder, or the PostgreSQL
database named by BENCH_DATABASE_URL, emptied first), starts the production server
(granian, as `make run` does, with REDIS_URL when given), and drives it with wrk at 32
connections. Prints one table: requests/s, p50, p99, errors, queries per request and
bytes per response for each page or action, with reference lines from the same run: a
trivial view through the project's middleware on the same server, nginx returning a saved
copy of the home page, and a naive page (20 rows read and rendered into about 20 KB on every
request). Compare ratios across machines, not absolute numbers.
"""

import argparse
import json
import os
import secrets
import shutil

# Runs our own server, nginx and wrk with fixed arguments.
import subprocess  # nosec B404
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.processes import (
    children_of,
    rss_mib,
    start_app_server,
    start_nginx,
    stop,
    wait_for,
)

HERE = Path(__file__).resolve().parent
REPORT_LUA = HERE / "wrk_report.lua"
CONNECTIONS = 32
SERVER_PORT = 8931
NGINX_PORT = 8932
WARM_UP_SECONDS = 3
NAIVE_PATH = "/bench/naive"  # the floor: rows read and a template rendered each time


@dataclass
class Target:
    name: str
    path: str
    session: str = ""  # "learners": 200 signed-in learners in turn; "admin": chapter-0's admin


def configure(database_url: str | None, data_dir: str) -> dict:
    """The environment shared by this process (data set, query counts) and the server."""
    env = {
        "HTTPS": "false",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATA_DIR": data_dir,
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ROOT_URLCONF": "bench.urls",
        # The rate limits would turn a load test into a test of the 429 page.
        "SEARCH_RATE": "1000000",
        "CERTIFICATE_VERIFY_RATE": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lodestar.settings")
    import django

    django.setup()
    return {**os.environ, **env}


def build(*, learners: int, posts: int, organizations: int, certificates: int) -> None:
    from django.core.management import call_command

    from bench.blog import generate, index_posts
    from bench.learning import populate

    started = time.perf_counter()
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_default_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    populate(learners)
    _organize(organizations, certificates)
    generate(posts)
    index_posts()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("optimize_database")
    print(f"data set built in {time.perf_counter() - started:.0f} s")


def _organize(organizations: int, certificates: int) -> None:
    """Organizations with members drawn from the learners, and certificates for some."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates.models import Certificate
    from learning.models import CourseCompletion, CoursePage
    from organizations.models import ADMIN, MEMBER, Membership, Organization

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    groups = Organization.objects.bulk_create(
        [Organization(name=f"Chapter {n}", slug=f"chapter-{n}") for n in range(organizations)]
    )
    users = list(get_user_model().objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(
                organization=groups[n % organizations],
                user_id=pk,
                role=ADMIN if n < organizations else MEMBER,
                consent_given_at=now,
            )
            for n, pk in enumerate(users)
        ],
        batch_size=5000,
    )
    finished = users[:certificates]
    key = course.translation_key
    CourseCompletion.objects.bulk_create(
        [CourseCompletion(user_id=pk, course_key=key, completed_at=now) for pk in finished],
        batch_size=5000,
    )
    Certificate.objects.bulk_create(
        [
            Certificate(
                user_id=pk,
                course_key=key,
                course_title=course.title,
                completed_at=now,
                issued_at=now,
            )
            for pk in finished
        ],
        batch_size=5000,
    )
    print(
        f"data: {organizations} organizations, {Membership.objects.count()} memberships, "
        f"{Certificate.objects.count()} certificates"
    )


def sessions(count: int) -> list[tuple[int, str]]:
    """(user id, session cookie) for the first learners; the first administers chapter-0."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
        load_backend,
    )

    from accounts.tests.helpers import give_second_factor

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    signed_in = []
    for n, user in enumerate(get_user_model().objects.order_by("pk")[:count]):
        if n == 0:
            give_second_factor(user)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["_signed_in_at"] = session["_last_seen_at"] = int(time.time())
        session.create()
        signed_in.append((user.pk, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"))
    return signed_in


def quiz_submissions(signed_in: list[tuple[int, str]]) -> tuple[str, list[str]]:
    """One open attempt of the last module per learner, and the form each would post."""
    from urllib.parse import urlencode

    from django.conf import settings

    from learning.models import CoursePage, QuizAttempt

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    module = course.modules()[-1]
    answers = {f"q-{q.id}": sorted(q.correct_ids) for q in module.questions()}
    QuizAttempt.objects.filter(module_key=module.translation_key, submitted_at=None).delete()
    attempts = QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                user_id=user_id,
                course_key=course.translation_key,
                module_key=module.translation_key,
            )
            for user_id, _cookie in signed_in
        ],
        batch_size=5000,
    )
    csrf = "b" * 32  # the cookie and the form field agree, as Django's check asks
    lines = []
    for attempt, (_user_id, cookie) in zip(attempts, signed_in, strict=True):
        form = {"attempt": attempt.token, "csrfmiddlewaretoken": csrf, **answers}
        lines.append(f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf}\t{urlencode(form, doseq=True)}")
    return f"{module.url}quiz/", lines


def queries_for(path: str, cookie: str = "") -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if cookie:
        name, _, value = cookie.partition("=")
        client.cookies[name] = value
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def start_static_nginx(folder: Path, home_page: bytes) -> subprocess.Popen:
    """nginx returning a saved copy of the home page: the ceiling of the machine."""
    (folder / "index.html").write_bytes(home_page)
    nginx = start_nginx(
        folder,
        f"server {{ listen 127.0.0.1:{NGINX_PORT}; root {folder};"
        " location / { try_files /index.html =404; } }",
    )
    wait_for(f"http://127.0.0.1:{NGINX_PORT}/")
    return nginx


def wrk(
    url: str,
    seconds: int,
    *,
    cookies: list[str] | None = None,
    bodies: list[str] | None = None,
    paths: list[str] | None = None,
) -> dict:
    """One wrk run; the Lua script reports JSON on its last line."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ}
        for name, lines in (("COOKIES", cookies), ("BODIES", bodies), ("PATHS", paths)):
            env[f"WRK_{name}"] = ""
            if lines:
                Path(folder, name).write_text("\n".join(lines) + "\n")
                env[f"WRK_{name}"] = str(Path(folder, name))
        command = [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(REPORT_LUA),
            url,
        ]
        output = subprocess.run(  # noqa: S603  # nosec B603
            command, env=env, capture_output=True, text=True, check=True
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def worker_memory(server: subprocess.Popen) -> list[int]:
    """Resident memory (MB) of the server's main process and of each worker."""
    pids = [server.pid, *children_of(server.pid)]
    return sorted(round(size) for size in map(rss_mib, pids) if size is not None)


def row(name: str, result: dict, queries: int | str) -> str:
    rate = result["requests"] / result["seconds"]
    size = result["bytes"] / result["requests"] if result["requests"] else 0
    return (
        f"| {name} | {rate:,.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} "
        f"| {result['errors']} | {queries} | {size:,.0f} |"
    )


def run(seconds: int, workers: int, submissions: int) -> int:
    from django.db import connection

    from learning.models import QuizResult

    base = f"http://127.0.0.1:{SERVER_PORT}"
    signed_in = sessions(submissions)
    cookies = [cookie for _user_id, cookie in signed_in[:200]]
    action, bodies = quiz_submissions(signed_in)
    targets = _targets()
    server = start_app_server(SERVER_PORT, workers, dict(os.environ))
    nginx_folder = Path(tempfile.mkdtemp(prefix="lodestar-nginx-"))
    nginx = None
    lines = []
    try:
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:  # noqa: S310  # nosec
            nginx = start_static_nginx(nginx_folder, response.read())
        wrk(f"{base}/bench/trivial", WARM_UP_SECONDS)  # every worker past its first requests
        memory_before = worker_memory(server)
        trivial = wrk(f"{base}/bench/trivial", seconds)
        lines.append(row("reference: trivial view, same server", trivial, 0))
        saved = wrk(f"http://127.0.0.1:{NGINX_PORT}/", seconds)
        lines.append(row("reference: nginx, saved home page", saved, "-"))
        naive = wrk(f"{base}{NAIVE_PATH}", seconds)
        lines.append(row("reference: naive page, 20 rows, 20 KB", naive, queries_for(NAIVE_PATH)))
        for target in targets:
            jar = {"learners": cookies, "admin": cookies[:1], "": None}[target.session]
            result = wrk(base + target.path, seconds, cookies=jar)
            queries = queries_for(target.path, jar[0] if jar else "")
            lines.append(row(target.name, result, queries))
        post = {target.name: target for target in targets}["a post"]
        shared = wrk(base + "/", seconds, paths=shared_links(post.path))
        lines.append(row("a post through shared links, a click id each", shared, "-"))
        searches = different_searches()
        search = wrk(base + "/blog/", seconds, paths=searches)
        lines.append(row(f"search, {len(searches):,} different queries", search, "-"))
        before = QuizResult.objects.count()
        result = wrk(base + action, seconds, bodies=bodies)
        written = QuizResult.objects.count() - before
        lines.append(row("quiz submission (POST)", result, "-"))
        memory_after = worker_memory(server)
    finally:
        stop(server)
        if nginx is not None:
            stop(nginx)
        shutil.rmtree(nginx_folder, ignore_errors=True)
    print(f"\ndatabase: {connection.vendor}; {workers} workers; wrk {CONNECTIONS} connections")
    print("| page or action | requests/s | p50 ms | p99 ms | errors | queries | bytes |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(lines))
    acknowledged, unanswered = result["acknowledged"], result["unanswered"]
    print(
        f"\nquiz submissions acknowledged (303): {acknowledged}; rows written: {written}; "
        f"posted but unanswered when wrk stopped: {unanswered}"
    )
    if result["exhausted"]:
        print(f"quiz forms ran out: {result['exhausted']} posts repeated one (raise --submissions)")
    print(
        f"search, {len(searches):,} different queries, none served from the page cache "
        f"until all have been asked: p95 {search['p95_ms']:.1f} ms over {search['requests']:,}"
    )
    print(f"resident memory (MB), server processes: before {memory_before}, after {memory_after}")
    # Every acknowledged submission is stored; any other row is one still in flight at the end.
    return 0 if acknowledged <= written <= acknowledged + unanswered else 1


def shared_links(path: str, count: int = 100_000) -> list[str]:
    """The address as a social network passes it on: another click id on every click."""
    return [f"{path}?utm_source=facebook&fbclid={secrets.token_urlsafe(24)}" for _ in range(count)]


def different_searches() -> list[str]:
    """Blog searches that differ from each other, so the page cache cannot answer them."""
    from itertools import combinations
    from random import Random
    from urllib.parse import quote_plus

    from bench.blog import QUERIES

    words = [query for query in QUERIES if " " not in query]
    phrases = [*QUERIES, *map(" ".join, combinations(words, 2))]
    phrases += [" ".join(three) for three in combinations(words, 3)]
    # An order for the benchmark, not a secret.
    Random(9).shuffle(phrases)  # noqa: S311  # nosec B311
    return [f"/blog/?q={quote_plus(phrase)}" for phrase in phrases]


def _targets() -> list[Target]:
    from django.contrib.auth import get_user_model

    from blog.models import BlogPage
    from certificates.models import Certificate
    from learning.models import CoursePage
    from organizations.models import ADMIN, Membership

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    module = course.modules()[1]
    post = BlogPage.objects.live().filter(locale__language_code="en").last()
    code = Certificate.objects.order_by("pk").first().display_code
    first_learner = get_user_model().objects.order_by("pk").first()
    chapter = Membership.objects.get(user=first_learner, role=ADMIN).organization.slug
    return [
        Target("home", "/"),
        Target("blog index", "/blog/"),
        Target("a post", post.url),
        Target("search results", "/blog/?q=safety"),
        Target("course", course.url),
        Target("module", module.url),
        Target("certificate verification", f"/certificates/{code}/"),
        Target("module, signed in", module.url, session="learners"),
        Target("My learning, signed in", "/my-learning/", session="learners"),
        Target("organization dashboard, its admin", f"/organizations/{chapter}/", session="admin"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--certificates", type=int, default=50_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--submissions", type=int, default=8_000, help="quiz forms to post")
    args = parser.parse_args()
    configure(os.environ.get("BENCH_DATABASE_URL"), tempfile.mkdtemp(prefix="lodestar-load-"))
    build(
        learners=args.learners,
        posts=args.posts,
        organizations=args.organizations,
        certificates=args.certificates,
    )
    return run(args.seconds, args.workers, min(args.submissions, args.learners))


if __name__ == "__main__":
    sys.exit(main())
