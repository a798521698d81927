"""Writes of the certificates capability: issue, name, revoke."""

from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.selectors import language_preference
from certificates.models import Certificate
from certificates.tasks import certificate_issued_notify
from core.pagecache import page_cache_purge
from learning.models import CourseCompletion, CoursePage


class AlreadyRevoked(Exception):
    """A revoked certificate keeps its first revocation date and reason."""


def certificate_issue(*, completion: CourseCompletion, course: CoursePage) -> Certificate:
    """The learner's certificate for a completed course, issued on the first call only.

    Called inside the completion's transaction; the unique constraint on learner and
    course settles parallel completions, and the notice is sent once the data is committed.
    """
    existing = Certificate.objects.filter(
        user_id=completion.user_id, course_key=completion.course_key
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user_id=completion.user_id,
                course_key=completion.course_key,
                course_title=course.title,
                language=language_preference(completion.user) or translation.get_language(),
                completed_at=completion.completed_at,
                issued_at=timezone.now(),
            )
    except IntegrityError:  # a parallel completion issued it first
        return Certificate.objects.get(user_id=completion.user_id, course_key=completion.course_key)
    transaction.on_commit(partial(certificate_issued_notify.enqueue, certificate.pk))
    return certificate


def certificate_name_set(*, certificate: Certificate, name: str, show_publicly: bool) -> None:
    """The learner's choice of the name printed on the certificate and shown to verifiers."""
    certificate.recipient_name = " ".join(name.split())
    certificate.show_name_publicly = show_publicly and bool(certificate.recipient_name)
    certificate.save(update_fields=["recipient_name", "show_name_publicly"])
    page_cache_purge()  # the public verification page shows the name, or says it is private


def certificate_revoke(
    *, certificate: Certificate, reason: str, by: AbstractBaseUser | None
) -> Certificate:
    """Mark a certificate revoked, with the reason; it stays for verifiers to see as revoked."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.is_revoked:
            raise AlreadyRevoked
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason.strip()
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        page_cache_purge()  # a verifier must see "revoked" on the very next request
    return locked
