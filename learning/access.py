"""One access helper per protected thing in learning."""

from django.http import Http404, HttpRequest

from core.tokens import is_token
from learning.models import ModulePage, QuizResult


def get_quiz_result_for_learner(request: HttpRequest, module: ModulePage, token: str) -> QuizResult:
    """The result behind a results URL, only for the learner who took it; 404 for anyone else."""
    if not request.user.is_authenticated or not is_token(token):
        raise Http404
    result = (
        QuizResult.objects.select_related("attempt")
        .filter(attempt__token=token, user=request.user, module_key=module.translation_key)
        .first()
    )
    if result is None:
        raise Http404
    return result
