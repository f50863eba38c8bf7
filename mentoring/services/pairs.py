"""The pair's own life: answering a proposal, the charter with its versions, meetings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from accounts.models import User
from extensions import db, rows_changed, utcnow
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notify
from outbox.services import local_path

from .. import matching
from ..health import DEFAULT_REPLY_DAYS, REPLY_DAYS
from ..models import (
    CURRENT_STATES,
    TAKEN_STATES,
    CharterState,
    CharterVersion,
    CoordinatorNote,
    IntakeSurvey,
    MatchProposal,
    Meeting,
    Mentorship,
    PairState,
)
from .base import MentoringError, PairNotFound, _flush, move_charter, move_pair
from .emails import introduction_email
from .intake import matching_settings, profile_of, survey_of

logger = logging.getLogger(__name__)


def pair_for(user: User, pair_id: int) -> Mentorship:
    """The pair, if this person is one of its two people; staff and others get PairNotFound."""
    pair = db.session.get(Mentorship, pair_id)
    if pair is None or pair.side_of(user.id) is None:
        raise PairNotFound
    return pair


def pairs_of(user: User, organisation_id: int | None = None) -> list[Mentorship]:
    query = db.select(Mentorship).where(
        (Mentorship.mentor_id == user.id) | (Mentorship.mentee_id == user.id)
    )
    if organisation_id is not None:
        query = query.filter_by(organisation_id=organisation_id)
    # Both people loaded with the pairs, in the same statement (selectin would add one per 500
    # pairs): a page naming the other person of each pair stays at the same number of
    # statements however many pairs there are.
    query = query.options(joinedload(Mentorship.mentor), joinedload(Mentorship.mentee))
    return list(
        db.session.scalars(query.order_by(Mentorship.created_at.desc(), Mentorship.id.desc()))
    )


def is_open(pair: Mentorship) -> bool:
    """Proposed, accepted or active: the two people may still learn about each other."""
    return pair.state in TAKEN_STATES


def partner_survey(user: User, pair: Mentorship) -> IntakeSurvey | None:
    """The other person's intake survey, for their introduction and the reasons of the match,
    only while the proposal or the pair is open: a declined, ended or re-matched pair shows
    nothing more of the other person."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    if not is_open(pair):
        return None
    return survey_of(pair.other(user.id).id, pair.organisation_id)


def answer_proposal(
    user: User, pair: Mentorship, accept: bool, reason: str = "", now: datetime | None = None
) -> None:
    """Each person accepts or declines; both yes makes the pair ACCEPTED, one no ends it.
    Each step is a conditional update, so two answers at the same moment are both kept: the
    second to write sees the first one's yes."""
    side = pair.side_of(user.id)
    if side is None:
        raise PairNotFound
    answered = _l("This proposal has already been answered.")
    if pair.state != PairState.PROPOSED.value:
        raise MentoringError(answered)
    now = now or utcnow()
    if not accept:
        move_pair(
            pair,
            PairState.DECLINED,
            declined_by_id=user.id,
            decline_reason=(reason or "").strip()[:500],
            ended_at=now,
        )
        _flush()
        logger.info("proposal declined pair=%s side=%s", pair.id, side)
        return
    mine = getattr(Mentorship, f"{side}_accepted_at")
    said_yes = rows_changed(
        db.update(Mentorship)
        .where(
            Mentorship.id == pair.id,
            Mentorship.state == PairState.PROPOSED.value,
            mine.is_(None),
        )
        .values({mine: now})
    )
    if said_yes != 1:
        raise MentoringError(answered)
    db.session.refresh(pair)  # the other person's yes may have arrived a moment ago
    both = pair.mentor_accepted_at is not None and pair.mentee_accepted_at is not None
    if both:
        move_pair(pair, PairState.ACCEPTED, started_at=now)  # only one request gets this far
        introduce(pair)
    _flush()
    logger.info("proposal accepted pair=%s side=%s both=%s", pair.id, side, both)


# Why this pair, and the introduction once both said yes ------------------------------------


@dataclass(frozen=True)
class WhyMatched:
    """What the pair page and the introduction say about why these two are together."""

    explanation: matching.Explanation | None
    by_hand: bool  # staff paired them themselves: no level of fit is ever shown
    note: str  # what the coordinator wrote when pairing them by hand
    components: dict | None  # what the explanation was built from


def made_by_hand(pair: Mentorship) -> bool:
    """No matching round proposed this pair: staff put the two people together themselves."""
    from_round = db.session.scalar(
        db.select(MatchProposal.id).filter_by(mentorship_id=pair.id).limit(1)
    )
    return from_round is None


def coordinator_note(pair: Mentorship) -> str:
    row = db.session.get(CoordinatorNote, pair.id)
    return row.note if row else ""


