"""After-commit work is done once for everything a block changed, and only once committed."""

import pytest
from django.db import transaction

from core.aftercommit import atomic_collected, on_commit_for

pytestmark = pytest.mark.django_db


class Calls:
    """A callback that notes what it was called with."""

    def __init__(self) -> None:
        self.made: list[list] = []

    def __call__(self, items: list) -> None:
        self.made.append(items)


def _fail(*args) -> None:
    raise RuntimeError("the mail server is down")


def test_a_block_hands_its_items_to_the_callback_once_committed(
    django_capture_on_commit_callbacks,
):
    calls = Calls()

    with django_capture_on_commit_callbacks(execute=True) as waiting:
        with atomic_collected():
            for person in (7, 3, 7, 5):
                on_commit_for(calls, person)
        assert calls.made == [], "nothing runs before the commit"

    assert len(waiting) == 1
    assert calls.made == [[3, 5, 7]]


def test_outside_a_block_each_change_has_its_own_callback(django_capture_on_commit_callbacks):
    calls = Calls()

    with django_capture_on_commit_callbacks(execute=True):
        on_commit_for(calls, 7)
        on_commit_for(calls, 7)

    assert calls.made == [[7], [7]]


def test_a_block_that_fails_runs_nothing_and_the_next_collects_afresh(
    django_capture_on_commit_callbacks,
):
    calls = Calls()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), atomic_collected():
            on_commit_for(calls, 1)
            raise RuntimeError("the form was refused")
        with atomic_collected():
            on_commit_for(calls, 2)

    assert calls.made == [[2]]


def test_an_inner_block_leaves_the_collecting_to_the_outer(django_capture_on_commit_callbacks):
    calls = Calls()
    others = Calls()

    with django_capture_on_commit_callbacks(execute=True), atomic_collected():
        on_commit_for(calls, 1)
        with atomic_collected():
            on_commit_for(calls, 2)
            on_commit_for(others, 9)
        assert calls.made == []

    assert calls.made == [[1, 2]]
    assert others.made == [[9]]


def test_collected_work_runs_before_what_the_block_hands_on_commit_and_despite_failures(
    django_capture_on_commit_callbacks,
):
    calls = Calls()

    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        atomic_collected(),
    ):
        transaction.on_commit(_fail)  # a notice by email, say, queued by a write
        on_commit_for(_fail, 1)
        on_commit_for(calls, 2)

    assert calls.made == [[2]]
