"""Every change to people, organisations and memberships, with its permission check and commit."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from extensions import Invalid, NotAllowed, db, flush, utcnow

from .models import (
    Contrast,
    Invitation,
    Membership,
    Organisation,
    Role,
    TextSize,
    User,
    find_user_by_email,
)


class AccountError(Invalid):
    """A refusal the person can act on; `field` names the form field it belongs to."""


class PermissionDenied(NotAllowed):
    """The signed-in person may not do this; views turn it into 403."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _new_user(email: str, name: str, password: str, language: str | None) -> User:
    email = normalise_email(email)
    if find_user_by_email(email):
        raise AccountError(
            _l("There is already an account with this email address. Sign in instead."),
            field="email",
        )
    user = User(email=email, name=name.strip(), language=language)
    user.set_password(password)
    db.session.add(user)
    return user


def add_membership(user: User, organisation: Organisation, role: Role) -> Membership:
    existing = next(
        (
            m
            for m in user.memberships
            if m.organisation_id == organisation.id and m.role == role.value
        ),
        None,
    )
    if existing:
        return existing
    membership = Membership(user=user, organisation=organisation, role=role.value)
    db.session.add(membership)
    return membership


def create_user(
    email: str,
    name: str,
    password: str,
    *,
    organisation: Organisation | None = None,
    role: Role | None = None,
    language: str | None = None,
    is_admin: bool = False,
) -> User:
    user = _new_user(email, name, password, language)
    user.is_admin = is_admin
    if organisation is not None and role is not None:
        add_membership(user, organisation, role)
    _flush()
    return user


def _flush() -> None:
    """Flush; the request commits. A second tab or a double click that got there first wins."""
    flush(AccountError, _l("That was just saved by someone else. Please try again."))


def authenticate(email: str, password: str) -> User:
    user = find_user_by_email(normalise_email(email))
    if user is None or not user.check_password(password):
        raise AccountError(_l("The email address or password is not right. Please try again."))
    return user


# Invitations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # shown once, in the link; only its hash is stored


def require_staff(user: User, organisation: Organisation) -> None:
    if not (user.is_admin or user.has_role(organisation.id, Role.STAFF)):
        raise PermissionDenied


def create_invitation(
    staff: User, organisation: Organisation, email: str, role: Role
) -> NewInvitation:
    require_staff(staff, organisation)
    email = normalise_email(email)
    existing = find_user_by_email(email)
    if existing and existing.has_role(organisation.id, role):
        raise AccountError(_l("This person already has that role here."), field="email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role.value,
        token_hash=_hash(token),
        invited_by_id=staff.id,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    _flush()
    return NewInvitation(invitation, token)


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, refused when unknown, used or expired."""
    invitation = db.session.scalar(db.select(Invitation).filter_by(token_hash=_hash(token)))
    if invitation is None:
        raise AccountError(_l("This invitation link is not valid. Ask for a new one."))
    if invitation.accepted_at is not None:
        raise AccountError(_l("This invitation has already been used. Sign in instead."))
    if invitation.expires_at < utcnow():
        raise AccountError(
            _l("This invitation has expired. Ask the person who invited you for a new one.")
        )
    return invitation


def accept_invitation(token: str, name: str, password: str, language: str | None = None) -> User:
    """A new person sets name and password; the invitation is spent in the same commit."""
    invitation = open_invitation(token)
    user = _new_user(invitation.email, name, password, language)
    membership = add_membership(user, invitation.organisation, Role(invitation.role))
    membership.group_label = invitation.group_label  # the cohort a CSV import named
    invitation.accepted_at = utcnow()
    _flush()
    return user


def accept_invitation_as(user: User, token: str) -> Membership:
    """Someone who already has an account takes the invitation's role."""
    invitation = open_invitation(token)
    if normalise_email(user.email) != invitation.email:
        raise AccountError(_l("This invitation was sent to another email address."))
    membership = add_membership(user, invitation.organisation, Role(invitation.role))
    membership.group_label = membership.group_label or invitation.group_label
    invitation.accepted_at = utcnow()
    _flush()
    return membership


def join_with_code(code: str, email: str, name: str, password: str, language: str | None) -> User:
    organisation = db.session.scalar(
        db.select(Organisation).filter_by(join_code=code.strip().upper())
    )
    if organisation is None or not code.strip():
        raise AccountError(
            _l("We do not know this join code. Check it with your organisation."), field="code"
        )
    user = _new_user(email, name, password, language)
    add_membership(user, organisation, Role.LEARNER)
    _flush()
    return user


# Passwords ------------------------------------------------------------------------------------


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user: User) -> str:
    # The current hash's tail is part of the token: once the password changes the link is spent.
    return _reset_serializer().dumps({"id": user.id, "pw": user.password_hash[-12:]})


def user_for_reset(token: str) -> User:
    max_age = current_app.config["RESET_HOURS"] * 3600
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise AccountError(_l("This reset link has expired. Ask for a new one below.")) from error
    except BadSignature as error:
        raise AccountError(_l("This reset link is not valid. Ask for a new one below.")) from error
    user = db.session.get(User, data.get("id"))
    if user is None or user.password_hash[-12:] != data.get("pw"):
        raise AccountError(_l("This reset link has already been used. Ask for a new one below."))
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_reset(token)
    user.set_password(password)
    _flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AccountError(_l("Your current password is not right."), field="current_password")
    user.set_password(new)
    _flush()


# Preferences ----------------------------------------------------------------------------------


def update_profile(
    user: User, name: str, language: str | None, text_size: str, contrast: str
) -> None:
    user.name = name.strip()
    user.language = language or None
    user.text_size = TextSize(text_size).value
    user.contrast = Contrast(contrast).value
    _flush()


def update_display(
    user: User,
    *,
    language: str | None = None,
    text_size: str | None = None,
    contrast: str | None = None,
) -> None:
    if language:
        user.language = language
    if text_size:
        user.text_size = TextSize(text_size).value
    if contrast:
        user.contrast = Contrast(contrast).value
    _flush()


def create_organisation(
    slug: str, name: str, default_language: str = "en", join_code: str | None = None
) -> Organisation:
    organisation = Organisation(
        slug=slug, name=name, default_language=default_language, join_code=join_code
    )
    db.session.add(organisation)
    _flush()
    return organisation
