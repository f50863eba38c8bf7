"""What each person shares with their mentoring partner: chosen on the settings page, shown on
the pair page only while the pair runs, and nothing when they share nothing."""

import pytest

from extensions import db
from tests import mentoring_factories as mf


@pytest.fixture
def world(make):
    return mf.programme(make)


def settings(**changes) -> dict:
    data = {"name": "Marianne", "language": "en", "text_size": "normal", "contrast": "normal"}
    data.update(changes)
    return data


def test_the_settings_page_saves_what_is_shared(client, auth, world):
    mentee = world["mentee"]
    auth.login(mentee)
    response = client.post(
        "/account/profile",
        data=settings(share_email_with_partner="y", phone_for_partner=" 06 - 1234 (5678) "),
        follow_redirects=True,
    )
    assert "Your settings are saved." in response.get_data(as_text=True)
    db.session.refresh(mentee)
    assert mentee.share_email_with_partner is True
    assert mentee.phone_for_partner == "06 - 1234 (5678)"
    html = client.get("/account/profile").get_data(as_text=True)
    assert 'value="06 - 1234 (5678)"' in html
    assert "Only the person you are paired with sees this" in html


def test_sharing_can_be_taken_back(client, auth, world):
    mentee = world["mentee"]
    mentee.share_email_with_partner, mentee.phone_for_partner = True, "0612345678"
    db.session.commit()
    auth.login(mentee)
    client.post("/account/profile", data=settings(phone_for_partner=""))
    db.session.refresh(mentee)
    assert (mentee.share_email_with_partner, mentee.phone_for_partner) == (False, "")


@pytest.mark.parametrize("phone", ["call me maybe", "0612345678" * 4, "+-()"])
def test_a_wrong_phone_is_refused_and_keeps_what_was_typed(client, auth, world, phone):
    mentee = world["mentee"]
    auth.login(mentee)
    response = client.post(
        "/account/profile",
        data=settings(
            name="Marianne Jansen", share_email_with_partner="y", phone_for_partner=phone
        ),
    )
    html = response.get_data(as_text=True)
    assert "There is a problem" in html
    assert "phone number" in html
    assert 'value="Marianne Jansen"' in html and f'value="{phone}"' in html
    db.session.refresh(mentee)
    assert (mentee.name, mentee.phone_for_partner, mentee.share_email_with_partner) == (
        "Marianne",
        "",
        False,
    )


def accepted(world):
    from mentoring import services

    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    db.session.commit()
    return pair


def pair_page(client, auth, user, pair) -> str:
    auth.login(user)
    return client.get(f"/mentoring/pairs/{pair.id}").get_data(as_text=True)


def test_the_pair_page_shows_what_the_other_shares(client, auth, world):
    world["mentor"].share_email_with_partner = True
    world["mentor"].phone_for_partner = "+31 (6) 1234 5678"
    pair = accepted(world)
    html = pair_page(client, auth, world["mentee"], pair)
    assert "How to reach Yusuf" in html
    assert f'href="mailto:{world["mentor"].email}"' in html
    assert 'href="tel:+3161234' in html and "+31 (6) 1234 5678" in html
    assert 'href="/account/profile#partner-contact">Change what I share' in html


def test_the_pair_page_shows_only_the_phone_when_only_the_phone_is_shared(client, auth, world):
    world["mentee"].phone_for_partner = "0612345678"
    pair = accepted(world)
    html = pair_page(client, auth, world["mentor"], pair)
    assert 'href="tel:0612345678"' in html
    assert world["mentee"].email not in html


def test_nothing_shared_sends_to_the_messages(client, auth, world):
    pair = accepted(world)
    html = pair_page(client, auth, world["mentee"], pair)
    assert "Yusuf chose not to share contact details here; use messages on this page" in html
    assert world["mentor"].email not in html


def test_no_contact_details_before_both_said_yes_or_after_the_end(client, auth, world):
    world["mentor"].share_email_with_partner = True
    world["mentor"].phone_for_partner = "0612345678"
    db.session.commit()
    proposed = pair_page(client, auth, world["mentee"], world["pair"])
    pair = accepted(world)
    mf.ended(pair, world["staff"])
    db.session.commit()
    ended = pair_page(client, auth, world["mentee"], pair)
    for html in (proposed, ended):
        assert "How to reach" not in html
        assert world["mentor"].email not in html and "0612345678" not in html
