"""What the programme shows and lets each person choose (issue 11): nothing of the other person
once a pair is declined or over, and an intake role only from the memberships staff granted (a
person who joined with the organisation's code is a learner, and stays one)."""

import re

import pytest

from accounts.models import Membership, Role
from extensions import db
from mentoring import services
from mentoring.models import IntakeSurvey
from tests import mentoring_factories as mf

MENTEE_INTRO = "Twenty-five years in retail purchasing."
MENTOR_INTRO = "I run a small web agency in Utrecht."


@pytest.fixture
def world(make):
    world = mf.programme(make)
    mf.survey(world["mentor"], world["org"], "mentor", hobbies="tennis", introduction=MENTOR_INTRO)
    return world


def pair_page(client, auth, user, pair) -> str:
    auth.login(user)
    return client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)


# Declined and ended pairs -----------------------------------------------------------------------


def test_a_mentor_who_declined_no_longer_sees_the_mentees_introduction(client, auth, world):
    pair = world["pair"]
    assert MENTEE_INTRO in pair_page(client, auth, world["mentor"], pair)
    auth.login(world["mentor"])
    client.post(f"/mentoring/pairs/{pair.id}/answer", data={"decision": "decline"})
    for person, hidden in ((world["mentor"], MENTEE_INTRO), (world["mentee"], MENTOR_INTRO)):
        html = pair_page(client, auth, person, pair)
        assert hidden not in html
        assert "Why we suggest" not in html and "the food bank" not in html


def test_an_ended_pair_shows_nothing_more_of_the_other_person(client, auth, world):
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    assert MENTOR_INTRO in pair_page(client, auth, world["mentee"], pair)
    mf.ended(pair, world["staff"])
    for person, hidden in ((world["mentor"], MENTEE_INTRO), (world["mentee"], MENTOR_INTRO)):
        html = pair_page(client, auth, person, pair)
        assert hidden not in html and "Why we suggest" not in html
        assert "Fill in or read the closing evaluation" in html


# The intake role comes from the memberships ------------------------------------------------------


def role_choices(html: str) -> list[str]:
    return re.findall(r'<input[^>]*name="role"[^>]*value="([a-z]+)"', html)


def test_a_learner_is_offered_a_mentor_only(client, auth, world):
    auth.login(world["other_learner"])
    html = client.get("/mentoring/intake").get_data(as_text=True)
    assert role_choices(html) == ["mentee"]
    assert re.search(r'<input checked[^>]*name="role"[^>]*value="mentee"', html)
    assert "I would like to mentor someone" not in html


@pytest.mark.parametrize("role", ["mentor", "both"])
def test_a_learner_cannot_make_themselves_a_mentor_by_a_tampered_post(client, auth, world, role):
    auth.login(world["other_learner"])
    response = client.post("/mentoring/intake", data={"role": role, "region": "Zwolle"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You cannot choose this: staff decide who is mentored and who mentors." in html
    assert 'value="Zwolle"' in html  # nothing typed is lost
    assert services.survey_of(world["other_learner"].id, world["org"].id) is None


def test_a_mentor_is_offered_to_mentor_only(client, auth, world):
    auth.login(world["other_mentor"])
    assert role_choices(client.get("/mentoring/intake").get_data(as_text=True)) == ["mentor"]
    client.post("/mentoring/intake", data={"role": "mentee"})
    assert services.survey_of(world["other_mentor"].id, world["org"].id) is None


def test_someone_staff_made_learner_and_mentor_may_choose_both(client, auth, make, world):
    person = make.user(Role.LEARNER, world["org"])
    db.session.add(Membership(user=person, organisation=world["org"], role=Role.MENTOR.value))
    auth.login(person)
    html = client.get("/mentoring/intake").get_data(as_text=True)
    assert role_choices(html) == ["mentee", "mentor", "both"]
    client.post("/mentoring/intake", data={"role": "both"})
    assert services.survey_of(person.id, world["org"].id).role == "both"


def test_staff_without_a_place_in_the_programme_get_no_survey(client, auth, world):
    auth.login(world["staff"])
    html = client.get("/mentoring/intake").get_data(as_text=True)
    assert "You do not have such a place yet" in html and role_choices(html) == []
    client.post("/mentoring/intake", data={"role": "mentor"})
    assert services.survey_of(world["staff"].id, world["org"].id) is None


def test_a_mentor_survey_a_learner_saved_earlier_is_not_matched_as_a_mentor(make, world):
    learner = world["other_learner"]
    # Saved before this rule existed: the learner chose "mentor" for themselves.
    db.session.add(
        IntakeSurvey(
            user_id=learner.id,
            organisation_id=world["org"].id,
            role="mentor",
            offers=["social-media", "finance"],
            languages=["nl", "en"],
            capacity=3,
        )
    )
    mf.survey(world["mentor"], world["org"], "mentor", capacity="1")  # Yusuf has no place left
    henk = make.user(Role.LEARNER, world["org"], name="Henk")
    mf.survey(henk, world["org"])
    round_ = services.run_matching_round(world["staff"], world["org"])
    assert round_.proposals == []
    assert [u["mentee_id"] for u in round_.unmatched] == [henk.id]
