"""Views of the course. Wagtail pages route here; services do the writing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pagecache import until_next_edit
from learning import selectors, services
from learning.access import get_quiz_result_for_learner
from learning.models import AFTER, BEFORE, CoursePage, ModulePage
from learning.services import FACT, MYTH

SEE_OTHER = 303


def _redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = SEE_OTHER
    return response


def _learner(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


def course(request: HttpRequest, page: CoursePage) -> HttpResponse:
    progress = selectors.course_progress(user=_learner(request), course=page)
    return render(
        request,
        "learning/course_page.html",
        {"page": page, "self": page, "progress": progress},
    )


def module(request: HttpRequest, page: ModulePage) -> HttpResponse:
    course_page = page.course
    learner = _learner(request)
    progress = selectors.course_progress(user=learner, course=course_page, with_checks=False)
    if learner is not None:
        before = progress.state_of(page)
        record = services.module_visit_record(user=learner, module=page, known=progress.records)
        if before is not None and not before.viewed and record.content_viewed_at:
            # The first view: from now on the outline counts this module as read.
            progress = selectors.course_progress(
                user=learner, course=course_page, with_checks=False
            )
    state = progress.state_of(page)
    position = state.number - 1 if state else 0
    return render(
        request,
        "learning/module_page.html",
        {
            "page": page,
            "self": page,
            "body": _module_body(request, page),
            "course": course_page,
            "progress": progress,
            "state": state,
            "previous": progress.modules[position - 1] if position > 0 else None,
        },
    )


def _module_body(request: HttpRequest, page: ModulePage) -> str:
    """The lesson's blocks as HTML: the same for everyone reading this version of the module."""

    def render_body() -> str:
        return render_to_string("learning/module_body.html", {"page": page}, request)

    if getattr(request, "is_preview", False):  # a draft: never shared
        return render_body()
    return until_next_edit(f"module-body:{page.pk}:{translation.get_language()}", render_body)


def _quiz_url(page: ModulePage) -> str:
    return page.url + page.reverse_subpage("quiz_view")


def _quiz_items(questions: list, chosen: dict[str, list[str]]) -> list[dict]:
    return [
        {"question": question, "chosen": set(chosen.get(question.id, []))} for question in questions
    ]


def _check_items(statements: list[dict], chosen: dict[str, str]) -> list[dict]:
    return [
        {"statement": statement, "chosen": chosen.get(statement["id"])} for statement in statements
    ]


def _posted_answers(request: HttpRequest, questions: list) -> dict[str, list[str]]:
    return {question.id: request.POST.getlist(f"q-{question.id}") for question in questions}


@never_cache
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, page: ModulePage) -> HttpResponse:
    context = {"page": page, "self": page, "course": page.course}
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(_quiz_url(page))
        return render(request, "learning/quiz_sign_in.html", context)
    if request.method == "POST":
        return _quiz_submit(request, page, context)
    try:
        attempt = services.quiz_attempt_open(user=request.user, module=page)
    except services.QuizLocked as locked:
        return render(
            request, "learning/quiz_locked.html", {**context, "available_at": locked.available_at}
        )
    return render(
        request,
        "learning/quiz.html",
        {**context, "attempt": attempt, "items": _quiz_items(page.questions(), {})},
    )


def _quiz_submit(request: HttpRequest, page: ModulePage, context: dict) -> HttpResponse:
    questions = page.questions()
    try:
        submission = services.quiz_submit(
            user=request.user,
            module=page,
            token=request.POST.get("attempt", ""),
            raw_answers=_posted_answers(request, questions),
            language=translation.get_language(),
        )
    except services.AttemptNotFound:
        messages.warning(request, _("That quiz form had expired. Here is a fresh one."))
        return _redirect(_quiz_url(page))
    except services.IncompleteAnswers as incomplete:
        missing = {question.id for question in incomplete.missing}
        return render(
            request,
            "learning/quiz.html",
            {
                **context,
                "attempt": {"token": request.POST.get("attempt", "")},
                "items": _quiz_items(questions, incomplete.answers),
                "missing": missing,
            },
            status=400,
        )
    if not submission.created:
        messages.info(request, _("You had already submitted this quiz. Here is your result."))
    result_path = page.reverse_subpage("quiz_result_view", args=[submission.result.attempt.token])
    return _redirect(page.url + result_path)


