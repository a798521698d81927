"""Benchmark the learning pages with many learners: `python -m bench.learning [--learners N]`.

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL database
named by BENCH_DATABASE_URL, which it empties first), loads the default content, adds
N learners with progress and quiz results, then measures in-process, through Django's
test client: the module page for a signed-in learner and a quiz submission. Prints
median and 95th-percentile server time and the queries per request.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def configure(database_url: str | None) -> None:
    os.environ["HTTPS"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="lodestar-bench-")
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("REDIS_URL", None)
    # make bench measures what rendering a page costs: with the page cache on, every
    # repeated anonymous request would be a stored copy (make load measures those).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    # Nor must the rate limits turn a measurement into a test of the 429 page.
    os.environ["SEARCH_RATE"] = os.environ["CERTIFICATE_VERIFY_RATE"] = "1000000"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lodestar.settings")
    import django

    django.setup()


def build(learners: int) -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_default_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    populate(learners)


def populate(learners: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from learning.models import CoursePage, ModuleProgress, QuizAttempt, QuizResult

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    modules = course.modules()
    now = timezone.now()
    password = make_password("bench-password-1")
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"bench{n}", email=f"bench{n}@example.org", password=password)
            for n in range(learners)
        ],
        batch_size=2000,
    )
    progress, attempts = [], []
    for n, user in enumerate(users):
        for module in modules[: n % (len(modules) + 1)]:
            progress.append(
                ModuleProgress(
                    user=user,
                    course_key=course.translation_key,
                    module_key=module.translation_key,
                    content_viewed_at=now,
                    quiz_passed_at=now,
                    last_visited_at=now,
                )
            )
            attempts.append(
                QuizAttempt(
                    user=user,
                    course_key=course.translation_key,
                    module_key=module.translation_key,
                    submitted_at=now,
                )
            )
    ModuleProgress.objects.bulk_create(progress, batch_size=5000)
    QuizAttempt.objects.bulk_create(attempts, batch_size=5000)
    saved = QuizAttempt.objects.filter(submitted_at__isnull=False).values_list(
        "pk", "user_id", "course_key", "module_key"
    )
    QuizResult.objects.bulk_create(
        [
            QuizResult(
                attempt_id=pk,
                user_id=user_id,
                course_key=course_key,
                module_key=module_key,
                answers={},
                correct=5,
                total=5,
                passed=True,
                language="en",
                submitted_at=now,
            )
            for pk, user_id, course_key, module_key in saved.iterator()
        ],
        batch_size=5000,
    )
    print(
        f"data: {len(users)} learners, {len(progress)} module progress rows, "
        f"{QuizResult.objects.count()} quiz results"
    )


def measure(label: str, action, rounds: int, before_each=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(rounds):
        if before_each is not None:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"{label:<34} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms   "
        f"queries {statistics.median(queries):.0f}"
    )


def run(rounds: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from learning.models import CoursePage
    from learning.tests.helpers import open_quiz, quiz_post_data, right_answers

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    module = course.modules()[2]
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench3"))
    client.get(module.url)

    def view_module() -> None:
        response = client.get(module.url)
        if response.status_code != 200:
            raise RuntimeError(f"module page answered {response.status_code}")

    measure("module page (signed in)", view_module, rounds)

    answers = right_answers(module)
    tokens = iter([])

    def submit() -> None:
        token = next(tokens)
        response = client.post(f"{module.url}quiz/", quiz_post_data(token, answers))
        if response.status_code != 303:
            raise RuntimeError(f"quiz submission answered {response.status_code}")

    def next_round() -> None:
        nonlocal tokens
        tokens = iter([open_quiz(client, module)])

    measure("quiz submission (POST)", submit, rounds, before_each=next_round)


def benchmark(description: str, build, run, *, size_name: str, size: int, rounds: int) -> int:
    """The command line every benchmark shares: --<size_name> N --rounds R."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{size_name}", type=int, default=size, dest="size")
    parser.add_argument("--rounds", type=int, default=rounds)
    args = parser.parse_args()
    configure(os.environ.get("BENCH_DATABASE_URL"))
    from django.db import connection

    print(f"database: {connection.vendor}, {size_name}: {args.size}")
    build(args.size)
    run(args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(benchmark(__doc__, build, run, size_name="learners", size=10_000, rounds=50))
