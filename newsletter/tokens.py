"""The signed, expiring token in a confirmation link."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "newsletter.confirm"


class LinkExpired(Exception):
    """The link was genuine but is older than NEWSLETTER_CONFIRM_DAYS."""


class LinkInvalid(Exception):
    """The link was altered, truncated or never issued here."""


def confirmation_token(key: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign(key)


def confirmation_key(token: str) -> str:
    """The subscriber's confirmation key from a token this site signed and that is still fresh."""
    max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    try:
        return signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
