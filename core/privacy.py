"""What every model holds about people: one declaration per installed model.

A model that is not declared here fails the test suite, so a new model (ours or a new
dependency's) must say whether it holds personal data, whose, and what happens to it
when the account is exported or deleted. The tests check the declarations against the
account export and the erasure on deletion.
"""

from dataclasses import dataclass

from django.db import models

# Whose data a row is.
ACCOUNT = "account"  # any account holder, learners included: exported and erased
STAFF = "staff"  # what an editor or administrator did in the admin
PUBLISHED = "published"  # a name an editor chose to print or publish

# What deleting the account does to the row.
DELETED = "deleted"  # the row goes, or its reference to the person is cleared
BLANKED = "blanked"  # the row stays, its personal fields are emptied
KEPT = "kept"  # the row stays as it is, for the reason given


@dataclass(frozen=True)
class Personal:
    """Rows about one person.

    fields: the columns holding personal data (the export must show them when exported).
    owner: the lookup from this model to the account (`user`), or, with by_address, the
    column holding one of the account's email addresses.
    secret_fields: credentials about the person that the export must never show.
    """

    subject: str
    fields: tuple[str, ...]
    owner: str
    exported: bool
    on_deletion: str
    why: str = ""
    by_address: bool = False
    secret_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotPersonal:
    why: str


EDITORIAL_PAGE = NotPersonal(
    "editorial content; its owner and locked_by point at staff and are cleared with them"
)
SITE_SETTING = NotPersonal("a site-wide setting an editor sets")
PERMISSIONS = NotPersonal("who may do what, by group; no person")
EDITORIAL = NotPersonal("editorial content or its structure")


def _account(fields: tuple[str, ...], owner: str = "user", **more) -> Personal:
    """A learner's or any account holder's own data: exported, and gone with the account."""
    return Personal(
        subject=ACCOUNT, fields=fields, owner=owner, exported=True, on_deletion=DELETED, **more
    )


def _staff(fields: tuple[str, ...], owner: str, on_deletion: str, why: str) -> Personal:
    """A record of work in the admin, which staff reach there, not in the export."""
    return Personal(
        subject=STAFF, fields=fields, owner=owner, exported=False, on_deletion=on_deletion, why=why
    )


AXES_WHY = "sign-in records; lockouts need them, deleting the account deletes them"
AXES_FIELDS = ("username", "ip_address", "user_agent", "path_info", "attempt_time")

