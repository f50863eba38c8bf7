"""Staff follow-up: pair health, check-ins, ending a pair and re-matching."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from accounts.services import require_staff
from extensions import db, utcnow

from ..health import PairHealth, pair_health
from ..models import (
    CURRENT_STATES,
    CharterVersion,
    CheckIn,
    MatchRound,
    Meeting,
    Mentorship,
    PairState,
    TrafficLight,
)
from .base import MentoringError, _flush, move_pair
from .evaluation import open_evaluation
from .pairs import agreed_charter, reply_days_in
from .rounds import run_matching_round

logger = logging.getLogger(__name__)

CHECKIN_WEEKS = (2, 4, 6, 8)  # the choices staff have for the next check-in
CHECKIN_DEFAULT_WEEKS = 4


def health_of(
    pair: Mentorship,
    now: datetime,
    meetings: list[date] | None = None,
    charter: CharterVersion | _NoCharter | None = None,
    feedback_wait_days: int | None = None,
    last_checkin: CheckIn | None | _Unread = None,
) -> PairHealth:
    if last_checkin is None:
        last_checkin = latest_checkin(pair)
    if meetings is None:
        meetings = list(
            db.session.scalars(db.select(Meeting.held_on).filter_by(mentorship_id=pair.id))
        )
    if charter is None:
        charter = agreed_charter(pair)
    return pair_health(
        now=now,
        started=pair.started_at or pair.created_at,
        meetings=meetings,
        interval_days=charter.interval_days if charter else None,
        feedback_wait_days=feedback_wait_days,
        feedback_limit_days=reply_days_in(charter if isinstance(charter, CharterVersion) else None),
        checked_in_until=(
            last_checkin.next_check_in_on if isinstance(last_checkin, CheckIn) else None
        ),
    )


class _Unread:
    """Passed by callers that read check-ins themselves and found none."""

    def __bool__(self) -> bool:
        return False


NO_CHECKIN = _Unread()


def latest_checkin(pair: Mentorship) -> CheckIn | None:
    return db.session.scalar(
        db.select(CheckIn)
        .filter_by(mentorship_id=pair.id)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class PairStatus:
    """What staff may know of a pair: never the charter's text or the meetings' notes."""

    pair: Mentorship
    health: PairHealth
    charter_state: str | None
    charter_version: int | None
    meeting_count: int
    last_checkin: CheckIn | None


def pair_statuses(
    organisation: Organisation,
    now: datetime,
    feedback_waits: Mapping[int, int] | None = None,
    pair_ids: list[int] | None = None,
) -> list[PairStatus]:
    """Every running pair (or those of `pair_ids`: one page's) with its health, worst first; a
    fixed number of queries. Counting or ranking every pair: health_index.running_health.
    `feedback_waits`: the longest a mentee's submitted logbook entry has waited for feedback,
    in days, by mentee id (logbook.services.waiting_days_by_learner), measured against the
    days the pair's charter gives the mentor to answer."""
    query = (
        db.select(Mentorship)
        .filter_by(organisation_id=organisation.id)
        .where(Mentorship.state.in_(CURRENT_STATES))
        .options(db.joinedload(Mentorship.mentor), db.joinedload(Mentorship.mentee))
    )
    if pair_ids is not None:
        if not pair_ids:
            return []
        query = query.where(Mentorship.id.in_(pair_ids))
    pairs = list(db.session.scalars(query))
    ids = [p.id for p in pairs]
    meetings: dict[int, list[date]] = {}
    for pair_id, held_on in db.session.execute(
        db.select(Meeting.mentorship_id, Meeting.held_on).where(Meeting.mentorship_id.in_(ids))
    ):
        meetings.setdefault(pair_id, []).append(held_on)
    charters: dict[int, CharterVersion] = {}
    signed: dict[int, CharterVersion] = {}
    for c in db.session.scalars(
        db.select(CharterVersion)
        .where(CharterVersion.mentorship_id.in_(ids))
        .order_by(CharterVersion.version)
    ):
        charters[c.mentorship_id] = c  # the latest version wins
        if c.mentor_signed_at is not None and c.mentee_signed_at is not None:
            signed[c.mentorship_id] = c  # the latest both signed: agreed_charter(pair)
    checkins: dict[int, CheckIn] = {}
    for c in db.session.scalars(
        db.select(CheckIn)
        .where(CheckIn.mentorship_id.in_(ids))
        .order_by(CheckIn.created_at, CheckIn.id)
    ):
        checkins[c.mentorship_id] = c
    statuses = []
    for pair in pairs:
        latest = charters.get(pair.id)
        agreed = signed.get(pair.id)
        health = health_of(
            pair,
            now,
            meetings.get(pair.id, []),
            agreed or _NO_CHARTER,
            (feedback_waits or {}).get(pair.mentee_id),
            checkins.get(pair.id) or NO_CHECKIN,
        )
        statuses.append(
            PairStatus(
                pair,
                health,
                latest.state if latest else None,
                latest.version if latest else None,
                len(meetings.get(pair.id, [])),
                checkins.get(pair.id),
            )
        )
    statuses.sort(key=lambda s: (s.health.severity, s.pair.mentee.name, s.pair.id))
    return statuses


class _NoCharter:
    interval_days = None

    def __bool__(self) -> bool:
        return False


_NO_CHARTER = _NoCharter()


def checkins_of(pair: Mentorship) -> list[CheckIn]:
    return list(
        db.session.scalars(
            db.select(CheckIn)
            .filter_by(mentorship_id=pair.id)
            .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
        )
    )


def record_checkin(
    staff: User,
    pair: Mentorship,
    light: str,
    note: str,
    next_action: str,
    now: datetime | None = None,
    *,
    weeks: int = CHECKIN_DEFAULT_WEEKS,
) -> CheckIn:
    """Record a check-in; no check-in is needed again until `weeks` from now."""
    require_staff(staff, pair.organisation)
    if light not in set(TrafficLight):
        raise MentoringError(_l("Choose green, amber or red."), field="light")
    if weeks not in CHECKIN_WEEKS:
        raise MentoringError(_l("Choose when the next check-in is due."), field="next_check_in")
    now = now or utcnow()
    checkin = CheckIn(
        mentorship_id=pair.id,
        staff_id=staff.id,
        light=light,
        note=(note or "").strip(),
        next_action=(next_action or "").strip()[:300],
        created_at=now,
        next_check_in_on=now.date() + timedelta(weeks=weeks),
    )
    db.session.add(checkin)
    _flush()
    logger.info("check-in recorded pair=%s checkin=%s light=%s", pair.id, checkin.id, light)
    return checkin


def end_pair(
    staff: User,
    pair: Mentorship,
    reason: str,
    now: datetime | None = None,
    *,
    rematch: bool = False,
) -> None:
    require_staff(staff, pair.organisation)
    reason = (reason or "").strip()
    if not reason:
        raise MentoringError(_l("Write why the pair ends."), field="reason")
    to = PairState.REMATCHED if rematch else PairState.ENDED
    move_pair(pair, to, ended_at=now or utcnow(), end_reason=reason[:500])
    open_evaluation(pair)
    _flush()
    logger.info("pair ended pair=%s state=%s", pair.id, to.value)


def rematch_pair(
    staff: User, pair: Mentorship, reason: str, now: datetime | None = None
) -> MatchRound:
    """End a pair that does not fit and run matching again, as one change: if the new round
    fails, the pair has not ended either. This pair is never proposed again."""
    if pair.state not in CURRENT_STATES:
        raise MentoringError(_l("This pair cannot change like that any more."))
    end_pair(staff, pair, reason, now, rematch=True)
    round_ = run_matching_round(staff, pair.organisation, now)
    logger.info("pair re-matched pair=%s round=%s", pair.id, round_.id)
    return round_
