"""The people, the world and the URL inventory the authorization matrix runs against."""

import re
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models

from accounts.tests.helpers import give_second_factor, make_staff
from blog.tests.helpers import make_blog, make_category, make_post
from certificates.tests.helpers import complete_course, named
from core.models import StandardPage
from learning.tests.helpers import make_learner, right_answers, take_quiz
from newsletter.models import Subscriber
from newsletter.tokens import confirmation_token
from organizations.models import ADMIN, MEMBER, InviteLink, Membership, Organization

ROLES = (
    "anonymous",
    "learner_a",
    "learner_b",
    "member_x",
    "admin_x",
    "admin_y",
    "editor",
    "staff",
)

# Where a URL names no view of ours: the admin trees are swept pattern by pattern.
ADMIN_PREFIXES = ("admin/", "django-admin/")


@dataclass(frozen=True)
class Route:
    """One thing the site answers: a URL pattern, or a route of a Wagtail page type."""

    key: str
    pattern: str


def url_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            part = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            yield from _walk(entry.url_patterns, prefix + part, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or str(entry.pattern)
            key = f"{namespace}:{name}" if namespace else name
            yield Route(key=key, pattern=prefix + str(entry.pattern))


def page_routes() -> list[Route]:
    """Every concrete page type, and every sub-route of a routable one."""
    routes = []
    for model in get_page_models():
        if model is Page:
            continue
        label = model.__name__
        subpages = getattr(model, "get_subpage_urls", list)()
        if not subpages:
            routes.append(Route(key=f"page:{label}", pattern=label))
        for pattern in subpages:
            if pattern.name != "index_route":  # the mixin's default, which "" routes replace
                routes.append(
                    Route(key=f"page:{label}:{pattern.name}", pattern=str(pattern.pattern))
                )
    return routes


def sample_url(pattern: str) -> str:
    """A concrete URL for a pattern of the admin trees, with a placeholder for each argument."""
    url = re.sub(r"<int:\w+>", "1", pattern)
    url = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", url)
    url = re.sub(r"<(?:\w+:)?\w+>", "x", url)
    url = url.removeprefix("^").removesuffix("$")
    url = re.sub(r"\(\?P<\w+>\\d\+\)|\(\\d\+\)", "1", url)
    url = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "x", url)
    url = url.replace("\\", "")
    return "/" + url


@dataclass
class World:
    """Two organizations X and Y, two learners, an editor, staff, and things to ask for."""

    people: dict
    values: dict


def build_world(course) -> World:
    org_x = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    org_y = Organization.objects.create(name="Hilltop Partners", slug="hilltop", public_reach=True)
    learner_a = make_learner("alice@example.org")
    member_x = make_learner("mia@example.org")
    admin_x = give_second_factor(make_learner("bob@example.org"))
    admin_y = give_second_factor(make_learner("dana@example.org"))
    Membership.objects.create(
        organization=org_x, user=member_x, role=MEMBER, consent_given_at="2026-01-05T10:00:00Z"
    )
    Membership.objects.create(organization=org_x, user=admin_x, role=ADMIN)
    Membership.objects.create(organization=org_y, user=admin_y, role=ADMIN)
    people = {
        "anonymous": None,
        "learner_a": learner_a,
        "learner_b": make_learner("charlie@example.org"),
        "member_x": member_x,
        "admin_x": admin_x,
        "admin_y": admin_y,
        "editor": _editor(),
        "staff": give_second_factor(make_staff("staff@example.org")),
    }
    return World(people=people, values=_values(course, learner_a, org_x, admin_x))


def _editor():
    """A Wagtail editor: the admin, without being staff of the Django admin."""
    user = give_second_factor(make_learner("editor@example.org"))
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _values(course, learner_a, org_x, admin_x) -> dict:
    from django.test import Client

    module = course.modules()[0]
    client = Client()
    client.force_login(learner_a)
    take_quiz(client, module, right_answers(module))
    result = learner_a.quiz_results.get()
    certificate = named(complete_course(learner_a, course), public=True)
    blog = make_blog()
    category = make_category("Stories", "stories")
    post = make_post(blog, "A survivor's story", categories=(category,))
    document = get_document_model().objects.create(
        title="Hotline poster", file=ContentFile(b"%PDF-1.4\n", name="poster.pdf")
    )
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="en", source="page", confirmation_key="k" * 32
    )
    return {
        "course": course.url,
        "module": module.url,
        "result": result.attempt.token,
        "code": certificate.code,
        "display_code": certificate.display_code,
        "blog": blog.url,
        "category": category.slug,
        "post": post.url,
        "document": f"{document.pk}/{document.filename}",
        "join": InviteLink.objects.create(organization=org_x, created_by=admin_x).token,
        "share": InviteLink.objects.create(
            organization=org_x, created_by=admin_x, purpose="share"
        ).token,
        "unsubscribe": subscriber.unsubscribe_token,
        "confirm": confirmation_token(subscriber.confirmation_key),
        "standard": StandardPage.objects.filter(locale__language_code="en").first().url,
        "course_index": course.get_parent().url,
    }
