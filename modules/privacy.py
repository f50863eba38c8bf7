"""Personal data of course progress (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import SectionRead, SelfAssessment


def export(user_id: int) -> Export:
    reads = db.session.scalars(
        db.select(SectionRead).filter_by(user_id=user_id).order_by(SectionRead.id)
    )
    scores = db.session.scalars(
        db.select(SelfAssessment).filter_by(user_id=user_id).order_by(SelfAssessment.id)
    )
    return {
        "sections_read": [row(r, "course", "module", "section", "read_at") for r in reads],
        "self_assessments": [
            row(
                s,
                "course",
                "module",
                "attempts",
                "first_score",
                "last_score",
                "best_score",
                "last_at",
                "passed_at",
            )
            for s in scores
        ],
    }


def erase(user_id: int) -> None:
    db.session.execute(db.delete(SectionRead).where(SectionRead.user_id == user_id))


PROVIDER = Provider(
    name="progress",
    title=_l("Your progress in the courses"),
    export=export,
    erase=erase,
    parts={
        "sections_read": _l("Sections you marked as read"),
        "self_assessments": _l("Your self-assessment scores"),
    },
    tables=(
        Table(
            SectionRead,
            Policy.ERASE,
            "Reading marks help the person only.",
            person_columns=("user_id",),
        ),
        Table(
            SelfAssessment,
            Policy.KEEP_FOR_AUDIT,
            "Modules finished are part of the funder's participant record, kept under a random id.",
            person_columns=("user_id",),
        ),
    ),
)
