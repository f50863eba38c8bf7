"""Expected reply time: the charter says how soon the mentor answers a logbook entry; the learner
sees it and the date an answer is expected, the mentor's inbox marks and lists first what waits
longer than agreed."""

import re
from datetime import datetime, timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from logbook import services as logbook
from logbook.models import EntryState
from mentoring import services
from mentoring.models import CharterVersion
from tests.routes.logbook import E, make_entry


@pytest.fixture
def world(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    return {
        "organisation": organisation,
        "learner": learner,
        "mentor": mentor,
        "pair": make.pair(mentor, learner, organisation),
    }


def agree(pair, reply_days: int) -> CharterVersion:
    """A charter both signed, giving the mentor `reply_days` to answer."""
    charter = services.write_charter(
        pair.mentee,
        pair,
        interval_days=14,
        manner="online",
        goals=[{"goal": "Open a web shop"}],
        mentor_learns="",
        reply_days=reply_days,
    )
    services.sign_charter(pair.mentor, charter)
    db.session.commit()
    return charter


def submitted_on(learner, when: datetime, key: str = "first-plan"):
    entry = logbook.entry_of(learner.id, "test-course", key) or make_entry(learner, key=key)
    logbook.submit_entry(learner, learner.memberships[0].organisation, entry)
    entry.submitted_at = when
    db.session.commit()
    return entry


def test_the_learner_sees_the_charters_reply_time_and_the_expected_date(client, auth, world):
    agree(world["pair"], 3)
    make_entry(world["learner"])
    auth.login(world["learner"])
    assert "Your mentor usually answers within 3 days." in client.get(E).get_data(as_text=True)
    client.post(f"{E}/submit", data={"base_version": 1})
    db.session.rollback()
    entry = logbook.entry_of(world["learner"].id, "test-course", "first-plan")
    entry.submitted_at = datetime(2026, 3, 2, 10, 0)
    db.session.commit()
    page = client.get(E).get_data(as_text=True)
    assert "An answer is expected by March 5, 2026." in page
    overview = client.get("/logbook/").get_data(as_text=True)
    assert "An answer is expected by March 5, 2026." in overview


def test_without_a_charter_the_mentor_answers_within_seven_days(client, auth, world):
    make_entry(world["learner"])
    auth.login(world["learner"])
    assert "Your mentor usually answers within 7 days." in client.get(E).get_data(as_text=True)
    submitted_on(world["learner"], datetime(2026, 3, 2, 10, 0))
    assert "An answer is expected by March 9, 2026." in client.get(E).get_data(as_text=True)


def test_the_expected_date_is_in_the_readers_language(client, auth, world):
    world["learner"].language = "nl"
    db.session.commit()
    agree(world["pair"], 3)
    submitted_on(world["learner"], datetime(2026, 3, 2, 10, 0))
    auth.login(world["learner"])
    assert "5 maart 2026" in client.get(E).get_data(as_text=True)


def test_an_entry_with_feedback_shows_no_expected_date(client, auth, world):
    make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    auth.login(world["learner"])
    assert "An answer is expected by" not in client.get(E).get_data(as_text=True)


def test_the_mentor_sees_what_waits_past_the_agreed_days_first(client, auth, world, make):
    agree(world["pair"], 3)
    submitted_on(world["learner"], utcnow() - timedelta(days=4, hours=1))
    other = make.user(Role.LEARNER, world["organisation"], name="Rosa")
    make.pair(world["mentor"], other, world["organisation"])  # no charter: seven days
    submitted_on(other, utcnow() - timedelta(days=6, hours=1))
    auth.login(world["mentor"])
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Waiting 4 days: past the 3 days you agreed" in page
    assert page.count('<strong class="tag">Late</strong>') == 1  # Rosa's 6 of 7 days is not
    assert page.index("Marianne") < page.index("Rosa")  # late first, though Rosa waits longer


def test_a_fresh_entry_is_not_marked_late(client, auth, world):
    submitted_on(world["learner"], utcnow() - timedelta(days=2))
    auth.login(world["mentor"])
    page = client.get("/mentor/").get_data(as_text=True)
    assert "2 days" in page and "Late" not in page and "you agreed" not in page


def test_an_entry_waiting_longer_than_the_default_is_late_without_a_charter(client, auth, world):
    submitted_on(world["learner"], utcnow() - timedelta(days=9, hours=1))
    auth.login(world["mentor"])
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Waiting 9 days: past the 7 days you agreed" in page


def charter_form(**values) -> dict:
    return {
        "interval_days": "14",
        "manner": "online",
        "goals-0-goal": "Open a web shop",
        "goals-0-measure": "",
        "mentor_learns": "",
        **values,
    }


def test_the_charter_form_saves_the_reply_days(client, auth, world):
    auth.login(world["learner"])
    pair_id = world["pair"].id
    response = client.post(f"/mentoring/pairs/{pair_id}/charter", data=charter_form(reply_days="5"))
    assert response.status_code == 302
    charter = db.session.scalar(db.select(CharterVersion).filter_by(mentorship_id=pair_id))
    assert charter.reply_days == 5
    page = client.get(f"/mentoring/pairs/{pair_id}/charter").get_data(as_text=True)
    assert "The mentor answers a logbook entry within 5 days." in page
    assert re.search(r'<input checked[^>]*name="reply_days"[^>]*value="5"', page)


def test_a_reply_time_not_on_the_list_gets_a_clear_error(client, auth, world):
    auth.login(world["learner"])
    pair_id = world["pair"].id
    response = client.post(f"/mentoring/pairs/{pair_id}/charter", data=charter_form(reply_days="4"))
    html = response.get_data(as_text=True)
    assert "Choose one of the numbers of days shown." in html
    assert 'value="Open a web shop"' in html  # what was typed stays
    assert db.session.scalar(db.select(CharterVersion).filter_by(mentorship_id=pair_id)) is None


def test_the_service_refuses_a_reply_time_not_on_the_list(world):
    with pytest.raises(services.MentoringError):
        services.write_charter(
            world["learner"],
            world["pair"],
            interval_days=14,
            manner="online",
            goals=[{"goal": "Open a web shop"}],
            mentor_learns="",
            reply_days=40,
        )


def test_reply_days_of_follow_the_agreed_charter(world):
    assert services.reply_days_of(world["pair"]) == 7
    charter = services.write_charter(
        world["learner"],
        world["pair"],
        interval_days=14,
        manner="online",
        goals=[{"goal": "Open a web shop"}],
        mentor_learns="",
        reply_days=2,
    )
    assert services.reply_days_of(world["pair"]) == 7  # signed by one only: not agreed yet
    services.sign_charter(world["mentor"], charter)
    assert services.reply_days_of(world["pair"]) == 2
