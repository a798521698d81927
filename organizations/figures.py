"""An organization's figures, kept until something they count changes.

The dashboard's totals, charts and member list are counts over all of an organization's
people: about 25 ms of queries and rendering, for a page its administrators reload often.
They are kept under a version of the organization's people, which is replaced once a
change to anything they count is committed: a membership, a referral, and a person's
progress, knowledge checks, completion, certificate or address. Figures read while such
a change was being saved stay under the old version, which nobody asks for again.

The model signals are the one place all those writes pass: the learning, certificate,
organization and account services, the admin, and the deletions that cascade from an
account. A service that writes several of a person's rows at once (a quiz pass that
completes a course, an account deletion) runs in core.aftercommit.atomic_collected(), so
their organizations are looked up once. Like the page cache, this is off when
PAGE_CACHE_SECONDS is 0.
"""

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from core.aftercommit import on_commit_for
from core.pagecache import shared_version, shared_versions_replace, until_next_edit
from organizations.models import Membership, Referral

# A person's rows the figures count.
COUNTED = (
    "learning.ModuleProgress",
    "learning.KnowledgeCheckResponse",
    "learning.CourseCompletion",
    "certificates.Certificate",
)
# Saves of only these fields change nothing the figures show.
NOT_SHOWN = frozenset({"last_visited_at", "last_login", "password"})


def kept_until_people_change(organization_id: int, key: str, compute: Callable[[], Any]) -> Any:
    """compute()'s value for this organization, until its people or an editor change it."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    version = shared_version(_version_key(organization_id))
    return until_next_edit(f"organization:{organization_id}:{version}:{key}", compute)


def _version_key(organization_id: int) -> str:
    return f"organization-people:{organization_id}"


def figures_follow_changes() -> None:
    """Called once, from OrganizationsConfig.ready()."""
    for label in COUNTED:
        _on_save_and_delete(_person_row_changed, apps.get_model(label))
    _on_save_and_delete(_person_changed, get_user_model())
    for model in (Membership, Referral):
        _on_save_and_delete(_organization_row_changed, model)


def _on_save_and_delete(receiver: Callable[..., None], model: type[Model]) -> None:
    uid = f"organization-figures:{model._meta.label}"
    post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}:delete")


def _tracked(update_fields: frozenset[str] | None) -> bool:
    shown = update_fields is None or not update_fields <= NOT_SHOWN
    return shown and settings.PAGE_CACHE_SECONDS > 0


def _person_row_changed(instance: Model, update_fields=None, **kwargs: Any) -> None:
    if _tracked(update_fields):
        on_commit_for(_organizations_of_people_changed, instance.user_id)


def _person_changed(instance: Model, update_fields=None, **kwargs: Any) -> None:
    if _tracked(update_fields):
        on_commit_for(_organizations_of_people_changed, instance.pk)


def _organization_row_changed(instance: Model, update_fields=None, **kwargs: Any) -> None:
    if _tracked(update_fields):
        on_commit_for(_organizations_changed, instance.organization_id)


def _organizations_of_people_changed(user_ids: list[int]) -> None:
    member_of = Membership.objects.filter(user_id__in=user_ids).values_list("organization_id")
    reached = Referral.objects.filter(user_id__in=user_ids).values_list("organization_id")
    _organizations_changed(sorted({pk for (pk,) in member_of.union(reached)}))


def _organizations_changed(organization_ids: list[int]) -> None:
    if organization_ids:
        shared_versions_replace([_version_key(pk) for pk in organization_ids])
