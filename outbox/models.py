"""One row per email: written in the same transaction as the change it tells about."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db, utcnow


class MailState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


# Who may move a message where: a sender claims it, then it is sent or waits for another try;
# after the last try it is failed, and a platform admin may put it back in the queue.
MAIL_TRANSITIONS: dict[MailState, frozenset[MailState]] = {
    MailState.PENDING: frozenset({MailState.SENDING}),
    MailState.SENDING: frozenset({MailState.SENT, MailState.PENDING, MailState.FAILED}),
    MailState.SENT: frozenset(),
    MailState.FAILED: frozenset({MailState.PENDING}),
}


class OutboxMessage(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's dynamic base
    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8))
    # An iCalendar invitation sent as invite.ics beside the text (a meeting both agreed).
    ics: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=MailState.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
