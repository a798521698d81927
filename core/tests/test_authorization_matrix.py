"""Every URL the site answers, against every role; a URL without a row fails the test.

Our own URLs and page routes have one row each, with the status every role gets. The
admin trees (Wagtail's and Django's, 340-odd patterns) are swept pattern by pattern: only
the editor and staff get past the sign-in redirect, the editor only into Wagtail's admin.
"""

import itertools
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from core.tests.authorization import (
    ADMIN_PREFIXES,
    ROLES,
    build_world,
    page_routes,
    sample_url,
    url_routes,
)

LOGIN = "302 /account/login/"
SIGNED_IN = ROLES[1:]


def everyone(expected) -> dict:
    return dict.fromkeys(ROLES, expected)


def signed_in(expected, **roles) -> dict:
    """Anonymous visitors are sent to sign in; every signed-in role gets `expected`."""
    return {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, expected), **roles}


def only(allowed: dict, otherwise=404) -> dict:
    """Sign-in for anonymous visitors, `otherwise` for everyone but the roles named."""
    return signed_in(otherwise, **allowed)


def _admin_only(denied: str = LOGIN, **roles) -> dict:
    """The admin: everyone but the roles named is sent to sign in, signed in or not."""
    return {**everyone(denied), **roles}


@dataclass(frozen=True)
class Row:
    key: str
    method: str
    url: str
    expected: dict


ORG = "/organizations/riverside"
OWN_ORG = "/my-learning/organizations/riverside"
MEMBERS_OF_X = {"member_x": "303 /my-learning/organizations/", "admin_x": "303 /my-learning/"}
AWAY_FROM_SIGN_IN = "302 /my-learning/"

