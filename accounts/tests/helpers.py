"""A second factor for test people, with codes computed independently of allauth (RFC 6238)."""

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AbstractBaseUser

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_second_factor(user: AbstractBaseUser, secret: str = SECRET) -> AbstractBaseUser:
    TOTP.activate(user, secret)
    return user


def totp_code(secret: str = SECRET, *, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows now: HMAC-SHA1 over 30-second steps."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def make_staff(email: str) -> AbstractBaseUser:
    """A superuser with a confirmed address and, as yet, no second factor."""
    from learning.tests.helpers import make_learner

    user = make_learner(email)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user
