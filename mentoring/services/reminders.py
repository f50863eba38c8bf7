"""Reminders that are due: meetings overdue (to the pair) and check-ins due (to staff)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from accounts.models import Role, User
from extensions import db
from notifications.kinds import Kind
from notifications.services import Email, notify
from outbox.services import external_url, local_path

from ..health import Health, PairHealth
from ..models import CURRENT_STATES, Mentorship
from .base import _flush
from .emails import queue_meeting_overdue
from .followup import health_of, latest_checkin
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
    """Reminders due now: a meeting reminder at most once a week per pair, a check-in reminder
    once per pair per due period."""
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
        if _checkin_due(pair, health, now):
            staff = members(pair.organisation, Role.STAFF)
            if staff:
                due.append(Reminder("checkin_due", pair, health, staff))
    return due


def _checkin_due(pair: Mentorship, health: PairHealth, now: datetime) -> bool:
    """Staff hear once per due period: a period starts at the pair's last meeting (or start),
    its last check-in, or the day that check-in said the next one is due, whichever is latest.
    A check-in that covers today means none is due (a stalled pair included)."""
    if health.checked_in_until is not None:
        return False
    last = latest_checkin(pair)
    if (
        last is not None
        and last.next_check_in_on is None
        and last.created_at > now - timedelta(days=CHECKIN_EVERY_DAYS)
    ):
        return False  # a check-in from before staff chose the date covers CHECKIN_EVERY_DAYS
    starts = [_midnight(health.last_meeting or pair.started_at or pair.created_at)]
    if last is not None:
        starts.append(last.created_at)
        if last.next_check_in_on is not None:
            starts.append(_midnight(last.next_check_in_on))
    reminded = pair.checkin_reminded_at
    return reminded is None or reminded < max(starts)


def _midnight(day: date | datetime) -> datetime:
    if isinstance(day, datetime):
        return day
    return datetime.combine(day, time())


def send_reminder(reminder: Reminder, now: datetime) -> None:
    """Queue the reminder's emails and remember when, so it is not sent again within a week."""
    pair, days = reminder.pair, reminder.health.days_since
    for person in reminder.recipients:
        if reminder.kind == "meeting_overdue":
            queue_meeting_overdue(pair, person, days)
        else:
            notify_checkin_due(pair, person, days)
    mark_reminded(reminder, now)


def notify_checkin_due(pair: Mentorship, staff: User, days_since: int) -> None:
    """CHECKIN_DUE in the staff member's notification centre, emailed as they chose."""
    endpoint, values = "organisations.programme_pair", {"slug": pair.organisation.slug}
    notify(
        staff,
        Kind.CHECKIN_DUE,
        local_path(endpoint, pair_id=pair.id, **values),
        params={"name": f"{pair.mentee.name} & {pair.mentor.name}"},
        subject=f"checkin:{pair.id}",
        organisation=pair.organisation,
        email=Email(
            template="mentoring/email/checkin_due.txt",
            subject=_l("A mentoring pair needs a check-in"),
            context={
                "person": staff,
                "pair": pair,
                "days": days_since,
                "link": external_url(endpoint, pair_id=pair.id, **values),
            },
        ),
    )


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
