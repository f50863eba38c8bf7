"""Leaving and follow-up answers. Services flush; the request (or the CLI's unit of work)
commits. The outcomes work adds status at entry, signed links and sending what is due."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.models import Organisation, User
from accounts.services import hash_token, require_staff
from extensions import Invalid, db, utcnow

from .models import (
    MONTHS_AFTER_LEAVING,
    Departure,
    Financing,
    FollowUp,
    LeavingReason,
    Moment,
    Situation,
)

logger = logging.getLogger(__name__)

LINK_DAYS = 60  # an emailed follow-up link works once, for this many days


@dataclass(frozen=True)
class Answer:
    """The three follow-up questions; business questions only count for the self-employed."""

    situation: Situation
    business_registered: bool | None = None
    registration_number: str | None = None
    started_trading: bool | None = None
    financing: list[Financing] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due_on(departure: Departure, moment: Moment) -> date:
    return add_months(departure.left_on, MONTHS_AFTER_LEAVING[moment])


def departure_of(user_id: int, organisation_id: int) -> Departure | None:
    return db.session.scalar(
        select(Departure).filter_by(user_id=user_id, organisation_id=organisation_id)
    )


def record_departure(
    user: User,
    organisation: Organisation,
    *,
    reason: LeavingReason,
    left_on: date,
    note: str = "",
    recorded_by: User | None = None,
) -> Departure:
    """Mark a participant as having left; `recorded_by` None means the follow-up command found
    it (pair ended and course finished). Leaving is recorded once per organisation."""
    if recorded_by is not None:
        require_staff(recorded_by, organisation)
    if departure_of(user.id, organisation.id) is not None:
        raise Invalid(_l("This person has already left the programme."))
    departure = Departure(
        user_id=user.id,
        organisation_id=organisation.id,
        reason=reason.value,
        left_on=left_on,
        note=note.strip(),
        recorded_by_id=recorded_by.id if recorded_by else None,
    )
    db.session.add(departure)
    db.session.flush()
    logger.info(
        "departure recorded org=%s user=%s reason=%s by=%s",
        organisation.id,
        user.id,
        reason.value,
        recorded_by.id if recorded_by else "follow-up",
    )
    return departure


def new_link_token() -> tuple[str, str]:
    """(token for the email, its hash for the database): the token itself is never stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def follow_up_for(departure: Departure, moment: Moment) -> FollowUp:
    """The moment's follow-up row, created (without a usable link) when staff record a phone
    answer before the email went out."""
    follow_up = db.session.scalar(
        select(FollowUp).filter_by(
            user_id=departure.user_id,
            organisation_id=departure.organisation_id,
            moment=moment.value,
        )
    )
    if follow_up is None:
        _, token_hash = new_link_token()
        follow_up = FollowUp(
            user_id=departure.user_id,
            organisation_id=departure.organisation_id,
            moment=moment.value,
            due_on=due_on(departure, moment),
            expires_at=utcnow(),
            token_hash=token_hash,
        )
        db.session.add(follow_up)
        db.session.flush()
    return follow_up


def record_answer(follow_up: FollowUp, answer: Answer, *, by: User | None) -> None:
    """Store the answers once. `by` is the person themselves (or None through the link), or a
    staff member recording an answer given on the phone."""
    if follow_up.answered_at is not None:
        raise Invalid(_l("These questions have already been answered. Thank you."))
    by_phone = by is not None and by.id != follow_up.user_id
    if by is not None and by_phone:
        require_staff(by, follow_up.organisation)
    self_employed = answer.situation == Situation.SELF_EMPLOYED
    follow_up.situation = answer.situation.value
    follow_up.business_registered = answer.business_registered if self_employed else None
    number = (answer.registration_number or "").strip() or None
    follow_up.registration_number = number if self_employed and answer.business_registered else None
    follow_up.started_trading = answer.started_trading if self_employed else None
    follow_up.financing = [f.value for f in answer.financing]
    follow_up.answered_at = utcnow()
    follow_up.answered_by_id = by.id if by is not None else None
    follow_up.by_phone = by_phone
    db.session.flush()
    logger.info(
        "follow-up answered id=%s org=%s user=%s moment=%s by_phone=%s",
        follow_up.id,
        follow_up.organisation_id,
        follow_up.user_id,
        follow_up.moment,
        by_phone,
    )


def link_expiry(now: datetime | None = None) -> datetime:
    return (now or utcnow()) + timedelta(days=LINK_DAYS)
