"""Reads shared by the learning views: where a learner stands in a course."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from core.pagecache import until_next_edit
from learning.models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    KnowledgeCheckResponse,
    ModulePage,
    ModuleProgress,
)


@dataclass(frozen=True)
class ModuleState:
    number: int
    module: ModulePage
    viewed: bool
    passed: bool

    @property
    def complete(self) -> bool:
        return self.viewed and self.passed


@dataclass(frozen=True)
class CourseProgress:
    course: CoursePage
    modules: list[ModuleState]
    completion: CourseCompletion | None
    checks: dict[str, KnowledgeCheckResponse]
    resume: ModuleState | None
    records: dict[str, ModuleProgress]  # the learner's rows, by module key

    @property
    def completed_count(self) -> int:
        return sum(state.complete for state in self.modules)

    @property
    def percent(self) -> int:
        if not self.modules:
            return 0
        return round(100 * self.completed_count / len(self.modules))

    @property
    def started(self) -> bool:
        return any(state.viewed or state.passed for state in self.modules) or bool(self.checks)

    def state_of(self, module: ModulePage) -> ModuleState | None:
        for state in self.modules:
            if state.module.translation_key == module.translation_key:
                return state
        return None


def course_progress(
    *, user: AbstractBaseUser | None, course: CoursePage, with_checks: bool = True
) -> CourseProgress:
    """Every module's state for this learner (all empty for a visitor without an account).

    Pages that show only the modules pass with_checks=False to skip the knowledge check
    and completion look-ups.
    """
    modules = course.modules()
    rows: dict = {}
    checks: dict[str, KnowledgeCheckResponse] = {}
    completion = None
    if user is not None and user.is_authenticated:
        rows = {
            row.module_key: row
            for row in ModuleProgress.objects.filter(
                user=user, module_key__in=[module.translation_key for module in modules]
            )
        }
    if user is not None and user.is_authenticated and with_checks:
        checks = {
            check.phase: check
            for check in KnowledgeCheckResponse.objects.filter(
                user=user, course_key=course.translation_key
            )
        }
        completion = CourseCompletion.objects.filter(
            user=user, course_key=course.translation_key
        ).first()
    states = [
        _module_state(number, module, rows.get(module.translation_key))
        for number, module in enumerate(modules, start=1)
    ]
    return CourseProgress(
        course=course,
        modules=states,
        completion=completion,
        checks=checks,
        resume=_resume_point(states, rows),
        records=rows,
    )


def _module_state(number: int, module: ModulePage, row: ModuleProgress | None) -> ModuleState:
    return ModuleState(
        number=number,
        module=module,
        viewed=bool(row and row.content_viewed_at),
        passed=bool(row and row.quiz_passed_at),
    )


def _resume_point(states: list[ModuleState], rows: dict) -> ModuleState | None:
    """The unfinished module visited last, or else the first unfinished one."""
    unfinished = [state for state in states if not state.complete]
    if not unfinished:
        return None
    visited = [
        state
        for state in unfinished
        if rows.get(state.module.translation_key)
        and rows[state.module.translation_key].last_visited_at
    ]
    if visited:
        return max(visited, key=lambda state: rows[state.module.translation_key].last_visited_at)
    return unfinished[0]


def live_courses(language: str) -> list[CoursePage]:
    """The live courses in this language, in the tree's order; shared until the next edit."""

    def load() -> list[CoursePage]:
        courses = CoursePage.objects.live().filter(locale__language_code=language)
        return list(courses.order_by("path"))

    return until_next_edit(f"live-courses:{language}", load)


def course_catalogue(language: str) -> CourseIndexPage | None:
    """The live page that lists the courses in this language; shared until the next edit."""

    def load() -> CourseIndexPage | None:
        return CourseIndexPage.objects.live().filter(locale__language_code=language).first()

    return until_next_edit(f"course-catalogue:{language}", load)


def learner_courses(
    *, user: AbstractBaseUser, locale_courses: list[CoursePage]
) -> list[CourseProgress]:
    return [course_progress(user=user, course=course) for course in locale_courses]
