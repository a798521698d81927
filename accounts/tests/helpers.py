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


def give_staff_records(user: AbstractBaseUser, page) -> None:
    """One row of each admin record that names its author: what deleting them must clear."""
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import (
        Comment,
        CommentReply,
        PageSubscription,
        Task,
        TaskState,
        UploadedFile,
        Workflow,
        WorkflowState,
    )

    from newsletter.models import NewsletterIssue

    page_type = ContentType.objects.get_for_model(page)
    on_page = {"content_type": page_type, "object_id": str(page.pk)}
    revision = page.save_revision(user=user)
    comment = Comment.objects.create(
        page=page, user=user, text="Quintana: check the date", contentpath="title", position=""
    )
    CommentReply.objects.create(comment=comment, user=user, text="Quintana: done")
    PageSubscription.objects.create(user=user, page=page, comment_notifications=True)
    EditingSession.objects.create(user=user, **on_page, last_seen_at=timezone.now())
    FormState.objects.create(
        user=user, **on_page, parent_object_id="", data="{}", last_updated_at=timezone.now()
    )
    Document.objects.create(title="Handbook", file="documents/handbook.pdf", uploaded_by_user=user)
    Image.objects.create(
        title="Banner", file="original_images/banner.png", width=8, height=8, uploaded_by_user=user
    )
    UploadedFile.objects.create(file="wagtail_uploads/banner.png", uploaded_by_user=user)
    workflow = Workflow.objects.create(name="Review")
    task = Task.objects.create(name="Check")
    state = WorkflowState.objects.create(
        **on_page, base_content_type=page_type, workflow=workflow, requested_by=user
    )
    TaskState.objects.create(
        workflow_state=state,
        revision=revision,
        task=task,
        comment="",
        content_type=ContentType.objects.get_for_model(TaskState),
        finished_by=user,
    )
    NewsletterIssue.objects.create(
        subject="Autumn news", language="en", body="<p>Hi</p>", send_started_by=user
    )
    LogEntry.objects.create(
        user=user, **on_page, object_repr=page.title, action_flag=ADDITION, change_message=""
    )


def give_pending_records(user: AbstractBaseUser) -> None:
    """A pending address confirmation and a lockout's expiry: short-lived, yet personal."""
    from allauth.account.models import EmailAddress, EmailConfirmation
    from axes.models import AccessAttempt, AccessAttemptExpiration

    EmailConfirmation.create(EmailAddress.objects.get(user=user, primary=True))
    attempt = AccessAttempt.objects.filter(username=user.email).first()
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=at(30))
