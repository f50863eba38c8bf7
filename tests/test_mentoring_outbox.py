"""The programme's emails go through the outbox: queued with the change, in the recipient's
language, with links from PUBLIC_URL; a mail server that is down loses nothing and shows nothing
broken, and a change that rolls back sends nothing."""

from datetime import date, timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from mentoring import services
from mentoring.models import Meeting, Mentorship
from outbox.models import MailState, OutboxMessage
from tests import mentoring_factories as mf

PUBLIC_URL = "https://herstart.example"


@pytest.fixture
def config(config):
    return {**config, "PUBLIC_URL": PUBLIC_URL}


@pytest.fixture
def world(make, mailbox):
    world = mf.programme(make)
    world["henk"] = make.user(Role.LEARNER, world["org"], name="Henk", language="nl")
    mf.survey(world["henk"], world["org"])
    mf.survey(world["other_mentor"], world["org"], "mentor")
    world["new_round"] = services.run_matching_round(world["staff"], world["org"])
    mf.deliver_setup_mail(mailbox)
    db.session.info["mail_before_the_test"] = db.session.scalar(db.func.max(OutboxMessage.id))
    return world


def outbox_to(*people) -> list[OutboxMessage]:
    """The messages to these people that the test itself caused: the world's own were sent."""
    return list(
        db.session.scalars(
            db.select(OutboxMessage)
            .where(OutboxMessage.recipient.in_([p.email for p in people]))
            .where(OutboxMessage.id > db.session.info["mail_before_the_test"])
            .order_by(OutboxMessage.recipient)
        )
    )


def a_minute_later() -> None:
    """The outbox tries a failed message again after a minute; let that minute pass."""
    db.session.execute(db.update(OutboxMessage).values(due_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def test_approving_while_the_mail_server_is_down_saves_and_mails_later(
    client, auth, runner, smtp, mailbox, world
):
    proposal = world["new_round"].proposals[0]
    henk, mentor = world["henk"], proposal.mentor
    auth.login(world["staff"])
    smtp[0].stop()
    try:
        response = client.post(
            f"/organisations/{world['org'].slug}/programme/proposals/{proposal.id}/approve",
            follow_redirects=True,
        )
    finally:
        smtp[0].start()
    assert response.status_code == 200
    assert f"Approved: Henk and {mentor.name} can now accept." in response.get_data(as_text=True)
    pair = db.session.scalar(db.select(Mentorship).filter_by(mentee_id=henk.id))
    assert pair.state == "proposed"
    waiting = outbox_to(henk, mentor)
    assert [m.state for m in waiting] == [MailState.PENDING, MailState.PENDING]
    assert mailbox.messages == []

    a_minute_later()
    result = runner.invoke(args=["mail", "send"])
    assert "Sent 2, failed 0." in result.output
    assert sorted(str(m["Subject"]) for m in mailbox.messages) == [
        "A mentoring proposal is waiting for your answer",
        "Er wacht een mentorvoorstel op je antwoord",
    ]
    assert f"{PUBLIC_URL}/mentoring/pairs/{pair.id}" in mailbox.last_body()


def test_pairing_by_hand_mails_both_people(client, auth, mailbox, world):
    henk, mentor = world["henk"], world["other_mentor"]
    auth.login(world["staff"])
    client.post(
        f"/organisations/{world['org'].slug}/programme/pairs/new",
        data={"mentee_id": henk.id, "mentor_id": mentor.id},
    )
    assert sorted(m["To"] for m in mailbox.messages) == sorted([henk.email, mentor.email])
    assert [m.state for m in outbox_to(henk, mentor)] == [MailState.SENT, MailState.SENT]


def test_reminders_wait_in_the_outbox_while_the_mail_server_is_down(runner, smtp, mailbox, world):
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    mf.meeting(pair)
    db.session.execute(db.update(Meeting).values(held_on=date.today() - timedelta(days=20)))
    mf.deliver_setup_mail(mailbox)
    # the introductions both yeses sent are setup too: only the reminders count here
    db.session.info["mail_before_the_test"] = db.session.scalar(db.func.max(OutboxMessage.id))
    smtp[0].stop()
    try:
        first = runner.invoke(args=["mentoring", "remind"])
    finally:
        smtp[0].start()
    assert first.exit_code == 0 and "2 reminders sent." in first.output
    assert db.session.get(Mentorship, pair.id).meeting_reminded_at is not None
    waiting = outbox_to(world["mentee"], world["mentor"], world["staff"])
    assert [m.state for m in waiting] == [MailState.PENDING] * 3

    a_minute_later()
    runner.invoke(args=["mail", "send"])
    bodies = {
        m["To"]: m.get_body(preferencelist=("plain",)).get_content() for m in mailbox.messages
    }
    assert f"{PUBLIC_URL}/mentoring/pairs/{pair.id}" in bodies[world["mentee"].email]
    staff_link = f"{PUBLIC_URL}/organisations/{world['org'].slug}/programme/pairs/{pair.id}"
    assert staff_link in bodies[world["staff"].email]
