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
