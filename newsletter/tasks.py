"""Background work of the newsletter: signup mail and sending issues."""

from django_tasks import task


@task()
def newsletter_signup_mail(subscriber_id: int) -> None:
    """The confirmation link, or the note that the address is already subscribed."""
    from newsletter.emails import signup_message
    from newsletter.models import Subscriber

    subscriber = Subscriber.objects.filter(pk=subscriber_id).exclude(email="").first()
    if subscriber is None:
        return
    signup_message(subscriber).send()


@task()
def newsletter_issue_test(issue_id: int, to: str) -> None:
    from newsletter.emails import issue_message, issue_render
    from newsletter.models import NewsletterIssue

    issue = NewsletterIssue.objects.get(pk=issue_id)
    issue_message(issue_render(issue), to=to, unsubscribe=None).send()


@task()
def newsletter_issue_send(issue_id: int) -> int:
    """Send (or resume sending) an issue to its audience."""
    from newsletter.sending import issue_deliver

    return issue_deliver(issue_id=issue_id)