ROWS = [
    # The site's plumbing and the documents verifiers fetch.
    Row("healthz", "get", "/healthz", everyone(200)),
    Row("quick_exit", "get", "/exit/", everyone("302 https://")),
    Row("sitemap", "get", "/sitemap.xml", everyone(200)),
    Row("robots_txt", "get", "/robots.txt", everyone(200)),
    Row("public_media", "get", "/media/images/missing.png", everyone(404)),
    Row("public_media", "get", "/media/images/../secret.key", everyone(404)),
    Row("wagtaildocs_serve", "get", "/documents/{document}", everyone(200)),
    Row(
        "wagtaildocs_authenticate_with_password",
        "get",
        "/documents/authenticate_with_password/1/",
        everyone(404),
    ),
    Row("certificate_jwks", "get", "/.well-known/jwks.json", everyone(200)),
    Row("certificate_issuer", "get", "/certificates/issuer.json", everyone(200)),
    Row("certificate_status_list", "get", "/certificates/status/revocation", everyone(200)),
    # The account: each person's own, nobody else's.
    Row("account_home", "get", "/account/", signed_in(200)),
    Row("account_data_export", "get", "/account/data.json", signed_in(200)),
    Row("account_delete", "get", "/account/delete/", signed_in(200)),
    Row("account_delete", "post", "/account/delete/", signed_in(400)),
    Row("account_language", "get", "/account/language/", signed_in(405)),
    Row("account_language", "post", "/account/language/", signed_in(400)),
    Row("account_logout", "get", "/account/logout/", signed_in(200, anonymous="302 /")),
    Row("account_logout", "post", "/account/logout/", everyone("302 /")),
    Row("account_login", "get", "/account/login/", signed_in(AWAY_FROM_SIGN_IN, anonymous=200)),
    Row("account_signup", "get", "/account/signup/", signed_in(AWAY_FROM_SIGN_IN, anonymous=200)),
    Row("account_inactive", "get", "/account/inactive/", everyone(200)),
    Row("account_reauthenticate", "get", "/account/reauthenticate/", signed_in(200)),
    Row("account_email", "get", "/account/email/", signed_in(200)),
    Row("account_email_verification_sent", "get", "/account/confirm-email/", everyone(200)),
    Row("account_confirm_email", "get", "/account/confirm-email/not-a-key/", everyone(200)),
    Row("account_change_password", "get", "/account/password/change/", signed_in(200)),
    Row(
        "account_set_password",
        "get",
        "/account/password/set/",
        signed_in("302 /account/password/change/"),
    ),
    Row("account_reset_password", "get", "/account/password/reset/", everyone(200)),
    Row("account_reset_password_done", "get", "/account/password/reset/done/", everyone(200)),
    Row(
        "account_reset_password_from_key",
        "get",
        "/account/password/reset/key/1-not-a-key/",
        everyone(200),
    ),
    Row(
        "account_reset_password_from_key_done",
        "get",
        "/account/password/reset/key/done/",
        everyone(200),
    ),
    Row(
        "account_confirm_login_code",
        "get",
        "/account/login/code/confirm/",
        signed_in(AWAY_FROM_SIGN_IN, anonymous="302 /account/login/"),
    ),
    # The second factor: only people who have one can see or change it.
    Row("mfa_index", "get", "/account/2fa/", signed_in(200)),
    Row(
        "mfa_authenticate",
        "get",
        "/account/2fa/authenticate/",
        signed_in(AWAY_FROM_SIGN_IN, anonymous="302 /account/login/"),
    ),
    Row(
        "mfa_reauthenticate",
        "get",
        "/account/2fa/reauthenticate/",
        signed_in(
            "302 /account/reauthenticate/",
            admin_x=200,
            admin_y=200,
            editor=200,
            staff=200,
        ),
    ),
    Row(
        "mfa_activate_totp",
        "get",
        "/account/2fa/totp/activate/",
        signed_in("302 /account/reauthenticate/"),
    ),
    Row(
        "mfa_deactivate_totp",
        "get",
        "/account/2fa/totp/deactivate/",
        signed_in(
            404,
            admin_x="302 /account/reauthenticate/",
            admin_y="302 /account/reauthenticate/",
            editor="302 /account/reauthenticate/",
            staff="302 /account/reauthenticate/",
        ),
    ),
    Row("mfa_view_recovery_codes", "get", "/account/2fa/recovery-codes/", signed_in(404)),
    Row(
        "mfa_generate_recovery_codes",
        "get",
        "/account/2fa/recovery-codes/generate/",
        signed_in("302 /account/reauthenticate/"),
    ),
    Row(
        "mfa_download_recovery_codes",
        "get",
        "/account/2fa/recovery-codes/download/",
        signed_in(404),
    ),
    # Learning: the course is open to all; results and progress are the learner's own.
    Row("my_learning", "get", "/my-learning/", signed_in(200)),
    Row(
        "my_learning", "get", "/es/my-learning/", signed_in(200, anonymous="302 /es/account/login/")
    ),
    Row("page:HomePage", "get", "/", everyone(200)),
    Row("page:StandardPage", "get", "{standard}", everyone(200)),
    Row("page:CourseIndexPage", "get", "{course_index}", everyone(200)),
    Row("page:CoursePage:course_view", "get", "{course}", everyone(200)),
    Row("page:CoursePage:knowledge_check_view", "get", "{course}check/before/", signed_in(200)),
    Row(
        "page:CoursePage:knowledge_check_results_view",
        "get",
        "{course}check/before/results/",
        signed_in("303 {course}check/before/"),
    ),
    Row("page:ModulePage:module_view", "get", "{module}", everyone(200)),
    Row("page:ModulePage:quiz_view", "get", "{module}quiz/", everyone(200)),
    Row(
        "page:ModulePage:quiz_result_view",
        "get",
        "{module}quiz/results/{result}/",
        {**everyone(404), "learner_a": 200},
    ),
    # Certificates: verification is public; naming is the holder's alone.
    Row("certificate_lookup", "get", "/certificates/", everyone(200)),
    Row(
        "certificate_lookup",
        "get",
        "/certificates/?code={code}",
        everyone("302 /certificates/{display_code}/"),
    ),
    Row("certificate_verify", "get", "/certificates/{display_code}/", everyone(200)),
    Row(
        "certificate_verify",
        "get",
        "/certificates/{code}/",
        everyone("301 /certificates/{display_code}/"),
    ),
    Row("certificate_verify", "get", "/certificates/NOT-A-CODE/", everyone(404)),
    Row("certificate_pdf", "get", "/certificates/{code}/pdf", everyone(200)),
    Row("certificate_credential", "get", "/certificates/{code}/credential", everyone(200)),
    Row("my_certificates", "get", "/my-learning/certificates/", signed_in(200)),
    Row("certificate_name", "get", "/my-learning/certificates/{code}/", only({"learner_a": 200})),
    Row("certificate_name", "post", "/my-learning/certificates/{code}/", only({"learner_a": 400})),
    # Organizations: X's pages for X's admin alone; a member's own membership for them.
    Row("join", "get", "/join/{join}/", everyone(200)),
    Row("join", "get", "/join/{share}/", everyone(200)),
    Row("join", "get", "/join/not-a-token/", everyone(404)),
    Row(
        "join",
        "post",
        "/join/{join}/",
        signed_in("303 /my-learning/organizations/", anonymous=200),
    ),
    Row("organization_dashboard", "get", f"{ORG}/", only({"admin_x": 200})),
    Row(
        "organization_dashboard",
        "get",
        f"/es{ORG}/",
        only({"admin_x": 200}) | {"anonymous": "302 /es/account/login/"},
    ),
    Row("organization_report", "get", f"{ORG}/members.csv", only({"admin_x": 200})),
    Row("organization_links", "get", f"{ORG}/links/", only({"admin_x": 200})),
    Row("organization_links", "post", f"{ORG}/links/", only({"admin_x": 400})),
    Row(
        "organization_link_revoke",
        "post",
        f"{ORG}/links/{{join}}/revoke/",
        only({"admin_x": f"303 {ORG}/links/"}),
    ),
    Row("organization_reach", "get", f"{ORG}/reach/", everyone(404)),
    Row("organization_reach", "get", "/organizations/hilltop/reach/", everyone(200)),
    Row("my_organizations", "get", "/my-learning/organizations/", signed_in(200)),
    Row("organization_leave", "post", f"{OWN_ORG}/leave/", only(MEMBERS_OF_X)),
    Row("organization_consent", "post", f"{OWN_ORG}/consent/", only(MEMBERS_OF_X)),
    # The blog and the newsletter are public; a newsletter token acts only on its address.
    Row("page:BlogIndexPage:listing_view", "get", "{blog}", everyone(200)),
    Row("page:BlogIndexPage:category_view", "get", "{blog}category/{category}/", everyone(200)),
    Row("page:BlogIndexPage:archive_view", "get", "{blog}2024/05/", everyone(200)),
    Row("page:BlogIndexPage:feed_view", "get", "{blog}feed/", everyone(200)),
    Row(
        "page:BlogIndexPage:category_feed_view",
        "get",
        "{blog}category/{category}/feed/",
        everyone(200),
    ),
    Row("page:BlogPage", "get", "{post}", everyone(200)),
    Row("newsletter_signup", "get", "/newsletter/", everyone(200)),
    Row("newsletter_signup", "post", "/newsletter/", everyone(400)),
    Row("newsletter_check_email", "get", "/newsletter/check-your-email/", everyone(200)),
    Row("newsletter_confirm", "get", "/newsletter/confirm/{confirm}/", everyone(200)),
    Row(
        "newsletter_confirm",
        "post",
        "/newsletter/confirm/{confirm}/",
        everyone("303 /newsletter/confirmed/"),
    ),
    Row("newsletter_confirmed", "get", "/newsletter/confirmed/", everyone(200)),
    Row("newsletter_unsubscribe", "get", "/newsletter/unsubscribe/{unsubscribe}/", everyone(200)),
    Row("newsletter_unsubscribe", "post", "/newsletter/unsubscribe/{unsubscribe}/", everyone(200)),
    # Wagtail's own forms: private pages sign in through allauth, like everyone else.
    Row("_util/login/", "get", "/_util/login/", everyone("302 /account/login/")),
    Row("wagtailcore_login", "get", "/_util/login/", everyone("302 /account/login/")),
    # Inside the admin, permissions divide the editor from staff.
    Row("wagtailadmin_home", "get", "/admin/", _admin_only(editor=200, staff=200)),
    Row(
        "wagtailusers_users:index",
        "get",
        "/admin/users/",
        _admin_only(editor="302 /admin/", staff=200),
    ),
    Row(
        "admin:index",
        "get",
        "/django-admin/",
        _admin_only("302 /django-admin/login/", staff=200),
    ),
    Row(
        "wagtailcore_authenticate_with_password",
        "get",
        "/_util/authenticate_with_password/1/1/",
        everyone(404),
    ),
]

