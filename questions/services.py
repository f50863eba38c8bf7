"""Asking, answering and publishing questions. A question is seen by the person who asked it and
by the staff of the organisation it was asked in; nobody else finds it (not found). The FAQ shows
only the wording staff published, never who asked."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from accounts.models import Membership, Organisation, Role, User
from extensions import Invalid, NotAllowed, NotFound, db, rows_changed, utcnow
from notifications.kinds import Kind
from notifications.services import notify
from outbox.services import local_path

from .models import ANSWER_MAX, QUESTION_MAX, TRANSITIONS, Question, QuestionState, Topic

logger = logging.getLogger(__name__)
PER_PAGE = 25
ASKING_ROLES = (Role.LEARNER, Role.MENTOR)


def subject_of(question: Question) -> str:
    """What a notification about the question names, so opening the question marks it read."""
    return f"question:{question.id}"


# Who may do what -----------------------------------------------------------------------------


def asking_role(user: User, organisation: Organisation | None) -> Role | None:
    """The role a person asks in: learners and mentors ask; staff answer."""
    if organisation is None or organisation.is_archived or not user.is_authenticated:
        return None
    roles = user.roles_in(organisation.id)
    return next((role for role in ASKING_ROLES if role in roles), None)


def is_staff_of(user: User, organisation: Organisation) -> bool:
    """Only the organisation's own staff answer its questions (platform admins do not read them)."""
    return (
        user.is_authenticated
        and not organisation.is_archived
        and user.has_role(organisation.id, Role.STAFF)
    )


