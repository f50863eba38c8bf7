"""The learner's changes: saving with a version check (autosaves fold into lean revisions),
restoring, sending to the mentor, taking back, answering, and text held while signed out."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from accounts.models import Organisation, User
from extensions import db, rows_changed, utcnow
from mentoring import services as mentoring
from modules.content import Assignment

from ..models import (
    SAVE_MOVES,
    Entry,
    EntryState,
    HeldText,
    Message,
    MessageKind,
    Revision,
)
from .common import (
    Conflict,
    EntryNotFound,
    LogbookError,
    _flush,
    add_message,
    check_length,
    clean_body,
    entry_of,
    move_entry_once,
    notify_mentor_about,
    notify_mentor_of_answer,
    revision_of,
)

logger = logging.getLogger(__name__)

# Autosaves within this time of the first one fold into one revision.
FOLD_WINDOW = timedelta(minutes=5)
# Text held for a signed-out learner waits this long for them to sign in again.
HOLD_FOR = timedelta(days=7)

ALREADY_SENT = _l("This entry is already with your mentor.")
WAITING_FOR_MENTOR = _l("This entry is waiting for your mentor. Take it back first to change it.")


def normalise(text: str) -> str:
    """Newlines as the browser's textarea means them; NUL, which PostgreSQL refuses, left out."""
    return text.replace("\r\n", "\n").replace("\x00", "")


def save_entry(
    user: User,
    organisation: Organisation,
    course: str,
    assignment: Assignment,
    text: str,
    base_version: int,
    now: datetime | None = None,
    autosave: bool = False,
) -> Entry:
    """Save a new version, only if it starts from the version the database holds. Two saves
    from the same version at the same instant: one wins, the other is a Conflict."""
    text = normalise(text)
    check_length(text)
    now = now or utcnow()
    entry = entry_of(user.id, course, assignment.key)
    current = entry.version if entry else 0
    if base_version != current:
        raise Conflict(entry, text)
    if entry is None:
        entry = _first_version(user, organisation, course, assignment, text, now)
    elif entry.text == text:
        if not autosave:
            _keep_latest_revision(entry)
        return entry  # nothing changed: no new revision
    else:
        _next_version(entry, text, base_version, now)
    _add_revision(entry, text, now, autosave)
    logger.info(
        "logbook entry saved entry=%s version=%s autosave=%s", entry.id, entry.version, autosave
    )
    return entry


def _first_version(user, organisation, course, assignment, text, now) -> Entry:
    """The unique rule (one entry per learner and assignment) decides between two first saves."""
    entry = Entry(
        user_id=user.id,
        organisation_id=organisation.id,
        course=course,
        module=assignment.module,
        key=assignment.key,
        text=text,
        version=1,
        state=EntryState.DRAFT.value,
        updated_at=now,
    )
    db.session.add(entry)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(entry_of(user.id, course, assignment.key), text) from None
    return entry


def _next_version(entry: Entry, text: str, base_version: int, now: datetime) -> None:
    """UPDATE ... WHERE version = base: of two saves from one version exactly one writes."""
    state = EntryState(entry.state)
    if state not in SAVE_MOVES:
        raise LogbookError(WAITING_FOR_MENTOR)
    changed = rows_changed(
        db.update(Entry)
        .where(Entry.id == entry.id, Entry.version == base_version, Entry.state == state.value)
        .values(text=text, version=base_version + 1, state=SAVE_MOVES[state].value, updated_at=now)
    )
    db.session.refresh(entry)
    if changed != 1:
        if entry.version != base_version:
            raise Conflict(entry, text)
        raise LogbookError(WAITING_FOR_MENTOR)


def _latest_revision(entry: Entry, version: int) -> Revision | None:
    return db.session.scalar(db.select(Revision).filter_by(entry_id=entry.id, version=version))


def _add_revision(entry: Entry, text: str, now: datetime, autosave: bool) -> None:
    """Autosaves within FOLD_WINDOW of the first fold into that revision, which moves up to the
    new version; an explicit save always gets a revision of its own."""
    latest = _latest_revision(entry, entry.version - 1) if autosave else None
    if (
        latest is not None
        and latest.autosave_began_at
        and now - latest.autosave_began_at < (FOLD_WINDOW)
    ):
        latest.version, latest.text, latest.created_at = entry.version, text, now
    else:
        db.session.add(
            Revision(
                entry_id=entry.id,
                version=entry.version,
                text=text,
                created_at=now,
                autosave_began_at=now if autosave else None,
            )
        )
    _flush()


