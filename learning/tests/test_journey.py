"""The whole learner journey through the HTTP client, from sign-up to course complete."""

import re

from django.core import mail
from django.test import Client

from learning.models import CourseCompletion, KnowledgeCheckResponse, QuizResult
from learning.tests.helpers import right_answers, take_quiz, wrong_answers


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def sign_up(client: Client, email: str) -> None:
    password = "a-long-passphrase-1"
    response = client.post(
        "/account/signup/", {"email": email, "password1": password, "password2": password}
    )
    assert response.status_code == 302
    link = confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302


def answer_check(client: Client, course, phase: str, answers: dict) -> None:
    data = {f"s-{statement_id}": value for statement_id, value in answers.items()}
    response = client.post(f"{course.url}check/{phase}/", data)
    assert response.status_code == 303, response.content[:500]


def test_sign_up_learn_and_complete_the_course(client: Client, course):
    sign_up(client, "learner@example.org")
    statements = course.statements()
    all_myths = {statement["id"]: "myth" for statement in statements}
    truths = {s["id"]: "fact" if s["is_fact"] else "myth" for s in statements}

    answer_check(client, course, "before", all_myths)
    not_yet = client.get(f"{course.url}check/after/")
    assert "opens when you have completed every module" in not_yet.content.decode()

    modules = course.modules()
    for number, module in enumerate(modules, start=1):
        assert client.get(module.url).status_code == 200
        if number == 1:
            assert "Not yet" in take_quiz(client, module, wrong_answers(module))
        result_page = take_quiz(client, module, right_answers(module))
        assert "You passed" in result_page

    assert CourseCompletion.objects.filter(course_key=course.translation_key).count() == 1
    course_page = client.get(course.url).content.decode()
    assert "You completed this course" in course_page
    answer_check(client, course, "after", truths)

    results = client.get(f"{course.url}check/after/results/").content.decode()
    before = KnowledgeCheckResponse.objects.get(phase="before")
    after = KnowledgeCheckResponse.objects.get(phase="after")
    assert after.correct == len(statements) > before.correct
    assert f"Before the course you got {before.correct} of {len(statements)}" in results
    assert "Learned in this course" in results
    assert QuizResult.objects.count() == len(modules) + 1
    my_learning = client.get("/my-learning/").content.decode()
    assert "Completed on" in my_learning


def test_the_course_is_not_complete_until_every_module_is(client: Client, course, alice):
    client.force_login(alice)
    modules = course.modules()
    for module in modules[:-1]:
        client.get(module.url)
        take_quiz(client, module, right_answers(module))
    last = modules[-1]
    take_quiz(client, last, right_answers(last))
    assert not CourseCompletion.objects.exists(), "the last module's content was never viewed"

    client.get(last.url)

    assert CourseCompletion.objects.filter(user=alice).count() == 1


def test_resume_points_at_the_module_left_unfinished(client: Client, course, alice):
    client.force_login(alice)
    modules = course.modules()
    client.get(modules[0].url)
    take_quiz(client, modules[0], right_answers(modules[0]))
    client.get(modules[2].url)

    page = client.get(course.url).content.decode()

    assert f'href="{modules[2].url}">Resume: module 3' in page
    assert "1 of 6 modules complete" in page


def test_progress_is_only_for_signed_in_learners(client: Client, course):
    page = client.get(course.modules()[0].url)

    assert page.status_code == 200
    assert "saved only if you sign in" in page.content.decode()
    assert page.cookies == {}


def test_a_knowledge_check_is_stored_once_per_phase(client: Client, course, alice):
    client.force_login(alice)
    statements = course.statements()
    answer_check(client, course, "before", {s["id"]: "fact" for s in statements})

    again = client.post(f"{course.url}check/before/", {f"s-{s['id']}": "myth" for s in statements})

    assert again.status_code == 303
    assert KnowledgeCheckResponse.objects.get(user=alice).answers == {
        s["id"]: "fact" for s in statements
    }


def test_an_incomplete_knowledge_check_gets_a_400(client: Client, course, alice):
    client.force_login(alice)

    response = client.post(f"{course.url}check/before/", {})

    assert response.status_code == 400
    assert "Please answer every statement" in response.content.decode()
    assert not KnowledgeCheckResponse.objects.exists()


def test_an_unknown_check_phase_is_a_404(client: Client, course, alice):
    client.force_login(alice)

    assert client.get(f"{course.url}check/during/").status_code == 404


def test_the_after_check_needs_a_completed_course(client: Client, course, alice):
    client.force_login(alice)
    data = {f"s-{s['id']}": "fact" for s in course.statements()}

    response = client.post(f"{course.url}check/after/", data)

    assert response.status_code == 200
    assert "opens when you have completed every module" in response.content.decode()
    assert not KnowledgeCheckResponse.objects.exists()


def test_a_visit_within_the_minute_writes_nothing_and_a_later_one_is_recorded(
    client: Client, course, alice
):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from learning.models import ModuleProgress

    module = course.modules()[1]
    client.force_login(alice)
    client.get(module.url)
    progress = ModuleProgress.objects.get(user=alice, module_key=module.translation_key)

    with CaptureQueriesContext(connection) as reload:
        client.get(module.url)
    assert not [q for q in reload.captured_queries if q["sql"].startswith("UPDATE")]

    an_hour_ago = progress.last_visited_at - timedelta(hours=1)
    ModuleProgress.objects.filter(pk=progress.pk).update(last_visited_at=an_hour_ago)
    client.get(module.url)

    progress.refresh_from_db()
    assert progress.last_visited_at > an_hour_ago + timedelta(minutes=59)


def test_the_first_view_of_a_module_whose_quiz_is_passed_shows_it_complete(
    client: Client, course, alice
):
    from bs4 import BeautifulSoup

    module = course.modules()[0]
    client.force_login(alice)
    take_quiz(client, module, right_answers(module))  # straight to the quiz, lesson unread

    page = BeautifulSoup(client.get(module.url).content, "html.parser")

    current = page.select_one(".module-nav a[aria-current=page]").parent
    assert current.select_one(".badge--done") is not None
    assert "1 of 6" in page.select_one(".module-nav").get_text(" ", strip=True)
