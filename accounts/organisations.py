"""Organisations as the platform admin runs them: create, edit, archive and restore; the first
staff member's invitation; accounts switched off and on; a reset link sent. Each action is written
to the audit log. `actor` is the platform admin, or None for a command run on the server."""

from __future__ import annotations

import logging
import re
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l

from extensions import Invalid, db, flush, rows_changed, utcnow

from . import services
from .invitations import NewInvitation, create_invitation
from .models import AuditAction, AuditEntry, Organisation, Role, User

logger = logging.getLogger(__name__)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 60
NAME_MAX = 120
# No 0/O or 1/I/L: a code read aloud in a workshop is typed right the first time.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class OrganisationError(Invalid):
    """A console action that cannot be done like that; `field` names the form field."""


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.is_admin:
        raise services.PermissionDenied


def record(
    actor: User | None,
    action: AuditAction,
    *,
    organisation: Organisation | None = None,
    user: User | None = None,
    detail: str | None = None,
) -> AuditEntry:
    """One line in the audit log, in the same transaction as the change it records."""
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        action=action.value,
        organisation_id=organisation.id if organisation else None,
        user_id=user.id if user else None,
        detail=detail,
    )
    db.session.add(entry)
    return entry


def new_join_code() -> str:
    """Long and random, never chosen by hand: three groups of four, such as KQ7M-R2XD-9HTP."""
    chars = [secrets.choice(JOIN_CODE_ALPHABET) for _ in range(12)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 12, 4))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise OrganisationError(_l("Enter the name of the organisation."), field="name")
    if len(name) > NAME_MAX:
        raise OrganisationError(_l("The name can be at most 120 characters long."), field="name")
    return name


def _clean_language(language: str) -> str:
    if language not in current_app.config["LANGUAGES"]:
        raise OrganisationError(_l("Choose one of the languages listed."), field="language")
    return language


def _flush() -> None:
    flush(OrganisationError, _l("That was just changed by someone else. Please look again."))


def create_organisation(
    actor: User | None, *, name: str, slug: str, language: str, join_code: bool
) -> Organisation:
    _require_admin(actor)
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > SLUG_MAX:
        raise OrganisationError(
            _l(
                "The short name may hold only small letters, digits and hyphens, "
                "such as job-agency-west, at most 60 characters."
            ),
            field="slug",
        )
    taken = _l("Another organisation already has this short name. Choose another one.")
    if db.session.scalar(db.select(Organisation.id).filter_by(slug=slug)) is not None:
        raise OrganisationError(taken, field="slug")
    organisation = Organisation(
        name=_clean_name(name),
        slug=slug,
        default_language=_clean_language(language),
        join_code=new_join_code() if join_code else None,
    )
    db.session.add(organisation)
    flush(OrganisationError, taken)
    record(actor, AuditAction.ORGANISATION_CREATED, organisation=organisation, detail=slug)
    _flush()
    logger.info("organisation created organisation=%s by=%s", organisation.id, _id(actor))
    return organisation


def edit_organisation(
    actor: User | None, organisation: Organisation, *, name: str, language: str, join_code: bool
) -> Organisation:
    """Name, language and join code. The short name stays: links in emails already use it."""
    _require_admin(actor)
    organisation.name = _clean_name(name)
    organisation.default_language = _clean_language(language)
    if join_code and organisation.join_code is None:
        organisation.join_code = new_join_code()
    elif not join_code:
        organisation.join_code = None
    record(actor, AuditAction.ORGANISATION_EDITED, organisation=organisation)
    _flush()
    logger.info("organisation edited organisation=%s by=%s", organisation.id, _id(actor))
    return organisation


def archive_organisation(actor: User | None, organisation: Organisation) -> None:
    """Nobody opens it any more and its join code stops working; nothing is deleted."""
    _require_admin(actor)
    if not _set_archived(organisation, utcnow()):
        raise OrganisationError(_l("This organisation is already archived."))
    record(actor, AuditAction.ORGANISATION_ARCHIVED, organisation=organisation)
    _flush()
    logger.info("organisation archived organisation=%s by=%s", organisation.id, _id(actor))


def restore_organisation(actor: User | None, organisation: Organisation) -> None:
    _require_admin(actor)
    if not _set_archived(organisation, None):
        raise OrganisationError(_l("This organisation is not archived."))
    record(actor, AuditAction.ORGANISATION_RESTORED, organisation=organisation)
    _flush()
    logger.info("organisation restored organisation=%s by=%s", organisation.id, _id(actor))


def _set_archived(organisation: Organisation, when) -> bool:
    """A conditional update: of two admins pressing the button at once, one changes it."""
    table = Organisation.__table__
    was_open = when is not None
    condition = table.c.archived_at.is_(None) if was_open else table.c.archived_at.isnot(None)
    changed = rows_changed(
        table.update().where(table.c.id == organisation.id, condition).values(archived_at=when)
    )
    db.session.refresh(organisation)
    return changed == 1


def invite_staff(actor: User, organisation: Organisation, email: str) -> NewInvitation:
    """A staff member of an organisation (its first, or a further one) invited by a platform
    admin; the invitation email is queued with it."""
    _require_admin(actor)
    if organisation.is_archived:
        raise OrganisationError(_l("Restore the organisation before you invite anyone to it."))
    created = create_invitation(actor, organisation, email, Role.STAFF)
    record(
        actor,
        AuditAction.STAFF_INVITED,
        organisation=organisation,
        detail=created.invitation.email,
    )
    _flush()
    logger.info(
        "staff invited organisation=%s invitation=%s by=%s",
        organisation.id,
        created.invitation.id,
        _id(actor),
    )
    return created


def record_reset_link(actor: User | None, user: User) -> None:
    """A platform admin sends a person a password-reset link: only admins, and audited."""
    _require_admin(actor)
    record(actor, AuditAction.RESET_LINK_SENT, user=user)
    _flush()
    logger.info("reset link sent user=%s by=%s", user.id, _id(actor))


def deactivate_account(actor: User | None, user: User) -> None:
    """The account cannot sign in and its sessions end; everything in it is kept."""
    _require_admin(actor)
    if actor is not None and actor.id == user.id:
        raise OrganisationError(_l("You cannot switch off your own account."))
    if user.deactivated_at is not None:
        raise OrganisationError(_l("This account is already switched off."))
    user.deactivated_at = utcnow()
    record(actor, AuditAction.ACCOUNT_DEACTIVATED, user=user)
    services.end_sessions(user)  # they stay ended when the account is switched on again
    logger.info("account deactivated user=%s by=%s", user.id, _id(actor))


def reactivate_account(actor: User | None, user: User) -> None:
    _require_admin(actor)
    if user.deactivated_at is None:
        raise OrganisationError(_l("This account is already switched on."))
    user.deactivated_at = None
    record(actor, AuditAction.ACCOUNT_REACTIVATED, user=user)
    _flush()
    logger.info("account reactivated user=%s by=%s", user.id, _id(actor))


def _id(actor: User | None) -> str:
    return str(actor.id) if actor else "cli"
