"""The mentor's side: reading an entry a current mentee submitted, the access log, replying
(the learner is told in the app and by email), the inbox and the mentees' shared entries."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from extensions import db, utcnow
from mentoring import services as mentoring
from mentoring.health import DEFAULT_REPLY_DAYS

from ..models import Entry, EntryRead, EntryState, Message, MessageKind
from .common import (
    EntryNotFound,
    LogbookError,
    _flush,
    add_message,
    clean_body,
    mark_read_for,
    move_entry_once,
    notify_learner_about,
)
from .waits import days_waited

logger = logging.getLogger(__name__)

# The mentor reads an entry only once it was submitted, and only while the pair is current.
MENTOR_VISIBLE = (
    EntryState.SUBMITTED.value,
    EntryState.FEEDBACK_GIVEN.value,
    EntryState.REVISED.value,
)


def entry_for_mentor(mentor: User, entry_id: int) -> Entry:
    entry = db.session.get(Entry, entry_id)
    if (
        entry is None
        or entry.state not in MENTOR_VISIBLE
        or not mentoring.is_current_mentor(mentor.id, entry.user_id, entry.organisation_id)
    ):
        raise EntryNotFound()
    return entry


def record_read(entry: Entry, reader: User) -> None:
    """Log that someone other than the learner opened the entry."""
    if reader.id == entry.user_id:
        return
    read = EntryRead(entry_id=entry.id, reader_id=reader.id)
    db.session.add(read)
    _flush()
    mark_read_for(reader, entry)
    logger.info("logbook entry read entry=%s reader=%s", entry.id, reader.id)


def give_feedback(mentor: User, entry_id: int, body: str) -> Message:
    """The mentor replies; the first reply after a submission marks the feedback as given. The
    learner's email is queued in the same transaction and sent once it commits."""
    entry = entry_for_mentor(mentor, entry_id)
    body = clean_body(body)
    if entry.state == EntryState.SUBMITTED.value:
        # Two first replies at the same instant: both are kept, the state moves once.
        moved = move_entry_once(entry, EntryState.FEEDBACK_GIVEN)
        if not moved and entry.state not in MENTOR_VISIBLE:  # the learner took it back
            raise LogbookError(
                _l("The entry was taken back a moment ago, so your reply was not sent.")
            )
    message = add_message(entry, mentor, MessageKind.FEEDBACK, body)
    notify_learner_about(entry, mentor)
    logger.info("logbook feedback given entry=%s message=%s", entry.id, message.id)
    return message


@dataclass(frozen=True)
class Waiting:
    entry: Entry
    days: int
    reply_days: int = DEFAULT_REPLY_DAYS  # what the pair's charter agreed

    @property
    def overdue(self) -> bool:
        return self.days > self.reply_days


def inbox(mentor: User, organisation: Organisation, now: datetime | None = None) -> list[Waiting]:
    """Submitted entries of the mentor's current mentees: those past the days the pair agreed
    to answer in first, then oldest first."""
    now = now or utcnow()
    pairs = mentoring.current_mentorships_of_mentor(mentor.id, organisation.id)
    mentee_ids = [p.mentee_id for p in pairs]
    if not mentee_ids:
        return []
    agreed = mentoring.reply_days_by_pair([p.id for p in pairs])
    reply_days = {p.mentee_id: agreed[p.id] for p in pairs}
    rows = db.session.scalars(
        db.select(Entry)
        .where(Entry.user_id.in_(mentee_ids))
        .filter_by(organisation_id=organisation.id, state=EntryState.SUBMITTED.value)
        .order_by(Entry.submitted_at, Entry.id)
        .options(db.joinedload(Entry.user))
    )
    waiting = [
        Waiting(e, days_waited(e.submitted_at, now), reply_days[e.user_id])
        for e in rows
        if e.submitted_at is not None
    ]
    return sorted(waiting, key=lambda w: not w.overdue)  # stable: oldest first within each


def people(user_ids: list[int]) -> dict[int, User]:
    """Several people in one query (the mentor's page names every mentee)."""
    if not user_ids:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(user_ids)))}


def shared_entries_of(mentee_ids: list[int], organisation: Organisation) -> dict[int, list[Entry]]:
    """Entries these mentees shared with their mentor, by mentee: callers pass current mentees."""
    shared: dict[int, list[Entry]] = {m: [] for m in mentee_ids}
    if not mentee_ids:
        return shared
    rows = db.session.scalars(
        db.select(Entry)
        .where(Entry.user_id.in_(mentee_ids), Entry.state.in_(MENTOR_VISIBLE))
        .filter_by(organisation_id=organisation.id)
        .order_by(Entry.submitted_at, Entry.id)
    )
    for entry in rows:
        shared[entry.user_id].append(entry)
    return shared
