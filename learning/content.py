"""The default course, Human Trafficking 101, loaded from learning/default_content/.

Loading is idempotent: a course that already exists is left as editors made it.
An operator removes the course in the admin like any page; running the loader
again brings it back only if it is gone.
"""

import json
import uuid
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from core.models import HomePage
from learning.models import CourseIndexPage, CoursePage, ModulePage

CONTENT_DIR = Path(__file__).resolve().parent / "default_content"
VIDEO_DIR = CONTENT_DIR / "videos"
CATALOGUE = {
    "en": {"title": "Learn", "intro": "Free, self-paced training. Start any time, on any device."},
    "es": {
        "title": "Aprenda",
        "intro": (
            "Capacitación gratuita, a su propio ritmo. "
            "Empiece cuando quiera, en cualquier dispositivo."
        ),
    },
}


def _list_items(values: list) -> list[dict]:
    """ListBlock data with a stable id per item (quiz answers are recorded by these ids)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _root_collection() -> Collection:
    """Wagtail's migrations create the root collection; a flushed database needs it back."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _document(path: Path, title: str):
    """The document stored from this file, uploaded once."""
    documents = get_document_model()
    existing = documents.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with path.open("rb") as handle:
        document = documents(title=title, collection=_root_collection())
        document.file.save(path.name, File(handle), save=False)
        document.save()
    return document


def video_block(video: dict, *, folder: Path, slug: str, language: str) -> dict:
    """A VideoBlock of a shipped demo video: <slug>.<language>.webm and .vtt in the folder.

    Made by scripts/make_course_videos.py; without the files the block keeps its transcript.
    """
    video_file = folder / f"{slug}.{language}.webm"
    captions_file = folder / f"{slug}.{language}.vtt"
    title = video["title"]
    return {
        "type": "video",
        "value": {
            "title": title,
            "file": _document(video_file, f"{title} (video)").pk if video_file.exists() else None,
            "url": video.get("url", ""),
            "captions": (
                _document(captions_file, f"{title} (captions)").pk
                if captions_file.exists()
                else None
            ),
            "transcript": _list_items(video["transcript"]),
        },
    }


def _video_block(module: dict, language: str) -> dict:
    return video_block(module["video"], folder=VIDEO_DIR, slug=module["slug"], language=language)


def _module_body(module: dict, language: str) -> list[dict]:
    return [
        _video_block(module, language),
        {"type": "text", "value": module["lesson"]},
        {"type": "survivor_story", "value": module["survivor_story"]},
        {
            "type": "case_study",
            "value": {
                **module["case_study"],
                "questions_to_consider": _list_items(module["case_study"]["questions_to_consider"]),
            },
        },
        {"type": "key_takeaways", "value": {"points": _list_items(module["key_takeaways"])}},
    ]


def _quiz(module: dict) -> list[dict]:
    return [
        {
            "type": "question",
            "value": {
                "kind": question["type"],
                "prompt": question["prompt"],
                "choices": _list_items(question["choices"]),
            },
        }
        for question in module["quiz"]["questions"]
    ]


def _knowledge_check(course: dict) -> list[dict]:
    return [
        {
            "type": "statement",
            "value": {
                "statement": item["statement"],
                "is_fact": item["is_fact"],
                "explanation": item["explanation"],
            },
        }
        for item in course["knowledge_check"]["statements"]
    ]


def _ensure_catalogue(home: HomePage, language: str) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is not None:
        return catalogue
    catalogue = CourseIndexPage(slug="learn", show_in_menus=True, **CATALOGUE[language])
    home.add_child(instance=catalogue)
    _first_in_menu(catalogue)
    catalogue.save_revision().publish()
    return catalogue


def _first_in_menu(page) -> None:
    first_sibling = page.get_parent().get_first_child()
    if first_sibling is not None and first_sibling.pk != page.pk:
        page.move(first_sibling, pos="left")


def _translate_catalogue(catalogue: CourseIndexPage) -> None:
    for locale in Locale.objects.exclude(pk=catalogue.locale_id):
        if catalogue.get_translation_or_none(locale) is not None:
            continue
        content = CATALOGUE.get(locale.language_code)
        if content is None:
            continue
        translated = catalogue.copy_for_translation(locale)
        translated.title = content["title"]
        translated.intro = content["intro"]
        translated.save_revision().publish()
        _first_in_menu(translated)


