"""People, organisations and the memberships that give people their roles."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db, utcnow

NAME_MAX = 80
EMAIL_MAX = 254
PHONE_MAX = 30
# Join codes are drawn from letters and digits nobody confuses when reading them aloud or off a
# flyer (no 0/O, 1/I/L): 16 of them are about 79 bits, far beyond guessing at any rate limit.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_GROUPS = 4
JOIN_CODE_GROUP_SIZE = 4


def generate_join_code() -> str:
    """A long random code in groups, such as K7QM-XW4R-9TPH-C3VD; never chosen by hand."""
    return "-".join(
        "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_GROUP_SIZE))
        for _ in range(JOIN_CODE_GROUPS)
    )


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


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased: one address is one person whatever the capitals.
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), index=True)  # the people lists' order
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    text_size: Mapped[str] = mapped_column(String(10), default=TextSize.NORMAL.value)
    contrast: Mapped[str] = mapped_column(String(10), default=Contrast.NORMAL.value)
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the owner proved the address is theirs; None for an account made with a join code
    # until its confirmation link is used. Invited people prove it by the invitation link.
    confirmed_at: Mapped[datetime | None]
    # Carried by every session and remember cookie of this person; a new one ends them all.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Set by a platform admin: the account cannot sign in and its sessions end; its data stays.
    deactivated_at: Mapped[datetime | None]
    # --- intro ---
    # What the person shares with their mentoring partner (and nobody else), changeable at any
    # time on the settings page: the address only when they tick the box, the phone if given.
    share_email_with_partner: Mapped[bool] = mapped_column(default=False)
    phone_for_partner: Mapped[str] = mapped_column(String(PHONE_MAX), default="")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )  # loaded with the signed-in person in one statement (accounts.views.user_loader)

    def __init__(self, **values) -> None:
        # Confirmed unless said otherwise (a column default would also replace an explicit None).
        values.setdefault("confirmed_at", utcnow())
        super().__init__(**values)

    def get_id(self) -> str:
        """What sessions and remember cookies carry: the id and the current session token."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses to sign in an inactive account."""
        return self.deactivated_at is None

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
    # Archived by a platform admin: nobody opens it until it is restored; nothing is deleted.
    archived_at: Mapped[datetime | None]
    # --- erasure ---
    # Years the funder's participant record of an erased account is kept (privacy purge).
    retention_years: Mapped[int] = mapped_column(default=5, server_default="5")

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id", "role"),
        Index("ix_memberships_organisation_role", "organisation_id", "role"),  # the staff lists
    )

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
    """A one-time link for one email address and one role; only the token's hash is stored.
    Once expired (or its person erased) the address and name are removed and the row stays, so
    reports still count who was invited, until the organisation's retention period ends."""

    __tablename__ = "invitations"
    ADDRESS_REMOVED = ""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    group_label: Mapped[str | None] = mapped_column(String(GROUP_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class AuditAction(enum.StrEnum):
    ORGANISATION_CREATED = "organisation_created"
    ORGANISATION_EDITED = "organisation_edited"
    ORGANISATION_ARCHIVED = "organisation_archived"
    ORGANISATION_RESTORED = "organisation_restored"
    STAFF_INVITED = "staff_invited"
    RESET_LINK_SENT = "reset_link_sent"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ACCOUNT_REACTIVATED = "account_reactivated"
    ERASURE_STARTED = "erasure_started"  # staff started erasing a person's account


class AuditEntry(db.Model):
    """One action in the platform console or its commands: who did what to which object, when.
    `actor_id` is empty for a command run on the server without naming an administrator."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # What else identifies the object, such as the address an invitation went to.
    detail: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    organisation: Mapped[Organisation | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(func.lower(User.email) == email.lower()))
