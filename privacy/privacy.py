"""The privacy package's own personal data: the person's download archives."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import DataExport, DeletionRequest


def export(user_id: int) -> Export:
    exports = db.session.scalars(
        db.select(DataExport).filter_by(user_id=user_id).order_by(DataExport.id)
    )
    return {"downloads": [row(e, "requested_at", "ready_at", "expires_at") for e in exports]}


def erase(user_id: int) -> None:
    db.session.execute(db.delete(DataExport).where(DataExport.user_id == user_id))


PROVIDER = Provider(
    name="downloads",
    title=_l("Your earlier downloads of your data"),
    export=export,
    erase=erase,
    parts={
        "downloads": _l("Your downloads"),
    },
    tables=(
        Table(
            DataExport,
            Policy.ERASE,
            "A copy of the person's own data: nothing to keep once they have left.",
            person_columns=("user_id",),
        ),
        Table(
            DeletionRequest,
            Policy.PSEUDONYMISE,
            "The record that the account was deleted, and when: it stays, pointing at the "
            "anonymous account; it holds no name, address or text.",
            person_columns=("user_id", "requested_by_id"),
        ),
    ),
)
