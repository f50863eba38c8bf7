"""The closing evaluation opens when the pair ends: before that the page says so and takes no
answers; when a pair ends both people are told it is open (issue 14, fix the flow)."""

import pytest

from accounts.models import Membership
from extensions import db
from mentoring import services
from mentoring.models import Evaluation
from notifications.models import Notification
from organisations import services as organisations
from tests import mentoring_factories as mf

OPENS = "The closing evaluation opens when your mentoring ends."
ANSWERS = {"usefulness": "4", "learned": "A web shop", "recommend": "yes"}


@pytest.fixture
def world(make):
    world = mf.programme(make)
    services.answer_proposal(world["mentee"], world["pair"], True)
    services.answer_proposal(world["mentor"], world["pair"], True)
    return world


def told(user):
    return db.session.scalars(
        db.select(Notification).filter_by(user_id=user.id, kind="evaluation_open")
    ).all()


def test_before_the_end_the_page_says_when_it_opens_and_shows_no_form(client, auth, world):
    auth.login(world["mentee"])
    html = client.get(f"/mentoring/pairs/{world['pair'].id}/evaluation").get_data(as_text=True)
    assert OPENS in html
    assert "Send my evaluation" not in html and 'name="usefulness"' not in html


def test_before_the_end_answers_are_refused_and_nothing_is_stored(client, auth, world):
    auth.login(world["mentee"])
    response = client.post(
        f"/mentoring/pairs/{world['pair'].id}/evaluation", data=ANSWERS, follow_redirects=True
    )
    assert OPENS in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Evaluation.id))) == 0


def test_after_the_end_the_form_is_offered_and_kept(client, auth, world):
    mf.ended(world["pair"], world["staff"])
    auth.login(world["mentee"])
    url = f"/mentoring/pairs/{world['pair'].id}/evaluation"
    assert "Send my evaluation" in client.get(url).get_data(as_text=True)
    client.post(url, data=ANSWERS)
    assert db.session.scalar(db.select(db.func.count(Evaluation.id))) == 1


def test_when_staff_end_a_pair_both_are_told_the_evaluation_is_open(world):
    pair = world["pair"]
    assert told(world["mentee"]) == [] and told(world["mentor"]) == []
    mf.ended(pair, world["staff"])
    for person in (world["mentee"], world["mentor"]):
        [item] = told(person)
        assert (item.link, item.subject) == (
            f"/mentoring/pairs/{pair.id}/evaluation",
            f"evaluation:{pair.id}",
        )


def test_a_rematch_opens_the_evaluation_too(world):
    services.rematch_pair(world["staff"], world["pair"], "Does not fit")
    assert len(told(world["mentee"])) == len(told(world["mentor"])) == 1


def test_a_deactivated_member_is_not_told_only_the_other(world):
    organisations.deactivate_member(world["staff"], world["org"], world["mentor"].id)
    assert db.session.scalar(
        db.select(Membership.deactivated_at).filter_by(user_id=world["mentor"].id)
    )
    assert (len(told(world["mentee"])), len(told(world["mentor"]))) == (1, 0)


def test_a_proposal_ended_before_anyone_started_opens_no_evaluation(make):
    world = mf.programme(make)
    mf.ended(world["pair"], world["staff"])
    assert told(world["mentee"]) == [] and told(world["mentor"]) == []
