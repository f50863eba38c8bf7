"""Reset and invitation emails go through the outbox, with links from PUBLIC_URL; the answer to a
reset request tells nobody whether the address has an account, whatever the mail server does."""

import re

import pytest

from accounts.models import Invitation, Role
from extensions import db
from outbox.models import OutboxMessage
from tests.accounts_helpers import emailed_link

PUBLIC = "https://herstart.example.org"


@pytest.fixture
def config(config):
    return {**config, "PUBLIC_URL": PUBLIC}


def states() -> list[str]:
    return list(db.session.scalars(db.select(OutboxMessage.state).order_by(OutboxMessage.id)))


def test_a_reset_asked_through_a_foreign_host_links_to_public_url(client, make, mailbox):
    make.user(email="anna@example.org")
    client.post("/reset", data={"email": "anna@example.org"}, base_url="http://evil.example")
    link = emailed_link(mailbox, "/reset/")
    assert link.startswith(f"{PUBLIC}/reset/")
    assert "evil" not in mailbox.last_body()


# Random for every browser whoever it is, like a cookie's signature: not part of the answer.
CSRF_TOKEN = re.compile(rb'name="csrf_token" value="[^"]+"')


def _answer(app, email: str) -> list:
    """Everything a person asking for a reset can see: status, headers, the session cookie's
    content (not its signature, which carries the time) and the page after the redirect; only
    the per-browser CSRF token is left out."""
    browser = app.test_client()
    seen = []
    response = browser.post("/reset", data={"email": email})
    for step in (response, browser.get(response.headers["Location"])):
        cookies = step.headers.getlist("Set-Cookie")
        headers = sorted((k, v) for k, v in step.headers.items() if k != "Set-Cookie")
        body = CSRF_TOKEN.sub(b"csrf", step.get_data())
        seen += [step.status, headers, body, [_cookie_content(app, c) for c in cookies]]
    return seen


def _cookie_content(app, header: str):
    name, rest = header.split("=", 1)
    value, attributes = rest.split(";", 1)
    if name == app.config.get("SESSION_COOKIE_NAME", "session") and value:
        value = app.session_interface.get_signing_serializer(app).loads(value)
        value.pop("csrf_token", None)
    return name, value, attributes


@pytest.mark.parametrize("mail_server", ["running", "stopped"])
def test_the_reset_answer_is_the_same_for_a_known_and_an_unknown_address(
    app, make, smtp, mailbox, mail_server
):
    make.user(email="anna@example.org")
    if mail_server == "stopped":
        smtp[0].stop()
    try:
        known = _answer(app, "anna@example.org")
        unknown = _answer(app, "nobody@example.org")
    finally:
        smtp[0].start()
    assert known == unknown
    assert known[0] == "302 FOUND"
    assert states() == (["sent"] if mail_server == "running" else ["pending"])


def test_an_invitation_with_the_mail_server_down_waits_and_goes_out_later(
    client, auth, make, smtp, mailbox, runner
):
    organisation = make.organisation("Job agency West")
    auth.login(make.user(Role.STAFF, organisation))
    smtp[0].stop()
    try:
        response = client.post(
            f"/organisations/{organisation.slug}/people",
            data={"email": "new@example.org", "role": "mentor"},
            follow_redirects=True,
        )
    finally:
        smtp[0].start()
    assert response.status_code == 200
    assert "Invitation sent to new@example.org" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Invitation.email)) == "new@example.org"
    assert states() == ["pending"] and mailbox.messages == []

    message = db.session.scalar(db.select(OutboxMessage))
    message.due_at = message.created_at  # the next try is due
    db.session.commit()
    assert "Sent 1, failed 0." in runner.invoke(args=["mail", "send"]).output
    assert mailbox.messages[-1]["To"] == "new@example.org"
    assert emailed_link(mailbox, "/join/").startswith(f"{PUBLIC}/join/")


def test_the_invitation_is_written_in_the_organisations_language(client, auth, make, mailbox):
    organisation = make.organisation(default_language="nl")
    auth.login(make.user(Role.STAFF, organisation))
    client.post(
        f"/organisations/{organisation.slug}/people",
        data={"email": "new@example.org", "role": "learner"},
        headers={"Accept-Language": "en"},
    )
    assert "nodigt je uit" in mailbox.messages[-1]["Subject"]
