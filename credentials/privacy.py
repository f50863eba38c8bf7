"""Personal data of certificates (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import Credential


def export(user_id: int) -> Export:
    credentials = db.session.scalars(
        db.select(Credential).filter_by(user_id=user_id).order_by(Credential.issued_at)
    )
    return {
        "certificates": [
            row(
                c,
                "id",
                "kind",
                "title",
                "name",
                "language",
                "issued_at",
                "revoked_at",
                "revoke_reason",
                "jwt",
                organisation=c.organisation.name,
            )
            for c in credentials
        ]
    }


def erase(user_id: int) -> None:
    """A person's certificates go (their verify links then say the certificate is unknown); a
    staff member who withdrew one is no longer named on it."""
    db.session.execute(db.delete(Credential).where(Credential.user_id == user_id))
    db.session.execute(
        db.update(Credential).where(Credential.revoked_by_id == user_id).values(revoked_by_id=None)
    )


PROVIDER = Provider(
    name="certificates",
    title=_l("Your certificates"),
    export=export,
    erase=erase,
    parts={"certificates": _l("Certificates you collected")},
    tables=(
        Table(
            Credential,
            Policy.ERASE,
            "A certificate carries the name the person chose and is theirs alone; the staff "
            "member who withdrew one is only unlinked.",
            person_columns=("user_id", "revoked_by_id"),
            text_columns=("revoke_reason",),
            identity_columns=("name", "jwt"),
        ),
    ),
)
