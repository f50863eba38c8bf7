"""The notice's personal data: which versions a person was shown, and who saved a version."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import NoticeSeen, PrivacyNotice


def export(user_id: int) -> Export:
    seen = db.session.scalars(
        db.select(NoticeSeen).filter_by(user_id=user_id).order_by(NoticeSeen.id)
    )
    return {
        "notices_seen": [row(s, "version", "seen_at", organisation=s.organisation_id) for s in seen]
    }


def erase(user_id: int) -> None:
    db.session.execute(db.delete(NoticeSeen).where(NoticeSeen.user_id == user_id))
    db.session.execute(
        db.update(PrivacyNotice)
        .where(PrivacyNotice.created_by_id == user_id)
        .values(created_by_id=None)
    )


PROVIDER = Provider(
    name="privacy_notice",
    title=_l("The privacy notices you were shown"),
    export=export,
    erase=erase,
    parts={"notices_seen": _l("Versions of the privacy notice you were shown")},
    tables=(
        Table(
            NoticeSeen,
            Policy.ERASE,
            "Only proves the person was told; nothing to keep once they have left.",
            person_columns=("user_id",),
        ),
        Table(
            PrivacyNotice,
            Policy.PSEUDONYMISE,
            "The organisation's notice stays; only who saved it goes.",
            person_columns=("created_by_id",),
        ),
    ),
)
