"""Quiz attempts: one row per attempt, keyed by course and module slugs, with the option order
it was shown in and the answers given so far (question id -> option id)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db, utcnow

SLUG = 80


class AttemptState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


# A submitted attempt never changes again: a retake is a new attempt.
ATTEMPT_TRANSITIONS: dict[AttemptState, frozenset[AttemptState]] = {
    AttemptState.IN_PROGRESS: frozenset({AttemptState.SUBMITTED}),
    AttemptState.SUBMITTED: frozenset(),
}


# One attempt in progress per learner per module: a double "Start" cannot open two.
ONE_OPEN_ATTEMPT = "state = 'in_progress'"


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        Index(
            "uq_quiz_attempts_user_id",
            "user_id",
            "course",
            "module",
            unique=True,
            sqlite_where=text(ONE_OPEN_ATTEMPT),
            postgresql_where=text(ONE_OPEN_ATTEMPT),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(SLUG))
    module: Mapped[str] = mapped_column(String(SLUG))
    state: Mapped[str] = mapped_column(String(12), default=AttemptState.IN_PROGRESS.value)
    question_order: Mapped[list] = mapped_column(JSON)  # question ids, in the order shown
    option_order: Mapped[dict] = mapped_column(JSON)  # question id -> option ids, shuffled once
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question id -> option id
    score: Mapped[int | None]
    passed: Mapped[bool | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    @property
    def submitted(self) -> bool:
        return self.state == AttemptState.SUBMITTED.value

    @property
    def total(self) -> int:
        return len(self.question_order)

    def number_of(self, question_id: str) -> int:
        """1 for the first question shown; 0 for an id that is not in this attempt."""
        order = list(self.question_order)
        return order.index(question_id) + 1 if question_id in order else 0

    def unanswered(self) -> list[str]:
        return [q for q in self.question_order if q not in (self.answers or {})]

    def first_unanswered_number(self) -> int | None:
        missing = self.unanswered()
        return self.number_of(missing[0]) if missing else None