def why_matched(pair: Mentorship, side: str) -> WhyMatched:
    """The reasons for `side` ("mentee" or "mentor"). A round's pair is explained from the
    components it was proposed with; a pair made by hand from what matching finds in both
    intake surveys now (they may have been filled in after the pairing), without a level."""
    if not made_by_hand(pair):
        components = pair.components
        explanation = matching.explain(components, side) if components else None
        return WhyMatched(explanation, False, "", components)
    mentee = survey_of(pair.mentee_id, pair.organisation_id)
    mentor = survey_of(pair.mentor_id, pair.organisation_id)
    components = pair.components
    if mentee is not None and mentor is not None:
        weights, _ = matching_settings(pair.organisation)
        components = matching.pair_components(profile_of(mentee), profile_of(mentor), weights)
    explanation = matching.explain(components, side) if components else None
    return WhyMatched(explanation, True, coordinator_note(pair), components)


def _introduced(pair: Mentorship) -> bool:
    return (
        db.session.scalar(
            db.select(Notification.id)
            .filter_by(kind=Kind.INTRODUCTION.value, subject=f"pair:{pair.id}")
            .limit(1)
        )
        is not None
    )


def introduce(pair: Mentorship) -> None:
    """Both said yes: introduce each person to the other, once, with only the contact details
    the other chose to share (the notification centre emails it as each person prefers)."""
    if _introduced(pair):
        return
    for person in (pair.mentee, pair.mentor):
        side = pair.side_of(person.id) or "mentee"
        other = pair.other(person.id)
        notify(
            person,
            Kind.INTRODUCTION,
            local_path("mentoring.pair", pair_id=pair.id),
            params={"name": other.name},
            subject=f"pair:{pair.id}",
            organisation=pair.organisation,
            email=introduction_email(pair, person, why_matched(pair, side)),
        )
    logger.info("pair introduced pair=%s", pair.id)


def has_answered(pair: Mentorship, user_id: int) -> bool:
    side = pair.side_of(user_id)
    return bool(side and getattr(pair, f"{side}_accepted_at"))


def _require_current(pair: Mentorship) -> None:
    if pair.state not in CURRENT_STATES:
        raise MentoringError(_l("This is possible only while your pair is running."))


# Charter -------------------------------------------------------------------------------------


def charter_versions(pair: Mentorship) -> list[CharterVersion]:
    return list(
        db.session.scalars(
            db.select(CharterVersion)
            .filter_by(mentorship_id=pair.id)
            .order_by(CharterVersion.version.desc())
        )
    )


def current_charter(pair: Mentorship) -> CharterVersion | None:
    return db.session.scalar(
        db.select(CharterVersion)
        .filter_by(mentorship_id=pair.id)
        .where(CharterVersion.state != CharterState.SUPERSEDED.value)
        .order_by(CharterVersion.version.desc())
        .limit(1)
    )


def current_charters(pair_ids: list[int]) -> dict[int, CharterVersion]:
    """current_charter(pair) for many pairs in one query; pairs without one are absent."""
    found: dict[int, CharterVersion] = {}
    if pair_ids:
        for charter in db.session.scalars(
            db.select(CharterVersion)
            .where(
                CharterVersion.mentorship_id.in_(pair_ids),
                CharterVersion.state != CharterState.SUPERSEDED.value,
            )
            .order_by(CharterVersion.version)
        ):
            found[charter.mentorship_id] = charter  # the latest version wins
    return found


def agreed_charter(pair: Mentorship) -> CharterVersion | None:
    """The latest version both signed: the one pair health is measured against."""
    return db.session.scalar(
        db.select(CharterVersion)
        .filter_by(mentorship_id=pair.id)
        .where(
            CharterVersion.mentor_signed_at.is_not(None),
            CharterVersion.mentee_signed_at.is_not(None),
        )
        .order_by(CharterVersion.version.desc())
        .limit(1)
    )


def reply_days_in(charter: CharterVersion | None) -> int:
    """The days the mentor answers a logbook entry in: the agreed charter's, else the default."""
    return charter.reply_days if charter else DEFAULT_REPLY_DAYS


def reply_days_by_pair(pair_ids: list[int]) -> dict[int, int]:
    """reply_days_in(agreed_charter(pair)) for many pairs in one query; every id is a key."""
    agreed: dict[int, CharterVersion] = {}
    if pair_ids:
        for charter in db.session.scalars(
            db.select(CharterVersion)
            .where(
                CharterVersion.mentorship_id.in_(pair_ids),
                CharterVersion.mentor_signed_at.is_not(None),
                CharterVersion.mentee_signed_at.is_not(None),
            )
            .order_by(CharterVersion.version)
        ):
            agreed[charter.mentorship_id] = charter  # the latest signed version wins
    return {pair_id: reply_days_in(agreed.get(pair_id)) for pair_id in pair_ids}


def reply_days_of(pair: Mentorship | None) -> int:
    """How soon this pair's mentor answers a logbook entry; the default without a pair."""
    return reply_days_by_pair([pair.id])[pair.id] if pair is not None else DEFAULT_REPLY_DAYS


