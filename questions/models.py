"""A question a learner or mentor asks their organisation, its answer, and its FAQ wording."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Organisation, User
from extensions import db, utcnow

QUESTION_MAX = 2000
ANSWER_MAX = 5000


class QuestionState(enum.StrEnum):
    OPEN = "open"  # waiting for staff
    ANSWERED = "answered"  # the asker has their answer
    PUBLISHED = "published"  # also in the organisation's FAQ, without the asker's name


# The only moves a question makes; withdrawn consent (or staff) take it out of the FAQ again.
TRANSITIONS: dict[QuestionState, frozenset[QuestionState]] = {
    QuestionState.OPEN: frozenset({QuestionState.ANSWERED}),
    QuestionState.ANSWERED: frozenset({QuestionState.PUBLISHED}),
    QuestionState.PUBLISHED: frozenset({QuestionState.ANSWERED}),
}


class Topic(enum.StrEnum):
    COURSE = "course"
    SELF_ASSESSMENTS = "self_assessments"
    LOGBOOK = "logbook"
    MENTORING = "mentoring"
    ACCOUNT = "account"
    OTHER = "other"


class Question(db.Model):
    __tablename__ = "questions"
    # The staff list: an organisation's questions in one state, oldest first.
    __table_args__ = (
        Index("ix_questions_organisation_state", "organisation_id", "state", "asked_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    asker_role: Mapped[str] = mapped_column(String(10))  # the role they asked in
    topic: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    # The asker's yes to the FAQ; theirs to change until published, and to withdraw after.
    consent: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(10), default=QuestionState.OPEN.value)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # What the FAQ shows: staff may reword both to leave out personal details.
    faq_question: Mapped[str | None] = mapped_column(Text)
    faq_answer: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]

    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    organisation: Mapped[Organisation] = relationship()

    @property
    def is_open(self) -> bool:
        return self.state == QuestionState.OPEN

    @property
    def is_published(self) -> bool:
        return self.state == QuestionState.PUBLISHED
