"""Every change to a quiz attempt, with its permission check; the request commits. Views turn
QuizError into a message and AttemptNotFound into 404 ("not yours" looks like "not there").

Two presses at the same instant change nothing twice: "Start" inserts only if no attempt is
in progress (a unique index says so), and "Submit" closes the attempt only if it is still in
progress (a conditional update), so the second press finds the first one's work."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite

from extensions import Invalid, NotFound, db, rows_changed, utcnow
from mentoring.services import is_current_mentor
from modules import services as modules
from modules.content import Course, Module, Quiz

from .grading import Grade, grade_answers
from .models import ATTEMPT_TRANSITIONS, AttemptState, QuizAttempt

logger = logging.getLogger(__name__)


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
    with each question's options shuffled once and stored. Started twice at once, both get the
    same attempt: the insert does nothing when another one is already in progress."""
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
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = db.session.execute(
        dialect.insert(QuizAttempt)
        .values(
            user_id=user_id,
            course=course.slug,
            module=module.slug,
            state=AttemptState.IN_PROGRESS.value,
            question_order=[q.id for q in quiz.questions],
            option_order=options,
            answers={},
        )
        .on_conflict_do_nothing()
        .returning(QuizAttempt.id)
    ).scalar()
    attempt = open_attempt(user_id, course.slug, module.slug)
    if attempt is None:  # cannot happen: an attempt is in progress, ours or the other one's
        raise QuizError(_l("The self-assessment could not start. Please try again."))
    if inserted is not None:
        logger.info(
            "quiz attempt started attempt=%s user=%s course=%s module=%s",
            attempt.id,
            user_id,
            course.slug,
            module.slug,
        )
    return attempt


def _check_move(attempt: QuizAttempt, to: AttemptState) -> None:
    """The state table allows the move; the caller makes it in the database."""
    if to not in ATTEMPT_TRANSITIONS[AttemptState(attempt.state)]:
        raise QuizError(_l("You already submitted this attempt, so it cannot change any more."))


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
    # Only while in progress: a Submit from another tab that won first is never changed after.
    saved = rows_changed(
        db.update(QuizAttempt)
        .where(
            QuizAttempt.id == attempt.id,
            QuizAttempt.state == AttemptState.IN_PROGRESS.value,
        )
        .values(answers=answers, updated_at=utcnow())
    )
    db.session.refresh(attempt)
    if saved != 1:
        raise QuizError(_l("You already submitted this attempt, so its answers cannot change."))
    logger.info("quiz answer saved attempt=%s question=%s", attempt.id, question_id)


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
    _check_move(attempt, AttemptState.SUBMITTED)
    now = utcnow()
    # Closed only if still in progress: a second press at the same instant waits for the first
    # one's commit, then finds nothing to close and shows its results.
    closed = rows_changed(
        db.update(QuizAttempt)
        .where(
            QuizAttempt.id == attempt.id,
            QuizAttempt.state == AttemptState.IN_PROGRESS.value,
        )
        .values(
            state=AttemptState.SUBMITTED.value,
            score=grade.score,
            passed=grade.passed,
            submitted_at=now,
            updated_at=now,
        )
    )
    db.session.refresh(attempt)
    if closed != 1:
        raise QuizError(_l("You already submitted this attempt. Here are its results."))
    # The same transaction: the attempt and the module's progress change together, or neither.
    modules.record_self_assessment(
        user_id, attempt.course, attempt.module, grade.score, grade.passed, at=now
    )
    logger.info(
        "quiz attempt submitted attempt=%s user=%s score=%s passed=%s",
        attempt.id,
        user_id,
        grade.score,
        grade.passed,
    )
    return grade


def may_see_scores(viewer_id: int, learner_id: int, organisation_id: int | None) -> bool:
    """The learner, and their current mentor in the organisation the mentor works in now."""
    if viewer_id == learner_id:
        return True
    if organisation_id is None:
        return False
    return is_current_mentor(viewer_id, learner_id, organisation_id)
