"""`flask privacy purge` (cron, daily): removes what has outlived its period. Each step
removes only what is past its date, so a second run removes nothing more.

- accounts whose grace period ended are erased (privacy.deletion);
- the address and name of invitations that nobody accepted, a month after their date (staff may
  resend them until then; the rows stay for the reports' "invited" figure), and the invitations
  themselves past the retention period;
- access-log rows (who opened a logbook entry) older than the organisation's retention period;
- the participant record kept of an erased account, once the erasure is older than the
  retention period of every organisation the person belonged to;
- "Download my data" archives past their date.

Password-reset links are signed tokens that are stored nowhere: they expire by themselves.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func

from accounts.models import Invitation, Membership, Organisation
from extensions import db, rows_changed, utcnow
from logbook.models import Entry, EntryRead
from personal_data import Policy

from . import registry
from .deletion import erase_due
from .models import DeletionRequest
from .services import expire_archives

logger = logging.getLogger(__name__)

DEFAULT_YEARS = 5
EXPIRED_INVITATIONS_KEPT = timedelta(days=30)  # staff can still resend an expired invitation
OWNER_COLUMN = "user_id"  # the column of a record that is one person's own


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def purge(now: datetime | None = None) -> dict[str, int]:
    """Run every step; returns what each removed, in the order they ran."""
    now = now or utcnow()
    removed = {
        "accounts erased after their grace period": erase_due(now),
        "addresses of expired invitations": _expired_invitations(now),
        "invitations past the retention period": _old_invitations(now),
        "access-log rows past the retention period": _old_reads(now),
        "participant records past the retention period": _kept_records(now),
        "data downloads past their date": expire_archives(now),
    }
    logger.info("privacy purge %s", " ".join(f"{k!r}={v}" for k, v in removed.items()))
    return removed


def _expired_invitations(now: datetime) -> int:
    return rows_changed(
        db.update(Invitation)
        .where(
            Invitation.accepted_at.is_(None),
            Invitation.expires_at < now - EXPIRED_INVITATIONS_KEPT,
            Invitation.email != Invitation.ADDRESS_REMOVED,
        )
        .values(email=Invitation.ADDRESS_REMOVED, name=None)
    )


def _old_invitations(now: datetime) -> int:
    removed = 0
    for organisation, before in _retention_dates(now):
        removed += rows_changed(
            db.delete(Invitation).where(
                Invitation.organisation_id == organisation.id, Invitation.created_at < before
            )
        )
    return removed


def _retention_dates(now: datetime) -> list[tuple[Organisation, datetime]]:
    """Each organisation with the moment before which its records have outlived the period."""
    organisations = db.session.scalars(db.select(Organisation)).all()
    return [(o, years_before(now, o.retention_years)) for o in organisations]


def _old_reads(now: datetime) -> int:
    removed = 0
    for organisation, before in _retention_dates(now):
        entries = db.select(Entry.id).where(Entry.organisation_id == organisation.id)
        removed += rows_changed(
            db.delete(EntryRead).where(EntryRead.read_at < before, EntryRead.entry_id.in_(entries))
        )
    return removed


def _retention_of(user_id: int) -> int:
    """The longest period of the organisations the person belonged to: each may be audited."""
    years = db.session.scalar(
        db.select(func.max(Organisation.retention_years))
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user_id)
    )
    return years if years is not None else DEFAULT_YEARS


def _kept_records(now: datetime) -> int:
    """Records kept for the funder are the person's own rows (`user_id`); a pair's record is
    the partner's too, so it stays pointing at the anonymous account."""
    done = db.session.scalars(
        db.select(DeletionRequest).where(
            DeletionRequest.erased_at.is_not(None), DeletionRequest.purged_at.is_(None)
        )
    ).all()
    kept = [
        table
        for provider in registry.providers()
        for table in provider.tables
        if table.policy == Policy.KEEP_FOR_AUDIT and OWNER_COLUMN in table.person_columns
    ]
    purged = 0
    for deletion in done:
        if deletion.erased_at > years_before(now, _retention_of(deletion.user_id)):
            continue
        # Memberships last: the retention period above is read through them.
        for table in sorted(kept, key=lambda t: t.model is Membership):
            column = getattr(table.model, OWNER_COLUMN)
            db.session.execute(db.delete(table.model).where(column == deletion.user_id))
        deletion.purged_at = now
        db.session.flush()
        purged += 1
        logger.info("participant record purged deletion=%s user=%s", deletion.id, deletion.user_id)
    return purged
