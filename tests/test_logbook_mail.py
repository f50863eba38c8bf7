"""Logbook email goes through the outbox: queued with the change, in the recipient's language,
with links from PUBLIC_URL; with the mail server down the page answers as usual, the change is
saved and the message waits until `flask mail send` delivers it."""

from datetime import timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from logbook.models import Entry, EntryState, Message
from outbox.models import OutboxMessage
from tests.routes.logbook import E, make_entry


@pytest.fixture
def config(config):
    return {**config, "PUBLIC_URL": "https://herstart.example"}


@pytest.fixture
def world(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf", language="nl")
    make.pair(mentor, learner, organisation)
    return learner, mentor


class MailServer:
    """The test SMTP server, stopped for the test and always running again after it."""

    def __init__(self, controller):
        self.controller, self.running = controller, True

    def stop(self):
        self.controller.stop()
        self.running = False

    def start(self):
        if not self.running:
            self.controller.start()
            self.running = True


@pytest.fixture
def mail_server(smtp):
    server = MailServer(smtp[0])
    server.stop()
    yield server
    server.start()


def _waiting() -> list[tuple[str, str]]:
    return list(db.session.execute(db.select(OutboxMessage.recipient, OutboxMessage.state)))


def _send_when_due(runner) -> None:
    """A minute later the retry is due; cron runs `flask mail send`."""
    db.session.execute(db.update(OutboxMessage).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert "Sent 1, failed 0." in runner.invoke(args=["mail", "send"]).output


def test_the_mentor_is_emailed_in_their_language_with_a_public_link(client, auth, world, mailbox):
    learner, mentor = world
    entry = make_entry(learner, text="My bakery plan")
    auth.login(learner)
    client.post(f"{E}/submit", data={"base_version": 1})
    assert mailbox.messages[-1]["To"] == mentor.email
    assert "Marianne" in mailbox.messages[-1]["Subject"]
    assert f"https://herstart.example/mentor/entries/{entry.id}" in mailbox.last_body()
    assert "Hallo" in mailbox.last_body()


def test_with_the_mail_server_down_submitting_answers_as_usual_and_the_mail_waits(
    client, auth, world, mailbox, runner, mail_server
):
    learner, mentor = world
    make_entry(learner, text="My bakery plan")
    auth.login(learner)
    response = client.post(f"{E}/submit", data={"base_version": 1}, follow_redirects=True)
    assert response.status_code == 200 and "Sent to Yusuf" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Entry.state)) == "submitted"
    assert _waiting() == [(mentor.email, "pending")]
    mail_server.start()
    _send_when_due(runner)
    assert mailbox.messages[-1]["To"] == mentor.email
    assert _waiting() == [(mentor.email, "sent")]


def test_with_the_mail_server_down_the_mentors_reply_is_saved_and_the_mail_waits(
    client, auth, world, mailbox, runner, mail_server
):
    learner, mentor = world
    entry = make_entry(learner, EntryState.SUBMITTED)
    db.session.execute(db.delete(OutboxMessage))  # the submission's mail is not this test's
    auth.login(mentor)
    response = client.post(f"/mentor/entries/{entry.id}/reply", data={"body": "Who buys bread?"})
    assert response.status_code == 302 and response.location.endswith("/mentor/")
    assert db.session.scalar(db.select(Message.body)) == "Who buys bread?"
    assert _waiting() == [(learner.email, "pending")]
    mail_server.start()
    _send_when_due(runner)
    assert mailbox.messages[-1]["To"] == learner.email
    assert f"https://herstart.example{E}" in mailbox.last_body()


def test_a_refused_submission_sends_nothing(client, auth, world, mailbox):
    learner, _ = world
    make_entry(learner, EntryState.SUBMITTED)
    mailbox.clear()
    db.session.execute(db.delete(OutboxMessage))
    auth.login(learner)
    client.post(f"{E}/submit", data={"base_version": 1})
    assert mailbox.messages == [] and _waiting() == []
