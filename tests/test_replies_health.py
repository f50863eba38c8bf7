"""Pair health with the real waits: a logbook entry waiting longer than the charter gives the
mentor makes the pair need a check-in on the staff pages; the waits of every mentee come from
one logbook query, so the staff page does not grow with the number of pairs."""

from datetime import date, timedelta

import pytest

from accounts.models import Membership, Role, User
from extensions import db, utcnow
from logbook import services as logbook
from logbook.models import Entry, EntryState
from mentoring import services
from mentoring.health import Health, pair_health
from mentoring.models import CharterVersion, Meeting, Mentorship
from tests.routes.logbook import make_entry


@pytest.fixture
def world(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    pair = make.pair(mentor, learner, organisation)
    return {
        "organisation": organisation,
        "learner": learner,
        "mentor": mentor,
        "pair": pair,
        "staff": make.user(Role.STAFF, organisation),
    }


def running_pair_with_waiting_entry(world, reply_days: int, waited_days: int) -> None:
    """Charter signed, met today; one entry sent `waited_days` ago without an answer yet."""
    pair = world["pair"]
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
    services.log_meeting(
        pair.mentee, pair, held_on=date.today(), minutes=60, manner="online", topics="", notes=""
    )
    entry = make_entry(world["learner"], EntryState.SUBMITTED)
    entry.submitted_at = utcnow() - timedelta(days=waited_days, hours=1)
    db.session.commit()


def staff_pages(client, auth, world) -> tuple[str, str, str]:
    auth.login(world["staff"])
    slug = world["organisation"].slug
    return (
        client.get(f"/organisations/{slug}/programme/pairs").get_data(as_text=True),
        client.get(f"/organisations/{slug}/programme/pairs/{world['pair'].id}").get_data(
            as_text=True
        ),
        client.get("/dashboard").get_data(as_text=True),
    )


def test_an_entry_waiting_past_the_charters_days_needs_a_check_in(client, auth, world):
    running_pair_with_waiting_entry(world, reply_days=3, waited_days=5)
    pairs, pair, dashboard = staff_pages(client, auth, world)
    assert "Needs a check-in" in pairs and "Feedback waiting" in pairs
    assert "A logbook entry has waited 5 days; the charter gives the mentor 3." in pairs
    assert "Needs a check-in" in pair and "Feedback waiting" in pair
    assert "1 pair needs a check-in" in dashboard


def test_the_same_wait_within_the_charters_days_is_on_track(client, auth, world):
    running_pair_with_waiting_entry(world, reply_days=7, waited_days=5)
    pairs, pair, dashboard = staff_pages(client, auth, world)
    assert "On track" in pairs and "Feedback waiting" not in pairs
    assert "0 pairs need a check-in" in dashboard


def test_staff_never_see_the_entrys_text(client, auth, world):
    running_pair_with_waiting_entry(world, reply_days=3, waited_days=5)
    pairs, pair, _ = staff_pages(client, auth, world)
    assert "My plan" not in pairs and "My plan" not in pair


def test_health_measures_the_wait_against_the_days_given():
    day = date(2026, 3, 10)
    quick = pair_health(
        now=day, started=day, meetings=[day], feedback_wait_days=4, feedback_limit_days=3
    )
    slow = pair_health(
        now=day, started=day, meetings=[day], feedback_wait_days=4, feedback_limit_days=5
    )
    assert (quick.status, quick.reasons) == (Health.NEEDS_CHECKIN, ("feedback_waiting",))
    assert slow.status == Health.ON_TRACK


def test_waits_of_many_learners_come_from_one_query(world, make, count_statements):
    organisation = world["organisation"]
    old = make_entry(world["learner"], EntryState.SUBMITTED)
    make_entry(world["learner"], EntryState.SUBMITTED, key="first-notes")  # sent today
    old.submitted_at = utcnow() - timedelta(days=9, hours=1)
    answered, mentor = make.user(Role.LEARNER, organisation), make.user(Role.MENTOR, organisation)
    make.pair(mentor, answered, organisation)
    make_entry(answered, EntryState.FEEDBACK_GIVEN, mentor=mentor)
    db.session.commit()
    ids, organisation_id = [world["learner"].id, answered.id], organisation.id
    with count_statements() as counter:
        waits = logbook.waiting_days_by_learner(organisation_id, ids, utcnow())
    assert waits == {world["learner"].id: 9}  # the longest wait; answered entries never wait
    assert counter.count == 1
    assert logbook.waiting_days_by_learner(make.organisation().id, None, utcnow()) == {}


def seed_pairs(organisation, count: int) -> None:
    """`count` running pairs with a signed charter, a meeting today and a waiting entry each,
    written straight to the tables: the page is measured here, not the services."""
    now = utcnow()
    start = db.session.scalar(db.select(db.func.count(User.id))) or 0
    for n in range(start, start + count):
        mentee = User(email=f"mentee{n}@example.org", name=f"Mentee {n}", password_hash="x")
        mentor = User(email=f"mentor{n}@example.org", name=f"Mentor {n}", password_hash="x")
        db.session.add_all([mentee, mentor])
        db.session.flush()
        db.session.add_all(
            [
                Membership(user=mentee, organisation=organisation, role=Role.LEARNER.value),
                Membership(user=mentor, organisation=organisation, role=Role.MENTOR.value),
            ]
        )
        pair = Mentorship(
            mentor_id=mentor.id,
            mentee_id=mentee.id,
            organisation_id=organisation.id,
            state="active",
            started_at=now - timedelta(days=20),
        )
        db.session.add(pair)
        db.session.flush()
        db.session.add_all(
            [
                CharterVersion(
                    mentorship_id=pair.id,
                    version=1,
                    state="signed",
                    reply_days=3 if n % 2 else 7,
                    goals=[{"goal": "A shop"}],
                    mentor_signed_at=now,
                    mentee_signed_at=now,
                ),
                Meeting(mentorship_id=pair.id, held_on=date.today() - timedelta(days=n % 10)),
                Entry(
                    user_id=mentee.id,
                    organisation_id=organisation.id,
                    course="test-course",
                    module="01-start",
                    key="first-plan",
                    version=1,
                    state=EntryState.SUBMITTED.value,
                    submitted_at=now - timedelta(days=n % 9),
                ),
            ]
        )
    db.session.commit()


def test_the_staff_pairs_page_does_not_grow_with_the_pairs(client, auth, world, count_statements):
    auth.login(world["staff"])
    url = f"/organisations/{world['organisation'].slug}/programme/pairs"

    def statements() -> tuple[int, str]:
        with count_statements() as counter:
            html = client.get(url).get_data(as_text=True)
        return counter.count, html

    seed_pairs(world["organisation"], 10)
    client.get(url)
    ten, html = statements()
    assert "Feedback waiting" in html  # the waits are really there
    seed_pairs(world["organisation"], 90)
    hundred, html = statements()
    assert "Feedback waiting" in html
    assert hundred == ten


def report_health(world) -> dict:
    from organisations.reports.figures import Period
    from organisations.reports.mentoring_figures import health_counts
    from organisations.reports.scope import Scope

    now = utcnow()
    year = Period(date(now.year - 1, 1, 1), date(now.year + 1, 12, 31))
    return dict(health_counts(Scope(world["organisation"].id, year, None, now.date(), now)))


def test_the_programme_report_measures_waits_against_each_charter(world):
    running_pair_with_waiting_entry(world, reply_days=3, waited_days=5)
    assert report_health(world) == {Health.NEEDS_CHECKIN.value: 1}


def test_the_report_counts_a_wait_within_the_charters_days_on_track(world):
    running_pair_with_waiting_entry(world, reply_days=7, waited_days=5)
    assert report_health(world) == {Health.ON_TRACK.value: 1}


def test_the_report_counts_a_checked_in_pair_as_the_staff_page_does(world):
    running_pair_with_waiting_entry(world, reply_days=7, waited_days=9)
    assert report_health(world) == {Health.NEEDS_CHECKIN.value: 1}
    services.record_checkin(world["staff"], world["pair"], "green", "", "", weeks=4)
    db.session.commit()
    assert report_health(world) == {Health.ON_TRACK.value: 1}
