"""Parallel joins respect the use limit and make one membership (PostgreSQL)."""

import pytest

from learning.tests.helpers import in_parallel, make_learner
from organizations import services
from organizations.models import InviteLink, Membership

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgresql"),
]


def test_parallel_joins_never_pass_the_use_limit(org_a, bob):
    link = InviteLink.objects.create(organization=org_a, created_by=bob, max_uses=3)
    people = iter([make_learner(f"p{n}@example.org") for n in range(8)])
    import threading

    lock = threading.Lock()

    def join():
        with lock:
            person = next(people)
        return services.membership_join(user=person, link=link, consent=True)

    outcomes = in_parallel(join)

    joined = [outcome for outcome in outcomes if isinstance(outcome, Membership)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.LinkUnavailable)]
    assert (len(joined), len(refused)) == (3, 5), outcomes
    link.refresh_from_db()
    assert link.uses == 3


def test_one_person_joining_in_parallel_makes_one_membership(org_a, bob, charlie):
    link = InviteLink.objects.create(organization=org_a, created_by=bob)

    outcomes = in_parallel(lambda: services.membership_join(user=charlie, link=link, consent=False))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert Membership.objects.filter(user=charlie).count() == 1
    link.refresh_from_db()
    assert link.uses == 1
