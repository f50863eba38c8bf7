"""A learner's progress through a course, keyed by slugs so edited content never orphans it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db, utcnow

SLUG = 80


class SectionRead(db.Model):
    """A section the learner marked as read."""

    __tablename__ = "section_reads"
    __table_args__ = (UniqueConstraint("user_id", "course", "module", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(SLUG))
    module: Mapped[str] = mapped_column(String(SLUG))
    section: Mapped[str] = mapped_column(String(SLUG))
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class SelfAssessment(db.Model):
    """The module's self-assessment as far as progress needs it; quizzes push scores down here."""

    __tablename__ = "self_assessments"
    __table_args__ = (UniqueConstraint("user_id", "course", "module"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(SLUG))
    module: Mapped[str] = mapped_column(String(SLUG))
    attempts: Mapped[int] = mapped_column(default=0)
    last_score: Mapped[int] = mapped_column(default=0)
    best_score: Mapped[int] = mapped_column(default=0)
    first_score: Mapped[int | None]  # the first submitted attempt's, for reports
    last_at: Mapped[datetime] = mapped_column(default=utcnow)
    passed_at: Mapped[datetime | None]


class HiddenCourse(db.Model):
    """A course an organisation does not offer; every installed course is offered by default."""

    __tablename__ = "hidden_courses"
    __table_args__ = (UniqueConstraint("organisation_id", "course"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    course: Mapped[str] = mapped_column(String(SLUG))
