"""Mentoring pairs. The programme (intake, matching, charter, meetings) grows around Mentorship."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Organisation, User
from extensions import db, utcnow


class PairState(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    ACTIVE = "active"
    ENDED = "ended"
    REMATCHED = "rematched"


# The mentor may read a mentee's submitted logbook entries only in these states.
CURRENT_STATES = (PairState.ACCEPTED.value, PairState.ACTIVE.value)


class Mentorship(db.Model):
    __tablename__ = "mentorships"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(12), default=PairState.PROPOSED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(500))

    organisation: Mapped[Organisation] = relationship()
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id])

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES
