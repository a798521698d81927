"""The administrators' view: totals, charts with tables, the per-person list, the CSV."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.tests.helpers import complete_course
from learning.models import KnowledgeCheckResponse
from learning.tests.helpers import make_learner, session_query
from organizations.models import Membership, Referral


@pytest.fixture
def trained_alice(alice_in_a, course):
    complete_course(alice_in_a.user, course)
    for phase, correct in (("before", 3), ("after", 7)):
        KnowledgeCheckResponse.objects.create(
            user=alice_in_a.user,
            course_key=course.translation_key,
            phase=phase,
            correct=correct,
            total=8,
            language="en",
            submitted_at="2026-03-01T10:00:00Z",
        )
    return alice_in_a


def _dashboard(client, bob, page=""):
    client.force_login(bob)
    response = client.get(f"/organizations/riverside/{page}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _stats(soup) -> dict[str, str]:
    return {
        item.dt.get_text(strip=True): item.dd.get_text(strip=True)
        for item in soup.select(".stats div")
    }


def test_totals_count_members_referrals_and_the_trained(client, bob, trained_alice, org_a, course):
    hidden = make_learner("private@example.org")
    Membership.objects.create(organization=org_a, user=hidden)
    complete_course(hidden, course)
    Referral.objects.create(user=make_learner("reached@example.org"), organization=org_a)

    stats = _stats(_dashboard(client, bob))

    assert stats == {
        "Members": "3",
        "Sharing their progress": "1",
        "Reached through share links": "1",
        "People trained": "2",
        "Certificates issued": "2",
    }


def test_only_members_who_share_appear_by_name(client, bob, trained_alice, org_a):
    Membership.objects.create(organization=org_a, user=make_learner("private@example.org"))

    soup = _dashboard(client, bob)

    names = [row.th.get_text(" ", strip=True) for row in soup.select(".data-table--wide tbody tr")]
    assert names == ["alice@example.org"]
    assert "private@example.org" not in soup.get_text()


def test_a_member_row_shows_progress_check_change_and_certificate(client, bob, trained_alice):
    soup = _dashboard(client, bob)

    cells = [cell.get_text(strip=True) for cell in soup.select(".data-table--wide tbody td")]
    assert cells[0] == "6 / 6"
    assert cells[1] == "3 / 8"
    assert cells[2] == "7 / 8 (+4)"
    assert soup.select_one(".data-table--wide tbody td a")["href"].startswith("/certificates/")


def test_withdrawing_consent_removes_the_member_at_once(client, bob, trained_alice):
    client.force_login(trained_alice.user)
    client.post("/my-learning/organizations/riverside/consent/", {"consent": "no"})

    soup = _dashboard(client, bob)

    assert "alice@example.org" not in soup.get_text()
    assert _stats(soup)["People trained"] == "1"


def test_charts_are_svg_with_a_table_alternative(client, bob, trained_alice):
    soup = _dashboard(client, bob)

    charts = soup.select("figure.chart svg[role=img]")
    assert len(charts) == 2
    assert all(chart.title.get_text() for chart in charts)
    monthly_rows = soup.select("#monthly-heading ~ details table tbody tr")
    assert len(monthly_rows) == 12
    assert monthly_rows[-1].td.get_text() == "1"
    funnel = [row.td.get_text() for row in soup.select("#funnel-heading ~ details table tbody tr")]
    assert funnel == ["1"] * 6


def test_the_dashboard_costs_the_same_queries_for_5_or_60_members(client, bob, org_a, course):
    def count_queries() -> int:
        client.force_login(bob)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/organizations/riverside/").status_code == 200
        return len(captured)

    for n in range(5):
        Membership.objects.create(
            organization=org_a,
            user=make_learner(f"m{n}@example.org"),
            consent_given_at="2026-01-01T00:00:00Z",
        )
    count_queries()  # the first request creates the site settings rows
    small = count_queries()
    for n in range(5, 60):
        user = make_learner(f"m{n}@example.org")
        Membership.objects.create(
            organization=org_a, user=user, consent_given_at="2026-01-01T00:00:00Z"
        )
        complete_course(user, course)
    large = count_queries()

    assert small == large == 21 + session_query()  # 21: one asks for the second factor


def test_dashboard_queries_with_shared_fragments_are_pinned(
    client, bob, alice_in_a, course, shared_fragments
):
    from core.models import HotlineSettings

    HotlineSettings.load()  # made on first read, which (a settings save) empties the cache
    client.force_login(bob)
    client.get("/organizations/riverside/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/organizations/riverside/").status_code == 200
    # 21 without. From the shared cache: the site, the menu, the hotline, and the figures
    # until the organization's people change. Left: the learner, and the membership and
    # second factor checks.
    assert len(captured) == 3 + session_query()


def test_members_are_listed_fifty_to_a_page(client, bob, fifty_five_sharing):
    first = _dashboard(client, bob)
    second = _dashboard(client, bob, "?page=2")
    beyond = _dashboard(client, bob, "?page=999")
    junk = _dashboard(client, bob, "?page=%00")

    assert len(first.select(".data-table--wide tbody tr")) == 50
    assert len(second.select(".data-table--wide tbody tr")) == 5
    assert len(beyond.select(".data-table--wide tbody tr")) == 5
    assert len(junk.select(".data-table--wide tbody tr")) == 50


def _report(client, bob) -> list[list[str]]:
    client.force_login(bob)
    response = client.get("/organizations/riverside/members.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_report_lists_sharing_members_with_their_progress(
    client, bob, trained_alice, org_a
):
    Membership.objects.create(organization=org_a, user=make_learner("private@example.org"))

    rows = _report(client, bob)

    assert rows[0] == [
        "email",
        "joined",
        "modules completed",
        "check before",
        "check after",
        "completed",
        "certificate",
    ]
    assert len(rows) == 2
    alice = rows[1]
    assert alice[0] == "alice@example.org"
    assert alice[2:5] == ["6", "3", "7"]
    assert len(alice[6]) == 34


def test_the_csv_report_never_starts_a_formula(client, bob, org_a):
    user = make_learner("=HYPERLINK(1)@example.org")
    Membership.objects.create(
        organization=org_a, user=user, consent_given_at="2026-01-01T00:00:00Z"
    )

    rows = _report(client, bob)

    assert rows[1][0] == "'=HYPERLINK(1)@example.org"
