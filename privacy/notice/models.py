"""Numbered versions of an organisation's notice, and which version each person saw."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db, utcnow


class PrivacyNotice(db.Model):
    """One saved version; the default text (version 0) has no row."""

    __tablename__ = "privacy_notices"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    text_en: Mapped[str] = mapped_column(Text)
    text_nl: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class NoticeSeen(db.Model):
    """A person was shown this version of the organisation's notice (a notice, not consent)."""

    __tablename__ = "privacy_notices_seen"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
