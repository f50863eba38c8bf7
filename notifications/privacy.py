"""Personal data of the notification centre (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import DigestSent, Notification, Preference
from .services import message_of


def export(user_id: int) -> Export:
    items = db.session.scalars(
        db.select(Notification).filter_by(user_id=user_id).order_by(Notification.id)
    )
    preferences = db.session.scalars(db.select(Preference).filter_by(user_id=user_id))
    digests = db.session.scalars(db.select(DigestSent).filter_by(user_id=user_id))
    return {
        "notifications": [
            row(n, "kind", "link", "created_at", "read_at", "emailed_at", message=message_of(n))
            for n in items
        ],
        "email_preferences": [row(p, "kind", "frequency") for p in preferences],
        "digests_sent": [row(d, "frequency", "period", "sent_at") for d in digests],
    }


def erase(user_id: int) -> None:
    for model in (Notification, Preference, DigestSent):
        db.session.execute(db.delete(model).where(model.user_id == user_id))


_NOTICES = "Notices for the person alone: no use once they have left."

PROVIDER = Provider(
    name="notifications",
    title=_l("Your notifications"),
    export=export,
    erase=erase,
    parts={
        "notifications": _l("Your notifications"),
        "email_preferences": _l("Your email choices"),
        "digests_sent": _l("Summary emails sent to you"),
    },
    tables=(
        Table(
            Notification,
            Policy.ERASE,
            _NOTICES,
            person_columns=("user_id",),
            identity_columns=("params",),
        ),
        Table(Preference, Policy.ERASE, _NOTICES, person_columns=("user_id",)),
        Table(DigestSent, Policy.ERASE, _NOTICES, person_columns=("user_id",)),
    ),
)
