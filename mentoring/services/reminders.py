"""Reminders that are due: meetings overdue (to the pair) and check-ins due (to staff)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from accounts.models import Role, User
from extensions import db

from ..health import Health, PairHealth
from ..models import (
    CURRENT_STATES,
    CheckIn,
    Mentorship,
)
from .base import _flush
from .emails import queue_checkin_due, queue_meeting_overdue
from .followup import health_of
from .intake import members

logger = logging.getLogger(__name__)

CHECKIN_EVERY_DAYS = 14  # a pair that needs attention gets a staff check-in at least this often
REMIND_AGAIN_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    kind: str  # "meeting_overdue" (to both people) or "checkin_due" (to the organisation's staff)
    pair: Mentorship
    health: PairHealth
    recipients: list[User]


def due_reminders(now: datetime) -> list[Reminder]:
    """Reminders due now, at most one of each kind per pair per week."""
    from datetime import timedelta

    due: list[Reminder] = []
    pairs = db.session.scalars(
        db.select(Mentorship).where(Mentorship.state.in_(CURRENT_STATES)).order_by(Mentorship.id)
    ).all()
    again = now - timedelta(days=REMIND_AGAIN_DAYS)
    for pair in pairs:
        health = health_of(pair, now)
        if health.status not in (Health.NEEDS_CHECKIN, Health.STALLED):
            continue
        overdue = {"meeting_overdue", "no_meeting_twice_interval"} & set(health.reasons)
        if overdue and (pair.meeting_reminded_at is None or pair.meeting_reminded_at <= again):
            due.append(Reminder("meeting_overdue", pair, health, [pair.mentee, pair.mentor]))
        last = db.session.scalar(
            db.select(db.func.max(CheckIn.created_at)).filter_by(mentorship_id=pair.id)
        )
        checkin_old = last is None or last <= now - timedelta(days=CHECKIN_EVERY_DAYS)
        if checkin_old and (pair.checkin_reminded_at is None or pair.checkin_reminded_at <= again):
            staff = members(pair.organisation, Role.STAFF)
            if staff:
                due.append(Reminder("checkin_due", pair, health, staff))
    return due


def send_reminder(reminder: Reminder, now: datetime) -> None:
    """Queue the reminder's emails and remember when, so it is not sent again within a week."""
    pair, days = reminder.pair, reminder.health.days_since
    for person in reminder.recipients:
        if reminder.kind == "meeting_overdue":
            queue_meeting_overdue(pair, person, days)
        else:
            queue_checkin_due(pair, person, days)
    mark_reminded(reminder, now)


def mark_reminded(reminder: Reminder, now: datetime) -> None:
    if reminder.kind == "meeting_overdue":
        reminder.pair.meeting_reminded_at = now
    else:
        reminder.pair.checkin_reminded_at = now
    _flush()
    logger.info(
        "reminder sent kind=%s pair=%s recipients=%s",
        reminder.kind,
        reminder.pair.id,
        len(reminder.recipients),
    )
