"""Delete my account: asked with the password (or by staff for the person), a grace period in
which signing in cancels it, then `erase_person` from `flask privacy purge`."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l

from accounts.models import (
    AuditAction,
    AuditEntry,
    Membership,
    Organisation,
    User,
    new_session_token,
)
from accounts.services import require_staff
from extensions import Invalid, NotFound, db, utcnow
from notifications.services import language_of
from outbox.services import external_url, queue_email

from .erasure import erase_person
from .models import DeletionRequest

logger = logging.getLogger(__name__)

GRACE_DAYS = 14


def pending_of(user_id: int) -> DeletionRequest | None:
    """The deletion waiting for its grace period to end, if any."""
    return db.session.scalar(
        db.select(DeletionRequest).where(
            DeletionRequest.user_id == user_id,
            DeletionRequest.cancelled_at.is_(None),
            DeletionRequest.erased_at.is_(None),
        )
    )


def ask_to_delete(user: User, password: str) -> DeletionRequest:
    """The person's own request: their password proves it is them."""
    if not user.check_password(password or ""):
        raise Invalid(
            _l("That is not your password. Nothing was changed: type your password again."),
            field="password",
        )
    return _start(user, None, None)


def start_for_person(actor: User, organisation: Organisation, user_id: int) -> DeletionRequest:
    """Staff (or a platform admin) start the same erasure for a member who asked them by other
    means; written to the audit log."""
    require_staff(actor, organisation)
    is_member = db.session.scalar(
        db.select(Membership.id).filter_by(user_id=user_id, organisation_id=organisation.id)
    )
    person = db.session.get(User, user_id)
    if not is_member or person is None or person.is_admin or not person.is_active:
        raise NotFound()
    deletion = _start(person, actor, organisation)
    db.session.add(
        AuditEntry(
            actor_id=actor.id,
            action=AuditAction.ERASURE_STARTED.value,
            organisation_id=organisation.id,
            user_id=person.id,
        )
    )
    db.session.flush()
    return deletion


def _start(user: User, actor: User | None, organisation: Organisation | None) -> DeletionRequest:
    existing = pending_of(user.id)
    if existing is not None:
        return existing
    now = utcnow()
    deletion = DeletionRequest(
        user_id=user.id,
        requested_by_id=actor.id if actor else None,
        organisation_id=organisation.id if organisation else None,
        requested_at=now,
        erase_after=now + timedelta(days=GRACE_DAYS),
    )
    db.session.add(deletion)
    # Every session ends: signing in again is the one way to keep the account.
    user.session_token = new_session_token()
    language = language_of(user, user.organisations[0] if user.organisations else None)
    with force_locale(language):
        until = str(format_date(deletion.erase_after, "d MMMM y"))
    queue_email(
        to=user.email,
        language=language,
        template="privacy/email/deletion.txt",
        subject=_l("Your Herstart account will be deleted on %(date)s", date=until),
        user=user,
        until=until,
        days=GRACE_DAYS,
        by_staff=organisation.name if organisation else None,
        link=external_url("accounts.login"),
    )
    db.session.flush()
    logger.info(
        "deletion requested deletion=%s user=%s by=%s",
        deletion.id,
        user.id,
        actor.id if actor else user.id,
    )
    return deletion


def cancel_on_sign_in(user: User) -> bool:
    """Signing in during the grace period keeps the account. True when it cancelled one."""
    deletion = pending_of(user.id)
    if deletion is None:
        return False
    deletion.cancelled_at = utcnow()
    db.session.flush()
    logger.info("deletion cancelled by signing in deletion=%s user=%s", deletion.id, user.id)
    return True


def erase_due(now: datetime | None = None) -> int:
    """Erase every account whose grace period has ended. Returns how many."""
    now = now or utcnow()
    due = db.session.scalars(
        db.select(DeletionRequest).where(
            DeletionRequest.cancelled_at.is_(None),
            DeletionRequest.erased_at.is_(None),
            DeletionRequest.erase_after <= now,
        )
    ).all()
    for deletion in due:
        erase_person(deletion.user_id)
        deletion.erased_at = now
        db.session.flush()
        logger.info("deletion done deletion=%s user=%s", deletion.id, deletion.user_id)
    return len(due)


def set_retention(actor: User, organisation: Organisation, years: int) -> None:
    """Staff of the organisation or a platform admin set how long the kept record stays."""
    require_staff(actor, organisation)
    organisation.retention_years = years
    db.session.flush()
    logger.info("retention set organisation=%s years=%s by=%s", organisation.id, years, actor.id)
