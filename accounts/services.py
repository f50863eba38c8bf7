"""Every change to people, organisations and memberships, with its permission check. Services
flush and never commit: the request (or CLI command) commits once."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import Invalid, NotAllowed, db, flush, utcnow
from outbox.services import external_url, queue_email

from .models import (
    Contrast,
    Membership,
    Organisation,
    Role,
    TextSize,
    User,
    find_user_by_email,
    generate_join_code,
    new_session_token,
)

logger = logging.getLogger(__name__)


class AccountError(Invalid):
    """A refusal the person can act on; `field` names the form field it belongs to."""


class PermissionDenied(NotAllowed):
    """The signed-in person may not do this; views turn it into 403."""


def hash_token(token: str) -> str:
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
    logger.info("user created user=%s admin=%s", user.id, is_admin)
    return user


def _flush() -> None:
    """Flush; the request commits. A second tab or a double click that got there first wins."""
    flush(AccountError, _l("That was just saved by someone else. Please try again."))


def current_language() -> str:
    """The language of the person making the request: the one to write to them in."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


# Signing in and sessions ----------------------------------------------------------------------

_dummy_hashes: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash made like real ones, checked when nobody has the address typed: an unknown
    address then takes as long as a known one, so the timing tells nobody who has an account."""
    method = current_app.config["PASSWORD_METHOD"]
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    return _dummy_hashes[method]


def password_matches(user: User | None, password: str) -> bool:
    """Checks one hash whether or not there is a user, so both cases cost the same."""
    stored = user.password_hash if user is not None else _dummy_hash()
    return check_password_hash(stored, password) and user is not None


def authenticate(email: str, password: str) -> User:
    """The person behind an address and password; refused when either is wrong, or when the
    address was never confirmed (an account made with a join code before its link was used)."""
    user = find_user_by_email(normalise_email(email))
    matches = password_matches(user, password)  # one hash check, whether or not there is a user
    if user is None or not matches:
        if user is None:
            logger.warning("sign-in refused: no account with that address")
        else:
            logger.warning("sign-in refused: wrong password user=%s", user.id)
        raise AccountError(_l("The email address or password is not right. Please try again."))
    if not user.is_active:
        raise AccountError(
            _l(
                "This account is switched off. Ask your organisation or the platform "
                "administrator to switch it on again: everything in it is kept."
            )
        )
    if not user.is_confirmed:
        logger.warning("sign-in refused: address not confirmed user=%s", user.id)
        raise AccountError(
            _l(
                "Your email address is not confirmed yet. Open the link in the email we sent "
                "you. No email? Use “Forgot your password?” below: that confirms "
                "your address too."
            )
        )
    logger.info("signed in user=%s", user.id)
    return user


def session_token_matches(user: User | None, token: str) -> bool:
    return user is not None and hmac.compare_digest(user.session_token, token)


def end_sessions(user: User) -> None:
    """End every session and remember cookie of this person: each carries the token that
    changes here. Call it on sign-out, password change or reset, deactivation, role removal.
    A person who stays signed in is signed in again by the view, with the new token."""
    user.session_token = new_session_token()
    _flush()
    logger.info("sessions ended user=%s", user.id)


def may_manage(user: User, organisation: Organisation) -> bool:
    """The one rule for an organisation's staff pages: its own staff while it is open, and
    platform admins always (they restore it). Those pages show status and dates, never logbook
    text or quiz answers, so this rule never opens those."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_admin:
        return True
    return not organisation.is_archived and user.has_role(organisation.id, Role.STAFF)


def require_staff(user: User, organisation: Organisation) -> None:
    if not may_manage(user, organisation):
        raise PermissionDenied


# Passwords ------------------------------------------------------------------------------------


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user: User) -> str:
    # The current hash's tail is part of the token: once the password changes the link is spent.
    return _reset_serializer().dumps({"id": user.id, "pw": user.password_hash[-12:]})


def request_password_reset(email: str) -> None:
    """Queue a reset link when the address has an account; nothing otherwise. The caller answers
    the same either way, and sending happens after the answer, so nothing tells them apart."""
    user = find_user_by_email(normalise_email(email))
    if user is None:
        logger.info("password reset asked for an address without an account")
        return
    queue_reset_email(user, user.language or current_language())


def queue_reset_email(user: User, language: str) -> None:
    """The email with a link to choose a new password, queued for after the commit."""
    queue_email(
        to=user.email,
        language=language,
        template="accounts/email/reset.txt",
        subject=_l("Choose a new password for Herstart"),
        user=user,
        link=external_url("accounts.reset", token=reset_token(user)),
        hours=current_app.config["RESET_HOURS"],
    )
    logger.info("password reset link queued user=%s", user.id)


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
    """The emailed link proves the address: it confirms an unconfirmed account, and every
    earlier session ends (whoever chose the old password is signed out)."""
    user = user_for_reset(token)
    user.set_password(password)
    user.confirmed_at = user.confirmed_at or utcnow()
    user.session_token = new_session_token()
    _flush()
    logger.info("password reset user=%s", user.id)
    return user


def change_password(user: User, current: str, new: str) -> None:
    """A new password ends every other session; the view signs this one in again."""
    if not user.check_password(current):
        raise AccountError(_l("Your current password is not right."), field="current_password")
    user.set_password(new)
    user.session_token = new_session_token()
    _flush()
    logger.info("password changed user=%s", user.id)


# Preferences ----------------------------------------------------------------------------------


def update_profile(
    user: User, name: str, language: str | None, text_size: str, contrast: str
) -> None:
    user.name = name.strip()
    user.language = language or None
    user.text_size = TextSize(text_size).value
    user.contrast = Contrast(contrast).value
    _flush()
    logger.info("profile saved user=%s", user.id)


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
    logger.info("display settings saved user=%s", user.id)


def create_organisation(
    slug: str, name: str, default_language: str = "en", *, joining_by_code: bool = False
) -> Organisation:
    """A new organisation; with `joining_by_code` it gets a generated join code at once."""
    organisation = Organisation(
        slug=slug,
        name=name,
        default_language=default_language,
        join_code=generate_join_code() if joining_by_code else None,
    )
    db.session.add(organisation)
    _flush()
    logger.info("organisation created organisation=%s", organisation.id)
    return organisation


# --- intro ---


def share_with_partner(user: User, *, show_email: bool, phone: str) -> None:
    """What the person shares with their mentoring partner: their address or not, a phone."""
    user.share_email_with_partner = bool(show_email)
    user.phone_for_partner = " ".join((phone or "").split())
    _flush()
    logger.info("contact sharing saved user=%s", user.id)
