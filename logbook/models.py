"""Logbook entries, their revisions, the thread with the mentor and the access log.

Every save is a revision row; every reply is a message row; every time someone other than the
learner opens an entry is a read row.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from extensions import db, utcnow

MAX_LENGTH = 50_000


class EntryState(enum.StrEnum):
    DRAFT = "draft"  # only the learner sees it
    SUBMITTED = "submitted"  # waiting in the mentor's inbox
    FEEDBACK_GIVEN = "feedback_given"  # the mentor replied
    REVISED = "revised"  # the learner changed the text after feedback, not yet resubmitted


ENTRY_TRANSITIONS: dict[EntryState, frozenset[EntryState]] = {
    EntryState.DRAFT: frozenset({EntryState.SUBMITTED}),
    # Withdrawing brings a submitted entry back to the learner before the mentor replied.
    EntryState.SUBMITTED: frozenset({EntryState.FEEDBACK_GIVEN, EntryState.DRAFT}),
    EntryState.FEEDBACK_GIVEN: frozenset({EntryState.REVISED, EntryState.SUBMITTED}),
    EntryState.REVISED: frozenset({EntryState.SUBMITTED}),
}

# States in which the learner may change the text, and the state a save moves the entry to.
SAVE_MOVES: dict[EntryState, EntryState] = {
    EntryState.DRAFT: EntryState.DRAFT,
    EntryState.FEEDBACK_GIVEN: EntryState.REVISED,
    EntryState.REVISED: EntryState.REVISED,
}


class MessageKind(enum.StrEnum):
    FEEDBACK = "feedback"  # from the mentor
    ANSWER = "answer"  # from the learner


class Entry(db.Model):
    __tablename__ = "logbook_entries"
    __table_args__ = (
        UniqueConstraint("user_id", "course", "key"),
        # The staff overview and the mentors' inboxes: entries in a state, oldest sent first.
        Index("ix_logbook_entries_organisation_state", "organisation_id", "state", "submitted_at"),
        # A page of people (a mentor's mentees, the staff overview's 50 learners): their entries
        # only, never the whole organisation's read to find them.
        Index("ix_logbook_entries_user_organisation_state", "user_id", "organisation_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    course: Mapped[str] = mapped_column(String(80))
    module: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(16), default=EntryState.DRAFT.value)
    # What the mentor reads: the text as it was when last submitted, never a later draft.
    submitted_text: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class Revision(db.Model):
    __tablename__ = "logbook_revisions"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("logbook_entries.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when this text was saved
    # Autosaves fold into one revision for a few minutes from this moment; None for a revision
    # the learner saved on purpose (Save, restore), which is never folded into.
    autosave_began_at: Mapped[datetime | None]


class Message(db.Model):
    __tablename__ = "logbook_messages"
    # Reports and pair health look up the first feedback on an entry.
    __table_args__ = (Index("ix_logbook_messages_entry_kind", "entry_id", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("logbook_entries.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class EntryRead(db.Model):
    """Someone other than the learner opened the entry."""

    __tablename__ = "logbook_reads"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("logbook_entries.id", ondelete="CASCADE"), index=True
    )
    reader_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    read_at: Mapped[datetime] = mapped_column(default=utcnow)

    reader: Mapped[User | None] = relationship(lazy="joined")


class HeldText(db.Model):
    """Text a learner saved (without JavaScript) after their session had ended. The browser keeps
    a random token in a cookie; the text is handed back only to the same person when they sign in
    again on that browser. `checked` says the post carried a valid CSRF token, so it is saved
    at once; otherwise it only comes back into the editor for the learner to save."""

    __tablename__ = "logbook_held_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int]
    checked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


# --- budgets ---


class Budget(db.Model):
    """One of the five budgets of a learner's plan: rows and amounts (whole cents) as data, the
    shape per kind described in logbook/services/budgets.py. Saved with a version check, like
    entries; every save is also a BudgetRevision."""

    __tablename__ = "logbook_budgets"
    __table_args__ = (UniqueConstraint("user_id", "course", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    course: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BudgetRevision(db.Model):
    """Every saved version of a budget, never lost."""

    __tablename__ = "logbook_budget_revisions"
    __table_args__ = (UniqueConstraint("budget_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("logbook_budgets.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
