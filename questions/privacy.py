"""Personal data of questions to staff (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import Question


def export(user_id: int) -> Export:
    asked = db.session.scalars(
        db.select(Question).filter_by(asker_id=user_id).order_by(Question.asked_at)
    )
    return {
        "questions": [
            row(
                q,
                "text",
                "topic",
                "asked_at",
                "answer",
                "answered_at",
                "consent",
                "published_at",
                "faq_question",
                "faq_answer",
                organisation=q.organisation.name,
            )
            for q in asked
        ]
    }


def erase(user_id: int) -> None:
    """The person's questions go, with their FAQ entries; answers a staff member gave stay with
    the organisation, without the staff member's name."""
    db.session.execute(db.delete(Question).where(Question.asker_id == user_id))
    db.session.execute(
        db.update(Question).where(Question.answered_by_id == user_id).values(answered_by_id=None)
    )


PROVIDER = Provider(
    name="questions",
    title=_l("Your questions"),
    export=export,
    erase=erase,
    parts={"questions": _l("Questions you asked and their answers")},
    tables=(
        Table(
            Question,
            Policy.ERASE,
            "A question is the asker's own words; the staff member who answered is only unlinked.",
            person_columns=("asker_id", "answered_by_id"),
            text_columns=("text", "answer", "faq_question", "faq_answer"),
        ),
    ),
)
