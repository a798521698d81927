"""Two app servers behind nginx, sharing PostgreSQL and Redis: no state lives in a process.

Two production servers (granian, one worker each) on their own ports run on the test
database and the test's Redis database; Debian's nginx balances between them round robin
and says in a header which one answered. One person's requests therefore alternate
between the two, and every check below crosses from one server to the other: the
session, a quiz begun on one and submitted on the other, the page cache and its purge
on publish, and a rate limit's budget.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
import requests
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from bench.processes import free_port, start_app_server, start_nginx, stop, wait_for

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

EMAIL = "learner@example.org"
PASSWORD = "a-long-passphrase-1"
SEARCH_BUDGET = 3


class Balanced:
    """One visitor's browser talking to nginx; remembers which app server answered each time."""

    def __init__(self, base: str):
        self.base = base
        self.browser = requests.Session()
        self.answered_by: list[str] = []

    def get(self, path: str) -> requests.Response:
        return self._remember(self.browser.get(self.base + path, timeout=15))

    def post(self, path: str, form: dict) -> requests.Response:
        form = {**form, "csrfmiddlewaretoken": self.browser.cookies[settings.CSRF_COOKIE_NAME]}
        response = self.browser.post(self.base + path, form, allow_redirects=False, timeout=15)
        return self._remember(response)

    def _remember(self, response: requests.Response) -> requests.Response:
        self.answered_by.append(response.headers["X-Upstream"])
        return response

    def last_two_on_different_servers(self) -> bool:
        return len(set(self.answered_by[-2:])) == 2


def _database_url() -> str:
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    return f"postgres://{user}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


def _server_environment(data_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        DATA_DIR=str(data_dir),
        SECRET_KEY="scale-out-test-" + "k" * 40,  # one key for both, as in production
        HTTPS="false",
        ALLOWED_HOSTS="127.0.0.1",
        TRUSTED_PROXY_COUNT="1",
        PAGE_CACHE_SECONDS="300",
        SEARCH_RATE=str(SEARCH_BUDGET),
        LOG_LEVEL="WARNING",
    )
    return env


def _balancer(port: int, upstreams: list[int]) -> str:
    servers = " ".join(f"server 127.0.0.1:{upstream};" for upstream in upstreams)
    return f"""upstream lodestar {{ {servers} }}
server {{ listen 127.0.0.1:{port};
  location / {{
    proxy_pass http://lodestar;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_max_temp_file_size 0;
    add_header X-Upstream $upstream_addr always;
  }}
}}"""


@pytest.fixture
def two_servers_behind_nginx(tmp_path, course):
    """The base address of nginx in front of two app servers on the test database."""
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.fail("the scale-out test needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL")
    if shutil.which("nginx", path="/usr/sbin:/usr/bin") is None:
        pytest.fail("the scale-out test needs Debian's nginx: apt-get install nginx")
    env = _server_environment(tmp_path)
    ports = [free_port(), free_port()]
    servers, balancer = [], None
    try:
        for port in ports:
            servers.append(start_app_server(port, 1, env))
        balancer_port = free_port()
        balancer = start_nginx(tmp_path, _balancer(balancer_port, ports))
        wait_for(f"http://127.0.0.1:{balancer_port}/healthz", seconds=30)
        yield f"http://127.0.0.1:{balancer_port}"
    finally:
        for process in [*servers, *([balancer] if balancer else [])]:
            stop(process)


@pytest.fixture
def learner(db):
    """A learner whose password the servers' own hasher (Argon2) checks."""
    hashed = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user = get_user_model().objects.create(username="learner", email=EMAIL, password=hashed)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


def _sign_in(visitor: Balanced) -> requests.Response:
    visitor.get("/account/login/")
    return visitor.post("/account/login/", {"login": EMAIL, "password": PASSWORD})


def test_nginx_alternates_between_the_two_servers(two_servers_behind_nginx):
    visitor = Balanced(two_servers_behind_nginx)
    for _ in range(4):
        assert visitor.get("/healthz").status_code == 200
    assert len(set(visitor.answered_by)) == 2
    first, second, third, fourth = visitor.answered_by
    assert first != second and second != third and third != fourth


def test_a_session_begun_on_one_server_is_known_to_the_other(two_servers_behind_nginx, learner):
    visitor = Balanced(two_servers_behind_nginx)

    signed_in = _sign_in(visitor)

    assert signed_in.status_code == 302, "the sign-in form came from the other server"
    assert visitor.last_two_on_different_servers()
    for _ in range(2):
        page = visitor.get("/my-learning/")
        assert page.status_code == 200
        assert page.url.endswith("/my-learning/")
    assert visitor.last_two_on_different_servers()


def test_a_quiz_begun_on_one_server_is_submitted_on_the_other(
    two_servers_behind_nginx, learner, course
):
    from learning.models import ModuleProgress, QuizResult
    from learning.tests.helpers import right_answers

    module = course.modules()[0]
    visitor = Balanced(two_servers_behind_nginx)
    _sign_in(visitor)
    visitor.get(module.url)
    quiz = visitor.get(module.url + "quiz/")
    token = re.search(r'name="attempt" value="([^"]+)"', quiz.text).group(1)
    answers = {f"q-{question}": choices for question, choices in right_answers(module).items()}

    submitted = visitor.post(module.url + "quiz/", {"attempt": token, **answers})

    assert submitted.status_code == 303
    assert visitor.last_two_on_different_servers()
    result = QuizResult.objects.get(user=learner, attempt__token=token)
    assert result.passed
    progress = ModuleProgress.objects.get(user=learner, module_key=module.translation_key)
    assert progress.quiz_passed_at is not None


def test_the_page_cache_is_shared_and_a_publish_empties_it_on_both(two_servers_behind_nginx):
    from blog.content import default_blog_load
    from blog.models import BlogPage
    from certificates.models import CertificateSettings
    from core.models import HotlineSettings, QuickExitSettings

    default_blog_load()
    post = BlogPage.objects.live().filter(locale__language_code="en").first()
    # The first page to read a setting creates its row, which empties the cache once.
    for setting in (HotlineSettings, QuickExitSettings, CertificateSettings):
        setting.load()
    reader = Balanced(two_servers_behind_nginx)
    assert post.title in reader.get(post.url).text
    # Changed behind Wagtail's back: no publish, no purge. Both still serve the stored copy.
    BlogPage.objects.filter(pk=post.pk).update(title="A title nobody published")
    for _ in range(2):
        assert post.title in reader.get(post.url).text
    assert reader.last_two_on_different_servers()

    post.refresh_from_db()
    post.title = "A title the editor published"
    post.save_revision().publish()

    for _ in range(2):
        assert "A title the editor published" in reader.get(post.url).text
    assert reader.last_two_on_different_servers()


def test_a_rate_limit_budget_is_shared_by_both_servers(two_servers_behind_nginx):
    from blog.content import default_blog_load

    default_blog_load()
    visitor = Balanced(two_servers_behind_nginx)
    statuses = [visitor.get(f"/blog/?q=word{n}").status_code for n in range(SEARCH_BUDGET + 1)]

    assert statuses == [200] * SEARCH_BUDGET + [429]
    assert len(set(visitor.answered_by)) == 2, "each server saw part of the budget"
