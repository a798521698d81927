"""kill -9 of a web worker under load loses no acknowledged quiz and leaves no half-written one.

The production server (granian, two workers) runs on a SQLite file holding the default
content; learners submit quizzes over real HTTP from several threads while one worker
is killed with SIGKILL midway. Runs on the SQLite leg only: the server's database is
its own SQLite file, whatever DATABASE_URL says.
"""

import os
import re
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import requests
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from bench import processes
from bench.processes import children_of, free_port, start_app_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

LEARNERS = 6
DRIVE_AFTER_KILL = 4.0
PATIENCE = 20.0  # a loaded machine: how long to wait for submissions before or after the kill
PASSWORD = "a-long-passphrase-1"


def database_file_with_the_course(path: Path, emails: list[str]) -> None:
    """The test database (migrated, default content, learners) copied to a SQLite file."""
    from core.services import default_content_load
    from learning.content import default_course_load

    default_content_load()
    default_course_load()
    hashed = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    for email in emails:
        user = get_user_model().objects.create(
            username=email.split("@")[0], email=email, password=hashed
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()


class Learner:
    """One person in a browser: signs in, then opens modules and submits their quizzes."""

    def __init__(self, base: str, email: str, modules: list[tuple[str, dict]]):
        self.base, self.email, self.modules = base, email, modules
        self.session = requests.Session()
        self.acknowledged: list[str] = []  # attempt tokens the server answered 303 for
        self.failures: list[str] = []  # what went wrong, for the assertion message
        self.submitting = False  # a quiz POST is on the wire: the moment to kill a worker

    def _csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self) -> None:
        page = self.session.get(self.base + "/account/login/", timeout=10)
        response = self.session.post(
            self.base + "/account/login/",
            {
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self._csrf(page.text),
            },
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.status_code

    def submit_one(self, path: str, answers: dict) -> None:
        self.session.get(self.base + path, timeout=10)
        quiz = self.session.get(self.base + path + "quiz/", timeout=10)
        token = re.search(r'name="attempt" value="([^"]+)"', quiz.text).group(1)
        form = {"attempt": token, "csrfmiddlewaretoken": self._csrf(quiz.text), **answers}
        self.submitting = True
        try:
            response = self.session.post(
                self.base + path + "quiz/", form, allow_redirects=False, timeout=10
            )
        finally:
            self.submitting = False
        if response.status_code == 303:
            self.acknowledged.append(token)
        else:
            self.failures.append(f"quiz answered {response.status_code}")

    def drive(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                if "sessionid" not in self.session.cookies:
                    self.sign_in()
                for path, answers in self.modules:
                    if stop.is_set():
                        break
                    self.submit_one(path, answers)
            except (requests.RequestException, AttributeError, AssertionError) as error:
                # a request the killed worker dropped: not acknowledged
                self.failures.append(repr(error)[:200])
                time.sleep(0.05)


def wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def partial_rows(db: sqlite3.Connection) -> dict[str, int]:
    """Counts of rows one write left without its other half (all should be zero)."""
    queries = {
        "submitted attempts without a result": """
            SELECT count(*) FROM learning_quizattempt a
            WHERE a.submitted_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM learning_quizresult r WHERE r.attempt_id = a.id)""",
        "results of attempts still open": """
            SELECT count(*) FROM learning_quizresult r
            JOIN learning_quizattempt a ON a.id = r.attempt_id WHERE a.submitted_at IS NULL""",
        "passed results without the module passed": """
            SELECT count(*) FROM learning_quizresult r WHERE r.passed AND NOT EXISTS (
              SELECT 1 FROM learning_moduleprogress p WHERE p.user_id = r.user_id
              AND p.module_key = r.module_key AND p.quiz_passed_at IS NOT NULL)""",
        "completions without a certificate": """
            SELECT count(*) FROM learning_coursecompletion c WHERE NOT EXISTS (
              SELECT 1 FROM certificates_certificate k WHERE k.user_id = c.user_id
              AND k.course_key = c.course_key)""",
    }
    return {name: db.execute(sql).fetchone()[0] for name, sql in queries.items()}


def test_killing_a_worker_loses_no_acknowledged_quiz_and_leaves_no_partial_rows(tmp_path, course):
    from learning.tests.helpers import right_answers

    emails = [f"learner{n}@example.org" for n in range(LEARNERS)]
    database = tmp_path / "db.sqlite3"
    modules = [
        (module.url, {f"q-{q}": c for q, c in right_answers(module).items()})
        for module in course.modules()
    ]
    database_file_with_the_course(database, emails)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATA_DIR=str(tmp_path), HTTPS="false", ALLOWED_HOSTS="127.0.0.1")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_app_server(port, 2, env)
    try:
        learners = [Learner(base, email, modules) for email in emails]
        stop = threading.Event()
        threads = [threading.Thread(target=learner.drive, args=(stop,)) for learner in learners]
        for thread in threads:
            thread.start()

        def acknowledged_count() -> int:
            return sum(len(learner.acknowledged) for learner in learners)

        wait_until(lambda: acknowledged_count() >= LEARNERS, PATIENCE)
        wait_until(lambda: any(learner.submitting for learner in learners), PATIENCE)
        workers = children_of(server.pid)
        before_kill = acknowledged_count()
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(DRIVE_AFTER_KILL)
        wait_until(lambda: acknowledged_count() > before_kill + LEARNERS, PATIENCE)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        after_kill = sum(len(learner.acknowledged) for learner in learners) - before_kill
    finally:
        processes.stop(server, seconds=15)

    assert len(workers) == 2, "granian's two workers"
    failures = [failure for learner in learners for failure in learner.failures]
    assert before_kill > 0 and after_kill > 0, (before_kill, after_kill, failures[:5])
    print(
        f"acknowledged: {before_kill} before the kill, {after_kill} after; dropped: {len(failures)}"
    )
    acknowledged = {token for learner in learners for token in learner.acknowledged}
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {
            token
            for (token,) in db.execute(
                "SELECT a.token FROM learning_quizattempt a"
                " JOIN learning_quizresult r ON r.attempt_id = a.id"
            )
        }
        assert acknowledged - stored == set(), "acknowledged submissions missing"
        assert set(partial_rows(db).values()) == {0}, partial_rows(db)
    db.close()
