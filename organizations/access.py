"""One access helper per protected thing in organizations. Anything refused is a 404."""

from django.http import Http404, HttpRequest

from accounts.access import require_second_factor
from core.tokens import is_token
from organizations.models import ADMIN, InviteLink, Membership, Organization


def get_organization_for_admin(request: HttpRequest, slug: str) -> Organization:
    """The organization, only for its administrators: its dashboard, report and links."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organization")
        .filter(organization__slug=slug, user=request.user, role=ADMIN)
        .first()
    )
    if membership is None:
        raise Http404
    require_second_factor(request)
    return membership.organization


def get_link_for_admin(request: HttpRequest, slug: str, token: str) -> InviteLink:
    organization = get_organization_for_admin(request, slug)
    if not is_token(token):
        raise Http404
    link = InviteLink.objects.filter(organization=organization, token=token).first()
    if link is None:
        raise Http404
    return link


def get_membership_for_member(request: HttpRequest, slug: str) -> Membership:
    """The signed-in person's own membership of the organization."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organization")
        .filter(organization__slug=slug, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_organization_reach(slug: str) -> Organization:
    """An organization whose admins chose to publish its reach; no personal data follows."""
    organization = Organization.objects.filter(slug=slug, public_reach=True).first()
    if organization is None:
        raise Http404
    return organization


def get_link_for_visitor(token: str) -> InviteLink:
    """Any link by its token (usable or not: the page says why it cannot be used)."""
    if not is_token(token):
        raise Http404
    link = InviteLink.objects.select_related("organization").filter(token=token).first()
    if link is None:
        raise Http404
    return link
