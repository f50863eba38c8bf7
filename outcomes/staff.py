"""What organisation staff do with outcomes: mark a learner's leaving (and undo it when it was a
mistake), record a follow-up answer given on the phone, read a person's outcomes, and the rows
of the per-person file. Services flush; the request commits. Staff only (require_staff)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, select

from accounts.models import Membership, Organisation, Role, User
from accounts.services import require_staff
from extensions import Invalid, NotFound, db

from .models import Departure, EntryStatus, FollowUp, LeavingReason, Moment
from .services import (
    Answer,
    departure_of,
    due_on,
    follow_up_for,
    record_answer,
    record_departure,
)

logger = logging.getLogger(__name__)


def _learner(organisation: Organisation, user_id: int) -> Membership:
    """The person's learner membership here; anyone else is not found (404, never data)."""
    membership = db.session.scalar(
        select(Membership).filter_by(
            user_id=user_id, organisation_id=organisation.id, role=Role.LEARNER.value
        )
    )
    if membership is None:
        raise NotFound
    return membership


def mark_leaving(
    staff: User,
    organisation: Organisation,
    user_id: int,
    *,
    reason: LeavingReason,
    left_on: date,
    note: str = "",
    today: date,
) -> Departure:
    """Staff mark a learner as finished or stopped; the date is never in the future nor before
    the person joined."""
    require_staff(staff, organisation)
    membership = _learner(organisation, user_id)
    if left_on > today:
        raise Invalid(_l("The date of leaving cannot be in the future."), field="left_on")
    if left_on < membership.created_at.date():
        raise Invalid(
            _l("The date of leaving cannot be before the person joined."), field="left_on"
        )
    return record_departure(
        membership.user,
        organisation,
        reason=reason,
        left_on=left_on,
        note=note,
        recorded_by=staff,
    )


def undo_departure(staff: User, organisation: Organisation, user_id: int) -> None:
    """Take back a leaving entered by mistake, with its follow-ups that nobody answered (their
    links stop working). Refused once a follow-up has an answer: that answer is evidence."""
    require_staff(staff, organisation)
    _learner(organisation, user_id)
    departure = departure_of(user_id, organisation.id)
    if departure is None:
        raise Invalid(_l("This person has not left the programme."))
    answered = db.session.scalar(
        select(func.count(FollowUp.id)).where(
            FollowUp.user_id == user_id,
            FollowUp.organisation_id == organisation.id,
            FollowUp.answered_at.is_not(None),
        )
    )
    if answered:
        raise Invalid(_l("Leaving cannot be undone: the person has already answered a follow-up."))
    db.session.execute(
        delete(FollowUp).where(
            FollowUp.user_id == user_id,
            FollowUp.organisation_id == organisation.id,
            FollowUp.answered_at.is_(None),
        )
    )
    departure_id = departure.id
    db.session.delete(departure)
    db.session.flush()
    logger.info(
        "departure undone org=%s user=%s departure=%s by=%s",
        organisation.id,
        user_id,
        departure_id,
        staff.id,
    )


def emailed(follow_up: FollowUp) -> bool:
    """A link went out by email; a row made for a phone answer has no usable link."""
    return follow_up.expires_at > follow_up.sent_at


@dataclass(frozen=True)
class MomentStatus:
    moment: Moment
    due_on: date
    follow_up: FollowUp | None
    answered_by: str | None  # the staff member's name, for an answer given on the phone
    today: date

    @property
    def answered(self) -> bool:
        return self.follow_up is not None and self.follow_up.answered_at is not None

    @property
    def sent(self) -> bool:
        return self.follow_up is not None and emailed(self.follow_up)

    @property
    def open(self) -> bool:
        """Due or sent and not answered: staff may record an answer given on the phone."""
        return not self.answered and (self.follow_up is not None or self.due_on <= self.today)


@dataclass(frozen=True)
class OutcomeSummary:
    """A learner's outcomes as staff see them (mentors never do)."""

    entry: EntryStatus | None
    departure: Departure | None
    recorded_by: str | None  # None with a departure: found automatically (or staff left)
    moments: list[MomentStatus] = field(default_factory=list)

    @property
    def may_undo(self) -> bool:
        return self.departure is not None and not any(m.answered for m in self.moments)


