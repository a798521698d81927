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
from wagtail.models import Collection, Locale, Page

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


def _video_block(module: dict, language: str) -> dict:
    video_file = VIDEO_DIR / f"{module['slug']}.{language}.webm"
    captions_file = VIDEO_DIR / f"{module['slug']}.{language}.vtt"
    title = module["video"]["title"]
    return {
        "type": "video",
        "value": {
            "title": title,
            "file": _document(video_file, f"{title} (video)").pk if video_file.exists() else None,
            "url": "",
            "captions": (
                _document(captions_file, f"{title} (captions)").pk
                if captions_file.exists()
                else None
            ),
            "transcript": _list_items(module["video"]["transcript"]),
        },
    }


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
    first_child = home.get_first_child()
    if first_child is not None and first_child.pk != catalogue.pk:
        catalogue.move(first_child, pos="left")  # first in the menu
    catalogue.save_revision().publish()
    return catalogue


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
    if not Page.objects.child_of(catalogue).filter(slug=course["slug"]).exists():
        created.append(_create_course(catalogue, course, language).url_path)
    return created
