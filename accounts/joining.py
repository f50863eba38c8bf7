"""Joining with an organisation's code, confirming the address an account was made with, and the
codes themselves. Like every service: flush, never commit."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from extensions import db, utcnow
from outbox.services import external_url, queue_email

from .events import joined_organisation
from .models import (
    Organisation,
    Role,
    User,
    find_user_by_email,
    generate_join_code,
    new_session_token,
)
from .services import (
    AccountError,
    _flush,
    add_membership,
    current_language,
    normalise_email,
    password_matches,
    require_staff,
)

logger = logging.getLogger(__name__)


# Join codes -----------------------------------------------------------------------------------


def _bare_code(code: str) -> str:
    """Capitals, digits and letters only: 'k7qm xw4r-9tph c3vd' finds K7QM-XW4R-9TPH-C3VD."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def organisation_for_code(code: str) -> Organisation | None:
    bare = _bare_code(code)
    if not bare:
        return None
    stored = db.func.upper(db.func.replace(Organisation.join_code, "-", ""))
    return db.session.scalar(db.select(Organisation).where(stored == bare))


def rotate_join_code(staff: User, organisation: Organisation) -> str:
    """A new code replaces the old one (which stops working), or switches joining by code on."""
    require_staff(staff, organisation)
    organisation.join_code = generate_join_code()
    _flush()
    logger.info("join code renewed organisation=%s", organisation.id)
    return organisation.join_code


def stop_join_code(staff: User, organisation: Organisation) -> None:
    """Nobody can join with a code any more; invitations still work."""
    require_staff(staff, organisation)
    organisation.join_code = None
    _flush()
    logger.info("joining by code switched off organisation=%s", organisation.id)


# Joining --------------------------------------------------------------------------------------


def join_with_code(code: str, email: str, name: str, password: str, language: str | None) -> None:
    """Make an unconfirmed learner account and email its owner a confirmation link. For an
    address that already has an account, email its owner what to do instead. The caller answers
    the same in both cases, so nobody finds out who has an account."""
    organisation = organisation_for_code(code)
    if organisation is None or organisation.is_archived:
        raise AccountError(
            _l("We do not know this join code. Check it with your organisation."), field="code"
        )
    email = normalise_email(email)
    existing = find_user_by_email(email)
    if existing is not None:
        # The same work as making an account, so the answer takes as long either way.
        generate_password_hash(password, method=current_app.config["PASSWORD_METHOD"])
        queue_email(
            to=existing.email,
            language=existing.language or language or current_language(),
            template="accounts/email/join_existing.txt",
            subject=_l("Someone tried to join Herstart with your email address"),
            organisation=organisation,
            sign_in_link=external_url("accounts.login"),
            reset_link=external_url("accounts.request_reset"),
        )
        logger.info(
            "join with code for an address that has an account user=%s organisation=%s",
            existing.id,
            organisation.id,
        )
        return
    user = User(email=email, name=name.strip(), language=language, confirmed_at=None)
    user.set_password(password)
    db.session.add(user)
    add_membership(user, organisation, Role.LEARNER)
    _flush()
    queue_email(
        to=email,
        language=language or current_language(),
        template="accounts/email/confirm.txt",
        subject=_l("Confirm your email address for Herstart"),
        organisation=organisation,
        link=external_url("accounts.confirm", token=confirmation_token(user)),
        days=current_app.config["INVITATION_DAYS"],
    )
    logger.info("joined with code user=%s organisation=%s", user.id, organisation.id)


# Confirming an address ------------------------------------------------------------------------


def _confirm_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="confirm-address")


def confirmation_token(user: User) -> str:
    return _confirm_serializer().dumps({"id": user.id, "email": user.email})


def user_to_confirm(token: str) -> User:
    """The unconfirmed account behind a confirmation link; refused when the link is wrong,
    expired or already used."""
    max_age = current_app.config["INVITATION_DAYS"] * 24 * 3600
    try:
        data = _confirm_serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise AccountError(
            _l("This link has expired. Join again with your code to get a new one.")
        ) from error
    except BadSignature as error:
        raise AccountError(
            _l("This link is not valid. Check that you copied all of it.")
        ) from error
    user = db.session.get(User, data.get("id"))
    if user is None or user.email != data.get("email"):
        raise AccountError(_l("This link is not valid. Check that you copied all of it."))
    if user.is_confirmed:
        raise AccountError(_l("Your email address is already confirmed. You can sign in."))
    return user


def confirm_address(token: str, password: str) -> User:
    """The owner of the address confirms it with the password the account was made with, so a
    link opened by someone who never joined confirms nothing."""
    user = user_to_confirm(token)
    if not password_matches(user, password):
        logger.warning("address confirmation refused: wrong password user=%s", user.id)
        raise AccountError(
            _l("This is not the password the account was made with. Please try again."),
            field="password",
        )
    user.confirmed_at = utcnow()
    user.session_token = new_session_token()
    _flush()
    for organisation in user.organisations:  # the one whose code made the account
        joined_organisation.send(user, organisation=organisation)
    logger.info("address confirmed user=%s", user.id)
    return user
