"""The dashboard's figures are kept until something they count changes, and no longer."""

from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import account_delete
from certificates.tests.helpers import complete_course
from core.models import HotlineSettings, QuickExitSettings
from core.pagecache import shared_version
from learning import services as learning_services
from learning.models import CourseCompletion, KnowledgeCheckResponse, ModuleProgress
from learning.services import module_visit_record
from learning.tests.helpers import make_learner, right_answers
from organizations import services, views
from organizations.models import Membership, Referral

pytestmark = pytest.mark.usefixtures("shared_fragments", "settings_rows")


@pytest.fixture
def settings_rows(db):
    """Made on first read, which (a settings save) empties every shared cache."""
    HotlineSettings.load()
    QuickExitSettings.load()


def _figures(client, bob, address="/organizations/riverside/") -> str:
    client.force_login(bob)
    response = client.get(address)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return main.get_text(" ", strip=True)


def _module_passed(alice_in_a, course):
    module = course.modules()[0]
    ModuleProgress.objects.create(
        user=alice_in_a.user,
        course_key=course.translation_key,
        module_key=module.translation_key,
        content_viewed_at=timezone.now(),
        quiz_passed_at=timezone.now(),
    )


def _check_taken(alice_in_a, course):
    KnowledgeCheckResponse.objects.create(
        user=alice_in_a.user,
        course_key=course.translation_key,
        phase="before",
        correct=5,
        total=8,
        language="en",
        submitted_at=timezone.now(),
    )


def _course_completed(alice_in_a, course):
    complete_course(alice_in_a.user, course)


def _member_joined(alice_in_a, course):
    Membership.objects.create(organization=alice_in_a.organization, user=make_learner("new@x.org"))


def _person_referred(alice_in_a, course):
    Referral.objects.create(organization=alice_in_a.organization, user=make_learner("r@x.org"))


def _consent_withdrawn(alice_in_a, course):
    services.membership_consent_set(membership=alice_in_a, consent=False)


def _member_left(alice_in_a, course):
    services.membership_leave(membership=alice_in_a)


def _address_changed(alice_in_a, course):
    user = alice_in_a.user
    user.email = "alice.new@example.org"
    user.save()


def _account_deleted(alice_in_a, course):
    account_delete(user=alice_in_a.user)


