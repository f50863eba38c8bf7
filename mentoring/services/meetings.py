"""Meetings planned ahead: one person proposes a time, the other accepts or suggests another
time (a new proposal that supersedes the first); accepted, both get an invitation for their
calendar, a reminder the day before, and afterwards a request to log it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale, format_datetime
from flask_babel import lazy_gettext as _l

from accounts.models import User
from extensions import db, utcnow
from notifications.kinds import Kind
from notifications.services import Email, language_of, notify
from outbox.services import external_url, queue_email

from ..calendar import Invitation, invitation_ics, local_date
from ..models import (
    CURRENT_STATES,
    MEETING_LENGTHS,
    MEETING_TRANSITIONS,
    Meeting,
    MeetingProposal,
    MeetingState,
    Mentorship,
)
from .base import MentoringError, PairNotFound, _flush, _move
from .pairs import _require_current

logger = logging.getLogger(__name__)


def move_meeting(proposal: MeetingProposal, to: MeetingState, **values) -> None:
    refusal = _l("This meeting proposal has already been answered or cancelled.")
    if to not in MEETING_TRANSITIONS[MeetingState(proposal.state)]:
        raise MentoringError(refusal)
    _move(proposal, to, values, refusal)  # type: ignore[arg-type]  # it only reads `to.value`


# Questions -------------------------------------------------------------------------------------


def meeting_proposals(pair: Mentorship, now: datetime | None = None) -> list[MeetingProposal]:
    """The meetings accepted but not logged, and the proposals still open whose time has not
    passed (nobody can accept those any more), soonest first."""
    now = now or utcnow()
    accepted = MeetingProposal.state == MeetingState.ACCEPTED.value
    waiting = (MeetingProposal.state == MeetingState.PROPOSED.value) & (
        MeetingProposal.starts_at > now
    )
    return list(
        db.session.scalars(
            db.select(MeetingProposal)
            .filter_by(mentorship_id=pair.id)
            .where(accepted | waiting)
            .order_by(MeetingProposal.starts_at, MeetingProposal.id)
        )
    )


def meeting_proposal_for(user: User, pair: Mentorship, proposal_id: int) -> MeetingProposal:
    """One of the pair's proposals, for one of its two people; anybody else gets PairNotFound."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    proposal = db.session.get(MeetingProposal, proposal_id)
    if proposal is None or proposal.mentorship_id != pair.id:
        raise PairNotFound
    return proposal


# Changes ---------------------------------------------------------------------------------------


def _check(
    starts_at: datetime, minutes: int, place: str, topic: str, now: datetime
) -> tuple[str, str]:
    if starts_at <= now:
        raise MentoringError(_l("Choose a date and time in the future."), "day")
    if minutes not in MEETING_LENGTHS:
        raise MentoringError(_l("Choose how long the meeting takes."), "minutes")
    place, topic = (place or "").strip(), (topic or "").strip()
    if not place:
        raise MentoringError(_l("Enter an address or a video link."), "place")
    if len(place) > 300:
        raise MentoringError(_l("Keep it under 300 characters."), "place")
    if len(topic) > 200:
        raise MentoringError(_l("Keep it under 200 characters."), "topic")
    return place, topic


