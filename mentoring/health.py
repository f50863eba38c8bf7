"""Pair health against the pair's own charter. Pure: the date, the meetings and the longest time
a logbook entry has waited for the mentor's feedback are passed in, never read here."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DEFAULT_INTERVAL_DAYS = 14  # until a charter says otherwise: every two weeks
# How soon the mentor answers a submitted logbook entry: the charter's choices, and the days a
# pair without a signed charter gets. A longer wait needs a check-in.
REPLY_DAYS = (2, 3, 5, 7, 10, 14)
DEFAULT_REPLY_DAYS = 7
FEEDBACK_WAIT_LIMIT_DAYS = DEFAULT_REPLY_DAYS


class Health(enum.StrEnum):
    TOO_EARLY = "too_early"
    ON_TRACK = "on_track"
    NEEDS_CHECKIN = "needs_checkin"
    STALLED = "stalled"


# Worst first: the staff list sorts by this.
SEVERITY = {Health.STALLED: 0, Health.NEEDS_CHECKIN: 1, Health.TOO_EARLY: 2, Health.ON_TRACK: 3}


@dataclass(frozen=True)
class PairHealth:
    status: Health
    reasons: tuple[str, ...]  # "meeting_overdue", "no_meeting_twice_interval", "feedback_waiting"
    interval_days: int
    last_meeting: date | None
    next_meeting_due: date
    days_since: int
    checked_in_until: date | None = None  # a staff check-in covers the pair until this day
    feedback_wait_days: int | None = None  # the longest a logbook entry waits for feedback
    feedback_limit_days: int = DEFAULT_REPLY_DAYS  # the days the mentor agreed to answer in

    @property
    def severity(self) -> int:
        return SEVERITY[self.status]


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def health_inputs(
    today: date,
    since: date,
    interval_days: int | None,
    feedback_wait_days: int | None,
    feedback_limit_days: int,
    checked_in_until: date | None,
) -> tuple[int, int, bool, bool]:
    """What `health_status` decides on, from a pair's dates and charter: (days since `since`,
    the interval in force, feedback waiting too long, a staff check-in covering today)."""
    interval = interval_days if interval_days and interval_days > 0 else DEFAULT_INTERVAL_DAYS
    late = feedback_wait_days is not None and feedback_wait_days > feedback_limit_days
    covered = checked_in_until is not None and today < checked_in_until
    return (today - since).days, interval, late, covered


def health_status(
    days_since: int, interval: int, has_met: bool, feedback_late: bool, covered: bool
) -> Health:
    """The rule itself, on what `pair_health` works out: days since the last meeting (or the
    start), the agreed interval, whether the pair has met, whether feedback waits too long and
    whether a staff check-in covers today. Lists of thousands of pairs call it directly."""
    if days_since > 2 * interval:
        return Health.STALLED
    if days_since > interval or feedback_late:
        if covered:
            return Health.ON_TRACK if has_met else Health.TOO_EARLY
        return Health.NEEDS_CHECKIN
    return Health.ON_TRACK if has_met else Health.TOO_EARLY


def pair_health(
    *,
    now: date | datetime,
    started: date | datetime,
    meetings: Iterable[date | datetime],
    interval_days: int | None = None,
    feedback_wait_days: int | None = None,
    feedback_limit_days: int = FEEDBACK_WAIT_LIMIT_DAYS,
    checked_in_until: date | None = None,
) -> PairHealth:
    """On track, needs a check-in (a meeting overdue by the agreed interval, or feedback waiting
    longer than the days the mentor agreed to answer in, `feedback_limit_days`), stalled (twice
    the interval without a meeting) or too early to tell (no meeting yet, and the first interval
    has not passed). A staff check-in clears "needs a check-in" until the day the staff member set
    for the next one; stalled stays stalled."""
    today = _day(now)
    held = sorted(_day(m) for m in meetings if _day(m) <= today)
    last = held[-1] if held else None
    since_day = last or _day(started)
    days, interval, feedback_late, covered = health_inputs(
        today, since_day, interval_days, feedback_wait_days, feedback_limit_days, checked_in_until
    )
    reasons: list[str] = []
    if days > 2 * interval:
        reasons.append("no_meeting_twice_interval")
    elif days > interval:
        reasons.append("meeting_overdue")
    if feedback_late:
        reasons.append("feedback_waiting")
    status = health_status(days, interval, last is not None, feedback_late, covered)
    return PairHealth(
        status,
        tuple(reasons),
        interval,
        last,
        since_day + timedelta(days=interval),
        days,
        checked_in_until if covered else None,
        feedback_wait_days,
        feedback_limit_days,
    )
