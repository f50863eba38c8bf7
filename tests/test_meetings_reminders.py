"""The day before, both people are reminded of a meeting they agreed; once it took place, both
are asked to log it, with the planned details filled in. Each once, however often cron runs."""

import re
from datetime import datetime, time, timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from mentoring import services
from mentoring.calendar import local_date, local_to_utc
from mentoring.models import Meeting, MeetingProposal, MeetingState
from notifications.models import Notification


@pytest.fixture
def world(make):
    org = make.organisation()
    mentee = make.user(Role.LEARNER, org, name="Marianne")
    mentor = make.user(Role.MENTOR, org, name="Yusuf")
    return {"mentee": mentee, "mentor": mentor, "pair": make.pair(mentor, mentee, org)}


def agreed(pair, starts_at, place="Oudegracht 12, Utrecht", minutes=90) -> MeetingProposal:
    proposal = MeetingProposal(
        mentorship_id=pair.id,
        proposed_by_id=pair.mentee_id,
        starts_at=starts_at,
        minutes=minutes,
        place=place,
        topic="Pricing the first products",
        state=MeetingState.ACCEPTED.value,
        answered_at=utcnow(),
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def tomorrow_at_14() -> object:
    return local_to_utc(local_date(utcnow()) + timedelta(days=1), time(14, 0))


def notified(kind: str) -> list[tuple[int, str]]:
    rows = db.session.execute(
        db.select(Notification.user_id, Notification.link)
        .filter_by(kind=kind)
        .order_by(Notification.user_id)
    )
    return [tuple(row) for row in rows]


def test_both_are_reminded_the_day_before_once(runner, world):
    pair = world["pair"]
    agreed(pair, tomorrow_at_14())
    agreed(pair, tomorrow_at_14() + timedelta(days=2))  # not tomorrow: no reminder yet
    first = runner.invoke(args=["mentoring", "meeting-reminders"])
    again = runner.invoke(args=["mentoring", "meeting-reminders"])
    assert "1 meetings of tomorrow reminded." in first.output
    assert "0 meetings of tomorrow reminded." in again.output
    link = f"/mentoring/pairs/{pair.id}"
    assert notified("meeting_reminder") == sorted(
        [(world["mentee"].id, link), (world["mentor"].id, link)]
    )


def test_the_daily_remind_command_sends_them_too(runner, world):
    agreed(world["pair"], tomorrow_at_14())
    result = runner.invoke(args=["mentoring", "remind"])
    assert "1 meetings of tomorrow reminded." in result.output
    assert len(notified("meeting_reminder")) == 2


def test_after_the_meeting_both_are_asked_once_to_log_it(runner, world):
    pair = world["pair"]
    proposal = agreed(pair, utcnow() - timedelta(hours=3), minutes=60)
    agreed(pair, utcnow() - timedelta(minutes=30), minutes=60)  # still going on
    first = runner.invoke(args=["mentoring", "meeting-reminders"])
    again = runner.invoke(args=["mentoring", "meeting-reminders"])
    assert "1 meetings that took place: asked to log them." in first.output
    assert "0 meetings that took place" in again.output
    link = f"/mentoring/pairs/{pair.id}/meetings/new?proposal={proposal.id}"
    assert notified("meeting_to_log") == sorted(
        [(world["mentee"].id, link), (world["mentor"].id, link)]
    )
    assert notified("meeting_reminder") == []


@pytest.mark.parametrize(
    ("place", "manner"),
    [("Oudegracht 12, Utrecht", "in_person"), ("https://meet.jit.si/herstart-7", "online")],
)
def test_the_link_to_log_fills_in_the_planned_meeting(client, auth, world, place, manner):
    pair = world["pair"]
    proposal = agreed(pair, utcnow() - timedelta(days=1), place=place)
    auth.login(world["mentor"])
    html = client.get(f"/mentoring/pairs/{pair.id}/meetings/new?proposal={proposal.id}").get_data(
        as_text=True
    )
    held_on = local_date(proposal.starts_at).isoformat()
    assert re.search(rf'name="held_on"[^>]*value="{held_on}"', html)
    assert re.search(r'name="minutes"[^>]*value="90"', html)
    assert re.search(rf'<input checked[^>]*value="{manner}"', html)
    assert 'value="Pricing the first products"' in html
    assert "The details you planned are filled in" in html


def test_logging_the_planned_meeting_closes_it_and_tells_the_other(client, auth, world):
    pair = world["pair"]
    proposal = agreed(pair, utcnow() - timedelta(days=1))
    auth.login(world["mentor"])
    url = f"/mentoring/pairs/{pair.id}/meetings/new?proposal={proposal.id}"
    html = client.get(url).get_data(as_text=True)
    assert f'action="{url}"' in html.replace("&amp;", "&")
    client.post(
        url,
        data={
            "held_on": local_date(proposal.starts_at).isoformat(),
            "minutes": "90",
            "manner": "in_person",
            "topics": "Pricing the first products",
        },
    )
    db.session.refresh(proposal)
    meeting = db.session.scalar(db.select(Meeting).filter_by(mentorship_id=pair.id))
    assert (proposal.state, proposal.meeting_id) == ("logged", meeting.id)
    assert [user for user, _ in notified("meeting_logged")] == [world["mentee"].id]
    # Logged, it is no longer asked for.
    assert (
        "0 meetings that took place"
        in client.application.test_cli_runner()
        .invoke(args=["mentoring", "meeting-reminders"])
        .output
    )


def test_a_proposal_not_agreed_fills_in_nothing(client, auth, world):
    pair = world["pair"]
    proposal = agreed(pair, utcnow() - timedelta(days=1))
    proposal.state = MeetingState.CANCELLED.value
    db.session.commit()
    auth.login(world["mentor"])
    html = client.get(f"/mentoring/pairs/{pair.id}/meetings/new?proposal={proposal.id}").get_data(
        as_text=True
    )
    assert "Pricing the first products" not in html


@pytest.mark.parametrize(
    ("now", "starts_at", "reminded"),
    [
        # 23:30 on the 13th in Amsterdam; the meeting is at 00:30 on the 14th there.
        (datetime(2027, 1, 13, 22, 30), datetime(2027, 1, 13, 23, 30), 1),
        # 00:30 on the 14th in Amsterdam; the meeting is at 23:00 the same Amsterdam day.
        (datetime(2027, 1, 13, 23, 30), datetime(2027, 1, 14, 22, 0), 0),
    ],
    ids=["tomorrow-in-amsterdam", "today-in-amsterdam"],
)
def test_tomorrow_is_the_amsterdam_date(world, now, starts_at, reminded):
    agreed(world["pair"], starts_at)
    assert services.send_meeting_reminders(now).reminded == reminded
