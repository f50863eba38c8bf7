"""Status at entry, leaving and follow-ups. Kept apart from the intake survey: never used in
matching (DESIGN.md section 5) and never shown to mentors. One row per person per organisation
(per moment for follow-ups), so a moment can never be asked twice."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Organisation, User
from extensions import db, utcnow


class Situation(enum.StrEnum):
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    LOOKING = "looking"  # unemployed and looking for work
    NOT_LOOKING = "not_looking"  # not working and not looking
    EDUCATION = "education"


class Benefit(enum.StrEnum):
    NONE = "none"
    UNEMPLOYMENT = "unemployment"
    SOCIAL_ASSISTANCE = "social_assistance"
    OTHER = "other"


class Financing(enum.StrEnum):
    NONE = "none"
    SAVINGS = "savings"
    BANK = "bank"
    MICROCREDIT = "microcredit"
    BENEFIT_SCHEME = "benefit_scheme"
    OTHER = "other"


class LeavingReason(enum.StrEnum):
    FINISHED = "finished"
    STOPPED = "stopped"


class Moment(enum.StrEnum):
    """When a follow-up is asked, counted in months after leaving."""

    LEAVING = "leaving"
    MONTH_6 = "month_6"
    MONTH_12 = "month_12"


MONTHS_AFTER_LEAVING: dict[Moment, int] = {
    Moment.LEAVING: 0,
    Moment.MONTH_6: 6,
    Moment.MONTH_12: 12,
}

# Years of birth a person can give: the programme is for people of 45 and over, but nobody is
# refused for an unusual answer.
BIRTH_YEAR_MIN = 1920
# The bands reports count by. An erased account keeps its band, never its year of birth.
AGE_BANDS = ("45-54", "55-64", "65+", "under-45", "not-given")
AGE_BAND_MAX = 10


def age_band(birth_year: int | None, year: int) -> str:
    """The band of the age reached in `year`."""
    if birth_year is None:
        return "not-given"
    age = year - birth_year
    if age >= 65:
        return "65+"
    if age >= 55:
        return "55-64"
    if age >= 45:
        return "45-54"
    return "under-45"


REASON_MAX = 500
REGISTRATION_MAX = 40


class EntryStatus(db.Model):
    """What the person said about themselves when they joined; every answer optional."""

    __tablename__ = "entry_statuses"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    birth_year: Mapped[int | None]
    age_band: Mapped[str | None] = mapped_column(String(AGE_BAND_MAX))  # set at erasure only
    situation: Mapped[str | None] = mapped_column(String(20))
    benefit: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()


class Departure(db.Model):
    """A participant leaving the programme: marked by staff, or found by the follow-up command
    when the pair has ended and the course is finished (then `recorded_by_id` is empty)."""

    __tablename__ = "departures"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    left_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(10))  # a LeavingReason
    note: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship()


class FollowUp(db.Model):
    """One moment's three questions for one person: created when the email goes out, answered
    once (through the link, in the app, or by staff on the phone)."""

    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    moment: Mapped[str] = mapped_column(String(10))  # a Moment
    due_on: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]  # the emailed link's end; the in-app form stays open
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    answered_at: Mapped[datetime | None]
    situation: Mapped[str | None] = mapped_column(String(20))
    business_registered: Mapped[bool | None]
    registration_number: Mapped[str | None] = mapped_column(String(REGISTRATION_MAX))
    started_trading: Mapped[bool | None]
    financing: Mapped[list] = mapped_column(JSON, default=list)  # Financing values
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    by_phone: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship()
