"""Meetings planned ahead: propose, accept with an invitation for both calendars, suggest another
time, cancel; bad input keeps what was typed."""

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from accounts.models import Role
from extensions import db, utcnow
from mentoring import services
from mentoring.models import MEETING_TRANSITIONS, MeetingProposal
from notifications.models import Notification
from tests import mentoring_factories as mf

PUBLIC_URL = "https://herstart.example"


@pytest.fixture
def config(config):
    return {**config, "PUBLIC_URL": PUBLIC_URL}


@pytest.fixture
def world(make):
    org = make.organisation()
    mentee = make.user(Role.LEARNER, org, name="Marianne")
    mentor = make.user(Role.MENTOR, org, name="Yusuf")
    pair = make.pair(mentor, mentee, org)
    return {"org": org, "mentee": mentee, "mentor": mentor, "pair": pair}


def propose(client, auth, person, pair, **values):
    auth.login(person)
    data = {
        "day": "2027-01-14",
        "time": "14:00",
        "minutes": "60",
        "place": "Café De Zon, Oudegracht 12, Utrecht",
        "topic": "The web shop",
        **values,
    }
    return client.post(f"/mentoring/pairs/{pair.id}/meetings/propose", data=data)


def proposals(pair) -> list[MeetingProposal]:
    return list(
        db.session.scalars(
            db.select(MeetingProposal).filter_by(mentorship_id=pair.id).order_by(MeetingProposal.id)
        )
    )


def kinds_of(person) -> list[str]:
    return list(
        db.session.scalars(
            db.select(Notification.kind).filter_by(user_id=person.id).order_by(Notification.id)
        )
    )


def invitations(mailbox) -> dict[str, Calendar]:
    """The calendar attached to each email received, by recipient."""
    found = {}
    for message in mailbox.messages:
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                content = part.get_content()
                if isinstance(content, bytes):
                    content = content.decode()
                found[message["To"]] = Calendar.from_ical(content)
    return found


def test_the_state_table_is_pinned():
    assert {
        state.value: sorted(t.value for t in to) for state, to in MEETING_TRANSITIONS.items()
    } == {
        "proposed": ["accepted", "cancelled", "superseded"],
        "accepted": ["cancelled", "logged"],
        "superseded": [],
        "cancelled": [],
        "logged": [],
    }


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [("2027-01-14", 13), ("2027-07-15", 12)],
    ids=["winter", "summer"],
)
def test_accepted_meeting_reaches_both_calendars_at_14_in_amsterdam(
    client, auth, mailbox, world, day, utc_hour
):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair, day=day)
    (proposal,) = proposals(pair)
    assert proposal.starts_at == datetime.fromisoformat(day).replace(hour=utc_hour)
    assert kinds_of(mentor) == ["meeting_proposed"]

    auth.login(mentor)
    mailbox.clear()
    response = client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/accept")
    assert response.status_code == 302
    db.session.refresh(proposal)
    assert proposal.state == "accepted"
    assert kinds_of(mentee) == ["meeting_answered"]

    calendars = invitations(mailbox)
    assert sorted(calendars) == sorted([mentee.email, mentor.email])
    for calendar in calendars.values():
        event = calendar.walk("VEVENT")[0]
        start = event.decoded("dtstart")
        assert (str(start.tzinfo), start.hour, start.minute) == ("Europe/Amsterdam", 14, 0)
        assert start.date().isoformat() == day
        assert str(event["location"]) == "Café De Zon, Oudegracht 12, Utrecht"
        assert str(event["summary"]) == "Mentoring: The web shop"
        assert f"{PUBLIC_URL}/mentoring/pairs/{pair.id}" in str(event["description"])
        assert str(event["uid"]) == proposal.uid
        assert str(calendar["method"]) == "REQUEST"


def test_the_pair_page_shows_what_waits_for_whom(client, auth, world):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair, place="https://meet.jit.si/herstart-42")
    html = client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)
    assert "Waiting for Yusuf" in html and "Withdraw my proposal" in html

    auth.login(mentor)
    html = client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)
    assert "Waiting for your answer" in html
    assert "Thursday 14 January 2027, 14:00" in html
    assert '<a href="https://meet.jit.si/herstart-42" rel="noopener noreferrer">' in html
    assert "Suggest another time" in html

    (proposal,) = proposals(pair)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/accept")
    html = client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)
    assert f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}.ics" in html
    assert "Add to my calendar" in html


def test_the_ics_download_holds_the_meeting(client, auth, world):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair, day="2027-07-15")
    (proposal,) = proposals(pair)
    auth.login(mentor)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/accept")
    response = client.get(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}.ics")
    assert response.mimetype == "text/calendar"
    event = Calendar.from_ical(response.get_data(as_text=True)).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 14
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)


def test_another_time_supersedes_the_proposal_and_goes_back_to_the_proposer(
    client, auth, mailbox, world
):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair)
    (first,) = proposals(pair)
    auth.login(mentor)
    mailbox.clear()
    client.post(
        f"/mentoring/pairs/{pair.id}/meetings/{first.id}/other-time",
        data={"day": "2027-01-15", "time": "10:30", "note": "Mornings suit me better."},
    )
    first_again, counter = proposals(pair)
    assert (first_again.state, counter.state) == ("superseded", "proposed")
    assert (counter.proposed_by_id, counter.replaces_id) == (mentor.id, first.id)
    assert counter.starts_at == datetime(2027, 1, 15, 9, 30)
    assert (counter.place, counter.topic) == (first.place, first.topic)
    assert kinds_of(mentee) == ["meeting_answered"]
    answered = db.session.scalar(db.select(Notification).filter_by(user_id=mentee.id))
    assert answered.params == {"name": "Yusuf", "when": "Thursday 14 January 2027, 14:00"}
    body = mailbox.last_body()
    assert "Friday 15 January 2027, 10:30" in body and "Mornings suit me better." in body

    # The superseded one cannot be accepted any more; the latest one can, by the first person.
    refused = services.MentoringError
    with pytest.raises(refused):
        services.accept_meeting(mentor, first_again)
    db.session.rollback()
    auth.login(mentee)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{counter.id}/accept")
    assert [p.state for p in proposals(pair)] == ["superseded", "accepted"]


