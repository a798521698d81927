"""Writes of the learning capability: visits, quiz attempts and results, checks, completion."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.services import certificate_issue
from core.aftercommit import atomic_collected
from core.tokens import is_token
from learning.grading import Question, clean_answers, grade, unanswered
from learning.models import (
    AFTER,
    CourseCompletion,
    CoursePage,
    KnowledgeCheckResponse,
    ModulePage,
    ModuleProgress,
    QuizAttempt,
    QuizResult,
)

FACT = "fact"
MYTH = "myth"
# A module's visit is written once a minute at most: a reload or a step back costs no write
# (the time feeds only "Resume", which needs no finer clock).
VISIT_RECORD_INTERVAL = timedelta(minutes=1)


class QuizLocked(Exception):
    """No new attempt now: the attempt limit is reached, or the wait has not passed."""

    def __init__(self, *, available_at: datetime | None):
        super().__init__("quiz locked")
        self.available_at = available_at


class AttemptNotFound(Exception):
    """The form's attempt token is unknown or belongs to someone else."""


class IncompleteAnswers(Exception):
    def __init__(self, *, missing: list, answers: dict):
        super().__init__("incomplete answers")
        self.missing = missing
        self.answers = answers


class CheckNotAvailable(Exception):
    """The after-course check opens only once every module is complete."""


@dataclass(frozen=True)
class Submission:
    result: QuizResult
    created: bool


def _course_of(module: ModulePage) -> CoursePage:
    return module.course


def module_visit_record(
    *,
    user: AbstractBaseUser,
    module: ModulePage,
    known: dict[str, ModuleProgress] | None = None,
) -> ModuleProgress:
    """A signed-in learner opened a module: its content counts as viewed.

    known: the learner's progress rows by module key, when the caller has just read them
    (the module page does, for the course outline), so they are not read again.
    """
    now = timezone.now()
    course = _course_of(module)
    progress = known.get(module.translation_key) if known is not None else None
    if progress is None:
        progress, created = ModuleProgress.objects.get_or_create(
            user=user,
            module_key=module.translation_key,
            defaults={
                "course_key": course.translation_key,
                "content_viewed_at": now,
                "last_visited_at": now,
            },
        )
        if created:
            return progress
    first_view = progress.content_viewed_at is None
    if not first_view and _visited_lately(progress, now):
        return progress
    progress.last_visited_at = now
    if not first_view:
        progress.save(update_fields=["last_visited_at"])
        return progress
    progress.content_viewed_at = now
    if not progress.is_complete:
        progress.save(update_fields=["last_visited_at", "content_viewed_at"])
        return progress
    # The visit that completes the course: if recording the completion fails, the
    # content stays unviewed, so the next visit completes the course again.
    with atomic_collected():
        progress.save(update_fields=["last_visited_at", "content_viewed_at"])
        course_completion_record(user=user, course=course)
    return progress


def _visited_lately(progress: ModuleProgress, now: datetime) -> bool:
    """A reload or a return within the minute: the visit on record is recent enough."""
    last = progress.last_visited_at
    return last is not None and now - last < VISIT_RECORD_INTERVAL


def _attempt_lock(user: AbstractBaseUser, module: ModulePage) -> QuizLocked | None:
    """Why no new attempt may start now (limit reached, or wait not over); None if one may."""
    results = QuizResult.objects.filter(user=user, module_key=module.translation_key)
    if module.max_attempts and results.count() >= module.max_attempts:
        return QuizLocked(available_at=None)
    if module.retake_wait_minutes:
        last = results.order_by("-submitted_at").values_list("submitted_at", flat=True).first()
        if last is not None:
            available_at = last + timedelta(minutes=module.retake_wait_minutes)
            if available_at > timezone.now():
                return QuizLocked(available_at=available_at)
    return None


def quiz_attempt_open(*, user: AbstractBaseUser, module: ModulePage) -> QuizAttempt:
    """The learner's open attempt at this quiz, created if there is none."""
    open_attempt = QuizAttempt.objects.filter(
        user=user, module_key=module.translation_key, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        return open_attempt
    lock = _attempt_lock(user, module)
    if lock is not None:
        raise lock
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                user=user,
                module_key=module.translation_key,
                course_key=_course_of(module).translation_key,
            )
    except IntegrityError:  # a parallel request opened it first
        return QuizAttempt.objects.get(
            user=user, module_key=module.translation_key, submitted_at__isnull=True
        )