CHANGES = [
    _module_passed,
    _check_taken,
    _course_completed,
    _member_joined,
    _person_referred,
    _consent_withdrawn,
    _member_left,
    _address_changed,
    _account_deleted,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_a_change_to_what_the_figures_count_shows_once_committed(
    client, bob, alice_in_a, course, change, django_capture_on_commit_callbacks
):
    before = _figures(client, bob)

    with django_capture_on_commit_callbacks() as on_commit:
        change(alice_in_a, course)
    uncommitted = _figures(client, bob)
    for callback in on_commit:
        callback()

    assert uncommitted == before, "until the commit, the kept figures are shown"
    assert _figures(client, bob) != before


def _all_but_the_last_step(alice_in_a, course, *, last_read: bool, last_passed: bool):
    *before, last = course.modules()
    at = timezone.now()
    for module in before:
        _progress(alice_in_a.user, course, module, viewed=at, passed=at)
    _progress(
        alice_in_a.user,
        course,
        last,
        viewed=at if last_read else None,
        passed=at if last_passed else None,
    )


def _progress(user, course, module, *, viewed, passed):
    ModuleProgress.objects.create(
        user=user,
        course_key=course.translation_key,
        module_key=module.translation_key,
        content_viewed_at=viewed,
        quiz_passed_at=passed,
    )


def _last_quiz_passed(alice_in_a, course):
    last = course.modules()[-1]
    attempt = learning_services.quiz_attempt_open(user=alice_in_a.user, module=last)
    learning_services.quiz_submit(
        user=alice_in_a.user,
        module=last,
        token=attempt.token,
        raw_answers=right_answers(last),
        language="en",
    )


def _last_module_read(alice_in_a, course):
    learning_services.module_visit_record(user=alice_in_a.user, module=course.modules()[-1])


@pytest.mark.parametrize(
    ("finish", "last_read", "last_passed"),
    [(_last_quiz_passed, True, False), (_last_module_read, False, True)],
    ids=["last quiz passed", "last module read"],
)
def test_finishing_the_course_shows_once_committed_with_one_look_up(
    client,
    bob,
    alice_in_a,
    course,
    finish,
    last_read,
    last_passed,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # committed before
        _all_but_the_last_step(alice_in_a, course, last_read=last_read, last_passed=last_passed)
    before = _figures(client, bob)
    version = shared_version(f"organization-people:{alice_in_a.organization_id}")

    with django_capture_on_commit_callbacks() as on_commit:
        finish(alice_in_a, course)
    uncommitted = _figures(client, bob)
    with CaptureQueriesContext(connection) as after_commit:
        for callback in on_commit:
            callback()
    look_ups = [query for query in after_commit if " UNION " in query["sql"]]

    assert CourseCompletion.objects.filter(user=alice_in_a.user).exists()
    assert uncommitted == before, "until the commit, the kept figures are shown"
    assert _figures(client, bob) != before
    # Progress, completion and certificate written: her organizations looked up once.
    assert len(look_ups) == 1
    assert shared_version(f"organization-people:{alice_in_a.organization_id}") != version


def test_deleting_an_account_looks_up_its_organizations_once(
    alice_in_a, course, django_capture_on_commit_callbacks
):
    complete_course(alice_in_a.user, course)  # a dozen rows of hers go with the account

    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        account_delete(user=alice_in_a.user)

    # Once committed, her memberships are gone too, so the look-up finds nothing: their
    # deletion replaces the organizations' versions (the account_deleted change above).
    lookups = [query for query in captured if " UNION " in query["sql"]]
    assert len(lookups) == 1


def test_a_dashboard_seen_again_computes_none_of_its_figures(client, bob, alice_in_a):
    with mock.patch.object(views, "_dashboard_figures", wraps=views._dashboard_figures) as compute:
        first = _figures(client, bob)
        again = _figures(client, bob)

    assert compute.call_count == 1
    assert again == first


def test_a_revisit_within_the_course_keeps_the_figures(
    client, bob, alice_in_a, course, django_capture_on_commit_callbacks
):
    module = course.modules()[0]
    module_visit_record(user=alice_in_a.user, module=module)
    ModuleProgress.objects.filter(user=alice_in_a.user).update(
        last_visited_at=timezone.now() - timedelta(hours=1)
    )
    version = shared_version(f"organization-people:{alice_in_a.organization_id}")

    with django_capture_on_commit_callbacks(execute=True):
        module_visit_record(user=alice_in_a.user, module=module)
        client.force_login(alice_in_a.user)  # a sign-in records its time on the person

    assert ModuleProgress.objects.get(user=alice_in_a.user).last_visited_at > (
        timezone.now() - timedelta(minutes=1)
    ), "the visit was recorded"
    assert shared_version(f"organization-people:{alice_in_a.organization_id}") == version


def test_another_organizations_people_keep_these_figures(
    client, bob, alice_in_a, org_b, course, django_capture_on_commit_callbacks
):
    outsider = make_learner("outsider@example.org")
    Membership.objects.create(organization=org_b, user=outsider)
    ours = shared_version(f"organization-people:{alice_in_a.organization_id}")
    theirs = shared_version(f"organization-people:{org_b.pk}")

    with django_capture_on_commit_callbacks(execute=True):
        complete_course(outsider, course)

    assert shared_version(f"organization-people:{alice_in_a.organization_id}") == ours
    assert shared_version(f"organization-people:{org_b.pk}") != theirs


def test_figures_are_kept_per_language_and_per_member_page(client, bob, fifty_five_sharing):
    english = _figures(client, bob)
    spanish = _figures(client, bob, "/es/organizations/riverside/")
    second = _figures(client, bob, "/organizations/riverside/?page=2")

    assert "People trained" in english
    assert "Personas capacitadas" in spanish
    assert "m0@example.org" in english
    assert "m54@example.org" in second and "m0@example.org" not in second


def test_a_new_month_starts_a_new_chart(client, bob, alice_in_a):
    this_month = _figures(client, bob)
    next_month = timezone.now() + timedelta(days=32)

    with mock.patch("django.utils.timezone.now", return_value=next_month):
        later = _figures(client, bob)

    label = timezone.localtime(next_month).strftime("%b %Y")
    assert label not in this_month
    assert label in later


@pytest.mark.parametrize("asked", ["abc", "0", "-3", "9" * 5000])
def test_a_member_page_that_is_no_page_shows_the_first(client, bob, org_a, asked):
    assert _figures(client, bob, f"/organizations/riverside/?page={asked}") == _figures(client, bob)