# Wagtail admin views that answer a made-up argument with an error of their own; staff-only,
# reached from the admin's scripts with real ids. Kept visible here rather than hidden.
ADMIN_SERVER_ERRORS = {
    "wagtailadmin_error_test": "Wagtail's deliberate error page for checking the 500 page",
    "wagtailadmin_pages:set_page_position": "GET on the root page: Wagtail reads its parent",
    "wagtailsnippetchoosers_blog_blogcategory:chosen": "a non-numeric id: Wagtail's ValueError",
    "wagtailsnippetchoosers_newsletter_newsletterissue:chosen": "a non-numeric id, as above",
    "wagtaildocs_chooser:chosen": "a non-numeric id, as above",
    "wagtailimages_chooser:chosen": "a non-numeric id, as above",
}
# Admin URLs anyone may load: the icon sprite and the translation catalogue of its scripts.
ADMIN_PUBLIC = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}
# Sign-in and sign-out URLs of the admin trees, which answer everyone with a redirect.
ADMIN_SIGN_IN_OUT = {
    "admin/login/",
    "django-admin/login/",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "admin:login",
    "admin:logout",
}
# Switched off (WAGTAIL_PASSWORD_RESET_ENABLED): allauth's reset is the one, rate-limited way.
ADMIN_PASSWORD_RESET = "wagtailadmin_password_reset"
SIGN_IN_PATHS = ("/account/login/", "/admin/login/", "/django-admin/login/")


