"""Send an issue to its audience in batches, resumable, never twice to the same person.

Each batch is claimed first: Delivery rows for the next subscribers are written and
committed (a unique constraint on issue and subscriber backs them) before any message of
the batch goes out. Then each message is sent and the batch's sent ones are stamped.

- The mail server refuses a message (an exception): the messages not sent are released,
  the error propagates, and resuming sends them later.
- The worker dies mid-batch: its claims stay. Resuming skips them, so nobody gets the
  issue twice; the admin shows how many claims were never confirmed as sent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from newsletter.emails import Rendered, issue_message, issue_render, unsubscribe_urls
from newsletter.models import SENDING, SENT, SUBSCRIBED, Delivery, NewsletterIssue, Subscriber


@dataclass(frozen=True)
class Recipient:
    subscriber_id: int
    email: str
    unsubscribe_token: str


def audience(issue: NewsletterIssue):
    """Confirmed subscribers of the issue's language who have no delivery of it yet."""
    already = Delivery.objects.filter(issue=issue, subscriber=OuterRef("pk"))
    return (
        Subscriber.objects.filter(status=SUBSCRIBED, language=issue.language)
        .exclude(email="")
        .filter(~Exists(already))
        .order_by("pk")
    )


def _claim_batch(issue_id: int, after: int, size: int) -> list[Recipient]:
    """Write the deliveries of the next batch and commit them before anything is sent."""
    with transaction.atomic():
        # One claimer at a time per issue, so two workers resuming at once never overlap.
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue_id)
        if issue.status != SENDING:
            return []
        rows = audience(issue).filter(pk__gt=after)[:size]
        batch = [Recipient(*row) for row in rows.values_list("pk", "email", "unsubscribe_token")]
        now = timezone.now()
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber_id=r.subscriber_id, claimed_at=now) for r in batch]
        )
    return batch


def _send_batch(
    issue: NewsletterIssue, rendered: Rendered, batch: list[Recipient], connection
) -> int:
    sent: list[int] = []
    link_for = unsubscribe_urls(issue.language)
    try:
        for recipient in batch:
            link = link_for(recipient.unsubscribe_token)
            message = issue_message(rendered, to=recipient.email, unsubscribe=link)
            connection.send_messages([message])
            sent.append(recipient.subscriber_id)
    except Exception:
        done = set(sent)
        unsent = [r.subscriber_id for r in batch if r.subscriber_id not in done]
        Delivery.objects.filter(issue=issue, subscriber_id__in=unsent).delete()
        raise
    finally:
        Delivery.objects.filter(issue=issue, subscriber_id__in=sent).update(sent_at=timezone.now())
    return len(sent)


def _finish(issue_id: int) -> None:
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue_id)
        if issue.status == SENDING and not audience(issue).exists():
            issue.status = SENT
            issue.sent_at = timezone.now()
            issue.save(update_fields=["status", "sent_at"])


def issue_deliver(*, issue_id: int, batch_size: int | None = None) -> int:
    """Send the issue to everyone in its audience not yet claimed; return how many were sent."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status != SENDING:
        return 0
    size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    rendered = issue_render(issue)
    total, after = 0, 0
    with get_connection() as connection:
        while batch := _claim_batch(issue_id, after, size):
            total += _send_batch(issue, rendered, batch, connection)
            after = batch[-1].subscriber_id
    _finish(issue_id)
    return total
