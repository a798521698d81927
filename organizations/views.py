"""Views of organizations: joining, members' own memberships, the admins' dashboard, reach."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates.links import absolute_url
from core.spreadsheets import spreadsheet_safe
from organizations import charts, selectors, services
from organizations.access import (
    get_link_for_admin,
    get_link_for_visitor,
    get_membership_for_member,
    get_organization_for_admin,
    get_organization_reach,
)
from organizations.figures import kept_until_people_change
from organizations.forms import JoinForm, LinkForm
from organizations.models import SHARE, InviteLink, Organization

SEE_OTHER = 303
GONE = 410


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = SEE_OTHER
    return response


def _unavailable(request: HttpRequest, link: InviteLink, reason: str) -> HttpResponse:
    context = {"organization": link.organization, "reason": reason}
    return render(request, "organizations/join_unavailable.html", context, status=GONE)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """/join/<token>/: a share link welcomes a visitor; a join link asks for consent."""
    link = get_link_for_visitor(token)
    reason = link.unavailable_reason()
    if reason is not None:
        return _unavailable(request, link, reason)
    if link.purpose == SHARE:
        return _share_welcome(request, link)
    if not request.user.is_authenticated:
        return render(request, "organizations/join_sign_in.html", {"link": link})
    form = JoinForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.membership_join(
                user=request.user, link=link, consent=form.cleaned_data["consent"]
            )
        except services.LinkUnavailable as refused:
            return _unavailable(request, link, refused.reason)
        messages.success(request, _("You joined %(name)s.") % {"name": link.organization.name})
        return _see_other(reverse("my_organizations"))
    return render(request, "organizations/join.html", {"link": link, "form": form})


def _share_welcome(request: HttpRequest, link: InviteLink) -> HttpResponse:
    """Remember the link for this visit, so a sign-up credits the organization."""
    if not request.user.is_authenticated:
        request.session[services.REFERRAL_SESSION_KEY] = link.token
    return render(request, "organizations/share_welcome.html", {"link": link})


@login_required
@never_cache
def my_organizations(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organization").order_by(
        "organization__name"
    )
    return render(request, "organizations/my_organizations.html", {"memberships": memberships})


@require_POST
@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_for_member(request, slug)
    try:
        services.membership_leave(membership=membership)
    except services.LastAdmin:
        messages.error(
            request,
            _("You are the only administrator of %(name)s. Invite another administrator first.")
            % {"name": membership.organization.name},
        )
    else:
        messages.success(request, _("You left %(name)s.") % {"name": membership.organization.name})
    return _see_other(reverse("my_organizations"))


@require_POST
@login_required
def consent(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_for_member(request, slug)
    sharing = request.POST.get("consent") == "yes"
    services.membership_consent_set(membership=membership, consent=sharing)
    if sharing:
        note = _("%(name)s now sees your training progress.")
    else:
        note = _("%(name)s no longer sees your training progress.")
    messages.success(request, note % {"name": membership.organization.name})
    return _see_other(reverse("my_organizations"))


def _monthly_bars(organization, course) -> list[charts.Bar]:
    """Columns labelled "Jan", "Feb"…; the table alternative says "Jan 2026"."""
    months = selectors.trained_per_month(organization, course)
    return charts.column_bars(
        [(date_format(month, "M"), count) for month, count in months],
        long_labels=[date_format(month, "M Y") for month, _count in months],
    )


@login_required
@never_cache
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for_admin(request, slug)
    number = _page_number(request.GET.get("page"))
    month = timezone.localtime().strftime("%Y-%m")  # the monthly chart ends with this month
    figures = kept_until_people_change(
        organization.pk,
        f"dashboard:{get_language()}:{month}:{number}",
        lambda: _dashboard_figures(organization, number),
    )
    context = {"organization": organization, "figures": figures}
    return render(request, "organizations/dashboard.html", context)


def _page_number(asked: str | None) -> int:
    """The member list's page; anything but a positive number asks for the first."""
    try:
        return max(int(asked or 1), 1)
    except ValueError:
        return 1


def _dashboard_figures(organization: Organization, number: int) -> str:
    """Totals, charts and one page of the member list, as HTML."""
    course = selectors.primary_course()
    funnel = selectors.module_funnel(organization, course)
    page, rows = selectors.member_page(organization, course, number)
    context = {
        "course": course,
        "module_count": len(funnel),
        "totals": selectors.totals(organization, course),
        "monthly": _monthly_bars(organization, course),
        "funnel": charts.row_bars(funnel),
        "chart": charts.frame(),
        "funnel_chart": charts.frame(rows=len(funnel)),
        "page": page,
        "rows": rows,
    }
    return render_to_string("organizations/dashboard_figures.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def report(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The member report as CSV: only members who share their progress."""
    organization = get_organization_for_admin(request, slug)
    course = selectors.primary_course()
    writer = csv.writer(_Echo())
    header = [
        _("email"),
        _("joined"),
        _("modules completed"),
        _("check before"),
        _("check after"),
        _("completed"),
        _("certificate"),
    ]

    def rows():
        yield writer.writerow(header)
        for row in selectors.member_report(organization, course):
            yield writer.writerow(
                [
                    spreadsheet_safe(value)
                    for value in (
                        row.membership.user.email,
                        row.membership.joined_at.date().isoformat(),
                        row.modules_done,
                        row.before.correct if row.before else "",
                        row.after.correct if row.after else "",
                        row.completed_at.date().isoformat() if row.completed_at else "",
                        row.certificate.display_code if row.certificate else "",
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organization.slug}-members.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def links(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for_admin(request, slug)
    form = LinkForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.invite_link_create(
            organization=organization, by=request.user, **form.link_options()
        )
        messages.success(request, _("The link is ready to share."))
        return _see_other(reverse("organization_links", args=[slug]))
    items = [
        {"link": link, "url": absolute_url(reverse("join", args=[link.token]))}
        for link in organization.links.all()
    ]
    context = {"organization": organization, "form": form, "items": items}
    return render(request, "organizations/links.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def link_revoke(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    link = get_link_for_admin(request, slug, token)
    services.invite_link_revoke(link=link)
    messages.success(request, _("The link no longer works."))
    return _see_other(reverse("organization_links", args=[slug]))


@require_GET
def reach(request: HttpRequest, slug: str) -> HttpResponse:
    """Public, opt-in: how many people the organization has trained. No personal data."""
    organization = get_organization_reach(slug)
    course = selectors.primary_course()
    totals = selectors.totals(organization, course)
    context = {
        "organization": organization,
        "course": course,
        "trained": totals.trained,
        "certificates": totals.certificates,
        "monthly": _monthly_bars(organization, course),
        "chart": charts.frame(),
    }
    return render(request, "organizations/reach.html", context)
