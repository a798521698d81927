"""The Spanish course is a translation of the English one: ids, progress and completion line up."""

from bs4 import BeautifulSoup
from wagtail.models import Locale

from learning.content import default_course_load
from learning.models import CoursePage, ModulePage
from learning.selectors import course_progress
from learning.tests.helpers import right_answers, take_quiz


def _spanish(page):
    return page.get_translation(Locale.objects.get(language_code="es")).specific


def test_the_spanish_course_translates_the_english_one(client, course):
    spanish = _spanish(course)

    assert spanish.translation_key == course.translation_key
    assert [m.translation_key for m in spanish.modules()] == [
        m.translation_key for m in course.modules()
    ]
    soup = BeautifulSoup(client.get(spanish.url).content, "html.parser")
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text(strip=True) == spanish.title != course.title


def test_questions_choices_and_statements_keep_their_ids(course):
    spanish = _spanish(course)

    assert [s["id"] for s in spanish.statements()] == [s["id"] for s in course.statements()]
    for english, translated in zip(course.modules(), spanish.modules(), strict=True):
        assert [
            (q.id, [c.id for c in q.choices], [c.correct for c in q.choices])
            for q in translated.questions()
        ] == [
            (q.id, [c.id for c in q.choices], [c.correct for c in q.choices])
            for q in english.questions()
        ]
        assert translated.questions()[0].prompt != english.questions()[0].prompt


def test_a_quiz_passed_in_spanish_counts_in_english(client, alice, course):
    client.force_login(alice)
    module = _spanish(course).modules()[0]
    client.get(module.url)

    html = take_quiz(client, module, right_answers(module))

    assert '<html lang="es"' in html
    progress = course_progress(user=alice, course=course)
    assert progress.modules[0].complete


def test_loading_again_creates_nothing(course):
    assert default_course_load() == []
    assert CoursePage.objects.count() == 2
    assert ModulePage.objects.count() == 12


def test_the_spanish_menu_lists_the_course_first_like_the_english_one(client, course):
    english = BeautifulSoup(client.get("/").content, "html.parser")
    spanish = BeautifulSoup(client.get("/es/").content, "html.parser")

    assert english.select_one(".site-nav a")["href"] == "/learn/"
    assert spanish.select_one(".site-nav a")["href"] == "/es/learn/"
