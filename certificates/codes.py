"""Certificate codes: unguessable, and readable aloud or from paper.

The alphabet leaves out characters people confuse in print (0/O, 1/I/L) and U.
28 characters of 30 symbols carry 137 bits from the operating system's random source.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 28
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-]+")


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_display(code: str) -> str:
    """ABCD-EFGH-…: the form printed, shown and used in URLs."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def code_parse(text: str) -> str | None:
    """The stored form of what someone typed or followed, or None if it cannot be a code."""
    code = _SEPARATORS.sub("", text or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
