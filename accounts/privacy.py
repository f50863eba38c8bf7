"""Personal data of people and their memberships (see personal_data.py)."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from extensions import db, utcnow
from personal_data import FORMER_PARTICIPANT, Export, Policy, Provider, Table, row

from .models import AuditEntry, Invitation, Membership, User, new_session_token


def export(user_id: int) -> Export:
    user = db.session.get(User, user_id)
    if user is None:
        return {}
    account = row(
        user,
        "id",
        "name",
        "email",
        "language",
        "text_size",
        "contrast",
        "created_at",
        "confirmed_at",
        "deactivated_at",
        "share_email_with_partner",
        "phone_for_partner",
    )
    memberships = [
        row(
            m,
            "role",
            "created_at",
            "deactivated_at",
            "last_seen_at",
            "group_label",
            organisation=m.organisation.name,
        )
        for m in user.memberships
    ]
    invitations = db.session.scalars(
        db.select(Invitation).where(Invitation.email == user.email).order_by(Invitation.id)
    )
    # What was done to the account, and what the person did in the console; never the other
    # person's identity beyond what the console showed them.
    audit = db.session.scalars(
        db.select(AuditEntry)
        .where(or_(AuditEntry.user_id == user_id, AuditEntry.actor_id == user_id))
        .order_by(AuditEntry.id)
    )
    return {
        "account": [account],
        "memberships": memberships,
        "invitations": [
            row(
                i,
                "role",
                "name",
                "created_at",
                "expires_at",
                "accepted_at",
                organisation=i.organisation.name,
            )
            for i in invitations
        ],
        "audit_log": [
            row(
                a,
                "action",
                "created_at",
                by_me=a.actor_id == user_id,
                about_me=a.user_id == user_id,
                organisation=a.organisation.name if a.organisation else None,
            )
            for a in audit
        ],
    }


def erase(user_id: int) -> None:
    """Runs last: the account stays as an anonymous row the kept records point at."""
    user = db.session.get(User, user_id)
    if user is None:
        return
    db.session.execute(
        db.update(Invitation)
        .where(Invitation.email == user.email)
        .values(email=Invitation.ADDRESS_REMOVED, name=None)
    )
    db.session.execute(
        db.update(AuditEntry)
        .where(or_(AuditEntry.user_id == user_id, AuditEntry.actor_id == user_id))
        .where(AuditEntry.detail == user.email)
        .values(detail=None)
    )
    user.name = FORMER_PARTICIPANT
    user.email = f"erased-{secrets.token_hex(12)}@erased.invalid"
    user.password_hash = "!"  # matches no password
    user.session_token = new_session_token()  # every session ends
    user.phone_for_partner = ""
    user.share_email_with_partner = False
    user.confirmed_at = None
    user.deactivated_at = user.deactivated_at or utcnow()
    db.session.flush()


PROVIDER = Provider(
    name="account",
    title=_l("Your account and memberships"),
    export=export,
    erase=erase,
    parts={
        "account": _l("Your account"),
        "memberships": _l("Your memberships"),
        "invitations": _l("Invitations sent to your address"),
        "audit_log": _l("Changes made to your account"),
    },
    tables=(
        Table(
            User,
            Policy.PSEUDONYMISE,
            "The row stays so other rows keep pointing at someone; name, email, phone and "
            "password are replaced and the account can never sign in again.",
            person_columns=("id",),
            identity_columns=("name", "email", "phone_for_partner"),
        ),
        Table(
            Membership,
            Policy.KEEP_FOR_AUDIT,
            "Which organisation, which role and when: part of the funder's participant record.",
            person_columns=("user_id",),
        ),
        Table(
            Invitation,
            Policy.ERASE,
            "An invitation to the person's address has no use once they have left.",
            person_columns=("invited_by_id",),
            identity_columns=("email", "name"),
        ),
        Table(
            AuditEntry,
            Policy.PSEUDONYMISE,
            "The console's record of who did what stays, pointing at the anonymous account; "
            "the person's address in the detail is removed.",
            person_columns=("actor_id", "user_id"),
            identity_columns=("detail",),
        ),
    ),
)
