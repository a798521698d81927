"""The shape of the random tokens in the site's addresses and forms (secrets.token_urlsafe)."""

import re

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_token(text: str) -> bool:
    """Whether text could be one of our tokens; anything else is looked up nowhere.

    PostgreSQL refuses text holding a NUL byte with an error, so a made-up token must be
    turned away before it reaches a query, not found missing by one.
    """
    return TOKEN.fullmatch(text) is not None