def propose_meeting(
    user: User,
    pair: Mentorship,
    *,
    starts_at: datetime,
    minutes: int,
    place: str,
    topic: str,
    now: datetime | None = None,
) -> MeetingProposal:
    """Either person proposes a meeting (`starts_at` in naive UTC); the other is told."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    _require_current(pair)
    now = now or utcnow()
    place, topic = _check(starts_at, minutes, place, topic, now)
    proposal = _new_proposal(user, pair, starts_at, minutes, place, topic, now)
    _flush()
    _tell_proposed(proposal, user)
    logger.info("meeting proposed pair=%s proposal=%s", pair.id, proposal.id)
    return proposal


def _new_proposal(user, pair, starts_at, minutes, place, topic, now, **values) -> MeetingProposal:
    proposal = MeetingProposal(
        mentorship_id=pair.id,
        proposed_by_id=user.id,
        starts_at=starts_at,
        minutes=minutes,
        place=place,
        topic=topic,
        state=MeetingState.PROPOSED.value,
        created_at=now,
        **values,
    )
    db.session.add(proposal)
    return proposal


def _answerable(user: User, proposal: MeetingProposal) -> Mentorship:
    pair = proposal.mentorship
    if pair.side_of(user.id) is None:
        raise PairNotFound
    _require_current(pair)
    if proposal.state != MeetingState.PROPOSED.value:
        raise MentoringError(_l("This meeting proposal has already been answered or cancelled."))
    if proposal.proposed_by_id == user.id:
        raise MentoringError(_l("You proposed this meeting: your partner answers it."))
    return pair


def accept_meeting(
    user: User, proposal: MeetingProposal, now: datetime | None = None
) -> MeetingProposal:
    """The other person accepts: the proposer is told, and both get the calendar invitation."""
    pair = _answerable(user, proposal)
    now = now or utcnow()
    if proposal.starts_at <= now:
        raise MentoringError(_l("This time has passed. Suggest another time instead."))
    move_meeting(proposal, MeetingState.ACCEPTED, answered_at=now)
    _flush()
    ics = meeting_ics(proposal)
    proposer = pair.other(user.id)
    notify(
        proposer,
        Kind.MEETING_ANSWERED,
        _pair_link(pair),
        params={"name": user.name, "when": when_for(proposal, proposer, pair)},
        subject=f"pair:{pair.id}",
        organisation=pair.organisation,
        email=_invitation_email(proposal, proposer, ics),
    )
    # The person who accepted asked for nothing: their copy of the invitation is no event.
    email = _invitation_email(proposal, user, ics)
    queue_email(
        to=user.email,
        language=language_of(user, pair.organisation),
        template=email.template,
        subject=email.subject,
        ics=ics,
        **email.context,
    )
    logger.info("meeting accepted pair=%s proposal=%s", pair.id, proposal.id)
    return proposal


def suggest_other_time(
    user: User,
    proposal: MeetingProposal,
    *,
    starts_at: datetime,
    note: str = "",
    now: datetime | None = None,
) -> MeetingProposal:
    """The other person answers with another time: a new proposal, theirs, for the first person
    to answer; the first one is superseded, so only the latest counts."""
    pair = _answerable(user, proposal)
    now = now or utcnow()
    place, topic = _check(starts_at, proposal.minutes, proposal.place, proposal.topic, now)
    note = (note or "").strip()
    if len(note) > 300:
        raise MentoringError(_l("Keep it under 300 characters."), "note")
    move_meeting(proposal, MeetingState.SUPERSEDED, answered_at=now)
    counter = _new_proposal(
        user,
        pair,
        starts_at,
        proposal.minutes,
        place,
        topic,
        now,
        replaces_id=proposal.id,
        note=note,
    )
    _flush()
    _tell_proposed(counter, user, kind=Kind.MEETING_ANSWERED, answers=proposal)
    logger.info(
        "meeting other time pair=%s proposal=%s replaces=%s", pair.id, counter.id, proposal.id
    )
    return counter


def cancel_meeting(user: User, proposal: MeetingProposal, now: datetime | None = None) -> None:
    """The proposer withdraws a proposal; an accepted meeting either of them may cancel, and
    both calendars get the cancellation."""
    pair = proposal.mentorship
    if pair.side_of(user.id) is None:
        raise PairNotFound
    accepted = proposal.state == MeetingState.ACCEPTED.value
    if proposal.state == MeetingState.PROPOSED.value and proposal.proposed_by_id != user.id:
        raise MentoringError(_l("Only the person who proposed it can withdraw a proposal."))
    now = now or utcnow()
    move_meeting(proposal, MeetingState.CANCELLED, answered_at=proposal.answered_at or now)
    if accepted:
        proposal.ics_sequence += 1
    _flush()
    if accepted:
        ics = meeting_ics(proposal, method="CANCEL")
        for person in (pair.mentee, pair.mentor):
            queue_email(
                to=person.email,
                language=language_of(person, pair.organisation),
                template="mentoring/email/meeting_cancelled.txt",
                subject=_l("Meeting cancelled"),
                ics=ics,
                person=person,
                by=user,
                when=when_for(proposal, person, pair),
                link=external_url("mentoring.pair", pair_id=pair.id),
            )
    logger.info("meeting cancelled pair=%s proposal=%s", pair.id, proposal.id)


def log_planned_meeting(
    user: User, proposal: MeetingProposal, meeting: Meeting, now: datetime | None = None
) -> None:
    """The meeting that was planned is logged: the proposal is done and the other person told."""
    pair = proposal.mentorship
    if pair.side_of(user.id) is None or meeting.mentorship_id != pair.id:
        raise PairNotFound
    move_meeting(proposal, MeetingState.LOGGED, meeting_id=meeting.id)
    _flush()
    other = pair.other(user.id)
    notify(
        other,
        Kind.MEETING_LOGGED,
        _pair_link(pair),
        params={"name": user.name, "when": when_for(proposal, other, pair)},
        subject=f"pair:{pair.id}",
        organisation=pair.organisation,
    )
    logger.info("meeting logged pair=%s proposal=%s meeting=%s", pair.id, proposal.id, meeting.id)


# Reminders -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingReminders:
    reminded: int  # meetings of tomorrow: both people reminded
    asked_to_log: int  # meetings that took place: both people asked to log them


def send_meeting_reminders(now: datetime | None = None) -> MeetingReminders:
    """Remind both people the day before (the Amsterdam date) and ask both to log a meeting
    once its time has passed; each at most once per meeting, whenever the command runs."""
    now = now or utcnow()
    tomorrow = local_date(now) + timedelta(days=1)
    accepted = db.session.scalars(
        db.select(MeetingProposal)
        .join(Mentorship, Mentorship.id == MeetingProposal.mentorship_id)
        .where(
            MeetingProposal.state == MeetingState.ACCEPTED.value,
            Mentorship.state.in_(CURRENT_STATES),
            MeetingProposal.starts_at <= now + timedelta(days=2),
            MeetingProposal.ask_to_log_at.is_(None),
        )
        .order_by(MeetingProposal.id)
    ).all()
    reminded = asked = 0
    for proposal in accepted:
        pair = proposal.mentorship
        ends_at = proposal.starts_at + timedelta(minutes=proposal.minutes)
        if ends_at <= now and proposal.ask_to_log_at is None:
            link = _log_link(proposal)
            _tell_both(proposal, Kind.MEETING_TO_LOG, link)
            proposal.ask_to_log_at = now
            asked += 1
        elif (
            proposal.reminded_at is None
            and proposal.starts_at > now
            and local_date(proposal.starts_at) == tomorrow
        ):
            _tell_both(proposal, Kind.MEETING_REMINDER, _pair_link(pair))
            proposal.reminded_at = now
            reminded += 1
    _flush()
    logger.info("meeting reminders reminded=%s asked_to_log=%s", reminded, asked)
    return MeetingReminders(reminded, asked)


# Telling people --------------------------------------------------------------------------------


def when_for(proposal: MeetingProposal, person: User, pair: Mentorship) -> str:
    """The meeting's date and time in Amsterdam, in the person's language."""
    with force_locale(language_of(person, pair.organisation)):
        return str(format_datetime(proposal.starts_at, "EEEE d MMMM y, HH:mm"))


def _pair_link(pair: Mentorship) -> str:
    return _path("mentoring.pair", pair_id=pair.id)


def _log_link(proposal: MeetingProposal) -> str:
    return _path("mentoring.log_meeting", pair_id=proposal.mentorship_id, proposal=proposal.id)


def _path(endpoint: str, **values) -> str:
    """A local path that works in requests and CLI commands alike (notify wants a path)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def _tell_proposed(
    proposal: MeetingProposal,
    proposer: User,
    kind: Kind = Kind.MEETING_PROPOSED,
    answers: MeetingProposal | None = None,
) -> None:
    """Tell the other person of a proposal; of another time, the sentence names the time it
    answers ("answered your meeting proposal for ...") and the email the new time."""
    pair = proposal.mentorship
    other = pair.other(proposer.id)
    when = when_for(proposal, other, pair)
    notify(
        other,
        kind,
        _pair_link(pair),
        params={"name": proposer.name, "when": when_for(answers or proposal, other, pair)},
        subject=f"pair:{pair.id}",
        organisation=pair.organisation,
        email=Email(
            template="mentoring/email/meeting_proposed.txt",
            subject=(
                _l("%(name)s proposes a meeting", name=proposer.name)
                if kind is Kind.MEETING_PROPOSED
                else _l("%(name)s suggests another time to meet", name=proposer.name)
            ),
            context={
                "person": other,
                "other": proposer,
                "proposal": proposal,
                "when": when,
                "link": external_url("mentoring.pair", pair_id=pair.id),
            },
        ),
    )


