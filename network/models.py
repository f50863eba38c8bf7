"""Directory listings, messages between participants, success stories and their photos."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Organisation, User
from extensions import db, utcnow

REGION_MAX = 80
LINE_MAX = 120
ABOUT_MAX = 1000  # what I can offer, what I am looking for
MESSAGE_MAX = 5000
TITLE_MAX = 120
STORY_MAX = 10000


class Listing(db.Model):
    """A person's entry in their organisation's directory. The row exists only while they opted
    in: leaving deletes it, so nobody is listed who did not choose to be."""

    __tablename__ = "network_listings"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(String(REGION_MAX), default="")
    sector: Mapped[str] = mapped_column(String(40), default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    looking_for: Mapped[str] = mapped_column(Text, default="")
    show_email: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class NetworkMessage(db.Model):
    """One message from a participant to another in the same organisation; only those two read
    it. The recipient answers with a message of their own."""

    __tablename__ = "network_messages"
    __table_args__ = (
        Index("ix_network_messages_recipient", "recipient_id", "created_at"),
        Index("ix_network_messages_sender", "sender_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    sender: Mapped[User | None] = relationship(foreign_keys=[sender_id])
    recipient: Mapped[User | None] = relationship(foreign_keys=[recipient_id])


class StoryState(enum.StrEnum):
    DRAFT = "draft"  # the author writes; nobody else sees it
    SUBMITTED = "submitted"  # staff of the organisation may read and publish it
    PUBLISHED = "published"  # on the public page and the learners' dashboard


class Story(db.Model):
    __tablename__ = "network_stories"
    __table_args__ = (Index("ix_network_stories_org_state", "organisation_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(LINE_MAX), default="")  # the name shown
    state: Mapped[str] = mapped_column(String(10), default=StoryState.DRAFT.value)
    # The author's own choice; staff cannot set it, and publishing needs it.
    consent: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship()
    # Loaded with the stories in one more query, without the bytes (deferred).
    photo: Mapped[Photo | None] = relationship(
        back_populates="story", lazy="selectin", cascade="all, delete-orphan"
    )

    @property
    def photo_id(self) -> int | None:
        return self.photo.id if self.photo is not None else None


class Photo(db.Model):
    """A story's photo, re-encoded (no metadata) and kept in the database: every app server
    behind the load balancer reads the same bytes, and backups of PostgreSQL hold them. It goes
    with its story: deleting the story, its author or the organisation deletes the photo."""

    __tablename__ = "network_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("network_stories.id", ondelete="CASCADE"), unique=True
    )
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    width: Mapped[int]
    height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    story: Mapped[Story] = relationship(back_populates="photo")
