"""The outbox: mail is kept with the change that caused it, sent after the commit, retried when
the mail server is down, never sent for work that rolled back, and failures shown to admins."""

from __future__ import annotations

import pytest
from flask_babel import lazy_gettext as _l

from extensions import Invalid, db
from outbox.delivery import MAX_ATTEMPTS, deliver
from outbox.models import MAIL_TRANSITIONS, MailState, OutboxMessage
from outbox.services import external_url, queue_email


def _queue(to="anna@example.org", language="en"):
    return queue_email(
        to=to,
        language=language,
        template="accounts/email/reset.txt",
        subject=_l("Choose a new password for Herstart"),
        user={"name": "Anna"},
        link="https://herstart.example/reset/x",
        hours=24,
    )


@pytest.fixture
def queue_route(app):
    """A page that queues one email, then refuses when asked to: like every service would."""

    def queue_then_maybe_refuse():
        from flask import request

        _queue()
        if request.args.get("refuse"):
            raise Invalid("No.")
        return "queued"

    app.add_url_rule("/_test/queue", "test_queue", queue_then_maybe_refuse, methods=["POST"])
    return "/_test/queue"


def states() -> list[str]:
    return list(db.session.scalars(db.select(OutboxMessage.state).order_by(OutboxMessage.id)))


def test_the_state_table_is_pinned():
    assert MAIL_TRANSITIONS == {
        MailState.PENDING: {MailState.SENDING},
        MailState.SENDING: {MailState.SENT, MailState.PENDING, MailState.FAILED},
        MailState.SENT: set(),
        MailState.FAILED: {MailState.PENDING},
    }


def test_mail_goes_out_after_the_commit(client, queue_route, mailbox):
    assert client.post(queue_route).status_code == 200
    assert states() == ["sent"]
    assert mailbox.messages[-1]["To"] == "anna@example.org"
    assert "Choose a new password" in mailbox.messages[-1]["Subject"]


def test_work_that_rolled_back_sends_nothing(client, queue_route, mailbox):
    response = client.post(f"{queue_route}?refuse=1")
    assert response.status_code == 409
    assert "No." in response.get_data(as_text=True)
    assert states() == []
    assert mailbox.messages == []


def test_with_the_mail_server_down_the_answer_is_the_same_and_the_mail_waits(
    client, queue_route, smtp, mailbox, runner
):
    controller = smtp[0]
    controller.stop()
    try:
        response = client.post(queue_route)
    finally:
        controller.start()
    assert response.status_code == 200 and response.get_data(as_text=True) == "queued"
    message = db.session.scalar(db.select(OutboxMessage))
    assert (message.state, message.attempts) == ("pending", 1)
    assert "Error" in message.last_error or "refused" in message.last_error.lower()
    assert mailbox.messages == []
    message.due_at = message.created_at  # the retry is due now
    db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert "Sent 1, failed 0." in result.output
    assert states() == ["sent"]
    assert len(mailbox.messages) == 1


def test_a_message_is_never_sent_twice_by_two_senders(app, mailbox):
    _queue()
    db.session.commit()
    assert deliver().sent == 1
    assert deliver().sent == 0
    assert len(mailbox.messages) == 1


def test_after_the_last_try_it_is_failed_and_admins_see_why(app, client, auth, make, smtp):
    message_id = _queue()
    message = db.session.get(OutboxMessage, message_id)
    message.attempts = MAX_ATTEMPTS - 1
    db.session.commit()
    smtp[0].stop()
    try:
        assert deliver().failed == 1
    finally:
        smtp[0].start()
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message_id).state == "failed"
    auth.login(make.user(role=None, is_admin=True))
    page = client.get("/outbox/").get_data(as_text=True)
    assert "anna@example.org" in page and "Failed: 1" in page
    assert "ConnectionRefusedError" in page or "Error" in page
    client.post(f"/outbox/{message_id}/retry")
    assert states() == ["sent"]


def test_only_platform_admins_see_the_outbox(client, auth, make):
    auth.login(make.user())
    assert client.get("/outbox/").status_code == 403


def test_the_email_is_in_the_recipients_language(app, mailbox):
    _queue(language="nl")
    db.session.commit()
    deliver()
    assert "wachtwoord" in mailbox.messages[-1]["Subject"].lower()


def test_links_come_from_public_url_not_from_the_request(app):
    app.config["PUBLIC_URL"] = "https://herstart.example.org/"
    with app.test_request_context(base_url="http://evil.example"):
        assert external_url("accounts.login") == "https://herstart.example.org/login"


def test_with_redis_the_worker_sends_it(app, client, queue_route, mailbox):
    from redis import Redis
    from rq import Queue, SimpleWorker

    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    connection = Redis.from_url(app.config["REDIS_URL"])
    connection.flushdb()
    client.post(queue_route)
    assert states() == ["pending"] and mailbox.messages == []
    queue = Queue("mail", connection=connection)
    assert queue.count == 1
    SimpleWorker([queue], connection=connection).work(burst=True)
    db.session.expire_all()
    assert states() == ["sent"]
    assert len(mailbox.messages) == 1
    connection.flushdb()
