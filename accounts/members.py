"""Changes staff make to the members of their organisation: roles, deactivation, invitations and
the rows of a CSV import. Each checks that the person is staff here and flushes; the request
commits. Emails and pairs are the callers' business (a higher floor)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, user_logged_in

from extensions import NotFound, db, utcnow

from . import bp
from .invitations import NewInvitation
from .models import Invitation, Membership, Organisation, Role, User
from .services import (
    AccountError,
    _flush,
    end_sessions,
    hash_token,
    normalise_email,
    require_staff,
)

logger = logging.getLogger(__name__)


class MemberNotFound(NotFound):
    """Not a member (or invitation) of this organisation: 404."""


def memberships_of(organisation: Organisation, user_id: int) -> list[Membership]:
    """Every membership of the person here, or 404 when they have none."""
    found = list(
        db.session.scalars(
            db.select(Membership)
            .filter_by(organisation_id=organisation.id, user_id=user_id)
            .order_by(Membership.id)
        )
    )
    if not found:
        raise MemberNotFound
    return found


def _lock(organisation: Organisation) -> None:
    """One staff change at a time per organisation, so two staff cannot remove each other."""
    db.session.execute(
        db.select(Organisation.id).filter_by(id=organisation.id).with_for_update()
    ).first()


def _other_active_staff(organisation: Organisation, user_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(db.distinct(Membership.user_id))).where(
            Membership.organisation_id == organisation.id,
            Membership.role == Role.STAFF.value,
            Membership.deactivated_at.is_(None),
            Membership.user_id != user_id,
        )
    )


def _keep_one_staff(organisation: Organisation, memberships: list[Membership]) -> None:
    is_staff = any(m.role == Role.STAFF.value and m.deactivated_at is None for m in memberships)
    if is_staff and _other_active_staff(organisation, memberships[0].user_id) == 0:
        raise AccountError(
            _l(
                "This is the last staff member of the organisation. "
                "Give someone else the staff role first."
            )
        )


def add_role(staff: User, organisation: Organisation, user_id: int, role: Role) -> Membership:
    require_staff(staff, organisation)
    memberships = memberships_of(organisation, user_id)
    if memberships[0].deactivated_at is not None:
        raise AccountError(_l("Reactivate this member before you change their roles."))
    existing = next((m for m in memberships if m.role == role.value), None)
    if existing is not None:
        raise AccountError(_l("This person already has that role here."))
    membership = Membership(
        user_id=user_id,
        organisation_id=organisation.id,
        role=role.value,
        group_label=memberships[0].group_label,
        last_seen_at=memberships[0].last_seen_at,
    )
    db.session.add(membership)
    _flush()
    logger.info("role added org=%s user=%s role=%s", organisation.id, user_id, role.value)
    return membership


def remove_role(staff: User, organisation: Organisation, user_id: int, role: Role) -> None:
    require_staff(staff, organisation)
    _lock(organisation)
    memberships = memberships_of(organisation, user_id)
    if memberships[0].deactivated_at is not None:
        raise AccountError(_l("Reactivate this member before you change their roles."))
    membership = next((m for m in memberships if m.role == role.value), None)
    if membership is None:
        raise AccountError(_l("This person does not have that role here."))
    if len(memberships) == 1:
        raise AccountError(
            _l("This is the person's only role here. Deactivate them instead: nothing is lost.")
        )
    if role is Role.STAFF:
        _keep_one_staff(organisation, [membership])
    db.session.delete(membership)
    end_sessions(membership.user)  # the pages they have open assumed the role: sign in afresh
    logger.info("role removed org=%s user=%s role=%s", organisation.id, user_id, role.value)


def deactivate(staff: User, organisation: Organisation, user_id: int) -> list[Membership]:
    """The person can no longer open this organisation; everything they made is kept."""
    require_staff(staff, organisation)
    _lock(organisation)
    memberships = memberships_of(organisation, user_id)
    if memberships[0].deactivated_at is not None:
        raise AccountError(_l("This member is already deactivated."))
    _keep_one_staff(organisation, memberships)
    now = utcnow()
    for membership in memberships:
        membership.deactivated_at = now
    end_sessions(memberships[0].user)
    logger.info("member deactivated org=%s user=%s", organisation.id, user_id)
    return memberships


def reactivate(staff: User, organisation: Organisation, user_id: int) -> list[Membership]:
    require_staff(staff, organisation)
    memberships = memberships_of(organisation, user_id)
    if memberships[0].deactivated_at is None:
        raise AccountError(_l("This member is already active."))
    for membership in memberships:
        membership.deactivated_at = None
    _flush()
    logger.info("member reactivated org=%s user=%s", organisation.id, user_id)
    return memberships


# Invitations ---------------------------------------------------------------------------------


def open_invitation_of(organisation: Organisation, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if (
        invitation is None
        or invitation.organisation_id != organisation.id
        or invitation.accepted_at is not None
    ):
        raise MemberNotFound
    return invitation


def _expiry():
    return utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"])


def resend_invitation(staff: User, organisation: Organisation, invitation_id: int) -> NewInvitation:
    """A new link with a new expiry date; the old link stops working (only one hash is kept)."""
    require_staff(staff, organisation)
    invitation = open_invitation_of(organisation, invitation_id)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = _expiry()
    invitation.invited_by_id = staff.id
    _flush()
    logger.info("invitation resent org=%s invitation=%s", organisation.id, invitation.id)
    return NewInvitation(invitation, token)


def revoke_invitation(staff: User, organisation: Organisation, invitation_id: int) -> None:
    """The link stops working at once."""
    require_staff(staff, organisation)
    invitation = open_invitation_of(organisation, invitation_id)
    db.session.delete(invitation)
    _flush()
    logger.info("invitation revoked org=%s invitation=%s", organisation.id, invitation_id)


# CSV import ----------------------------------------------------------------------------------


class Outcome:
    NEW_INVITATION = "new_invitation"
    ROLE_ADDED = "role_added"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class ImportRow:
    """One row of a parsed file, already checked for its own shape."""

    number: int
    email: str
    name: str
    role: Role
    language: str
    group: str


@dataclass
class ImportPlan:
    rows: list[tuple[ImportRow, str]]  # each row with its Outcome

    def count(self, outcome: str) -> int:
        return sum(1 for _, o in self.rows if o == outcome)


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def plan_import(organisation: Organisation, rows: list[ImportRow]) -> ImportPlan:
    """What each row would do, in a few queries whatever the number of rows."""
    emails = sorted({normalise_email(r.email) for r in rows})
    users: dict[str, int] = {}
    roles: dict[int, set[str]] = {}
    invited: set[tuple[str, str]] = set()
    for chunk in _chunks(emails):
        for user_id, email in db.session.execute(
            db.select(User.id, db.func.lower(User.email)).where(
                db.func.lower(User.email).in_(chunk)
            )
        ):
            users[email] = user_id
        for email, role in db.session.execute(
            db.select(Invitation.email, Invitation.role).where(
                Invitation.organisation_id == organisation.id,
                Invitation.accepted_at.is_(None),
                Invitation.expires_at > utcnow(),
                Invitation.email.in_(chunk),
            )
        ):
            invited.add((email, role))
    for chunk in _chunks(sorted(users.values())):
        for user_id, role in db.session.execute(
            db.select(Membership.user_id, Membership.role).where(
                Membership.organisation_id == organisation.id, Membership.user_id.in_(chunk)
            )
        ):
            roles.setdefault(user_id, set()).add(role)
    planned = []
    for row in rows:
        email = normalise_email(row.email)
        user_id = users.get(email)
        held = roles.get(user_id, set()) if user_id else set()
        if row.role.value in held or (email, row.role.value) in invited:
            planned.append((row, Outcome.UNCHANGED))
        elif held:
            planned.append((row, Outcome.ROLE_ADDED))
        else:
            planned.append((row, Outcome.NEW_INVITATION))
    return ImportPlan(planned)


@dataclass(frozen=True)
class ImportedInvitation:
    """An invitation an import wrote in bulk: what its email needs, and the link's token."""

    email: str
    role: str
    expires_at: datetime
    organisation: Organisation
    token: str  # shown once, in the link; only its hash is stored


