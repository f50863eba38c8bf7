"""A staff check-in clears "needs a check-in" for the interval the staff member sets, and staff
are told once when a pair starts needing one (issue 14, fix the flow)."""

import re
from datetime import date, timedelta

import pytest

from extensions import db, utcnow
from mentoring import services
from mentoring.cli import mentoring_cli
from mentoring.health import pair_health
from mentoring.models import CheckIn, Meeting
from notifications.models import Notification
from tests import mentoring_factories as mf


@pytest.fixture
def world(make):
    world = mf.programme(make)
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    mf.signed_charter(pair)
    mf.meeting(pair)
    # The charter says every two weeks; the last meeting was 20 days ago.
    db.session.execute(db.update(Meeting).values(held_on=date.today() - timedelta(days=20)))
    return world


def health(world, days_later=0):
    now = utcnow() + timedelta(days=days_later)
    [status] = services.pair_statuses(world["org"], now)
    return status.health.status


def check_in(client, auth, world, **data):
    auth.login(world["staff"])
    url = f"/organisations/{world['org'].slug}/programme/pairs/{world['pair'].id}"
    return client.post(url, data={"light": "amber", "note": "Called both", **data})


def test_the_check_in_form_asks_when_the_next_one_is_due(client, auth, world):
    auth.login(world["staff"])
    html = client.get(
        f"/organisations/{world['org'].slug}/programme/pairs/{world['pair'].id}"
    ).get_data(as_text=True)
    assert "Next check-in in" in html
    for weeks in (2, 4, 6, 8):
        assert f'value="{weeks}"' in html
    assert re.search(r'<input checked[^>]*name="next_check_in"[^>]*value="4"', html)


def test_a_staff_check_in_clears_needs_a_check_in_for_the_weeks_chosen(client, auth, world):
    assert health(world) == "needs_checkin"
    check_in(client, auth, world, next_check_in="6")
    checkin = db.session.scalar(db.select(CheckIn))
    assert checkin.next_check_in_on == date.today() + timedelta(weeks=6)
    # Before the fix the check-in changed nothing: still "needs a check-in".
    assert health(world) == "on_track"
    assert health(world, days_later=5) == "on_track"


def test_the_check_in_covers_the_pair_until_the_day_set_and_no_longer():
    feedback_late = dict(
        started=date(2026, 3, 1),
        meetings=[date(2026, 3, 1)],
        interval_days=30,
        feedback_wait_days=20,
        checked_in_until=date(2026, 3, 20),
    )
    assert pair_health(now=date(2026, 3, 19), **feedback_late).status == "on_track"
    assert pair_health(now=date(2026, 3, 20), **feedback_late).status == "needs_checkin"


def test_a_check_in_does_not_hide_a_stalled_pair(client, auth, world):
    check_in(client, auth, world, next_check_in="8")
    assert health(world, days_later=9) == "stalled"  # 29 days without a meeting, interval 14


def test_without_a_choice_the_next_check_in_is_in_four_weeks(client, auth, world):
    check_in(client, auth, world)
    assert db.session.scalar(db.select(CheckIn)).next_check_in_on == date.today() + timedelta(
        weeks=4
    )


def checkins_due(world):
    return db.session.scalars(
        db.select(Notification).filter_by(user_id=world["staff"].id, kind="checkin_due")
    ).all()


def test_staff_are_told_once_when_a_pair_needs_a_check_in(runner, world):
    pair = world["pair"]
    first = runner.invoke(mentoring_cli, ["remind"])
    assert first.exit_code == 0, first.output
    [due] = checkins_due(world)
    assert due.link == f"/organisations/{world['org'].slug}/programme/pairs/{pair.id}"
    assert due.subject == f"checkin:{pair.id}"
    db.session.execute(db.update(type(pair)).values(checkin_reminded_at=utcnow() - timedelta(8)))
    runner.invoke(mentoring_cli, ["remind"])  # a week later: still the same due period
    assert len(checkins_due(world)) == 1


def test_a_check_in_starts_a_new_period(runner, world):
    runner.invoke(mentoring_cli, ["remind"])
    pair = world["pair"]
    db.session.execute(db.update(type(pair)).values(checkin_reminded_at=utcnow() - timedelta(16)))
    services.record_checkin(
        world["staff"], world["pair"], "amber", "", "", weeks=2, now=utcnow() - timedelta(days=15)
    )
    runner.invoke(mentoring_cli, ["remind"])
    assert len(checkins_due(world)) == 2


def test_a_check_in_that_covers_today_means_no_reminder(runner, world):
    services.record_checkin(world["staff"], world["pair"], "green", "", "", weeks=2)
    result = runner.invoke(mentoring_cli, ["remind"])
    assert "checkin_due" not in result.output and checkins_due(world) == []
