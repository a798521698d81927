"""Helpers the learning and account tests share."""

import re
import threading
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from learning.models import ModulePage, ModuleProgress

PASSWORD = "a-long-passphrase-1"
WORKERS = 8


def make_learner(email: str):
    """A learner with a verified address, as after the confirmation link."""
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def mark_done(user, course, modules, *, at: str = "2026-03-02T10:00:00Z") -> None:
    """These modules viewed and their quizzes passed, as if the learner had done them."""
    ModuleProgress.objects.bulk_create(
        ModuleProgress(
            user=user,
            course_key=course.translation_key,
            module_key=module.translation_key,
            content_viewed_at=at,
            quiz_passed_at=at,
        )
        for module in modules
    )


def right_answers(module: ModulePage) -> dict[str, list[str]]:
    return {question.id: sorted(question.correct_ids) for question in module.questions()}


def wrong_answers(module: ModulePage) -> dict[str, list[str]]:
    answers = {}
    for question in module.questions():
        wrong = [choice.id for choice in question.choices if not choice.correct]
        answers[question.id] = wrong[:1]
    return answers


def quiz_post_data(token: str, answers: dict[str, list[str]]) -> dict:
    data = {"attempt": token}
    for question_id, choice_ids in answers.items():
        data[f"q-{question_id}"] = choice_ids
    return data


def open_quiz(client: Client, module: ModulePage) -> str:
    """GET the quiz and return the attempt token in its form."""
    response = client.get(f"{module.url}quiz/")
    assert response.status_code == 200
    return re.search(r'name="attempt" value="([^"]+)"', response.content.decode()).group(1)


def take_quiz(client: Client, module: ModulePage, answers: dict[str, list[str]]) -> str:
    """Open, submit, and return the HTML of the result page."""
    token = open_quiz(client, module)
    response = client.post(f"{module.url}quiz/", quiz_post_data(token, answers))
    assert response.status_code == 303
    return client.get(response["Location"]).content.decode()


def in_parallel(task: Callable[[], object], workers: int = WORKERS) -> list:
    """Run task in several threads released at the same instant; return results or errors."""
    barrier = threading.Barrier(workers)
    outcomes: list = [None] * workers

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = task()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def session_query() -> int:
    """With Redis (cached_db sessions) a warm request reads its session from the cache."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


class InjectedFault(Exception):
    """A crash a test injects midway through a write."""


def fail_after(monkeypatch, target: object, name: str) -> None:
    """Make target.name do its work, then raise: a crash between two steps of a write."""
    real = getattr(target, name)

    def work_then_crash(*args, **kwargs):
        real(*args, **kwargs)
        raise InjectedFault(f"after {name}")

    monkeypatch.setattr(target, name, work_then_crash)


def assert_clean_error_page(response) -> None:
    """The site's own 500 page: no traceback, no partial page."""
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "InjectedFault" not in html