def _keep_latest_revision(entry: Entry) -> None:
    """Save pressed on text an autosave already stored: that revision is now kept on purpose."""
    latest = _latest_revision(entry, entry.version)
    if latest is not None and latest.autosave_began_at is not None:
        latest.autosave_began_at = None
        _flush()
        logger.info("logbook revision kept entry=%s version=%s", entry.id, entry.version)


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


def submit_entry(
    user: User, organisation: Organisation, entry: Entry | None, base_version: int | None = None
) -> Entry:
    """Send the version the learner saw (`base_version`) to their current mentor, who is told in
    the app and by email. Sent twice at the same instant: one sends, the other is refused."""
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    pair = mentoring.current_mentorship(user.id, organisation.id)
    if pair is None:
        raise LogbookError(_l("You need a mentor before you can submit an entry."))
    if entry.state == EntryState.SUBMITTED.value:
        raise LogbookError(ALREADY_SENT)
    if base_version is not None and base_version != entry.version:
        raise _newer_elsewhere()
    if not entry.text.strip():
        raise LogbookError(_l("Write something before you submit it."))
    sent = move_entry_once(
        entry, EntryState.SUBMITTED, submitted_text=entry.text, submitted_at=utcnow()
    )
    if not sent:
        if entry.state == EntryState.SUBMITTED.value:
            raise LogbookError(ALREADY_SENT)
        raise _newer_elsewhere()
    notify_mentor_about(entry, pair.mentor, organisation)
    logger.info("logbook entry submitted entry=%s mentor=%s", entry.id, pair.mentor_id)
    return entry


def _newer_elsewhere() -> LogbookError:
    return LogbookError(
        _l(
            "Nothing was sent: this entry was changed in another window after this page was "
            "opened. Read the text below; if it is the one you want to send, press the button "
            "again."
        )
    )


def withdraw_entry(user: User, entry: Entry | None) -> Entry:
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    if not move_entry_once(entry, EntryState.DRAFT):
        raise LogbookError(_l("This entry cannot change like that now."))
    logger.info("logbook entry withdrawn entry=%s", entry.id)
    return entry


def answer_feedback(user: User, entry: Entry | None, body: str) -> Message:
    """The learner answers the mentor in the entry's thread."""
    if entry is None or entry.user_id != user.id:
        raise EntryNotFound()
    if EntryState(entry.state) not in (EntryState.FEEDBACK_GIVEN, EntryState.REVISED):
        raise LogbookError(_l("You can answer once your mentor has replied."))
    message = add_message(entry, user, MessageKind.ANSWER, clean_body(body))
    pair = mentoring.current_mentorship(user.id, entry.organisation_id)
    if pair is not None:  # after the pair ended the answer stays in the thread, unannounced
        notify_mentor_of_answer(entry, pair.mentor)
    logger.info("logbook answer added entry=%s message=%s", entry.id, message.id)
    return message


# Text saved after the session ended (without JavaScript) -------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hold_text(
    token: str | None,
    writer_id: int,
    course: str,
    key: str,
    text: str,
    base_version: int,
    checked: bool,
) -> str:
    """Keep text posted by a browser whose session ended, for the person the page was for;
    returns the browser's token (the cookie that finds it again). Old held texts are dropped."""
    text = normalise(text)
    check_length(text)
    if db.session.get(User, writer_id) is None:
        raise EntryNotFound()
    token = token or secrets.token_urlsafe(32)
    db.session.execute(db.delete(HeldText).where(HeldText.created_at < utcnow() - HOLD_FOR))
    held = HeldText(
        token_hash=hash_token(token),
        user_id=writer_id,
        course=course,
        key=key,
        text=text,
        base_version=base_version,
        checked=checked,
    )
    db.session.add(held)
    _flush()
    logger.info("logbook text held held=%s user=%s checked=%s", held.id, writer_id, checked)
    return token


def take_held_text(user: User, token: str, course: str, key: str) -> HeldText | None:
    """The oldest text this browser held for this person and entry, removed from the store;
    text held for anyone else stays where only they can reach it."""
    held = db.session.scalar(
        db.select(HeldText)
        .filter_by(token_hash=hash_token(token), user_id=user.id, course=course, key=key)
        .order_by(HeldText.id)
        .limit(1)
    )
    if held is None:
        return None
    db.session.delete(held)
    _flush()
    logger.info("logbook held text taken held=%s user=%s", held.id, user.id)
    return held
