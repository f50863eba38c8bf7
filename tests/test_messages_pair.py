"""Messages between the two people of a pair: written and read on the pair page, counted as new
on /mentoring, closed once the pair ended, refused to everybody else; staff see only a count."""

import pytest

from accounts.models import Role
from extensions import db
from mentoring import services
from mentoring.models import PairMessage, PairState
from notifications.models import Notification
from tests.test_logbook_xss import PAYLOADS, main_of, problems_in


@pytest.fixture
def world(make):
    org = make.organisation()
    other_org = make.organisation()
    people = {
        "staff": make.user(Role.STAFF, org),
        "mentee": make.user(Role.LEARNER, org, name="Marianne"),
        "mentor": make.user(Role.MENTOR, org, name="Yusuf"),
        "other_learner": make.user(Role.LEARNER, org),
        "other_mentor": make.user(Role.MENTOR, org),
        "staff_other_org": make.user(Role.STAFF, other_org),
    }
    pair = make.pair(people["mentor"], people["mentee"], org)
    # The other mentor has a pair of their own, with the other learner.
    other_pair = make.pair(people["other_mentor"], people["other_learner"], org)
    return {"org": org, "pair": pair, "other_pair": other_pair, **people}


def page_of(world, pair=None) -> str:
    return f"/mentoring/pairs/{(pair or world['pair']).id}"


def post(client, world, body, pair=None):
    return client.post(page_of(world, pair) + "/messages", data={"body": body})


def stored() -> list[str]:
    return list(db.session.scalars(db.select(PairMessage.body).order_by(PairMessage.id)))


def test_both_people_see_a_message_with_its_sender(client, auth, world):
    auth.login(world["mentee"])
    response = post(client, world, "Shall we meet on **Tuesday**?")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(page_of(world) + "#messages")
    for person in ("mentee", "mentor"):
        auth.login(world[person])
        page = client.get(page_of(world)).get_data(as_text=True)
        assert "Shall we meet on <strong>Tuesday</strong>?" in page
        assert "<strong>Marianne</strong>," in page


def test_newest_message_is_at_the_bottom(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "First: hello Yusuf")
    services.send_message(world["mentor"], world["pair"], "Second: hello Marianne")
    services.send_message(world["mentee"], world["pair"], "Third: see you soon")
    auth.login(world["mentor"])
    page = client.get(page_of(world)).get_data(as_text=True)
    order = [page.index(word) for word in ("First:", "Second:", "Third:")]
    assert order == sorted(order)
    assert page.index("Third:") < page.index('name="body"')  # the box comes after the messages


def test_recipient_sees_new_messages_until_opening_the_pair(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "One")
    services.send_message(world["mentee"], world["pair"], "Two")
    auth.login(world["mentor"])
    assert "2 new messages" in client.get("/mentoring").get_data(as_text=True)
    first = client.get(page_of(world)).get_data(as_text=True)
    assert first.count('<span class="tag">new</span>') == 2  # marked once, on this visit
    assert "new message" not in client.get("/mentoring").get_data(as_text=True)
    again = client.get(page_of(world)).get_data(as_text=True)
    assert '<span class="tag">new</span>' not in again
    auth.login(world["mentee"])  # the sender's own messages are never new to them
    assert "new message" not in client.get("/mentoring").get_data(as_text=True)


def test_unread_counts_are_per_pair(world):
    services.send_message(world["mentee"], world["pair"], "For my mentor")
    services.send_message(world["other_learner"], world["other_pair"], "For the other mentor")
    assert services.unread_counts(world["mentor"]) == {world["pair"].id: 1}
    assert services.unread_counts(world["mentee"]) == {}


def test_the_recipient_alone_is_notified_without_the_text(world):
    services.send_message(world["mentee"], world["pair"], "A private matter")
    rows = db.session.scalars(db.select(Notification)).all()
    assert [(n.user_id, n.kind, n.subject) for n in rows] == [
        (world["mentor"].id, "message_received", f"pair:{world['pair'].id}")
    ]
    assert rows[0].link == page_of(world) + "#messages"
    assert "A private matter" not in str(rows[0].params)


def test_one_notification_until_the_conversation_is_opened(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "Hello")
    services.send_message(world["mentee"], world["pair"], "Are you there?")
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 1
    auth.login(world["mentor"])
    client.get(page_of(world))
    assert db.session.scalar(db.select(Notification.read_at)) is not None
    services.send_message(world["mentee"], world["pair"], "Thank you!")
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 2


def test_an_empty_message_is_refused_beside_the_box(client, auth, world):
    auth.login(world["mentee"])
    response = post(client, world, "   \n  ")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Write your message first." in page
    assert stored() == []


def test_a_too_long_message_is_refused_and_the_text_kept(client, auth, world):
    auth.login(world["mentee"])
    text = "Long story. " * 500  # 6,000 characters
    response = post(client, world, text)
    page = response.get_data(as_text=True)
    assert "at most 5,000 characters" in page
    assert text.strip() in page  # still in the box, to shorten
    assert stored() == []


