"""After-commit work done once for all that one service call changed, not once per row.

A signal receiver hands on_commit_for() a callback and the one thing a row's change
concerns (a person, an organization). Inside atomic_collected() the callback runs once,
after the commit, with everything queued for it; elsewhere it runs once per change. A quiz
pass that completes a course saves three of a person's rows; deleting an account, dozens.

The collected work is handed to on_commit when the block opens, so it runs before whatever
the block's own writes hand it (a notice by email, say), and it is marked robust: a failing
callback neither stops it nor is stopped by it. Something queued inside a savepoint that
rolls back while the block goes on stays queued: the callback then does a little work it
did not need to, never less than it should.
"""

import functools
import logging
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

logger = logging.getLogger(__name__)

_queued: ContextVar[dict[Callable, set] | None] = ContextVar("after_commit_queued", default=None)


@contextmanager
def atomic_collected() -> Iterator[None]:
    """A transaction (a savepoint inside one) whose after-commit work runs once it commits,
    once per callback, for everything the writes inside queued with on_commit_for()."""
    with transaction.atomic():
        if _queued.get() is not None:  # an enclosing block collects
            yield
            return
        queued: dict[Callable, set] = {}
        transaction.on_commit(functools.partial(_run, queued), robust=True)
        token = _queued.set(queued)
        try:
            yield
        finally:
            _queued.reset(token)


def on_commit_for(callback: Callable[[list], None], item: Hashable) -> None:
    """callback([item, ...]) after the commit: with everything the enclosing
    atomic_collected() block queued for it, or with this item alone outside one."""
    queued = _queued.get()
    if queued is None:
        transaction.on_commit(functools.partial(callback, [item]), robust=True)
    else:
        queued.setdefault(callback, set()).add(item)


def _run(queued: dict[Callable, set]) -> None:
    for callback, items in queued.items():
        try:
            callback(sorted(items))
        except Exception:
            logger.exception("After-commit work %r failed", callback)
