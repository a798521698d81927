"""Benchmark sending an issue: `python -m bench.newsletter [--subscribers N] [--rounds R]`.

On a throwaway database (as bench.learning), bulk-creates N confirmed subscribers, then
sends one issue to all of them the way an editor's "send" does: through the task queue
(run immediately here), in claimed batches, with the local-memory mail backend. Prints
the time, messages per second, queries, and the headers of one message as sent.
"""

import secrets
import sys
import time

from bench.learning import benchmark


def build(subscribers: int) -> None:
    from django.core.management import call_command

    from newsletter.models import SUBSCRIBED, Subscriber

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{n}@example.org",
                language="en",
                status=SUBSCRIBED,
                source="footer",
                consent_text="We will email you now and then with news and new training.",
                unsubscribe_token=secrets.token_urlsafe(24),
            )
            for n in range(subscribers)
        ],
        batch_size=5000,
    )
    print(f"data: {subscribers} confirmed subscribers in {time.perf_counter() - started:.1f} s")


BODY = (
    "<h2>What is new</h2><p>A new module on recognising the signs, and a guide for "
    'volunteers. <a href="/learn/">Start the course</a>.</p>'
    "<ul><li>Two new stories</li><li>Updated resources</li></ul>"
)


def run(rounds: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsletter.models import Delivery, NewsletterIssue
    from newsletter.services import issue_send_start

    editor = get_user_model().objects.create_user(username="editor", email="e@example.org")
    for round_number in range(1, rounds + 1):
        mail.outbox = []
        issue = NewsletterIssue.objects.create(
            subject=f"Spring update {round_number}", language="en", intro="Hello.", body=BODY
        )
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            issue_send_start(issue=issue, by=editor)
            elapsed = time.perf_counter() - started
        sent = len(mail.outbox)
        delivered = Delivery.objects.filter(issue=issue, sent_at__isnull=False).count()
        issue.refresh_from_db()
        print(
            f"round {round_number}: sent {sent} messages in {elapsed:.1f} s "
            f"({sent / elapsed:,.0f} messages/s, {elapsed / sent * 1000:.2f} ms each), "
            f"{len(captured)} queries, batch size {settings.NEWSLETTER_BATCH_SIZE}, "
            f"deliveries recorded {delivered}, issue {issue.status}"
        )
    message = mail.outbox[0].message()
    print("\nheaders of one sent message:")
    for name, value in message.items():
        print(f"  {name}: {value}")
    print(f"  parts: {', '.join(part.get_content_type() for part in message.walk())}")


if __name__ == "__main__":
    sys.exit(benchmark(__doc__, build, run, size_name="subscribers", size=50_000, rounds=1))
