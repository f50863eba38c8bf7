"""Personal data of quiz attempts (see personal_data.py)."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from extensions import db
from modules import services as modules
from personal_data import Export, Policy, Provider, Table, row

from .models import QuizAttempt


def _in_words(attempt: QuizAttempt) -> list[dict]:
    """Each answer with its question and option in words, in the language being written."""
    course = modules.catalogue().course(attempt.course)
    module = course.module(attempt.module) if course else None
    if module is None:  # content removed since: the ids in `answers` still say it
        return []
    quiz = module.quiz(str(get_locale() or "en"))
    words = []
    for question_id, option_id in (attempt.answers or {}).items():
        question = quiz.question(question_id)
        option = question.option(option_id) if question else None
        if question and option:
            words.append(
                {"question": question.text, "my_answer": option.text, "correct": option.correct}
            )
    return words


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
                answers_in_words=_in_words(a),
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
