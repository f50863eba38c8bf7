"""Both said yes: each person is introduced to the other once, in their own language, with only
the contact details the other chose to share; proposals reach both through the notification
centre, one email each."""

import pytest

from extensions import db
from mentoring import services
from mentoring.models import Mentorship
from notifications.kinds import Frequency, Kind
from notifications.models import Notification, Preference
from outbox.models import OutboxMessage
from tests import mentoring_factories as mf

INTRODUCTION = "mentoring/email/introduction.txt"
PROPOSAL = "mentoring/email/proposal.txt"


@pytest.fixture
def world(make):
    world = mf.programme(make)
    # Yusuf shows his address and gives no phone; Marianne keeps her address, gives a phone.
    world["mentor"].share_email_with_partner = True
    world["mentee"].phone_for_partner = "+31 6 1234 5678"
    db.session.commit()
    return world


def mails(template: str, person=None) -> list[OutboxMessage]:
    query = db.select(OutboxMessage).filter_by(template=template).order_by(OutboxMessage.id)
    if person is not None:
        query = query.filter_by(recipient=person.email)
    return list(db.session.scalars(query))


def items(kind: Kind, pair: Mentorship) -> list[Notification]:
    return list(
        db.session.scalars(
            db.select(Notification)
            .filter_by(kind=kind.value, subject=f"pair:{pair.id}")
            .order_by(Notification.user_id)
        )
    )


def both_say_yes(world) -> Mentorship:
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    return pair


def test_one_yes_introduces_nobody(world):
    services.answer_proposal(world["mentee"], world["pair"], True)
    assert mails(INTRODUCTION) == []
    assert items(Kind.INTRODUCTION, world["pair"]) == []


def test_both_yeses_introduce_each_person_once(world):
    pair = both_say_yes(world)
    with pytest.raises(services.MentoringError):
        services.answer_proposal(world["mentee"], pair, True)  # a second yes from a second tab
    services.introduce(pair)  # and whatever calls it again
    assert sorted(m.recipient for m in mails(INTRODUCTION)) == sorted(
        [world["mentee"].email, world["mentor"].email]
    )
    found = items(Kind.INTRODUCTION, pair)
    assert sorted(n.user_id for n in found) == sorted([world["mentee"].id, world["mentor"].id])
    assert {n.link for n in found} == {f"/mentoring/pairs/{pair.id}"}


def test_each_email_holds_only_what_the_other_chose_to_share(world):
    both_say_yes(world)
    to_mentee = mails(INTRODUCTION, world["mentee"])[0].body
    to_mentor = mails(INTRODUCTION, world["mentor"])[0].body
    assert world["mentor"].email in to_mentee  # Yusuf shows his address
    assert "Phone:" not in to_mentee  # and gave no phone
    assert "+31 6 1234 5678" in to_mentor  # Marianne gave her phone
    assert world["mentee"].email not in to_mentor  # but keeps her address
    assert "Email:" not in to_mentor


def test_nothing_shared_points_to_the_messages(world):
    world["mentor"].share_email_with_partner = False
    db.session.commit()
    both_say_yes(world)
    to_mentee = mails(INTRODUCTION, world["mentee"])[0].body
    assert "Yusuf chose not to share contact details here" in to_mentee
    assert world["mentor"].email not in to_mentee


def test_the_introduction_says_what_each_wants_to_learn_and_why(world):
    pair = both_say_yes(world)
    to_mentee = mails(INTRODUCTION, world["mentee"])[0].body
    to_mentor = mails(INTRODUCTION, world["mentor"])[0].body
    assert "What you would like to learn from Yusuf: Social media, Finance and bookkeeping." in (
        to_mentee
    )
    assert "What Yusuf would like to learn from you: Sales." in to_mentee
    assert "What you would like to learn from Marianne: Sales." in to_mentor
    assert "you both enjoy tennis" in to_mentee  # the same reasons as the pair page
    assert f"/mentoring/pairs/{pair.id}" in to_mentee
    assert "&#39;" not in to_mentee and "&amp;" not in to_mentee  # plain text, not HTML


def test_each_introduction_is_in_its_reader_language(world):
    world["mentee"].language = "nl"
    world["mentor"].language = "en"
    db.session.commit()
    both_say_yes(world)
    assert mails(INTRODUCTION, world["mentor"])[0].subject == (
        "Meet Marianne, your mentoring partner"
    )
    # The subject is the notification centre's sentence, already in Dutch; the body's new
    # sentences are translated after merge (nl checked after merge).
    assert mails(INTRODUCTION, world["mentee"])[0].subject == (
        "Maak kennis met Yusuf, je mentormaatje"
    )
    assert mails(INTRODUCTION, world["mentee"])[0].language == "nl"


def test_an_app_only_preference_keeps_the_introduction_out_of_the_inbox(world):
    db.session.add(
        Preference(
            user_id=world["mentee"].id,
            kind=Kind.INTRODUCTION.value,
            frequency=Frequency.APP_ONLY.value,
        )
    )
    db.session.commit()
    pair = both_say_yes(world)
    assert mails(INTRODUCTION, world["mentee"]) == []
    assert len(mails(INTRODUCTION, world["mentor"])) == 1
    assert len(items(Kind.INTRODUCTION, pair)) == 2


def test_an_approved_proposal_reaches_both_once(world):
    pair = world["pair"]  # approved by staff in the programme factory
    found = items(Kind.PROPOSAL_TO_ANSWER, pair)
    assert sorted(n.user_id for n in found) == sorted([world["mentee"].id, world["mentor"].id])
    assert len(mails(PROPOSAL, world["mentee"])) == 1
    assert len(mails(PROPOSAL, world["mentor"])) == 1


def test_opening_the_pair_page_reads_its_notifications(client, auth, world):
    pair = both_say_yes(world)
    auth.login(world["mentee"])
    client.get(f"/mentoring/pairs/{pair.id}")
    mine = db.session.scalars(
        db.select(Notification).filter_by(user_id=world["mentee"].id, subject=f"pair:{pair.id}")
    ).all()
    theirs = db.session.scalars(
        db.select(Notification).filter_by(user_id=world["mentor"].id, subject=f"pair:{pair.id}")
    ).all()
    assert len(mine) == 2 and all(n.read_at is not None for n in mine)
    assert all(n.read_at is None for n in theirs)
