"""Personal data of outgoing email (see personal_data.py): found by address, not by user id."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import OutboxMessage


def export_for_address(email: str) -> Export:
    messages = db.session.scalars(
        db.select(OutboxMessage).filter_by(recipient=email).order_by(OutboxMessage.id)
    )
    return {
        "emails": [row(m, "subject", "body", "state", "created_at", "sent_at") for m in messages]
    }


def export(user_id: int) -> Export:
    users = db.metadata.tables["users"]  # a floor above the outbox: looked up, not imported
    email = db.session.scalar(db.select(users.c.email).where(users.c.id == user_id))
    return export_for_address(email) if email else {}


def erase(user_id: int) -> None:
    """Runs before the account's address is replaced: emails to it are found by it."""
    users = db.metadata.tables["users"]
    email = db.session.scalar(db.select(users.c.email).where(users.c.id == user_id))
    if email:
        db.session.execute(db.delete(OutboxMessage).where(OutboxMessage.recipient == email))


PROVIDER = Provider(
    name="emails",
    title=_l("Emails we sent you"),
    export=export,
    erase=erase,
    parts={
        "emails": _l("Emails"),
    },
    tables=(
        Table(
            OutboxMessage,
            Policy.ERASE,
            "A copy of an email already delivered; found by the person's address.",
            identity_columns=("recipient",),
            text_columns=("body", "subject"),
        ),
    ),
)