def quiz_submit(
    *,
    user: AbstractBaseUser,
    module: ModulePage,
    token: str,
    raw_answers: dict[str, list[str]],
    language: str,
) -> Submission:
    """Grade one attempt once. A resubmitted or parallel form gets the first result back."""
    if not is_token(token):
        raise AttemptNotFound
    attempt = QuizAttempt.objects.filter(
        token=token, user=user, module_key=module.translation_key
    ).first()
    if attempt is None:
        raise AttemptNotFound
    if attempt.submitted_at is not None:  # set with the result, in the same transaction
        return Submission(result=_result_of_closed(attempt), created=False)

    questions: list[Question] = module.questions()
    answers = clean_answers(questions, raw_answers)
    missing = unanswered(questions, answers)
    if missing:
        raise IncompleteAnswers(missing=missing, answers=answers)
    outcome = grade(questions, answers, module.pass_mark_percent)

    now = timezone.now()
    try:
        with atomic_collected():
            result = QuizResult.objects.create(
                attempt=attempt,
                user=user,
                course_key=attempt.course_key,
                module_key=attempt.module_key,
                answers=answers,
                correct=outcome.correct,
                total=outcome.total,
                passed=outcome.passed,
                language=language,
                submitted_at=now,
            )
            QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=now)
            if outcome.passed:
                _quiz_passed_record(user=user, module=module, attempt=attempt, when=now)
    except IntegrityError:  # another submission of this attempt won the race
        return Submission(result=QuizResult.objects.get(attempt=attempt), created=False)
    return Submission(result=result, created=True)


def _result_of_closed(attempt: QuizAttempt) -> QuizResult:
    """A closed attempt's result; should it be gone (removed by hand), the form has expired."""
    result = QuizResult.objects.filter(attempt=attempt).first()
    if result is None:
        raise AttemptNotFound
    return result


def _quiz_passed_record(
    *, user: AbstractBaseUser, module: ModulePage, attempt: QuizAttempt, when: datetime
) -> None:
    progress, created = ModuleProgress.objects.get_or_create(
        user=user,
        module_key=attempt.module_key,
        defaults={"course_key": attempt.course_key, "quiz_passed_at": when},
    )
    if not created:
        if progress.quiz_passed_at is not None:
            return
        progress.quiz_passed_at = when
        progress.save(update_fields=["quiz_passed_at"])
    if progress.is_complete:
        course_completion_record(user=user, course=_course_of(module))


def course_completion_record(
    *, user: AbstractBaseUser, course: CoursePage
) -> CourseCompletion | None:
    """Record the course as complete once every live module is; the one completion event.

    Returns the completion when the course is complete (new or earlier), else None.
    Capabilities that act on completion (certificates, organizations) are called from
    here, inside the same transaction, exactly once per learner and course.
    """
    module_keys = [module.translation_key for module in course.modules()]
    if not module_keys:
        return None
    complete = ModuleProgress.objects.filter(
        user=user,
        module_key__in=module_keys,
        content_viewed_at__isnull=False,
        quiz_passed_at__isnull=False,
    ).count()
    if complete < len(module_keys):
        return None
    with transaction.atomic():
        completion, _created = CourseCompletion.objects.get_or_create(
            user=user,
            course_key=course.translation_key,
            defaults={"completed_at": timezone.now()},
        )
        certificate_issue(completion=completion, course=course)
    return completion


def knowledge_check_submit(
    *,
    user: AbstractBaseUser,
    course: CoursePage,
    phase: str,
    raw_answers: dict[str, str],
    language: str,
) -> KnowledgeCheckResponse:
    """Store a myth-or-fact check once per phase; a second submission returns the first."""
    existing = KnowledgeCheckResponse.objects.filter(
        user=user, course_key=course.translation_key, phase=phase
    ).first()
    if existing is not None:
        return existing
    if (
        phase == AFTER
        and not CourseCompletion.objects.filter(
            user=user, course_key=course.translation_key
        ).exists()
    ):
        raise CheckNotAvailable
    statements = course.statements()
    answers = {
        statement["id"]: raw_answers.get(statement["id"])
        for statement in statements
        if raw_answers.get(statement["id"]) in (FACT, MYTH)
    }
    missing = [statement for statement in statements if statement["id"] not in answers]
    if missing:
        raise IncompleteAnswers(missing=missing, answers=answers)
    correct = sum(
        (answers[statement["id"]] == FACT) == bool(statement["is_fact"]) for statement in statements
    )
    try:
        with transaction.atomic():
            return KnowledgeCheckResponse.objects.create(
                user=user,
                course_key=course.translation_key,
                phase=phase,
                answers=answers,
                correct=correct,
                total=len(statements),
                language=language,
                submitted_at=timezone.now(),
            )
    except IntegrityError:
        return KnowledgeCheckResponse.objects.get(
            user=user, course_key=course.translation_key, phase=phase
        )
