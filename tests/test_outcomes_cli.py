"""`flask programme follow-up`: who left by finishing (pair ended, course done), and the
follow-ups due at leaving, +6 and +12 months, each sent once, in the person's language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from accounts.models import Role
from extensions import db, utcnow
from mentoring.models import PairState
from modules import services as modules
from modules.models import SectionRead, SelfAssessment
from outbox.models import OutboxMessage
from outcomes import services
from outcomes.models import Departure, FollowUp, LeavingReason

TEMPLATE = "outcomes/email/follow_up.txt"


@pytest.fixture
def org(make):
    return make.organisation("Job agency West", slug="west")


def run(runner, today: str):
    result = runner.invoke(args=["programme", "follow-up", "--today", today])
    assert result.exit_code == 0, result.output
    return result.output


def left(user, organisation, on: date):
    services.record_departure(user, organisation, reason=LeavingReason.STOPPED, left_on=on)
    db.session.commit()


def follow_ups() -> list[tuple]:
    db.session.expire_all()
    return [
        (f.user_id, f.moment, f.due_on)
        for f in db.session.scalars(db.select(FollowUp).order_by(FollowUp.id))
    ]


def outbox() -> list[tuple]:
    db.session.expire_all()
    return [
        (m.recipient, m.language, m.template)
        for m in db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id))
    ]


def test_run_twice_sends_once(runner, make, org, mailbox):
    learner = make.user(Role.LEARNER, org, email="marianne@example.org")
    left(learner, org, date(2026, 3, 2))
    first = run(runner, "2026-03-02")
    assert f"follow-up leaving sent to user {learner.id} in west" in first
    assert "1 follow-up emails sent." in first
    second = run(runner, "2026-03-03")
    assert "0 follow-up emails sent." in second
    assert [m["To"] for m in mailbox.messages] == ["marianne@example.org"]
    assert "/outcomes/follow-up/" in mailbox.last_body()
    assert "two minutes" in mailbox.last_body()


def test_each_moment_comes_when_due(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    left(learner, org, date(2026, 1, 31))
    run(runner, "2026-02-01")
    assert "0 follow-up" in run(runner, "2026-07-30")  # not six months yet
    run(runner, "2026-07-31")
    run(runner, "2027-01-31")
    assert follow_ups() == [
        (learner.id, "leaving", date(2026, 1, 31)),
        (learner.id, "month_6", date(2026, 7, 31)),
        (learner.id, "month_12", date(2027, 1, 31)),
    ]


def test_a_departure_recorded_late_asks_only_what_is_still_current(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    left(learner, org, date(2026, 1, 10))
    run(runner, "2026-07-20")  # leaving's window closed; six months due since 10 July
    assert follow_ups() == [(learner.id, "month_6", date(2026, 7, 10))]


def test_the_email_is_in_the_persons_language(runner, make, org):
    dutch = make.user(Role.LEARNER, org, email="nl@example.org", language="nl")
    english = make.user(Role.LEARNER, org, email="en@example.org", language="en")
    dutch_org = make.organisation("Werkplein", default_language="nl")
    by_org = make.user(Role.LEARNER, dutch_org, email="org@example.org")
    for person, organisation in ((dutch, org), (english, org), (by_org, dutch_org)):
        left(person, organisation, date(2026, 3, 2))
    run(runner, "2026-03-02")
    assert sorted(outbox()) == [
        ("en@example.org", "en", TEMPLATE),
        ("nl@example.org", "nl", TEMPLATE),
        ("org@example.org", "nl", TEMPLATE),
    ]


def test_deactivated_people_and_archived_organisations_are_not_asked(runner, make, org):
    gone = make.user(Role.LEARNER, org, deactivated_at=utcnow())
    closed = make.organisation(archived_at=utcnow())
    in_closed = make.user(Role.LEARNER, closed)
    left(gone, org, date(2026, 3, 2))
    left(in_closed, closed, date(2026, 3, 2))
    assert "0 follow-up emails sent." in run(runner, "2026-03-02")
    assert outbox() == []


# Leaving by finishing -----------------------------------------------------------------------


def finish_course(user, on: datetime, skip_last_assessment: bool = False) -> None:
    course = modules.catalogue().course("test-course")
    for module in course.modules:
        for section in module.sections:
            db.session.add(
                SectionRead(
                    user_id=user.id,
                    course=course.slug,
                    module=module.slug,
                    section=section.slug,
                    read_at=on,
                )
            )
        if skip_last_assessment and module is course.modules[-1]:
            continue
        db.session.add(
            SelfAssessment(
                user_id=user.id,
                course=course.slug,
                module=module.slug,
                attempts=1,
                best_score=8,
                last_score=8,
                last_at=on,
                passed_at=on,
            )
        )
    db.session.commit()


def ended_pair(make, mentee, org, on: datetime):
    pair = make.pair(make.user(Role.MENTOR, org), mentee, org, state=PairState.ENDED)
    pair.ended_at = on
    db.session.commit()
    return pair


def departures() -> list[tuple]:
    db.session.expire_all()
    return [
        (d.user_id, d.reason, d.left_on, d.recorded_by_id)
        for d in db.session.scalars(db.select(Departure))
    ]


def test_a_learner_whose_pair_ended_and_who_finished_leaves_on_the_later_day(
    runner, make, org, mailbox
):
    learner = make.user(Role.LEARNER, org)
    finish_course(learner, datetime(2026, 4, 1, 10))
    ended_pair(make, learner, org, datetime(2026, 5, 10, 15))
    output = run(runner, "2026-05-20")
    assert f"left as finished: user {learner.id} in west on 2026-05-10" in output
    assert departures() == [(learner.id, "finished", date(2026, 5, 10), None)]
    assert follow_ups() == [(learner.id, "leaving", date(2026, 5, 10))]
    run(runner, "2026-05-21")
    assert len(departures()) == 1 and len(mailbox.messages) == 1


def test_finishing_the_course_after_the_pair_ended_counts_from_the_last_step(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    ended_pair(make, learner, org, datetime(2026, 3, 1, 9))
    finish_course(learner, datetime(2026, 4, 2, 11))
    run(runner, "2026-04-03")
    assert departures() == [(learner.id, "finished", date(2026, 4, 2), None)]


def test_no_departure_while_the_course_is_not_finished(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    finish_course(learner, datetime(2026, 4, 1), skip_last_assessment=True)
    ended_pair(make, learner, org, datetime(2026, 5, 10))
    assert "0 follow-up emails sent." in run(runner, "2026-05-20")
    assert departures() == []


def test_no_departure_while_a_pair_is_still_open(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    finish_course(learner, datetime(2026, 4, 1))
    ended_pair(make, learner, org, datetime(2026, 5, 10))
    make.pair(make.user(Role.MENTOR, org), learner, org, state=PairState.ACTIVE)
    run(runner, "2026-05-20")
    assert departures() == []


def test_no_departure_without_an_ended_pair(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    finish_course(learner, datetime(2026, 4, 1))
    run(runner, "2026-05-20")
    assert departures() == []


def test_someone_who_already_left_is_not_recorded_again(runner, make, org):
    learner = make.user(Role.LEARNER, org)
    finish_course(learner, datetime(2026, 4, 1))
    ended_pair(make, learner, org, datetime(2026, 5, 10))
    left(learner, org, date(2026, 2, 1))
    run(runner, "2026-05-20")
    assert departures() == [(learner.id, "stopped", date(2026, 2, 1), None)]
