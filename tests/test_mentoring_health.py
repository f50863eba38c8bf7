"""Pair health at chosen dates, against the pair's own charter; time is passed in."""

from datetime import date

import pytest

from mentoring.health import Health, pair_health

START = date(2026, 3, 1)


@pytest.mark.parametrize(
    "today, meetings, expected",
    [
        (date(2026, 3, 10), [], Health.TOO_EARLY),
        (date(2026, 3, 10), [date(2026, 3, 2)], Health.ON_TRACK),
        (date(2026, 3, 20), [date(2026, 3, 2)], Health.NEEDS_CHECKIN),  # 18 days > 14
        (date(2026, 4, 1), [date(2026, 3, 2)], Health.STALLED),  # 30 days > 2 x 14
        (date(2026, 3, 20), [], Health.NEEDS_CHECKIN),  # no kick-off after an interval
        (date(2026, 3, 16), [date(2026, 3, 2)], Health.ON_TRACK),  # exactly 14 days: fine
    ],
)
def test_health_against_a_fortnightly_charter(today, meetings, expected):
    assert (
        pair_health(now=today, started=START, meetings=meetings, interval_days=14).status
        == expected
    )


def test_the_charters_own_frequency_counts():
    meetings = [date(2026, 3, 2)]
    weekly = pair_health(now=date(2026, 3, 12), started=START, meetings=meetings, interval_days=7)
    monthly = pair_health(now=date(2026, 3, 12), started=START, meetings=meetings, interval_days=30)
    assert (weekly.status, monthly.status) == (Health.NEEDS_CHECKIN, Health.ON_TRACK)


def test_feedback_waiting_too_long_needs_a_check_in():
    health = pair_health(
        now=date(2026, 3, 10),
        started=START,
        meetings=[date(2026, 3, 8)],
        interval_days=14,
        feedback_wait_days=9,
    )
    assert health.status == Health.NEEDS_CHECKIN
    assert health.reasons == ("feedback_waiting",)


def test_next_meeting_due_and_future_meetings_do_not_count():
    health = pair_health(
        now=date(2026, 3, 10),
        started=START,
        meetings=[date(2026, 3, 2), date(2026, 3, 30)],
        interval_days=14,
    )
    assert health.last_meeting == date(2026, 3, 2)
    assert health.next_meeting_due == date(2026, 3, 16)


# The rule's whole table (mentoring.health.health_status), interval 14: days since the last
# meeting (or the start) against once and twice the interval, met or not, feedback late or not,
# a staff check-in covering today or not.
EARLY, ON, NEEDS, STALLED = Health.TOO_EARLY, Health.ON_TRACK, Health.NEEDS_CHECKIN, Health.STALLED
RULE_TABLE = [
    # days, met, late, covered -> status
    (14, False, False, False, EARLY),
    (14, True, False, False, ON),
    (14, False, True, False, NEEDS),
    (14, True, True, False, NEEDS),
    (14, False, True, True, EARLY),
    (14, True, True, True, ON),
    (15, False, False, False, NEEDS),
    (15, True, False, False, NEEDS),
    (15, False, False, True, EARLY),
    (15, True, False, True, ON),
    (28, True, True, True, ON),
    (29, True, False, False, STALLED),
    (29, False, False, False, STALLED),
    (29, True, True, True, STALLED),  # a check-in never hides a stalled pair
]


@pytest.mark.parametrize("days, met, late, covered, expected", RULE_TABLE)
def test_the_rules_table(days, met, late, covered, expected):
    from mentoring.health import health_status

    assert health_status(days, 14, met, late, covered) == expected


@pytest.mark.parametrize("days, met, late, covered, expected", RULE_TABLE)
def test_pair_health_follows_the_same_table(days, met, late, covered, expected):
    today = date(2026, 6, 1)
    since = date.fromordinal(today.toordinal() - days)
    health = pair_health(
        now=today,
        started=since if not met else date(2026, 1, 1),
        meetings=[since] if met else [],
        interval_days=14,
        feedback_wait_days=9 if late else None,
        checked_in_until=date(2026, 6, 2) if covered else None,
    )
    assert health.status == expected
