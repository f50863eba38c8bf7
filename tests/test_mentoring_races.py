"""Races of the programme (issue 10), impossible on SQLite and PostgreSQL: requests in threads,
each with its own test client and app context, released together by a barrier. Exactly one
winner, a clean message for the loser (never a 500), and the database as one success left it."""

from __future__ import annotations

import threading

import pytest

from accounts.models import Role
from extensions import db
from mentoring import services
from mentoring.models import Mentorship
from outbox.models import OutboxMessage
from tests import mentoring_factories as mf


@pytest.fixture
def world(make, mailbox):
    world = mf.programme(make)
    world["second_staff"] = make.user(Role.STAFF, world["org"])
    world["henk"] = make.user(Role.LEARNER, world["org"], name="Henk")
    mf.survey(world["henk"], world["org"])
    mf.survey(world["other_mentor"], world["org"], "mentor")
    mf.deliver_setup_mail(mailbox)
    return world


def at_once(app, *requests: tuple[int, str, dict]) -> list[str]:
    """POST each (user id, url, form) from its own thread at the same moment; the pages each
    person ends on (redirects followed), in order. A 500 fails the test: it is raised here."""
    db.session.commit()  # what the test set up is there for every thread
    from accounts.models import User

    session_ids = [db.session.get(User, user_id).get_id() for user_id, _, _ in requests]
    barrier = threading.Barrier(len(requests))
    pages: list[str | None] = [None] * len(requests)
    errors: list[BaseException] = []

    def send(index: int, user_id: int, url: str, data: dict) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                with client.session_transaction() as session:
                    session["_user_id"], session["_fresh"] = session_ids[index], True
                barrier.wait(timeout=30)
                response = client.post(url, data=data, follow_redirects=True)
                assert response.status_code == 200, response.status_code
                pages[index] = response.get_data(as_text=True)
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return pages


def pairs_of(mentee) -> list[Mentorship]:
    return list(db.session.scalars(db.select(Mentorship).filter_by(mentee_id=mentee.id)))


def mail_about(*people) -> int:
    return db.session.scalar(
        db.select(db.func.count(OutboxMessage.id)).where(
            OutboxMessage.recipient.in_([p.email for p in people]),
            OutboxMessage.template == "mentoring/email/proposal.txt",
        )
    )


def test_one_proposal_approved_twice_at_once_makes_one_pair(app, world):
    proposal = services.run_matching_round(world["staff"], world["org"]).proposals[0]
    henk, mentor = world["henk"], proposal.mentor
    url = f"/organisations/{world['org'].slug}/programme/proposals/{proposal.id}/approve"
    pages = at_once(app, (world["staff"].id, url, {}), (world["second_staff"].id, url, {}))
    approved = f"Approved: Henk and {mentor.name} can now accept."
    assert sorted(approved in page for page in pages) == [False, True]
    assert any("This proposal has already been dealt with." in page for page in pages)
    assert [p.state for p in pairs_of(henk)] == ["proposed"]
    assert mail_about(henk) == 1 and mail_about(mentor) == 2  # the mentor's first is the world's


def test_a_mentee_paired_by_hand_with_two_mentors_at_once_gets_one_proposal(app, world):
    henk, mentors = world["henk"], (world["mentor"], world["other_mentor"])
    url = f"/organisations/{world['org'].slug}/programme/pairs/new"
    pages = at_once(
        app,
        *[(world["staff"].id, url, {"mentee_id": henk.id, "mentor_id": m.id}) for m in mentors],
    )
    proposed = "Pair proposed. Both people can now accept or decline."
    assert sorted(proposed in page for page in pages) == [False, True]
    assert any("This mentee already has a mentor or a proposal to answer." in p for p in pages)
    (pair,) = pairs_of(henk)
    assert pair.state == "proposed"
    assert mail_about(henk) == 1


def test_both_people_accepting_at_the_same_moment_are_both_kept(app, world):
    pair = world["pair"]
    url = f"/mentoring/pairs/{pair.id}/answer"
    accept = {"decision": "accept"}
    pages = at_once(app, (world["mentee"].id, url, accept), (world["mentor"].id, url, accept))
    pair = db.session.get(Mentorship, pair.id)
    assert pair.state == "accepted"
    assert pair.mentee_accepted_at and pair.mentor_accepted_at and pair.started_at
    assert sum("You both said yes" in page for page in pages) == 1
    assert sum("We are waiting for the other person" in page for page in pages) == 1
