"""Every change to a logbook: saving with a version check, revisions, submission, the thread with
the mentor, notifications and the access log. Each function checks permission and commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from accounts.services import may_manage
from extensions import Invalid, NotFound, db, flush, utcnow
from mentoring import services as mentoring
from modules.content import Assignment

from .models import (
    ENTRY_TRANSITIONS,
    MAX_LENGTH,
    SAVE_MOVES,
    Entry,
    EntryRead,
    EntryState,
    Message,
    MessageKind,
    Notification,
    NotificationKind,
    Revision,
)


class LogbookError(Invalid):
    """A refusal the person can act on."""


class EntryNotFound(NotFound):
    """The entry does not exist or is not for this person to see: one answer for both (404)."""


class Conflict(Invalid):
    """The save started from an older version: nothing was written; both texts go back."""

    def __init__(self, entry: Entry, mine: str):
        super().__init__("conflict")
        self.entry = entry
        self.mine = mine


def _flush() -> None:
    """Flush; the request commits. Another tab that saved the same version first wins."""
    flush(LogbookError, _l("That was just saved elsewhere. Please look again."))


def move_entry(entry: Entry, to: EntryState) -> None:
    if to not in ENTRY_TRANSITIONS[EntryState(entry.state)]:
        raise LogbookError(_l("This entry cannot change like that now."))
    entry.state = to.value


# Reading -------------------------------------------------------------------------------------


def entries_of(user_id: int, course: str | None = None) -> dict[tuple[str, str], Entry]:
    """The learner's entries by (course, key)."""
    query = db.select(Entry).filter_by(user_id=user_id)
    if course is not None:
        query = query.filter_by(course=course)
    return {(e.course, e.key): e for e in db.session.scalars(query)}


def entry_of(user_id: int, course: str, key: str) -> Entry | None:
    return db.session.scalar(db.select(Entry).filter_by(user_id=user_id, course=course, key=key))


def revisions_of(entry: Entry | None) -> list[Revision]:
    if entry is None:
        return []
    return list(
        db.session.scalars(
            db.select(Revision).filter_by(entry_id=entry.id).order_by(Revision.version.desc())
        )
    )


def revision_of(entry: Entry | None, version: int) -> Revision:
    revision = (
        None
        if entry is None
        else db.session.scalar(db.select(Revision).filter_by(entry_id=entry.id, version=version))
    )
    if revision is None:
        raise EntryNotFound()
    return revision


def thread_of(entry: Entry | None) -> list[Message]:
    if entry is None:
        return []
    return list(
        db.session.scalars(
            db.select(Message).filter_by(entry_id=entry.id).order_by(Message.created_at, Message.id)
        )
    )


def reads_of(entry: Entry | None) -> list[EntryRead]:
    """Who other than the learner opened the entry: the latest read of each person."""
    if entry is None:
        return []
    latest: dict[int | None, EntryRead] = {}
    rows = db.session.scalars(
        db.select(EntryRead).filter_by(entry_id=entry.id).order_by(EntryRead.read_at)
    )
    for read in rows:
        latest[read.reader_id] = read
    return sorted(latest.values(), key=lambda r: r.read_at, reverse=True)


# The learner's changes -----------------------------------------------------------------------