def test_the_proposer_cannot_accept_their_own_proposal(client, auth, world):
    mentee, pair = world["mentee"], world["pair"]
    propose(client, auth, mentee, pair)
    (proposal,) = proposals(pair)
    response = client.post(
        f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/accept", follow_redirects=True
    )
    assert "your partner answers it" in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.state == "proposed"


def test_the_proposer_withdraws_and_the_other_cannot(client, auth, world):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair)
    (proposal,) = proposals(pair)
    auth.login(mentor)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/cancel")
    db.session.refresh(proposal)
    assert proposal.state == "proposed"
    auth.login(mentee)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/cancel")
    db.session.refresh(proposal)
    assert proposal.state == "cancelled"


def test_cancelling_an_agreed_meeting_takes_it_out_of_both_calendars(client, auth, mailbox, world):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair)
    (proposal,) = proposals(pair)
    auth.login(mentor)
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/accept")
    mailbox.clear()
    client.post(f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/cancel")
    db.session.refresh(proposal)
    assert proposal.state == "cancelled"
    calendars = invitations(mailbox)
    assert sorted(calendars) == sorted([mentee.email, mentor.email])
    for calendar in calendars.values():
        assert str(calendar["method"]) == "CANCEL"
        event = calendar.walk("VEVENT")[0]
        assert (str(event["uid"]), event["sequence"]) == (proposal.uid, 1)


@pytest.mark.parametrize(
    ("values", "field_error", "kept"),
    [
        ({"day": "2020-03-02"}, "Choose a date and time in the future.", 'value="2020-03-02"'),
        ({"time": "25:99"}, "Enter a real time, for example 14:00.", 'value="25:99"'),
        ({"day": "2027-02-30"}, "Enter a real date: day, month and year.", 'value="2027-02-30"'),
        ({"place": ""}, "Enter an address or a video link.", 'value="The web shop"'),
    ],
    ids=["past", "impossible-time", "impossible-date", "no-place"],
)
def test_bad_input_gets_a_field_error_and_keeps_what_was_typed(
    client, auth, world, values, field_error, kept
):
    response = propose(client, auth, world["mentee"], world["pair"], **values)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_error in html and 'class="error-message"' in html
    assert kept in html
    assert proposals(world["pair"]) == []


def test_a_pair_that_ended_cannot_plan(make, world):
    pair = world["pair"]
    mf.ended(pair, make.user(Role.STAFF, world["org"]))
    with pytest.raises(services.MentoringError):
        services.propose_meeting(
            world["mentee"],
            pair,
            starts_at=utcnow() + timedelta(days=2),
            minutes=60,
            place="Utrecht",
            topic="",
        )


def test_every_mistake_shows_at_once(client, auth, world):
    response = propose(client, auth, world["mentee"], world["pair"], day="2020-03-02", place="")
    html = response.get_data(as_text=True)
    assert "Choose a date and time in the future." in html
    assert "Enter an address or a video link." in html


def test_another_time_in_the_past_is_refused_with_what_was_typed(client, auth, world):
    mentee, mentor, pair = world["mentee"], world["mentor"], world["pair"]
    propose(client, auth, mentee, pair)
    (proposal,) = proposals(pair)
    auth.login(mentor)
    response = client.post(
        f"/mentoring/pairs/{pair.id}/meetings/{proposal.id}/other-time",
        data={"day": "2020-03-02", "time": "10:30", "note": "Mornings suit me better."},
    )
    html = response.get_data(as_text=True)
    assert "Choose a date and time in the future." in html
    assert 'value="Mornings suit me better."' in html
    assert [p.state for p in proposals(pair)] == ["proposed"]


def test_a_proposal_whose_time_passed_unanswered_is_no_longer_shown(client, auth, world):
    pair = world["pair"]
    for days, topic in ((-1, "Too late to answer"), (1, "Still to answer")):
        db.session.add(
            MeetingProposal(
                mentorship_id=pair.id,
                proposed_by_id=world["mentee"].id,
                starts_at=utcnow() + timedelta(days=days),
                minutes=60,
                place="Utrecht",
                topic=topic,
            )
        )
    auth.login(world["mentor"])
    html = client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)
    assert "Still to answer" in html and "Too late to answer" not in html


def test_the_time_is_told_in_each_persons_language(client, auth, world):
    mentor = world["mentor"]
    mentor.language = "nl"
    db.session.commit()
    propose(client, auth, world["mentee"], world["pair"])
    proposed = db.session.scalar(db.select(Notification).filter_by(user_id=mentor.id))
    assert proposed.params == {"name": "Marianne", "when": "donderdag 14 januari 2027, 14:00"}


def test_a_digest_reader_gets_no_email_at_once(client, auth, mailbox, world):
    from notifications.models import Preference

    db.session.add(
        Preference(user_id=world["mentor"].id, kind="meeting_proposed", frequency="daily")
    )
    db.session.commit()
    mailbox.clear()
    propose(client, auth, world["mentee"], world["pair"])
    assert kinds_of(world["mentor"]) == ["meeting_proposed"]
    assert mailbox.messages == []
