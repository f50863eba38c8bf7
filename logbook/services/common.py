"""What every side of the logbook shares: the refusals, the state check, reading entries, the
thread, and the emails (queued in the outbox, in the recipient's language)."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from extensions import Invalid, NotFound, db, flush, rows_changed
from modules.services import catalogue
from notifications.kinds import Kind
from notifications.services import Email, language_of, mark_read, notify
from outbox.services import external_url, local_path

from ..models import (
    ENTRY_TRANSITIONS,
    MAX_LENGTH,
    Entry,
    EntryRead,
    EntryState,
    Message,
    MessageKind,
    Revision,
)

logger = logging.getLogger(__name__)


class LogbookError(Invalid):
    """A refusal the person can act on."""


class EntryNotFound(NotFound):
    """The entry does not exist or is not for this person to see: one answer for both (404)."""


class Conflict(Invalid):
    """The save started from an older version: nothing was written; both texts go back."""

    def __init__(self, entry: Entry | None, mine: str):
        super().__init__("conflict")
        self.entry = entry
        self.mine = mine


def _flush() -> None:
    """Flush; the request commits. Another tab that saved the same version first wins."""
    flush(LogbookError, _l("That was just saved elsewhere. Please look again."))


def check_move(entry: Entry, to: EntryState) -> None:
    if to not in ENTRY_TRANSITIONS[EntryState(entry.state)]:
        raise LogbookError(_l("This entry cannot change like that now."))


def move_entry(entry: Entry, to: EntryState) -> None:
    check_move(entry, to)
    entry.state = to.value


def move_entry_once(entry: Entry, to: EntryState, **values) -> bool:
    """Move the entry only if the database still holds the state (and version) this request
    read: of two requests at the same instant exactly one moves it. False for the other one."""
    check_move(entry, to)
    changed = rows_changed(
        db.update(Entry)
        .where(Entry.id == entry.id, Entry.state == entry.state, Entry.version == entry.version)
        .values(state=to.value, **values)
    )
    db.session.refresh(entry)
    return changed == 1


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


def subject_of(entry: Entry) -> str:
    """What the notification centre calls an entry: opening it marks its items read."""
    return f"entry:{entry.id}"


def mark_read_for(user: User, entry: Entry) -> None:
    """Someone opened an entry: their notifications about it are read."""
    mark_read(user.id, subject_of(entry))


# The thread ----------------------------------------------------------------------------------


def clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise LogbookError(_l("Write your reply first."))
    check_length(body)
    return body


def add_message(entry: Entry, author: User, kind: MessageKind, body: str) -> Message:
    message = Message(entry_id=entry.id, author_id=author.id, kind=kind.value, body=body)
    db.session.add(message)
    _flush()
    return message


# Emails --------------------------------------------------------------------------------------


def title_of(entry: Entry, language: str) -> str:
    """The assignment's title in the reader's language; the key if the course is gone."""
    course = catalogue().course(entry.course)
    if course is not None:
        for assignment in course.assignments(language):
            if assignment.key == entry.key:
                return assignment.title
    return entry.key


def notify_mentor_about(entry: Entry, mentor: User, organisation: Organisation) -> None:
    """The learner sent the entry: the mentor's centre has it; the email (if the mentor reads
    this kind at once) is queued with the submission and delivered after it commits."""
    language = language_of(mentor, organisation)
    title = title_of(entry, language)
    notify(
        mentor,
        Kind.ENTRY_SUBMITTED,
        local_path("logbook.mentor_entry", entry_id=entry.id),
        params={"name": entry.user.name, "title": title},
        subject=subject_of(entry),
        organisation=organisation,
        email=Email(
            template="logbook/email/submitted.txt",
            subject=_l("%(name)s sent you a logbook entry", name=entry.user.name),
            context={
                "mentor": mentor,
                "learner": entry.user,
                "title": title,
                "link": external_url("logbook.mentor_entry", entry_id=entry.id),
            },
        ),
    )


def notify_learner_about(entry: Entry, mentor: User) -> None:
    """The mentor replied: the learner's centre has it, and the email if they read it at once."""
    learner = entry.user
    organisation = db.session.get(Organisation, entry.organisation_id)
    language = language_of(learner, organisation)
    title = title_of(entry, language)
    notify(
        learner,
        Kind.FEEDBACK_GIVEN,
        local_path("logbook.entry", course_slug=entry.course, key=entry.key),
        params={"name": mentor.name, "title": title},
        subject=subject_of(entry),
        organisation=organisation,
        email=Email(
            template="logbook/email/feedback.txt",
            subject=_l("%(name)s replied to your logbook entry", name=mentor.name),
            context={
                "mentor": mentor,
                "learner": learner,
                "title": title,
                "link": external_url("logbook.entry", course_slug=entry.course, key=entry.key),
            },
        ),
    )


def notify_mentor_of_answer(entry: Entry, mentor: User) -> None:
    """The learner answered the mentor's feedback: the mentor hears of it like of a new entry."""
    organisation = db.session.get(Organisation, entry.organisation_id)
    notify(
        mentor,
        Kind.FEEDBACK_ANSWERED,
        local_path("logbook.mentor_entry", entry_id=entry.id),
        params={
            "name": entry.user.name,
            "title": title_of(entry, language_of(mentor, organisation)),
        },
        subject=subject_of(entry),
        organisation=organisation,
    )
