"""Status at entry, leaving, follow-ups and their answers. Services flush; the request (or the
CLI's unit of work) commits."""

from __future__ import annotations

import enum
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.models import Organisation, Role, User
from accounts.services import hash_token, require_staff
from extensions import Invalid, NotAllowed, NotFound, db, rows_changed, utcnow
from outbox.services import external_url, queue_email

from .models import (
    MONTHS_AFTER_LEAVING,
    Benefit,
    Departure,
    EntryStatus,
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
    by_phone = by is not None and by.id != follow_up.user_id
    if by is not None and by_phone:
        require_staff(by, follow_up.organisation)
    # Claimed with a conditional UPDATE: of two answers at the same instant (the link in two
    # tabs, a double click) exactly one is stored, the other is told it is done.
    table = FollowUp.__table__
    claimed = rows_changed(
        table.update()
        .where(table.c.id == follow_up.id, table.c.answered_at.is_(None))
        .values(answered_at=utcnow())
    )
    if follow_up.answered_at is not None or claimed != 1:
        raise Invalid(_l("These questions have already been answered. Thank you."))
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


# Status at entry ------------------------------------------------------------------------------


def entry_status_of(user_id: int, organisation_id: int) -> EntryStatus | None:
    return db.session.scalar(
        select(EntryStatus).filter_by(user_id=user_id, organisation_id=organisation_id)
    )


def _require_learner(user: User, organisation: Organisation) -> None:
    if organisation.is_archived or not user.has_role(organisation.id, Role.LEARNER):
        raise NotAllowed(_l("Only learners of this organisation answer these questions."))


def save_entry_status(
    user: User,
    organisation: Organisation,
    *,
    birth_year: int | None,
    situation: Situation | None,
    benefit: Benefit | None,
) -> EntryStatus | None:
    """Keep what the learner chose to tell; saving with every answer empty keeps nothing (the
    same as withdrawing), so an empty row never counts as an answer in the reports."""
    _require_learner(user, organisation)
    status = entry_status_of(user.id, organisation.id)
    if birth_year is None and situation is None and benefit is None:
        if status is not None:
            withdraw_entry_status(user, organisation)
        return None
    if status is None:
        status = EntryStatus(user_id=user.id, organisation_id=organisation.id)
        db.session.add(status)
    status.birth_year = birth_year
    status.situation = situation.value if situation else None
    status.benefit = benefit.value if benefit else None
    status.updated_at = utcnow()
    db.session.flush()
    logger.info("entry status saved org=%s user=%s", organisation.id, user.id)
    return status


def withdraw_entry_status(user: User, organisation: Organisation) -> bool:
    """Delete the person's answers for this organisation; True when there were any."""
    status = entry_status_of(user.id, organisation.id)
    if status is None:
        return False
    db.session.delete(status)
    db.session.flush()
    logger.info("entry status withdrawn org=%s user=%s", organisation.id, user.id)
    return True


# Sending what is due ---------------------------------------------------------------------------

# The longest a departure can wait for its last moment: twelve months, a month's rounding and the
# link's days. Older departures have nothing left to ask and are not even read.
_OLDEST_DEPARTURE = timedelta(days=366 + 31 + LINK_DAYS)


def moments_due(departure: Departure, today: date) -> list[Moment]:
    """The moments whose day has come and whose answer window (due day + LINK_DAYS) is still
    open: a departure recorded late asks only what is still current."""
    window = timedelta(days=LINK_DAYS)
    return [
        moment
        for moment in Moment
        if due_on(departure, moment) <= today < due_on(departure, moment) + window
    ]


def send_due_follow_ups(today: date) -> list[FollowUp]:
    """Create the follow-up row of every moment that is due and not asked yet, and queue its
    email with a fresh one-time link. Deactivated people and archived organisations are skipped.
    The unique row per person, organisation and moment means nobody is asked twice."""
    recent = [
        Departure.left_on <= today,
        Departure.left_on >= today - _OLDEST_DEPARTURE,
        User.deactivated_at.is_(None),
        Organisation.archived_at.is_(None),
    ]
    rows = db.session.execute(
        select(Departure, User, Organisation)
        .join(User, User.id == Departure.user_id)
        .join(Organisation, Organisation.id == Departure.organisation_id)
        .where(*recent)
        .order_by(Departure.id)
    ).all()
    asked = {
        tuple(row)
        for row in db.session.execute(
            select(FollowUp.user_id, FollowUp.organisation_id, FollowUp.moment)
            .join(
                Departure,
                (Departure.user_id == FollowUp.user_id)
                & (Departure.organisation_id == FollowUp.organisation_id),
            )
            .join(User, User.id == Departure.user_id)
            .join(Organisation, Organisation.id == Departure.organisation_id)
            .where(*recent)
        )
    }
    sent: list[FollowUp] = []
    for departure, user, organisation in rows:
        for moment in moments_due(departure, today):
            if (user.id, organisation.id, moment.value) in asked:
                continue
            sent.append(_ask(departure, user, organisation, moment))
    return sent


def _ask(departure: Departure, user: User, organisation: Organisation, moment: Moment) -> FollowUp:
    token, token_hash = new_link_token()
    follow_up = FollowUp(
        user_id=user.id,
        organisation_id=organisation.id,
        moment=moment.value,
        due_on=due_on(departure, moment),
        sent_at=utcnow(),
        expires_at=link_expiry(),
        token_hash=token_hash,
        user=user,
        organisation=organisation,
    )
    db.session.add(follow_up)
    queue_email(
        to=user.email,
        language=user.language or organisation.default_language,
        template="outcomes/email/follow_up.txt",
        subject=_l("Two minutes: how are you doing now?"),
        person=user,
        organisation=organisation,
        moment=moment.value,
        link=external_url("outcomes.follow_up_link", token=token),
        expires_at=follow_up.expires_at,
    )
    logger.info(
        "follow-up sent id=%s org=%s user=%s moment=%s",
        follow_up.id,
        organisation.id,
        user.id,
        moment.value,
    )
    return follow_up


# Answering ---------------------------------------------------------------------------------------


class LinkState(enum.Enum):
    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"
    SOMEONE_ELSE = "someone_else"  # opened while signed in as another person
    CLOSED = "closed"  # the organisation is archived for now


TOKEN_MAX = 100  # a real token is 43 characters; anything far longer is not worth hashing


def follow_up_by_token(token: str) -> FollowUp | None:
    """The follow-up an emailed link names; None when unknown, tampered or the account is gone
    (its rows went with it)."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return db.session.scalar(select(FollowUp).filter_by(token_hash=hash_token(token)))


def link_state(follow_up: FollowUp, signed_in: User | None, now: datetime) -> LinkState:
    """What opening the link may do, in the order the person needs to hear it."""
    if signed_in is not None and signed_in.id != follow_up.user_id:
        return LinkState.SOMEONE_ELSE
    if follow_up.answered_at is not None:
        return LinkState.ANSWERED
    if follow_up.organisation.is_archived:
        return LinkState.CLOSED
    if follow_up.expires_at <= now:
        return LinkState.EXPIRED
    return LinkState.OPEN


def open_follow_ups(user_id: int) -> list[FollowUp]:
    """The person's unanswered follow-ups, whatever their link's expiry: the app keeps them open."""
    return list(
        db.session.scalars(
            select(FollowUp)
            .join(Organisation, Organisation.id == FollowUp.organisation_id)
            .where(
                FollowUp.user_id == user_id,
                FollowUp.answered_at.is_(None),
                Organisation.archived_at.is_(None),
            )
            .order_by(FollowUp.due_on, FollowUp.id)
        )
    )


def own_follow_up(user: User, follow_up_id: int) -> FollowUp:
    """One of the person's own open follow-ups; anyone else's is not there for them (404)."""
    follow_up = db.session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.user_id != user.id or follow_up.organisation.is_archived:
        raise NotFound()
    return follow_up