def apply_import(
    staff: User, organisation: Organisation, rows: list[ImportRow]
) -> tuple[ImportPlan, list[tuple[ImportRow, ImportedInvitation]]]:
    """Apply every row in this one unit of work, written in bulk; rows already done (an earlier
    import of the same file) change nothing."""
    require_staff(staff, organisation)
    _lock(organisation)
    plan = plan_import(organisation, rows)
    emails = {normalise_email(r.email) for r, o in plan.rows if o == Outcome.ROLE_ADDED}
    users: dict[str, int] = {}
    for chunk in _chunks(sorted(emails)):
        for user_id, email in db.session.execute(
            db.select(User.id, db.func.lower(User.email)).where(
                db.func.lower(User.email).in_(chunk)
            )
        ):
            users[email] = user_id
    # A new role of a deactivated member stays deactivated: an import never lets them back in.
    deactivated: dict[int, datetime] = {}
    for chunk in _chunks(sorted(users.values())):
        for user_id, when in db.session.execute(
            db.select(Membership.user_id, db.func.max(Membership.deactivated_at))
            .where(Membership.organisation_id == organisation.id, Membership.user_id.in_(chunk))
            .group_by(Membership.user_id)
        ):
            if when is not None:
                deactivated[user_id] = when
    now, expires = utcnow(), _expiry()
    memberships, invitations, created = [], [], []
    for row, outcome in plan.rows:
        email = normalise_email(row.email)
        if outcome == Outcome.ROLE_ADDED:
            memberships.append(
                {
                    "user_id": users[email],
                    "organisation_id": organisation.id,
                    "role": row.role.value,
                    "group_label": row.group or None,
                    "created_at": now,
                    "deactivated_at": deactivated.get(users[email]),
                }
            )
        elif outcome == Outcome.NEW_INVITATION:
            token = secrets.token_urlsafe(32)
            invitations.append(
                {
                    "organisation_id": organisation.id,
                    "email": email,
                    "name": row.name or None,
                    "role": row.role.value,
                    "group_label": row.group or None,
                    "token_hash": hash_token(token),
                    "invited_by_id": staff.id,
                    "created_at": now,
                    "expires_at": expires,
                }
            )
            created.append(
                (row, ImportedInvitation(email, row.role.value, expires, organisation, token))
            )
    _flush()
    if memberships:
        db.session.execute(db.insert(Membership), memberships)
    if invitations:
        db.session.execute(db.insert(Invitation), invitations)
    logger.info(
        "members imported org=%s invitations=%s roles_added=%s unchanged=%s",
        organisation.id,
        plan.count(Outcome.NEW_INVITATION),
        plan.count(Outcome.ROLE_ADDED),
        plan.count(Outcome.UNCHANGED),
    )
    return plan, created


# Last seen -----------------------------------------------------------------------------------

SEEN_EVERY = timedelta(hours=1)


def record_activity(user: User, force: bool = False) -> None:
    """Signing in and every change a person makes count as activity in all their organisations;
    written at most once an hour, judged from the memberships already loaded with the user."""
    now = utcnow()
    seen = [m.last_seen_at for m in user.memberships]
    if not seen or (not force and all(s and now - s < SEEN_EVERY for s in seen)):
        return
    db.session.execute(
        db.update(Membership)
        .where(Membership.user_id == user.id)
        .values(last_seen_at=now)
        .execution_options(synchronize_session=False)
    )
    logger.info("activity recorded user=%s", user.id)


@user_logged_in.connect
def _signed_in(sender, user, **extra) -> None:
    record_activity(user, force=True)


@bp.before_app_request
def _changes_count_as_activity() -> None:
    """A POST is a change the person makes (a section read, an answer, a logbook save)."""
    if request.method == "POST" and current_user.is_authenticated:
        record_activity(current_user)
