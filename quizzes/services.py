"""Every change to a quiz attempt, with its permission check and its commit. Views turn
QuizError into a message and AttemptNotFound into 404 ("not yours" looks like "not there")."""

from __future__ import annotations

import random
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from extensions import Invalid, NotFound, db, utcnow
from mentoring.services import is_current_mentor
from modules import services as modules
from modules.content import Course, Module, Quiz

from .grading import Grade, grade_answers
from .models import ATTEMPT_TRANSITIONS, AttemptState, QuizAttempt


class QuizError(Invalid):
    """A refusal the learner should read; the attempt is unchanged."""


class AttemptNotFound(NotFound):
    """No such attempt, or not the signed-in person's: both become 404."""


@dataclass(frozen=True)
class Place:
    """The course and module an attempt belongs to, as installed now."""

    course: Course
    module: Module


def place_of(attempt: QuizAttempt) -> Place:
    course = modules.catalogue().course(attempt.course)
    module = course.module(attempt.module) if course else None
    if course is None or module is None:
        raise AttemptNotFound
    return Place(course, module)


def attempt_for(user_id: int, attempt_id: int) -> QuizAttempt:
    """The person's own attempt; anyone else's is AttemptNotFound."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise AttemptNotFound
    return attempt


def open_attempt(user_id: int, course_slug: str, module_slug: str) -> QuizAttempt | None:
    return db.session.scalar(
        db.select(QuizAttempt)
        .filter_by(
            user_id=user_id,
            course=course_slug,
            module=module_slug,
            state=AttemptState.IN_PROGRESS.value,
        )
        .order_by(QuizAttempt.id.desc())
        .limit(1)
    )


def submitted_attempts(user_id: int, course_slug: str, module_slug: str) -> list[QuizAttempt]:
    """The module's submitted attempts, oldest first."""
    return list(
        db.session.scalars(
            db.select(QuizAttempt)
            .filter_by(
                user_id=user_id,
                course=course_slug,
                module=module_slug,
                state=AttemptState.SUBMITTED.value,
            )
            .order_by(QuizAttempt.submitted_at, QuizAttempt.id)
        )
    )


def all_submitted(user_id: int) -> list[QuizAttempt]:
    """Every submitted attempt of a person, oldest first: one query (mentor's page)."""
    return list(
        db.session.scalars(
            db.select(QuizAttempt)
            .filter_by(user_id=user_id, state=AttemptState.SUBMITTED.value)
            .order_by(QuizAttempt.submitted_at, QuizAttempt.id)
        )
    )


def start_attempt(
    user_id: int, course: Course, module: Module, rng: random.Random | None = None
) -> QuizAttempt:
    """The attempt in progress on this module if there is one (nothing is lost), else a new one
    with each question's options shuffled once and stored."""
    existing = open_attempt(user_id, course.slug, module.slug)
    if existing is not None:
        return existing
    rng = rng or random.SystemRandom()
    quiz = module.quiz("en")  # ids are the same in every language
    options = {}
    for question in quiz.questions:
        ids = [o.id for o in question.options]
        rng.shuffle(ids)
        options[question.id] = ids
    attempt = QuizAttempt(
        user_id=user_id,
        course=course.slug,
        module=module.slug,
        question_order=[q.id for q in quiz.questions],
        option_order=options,
        answers={},
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def _move(attempt: QuizAttempt, to: AttemptState) -> None:
    if to not in ATTEMPT_TRANSITIONS[AttemptState(attempt.state)]:
        raise QuizError(_l("You already submitted this attempt, so it cannot change any more."))
    attempt.state = to.value


def save_answer(
    user_id: int, attempt: QuizAttempt, number: int, question_id: str, option_id: str | None
) -> None:
    """Keep (or clear, with None) the answer to question `number` of an open attempt."""
    if attempt.user_id != user_id:
        raise AttemptNotFound
    if attempt.submitted:
        raise QuizError(_l("You already submitted this attempt, so its answers cannot change."))
    if question_id not in attempt.question_order:
        raise QuizError(_l("That question is not part of this self-assessment."))
    if attempt.number_of(question_id) != number:
        raise QuizError(_l("That answer belongs to another question. Please answer this one."))
    if option_id and option_id not in attempt.option_order.get(question_id, ()):
        raise QuizError(_l("That answer is not one of the options. Please choose one of them."))
    answers = dict(attempt.answers or {})
    if option_id:
        answers[question_id] = option_id
    else:
        answers.pop(question_id, None)
    attempt.answers = answers  # a new dict, so the JSON column sees the change
    attempt.updated_at = utcnow()
    db.session.flush()


def submit_attempt(user_id: int, attempt: QuizAttempt, quiz: Quiz, acknowledged: set[str]) -> Grade:
    """Grade and close the attempt, and push the score down into module progress. Unanswered
    questions are allowed only if the check page showed them (they are in `acknowledged`)."""
    if attempt.user_id != user_id:
        raise AttemptNotFound
    if attempt.submitted:
        raise QuizError(_l("You already submitted this attempt. Here are its results."))
    if set(attempt.unanswered()) - acknowledged:
        raise QuizError(
            _l("Some questions are still unanswered. Check them below before you submit.")
        )
    grade = grade_answers(quiz, attempt.answers or {}, attempt.question_order)
    _move(attempt, AttemptState.SUBMITTED)
    now = utcnow()
    attempt.score = grade.score
    attempt.passed = grade.passed
    attempt.submitted_at = now
    attempt.updated_at = now
    # record_self_assessment commits: the attempt and the module's progress change together.
    modules.record_self_assessment(
        user_id, attempt.course, attempt.module, grade.score, grade.passed, at=now
    )
    return grade


def may_see_scores(viewer_id: int, learner_id: int, organisation_id: int | None) -> bool:
    """The learner, and their current mentor in the organisation the mentor works in now."""
    if viewer_id == learner_id:
        return True
    if organisation_id is None:
        return False
    return is_current_mentor(viewer_id, learner_id, organisation_id)
