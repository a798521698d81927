"""The blocks editors build course modules and quizzes from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.models import RICH_TEXT_FEATURES

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
QUESTION_KINDS = [
    (SINGLE, _("One answer")),
    (MULTIPLE, _("Several answers (select all that apply)")),
    (TRUE_FALSE, _("Myth or fact")),
]


class VideoBlock(blocks.StructBlock):
    """A short video: a file we host, or an outside address that loads only after a click."""

    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(
        required=False, label=_("video file"), help_text=_("A WebM or MP4 file hosted here.")
    )
    url = blocks.URLBlock(
        required=False,
        label=_("outside video address"),
        help_text=_("Used when there is no file. Loads only when the viewer clicks play."),
    )
    captions = DocumentChooserBlock(required=False, label=_("captions (WebVTT)"))
    transcript = blocks.ListBlock(
        blocks.TextBlock(label=_("paragraph")),
        label=_("transcript"),
        help_text=_("The full narration, always shown under the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video.html"


class SurvivorStoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    content_note = blocks.CharBlock(
        label=_("content note"), help_text=_("What the story touches on, shown before it.")
    )
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("story"))
    composite_note = blocks.CharBlock(
        required=False,
        label=_("composite note"),
        help_text=_("Say so when the story is a composite or names are changed."),
    )

    class Meta:
        icon = "user"
        label = _("Survivor story")
        template = "learning/blocks/survivor_story.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("case"))
    questions_to_consider = blocks.ListBlock(
        blocks.CharBlock(label=_("question")), label=_("questions to consider")
    )
    composite_note = blocks.CharBlock(required=False, label=_("composite note"))

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "learning/blocks/case_study.html"


class KeyTakeawaysBlock(blocks.StructBlock):
    points = blocks.ListBlock(blocks.CharBlock(label=_("point")), label=_("points"))

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "learning/blocks/key_takeaways.html"


class ModuleBodyBlock(blocks.StreamBlock):
    video = VideoBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    survivor_story = SurvivorStoryBlock()
    case_study = CaseStudyBlock()
    key_takeaways = KeyTakeawaysBlock()


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(required=False, label=_("correct"))
    explanation = blocks.TextBlock(
        label=_("explanation"), help_text=_("Why this answer is right or wrong.")
    )


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=QUESTION_KINDS, default=SINGLE, label=_("kind"))
    prompt = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, label=_("answers"))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        cleaned = super().clean(value)
        correct = sum(1 for choice in cleaned["choices"] if choice["correct"])
        if cleaned["kind"] == MULTIPLE and correct < 1:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": _("Mark at least one answer as correct.")}
            )
        if cleaned["kind"] != MULTIPLE and correct != 1:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": _("Mark exactly one answer as correct.")}
            )
        return cleaned


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()


class StatementBlock(blocks.StructBlock):
    """A myth-or-fact statement of the knowledge check."""

    statement = blocks.TextBlock(label=_("statement"))
    is_fact = blocks.BooleanBlock(required=False, label=_("this is a fact"))
    explanation = blocks.TextBlock(label=_("explanation"))

    class Meta:
        icon = "help"
        label = _("Statement")


class KnowledgeCheckBlock(blocks.StreamBlock):
    statement = StatementBlock()
