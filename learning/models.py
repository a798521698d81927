"""The course as editors build it (Wagtail pages) and the learner's state (plain models).

Learner state refers to courses and modules by their Wagtail translation key, which
every language version of a page shares, so progress counts across languages.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.models import RICH_TEXT_FEATURES, SharedPrivacyMixin
from core.pagecache import until_next_edit
from learning.blocks import KnowledgeCheckBlock, ModuleBodyBlock, QuizBlock
from learning.grading import Choice, Question

BEFORE = "before"
AFTER = "after"
CHECK_PHASES = [(BEFORE, _("Before the course")), (AFTER, _("After the course"))]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CourseIndexPage(SharedPrivacyMixin, Page):
    """The catalogue at /learn/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("path")
        return context


class CoursePage(SharedPrivacyMixin, RoutablePageMixin, Page):
    summary = models.TextField(_("summary"), blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    knowledge_check_intro = models.TextField(_("knowledge check introduction"), blank=True)
    knowledge_check = StreamField(
        KnowledgeCheckBlock(), blank=True, verbose_name=_("knowledge check")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("knowledge_check_intro"), FieldPanel("knowledge_check")],
            heading=_("Knowledge check (before and after the course)"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def modules(self) -> list["ModulePage"]:
        """The live modules in order, shared until the next edit. Their lessons and quizzes,
        the bulk of each row, load only when read: outlines, progress and reports need
        titles and keys."""
        return until_next_edit(f"course-modules:{self.pk}", self._live_modules)

    def _live_modules(self) -> list["ModulePage"]:
        modules = ModulePage.objects.child_of(self).live().defer("body", "quiz")
        return list(modules.order_by("path"))

    def statements(self) -> list[dict]:
        return [
            {"id": child.id, **child.value}
            for child in self.knowledge_check
            if child.block_type == "statement"
        ]

    @path("")
    def course_view(self, request: HttpRequest) -> HttpResponse:
        from learning import views

        return views.course(request, self)

    @path("check/<str:phase>/")
    def knowledge_check_view(self, request: HttpRequest, phase: str) -> HttpResponse:
        from learning import views

        return views.knowledge_check(request, self, phase)

    @path("check/<str:phase>/results/")
    def knowledge_check_results_view(self, request: HttpRequest, phase: str) -> HttpResponse:
        from learning import views

        return views.knowledge_check_results(request, self, phase)


class ModulePage(SharedPrivacyMixin, RoutablePageMixin, Page):
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(ModuleBodyBlock(), blank=True, verbose_name=_("body"))
    quiz = StreamField(QuizBlock(), blank=True, verbose_name=_("quiz"))
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=75, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        help_text=_("Leave empty for unlimited retakes."),
    )
    retake_wait_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"), default=0
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    quiz_panels = [
        FieldPanel("quiz"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark_percent"),
                FieldPanel("max_attempts"),
                FieldPanel("retake_wait_minutes"),
            ],
            heading=_("Rules"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(quiz_panels, heading=_("Quiz")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["learning.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    @cached_property
    def course(self) -> CoursePage:
        parent_path = self.path[: -self.steplen]
        return until_next_edit(
            f"course-at:{parent_path}", lambda: CoursePage.objects.get(path=parent_path)
        )

    def questions(self) -> list[Question]:
        """The quiz's questions, read from its blocks once per page object: a submission
        reads them in the view and again in the service."""
        return list(self._questions)

    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(
            Question(
                id=child.id,
                kind=child.value["kind"],
                prompt=child.value["prompt"],
                choices=tuple(
                    Choice(
                        id=item.id,
                        text=item.value["text"],
                        correct=bool(item.value["correct"]),
                        explanation=item.value["explanation"],
                    )
                    for item in child.value["choices"].bound_blocks
                ),
            )
            for child in self.quiz
            if child.block_type == "question"
        )

    @path("")
    def module_view(self, request: HttpRequest) -> HttpResponse:
        from learning import views

        return views.module(request, self)

    @path("quiz/")
    def quiz_view(self, request: HttpRequest) -> HttpResponse:
        from learning import views

        return views.quiz(request, self)

    @path("quiz/results/<str:token>/")
    def quiz_result_view(self, request: HttpRequest, token: str) -> HttpResponse:
        from learning import views

        return views.quiz_result(request, self, token)


class ModuleProgress(models.Model):
    """What a learner has done in one module: viewed its content, passed its quiz."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    course_key = models.UUIDField()
    module_key = models.UUIDField()
    content_viewed_at = models.DateTimeField(null=True, blank=True)
    quiz_passed_at = models.DateTimeField(null=True, blank=True)
    last_visited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module_key"], name="one_progress_per_module")
        ]
        indexes = [models.Index(fields=["user", "course_key"])]

    def __str__(self) -> str:
        return f"progress {self.user_id} / {self.module_key}"

    @property
    def is_complete(self) -> bool:
        return self.content_viewed_at is not None and self.quiz_passed_at is not None


class QuizAttempt(models.Model):
    """A quiz form handed to a learner; its token makes a resubmitted form harmless."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course_key = models.UUIDField()
    module_key = models.UUIDField()
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module_key"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_attempt_per_module",
            )
        ]

    def __str__(self) -> str:
        return f"attempt {self.pk} by {self.user_id}"


class QuizResult(models.Model):
    """The graded outcome of one attempt: exactly one per attempt, enforced by the database."""

    attempt = models.OneToOneField(QuizAttempt, on_delete=models.CASCADE, related_name="result")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_results"
    )
    course_key = models.UUIDField()
    module_key = models.UUIDField()
    answers = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    language = models.CharField(max_length=12)
    submitted_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "module_key", "submitted_at"])]

    def __str__(self) -> str:
        return f"result {self.correct}/{self.total} by {self.user_id}"

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


class KnowledgeCheckResponse(models.Model):
    """A learner's myth-or-fact answers before or after the course, kept to measure learning."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_checks"
    )
    course_key = models.UUIDField()
    phase = models.CharField(max_length=10, choices=CHECK_PHASES)
    answers = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=12)
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key", "phase"], name="one_check_per_phase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase} check by {self.user_id}"


class CourseCompletion(models.Model):
    """The moment a learner completed every module of a course; other capabilities start here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course_key = models.UUIDField()
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_completion_per_course")
        ]

    def __str__(self) -> str:
        return f"completion {self.course_key} by {self.user_id}"