DECLARATIONS: dict[str, Personal | NotPersonal] = {
    # --- Lodestar ---------------------------------------------------------------------
    "core.HomePage": EDITORIAL_PAGE,
    "core.StandardPage": EDITORIAL_PAGE,
    "core.HotlineSettings": SITE_SETTING,
    "core.QuickExitSettings": SITE_SETTING,
    "accounts.Profile": _account(("language", "updated_at")),
    "learning.CourseIndexPage": EDITORIAL_PAGE,
    "learning.CoursePage": EDITORIAL_PAGE,
    "learning.ModulePage": EDITORIAL_PAGE,
    "learning.ModuleProgress": _account(
        ("course_key", "module_key", "content_viewed_at", "quiz_passed_at", "last_visited_at")
    ),
    "learning.QuizAttempt": _account(
        ("course_key", "module_key", "created_at", "submitted_at"), secret_fields=("token",)
    ),
    "learning.QuizResult": _account(
        ("module_key", "answers", "correct", "total", "passed", "language", "submitted_at")
    ),
    "learning.KnowledgeCheckResponse": _account(
        ("course_key", "phase", "answers", "correct", "total", "language", "submitted_at")
    ),
    "learning.CourseCompletion": _account(("course_key", "completed_at")),
    "certificates.Certificate": _account(
        (
            "code",
            "course_key",
            "course_title",
            "language",
            "completed_at",
            "issued_at",
            "recipient_name",
            "show_name_publicly",
            "revoked_at",
            "revocation_reason",
        )
    ),
    "certificates.CertificateSettings": Personal(
        subject=PUBLISHED,
        fields=("signatory_name", "signatory_title"),
        owner="",
        exported=False,
        on_deletion=KEPT,
        why="the signatory an operator prints on every certificate; not tied to an account",
    ),
    "organizations.Organization": NotPersonal("a group's name and settings"),
    "organizations.Membership": _account(("role", "consent_given_at", "joined_at")),
    "organizations.InviteLink": _account(
        ("created_by", "purpose", "label", "created_at"),
        owner="created_by",
        secret_fields=("token",),
    ),
    "organizations.Referral": _account(("created_at",)),
    "newsletter.Subscriber": Personal(
        subject=ACCOUNT,
        fields=(
            "email",
            "language",
            "status",
            "source",
            "consent_text",
            "consent_given_at",
            "created_at",
            "confirmed_at",
            "unsubscribed_at",
        ),
        owner="email",
        by_address=True,
        exported=True,
        on_deletion=BLANKED,
        why="the consent record stays as proof of consent, without the address",
        secret_fields=("unsubscribe_token", "confirmation_key"),
    ),
    "newsletter.NewsletterIssue": _staff(
        ("send_started_by",), "send_started_by", DELETED, "who sent an issue; cleared with them"
    ),
    "newsletter.Delivery": Personal(
        subject=ACCOUNT,
        fields=("claimed_at", "sent_at"),
        owner="subscriber__email",
        by_address=True,
        exported=True,
        on_deletion=KEPT,
        why="which issue went out when: kept for the send's bookkeeping, attached to the "
        "consent record whose address is blanked, so it no longer identifies anyone",
    ),
    "blog.BlogCategory": EDITORIAL,
    "blog.BlogIndexPage": EDITORIAL_PAGE,
    "blog.BlogPage": Personal(
        subject=PUBLISHED,
        fields=("author",),
        owner="",
        exported=False,
        on_deletion=KEPT,
        why="the byline an editor publishes with a post; free text, not tied to an account",
    ),
    "blog.PostSearchEntry": NotPersonal(
        "a post's search words, blog, date and title, copied from Wagtail's search index "
        "(PostgreSQL only); the byline is not among the indexed fields"
    ),
    # --- Wagtail ----------------------------------------------------------------------
    "simple_translation.SimpleTranslation": PERMISSIONS,
    "wagtailredirects.Redirect": EDITORIAL,
    "wagtailusers.UserProfile": _account(
        ("preferred_language", "current_time_zone", "theme", "contrast", "density")
    ),
    "wagtaildocs.Document": _staff(
        ("uploaded_by_user",), "uploaded_by_user", DELETED, "uploader; cleared with them"
    ),
    "wagtailimages.Image": _staff(
        ("uploaded_by_user",), "uploaded_by_user", DELETED, "uploader; cleared with them"
    ),
    "wagtailimages.Rendition": NotPersonal("a resized copy of an image"),
    "wagtailsearch.IndexEntry": NotPersonal("search index of pages, images and documents"),
    "wagtailsearch.SQLiteFTSIndexEntry": NotPersonal("search index of pages (SQLite only)"),
    "wagtailadmin.Admin": PERMISSIONS,
    "wagtailadmin.EditingSession": _staff(
        ("user", "last_seen_at"), "user", DELETED, "who is editing a page now"
    ),
    "wagtailadmin.FormState": _staff(
        ("user", "data"), "user", DELETED, "an editor's unsaved form, kept for them"
    ),
    "wagtailcore.Locale": EDITORIAL,
    "wagtailcore.Site": EDITORIAL,
    "wagtailcore.GroupSitePermission": PERMISSIONS,
    "wagtailcore.ModelLogEntry": _staff(
        ("user", "timestamp"),
        "user",
        KEPT,
        "the audit trail of admin actions keeps the account id (Wagtail stores it without a "
        "foreign key); it shows as a deleted user, with no name or address",
    ),
    "wagtailcore.Revision": _staff(
        ("user", "created_at"), "user", DELETED, "the author of a revision; cleared with them"
    ),
    "wagtailcore.CollectionViewRestriction": PERMISSIONS,
    "wagtailcore.Collection": EDITORIAL,
    "wagtailcore.GroupCollectionPermission": PERMISSIONS,
    "wagtailcore.UploadedFile": _staff(
        ("uploaded_by_user",), "uploaded_by_user", DELETED, "uploader; cleared with them"
    ),
    "wagtailcore.WorkflowContentType": EDITORIAL,
    "wagtailcore.WorkflowState": _staff(
        ("requested_by",), "requested_by", DELETED, "who asked for review; cleared with them"
    ),
    "wagtailcore.Workflow": EDITORIAL,
    "wagtailcore.WorkflowTask": EDITORIAL,
    "wagtailcore.Task": EDITORIAL,
    "wagtailcore.GroupApprovalTask": PERMISSIONS,
    "wagtailcore.TaskState": _staff(
        ("finished_by",), "finished_by", DELETED, "who decided a review; cleared with them"
    ),
    "wagtailcore.Page": EDITORIAL_PAGE,
    "wagtailcore.GroupPagePermission": PERMISSIONS,
    "wagtailcore.PageViewRestriction": PERMISSIONS,
    "wagtailcore.WorkflowPage": EDITORIAL,
    "wagtailcore.PageLogEntry": _staff(
        ("user", "timestamp"),
        "user",
        KEPT,
        "the audit trail of page actions keeps the account id (Wagtail stores it without a "
        "foreign key); it shows as a deleted user, with no name or address",
    ),
    "wagtailcore.Comment": _staff(("user", "text"), "user", DELETED, "an editor's comment"),
    "wagtailcore.CommentReply": _staff(("user", "text"), "user", DELETED, "an editor's reply"),
    "wagtailcore.PageSubscription": _staff(
        ("user",), "user", DELETED, "an editor's comment notifications"
    ),
    "wagtailcore.ReferenceIndex": NotPersonal("which content refers to which"),
    "taggit.Tag": EDITORIAL,
    "taggit.TaggedItem": EDITORIAL,
    # --- Django, allauth, axes, tasks --------------------------------------------------
    "django_tasks_database.DBTaskResult": Personal(
        subject=STAFF,
        fields=("args_kwargs",),
        owner="",
        exported=False,
        on_deletion=KEPT,
        why="task arguments are record ids, except a test send of a newsletter issue, "
        "which carries the sending editor's own address",
    ),
    "admin.LogEntry": _staff(
        ("user", "action_time", "object_repr"), "user", DELETED, "Django admin's action log"
    ),
    "auth.Permission": PERMISSIONS,
    "auth.Group": PERMISSIONS,
    "auth.User": _account(
        ("username", "email", "first_name", "last_name", "date_joined", "last_login"),
        owner="pk",
        secret_fields=("password",),
    ),
    "contenttypes.ContentType": NotPersonal("the list of models"),
    "sessions.Session": Personal(
        subject=ACCOUNT,
        fields=("session_data", "expire_date"),
        owner="",
        exported=False,
        on_deletion=KEPT,
        why="a session is a credential, so it is never exported; deleting the account ends "
        "the session it is made from, and other devices' sessions name only the deleted "
        "account's id until they expire",
        secret_fields=("session_key",),
    ),
    "account.EmailAddress": _account(("email", "verified", "primary")),
    "account.EmailConfirmation": Personal(
        subject=ACCOUNT,
        fields=("created", "sent"),
        owner="email_address__user",
        exported=False,
        on_deletion=DELETED,
        why="a pending confirmation: only a one-time key for an address the export shows",
        secret_fields=("key",),
    ),
    "mfa.Authenticator": _account(("type", "created_at", "last_used_at"), secret_fields=("data",)),
    "axes.AccessAttempt": _account(AXES_FIELDS, owner="username", by_address=True, why=AXES_WHY),
    "axes.AccessFailureLog": _account(AXES_FIELDS, owner="username", by_address=True, why=AXES_WHY),
    "axes.AccessLog": _account(
        (*AXES_FIELDS, "logout_time"),
        owner="username",
        by_address=True,
        why=AXES_WHY,
        secret_fields=("session_hash",),
    ),
    "axes.AccessAttemptExpiration": Personal(
        subject=ACCOUNT,
        fields=("expires_at",),
        owner="access_attempt__username",
        by_address=True,
        exported=False,
        on_deletion=DELETED,
        why="only when a lockout record ends; the record itself is exported",
    ),
}

# Models that exist on one database engine only.
ENGINE_SPECIFIC = {"wagtailsearch.SQLiteFTSIndexEntry"}


def declaration(model: type[models.Model]) -> Personal | NotPersonal:
    return DECLARATIONS[model._meta.label]


def personal_models(**criteria) -> list[tuple[type[models.Model], Personal]]:
    """The installed models declared personal, filtered by declaration attributes."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        declared = DECLARATIONS.get(model._meta.label)
        if isinstance(declared, Personal) and all(
            getattr(declared, key) == value for key, value in criteria.items()
        ):
            found.append((model, declared))
    return found


def rows_of(model: type[models.Model], declared: Personal, *, user, addresses: set[str]):
    """The rows of this model that belong to the account."""
    if declared.by_address:
        return model._default_manager.filter(**{f"{declared.owner}__in": addresses})
    if declared.owner == "pk":
        return model._default_manager.filter(pk=user.pk)
    return model._default_manager.filter(**{declared.owner: user.pk})
