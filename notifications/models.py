"""Notification items and each person's email preference per kind."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db, utcnow


class Notification(db.Model):
    __tablename__ = "notifications"
    # The header's unread count and the list page read by person, newest first.
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)  # fills the kind's sentence
    link: Mapped[str] = mapped_column(String(500))  # a local path to the thing itself
    # What the event is about ("entry:12", "pair:3"): opening that thing marks its items read.
    subject: Mapped[str] = mapped_column(String(60), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # When an email told the person about it (at once or in a digest); None while nothing did.
    emailed_at: Mapped[datetime | None]
    # The frequency chosen when the event happened: a digest collects its own kind only.
    frequency: Mapped[str] = mapped_column(String(10))


class Preference(db.Model):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    frequency: Mapped[str] = mapped_column(String(10))


class DigestSent(db.Model):
    """One row per digest email: the command run twice in one period sends once."""

    __tablename__ = "notification_digests"
    __table_args__ = (UniqueConstraint("user_id", "frequency", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    frequency: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(10))  # "2026-12-02" or "2026-W49"
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
