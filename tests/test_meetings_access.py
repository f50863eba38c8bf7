"""Only the two people of a current pair plan its meetings: everybody else gets 404 for every
form and the .ics, and nothing changes."""

from datetime import timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from mentoring.models import MeetingProposal, MeetingState, PairState
from notifications.models import Notification


@pytest.fixture
def world(make):
    org = make.organisation()
    mentee = make.user(Role.LEARNER, org, name="Marianne")
    mentor = make.user(Role.MENTOR, org, name="Yusuf")
    ex_partner = make.user(Role.MENTOR, org, name="Els")
    other_mentor = make.user(Role.MENTOR, org)
    other_learner = make.user(Role.LEARNER, org)
    make.pair(ex_partner, mentee, org, state=PairState.ENDED)
    pair = make.pair(mentor, mentee, org)
    make.pair(other_mentor, other_learner, org)
    proposed = _proposal(pair, mentee, MeetingState.PROPOSED)
    accepted = _proposal(pair, mentor, MeetingState.ACCEPTED)
    return {
        "pair": pair,
        "proposed": proposed,
        "accepted": accepted,
        "outsiders": {
            "other_mentor": other_mentor,
            "other_learner": other_learner,
            "ex_partner": ex_partner,
            "staff": make.user(Role.STAFF, org),
            "staff_other_org": make.user(Role.STAFF, make.organisation()),
            "admin": make.user(None, is_admin=True),
        },
    }


def _proposal(pair, by, state) -> MeetingProposal:
    proposal = MeetingProposal(
        mentorship_id=pair.id,
        proposed_by_id=by.id,
        starts_at=utcnow() + timedelta(days=5),
        minutes=60,
        place="Oudegracht 12, Utrecht",
        topic="The web shop",
        state=state.value,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def requests(world):
    base = f"/mentoring/pairs/{world['pair'].id}/meetings"
    proposed, accepted = world["proposed"].id, world["accepted"].id
    new_time = {"day": "2027-05-04", "time": "10:00"}
    return [
        ("GET", f"{base}/propose", {}),
        ("POST", f"{base}/propose", {**new_time, "minutes": "60", "place": "Utrecht"}),
        ("POST", f"{base}/{proposed}/accept", {}),
        ("GET", f"{base}/{proposed}/other-time", {}),
        ("POST", f"{base}/{proposed}/other-time", new_time),
        ("POST", f"{base}/{proposed}/cancel", {}),
        ("POST", f"{base}/{accepted}/cancel", {}),
        ("GET", f"{base}/{accepted}.ics", {}),
    ]


def state_of_meetings() -> list[tuple]:
    rows = db.session.execute(
        db.select(MeetingProposal.id, MeetingProposal.state).order_by(MeetingProposal.id)
    )
    return [tuple(row) for row in rows]


@pytest.mark.parametrize(
    "who",
    ["other_mentor", "other_learner", "ex_partner", "staff", "staff_other_org", "admin"],
)
def test_outsiders_get_404_and_change_nothing(client, auth, world, who):
    before = state_of_meetings()
    auth.login(world["outsiders"][who])
    statuses = {
        (method, url): client.open(url, method=method, data=data).status_code
        for method, url, data in requests(world)
    }
    assert set(statuses.values()) == {404}
    assert state_of_meetings() == before
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0


def test_signed_out_people_are_sent_to_sign_in(client, world):
    for method, url, data in requests(world):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_proposal_of_another_pair_is_404_through_this_pair(client, auth, make, world):
    outsider = world["outsiders"]["other_mentor"]
    other_pair = db.session.scalar(db.select(type(world["pair"])).filter_by(mentor_id=outsider.id))
    theirs = _proposal(other_pair, outsider, MeetingState.ACCEPTED)
    auth.login(world["pair"].mentee)
    base = f"/mentoring/pairs/{world['pair'].id}/meetings/{theirs.id}"
    assert client.get(f"{base}.ics").status_code == 404
    assert client.post(f"{base}/cancel").status_code == 404
    db.session.refresh(theirs)
    assert theirs.state == "accepted"


def test_the_ex_partner_cannot_plan_in_the_pair_that_ended(client, auth, world):
    ex_partner = world["outsiders"]["ex_partner"]
    ended = db.session.scalar(db.select(type(world["pair"])).filter_by(mentor_id=ex_partner.id))
    auth.login(ex_partner)
    response = client.post(
        f"/mentoring/pairs/{ended.id}/meetings/propose",
        data={"day": "2027-05-04", "time": "10:00", "minutes": "60", "place": "Utrecht"},
        follow_redirects=True,
    )
    assert "only while your pair is running" in response.get_data(as_text=True)
    assert (
        db.session.scalar(
            db.select(db.func.count(MeetingProposal.id)).filter_by(mentorship_id=ended.id)
        )
        == 0
    )
