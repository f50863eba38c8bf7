"""Personal data of quiz attempts (see personal_data.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db
from personal_data import Export, Policy, Provider, Table, row

from .models import QuizAttempt


def export(user_id: int) -> Export:
    attempts = db.session.scalars(
        db.select(QuizAttempt).filter_by(user_id=user_id).order_by(QuizAttempt.id)
    )
    return {
        "attempts": [
            row(
                a,
                "course",
                "module",
                "state",
                "question_order",
                "answers",
                "score",
                "passed",
                "started_at",
                "submitted_at",
            )
            for a in attempts
        ]
    }


def erase(user_id: int) -> None:
    db.session.execute(db.delete(QuizAttempt).where(QuizAttempt.user_id == user_id))


PROVIDER = Provider(
    name="quizzes",
    title=_l("Your quiz attempts and answers"),
    export=export,
    erase=erase,
    parts={
        "attempts": _l("Your quiz attempts"),
    },
    tables=(
        Table(
            QuizAttempt,
            Policy.ERASE,
            "Answers are the person's own; the scores that count "
            "are kept in their self-assessment.",
            person_columns=("user_id",),
        ),
    ),
)
