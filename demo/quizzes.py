"""Demo data for quizzes: the first learner has submitted module 1's self-assessment once in each
course (seven of ten right: passed), so results, history and the mentor's scores show at once."""

from __future__ import annotations

import random

from extensions import db
from quizzes import services
from quizzes.models import QuizAttempt

from .people import Cast

RIGHT = 7


def load(cast: Cast) -> None:
    """Idempotent: nothing happens for a module where the learner already has an attempt."""
    from modules import services as modules

    learner = cast.learners[0]
    for course in modules.catalogue().courses:
        module = course.modules[0]
        exists = db.session.scalar(
            db.select(QuizAttempt.id)
            .filter_by(user_id=learner.id, course=course.slug, module=module.slug)
            .limit(1)
        )
        if exists is not None:
            continue
        quiz = module.quiz("en")
        attempt = services.start_attempt(learner.id, course, module, rng=random.Random(1))
        for number, question in enumerate(quiz.questions, start=1):
            wrong = next(o.id for o in question.options if not o.correct)
            chosen = question.correct_option.id if number <= RIGHT else wrong
            services.save_answer(learner.id, attempt, number, question.id, chosen)
        services.submit_attempt(learner.id, attempt, quiz, acknowledged=set())
