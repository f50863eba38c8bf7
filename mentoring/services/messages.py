"""Messages between the two people of a pair. Only they read them: staff see how many and when
the last one was sent, never the text. Sending is possible while the pair runs (accepted or
active); once it ended the conversation stays readable for both, and closed."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from accounts.models import User
from extensions import db, rows_changed, utcnow
from notifications import services as notifications
from notifications.kinds import Kind
from notifications.models import Notification

from ..models import CLOSED_STATES, CURRENT_STATES, Mentorship, PairMessage
from .base import MentoringError, PairNotFound, _flush

logger = logging.getLogger(__name__)

MAX_LENGTH = 5000
# Running or over: a proposed or declined pair never had a conversation.
CONVERSATION_STATES = (*CURRENT_STATES, *CLOSED_STATES)


def has_conversation(pair: Mentorship) -> bool:
    return pair.state in CONVERSATION_STATES


def can_send(pair: Mentorship) -> bool:
    return pair.state in CURRENT_STATES


def _pair_link(pair: Mentorship) -> str:
    """The pair page's local path at its conversation, built without a request (CLI, tests)."""
    path = current_app.url_map.bind("localhost").build("mentoring.pair", {"pair_id": pair.id})
    return path + "#messages"


def _waiting_to_be_read(person: User, subject: str) -> bool:
    """Whether the person still has an unread "new message" about this pair: one is enough (and
    one email), however many messages follow before they open the conversation."""
    return (
        db.session.scalar(
            db.select(Notification.id)
            .filter_by(
                user_id=person.id, subject=subject, kind=Kind.MESSAGE_RECEIVED.value, read_at=None
            )
            .limit(1)
        )
        is not None
    )


def send_message(
    user: User, pair: Mentorship, body: str, now: datetime | None = None
) -> PairMessage:
    """One of the two people writes to the other, while the pair runs; the other is told (the
    notification names the sender, never the text), once until they open the conversation."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    if not can_send(pair):
        raise MentoringError(_l("You can send messages only while your mentoring runs."))
    body = (body or "").strip()
    if not body:
        raise MentoringError(_l("Write your message first."), field="body")
    if len(body) > MAX_LENGTH:
        raise MentoringError(
            _l(
                "Your message is too long: at most %(max)s characters, it has %(n)s. "
                "Shorten it or send it in two parts.",
                max=f"{MAX_LENGTH:,}",
                n=f"{len(body):,}",
            ),
            field="body",
        )
    message = PairMessage(pair_id=pair.id, sender_id=user.id, body=body, created_at=now or utcnow())
    db.session.add(message)
    _flush()
    other = pair.other(user.id)
    subject = f"pair:{pair.id}"
    if not _waiting_to_be_read(other, subject):
        notifications.notify(
            other,
            Kind.MESSAGE_RECEIVED,
            link=_pair_link(pair),
            params={"name": user.name},
            subject=subject,
            organisation=pair.organisation,
        )
    logger.info("message sent pair=%s message=%s sender=%s", pair.id, message.id, user.id)
    return message


def messages_of(user: User, pair: Mentorship, now: datetime | None = None) -> list[PairMessage]:
    """The conversation, oldest first, for one of its two people: the other person's messages
    are read from now on, and so is the notification about them."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    if not has_conversation(pair):
        return []
    marked = rows_changed(
        db.update(PairMessage)
        .where(
            PairMessage.pair_id == pair.id,
            PairMessage.read_at.is_(None),
            (PairMessage.sender_id != user.id) | PairMessage.sender_id.is_(None),
        )
        .values(read_at=now or utcnow())
    )
    if marked:
        notifications.mark_read(user.id, f"pair:{pair.id}")
        logger.info("messages read pair=%s user=%s count=%s", pair.id, user.id, marked)
    return list(
        db.session.scalars(
            db.select(PairMessage)
            .filter_by(pair_id=pair.id)
            .options(selectinload(PairMessage.sender))
            .order_by(PairMessage.created_at, PairMessage.id)
        )
    )


def unread_counts(user: User) -> dict[int, int]:
    """{pair id: messages the other person sent that this person has not seen}, in one query."""
    rows = db.session.execute(
        db.select(PairMessage.pair_id, db.func.count(PairMessage.id))
        .join(Mentorship, Mentorship.id == PairMessage.pair_id)
        .where(
            (Mentorship.mentor_id == user.id) | (Mentorship.mentee_id == user.id),
            PairMessage.read_at.is_(None),
            (PairMessage.sender_id != user.id) | PairMessage.sender_id.is_(None),
        )
        .group_by(PairMessage.pair_id)
    )
    return {pair_id: count for pair_id, count in rows}


def message_summaries(pair_ids) -> dict[int, tuple[int, datetime]]:
    """{pair id: (messages exchanged, when the last was sent)} for staff, in one query; pairs
    without messages are absent. Never the text."""
    ids = list(pair_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        db.select(
            PairMessage.pair_id, db.func.count(PairMessage.id), db.func.max(PairMessage.created_at)
        )
        .where(PairMessage.pair_id.in_(ids))
        .group_by(PairMessage.pair_id)
    )
    return {pair_id: (count, last) for pair_id, count, last in rows}


def message_summary(pair: Mentorship) -> tuple[int, datetime | None]:
    """(messages exchanged, when the last was sent) for staff: (0, None) before the first."""
    return message_summaries([pair.id]).get(pair.id, (0, None))