@never_cache
def quiz_result(request: HttpRequest, page: ModulePage, token: str) -> HttpResponse:
    result = get_quiz_result_for_learner(request, page, token)
    questions = page.questions()
    feedback = [
        {
            "question": question,
            "chosen": set(result.answers.get(question.id, [])),
            "correct": set(result.answers.get(question.id, [])) == question.correct_ids,
        }
        for question in questions
    ]
    course_page = page.course
    progress = selectors.course_progress(user=request.user, course=course_page)
    state = progress.state_of(page)
    following = (
        progress.modules[state.number] if state and state.number < len(progress.modules) else None
    )
    return render(
        request,
        "learning/quiz_result.html",
        {
            "page": page,
            "self": page,
            "course": course_page,
            "result": result,
            "feedback": feedback,
            "progress": progress,
            "next_state": following,
        },
    )


def _check_url(course_page: CoursePage, phase: str, results: bool = False) -> str:
    name = "knowledge_check_results_view" if results else "knowledge_check_view"
    return course_page.url + course_page.reverse_subpage(name, args=[phase])


def _require_phase(phase: str) -> None:
    if phase not in (BEFORE, AFTER):
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def knowledge_check(request: HttpRequest, page: CoursePage, phase: str) -> HttpResponse:
    _require_phase(phase)
    statements = page.statements()
    context = {"page": page, "self": page, "phase": phase}
    if not request.user.is_authenticated:
        return redirect_to_login(_check_url(page, phase))
    progress = selectors.course_progress(user=request.user, course=page)
    if phase in progress.checks:
        return _redirect(_check_url(page, phase, results=True))
    if phase == AFTER and progress.completion is None:
        return render(request, "learning/check_not_yet.html", {**context, "progress": progress})
    if request.method == "GET":
        return render(
            request,
            "learning/knowledge_check.html",
            {**context, "items": _check_items(statements, {})},
        )
    raw = {statement["id"]: request.POST.get(f"s-{statement['id']}") for statement in statements}
    try:
        services.knowledge_check_submit(
            user=request.user,
            course=page,
            phase=phase,
            raw_answers=raw,
            language=translation.get_language(),
        )
    except services.IncompleteAnswers as incomplete:
        missing = {statement["id"] for statement in incomplete.missing}
        return render(
            request,
            "learning/knowledge_check.html",
            {**context, "items": _check_items(statements, incomplete.answers), "missing": missing},
            status=400,
        )
    except services.CheckNotAvailable:
        return render(
            request, "learning/check_not_yet.html", {**context, "progress": progress}, status=409
        )
    return _redirect(_check_url(page, phase, results=True))


@never_cache
def knowledge_check_results(request: HttpRequest, page: CoursePage, phase: str) -> HttpResponse:
    _require_phase(phase)
    if not request.user.is_authenticated:
        return redirect_to_login(_check_url(page, phase, results=True))
    progress = selectors.course_progress(user=request.user, course=page)
    response = progress.checks.get(phase)
    if response is None:
        return _redirect(_check_url(page, phase))
    before = progress.checks.get(BEFORE)
    rows = []
    for statement in page.statements():
        truth = FACT if statement["is_fact"] else MYTH
        now_answer = response.answers.get(statement["id"])
        then_answer = before.answers.get(statement["id"]) if before and phase == AFTER else None
        rows.append(
            {
                "statement": statement,
                "truth": truth,
                "answer": now_answer,
                "right": now_answer == truth,
                "before": then_answer,
                "right_before": then_answer == truth if then_answer else None,
            }
        )
    return render(
        request,
        "learning/knowledge_check_results.html",
        {
            "page": page,
            "self": page,
            "phase": phase,
            "response": response,
            "before": before if phase == AFTER else None,
            "rows": rows,
            "progress": progress,
        },
    )


@never_cache
@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    courses = selectors.live_courses(language)
    return render(
        request,
        "learning/my_learning.html",
        {
            "courses": selectors.learner_courses(user=request.user, locale_courses=courses),
            "catalogue": selectors.course_catalogue(language),
        },
    )
