"""People, organisations and the memberships that give people their roles."""

from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db, utcnow

NAME_MAX = 80
EMAIL_MAX = 254
GROUP_MAX = 60


class Role(enum.StrEnum):
    LEARNER = "learner"
    MENTOR = "mentor"
    STAFF = "staff"


class TextSize(enum.StrEnum):
    NORMAL = "normal"
    LARGE = "large"
    LARGER = "larger"


class Contrast(enum.StrEnum):
    NORMAL = "normal"
    HIGH = "high"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased: one address is one person whatever the capitals.
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    text_size: Mapped[str] = mapped_column(String(10), default=TextSize.NORMAL.value)
    contrast: Mapped[str] = mapped_column(String(10), default=Contrast.NORMAL.value)
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_METHOD"]
        )

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def active_memberships(self) -> list[Membership]:
        """Memberships that count: staff can deactivate a member in their organisation."""
        return [m for m in self.memberships if m.deactivated_at is None]

    def roles_in(self, organisation_id: int) -> set[Role]:
        return {
            Role(m.role) for m in self.active_memberships if m.organisation_id == organisation_id
        }

    def has_role(self, organisation_id: int, role: Role) -> bool:
        return role in self.roles_in(organisation_id)

    @property
    def organisations(self) -> list[Organisation]:
        seen: dict[int, Organisation] = {}
        for m in self.active_memberships:
            seen.setdefault(m.organisation_id, m.organisation)
        return sorted(seen.values(), key=lambda o: o.name)


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    join_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set on every membership of the person in this organisation at once; the data stays.
    deactivated_at: Mapped[datetime | None]
    # Touched at most once an hour while the person uses Herstart (accounts.members).
    last_seen_at: Mapped[datetime | None]
    group_label: Mapped[str | None] = mapped_column(String(GROUP_MAX))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Invitation(db.Model):
    """A one-time link for one email address and one role; only the token's hash is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    group_label: Mapped[str | None] = mapped_column(String(GROUP_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(lazy="joined")


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(func.lower(User.email) == email.lower()))
