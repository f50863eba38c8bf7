"""Invitations: a one-time link for one address and one role, emailed through the outbox. The
link proves the address, so accepting it also confirms an account made earlier with a join code."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from extensions import db, rows_changed, utcnow
from outbox.services import external_url, queue_email

from .events import joined_organisation
from .models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
    find_user_by_email,
    new_session_token,
)
from .services import (
    AccountError,
    _flush,
    _new_user,
    add_membership,
    hash_token,
    normalise_email,
    require_staff,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # shown once, in the link; only its hash is stored

    @property
    def link(self) -> str:
        return external_url("accounts.accept_invitation", token=self.token)


def create_invitation(
    staff: User, organisation: Organisation, email: str, role: Role
) -> NewInvitation:
    """A one-time link for `email`, emailed through the outbox in the invitee's language."""
    require_staff(staff, organisation)
    email = normalise_email(email)
    existing = find_user_by_email(email)
    # An unconfirmed account may be someone else's doing: its owner still gets the invitation.
    if existing and existing.is_confirmed and existing.has_role(organisation.id, role):
        raise AccountError(_l("This person already has that role here."), field="email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role.value,
        token_hash=hash_token(token),
        invited_by_id=staff.id,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    _flush()
    created = NewInvitation(invitation, token)
    queue_email(
        to=email,
        language=(existing and existing.language) or organisation.default_language,
        template="accounts/email/invitation.txt",
        subject=_l("You are invited to Herstart by %(org)s", org=organisation.name),
        invitation=invitation,
        link=created.link,
        inviter=staff,
    )
    logger.info(
        "invitation created invitation=%s organisation=%s role=%s",
        invitation.id,
        organisation.id,
        role.value,
    )
    return created


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, refused when unknown, used or expired."""
    invitation = db.session.scalar(db.select(Invitation).filter_by(token_hash=hash_token(token)))
    if invitation is None:
        raise AccountError(_l("This invitation link is not valid. Ask for a new one."))
    if invitation.accepted_at is not None:
        raise AccountError(_l("This invitation has already been used. Sign in instead."))
    if invitation.expires_at < utcnow():
        raise AccountError(
            _l("This invitation has expired. Ask the person who invited you for a new one.")
        )
    if invitation.organisation.is_archived:
        raise AccountError(
            _l("This organisation is closed on Herstart for now, so the invitation cannot be used.")
        )
    return invitation


def _spend_invitation(invitation: Invitation) -> None:
    """Mark the invitation used, once: of two requests at the same instant only one changes the
    row (the other waits for its lock, then finds it used), so one membership, one clean no."""
    table = Invitation.__table__
    spent = rows_changed(
        table.update()
        .where(table.c.id == invitation.id, table.c.accepted_at.is_(None))
        .values(accepted_at=utcnow())
    )
    if spent != 1:
        raise AccountError(_l("This invitation has already been used. Sign in instead."))


def accept_invitation(token: str, name: str, password: str, language: str | None = None) -> User:
    """The person sets name and password. The link proves the address is theirs: a new account
    is confirmed at once, and an unconfirmed one made earlier with a join code (perhaps by
    someone else) becomes theirs, with every session it had ended."""
    invitation = open_invitation(token)
    _spend_invitation(invitation)
    user = find_user_by_email(invitation.email)
    if user is None:
        user = _new_user(invitation.email, name, password, language)
    elif user.is_confirmed:
        raise AccountError(_l("You already have an account. Sign in to accept the invitation."))
    else:
        user.name = name.strip()
        user.language = language or user.language
        user.set_password(password)
        user.session_token = new_session_token()
    user.confirmed_at = user.confirmed_at or utcnow()
    membership = add_membership(user, invitation.organisation, Role(invitation.role))
    membership.group_label = invitation.group_label  # the cohort a CSV import named
    _flush()
    joined_organisation.send(user, organisation=invitation.organisation)
    logger.info("invitation accepted invitation=%s user=%s", invitation.id, user.id)
    return user


def accept_invitation_as(user: User, token: str) -> Membership:
    """Someone who already has an account takes the invitation's role."""
    invitation = open_invitation(token)
    if normalise_email(user.email) != invitation.email:
        raise AccountError(_l("This invitation was sent to another email address."))
    _spend_invitation(invitation)
    membership = add_membership(user, invitation.organisation, Role(invitation.role))
    membership.group_label = membership.group_label or invitation.group_label
    _flush()
    joined_organisation.send(user, organisation=invitation.organisation)
    logger.info("invitation accepted invitation=%s user=%s", invitation.id, user.id)
    return membership
