"""Charter co-signing: the charter page's button signs the version shown when nothing changed,
saving changes makes a new version signed by the saver and asks the other to sign it; no
ping-pong (issue 14, fix the flow)."""

import pytest

from extensions import db
from mentoring import services
from mentoring.models import CharterVersion
from notifications.models import Notification
from tests import mentoring_factories as mf


@pytest.fixture
def world(make):
    world = mf.programme(make)
    services.answer_proposal(world["mentee"], world["pair"], True)
    services.answer_proposal(world["mentor"], world["pair"], True)
    return world


# What the charter page's form posts for the version it shows, untouched.
SHOWN = {
    "interval_days": "14",
    "manner": "online",
    "goals-0-goal": "Open a web shop",
    "goals-0-measure": "",
    "goals-0-by": "",
    "goals-1-goal": "",
    "goals-2-goal": "",
    "mentor_learns": "",
}


def versions(pair):
    return [
        (v.version, v.state, v.mentor_signed_at is not None, v.mentee_signed_at is not None)
        for v in db.session.scalars(
            db.select(CharterVersion).filter_by(mentorship_id=pair.id).order_by("version")
        )
    ]


def to_sign(user):
    return db.session.scalars(
        db.select(Notification).filter_by(user_id=user.id, kind="charter_to_sign")
    ).all()


def test_submitting_the_charter_unchanged_signs_the_version_shown(client, auth, world):
    pair = world["pair"]
    auth.login(world["mentor"])
    client.post(f"/mentoring/pairs/{pair.id}/charter", data=SHOWN)
    auth.login(world["mentee"])
    response = client.post(f"/mentoring/pairs/{pair.id}/charter", data=SHOWN)
    assert "You signed version 1" in client.get(response.headers["Location"]).get_data(as_text=True)
    # Before the fix: a version 2 signed by the mentee only, and the mentor asked again.
    assert versions(pair) == [(1, "signed", True, True)]
    assert services.agreed_charter(pair).version == 1


def test_saving_changes_makes_a_new_version_and_asks_the_other_to_sign(client, auth, world):
    pair = world["pair"]
    auth.login(world["mentor"])
    client.post(f"/mentoring/pairs/{pair.id}/charter", data=SHOWN)
    [asked] = to_sign(world["mentee"])
    assert (asked.link, asked.subject) == (
        f"/mentoring/pairs/{pair.id}/charter",
        f"charter:{pair.id}",
    )
    assert asked.params == {"name": "Yusuf"}
    auth.login(world["mentee"])
    client.post(f"/mentoring/pairs/{pair.id}/charter", data={**SHOWN, "interval_days": "7"})
    assert versions(pair) == [(1, "superseded", True, False), (2, "signed_by_one", False, True)]
    assert len(to_sign(world["mentor"])) == 1
    # The mentor agrees by submitting version 2 as shown: agreed, nobody asked again.
    auth.login(world["mentor"])
    client.post(f"/mentoring/pairs/{pair.id}/charter", data={**SHOWN, "interval_days": "7"})
    assert versions(pair)[-1] == (2, "signed", True, True)
    assert (len(to_sign(world["mentor"])), len(to_sign(world["mentee"]))) == (1, 1)


def test_submitting_a_version_you_signed_unchanged_changes_nothing(client, auth, world):
    pair = world["pair"]
    auth.login(world["mentor"])
    client.post(f"/mentoring/pairs/{pair.id}/charter", data=SHOWN)
    html = client.post(f"/mentoring/pairs/{pair.id}/charter", data=SHOWN).get_data(as_text=True)
    assert "You already signed this version" in html
    assert versions(pair) == [(1, "signed_by_one", True, False)]
    assert len(to_sign(world["mentee"])) == 1


def test_the_charter_state_table(world):
    """draft (nobody signed) is never left standing: writing signs; one signature is
    signed_by_one; both is signed (agreed); a change supersedes the version before."""
    pair, mentor, mentee = world["pair"], world["mentor"], world["mentee"]
    text = dict(interval_days=14, manner="online", goals=[{"goal": "Shop"}], mentor_learns="")
    first = services.write_charter(mentor, pair, **text)
    assert first.state == "signed_by_one"
    same = services.write_charter(mentee, pair, **text)
    assert (same.id, same.state) == (first.id, "signed")
    changed = services.write_charter(mentee, pair, **{**text, "manner": "in_person"})
    assert (first.state, changed.version, changed.state) == ("superseded", 2, "signed_by_one")
    services.sign_charter(mentor, changed)
    assert changed.state == "signed"
    with pytest.raises(services.MentoringError):
        services.write_charter(mentor, pair, **{**text, "manner": "in_person"})


def test_the_charter_page_offers_to_sign_the_version_shown(client, auth, world):
    pair = world["pair"]
    mf.signed_charter(pair)
    services.write_charter(
        world["mentor"],
        pair,
        interval_days=7,
        manner="online",
        goals=[{"goal": "Shop"}],
        mentor_learns="",
    )
    auth.login(world["mentee"])
    html = client.get(f"/mentoring/pairs/{pair.id}/charter").get_data(as_text=True)
    assert f'action="/mentoring/pairs/{pair.id}/charter/2/sign"' in html
    auth.login(world["mentor"])
    html = client.get(f"/mentoring/pairs/{pair.id}/charter").get_data(as_text=True)
    assert "/charter/2/sign" not in html