@pytest.mark.parametrize("role", ["other_mentor", "other_learner", "staff", "staff_other_org"])
def test_nobody_else_may_post_or_read(client, auth, world, role):
    services.send_message(world["mentee"], world["pair"], "Only for Yusuf")
    auth.login(world[role])
    assert post(client, world, "Let me in").status_code == 404
    assert client.get(page_of(world)).status_code == 404
    assert stored() == ["Only for Yusuf"]


def test_an_ex_partner_cannot_post_after_a_rematch(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "Before the end")
    services.rematch_pair(world["staff"], world["pair"], "Did not fit")
    auth.login(world["mentor"])
    response = post(client, world, "After the end")
    assert response.status_code == 302
    assert stored() == ["Before the end"]
    page = client.get(page_of(world)).get_data(as_text=True)
    assert "You can send messages only while your mentoring runs." in page
    assert "Before the end" in page  # still readable by both
    assert "This conversation is closed because your mentoring has ended." in page
    assert 'name="body"' not in page


@pytest.mark.parametrize(
    "state", [PairState.ENDED, PairState.REMATCHED, PairState.DECLINED, PairState.PROPOSED]
)
def test_the_service_refuses_a_pair_that_does_not_run(make, world, state):
    mentee = make.user(Role.LEARNER, world["org"])
    pair = make.pair(world["mentor"], mentee, world["org"], state=state)
    with pytest.raises(services.MentoringError):
        services.send_message(mentee, pair, "Hello")
    assert stored() == []


def test_the_service_refuses_someone_outside_the_pair(world):
    with pytest.raises(services.PairNotFound):
        services.send_message(world["other_mentor"], world["pair"], "Hello")
    assert stored() == []


@pytest.mark.parametrize("state", [PairState.PROPOSED, PairState.DECLINED])
def test_a_proposed_or_declined_pair_shows_no_conversation(client, auth, make, world, state):
    mentee = make.user(Role.LEARNER, world["org"])
    pair = make.pair(world["mentor"], mentee, world["org"], state=state)
    auth.login(mentee)
    page = client.get(page_of(world, pair)).get_data(as_text=True)
    assert 'id="messages"' not in page and 'name="body"' not in page


@pytest.mark.parametrize("chunk", range(0, len(PAYLOADS), 10))
def test_payloads_in_messages_render_inert(client, auth, world, chunk):
    for payload in PAYLOADS[chunk : chunk + 10]:
        services.send_message(world["mentee"], world["pair"], payload)
    auth.login(world["mentor"])
    page = client.get(page_of(world)).get_data(as_text=True)
    assert problems_in(main_of(page)) == []


def test_a_link_in_a_message_is_a_link(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "See [my shop](https://example.org)")
    auth.login(world["mentor"])
    page = client.get(page_of(world)).get_data(as_text=True)
    assert '<a href="https://example.org" rel="nofollow noopener">my shop</a>' in page


def test_staff_see_how_many_and_when_never_the_text(client, auth, world):
    slug = world["org"].slug
    auth.login(world["staff"])
    one = client.get(f"/organisations/{slug}/programme/pairs/{world['pair'].id}")
    assert "No messages yet" in one.get_data(as_text=True)
    services.send_message(world["mentee"], world["pair"], "Secret plans for the shop")
    services.send_message(world["mentor"], world["pair"], "Sounds good to me")
    one = client.get(f"/organisations/{slug}/programme/pairs/{world['pair'].id}")
    listed = client.get(f"/organisations/{slug}/programme/pairs")
    for page in (one.get_data(as_text=True), listed.get_data(as_text=True)):
        assert "Secret plans" not in page and "Sounds good" not in page
    assert "Messages exchanged: 2, last on" in one.get_data(as_text=True)
    assert "2, last on" in listed.get_data(as_text=True)


def test_mentoring_page_does_not_grow_with_pairs_or_messages(
    client, auth, make, world, count_statements
):
    mentor = world["mentor"]
    auth.login(mentor)

    def statements():
        with count_statements() as counter:
            assert client.get("/mentoring").status_code == 200
        return counter.count

    services.send_message(world["mentee"], world["pair"], "Hello")
    few = statements()
    for n in range(3):
        mentee = make.user(Role.LEARNER, world["org"])
        pair = make.pair(mentor, mentee, world["org"])
        for _ in range(n + 1):
            services.send_message(mentee, pair, f"Message {n}")
    page = client.get("/mentoring").get_data(as_text=True)
    assert "3 new messages" in page
    assert statements() == few


def test_the_mentors_list_of_mentees_shows_new_messages(client, auth, world):
    services.send_message(world["mentee"], world["pair"], "Hello")
    auth.login(world["mentor"])
    assert "1 new message" in client.get("/mentor/").get_data(as_text=True)
    client.get(page_of(world))
    assert "new message" not in client.get("/mentor/").get_data(as_text=True)