def write_charter(
    user: User,
    pair: Mentorship,
    *,
    interval_days: int,
    manner: str,
    goals: list[dict],
    mentor_learns: str,
    reply_days: int = DEFAULT_REPLY_DAYS,
    now: datetime | None = None,
) -> CharterVersion:
    """Save what the charter page's form holds. Unchanged from the version shown, it is that
    version signed by this person (both signatures make it agreed); changed, it is a new version
    that replaces the one before, signed by the writer, and the other person is asked to sign."""
    side = pair.side_of(user.id)
    if side is None:
        raise PairNotFound
    _require_current(pair)
    now = now or utcnow()
    goals = [
        {
            "goal": g.get("goal", "").strip(),
            "measure": g.get("measure", "").strip(),
            "by": g.get("by") or "",
        }
        for g in goals
        if (g.get("goal") or "").strip()
    ]
    if not goals:
        raise MentoringError(_l("Write at least one goal of the mentee."), field="goals-0-goal")
    if reply_days not in REPLY_DAYS:
        raise MentoringError(_l("Choose one of the numbers of days shown."), field="reply_days")
    previous = current_charter(pair)
    text = {
        "interval_days": interval_days,
        "manner": manner,
        "goals": goals,
        "mentor_learns": (mentor_learns or "").strip(),
        "reply_days": reply_days,
    }
    if previous is not None and _same_text(previous, text):
        if getattr(previous, f"{side}_signed_at") is not None:
            raise MentoringError(
                _l("You already signed this version. Change something to make a new version.")
            )
        _sign(previous, side, now)
        _flush()
        logger.info("charter signed pair=%s version=%s side=%s", pair.id, previous.version, side)
        return previous
    if previous is not None:
        move_charter(previous, CharterState.SUPERSEDED)
    latest = db.session.scalar(
        db.select(db.func.max(CharterVersion.version)).filter_by(mentorship_id=pair.id)
    )
    number = (latest or 0) + 1
    charter = CharterVersion(
        mentorship_id=pair.id,
        version=number,
        **text,
        written_by_id=user.id,
        created_at=now,
    )
    db.session.add(charter)
    db.session.flush()
    _sign(charter, side, now)
    notify(
        pair.other(user.id),
        Kind.CHARTER_TO_SIGN,
        local_path("mentoring.charter", pair_id=pair.id),
        params={"name": user.name},
        subject=f"charter:{pair.id}",
        organisation=pair.organisation,
    )
    _flush()
    logger.info("charter written pair=%s version=%s side=%s", pair.id, number, side)
    return charter


def _same_text(charter: CharterVersion, text: dict) -> bool:
    """Whether the form holds the version's own words: submitting it unchanged signs it."""
    return all(getattr(charter, name) == value for name, value in text.items())


def _sign(charter: CharterVersion, side: str, now: datetime) -> None:
    if getattr(charter, f"{side}_signed_at") is not None:
        raise MentoringError(_l("You have already signed this version."))
    if charter.state == CharterState.SUPERSEDED.value:
        raise MentoringError(_l("This version of the charter cannot change like that."))
    setattr(charter, f"{side}_signed_at", now)
    both = charter.mentor_signed_at and charter.mentee_signed_at
    move_charter(charter, CharterState.SIGNED if both else CharterState.SIGNED_BY_ONE)


def sign_charter(user: User, charter: CharterVersion, now: datetime | None = None) -> None:
    pair = charter.mentorship
    side = pair.side_of(user.id)
    if side is None:
        raise PairNotFound
    _require_current(pair)
    _sign(charter, side, now or utcnow())
    _flush()
    logger.info("charter signed pair=%s version=%s side=%s", pair.id, charter.version, side)


# Meetings ------------------------------------------------------------------------------------


def meetings_of(pair: Mentorship) -> list[Meeting]:
    return list(
        db.session.scalars(
            db.select(Meeting)
            .filter_by(mentorship_id=pair.id)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        )
    )


def log_meeting(
    user: User,
    pair: Mentorship,
    *,
    held_on: date,
    minutes: int | None,
    manner: str,
    topics: str,
    notes: str,
    now: datetime | None = None,
) -> Meeting:
    """Either side logs a meeting; the first one is the kick-off and makes the pair active."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    _require_current(pair)
    now = now or utcnow()
    if held_on > now.date():
        raise MentoringError(
            _l("Log a meeting once it has taken place: the date is in the future."), "held_on"
        )
    first = (
        db.session.scalar(db.select(Meeting.id).filter_by(mentorship_id=pair.id).limit(1)) is None
    )
    meeting = Meeting(
        mentorship_id=pair.id,
        held_on=held_on,
        minutes=minutes,
        manner=manner,
        topics=(topics or "").strip()[:300],
        notes=(notes or "").strip(),
        is_kickoff=first,
        logged_by_id=user.id,
        created_at=now,
    )
    db.session.add(meeting)
    if pair.state == PairState.ACCEPTED.value:
        move_pair(pair, PairState.ACTIVE)
    _flush()
    logger.info("meeting logged pair=%s meeting=%s kickoff=%s", pair.id, meeting.id, first)
    return meeting
