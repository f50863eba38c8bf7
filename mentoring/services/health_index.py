"""The health of every running pair of an organisation from columns only, for what a staff page
counts, filters or sorts by health: five statements however many pairs there are (the pairs,
then one grouped set per input of the pure rule in mentoring/health.py), and each pair costs
the rule's arithmetic only (`health_status`, not the full `pair_health`). The full status of a
pair (PairStatus: objects, meeting count, check-in) is built only for the rows a page shows, by
followup.pair_statuses(pair_ids=...)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import aliased

from accounts.models import Organisation, User
from extensions import db
from paging import like

from ..health import DEFAULT_REPLY_DAYS, SEVERITY, Health, health_inputs, health_status
from ..models import CURRENT_STATES, CharterVersion, CheckIn, Meeting, Mentorship


@dataclass(frozen=True)
class Ranked:
    pair_id: int
    mentee_id: int
    status: Health


def _day(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])  # SQLite hands MAX() of a date back as text


@dataclass(frozen=True)
class RuleInputs:
    """What the health rule reads of each pair besides its start and the mentee's waiting
    entries, by pair id: the last meeting held, the agreed charter's (interval, reply days), and
    the latest staff check-in's date. Dates as the database hands them back (see `_day`)."""

    last_meetings: dict
    agreed: dict[int, tuple[int, int]]
    checked_in: dict


def rule_inputs(pair_ids: Select, today: date) -> RuleInputs:
    """Three grouped statements over the pairs `pair_ids` selects, joined by id in Python: one
    statement that joined them made SQLite re-run the grouped sets per pair."""
    last_meetings = dict(
        db.session.execute(
            select(Meeting.mentorship_id, func.max(Meeting.held_on))
            .where(Meeting.held_on <= today, Meeting.mentorship_id.in_(pair_ids))
            .group_by(Meeting.mentorship_id)
        ).all()
    )
    latest_signed = (
        select(CharterVersion.mentorship_id, func.max(CharterVersion.version).label("version"))
        .where(
            CharterVersion.mentorship_id.in_(pair_ids),
            CharterVersion.mentor_signed_at.is_not(None),
            CharterVersion.mentee_signed_at.is_not(None),
        )
        .group_by(CharterVersion.mentorship_id)
        .subquery()
    )
    agreed = {
        pair_id: (interval, reply_days)
        for pair_id, interval, reply_days in db.session.execute(
            select(
                CharterVersion.mentorship_id,
                CharterVersion.interval_days,
                CharterVersion.reply_days,
            ).join(
                latest_signed,
                and_(
                    latest_signed.c.mentorship_id == CharterVersion.mentorship_id,
                    latest_signed.c.version == CharterVersion.version,
                ),
            )
        )
    }
    latest_checkin = (  # ids grow with time: the highest is the latest check-in
        select(func.max(CheckIn.id))
        .where(CheckIn.mentorship_id.in_(pair_ids))
        .group_by(CheckIn.mentorship_id)
    )
    checked_in = dict(
        db.session.execute(
            select(CheckIn.mentorship_id, CheckIn.next_check_in_on).where(
                CheckIn.id.in_(latest_checkin)
            )
        ).all()
    )
    return RuleInputs(last_meetings, agreed, checked_in)


def running_health(
    organisation: Organisation, now: datetime, feedback_waits: dict[int, int], text: str = ""
) -> list[Ranked]:
    """Every running pair (whose mentee or mentor's name or email holds `text`), worst first,
    then by the mentee's name: the order of the staff list. `feedback_waits`: the longest wait
    of a mentee's entry, by mentee id (logbook.services.waiting_days_by_learner)."""
    mentee, mentor = aliased(User), aliased(User)
    query = (
        select(
            Mentorship.id,
            Mentorship.mentee_id,
            func.coalesce(Mentorship.started_at, Mentorship.created_at),
            mentee.name,
        )
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(
            Mentorship.organisation_id == organisation.id,
            Mentorship.state.in_(CURRENT_STATES),
        )
    )
    if text:
        pattern = like(text)
        query = query.join(mentor, mentor.id == Mentorship.mentor_id).where(
            db.or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (mentee.name, mentee.email, mentor.name, mentor.email)
                )
            )
        )
    pairs = db.session.execute(query).all()
    today = now.date()
    running = select(Mentorship.id).where(
        Mentorship.organisation_id == organisation.id, Mentorship.state.in_(CURRENT_STATES)
    )
    inputs = rule_inputs(running, today)
    day = functools.lru_cache(maxsize=None)(_day)  # thousands of pairs, a few hundred dates
    rows = []
    for pair_id, mentee_id, started, name in pairs:
        last = day(inputs.last_meetings.get(pair_id))
        agreed_interval, reply_days = inputs.agreed.get(pair_id, (None, None))
        days, interval, late, covered = health_inputs(
            today,
            last or day(started) or today,
            agreed_interval,
            feedback_waits.get(mentee_id),
            reply_days or DEFAULT_REPLY_DAYS,
            day(inputs.checked_in.get(pair_id)),
        )
        status = health_status(days, interval, last is not None, late, covered)
        rows.append((SEVERITY[status], name, pair_id, Ranked(pair_id, mentee_id, status)))
    rows.sort(key=lambda row: row[:3])
    return [row[3] for row in rows]


def health_tally(ranked: list[Ranked]) -> Counter:
    """Running pairs per health: {Health: count}."""
    return Counter(r.status for r in ranked)