def question_for_asker(user: User, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.asker_id != user.id:
        raise NotFound()
    return question


def question_for_staff(user: User, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or not is_staff_of(user, question.organisation):
        raise NotFound()
    return question


def _from(target: QuestionState) -> list[str]:
    """The states a question may move to `target` from (models.TRANSITIONS)."""
    return [state.value for state, moves in TRANSITIONS.items() if target in moves]


def _text(value: str, limit: int, field: str, empty: object, too_long: object) -> str:
    value = (value or "").strip()
    if not value:
        raise Invalid(empty, field=field)
    if len(value) > limit:
        raise Invalid(too_long, field=field)
    return value


# Changes -------------------------------------------------------------------------------------


def ask(
    user: User, organisation: Organisation, text: str, topic: str | None, consent: bool
) -> Question:
    """A learner or mentor asks the organisation they are working in; its staff are told."""
    role = asking_role(user, organisation)
    if role is None:
        raise NotAllowed(_l("Only learners and mentors of this organisation can ask a question."))
    text = _text(
        text,
        QUESTION_MAX,
        "text",
        _l("Write your question."),
        _l("Keep your question under 2,000 characters."),
    )
    question = Question(
        organisation_id=organisation.id,
        asker_id=user.id,
        asker_role=role.value,
        topic=Topic(topic).value if topic else None,
        text=text,
        consent=bool(consent),
        state=QuestionState.OPEN.value,
    )
    db.session.add(question)
    db.session.flush()
    link = local_path("questions.staff_question", question_id=question.id)
    for person in staff_of(organisation.id):
        if person.id == user.id:  # staff who also learn here are not told of their own question
            continue
        notify(
            person,
            Kind.QUESTION_ASKED,
            link,
            params={"name": user.name},
            subject=subject_of(question),
            organisation=organisation,
        )
    logger.info(
        "question asked question=%s organisation=%s user=%s",
        question.id,
        organisation.id,
        user.id,
    )
    return question


def staff_of(organisation_id: int) -> list[User]:
    return list(
        db.session.scalars(
            db.select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.organisation_id == organisation_id,
                Membership.role == Role.STAFF.value,
                Membership.deactivated_at.is_(None),
                User.deactivated_at.is_(None),
            )
            .order_by(User.id)
        ).unique()
    )


def set_consent(user: User, question: Question, consent: bool) -> bool:
    """The asker's yes or no to the FAQ. No while it is published takes it out of the FAQ.
    Returns whether it was taken out."""
    if question.asker_id != user.id:
        raise NotFound()
    taken_out = False
    if not consent and question.is_published:
        _unpublish(question)
        taken_out = True
    question.consent = bool(consent)
    db.session.flush()
    logger.info("question consent question=%s consent=%s", question.id, question.consent)
    return taken_out


def answer(staff: User, question: Question, text: str) -> Question:
    """Staff answer an open question once; of two answering at the same instant, one wins."""
    if not is_staff_of(staff, question.organisation):
        raise NotFound()
    text = _text(
        text,
        ANSWER_MAX,
        "answer",
        _l("Write your answer."),
        _l("Keep your answer under 5,000 characters."),
    )
    changed = rows_changed(
        db.update(Question)
        .where(
            Question.id == question.id,
            Question.state.in_(_from(QuestionState.ANSWERED)),
            Question.answer.is_(None),  # answered once: taking it out of the FAQ is not answering
        )
        .values(
            state=QuestionState.ANSWERED.value,
            answer=text,
            answered_at=utcnow(),
            answered_by_id=staff.id,
        )
    )
    db.session.expire(question)
    if not changed:
        raise Invalid(_l("This question has just been answered by someone else."))
    notify(
        question.asker,
        Kind.QUESTION_ANSWERED,
        local_path("questions.question", question_id=question.id),
        subject=subject_of(question),
        organisation=question.organisation,
    )
    logger.info("question answered question=%s user=%s", question.id, staff.id)
    return question


def _names_in(text: str, person: User) -> bool:
    """Whether the text still names the person: their full name or their email address."""
    lowered = text.casefold()
    for value in (person.name, person.email):
        value = (value or "").strip().casefold()
        if value and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", lowered):
            return True
    return False


def publish(staff: User, question: Question, faq_question: str, faq_answer: str) -> Question:
    """Into the organisation's FAQ in the wording staff chose, only with the asker's consent.
    Published again, the new wording replaces the old."""
    if not is_staff_of(staff, question.organisation):
        raise NotFound()
    if question.state == QuestionState.OPEN:
        raise Invalid(_l("Answer the question before you publish it."))
    if not question.consent:
        raise Invalid(_not_agreed())
    faq_question = _text(
        faq_question,
        QUESTION_MAX,
        "faq_question",
        _l("Write the question as the FAQ should show it."),
        _l("Keep the question under 2,000 characters."),
    )
    faq_answer = _text(
        faq_answer,
        ANSWER_MAX,
        "faq_answer",
        _l("Write the answer as the FAQ should show it."),
        _l("Keep the answer under 5,000 characters."),
    )
    asker = question.asker
    for field, value in (("faq_question", faq_question), ("faq_answer", faq_answer)):
        if _names_in(value, asker):
            raise Invalid(
                _l("This still contains the name or email address of the person who asked."),
                field=field,
            )
    # Consent is checked again in the same statement: a withdrawal at this instant wins.
    changed = rows_changed(
        db.update(Question)
        .where(
            Question.id == question.id,
            Question.consent.is_(True),
            # Published again, the new wording replaces the old.
            Question.state.in_([*_from(QuestionState.PUBLISHED), QuestionState.PUBLISHED.value]),
        )
        .values(
            state=QuestionState.PUBLISHED.value,
            faq_question=faq_question,
            faq_answer=faq_answer,
            published_at=utcnow(),
        )
    )
    db.session.expire(question)
    if not changed:
        raise Invalid(_not_agreed())
    logger.info("question published question=%s user=%s", question.id, staff.id)
    return question


def _not_agreed():
    return _l(
        "The person who asked has not agreed to publish this question. "
        "It stays between them and you."
    )


def unpublish(staff: User, question: Question) -> None:
    if not is_staff_of(staff, question.organisation):
        raise NotFound()
    if question.is_published:
        _unpublish(question)
        db.session.flush()
        logger.info("question unpublished question=%s user=%s", question.id, staff.id)


def _unpublish(question: Question) -> None:
    assert QuestionState.ANSWERED in TRANSITIONS[QuestionState(question.state)]
    question.state = QuestionState.ANSWERED.value
    question.faq_question = None
    question.faq_answer = None
    question.published_at = None


# Lists ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    has_next: bool
    total: int = 0


def _page(statement, number: int) -> tuple[list, int, bool]:
    number = max(1, min(number, 10_000))
    rows = list(
        db.session.scalars(statement.offset((number - 1) * PER_PAGE).limit(PER_PAGE + 1)).unique()
    )
    return rows[:PER_PAGE], number, len(rows) > PER_PAGE


@dataclass(frozen=True)
class Waiting:
    question: Question
    days: int


STAFF_ORDER = {
    QuestionState.OPEN: (Question.asked_at.asc(), Question.id.asc()),
    QuestionState.ANSWERED: (Question.answered_at.desc(), Question.id.desc()),
    QuestionState.PUBLISHED: (Question.published_at.desc(), Question.id.desc()),
}


def staff_page(
    organisation: Organisation, state: QuestionState, number: int = 1, now: datetime | None = None
) -> Page:
    """The organisation's questions in one state: open ones oldest first, with the days each
    has waited; two statements whatever the number of questions."""
    now = now or utcnow()
    where = (Question.organisation_id == organisation.id, Question.state == state.value)
    total = db.session.scalar(db.select(db.func.count(Question.id)).where(*where)) or 0
    rows, number, has_next = _page(
        db.select(Question)
        .options(joinedload(Question.asker))
        .where(*where)
        .order_by(*STAFF_ORDER[state]),
        number,
    )
    items = [Waiting(q, max(0, (now - q.asked_at).days)) for q in rows]
    return Page(items, number, has_next, total)


def own_page(user: User, number: int = 1) -> Page:
    """The person's own questions, newest first, in every organisation they asked."""
    rows, number, has_next = _page(
        db.select(Question)
        .options(joinedload(Question.organisation))
        .where(Question.asker_id == user.id)
        .order_by(Question.asked_at.desc(), Question.id.desc()),
        number,
    )
    return Page(rows, number, has_next)


@dataclass(frozen=True)
class FaqItem:
    """What the FAQ knows of a question: the published wording and when, never who asked."""

    id: int
    question: str
    answer: str
    published_at: datetime


def faq_page(organisation: Organisation, number: int = 1) -> Page:
    """The organisation's published questions, newest first: only the published wording."""
    number = max(1, min(number, 10_000))
    rows = db.session.execute(
        db.select(Question.id, Question.faq_question, Question.faq_answer, Question.published_at)
        .where(
            Question.organisation_id == organisation.id,
            Question.state == QuestionState.PUBLISHED.value,
        )
        .order_by(Question.published_at.desc(), Question.id.desc())
        .offset((number - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    items = [FaqItem(*row) for row in rows[:PER_PAGE]]
    return Page(items, number, len(rows) > PER_PAGE)