def _create_course(catalogue: CourseIndexPage, course: dict, language: str) -> CoursePage:
    page = CoursePage(
        slug=course["slug"],
        title=course["title"],
        summary=course["summary"],
        intro=course["intro"],
        knowledge_check_intro=course["knowledge_check"]["intro"],
        knowledge_check=_knowledge_check(course),
    )
    catalogue.add_child(instance=page)
    page.save_revision().publish()
    for module in course["modules"]:
        module_page = ModulePage(
            slug=module["slug"],
            title=module["title"],
            summary=module["summary"],
            body=_module_body(module, language),
            quiz=_quiz(module),
            pass_mark_percent=module["quiz"].get("pass_mark_percent", 75),
        )
        page.add_child(instance=module_page)
        module_page.save_revision().publish()
    return page


def _adopt_ids(new, old):
    """The new content with the old content's block and item ids, position by position.

    A translation keeps the ids of the page it translates, so quiz answers, knowledge-check
    answers and progress recorded in one language count in the other.
    """
    if isinstance(new, dict) and isinstance(old, dict):
        adopted = {key: _adopt_ids(value, old.get(key)) for key, value in new.items()}
        if "id" in old:
            adopted["id"] = old["id"]
        return adopted
    if isinstance(new, list) and isinstance(old, list):
        return [
            _adopt_ids(item, old[index]) if index < len(old) else item
            for index, item in enumerate(new)
        ]
    return new


def _translated_copy(page, locale: Locale, fields: dict):
    """A draft copy of the page in locale (same translation key), with its fields replaced."""
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _translate_course(course_page: CoursePage, course: dict, language: str) -> CoursePage | None:
    """The course in another language, as a Wagtail translation of the existing course."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or course_page.get_translation_or_none(locale) is not None:
        return None
    translated = _translated_copy(
        course_page,
        locale,
        {
            "title": course["title"],
            "summary": course["summary"],
            "intro": course["intro"],
            "knowledge_check_intro": course["knowledge_check"]["intro"],
            "knowledge_check": _adopt_ids(
                _knowledge_check(course), list(course_page.knowledge_check.raw_data)
            ),
        },
    )
    for module_page, module in zip(course_page.modules(), course["modules"], strict=True):
        _translated_copy(
            module_page,
            locale,
            {
                "title": module["title"],
                "summary": module["summary"],
                "body": _adopt_ids(_module_body(module, language), list(module_page.body.raw_data)),
                "quiz": _adopt_ids(_quiz(module), list(module_page.quiz.raw_data)),
            },
        )
    return translated


def _load_translations(course_page: CoursePage, source_language: str) -> list[str]:
    created = []
    for locale in Locale.objects.exclude(language_code=source_language):
        path = CONTENT_DIR / f"ht101.{locale.language_code}.json"
        if not path.exists():
            continue
        content = json.loads(path.read_text(encoding="utf-8"))
        translated = _translate_course(course_page, content, locale.language_code)
        if translated is not None:
            created.append(translated.url_path)
    return created


@transaction.atomic
def default_course_load(*, language: str = "en") -> list[str]:
    """Create the catalogue and the default course if missing; return what was created."""
    course = json.loads((CONTENT_DIR / f"ht101.{language}.json").read_text(encoding="utf-8"))
    home = HomePage.objects.filter(locale__language_code=language).first()
    if home is None:
        raise RuntimeError("Load the default pages first: the course goes under the home page.")
    created = []
    had_catalogue = CourseIndexPage.objects.child_of(home).exists()
    catalogue = _ensure_catalogue(home, language)
    if not had_catalogue:
        created.append(catalogue.url_path)
    _translate_catalogue(catalogue)
    course_page = CoursePage.objects.child_of(catalogue).filter(slug=course["slug"]).first()
    if course_page is None:
        course_page = _create_course(catalogue, course, language)
        created.append(course_page.url_path)
    created += _load_translations(course_page, language)
    return created