def check_length(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise LogbookError(
            _l(
                "An entry can be at most %(max)s characters; this one has %(count)s. "
                "Your text is still here: shorten it, or keep part of it elsewhere.",
                max=f"{MAX_LENGTH:,}",
                count=f"{len(text):,}",
            )
        )


def save_entry(
    user: User,
    organisation: Organisation,
    course: str,
    assignment: Assignment,
    text: str,
    base_version: int,
    now: datetime | None = None,
) -> Entry:
    """Save a new version, only if it starts from the version the database holds."""
    text = text.replace("\r\n", "\n")
    check_length(text)
    entry = entry_of(user.id, course, assignment.key)
    current = entry.version if entry else 0
    if base_version != current:
        raise Conflict(entry, text)
    if entry is not None and entry.text == text:
        return entry  # nothing changed: no new revision
    if entry is None:
        entry = Entry(
            user_id=user.id,
            organisation_id=organisation.id,
            course=course,
            module=assignment.module,
            key=assignment.key,
            text="",
            version=0,
            state=EntryState.DRAFT.value,
        )
        db.session.add(entry)
    state = EntryState(entry.state)
    if state not in SAVE_MOVES:
        raise LogbookError(
            _l("This entry is waiting for your mentor. Take it back first to change it.")
        )
    now = now or utcnow()
    if SAVE_MOVES[state] != state:
        move_entry(entry, SAVE_MOVES[state])
    entry.text = text
    entry.version = current + 1
    entry.updated_at = now
    db.session.flush()
    db.session.add(Revision(entry_id=entry.id, version=entry.version, text=text, created_at=now))
    _flush()
    return entry


def restore_revision(
    user: User,
    organisation: Organisation,
    course: str,
    assignment: Assignment,
    version: int,
    base_version: int,
) -> Entry:
    """An earlier text becomes a new version; the versions in between are kept."""
    entry = entry_of(user.id, course, assignment.key)
    revision = revision_of(entry, version)
    return save_entry(user, organisation, course, assignment, revision.text, base_version)


def submit_entry(user: User, organisation: Organisation, entry: Entry | None) -> Entry:
    """Send the entry to the learner's current mentor; tells the mentor in the app."""
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    pair = mentoring.current_mentorship(user.id, organisation.id)
    if pair is None:
        raise LogbookError(_l("You need a mentor before you can submit an entry."))
    if not entry.text.strip():
        raise LogbookError(_l("Write something before you submit it."))
    move_entry(entry, EntryState.SUBMITTED)
    entry.submitted_text = entry.text
    entry.submitted_at = utcnow()
    db.session.add(
        Notification(user_id=pair.mentor_id, entry_id=entry.id, kind=NotificationKind.SUBMITTED)
    )
    _flush()
    return entry


def withdraw_entry(user: User, entry: Entry | None) -> Entry:
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    move_entry(entry, EntryState.DRAFT)
    _flush()
    return entry


def answer_feedback(user: User, entry: Entry | None, body: str) -> Message:
    """The learner answers the mentor in the entry's thread."""
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    if EntryState(entry.state) not in (EntryState.FEEDBACK_GIVEN, EntryState.REVISED):
        raise LogbookError(_l("You can answer once your mentor has replied."))
    return _add_message(entry, user, MessageKind.ANSWER, body)


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise LogbookError(_l("Write your reply first."))
    check_length(body)
    return body


def _add_message(entry: Entry, author: User, kind: MessageKind, body: str) -> Message:
    body = _clean_body(body)
    message = Message(entry_id=entry.id, author_id=author.id, kind=kind.value, body=body)
    db.session.add(message)
    _flush()
    return message


# The mentor's side ---------------------------------------------------------------------------

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
    db.session.add(EntryRead(entry_id=entry.id, reader_id=reader.id))
    db.session.execute(
        db.update(Notification)
        .filter_by(user_id=reader.id, entry_id=entry.id, read_at=None)
        .values(read_at=utcnow())
    )
    _flush()


def give_feedback(mentor: User, entry_id: int, body: str) -> Message:
    """The mentor replies; the first reply after a submission marks the feedback as given."""
    entry = entry_for_mentor(mentor, entry_id)
    body = _clean_body(body)
    if entry.state == EntryState.SUBMITTED.value:
        move_entry(entry, EntryState.FEEDBACK_GIVEN)
    db.session.add(
        Notification(user_id=entry.user_id, entry_id=entry.id, kind=NotificationKind.FEEDBACK)
    )
    return _add_message(entry, mentor, MessageKind.FEEDBACK, body)


@dataclass(frozen=True)
class Waiting:
    entry: Entry
    days: int


def inbox(mentor: User, organisation: Organisation, now: datetime | None = None) -> list[Waiting]:
    """Submitted entries of the mentor's current mentees, oldest first."""
    now = now or utcnow()
    mentee_ids = [
        p.mentee_id for p in mentoring.current_mentorships_of_mentor(mentor.id, organisation.id)
    ]
    if not mentee_ids:
        return []
    rows = db.session.scalars(
        db.select(Entry)
        .where(Entry.user_id.in_(mentee_ids))
        .filter_by(organisation_id=organisation.id, state=EntryState.SUBMITTED.value)
        .order_by(Entry.submitted_at, Entry.id)
        .options(db.joinedload(Entry.user))
    )
    return [Waiting(e, (now - e.submitted_at).days) for e in rows]


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


# Notifications -------------------------------------------------------------------------------


def unread_notifications(user_id: int) -> list[Notification]:
    return list(
        db.session.scalars(
            db.select(Notification)
            .filter_by(user_id=user_id, read_at=None)
            .order_by(Notification.created_at.desc())
        )
    )


def mark_read_for(user: User, entry: Entry) -> None:
    """The learner opened an entry: its notifications are read."""
    changed = db.session.execute(
        db.update(Notification)
        .filter_by(user_id=user.id, entry_id=entry.id, read_at=None)
        .values(read_at=utcnow())
    )
    if changed.rowcount:
        _flush()


# Staff ---------------------------------------------------------------------------------------


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
