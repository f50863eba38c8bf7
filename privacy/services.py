"""Download my data: asking for it, building the archive, handing it to its owner only.

Design: a small archive is built in the request that asks for it (most people's data is a few
hundred rows). A larger one is left waiting in `privacy_exports`; a job builds it: the RQ worker
(`flask privacy worker`, when REDIS_URL is set, enqueued after the commit) or cron
(`flask privacy build-exports`, every few minutes). Either way the person gets a notification
with the link, and the archive can be downloaded for EXPORT_DAYS days. It lives in the database,
so any app server or worker can build and serve it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, format_date
from sqlalchemy import func

from accounts.models import User
from extensions import NotFound, db, rows_changed, utcnow
from notifications.kinds import Kind
from notifications.services import language_of, notify
from outbox.services import local_path

from . import registry
from .archive import build_zip
from .models import DataExport, ExportState

logger = logging.getLogger(__name__)

EXPORT_DAYS = 7
STALE_CLAIM = timedelta(minutes=30)  # a job that died mid-build gives its claim back


class Gone(NotFound):
    """The archive's link has expired."""

    status = 410


def estimate_rows(user_id: int) -> int:
    """Rows that point straight at the person: a cheap measure of the archive's size."""
    total = 0
    for provider in registry.providers():
        for table in provider.tables:
            for name in table.person_columns:
                column = getattr(table.model, name)
                total += (
                    db.session.scalar(
                        db.select(func.count()).select_from(table.model).where(column == user_id)
                    )
                    or 0
                )
    return total


def request_export(user: User) -> DataExport:
    """Ask for the person's data; one waiting request at a time, and a new copy replaces the
    one before. Built now when small."""
    waiting = db.session.scalar(
        db.select(DataExport).where(
            DataExport.user_id == user.id,
            DataExport.state.in_((ExportState.WAITING.value, ExportState.BUILDING.value)),
        )
    )
    if waiting is not None:
        return waiting
    # One archive per person at a time: a new copy replaces the older one.
    db.session.execute(
        db.update(DataExport)
        .where(DataExport.user_id == user.id, DataExport.state == ExportState.READY.value)
        .values(state=ExportState.EXPIRED.value, archive=None)
        .execution_options(synchronize_session=False)
    )
    organisation = user.organisations[0] if user.organisations else None
    export = DataExport(user_id=user.id, language=language_of(user, organisation))
    db.session.add(export)
    db.session.flush()
    logger.info("data export requested export=%s user=%s", export.id, user.id)
    limit = current_app.config["PRIVACY_INLINE_ROWS"]
    if estimate_rows(user.id) <= limit:
        build(export)
    return export


def build(export: DataExport) -> DataExport:
    """Build the archive, keep it for EXPORT_DAYS days and tell the person."""
    user = db.session.get(User, export.user_id)
    if user is None:  # the account is gone: nothing to build
        db.session.delete(export)
        db.session.flush()
        return export
    archive = build_zip(user, export.language, registry.providers())
    now = utcnow()
    export.archive = archive
    export.size = len(archive)
    export.state = ExportState.READY.value
    export.ready_at = now
    export.expires_at = now + timedelta(days=EXPORT_DAYS)
    db.session.flush()
    with force_locale(export.language):  # the date in the person's language
        until = str(format_date(export.expires_at, "d MMMM y"))
    notify(
        user,
        Kind.DATA_EXPORT_READY,
        local_path("privacy.my_data"),
        params={"when": until},
        subject=f"export:{export.id}",
    )
    logger.info("data export ready export=%s user=%s bytes=%s", export.id, user.id, export.size)
    return export


def claim(export_id: int) -> bool:
    """Take a waiting export for this job; False when another job has it or it is built."""
    now = utcnow()
    return bool(
        rows_changed(
            db.update(DataExport)
            .where(
                DataExport.id == export_id,
                (DataExport.state == ExportState.WAITING.value)
                | (
                    (DataExport.state == ExportState.BUILDING.value)
                    & (DataExport.claimed_at < now - STALE_CLAIM)
                ),
            )
            .values(state=ExportState.BUILDING.value, claimed_at=now)
        )
    )


def waiting_ids(limit: int = 20) -> list[int]:
    query = (
        db.select(DataExport.id)
        .where(DataExport.state.in_((ExportState.WAITING.value, ExportState.BUILDING.value)))
        .order_by(DataExport.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def build_claimed(export_id: int) -> bool:
    """A job's step: claim the export and build it. The caller commits."""
    if not claim(export_id):
        return False
    export = db.session.get(DataExport, export_id)
    if export is None:
        return False
    db.session.refresh(export)
    build(export)
    return True


def exports_of(user_id: int) -> list[DataExport]:
    """The person's archives that are waiting or still downloadable, newest first."""
    query = (
        db.select(DataExport)
        .where(DataExport.user_id == user_id, DataExport.state != ExportState.EXPIRED.value)
        .order_by(DataExport.id.desc())
    )
    return [e for e in db.session.scalars(query) if not e.has_expired]


def archive_of(user_id: int, export_id: int) -> DataExport:
    """The archive for its owner; anybody else is told it does not exist."""
    export = db.session.get(DataExport, export_id)
    if export is None or export.user_id != user_id:
        raise NotFound()
    if export.state == ExportState.EXPIRED.value or export.has_expired:
        raise Gone()
    if export.state != ExportState.READY.value:
        raise NotFound()
    return export


def expire_archives(now=None) -> int:
    """Drop archives past their date (the row stays, saying it expired). Returns how many."""
    now = now or utcnow()
    return rows_changed(
        db.update(DataExport)
        .where(DataExport.state == ExportState.READY.value, DataExport.expires_at <= now)
        .values(state=ExportState.EXPIRED.value, archive=None)
    )
