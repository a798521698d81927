"""After-commit work done once for all that one service call changed, not once per row.

A signal receiver hands on_commit_for() a callback and the one thing a row's change
concerns (a person, an organization). Inside changes_collected() the callback runs once,
after the commit, with everything queued for it; elsewhere it runs once per change. A quiz
pass that completes a course saves three of a person's rows; deleting an account, dozens.

Something queued inside a savepoint that rolls back while the block goes on stays queued:
the callback then does a little work it did not need to, never less than it should.
"""

import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_queued: ContextVar[dict[Callable, set] | None] = ContextVar("after_commit_queued", default=None)


@contextmanager
def changes_collected() -> Iterator[None]:
    """Queue the work the changes inside ask for; hand it to on_commit once, on a clean exit.

    Enter it inside the transaction: then a rollback drops the work with the changes.
    """
    if _queued.get() is not None:  # an enclosing block collects
        yield
        return
    queued: dict[Callable, set] = {}
    token = _queued.set(queued)
    try:
        yield
    finally:
        _queued.reset(token)
    for callback, items in queued.items():
        transaction.on_commit(functools.partial(callback, sorted(items)))


def on_commit_for(callback: Callable[[list], None], item: Hashable) -> None:
    """callback([item, ...]) after the commit: with everything the enclosing
    changes_collected() block queued for it, or with this item alone outside one."""
    queued = _queued.get()
    if queued is None:
        transaction.on_commit(functools.partial(callback, [item]))
    else:
        queued.setdefault(callback, set()).add(item)
