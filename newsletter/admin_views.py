"""The admin page where an editor sends an issue: a test to themselves, then to everyone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsletter import selectors, services
from newsletter.models import NewsletterIssue


def _send_test(request: HttpRequest, issue: NewsletterIssue) -> None:
    if not request.user.email:
        messages.error(request, _("Your account has no email address to send the test to."))
        return
    services.issue_send_test(issue=issue, to=request.user.email)
    messages.success(
        request, _("A test is on its way to %(email)s.") % {"email": request.user.email}
    )


def _send_to_subscribers(request: HttpRequest, issue: NewsletterIssue) -> None:
    if not request.user.has_perm("newsletter.send_newsletterissue"):
        raise PermissionDenied
    try:
        services.issue_send_start(issue=issue, by=request.user)
    except services.AlreadySent:
        messages.error(request, _("This issue has already been sent."))
        return
    messages.success(request, _("Sending '%(subject)s'.") % {"subject": issue.subject})


@require_http_methods(["GET", "POST"])
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("newsletter.change_newsletterissue"):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            _send_test(request, issue)
        elif action == "send":
            _send_to_subscribers(request, issue)
        return redirect("newsletter_issue_send", pk=issue.pk)
    context = {
        "issue": issue,
        "progress": selectors.issue_progress(issue),
        "can_send": request.user.has_perm("newsletter.send_newsletterissue"),
        "header_title": _("Send '%(subject)s'") % {"subject": issue.subject},
    }
    return TemplateResponse(request, "newsletter/admin/send.html", context)
