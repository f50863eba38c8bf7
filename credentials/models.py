"""An issued credential: the signed JWT exactly as issued, and its revocation."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import NAME_MAX, Organisation, User
from extensions import db, utcnow


class CredentialKind(enum.StrEnum):
    COURSE = "course"  # a learner finished every module of a course
    REVERSE_MENTOR = "reverse_mentor"  # a mentor whose pair completed its evaluation


def new_public_id() -> str:
    """The id in the share link: random, so nobody can walk through other people's credentials."""
    return secrets.token_urlsafe(12)


class Credential(db.Model):
    __tablename__ = "credentials"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_public_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    # What it is for: "course:<slug>" or "pair:<id>", so one is issued per course or per pair.
    subject: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(NAME_MAX))  # the name the person chose to print
    title: Mapped[str] = mapped_column(String(200))  # what was earned, in the issuing language
    language: Mapped[str] = mapped_column(String(8), default="en")
    # The recipient is a salted SHA-256 of the email inside the JWT; only the salt is kept here.
    salt: Mapped[str] = mapped_column(String(64))
    jwt: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(String(500))
    revoked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