def _tell_both(proposal: MeetingProposal, kind: Kind, link: str) -> None:
    pair = proposal.mentorship
    for person in (pair.mentee, pair.mentor):
        other = pair.other(person.id)
        notify(
            person,
            kind,
            link,
            params={"name": other.name, "when": when_for(proposal, person, pair)},
            subject=f"pair:{pair.id}",
            organisation=pair.organisation,
        )


def _invitation_email(proposal: MeetingProposal, person: User, ics: str) -> Email:
    pair = proposal.mentorship
    return Email(
        template="mentoring/email/meeting_accepted.txt",
        subject=_l("Your meeting is agreed: the invitation for your calendar"),
        context={
            "person": person,
            "other": pair.other(person.id),
            "proposal": proposal,
            "when": when_for(proposal, person, pair),
            "link": external_url("mentoring.pair", pair_id=pair.id),
        },
        ics=ics,
    )


def meeting_ics(proposal: MeetingProposal, method: str = "REQUEST") -> str:
    """The proposal's calendar event: the same UID every time, so a calendar updates it."""
    pair = proposal.mentorship
    link = external_url("mentoring.pair", pair_id=pair.id)
    topic = proposal.topic or str(_l("meeting with %(name)s", name=pair.mentee.name))
    organizer = db.session.get(User, proposal.proposed_by_id) if proposal.proposed_by_id else None
    return invitation_ics(
        Invitation(
            uid=proposal.uid,
            starts_at=proposal.starts_at,
            minutes=proposal.minutes,
            summary=str(_l("Mentoring: %(topic)s", topic=topic)),
            place=proposal.place,
            description=str(_l("Your mentoring pair in Herstart: %(link)s", link=link)),
            sequence=proposal.ics_sequence,
            organizer=(organizer.name, organizer.email) if organizer else None,
            attendees=tuple((p.name, p.email) for p in (pair.mentee, pair.mentor)),
        ),
        method=method,
    )
