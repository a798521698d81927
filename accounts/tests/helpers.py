"""A second factor for test people, with codes computed independently of allauth (RFC 6238)."""

import base64
import hashlib
import hmac
import struct
import time
from datetime import UTC, datetime

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


def at(second: int) -> datetime:
    """A distinct moment per field, so the export test can tell each value apart."""
    return datetime(2026, 3, 2, 10, 0, second, tzinfo=UTC)


PROBE_NAME = "Alicia Quintana-Whitfield"


def give_one_row_of_everything(user: AbstractBaseUser, course) -> None:
    """One row, with a distinct value in every personal field, of each model the account
    export covers (core/privacy.py): what the export test looks for in the export."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from wagtail.users.models import UserProfile

    from accounts.models import Profile
    from certificates.models import Certificate
    from learning.models import (
        CourseCompletion,
        KnowledgeCheckResponse,
        ModuleProgress,
        QuizAttempt,
        QuizResult,
    )
    from newsletter.models import PAGE, SUBSCRIBED, Delivery, NewsletterIssue, Subscriber
    from organizations.models import ADMIN, JOIN, InviteLink, Membership, Organization, Referral

    user.first_name, user.last_name = "Alicia", "Quintana-Whitfield"
    user.date_joined, user.last_login = at(0), at(1)
    user.save(update_fields=["first_name", "last_name", "date_joined", "last_login"])
    Profile.objects.create(user=user, language="es")
    module = course.modules()[0]
    keys = {"course_key": course.translation_key, "module_key": module.translation_key}
    ModuleProgress.objects.create(
        user=user, **keys, content_viewed_at=at(2), quiz_passed_at=at(3), last_visited_at=at(4)
    )
    attempt = QuizAttempt.objects.create(user=user, **keys, submitted_at=at(5))
    QuizResult.objects.create(
        attempt=attempt,
        user=user,
        **keys,
        answers={"question-probe": ["choice-probe"]},
        correct=3,
        total=4,
        passed=True,
        language="es",
        submitted_at=at(6),
    )
    KnowledgeCheckResponse.objects.create(
        user=user,
        course_key=course.translation_key,
        phase="before",
        answers={"statement-probe": "myth"},
        correct=5,
        total=7,
        language="es",
        submitted_at=at(7),
    )
    CourseCompletion.objects.create(
        user=user, course_key=course.translation_key, completed_at=at(8)
    )
    Certificate.objects.create(
        user=user,
        course_key=course.translation_key,
        course_title="Human Trafficking 101 (probe)",
        language="es",
        completed_at=at(8),
        issued_at=at(9),
        recipient_name=PROBE_NAME,
        show_name_publicly=True,
        revoked_at=at(10),
        revocation_reason="Issued to the wrong person (probe)",
    )
    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    Membership.objects.create(
        organization=organization, user=user, role=ADMIN, consent_given_at=at(11), joined_at=at(12)
    )
    InviteLink.objects.create(
        organization=organization,
        created_by=user,
        purpose=JOIN,
        label="Spring drive (probe)",
        created_at=at(13),
    )
    Referral.objects.create(user=user, organization=organization, created_at=at(14))
    subscriber = Subscriber.objects.create(
        email=user.email,
        language="es",
        status=SUBSCRIBED,
        source=PAGE,
        consent_text="Yes, email me (probe).",
        consent_given_at=at(15),
        created_at=at(16),
        confirmed_at=at(17),
        unsubscribed_at=at(18),
    )
    issue = NewsletterIssue.objects.create(subject="Spring news", language="es", body="<p>Hi</p>")
    Delivery.objects.create(issue=issue, subscriber=subscriber, claimed_at=at(19), sent_at=at(20))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language, profile.current_time_zone = "es", "America/Chicago"
    profile.theme, profile.contrast, profile.density = "dark", "more_contrast", "snug"
    profile.save()
    authenticator = give_second_factor(user).authenticator_set.get()
    authenticator.last_used_at = at(21)
    authenticator.save(update_fields=["last_used_at"])
    sign_in = {"username": user.email, "path_info": "/account/login/", "http_accept": "text/html"}
    AccessAttempt.objects.create(
        **sign_in,
        ip_address="203.0.113.41",
        user_agent="ProbeBrowser/1.0",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessFailureLog.objects.create(
        **sign_in, ip_address="203.0.113.42", user_agent="ProbeBrowser/2.0", locked_out=False
    )
    AccessLog.objects.create(
        **sign_in,
        ip_address="203.0.113.43",
        user_agent="ProbeBrowser/3.0",
        logout_time=at(25),
        session_hash="probe-session-hash",
    )
