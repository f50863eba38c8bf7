"""The unit of work outside requests: a CLI command or a job commits once, then delivers the mail
it queued. Requests get the same from `app.py`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app, g

from extensions import db

from .delivery import deliver_after_commit
from .services import forget_queued, queued_in_this_unit_of_work


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit what the block did, once, unless it raised or a service refused; then send mail."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        forget_queued()
        g.pop("unit_of_work_doomed", None)  # undone: the next unit in this context starts clean
        raise
    if g.pop("unit_of_work_doomed", False):
        db.session.rollback()
        forget_queued()
        return
    db.session.commit()
    queued = queued_in_this_unit_of_work()
    if queued:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        deliver_after_commit(app, queued)


def in_unit_of_work(command: Callable) -> Callable:
    """Decorator for `flask` commands: the whole command is one unit of work."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with unit_of_work():
            return command(*args, **kwargs)

    return wrapper
