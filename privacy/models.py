"""A person's "Download my data" archives: built once, downloadable by them until they expire."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from extensions import db, utcnow


class ExportState(enum.StrEnum):
    WAITING = "waiting"  # asked for; a job builds it
    BUILDING = "building"  # claimed by a job
    READY = "ready"  # the archive is here until expires_at
    EXPIRED = "expired"  # past expires_at: the archive is gone, the row says when it was


class DataExport(db.Model):
    """Kept in the database, not on a disk, so every app server and worker can serve it."""

    __tablename__ = "privacy_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(10), default=ExportState.WAITING.value)
    language: Mapped[str] = mapped_column(String(8), default="en")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    size: Mapped[int] = mapped_column(default=0)  # bytes of the archive
    archive: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))

    @property
    def is_ready(self) -> bool:
        return self.state == ExportState.READY.value and not self.has_expired

    @property
    def has_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()

    @property
    def is_waiting(self) -> bool:
        return self.state in (ExportState.WAITING.value, ExportState.BUILDING.value)


class DeletionRequest(db.Model):
    """Someone asked to delete the account (the person, or staff for them): erased by
    `flask privacy purge` once `erase_after` has passed, unless the person signed in before.
    The row stays after the erasure as the record that it was done; `purged_at` says when the
    kept participant record went at the end of the retention period."""

    __tablename__ = "privacy_deletions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Staff who started it for the person; None when the person asked themselves.
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    erase_after: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]
