"""Writes and exports of a person's own account."""

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessBase, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from wagtail.users.models import UserProfile

from accounts.models import Profile
from certificates.models import Certificate
from core.aftercommit import atomic_collected
from core.pagecache import page_cache_purge
from learning.models import (
    CourseCompletion,
    KnowledgeCheckResponse,
    ModuleProgress,
    QuizAttempt,
    QuizResult,
)
from newsletter.models import Subscriber
from newsletter.services import email_normalize, subscriber_erase
from organizations.models import InviteLink, Membership, Referral


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Everything this site holds about the person, as plain JSON-ready data."""
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": [
            {"language": row.language, "updated_at": _iso(row.updated_at)}
            for row in Profile.objects.filter(user=user)
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "module_progress": [
            {
                "course": str(row.course_key),
                "module": str(row.module_key),
                "content_viewed_at": _iso(row.content_viewed_at),
                "quiz_passed_at": _iso(row.quiz_passed_at),
                "last_visited_at": _iso(row.last_visited_at),
            }
            for row in ModuleProgress.objects.filter(user=user)
        ],
        "quiz_attempts": [
            {
                "course": str(row.course_key),
                "module": str(row.module_key),
                "opened_at": _iso(row.created_at),
                "submitted_at": _iso(row.submitted_at),
            }
            for row in QuizAttempt.objects.filter(user=user).order_by("created_at")
        ],
        "quiz_results": [
            {
                "course": str(row.course_key),
                "module": str(row.module_key),
                "answers": row.answers,
                "correct": row.correct,
                "total": row.total,
                "passed": row.passed,
                "language": row.language,
                "submitted_at": _iso(row.submitted_at),
            }
            for row in QuizResult.objects.filter(user=user).order_by("submitted_at")
        ],
        "knowledge_checks": [
            {
                "course": str(row.course_key),
                "phase": row.phase,
                "answers": row.answers,
                "correct": row.correct,
                "total": row.total,
                "language": row.language,
                "submitted_at": _iso(row.submitted_at),
            }
            for row in KnowledgeCheckResponse.objects.filter(user=user)
        ],
        "course_completions": [
            {"course": str(row.course_key), "completed_at": _iso(row.completed_at)}
            for row in CourseCompletion.objects.filter(user=user)
        ],
        "certificates": [
            {
                "code": row.display_code,
                "course": str(row.course_key),
                "course_title": row.course_title,
                "language": row.language,
                "recipient_name": row.recipient_name,
                "show_name_publicly": row.show_name_publicly,
                "completed_at": _iso(row.completed_at),
                "issued_at": _iso(row.issued_at),
                "revoked_at": _iso(row.revoked_at),
                "revocation_reason": row.revocation_reason,
            }
            for row in Certificate.objects.filter(user=user)
        ],
        "organizations": [
            {
                "organization": row.organization.name,
                "role": row.role,
                "joined_at": _iso(row.joined_at),
                "progress_shared_since": _iso(row.consent_given_at),
            }
            for row in Membership.objects.filter(user=user).select_related("organization")
        ],
        "invite_links_created": [
            {
                "organization": row.organization.name,
                "purpose": row.purpose,
                "label": row.label,
                "created_at": _iso(row.created_at),
            }
            for row in InviteLink.objects.filter(created_by=user).select_related("organization")
        ],
        "referred_by": [
            {"organization": row.organization.name, "signed_up_at": _iso(row.created_at)}
            for row in Referral.objects.filter(user=user).select_related("organization")
        ],
        "sign_in_authenticators": [
            {
                "type": row.type,
                "created_at": _iso(row.created_at),
                "last_used_at": _iso(row.last_used_at),
            }
            for row in Authenticator.objects.filter(user=user)
        ],
        "admin_preferences": [
            {
                "preferred_language": row.preferred_language,
                "time_zone": row.current_time_zone,
                "theme": row.theme,
                "contrast": row.contrast,
                "density": row.density,
            }
            for row in UserProfile.objects.filter(user=user)
        ],
        "sign_in_attempts": _sign_in_records(AccessAttempt, user),
        "sign_in_failures": _sign_in_records(AccessFailureLog, user),
        "sign_ins": _sign_in_records(AccessLog, user),
        "newsletter": [
            {
                "email": row.email,
                "language": row.language,
                "status": row.status,
                "signed_up_at": _iso(row.created_at),
                "form": row.source,
                "consent_text": row.consent_text,
                "consent_given_at": _iso(row.consent_given_at),
                "confirmed_at": _iso(row.confirmed_at),
                "unsubscribed_at": _iso(row.unsubscribed_at),
                "issues_sent": [
                    {
                        "subject": delivery.issue.subject,
                        "claimed_at": _iso(delivery.claimed_at),
                        "sent_at": _iso(delivery.sent_at),
                    }
                    for delivery in row.deliveries.select_related("issue").order_by("claimed_at")
                ],
            }
            for row in Subscriber.objects.filter(email__in=_addresses(user))
        ],
    }


def _sign_in_records(model: type[AccessBase], user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Sign-in records (lockout bookkeeping) under any name the person signs in with."""
    return [
        {
            "signed_in_as": row.username,
            "ip_address": row.ip_address,
            "browser": row.user_agent,
            "path": row.path_info,
            "at": _iso(row.attempt_time),
            **({"signed_out_at": _iso(row.logout_time)} if hasattr(row, "logout_time") else {}),
        }
        for row in model.objects.filter(username__in=_sign_in_names(user)).order_by("attempt_time")
    ]


def _sign_in_names(user: AbstractBaseUser) -> set[str]:
    """What lockout records hold as the name: an address of the account, or its username."""
    return {*_addresses(user), user.get_username().lower()}


def _addresses(user: AbstractBaseUser) -> set[str]:
    """Every address of the account, as the newsletter and lockout records spell it."""
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    return {email_normalize(address) for address in addresses if address}


def language_preference_set(*, user: AbstractBaseUser, language: str) -> None:
    """Remember the language the person picked: their pages after sign-in and their mail use it."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"not a site language: {language!r}")
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def account_delete(*, user: AbstractBaseUser) -> None:
    """Delete the account and everything of it: learning data cascades with the user row.

    Lockout records and a newsletter subscription under the account's addresses go too
    (the subscription's consent record stays, without the address).
    """
    with atomic_collected():
        addresses = _addresses(user)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__in=_sign_in_names(user)).delete()
        for subscriber in Subscriber.objects.filter(email__in=addresses):
            subscriber_erase(subscriber=subscriber)
        had_certificates = Certificate.objects.filter(user=user).exists()
        user.delete()
        if had_certificates:  # their verification pages must stop showing them at once
            page_cache_purge()


def unverified_accounts_purge(*, joined_before: datetime) -> int:
    """Delete sign-ups never confirmed: nobody can use them, yet they hold an email address.

    Staff accounts are left to the people who administer them.
    """
    unverified = (
        get_user_model()
        .objects.filter(date_joined__lt=joined_before, is_staff=False, is_superuser=False)
        .exclude(emailaddress__verified=True)
    )
    count = 0
    for user in unverified:
        account_delete(user=user)
        count += 1
    return count
