"""Reads the admin shares: subscriber counts and how far an issue's sending has come."""

from dataclasses import dataclass

from django.db.models import Count

from newsletter.models import STATUSES, Delivery, NewsletterIssue
from newsletter.sending import audience


def subscriber_counts() -> list[tuple[str, int]]:
    """(status label, count) for every status, zeros included."""
    from newsletter.models import Subscriber

    counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(status, 0)) for status, label in STATUSES]


@dataclass(frozen=True)
class Progress:
    sent: int
    unconfirmed: int  # claimed by a worker that stopped before it could record the send
    remaining: int


def issue_progress(issue: NewsletterIssue) -> Progress:
    deliveries = Delivery.objects.filter(issue=issue)
    sent = deliveries.filter(sent_at__isnull=False).count()
    return Progress(
        sent=sent,
        unconfirmed=deliveries.count() - sent,
        remaining=audience(issue).count(),
    )