@pytest.fixture
def world(course):
    return build_world(course)


def test_every_url_pattern_and_page_route_has_a_row():
    covered = {row.key for row in ROWS}
    ours = [route for route in url_routes() if not route.pattern.startswith(ADMIN_PREFIXES)]
    missing = {route.key for route in ours + page_routes()} - covered - {"wagtail_serve"}

    assert not missing, f"add a row to ROWS for: {sorted(missing)}"


def test_the_admin_sweep_covers_both_admin_trees():
    admin = [route for route in url_routes() if route.pattern.startswith(ADMIN_PREFIXES)]

    assert len(admin) > 300
    assert {"wagtailadmin_home", "admin:index", "newsletter_issue_send"} <= {r.key for r in admin}


def test_each_role_gets_what_its_row_says(world):
    wrong = []
    for row, role in itertools.product(ROWS, ROLES):
        url = row.url.format(**world.values)
        response = _ask(world, role, row.method, url)
        expected = str(row.expected[role]).format(**world.values)
        if not _matches(response, expected):
            wrong.append((role, row.method, url, expected, _outcome(response)))

    assert not wrong, "\n".join(map(str, wrong))


def test_only_the_editor_and_staff_get_into_the_admin(world):
    admin = [route for route in url_routes() if route.pattern.startswith(ADMIN_PREFIXES)]
    wrong = []
    for role in ROLES:
        client = _client(world, role)
        for route in admin:
            if route.key in ADMIN_SIGN_IN_OUT:
                continue
            url = sample_url(route.pattern)
            with transaction.atomic():
                response = client.get(url)
                transaction.set_rollback(True)
            if _admin_outcome(route, response) != _admin_expected(route, role):
                wrong.append((role, route.key, url, _outcome(response)))

    assert not wrong, "\n".join(map(str, wrong))


def _admin_expected(route, role: str) -> str:
    if route.key in ADMIN_PUBLIC:
        return "public"
    if route.key.startswith(ADMIN_PASSWORD_RESET):
        return "not found"
    django_admin = route.pattern.startswith("django-admin/")
    if role == "staff" or (role == "editor" and not django_admin):
        return "error" if route.key in ADMIN_SERVER_ERRORS else "past sign-in"
    return "sent to sign in"


def _admin_outcome(route, response) -> str:
    if route.key.startswith(ADMIN_PASSWORD_RESET) and response.status_code == 404:
        return "not found"
    if response.status_code >= 500:
        return "error"
    if response.status_code == 302 and response["Location"].startswith(SIGN_IN_PATHS):
        return "sent to sign in"
    return "public" if route.key in ADMIN_PUBLIC and response.status_code == 200 else "past sign-in"


def _client(world, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if world.people[role] is not None:
        client.force_login(world.people[role])
    return client


def _ask(world, role: str, method: str, url: str):
    """One request as `role` on a fresh session; whatever it writes is rolled back."""
    cache.clear()
    client = _client(world, role)
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def _matches(response, expected: str) -> bool:
    status, _, location = expected.partition(" ")
    if response.status_code != int(status):
        return False
    return not location or response["Location"].startswith(location)


def _outcome(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()
