"""How long submitted entries wait for the mentor's feedback. The days the mentor agreed to
answer in come from the pair's charter (mentoring.services.reply_days_of); staff pages pass
these waits into pair health."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from extensions import db

from ..models import Entry, EntryState


def days_waited(submitted_at: datetime, now: datetime) -> int:
    """Whole days since the entry was sent: what the inbox shows and pair health measures."""
    return max((now - submitted_at).days, 0)


def answer_expected_by(submitted_at: datetime, reply_days: int) -> datetime:
    """When the mentor's answer is due; a datetime, so the page shows it in the reader's zone."""
    return submitted_at + timedelta(days=reply_days)


def waiting_days_by_learner(
    organisation_id: int, learner_ids: Iterable[int] | None, now: datetime
) -> dict[int, int]:
    """The longest wait in days of a submitted entry without feedback, per learner: one grouped
    query for every learner at once (None: every learner of the organisation). Learners with
    nothing waiting are not in the answer."""
    query = (
        db.select(Entry.user_id, db.func.min(Entry.submitted_at))
        .where(
            Entry.organisation_id == organisation_id,
            Entry.state == EntryState.SUBMITTED.value,
            Entry.submitted_at.is_not(None),
        )
        .group_by(Entry.user_id)
    )
    if learner_ids is not None:
        ids = list(learner_ids)
        if not ids:
            return {}
        query = query.where(Entry.user_id.in_(ids))
    return {user_id: days_waited(since, now) for user_id, since in db.session.execute(query)}
