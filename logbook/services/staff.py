"""What staff may know about the logbook: states and dates, never text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from accounts.models import Membership, Organisation, Role, User
from accounts.services import may_manage
from extensions import db
from paging import PER_PAGE, ListQuery, Page, like

from ..models import Entry, EntryState
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


def entry_statuses(
    staff: User, organisation: Organisation, user_id: int | None = None
) -> list[EntryStatus]:
    """Whoever may manage the organisation (its staff, platform admins); the query never
    selects a text column. `user_id`: one learner's entries (the detail of the overview)."""
    if not may_manage(staff, organisation):
        raise EntryNotFound()
    query = (
        db.select(
            User.name, Entry.course, Entry.key, Entry.state, Entry.updated_at, Entry.submitted_at
        )
        .join(User, User.id == Entry.user_id)
        .filter(Entry.organisation_id == organisation.id)
        .order_by(User.name, User.id, Entry.course, Entry.id)
    )
    if user_id is not None:
        query = query.filter(Entry.user_id == user_id)
    return [EntryStatus(*row) for row in db.session.execute(query)]


WAITING, NONE = "waiting", "none"  # the overview's filters: an entry waits, no entry yet
FILTERS = (WAITING, NONE)


@dataclass
class LearnerLogbook:
    """One learner's row of the staff overview: counts and dates, never text."""

    user_id: int
    name: str
    email: str
    written: int = 0
    waiting: int = 0  # submitted, no feedback yet
    answered: int = 0  # feedback given (revised after it included)
    last_change: datetime | None = None


def learner_logbook_page(staff: User, organisation: Organisation, query: ListQuery) -> Page:
    """One page of the organisation's learners (50, by name; searched by name or email;
    filtered: an entry waits for feedback, or no entry yet) with their entries counted by
    state: three statements, whatever the number of learners and entries."""
    if not may_manage(staff, organisation):
        raise EntryNotFound()
    theirs = db.select(Entry.user_id).where(Entry.organisation_id == organisation.id)
    where = [
        User.id.in_(
            db.select(Membership.user_id).where(
                Membership.organisation_id == organisation.id,
                Membership.role == Role.LEARNER.value,
            )
        )
    ]
    if query.get("q"):
        pattern = like(query.get("q"))
        where.append(
            db.or_(
                db.func.lower(User.name).like(pattern, escape="\\"),
                db.func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if query.get("entries") == WAITING:
        where.append(User.id.in_(theirs.where(Entry.state == EntryState.SUBMITTED.value)))
    elif query.get("entries") == NONE:
        where.append(User.id.not_in(theirs))
    total = db.session.scalar(db.select(db.func.count(User.id)).where(*where)) or 0
    people = db.session.execute(
        db.select(User.id, User.name, User.email)
        .where(*where)
        .order_by(db.func.lower(User.name), User.id)
        .limit(PER_PAGE)
        .offset(query.offset)
    ).all()
    rows = {p.id: LearnerLogbook(p.id, p.name, p.email) for p in people}
    if rows:
        answered = (EntryState.FEEDBACK_GIVEN.value, EntryState.REVISED.value)
        for user_id, written, waiting, done, last in db.session.execute(
            db.select(
                Entry.user_id,
                db.func.count(Entry.id),
                db.func.count(db.case((Entry.state == EntryState.SUBMITTED.value, 1))),
                db.func.count(db.case((Entry.state.in_(answered), 1))),
                db.func.max(Entry.updated_at),
            )
            .where(Entry.organisation_id == organisation.id, Entry.user_id.in_(list(rows)))
            .group_by(Entry.user_id)
        ):
            row = rows[user_id]
            row.written, row.waiting, row.answered, row.last_change = written, waiting, done, last
    return Page(list(rows.values()), total, query)
