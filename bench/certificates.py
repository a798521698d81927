"""Benchmark certificates: `python -m bench.certificates [--certificates N] [--rounds R]`.

On a throwaway database (as bench.learning), issues N certificates, revokes one in a
hundred, then measures: drawing the PDF in-process (the issue's target is under 50 ms),
the PDF, credential and verification responses through the test client, and the signed
revocation list. Prints median and 95th-percentile times and queries per request.
"""

import os
import sys

from bench.learning import benchmark, measure

UNUSABLE = "!"  # Django's marker for "no password can sign in"


def build(certificates: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from certificates.models import Certificate
    from learning.models import CoursePage

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_default_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    course = CoursePage.objects.get(slug="human-trafficking-101", locale__language_code="en")
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"cert{n}", email=f"cert{n}@example.org", password=UNUSABLE)
            for n in range(certificates)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=user,
                course_key=course.translation_key,
                course_title=course.title,
                completed_at=now,
                issued_at=now,
                recipient_name=f"Learner Number {n}",
                show_name_publicly=True,
                revoked_at=now if n % 100 == 0 else None,
                revocation_reason="benchmark" if n % 100 == 0 else "",
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )


def run(rounds: int) -> None:
    from django.test import Client

    from certificates.models import Certificate
    from certificates.pdf import Issuer, certificate_pdf

    certificate = Certificate.objects.filter(revoked_at__isnull=True).order_by("pk")[1]
    code = certificate.display_code
    url = f"https://training.example.org/certificates/{code}/"
    issuer = Issuer("Lodestar Training", "Dana Whitfield", "Director of Training")
    client = Client()

    def draw() -> None:
        certificate_pdf(certificate, issuer=issuer, verify_url=url)

    def get(path: str, expected: int = 200):
        def action() -> None:
            response = client.get(path, REMOTE_ADDR=f"198.51.100.{os.getpid() % 250}")
            if response.status_code != expected:
                raise RuntimeError(f"{path} answered {response.status_code}")

        return action

    measure("PDF drawn in-process", draw, rounds)
    measure("GET /certificates/<code>/pdf", get(f"/certificates/{code}/pdf"), rounds)
    measure("GET /certificates/<code>/credential", get(f"/certificates/{code}/credential"), rounds)
    measure("GET /certificates/status/revocation", get("/certificates/status/revocation"), rounds)
    from django.core.cache import cache

    def verify() -> None:
        cache.clear()  # the rate limit would otherwise stop the benchmark
        get(f"/certificates/{code}/")()

    measure("GET /certificates/<code>/ (verify)", verify, rounds)


if __name__ == "__main__":
    sys.exit(benchmark(__doc__, build, run, size_name="certificates", size=10_000, rounds=100))
