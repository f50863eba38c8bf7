"""What staff may know about the logbook: states and dates, never text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from accounts.models import Organisation, User
from accounts.services import may_manage
from extensions import db

from ..models import Entry
from .common import EntryNotFound


@dataclass(frozen=True)
class EntryStatus:
    """What staff may know about an entry: whose, which, its state and dates. Never its text."""

    learner: str
    course: str
    key: str
    state: str
    updated_at: datetime
    submitted_at: datetime | None


def entry_statuses(staff: User, organisation: Organisation) -> list[EntryStatus]:
    """Whoever may manage the organisation (its staff, platform admins); the query never
    selects a text column."""
    if not may_manage(staff, organisation):
        raise EntryNotFound()
    rows = db.session.execute(
        db.select(
            User.name, Entry.course, Entry.key, Entry.state, Entry.updated_at, Entry.submitted_at
        )
        .join(User, User.id == Entry.user_id)
        .filter(Entry.organisation_id == organisation.id)
        .order_by(User.name, User.id, Entry.course, Entry.id)
    )
    return [EntryStatus(*row) for row in rows]
