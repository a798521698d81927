"""Benchmark an organization's dashboard: `python -m bench.organizations [--members N]`.

On a throwaway database (as bench.learning): 10,000 learners with progress, all members
of one organization (nine in ten share their progress), completions spread over the
last year, certificates and knowledge checks for those who finished, and 10,000
more accounts in another organization. Measures the dashboard (first page, a middle
page) and the full CSV report of the members through the test client.
"""

import os
import sys
from datetime import timedelta

from bench.learning import benchmark, measure, populate


def build(members: int) -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_default_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    populate(members * 2)
    organize(members)


def organize(members: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates.models import Certificate
    from learning.models import CourseCompletion, CoursePage, KnowledgeCheckResponse
    from organizations.models import ADMIN, Membership, Organization

    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    finished_after = len(course.modules())
    chapter = Organization.objects.create(name="Bench Chapter", slug="bench")
    other = Organization.objects.create(name="Other Chapter", slug="other")
    now = timezone.now()
    users = list(get_user_model().objects.order_by("pk"))
    Membership.objects.bulk_create(
        [
            Membership(
                organization=chapter if n < members else other,
                user=user,
                role=ADMIN if n in {0, members} else "member",
                consent_given_at=now if n % 10 else None,
            )
            for n, user in enumerate(users)
        ],
        batch_size=5000,
    )
    finished = [
        (n, user) for n, user in enumerate(users) if n % (finished_after + 1) == finished_after
    ]
    when = [now - timedelta(days=(n * 7) % 365) for n, _user in finished]
    key = course.translation_key
    CourseCompletion.objects.bulk_create(
        [
            CourseCompletion(user=user, course_key=key, completed_at=at)
            for (_n, user), at in zip(finished, when, strict=True)
        ],
        batch_size=5000,
    )
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=user, course_key=key, course_title=course.title, completed_at=at, issued_at=at
            )
            for (_n, user), at in zip(finished, when, strict=True)
        ],
        batch_size=5000,
    )
    KnowledgeCheckResponse.objects.bulk_create(
        [
            KnowledgeCheckResponse(
                user=user,
                course_key=key,
                phase=phase,
                correct=score,
                total=8,
                language="en",
                submitted_at=now,
            )
            for _n, user in finished
            for phase, score in (("before", 4), ("after", 7))
        ],
        batch_size=5000,
    )
    in_chapter = sum(1 for n, _user in finished if n < members)
    print(f"organization: {members} members, {in_chapter} of them finished the course")


def run(rounds: int) -> None:
    from django.test import Client

    from accounts.tests.helpers import give_second_factor
    from organizations.models import Membership

    admin = Membership.objects.get(organization__slug="bench", role="admin").user
    give_second_factor(admin)
    client = Client()
    client.force_login(admin)

    def get(path: str):
        def action() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            if response.streaming:
                b"".join(response.streaming_content)

        return action

    get("/organizations/bench/")()
    measure("dashboard, first page", get("/organizations/bench/"), rounds)
    measure("dashboard, page 90", get("/organizations/bench/?page=90"), rounds)
    measure(
        "member report CSV (all)", get("/organizations/bench/members.csv"), max(3, rounds // 10)
    )


if __name__ == "__main__":
    sys.exit(benchmark(__doc__, build, run, size_name="members", size=10_000, rounds=30))
