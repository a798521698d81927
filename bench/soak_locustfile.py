"""The learner flow `make soak` drives with locust: sign in, course, module, quiz, My learning.

Read by locust, not imported by the site. The soak command (bench/soak.py) writes the
learners and the modules' right answers to SOAK_PLAN and reads the acknowledged
submissions back from SOAK_ACKNOWLEDGED.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["SOAK_PLAN"]).read())  # noqa: SIM115
PASSWORD = PLAN["password"]
LEARNERS = itertools.cycle(PLAN["learners"])
# Each learner comes from its own address, as the load balancer reports it (the soak's
# server trusts one proxy hop), so per-address rate limits apply per learner.
ADDRESSES = itertools.cycle(f"198.51.100.{n}" for n in range(1, 255))
SENT: list[str] = []  # attempt tokens submitted (the run may stop before the answer)
ACKNOWLEDGED: list[str] = []  # attempt tokens the server answered 303 for

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT = re.compile(r'name="attempt" value="([^"]+)"')


class Learner(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.email = next(LEARNERS)
        self.client.headers["X-Forwarded-For"] = next(ADDRESSES)
        page = self.client.get("/account/login/", name="sign in (form)")
        with self.client.post(
            "/account/login/",
            {"login": self.email, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
            allow_redirects=False,
            name="sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")

    @task
    def learn(self) -> None:
        self.client.get(PLAN["course"], name="course")
        # Pseudo-random picks of a page and of right or wrong answers: nothing secret.
        module = random.choice(PLAN["modules"])  # noqa: S311  # nosec B311
        self.client.get(module["url"], name="module")
        with self.client.get(module["url"] + "quiz/", name="quiz", catch_response=True) as quiz:
            token = ATTEMPT.search(quiz.text)
            if token is None:
                quiz.failure(f"no quiz form ({quiz.status_code})")
                return
        SENT.append(token.group(1))
        answers = module["right"] if random.random() < 0.7 else module["wrong"]  # noqa: S311  # nosec B311
        with self.client.post(
            module["url"] + "quiz/",
            {"attempt": token.group(1), "csrfmiddlewaretoken": _csrf(quiz.text), **answers},
            allow_redirects=False,
            name="quiz (submit)",
            catch_response=True,
        ) as response:
            if response.status_code == 303:
                ACKNOWLEDGED.append(token.group(1))
                result_url = response.headers["Location"]
            else:
                response.failure(f"quiz answered {response.status_code}")
                return
        self.client.get(result_url, name="quiz (result)")
        self.client.get("/my-learning/", name="my learning")


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


@events.quitting.add_listener
def _write_acknowledged(environment, **kwargs) -> None:
    with open(os.environ["SOAK_ACKNOWLEDGED"], "w") as out:
        json.dump({"sent": SENT, "acknowledged": ACKNOWLEDGED}, out)
