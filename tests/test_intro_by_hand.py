"""A pair staff made by hand: its page gives the reasons matching finds in both intake surveys, or
says the coordinator put them together with the coordinator's note; never a level of fit."""

import pytest

from accounts.models import Role
from extensions import db
from mentoring import services
from tests import mentoring_factories as mf

LEVEL_WORDS = ("A very good fit", "A good fit", "A reasonable fit")


@pytest.fixture
def people(make):
    org = make.organisation(name="Werkplein")
    return {
        "org": org,
        "staff": make.user(Role.STAFF, org),
        "mentee": make.user(Role.LEARNER, org, name="Ria"),
        "mentor": make.user(Role.MENTOR, org, name="Sem"),
    }


def little_in_common(people) -> None:
    """Surveys that share only a way of meeting, a free time and a hobby: a low score."""
    common = {"manner": "online", "region": "", "availability": ["weekends"], "hobbies": "chess"}
    mf.survey(people["mentee"], people["org"], wants={"finance": 1}, offers=[], **common)
    mf.survey(people["mentor"], people["org"], "mentor", wants={}, offers=["sales"], **common)


def page_of(client, auth, user, pair) -> str:
    db.session.commit()
    auth.login(user)
    return client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)


def test_a_low_score_by_hand_shows_the_real_reasons_and_no_level(client, auth, people):
    little_in_common(people)
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], people["org"])
    assert pair.components["total"] < 0.35  # below the threshold a round would accept
    html = page_of(client, auth, people["mentee"], pair)
    assert "Your coordinator put you together." in html
    assert "You both like to meet online, and you are both free on weekends." in html
    assert "you both enjoy chess" in html
    assert not any(word in html for word in LEVEL_WORDS)


def test_surveys_filled_in_after_pairing_give_reasons_then(client, auth, people):
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], people["org"])
    little_in_common(people)
    html = page_of(client, auth, people["mentor"], pair)
    assert "you both enjoy chess" in html
    assert not any(word in html for word in LEVEL_WORDS)


def test_the_coordinator_note_from_the_form_reaches_both(client, auth, people):
    auth.login(people["staff"])
    response = client.post(
        f"/organisations/{people['org'].slug}/programme/pairs/new",
        data={
            "mentee_id": people["mentee"].id,
            "mentor_id": people["mentor"].id,
            "note": "You both ran a bakery; Sem knows the paperwork.",
        },
    )
    assert response.status_code == 302
    pair = services.pairs_of(people["mentee"])[0]
    for person in (people["mentee"], people["mentor"]):
        html = page_of(client, auth, person, pair)
        assert "Your coordinator put you together." in html
        assert "You both ran a bakery; Sem knows the paperwork." in html
        assert "put you together themselves" not in html
        assert not any(word in html for word in LEVEL_WORDS)


def test_the_form_offers_the_note_field(client, auth, people):
    auth.login(people["staff"])
    html = client.get(f"/organisations/{people['org'].slug}/programme/pairs/new").get_data(
        as_text=True
    )
    assert '<label class="label" for="note">A note to both of them (optional)</label>' in html


def test_a_pair_from_a_round_keeps_its_level(client, auth, make):
    world = mf.programme(make)
    html = page_of(client, auth, world["mentee"], world["pair"])
    assert any(word in html for word in LEVEL_WORDS)
    assert "Your coordinator put you together." not in html


def test_the_introduction_of_a_pair_by_hand_carries_the_note(people):
    from outbox.models import OutboxMessage

    pair = services.pair_by_hand(
        people["staff"],
        people["org"],
        people["mentee"].id,
        people["mentor"].id,
        note="Both of you started over at 50.",
    )
    services.answer_proposal(people["mentee"], pair, True)
    services.answer_proposal(people["mentor"], pair, True)
    body = db.session.scalar(
        db.select(OutboxMessage.body).filter_by(
            recipient=people["mentee"].email, template="mentoring/email/introduction.txt"
        )
    )
    assert "Your coordinator put you together." in body
    assert "Both of you started over at 50." in body