def outcome_summary(
    staff: User, organisation: Organisation, user_id: int, today: date
) -> OutcomeSummary:
    require_staff(staff, organisation)
    entry = db.session.scalar(
        select(EntryStatus).filter_by(user_id=user_id, organisation_id=organisation.id)
    )
    departure = departure_of(user_id, organisation.id)
    if departure is None:
        return OutcomeSummary(entry, None, None)
    follow_ups = {
        f.moment: f
        for f in db.session.scalars(
            select(FollowUp).filter_by(user_id=user_id, organisation_id=organisation.id)
        )
    }
    ids = {departure.recorded_by_id} | {f.answered_by_id for f in follow_ups.values()}
    ids.discard(None)
    names: dict[int, str] = {}
    if ids:
        for user_id, name in db.session.execute(select(User.id, User.name).where(User.id.in_(ids))):
            names[user_id] = name
    moments = []
    for moment in Moment:
        follow_up = follow_ups.get(moment.value)
        by = follow_up.answered_by_id if follow_up is not None and follow_up.by_phone else None
        moments.append(
            MomentStatus(
                moment,
                due_on(departure, moment),
                follow_up,
                names.get(by) if by else None,
                today,
            )
        )
    return OutcomeSummary(
        entry,
        departure,
        names.get(departure.recorded_by_id) if departure.recorded_by_id else None,
        moments,
    )


def record_phone_answer(
    staff: User,
    organisation: Organisation,
    user_id: int,
    moment: Moment,
    answer: Answer,
    today: date,
) -> FollowUp:
    """An answer the person gave on the phone, stored as given by phone and by whom; only for a
    moment that is due or was sent, and only once."""
    require_staff(staff, organisation)
    _learner(organisation, user_id)
    departure = departure_of(user_id, organisation.id)
    if departure is None:
        raise Invalid(_l("Mark the person's leaving first."))
    existing = db.session.scalar(
        select(FollowUp.id).filter_by(
            user_id=user_id, organisation_id=organisation.id, moment=moment.value
        )
    )
    if existing is None and due_on(departure, moment) > today:
        raise Invalid(_l("These questions are not due yet."))
    follow_up = follow_up_for(departure, moment)
    record_answer(follow_up, answer, by=staff)
    return follow_up


# The per-person file ---------------------------------------------------------------------------


@dataclass
class ParticipantRow:
    """One learner of the period: who, status at entry, leaving and the follow-up answers.
    Never logbook text, never quiz answers."""

    user_id: int
    name: str
    email: str
    group: str | None
    joined: datetime
    birth_year: int | None
    situation: str | None
    benefit: str | None
    left_on: date | None
    leaving_reason: str | None
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)


def participant_rows(
    staff: User, organisation: Organisation, start: date, end: date, cohort: str = ""
) -> list[ParticipantRow]:
    """Learners whose learner membership began from `start` to `end` (both included), in the
    cohort when one is given: two statements, whatever the number of people."""
    require_staff(staff, organisation)
    m = Membership
    period = [
        m.organisation_id == organisation.id,
        m.role == Role.LEARNER.value,
        m.created_at >= datetime.combine(start, time.min),
        m.created_at < datetime.combine(end + timedelta(days=1), time.min),
    ]
    if cohort:
        period.append(m.group_label == cohort)
    people = db.session.execute(
        select(
            User.id,
            User.name,
            User.email,
            m.group_label,
            m.created_at,
            EntryStatus.birth_year,
            EntryStatus.situation,
            EntryStatus.benefit,
            Departure.left_on,
            Departure.reason,
        )
        .join(User, User.id == m.user_id)
        .outerjoin(
            EntryStatus,
            and_(
                EntryStatus.user_id == m.user_id,
                EntryStatus.organisation_id == organisation.id,
            ),
        )
        .outerjoin(
            Departure,
            and_(Departure.user_id == m.user_id, Departure.organisation_id == organisation.id),
        )
        .where(*period)
        .order_by(func.lower(User.name), User.id)
    )
    rows = {r[0]: ParticipantRow(*r) for r in people}
    if rows:
        for follow_up in db.session.scalars(
            select(FollowUp).where(
                FollowUp.organisation_id == organisation.id,
                FollowUp.user_id.in_(select(m.user_id).where(*period)),
            )
        ):
            rows[follow_up.user_id].follow_ups[follow_up.moment] = follow_up
    logger.info("participant file read org=%s by=%s rows=%s", organisation.id, staff.id, len(rows))
    return list(rows.values())
