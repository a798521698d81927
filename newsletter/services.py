"""Writes of the newsletter: sign up, confirm, unsubscribe, erase, and start sending an issue."""

import hashlib
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletter import tasks
from newsletter.models import (
    DRAFT,
    PENDING,
    SENDING,
    SUBSCRIBED,
    UNSUBSCRIBED,
    NewsletterIssue,
    Subscriber,
    random_token,
)


class AlreadySent(Exception):
    """An issue goes out once; a sent issue cannot be sent again."""


def email_normalize(email: str) -> str:
    return email.strip().lower()


def _mail_allowed(email: str) -> bool:
    """At most one signup mail per address and interval, whoever asks and from wherever:
    the form cannot be used to flood someone's inbox. The same for every status, so it
    reveals nothing about the address."""
    digest = hashlib.sha256(email.encode()).hexdigest()
    return cache.add(f"newsletter:mailed:{digest}", 1, timeout=settings.NEWSLETTER_MAIL_INTERVAL)


def _subscriber_for_update(email: str, defaults: dict) -> tuple[Subscriber, bool]:
    """The row for this address, locked; created if new. Parallel signups end with one row."""
    existing = Subscriber.objects.select_for_update().filter(email=email).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, **defaults), True
    except IntegrityError:  # a parallel signup created it first
        return Subscriber.objects.select_for_update().get(email=email), False


def subscriber_signup(*, email: str, language: str, source: str, consent_text: str) -> None:
    """Record a signup and mail the address; what happens is the same whatever its status.

    New, pending or unsubscribed: the consent given now is recorded and a confirmation link
    is mailed. Already subscribed: nothing changes (a stranger may have typed the address)
    and the mail says so. The caller learns nothing either way.
    """
    email = email_normalize(email)
    now = timezone.now()
    consent = {
        "language": language,
        "source": source,
        "consent_text": str(consent_text),
        "consent_given_at": now,
    }
    with transaction.atomic():
        subscriber, created = _subscriber_for_update(
            email, {**consent, "created_at": now, "confirmation_key": random_token()}
        )
        if not created and subscriber.status != SUBSCRIBED:
            for field, value in consent.items():
                setattr(subscriber, field, value)
            subscriber.status = PENDING
            subscriber.confirmation_key = subscriber.confirmation_key or random_token()
            subscriber.save(update_fields=[*consent, "status", "confirmation_key"])
        if _mail_allowed(email):
            transaction.on_commit(partial(tasks.newsletter_signup_mail.enqueue, subscriber.pk))


def subscriber_confirm(*, key: str) -> Subscriber | None:
    """Confirm the subscription a link was sent for; None if the link no longer applies."""
    if not key:
        return None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(confirmation_key=key).first()
        if subscriber is None or subscriber.status == SUBSCRIBED:
            return subscriber
        subscriber.status = SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscriber


def _unsubscribe(subscriber: Subscriber, now) -> list[str]:
    subscriber.confirmation_key = ""
    if subscriber.status == UNSUBSCRIBED:
        return ["confirmation_key"]
    subscriber.status = UNSUBSCRIBED
    subscriber.unsubscribed_at = now
    return ["status", "unsubscribed_at", "confirmation_key"]


def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    """Stop all mail to the subscriber with this token; repeating it changes nothing."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(unsubscribe_token=token).first()
        if subscriber is None:
            return None
        subscriber.save(update_fields=_unsubscribe(subscriber, timezone.now()))
    return subscriber


def subscriber_erase(*, subscriber: Subscriber) -> Subscriber:
    """On request: forget the address, keep the consent record (when, which form, wording)."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        now = timezone.now()
        fields = _unsubscribe(locked, now)
        locked.email = ""
        locked.erased_at = locked.erased_at or now
        locked.save(update_fields=[*fields, "email", "erased_at"])
    return locked


def issue_send_test(*, issue: NewsletterIssue, to: str) -> None:
    """Send the issue to one address (the editor's own), outside the subscriber list."""
    transaction.on_commit(partial(tasks.newsletter_issue_test.enqueue, issue.pk, to))


def issue_send_start(*, issue: NewsletterIssue, by: AbstractBaseUser) -> NewsletterIssue:
    """Queue the issue for every confirmed subscriber of its language, or resume a sending.

    Resuming is safe at any time: deliveries already claimed are never sent again.
    """
    with transaction.atomic():
        locked = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.status not in {DRAFT, SENDING}:
            raise AlreadySent
        if locked.status == DRAFT:
            locked.status = SENDING
            locked.send_started_at = timezone.now()
            locked.send_started_by = by
            locked.save(update_fields=["status", "send_started_at", "send_started_by"])
        transaction.on_commit(partial(tasks.newsletter_issue_send.enqueue, locked.pk))
    return locked
