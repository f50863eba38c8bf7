"""Two requests at the same instant, released together by a barrier, each with its own client
and app context: one logbook entry sent twice reaches the mentor once; two tabs saving the same
version give one save and one clean conflict. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading

import pytest

from accounts.models import Role
from extensions import db
from logbook.models import Entry, Revision
from notifications.models import Notification
from outbox.models import OutboxMessage
from tests.routes.logbook import E, make_entry


def at_once(app, user, posts: list[tuple[str, dict]]) -> list:
    """Send the posts as `user` from as many threads, released together; their responses
    (redirects followed), in the order given."""
    db.session.commit()  # the test's own setup is in the database before the race
    user_id = user.get_id()  # read here: the test's session is not for threads
    barrier = threading.Barrier(len(posts))
    responses: list = [None] * len(posts)
    errors: list[BaseException] = []

    def run(index: int, url: str, data: dict) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                with client.session_transaction() as session:
                    session["_user_id"] = user_id
                    session["_fresh"] = True
                barrier.wait(timeout=10)
                responses[index] = client.post(url, data=data, follow_redirects=True)
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    db.session.expire_all()
    return responses


@pytest.fixture
def pair(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    make.pair(mentor, learner, organisation)
    return learner, mentor


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("attempt", range(3))
def test_one_entry_sent_twice_at_once_reaches_the_mentor_once(app, pair, mailbox, attempt):
    learner, mentor = pair
    make_entry(learner, text="My bakery plan")
    responses = at_once(app, learner, [(f"{E}/submit", {"base_version": 1})] * 2)
    pages = sorted(r.get_data(as_text=True) for r in responses)
    assert [r.status_code for r in responses] == [200, 200]
    assert sum("Sent to Yusuf" in p for p in pages) == 1
    assert sum("This entry is already with your mentor." in p for p in pages) == 1
    assert db.session.scalar(db.select(Entry.state)) == "submitted"
    assert _count(Notification) == 1 and _count(OutboxMessage) == 1
    assert [m["To"] for m in mailbox.messages] == [mentor.email]


@pytest.mark.parametrize("attempt", range(3))
@pytest.mark.parametrize("first", [True, False], ids=["first-save", "later-save"])
def test_two_tabs_saving_one_version_at_once_one_saves_one_sees_the_conflict(
    app, pair, first, attempt
):
    learner, _ = pair
    base = 0
    if not first:
        make_entry(learner, text="Saved before")
        base = 1
    posts = [(E, {"text": f"Written in tab {tab}", "base_version": base}) for tab in (1, 2)]
    responses = at_once(app, learner, posts)
    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409).get_data(as_text=True)
    assert "Nothing was overwritten." in loser
    entry = db.session.scalar(db.select(Entry))
    assert entry.version == base + 1 and entry.text in ("Written in tab 1", "Written in tab 2")
    assert f"{entry.text}</pre>" in loser  # the winner's text, shown beside the loser's own
    assert _count(Revision) == base + 1
