"""Every kind of event of every feature reaches the notification centre of the right person,
through the features' own services: one pair's life from proposal to closing evaluation."""

from __future__ import annotations

from datetime import timedelta

from extensions import db, utcnow
from helpcentre import services as helpcentre
from logbook import services as logbook
from logbook.models import EntryState
from mentoring import services
from network import services as network
from network import stories
from notifications.kinds import Kind
from notifications.models import Notification
from privacy.services import request_export
from questions import services as questions
from tests.mentoring_factories import programme
from tests.routes.logbook import make_entry


def _kinds_of(person) -> set[str]:
    return set(db.session.scalars(db.select(Notification.kind).filter_by(user_id=person.id)))


def test_one_pairs_life_brings_every_kind_to_the_centre(make):
    world = programme(make)  # staff approved the round's proposal: both are asked to answer
    pair, mentee, mentor, staff = world["pair"], world["mentee"], world["mentor"], world["staff"]
    services.answer_proposal(mentee, pair, True)
    services.answer_proposal(mentor, pair, True)  # both said yes: the introduction
    services.write_charter(
        mentee,
        pair,
        interval_days=14,
        manner="online",
        goals=[{"goal": "Open a web shop", "measure": "Orders", "by": "2027-01-01"}],
        mentor_learns="How a shop buys its stock",
    )
    services.send_message(mentor, pair, "Hello Marianne")

    now = utcnow()
    # Midday in Amsterdam, so "the day before" is the previous date whatever the clock says now.
    starts = (now + timedelta(days=3)).replace(hour=12, minute=0, second=0, microsecond=0)
    proposal = services.propose_meeting(
        mentor, pair, starts_at=starts, minutes=60, place="Café De Zon", topic="Customers"
    )
    services.accept_meeting(mentee, proposal)
    services.send_meeting_reminders(starts - timedelta(days=1))  # the day before
    services.send_meeting_reminders(starts + timedelta(hours=2))  # over: log it
    meeting = services.log_meeting(
        mentee,
        pair,
        held_on=starts.date(),
        minutes=60,
        manner="in_person",
        topics="Customers",
        notes="",
        now=starts + timedelta(hours=3),
    )
    services.log_planned_meeting(mentee, proposal, meeting)

    entry = make_entry(mentee, EntryState.FEEDBACK_GIVEN, mentor=mentor)
    logbook.answer_feedback(mentee, entry, "Thank you, I will ask around.")

    later = now + timedelta(days=90)
    for reminder in services.due_reminders(later):
        services.send_reminder(reminder, later)
    services.end_pair(staff, pair, "The programme ended.")
    request_export(mentee)  # Download my data: the archive is ready
    question = questions.ask(mentee, world["org"], "Can I pause the course?", None, False)
    questions.answer(staff, question, "Yes, whenever you like.")

    # The network: the mentor is listed and the mentee writes; staff publish the mentee's story.
    org = pair.organisation
    network.save_listing(
        mentor, org, region="", sector="", offer="Marketing", looking_for="", show_email=False
    )
    network.send_message(mentee, org, mentor.id, "May I ask you about markets?")
    story = stories.save_story(
        mentee, org, None, title="My shop", body="It began.", signature="", consent=True, send=True
    )
    stories.publish(staff, org, story.id)
    # The accessibility statement's form: a problem reported reaches the platform admins.
    admin = make.user(None, is_admin=True)
    helpcentre.report_accessibility_problem(
        page="/courses/", what="Hidden button", name="", email="", reporter=mentee
    )
    db.session.commit()

    people = (mentee, mentor, staff, admin)
    assert set().union(*(_kinds_of(p) for p in people)) == {k.value for k in Kind}
    assert {Kind.FEEDBACK_ANSWERED, Kind.ENTRY_SUBMITTED} <= _kinds_of(mentor)
    assert Kind.CHECKIN_DUE in _kinds_of(staff) and Kind.CHECKIN_DUE not in _kinds_of(mentee)
    assert {Kind.INTRODUCTION, Kind.EVALUATION_OPEN} <= _kinds_of(mentee) & _kinds_of(mentor)
