"""Newsletter mail as people receive it: neutral wording, HTML and plain text, no tracking.

An inbox may be shared with someone who should not learn what the reader is interested in,
so subjects and senders stay plain, and nothing in a message loads from the web when opened.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.rich_text import expand_db_html

from certificates.links import absolute_url
from newsletter.models import NewsletterIssue, Subscriber
from newsletter.tokens import confirmation_token

# Rendered once per issue; each recipient's own unsubscribe address replaces it.
UNSUBSCRIBE_PLACEHOLDER = "newsletter-unsubscribe-placeholder"
ONE_CLICK = "List-Unsubscribe=One-Click"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def unsubscribe_url(token: str) -> str:
    return absolute_url(reverse("newsletter_unsubscribe", kwargs={"token": token}))


def unsubscribe_urls(language: str) -> Callable[[str], str]:
    """Unsubscribe addresses in a language, reversed once: a send builds thousands of them."""
    with translation.override(language):
        pattern = unsubscribe_url(UNSUBSCRIBE_PLACEHOLDER)
    return lambda token: pattern.replace(UNSUBSCRIBE_PLACEHOLDER, token)


def _absolute_links(html: str) -> str:
    """Rich text links to our own pages are root-relative; a mail client needs the full address."""
    return re.sub(r'(href|src)="/(?!/)', lambda m: f'{m.group(1)}="{absolute_url("/")}', html)


class _TextParser(HTMLParser):
    """Plain text of rich text: blocks and list items on their own lines, link addresses kept."""

    BLOCKS = {"p", "h2", "h3", "h4", "li", "ol", "ul", "hr", "br", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n" if tag not in {"li", "br"} else "\n")
        if tag == "li":
            self.parts.append("- ")
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _issue_context(issue: NewsletterIssue, unsubscribe: str) -> dict:
    body_html = _absolute_links(expand_db_html(issue.body))
    return {
        "issue": issue,
        "body_html": body_html,
        "body_text": html_to_text(body_html),
        "unsubscribe_url": unsubscribe,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": absolute_url("/"),
    }


def issue_render(issue: NewsletterIssue) -> Rendered:
    """The issue in its language, a placeholder where each recipient's unsubscribe link goes."""
    with translation.override(issue.language):
        context = _issue_context(issue, UNSUBSCRIBE_PLACEHOLDER)
        return Rendered(
            subject=issue.subject,
            text=render_to_string("newsletter/email/issue.txt", context),
            html=render_to_string("newsletter/email/issue.html", context),
        )


def issue_preview(issue: NewsletterIssue) -> Rendered:
    """What an editor sees: the real issue, its unsubscribe link leading to the signup page."""
    rendered = issue_render(issue)
    signup = absolute_url(reverse("newsletter_signup"))
    return Rendered(
        subject=rendered.subject,
        text=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, signup),
        html=rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(signup)),
    )


def issue_message(
    rendered: Rendered, *, to: str, unsubscribe: str | None, connection=None
) -> EmailMultiAlternatives:
    """One recipient's copy. With an unsubscribe address, the RFC 8058 one-click headers too."""
    link = unsubscribe or absolute_url(reverse("newsletter_signup"))
    headers = {}
    if unsubscribe:
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": ONE_CLICK}
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, link),
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(
        rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(link)), "text/html"
    )
    return message


def signup_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The answer to a signup: a confirmation link, or, already subscribed, a note saying so.

    Both have the same subject and sender, so nobody watching an inbox or a mail log learns
    more from one than the other.
    """
    with translation.override(subscriber.language):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, "subscriber": subscriber}
        if subscriber.status == "subscribed":
            context["unsubscribe_url"] = unsubscribe_url(subscriber.unsubscribe_token)
            template = "newsletter/email/already_subscribed"
        else:
            token = confirmation_token(subscriber.confirmation_key)
            context["confirm_url"] = absolute_url(
                reverse("newsletter_confirm", kwargs={"token": token})
            )
            context["days"] = settings.NEWSLETTER_CONFIRM_DAYS
            template = "newsletter/email/confirm"
        subject = render_to_string("newsletter/email/signup_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[subscriber.email])
    message.attach_alternative(html, "text/html")
    return message
