"""The network of participants: only people who opted in are listed, only to the learners and
mentors of their own organisation; leaving takes them out at once; writing to someone goes through
Herstart and never shows an email address unless its owner chose to show it."""

import pytest

from accounts.models import Membership, Role
from extensions import db, utcnow
from network import services
from network.models import Listing, NetworkMessage
from notifications.kinds import Kind
from notifications.models import Notification
from outbox.models import OutboxMessage


@pytest.fixture
def world(make):
    org = make.organisation("Starters Utrecht")
    other_org = make.organisation("Elsewhere")
    people = {
        "ans": make.user(Role.LEARNER, org, name="Ans Bakker", email="ans@example.org"),
        "bert": make.user(Role.MENTOR, org, name="Bert Smit", email="bert@example.org"),
        "carla": make.user(Role.LEARNER, org, name="Carla Quiet", email="carla@example.org"),
        "staff": make.user(Role.STAFF, org),
        "dirk": make.user(Role.LEARNER, other_org, name="Dirk Far", email="dirk@example.org"),
    }
    return {"org": org, "other_org": other_org, **people}


def join(person, org, **values):
    details = {
        "region": "Utrecht",
        "sector": "retail",
        "offer": "Twenty years of bookkeeping",
        "looking_for": "Someone who sells at markets",
        "show_email": False,
        **values,
    }
    listing = services.save_listing(person, org, **details)
    db.session.commit()
    return listing


def page(client, auth, person, url="/network/"):
    auth.login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_people_who_did_not_opt_in_never_appear(client, auth, world):
    join(world["bert"], world["org"])
    text = page(client, auth, world["ans"])
    assert "Bert Smit" in text and "Twenty years of bookkeeping" in text
    assert "Carla Quiet" not in text  # a learner of the same organisation who did not join
    assert "Ans Bakker" not in text  # the viewer herself has not joined either
    # Nor can anyone write to a person who is not listed.
    assert client.get(f"/network/people/{world['carla'].id}/write").status_code == 404


def test_other_organisations_see_nobody(client, auth, world):
    join(world["bert"], world["org"])
    join(world["dirk"], world["other_org"], offer="Help from far away")
    text = page(client, auth, world["dirk"])
    assert "Bert Smit" not in text and "Twenty years" not in text
    assert "Dirk Far" in text  # his own organisation's directory: only himself
    assert client.get(f"/network/people/{world['bert'].id}/write").status_code == 404
    posted = client.post(f"/network/people/{world['bert'].id}/write", data={"body": "Hi"})
    assert posted.status_code == 404
    assert db.session.scalar(db.select(db.func.count(NetworkMessage.id))) == 0
    # And Bert's side sees nothing of Dirk.
    assert "Dirk Far" not in page(client, auth, world["ans"])


@pytest.mark.parametrize("role", ["staff", "admin", "anonymous"])
def test_only_participants_reach_the_directory(client, auth, make, world, role):
    join(world["bert"], world["org"])
    if role == "staff":
        auth.login(world["staff"])
    elif role == "admin":
        auth.login(make.user(None, is_admin=True))
    response = client.get("/network/")
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert "Bert Smit" not in response.get_data(as_text=True)


def test_joining_and_leaving(client, auth, world):
    auth.login(world["ans"])
    response = client.post(
        "/network/me",
        data={"region": "Amersfoort", "sector": "crafts", "offer": "I make furniture"},
    )
    assert response.status_code == 302
    assert "I make furniture" in page(client, auth, world["bert"])

    auth.login(world["ans"])
    assert client.post("/network/me/leave").status_code == 302
    assert db.session.scalar(db.select(Listing).filter_by(user_id=world["ans"].id)) is None
    text = page(client, auth, world["bert"])
    assert "Ans Bakker" not in text and "I make furniture" not in text
    assert client.get(f"/network/people/{world['ans'].id}/write").status_code == 404


def test_someone_who_leaves_the_organisation_leaves_the_directory(client, auth, world):
    join(world["bert"], world["org"])
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=world["bert"].id))
    membership.deactivated_at = utcnow()
    db.session.commit()
    assert "Bert Smit" not in page(client, auth, world["ans"])


def test_a_form_with_a_mistake_keeps_what_was_typed(client, auth, world):
    auth.login(world["ans"])
    response = client.post(
        "/network/me", data={"region": "Zeist", "offer": "x" * 1001, "looking_for": "A printer"}
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is too long: at most 1,000 characters, it has 1,001." in text
    assert "Zeist" in text and "A printer" in text
    assert db.session.scalar(db.select(Listing)) is None
    response = client.post("/network/me", data={"region": "Zeist"})
    assert "Write what you can offer or what you are looking for" in response.get_data(as_text=True)


def test_writing_to_someone_never_shows_an_email_address(client, auth, world):
    join(world["bert"], world["org"])
    auth.login(world["ans"])
    directory = client.get("/network/").get_data(as_text=True)
    write_page = client.get(f"/network/people/{world['bert'].id}/write").get_data(as_text=True)
    response = client.post(
        f"/network/people/{world['bert'].id}/write", data={"body": "May I ask about markets?"}
    )
    assert response.status_code == 302
    for text in (directory, write_page):
        assert "bert@example.org" not in text and "ans@example.org" not in text

    # Bert is told with Ans's name and a link to answer; the email holds neither address.
    item = db.session.scalar(db.select(Notification).filter_by(user_id=world["bert"].id))
    assert item.kind == Kind.NETWORK_MESSAGE and item.params == {"name": "Ans Bakker"}
    email = db.session.scalar(db.select(OutboxMessage).filter_by(recipient="bert@example.org"))
    assert "Ans Bakker wrote to you through the network" in email.body
    assert "ans@example.org" not in email.body and item.link in email.body

    conversation = page(client, auth, world["bert"], item.link)
    assert "May I ask about markets?" in conversation and "ans@example.org" not in conversation
    assert db.session.get(Notification, item.id).read_at is not None  # opening it read it
    # Bert answers, although Ans is not in the directory: she wrote to him first.
    answer = client.post(f"/network/people/{world['ans'].id}/write", data={"body": "Gladly!"})
    assert answer.status_code == 302
    assert "Gladly!" in page(client, auth, world["ans"], f"/network/messages/{world['bert'].id}")
    assert "Bert Smit" in page(client, auth, world["ans"], "/network/messages")
    # Carla, who neither is listed nor wrote to Bert, cannot be written to by him.
    auth.login(world["bert"])
    assert client.get(f"/network/people/{world['carla'].id}/write").status_code == 404


def test_others_cannot_read_a_conversation(client, auth, world):
    join(world["bert"], world["org"])
    services.send_message(world["ans"], world["org"], world["bert"].id, "Private words")
    db.session.commit()
    auth.login(world["carla"])
    response = client.get(f"/network/messages/{world['bert'].id}")
    assert response.status_code == 404 and "Private words" not in response.get_data(as_text=True)


def test_an_email_address_is_shown_only_when_its_owner_chose_it(client, auth, world):
    join(world["bert"], world["org"], show_email=True)
    join(world["carla"], world["org"])
    text = page(client, auth, world["ans"])
    assert "bert@example.org" in text and "carla@example.org" not in text


def test_an_empty_or_long_message_is_refused_and_kept(client, auth, world):
    join(world["bert"], world["org"])
    auth.login(world["ans"])
    url = f"/network/people/{world['bert'].id}/write"
    assert "Write your message first." in client.post(url, data={"body": " "}).get_data(
        as_text=True
    )
    text = client.post(url, data={"body": "Hello " * 1000}).get_data(as_text=True)
    assert "Your message is too long" in text and "Hello Hello" in text
    assert db.session.scalar(db.select(db.func.count(NetworkMessage.id))) == 0


def test_search_by_words_region_and_sector(client, auth, make, world):
    join(world["bert"], world["org"], region="Utrecht", sector="retail", offer="Social media help")
    join(world["carla"], world["org"], region="Zwolle", sector="crafts", offer="Pottery lessons")
    auth.login(world["ans"])

    def found(query):
        text = client.get("/network/?" + query).get_data(as_text=True)
        return {name for name in ("Bert Smit", "Carla Quiet") if name in text}

    assert found("q=social+MEDIA") == {"Bert Smit"}
    assert found("q=pottery+utrecht") == set()  # every word must match
    assert found("q=carla") == {"Carla Quiet"}
    assert found("region=Zwolle") == {"Carla Quiet"}
    assert found("sector=retail") == {"Bert Smit"}
    assert found("q=100%25") == set()  # a LIKE wildcard is searched as itself
    assert found("") == {"Bert Smit", "Carla Quiet"}


def test_the_directory_pages_and_its_statements_do_not_grow(
    client, auth, make, world, count_statements
):
    def counted() -> int:
        with count_statements() as counter:
            assert client.get("/network/?q=help").status_code == 200
        return counter.count

    for n in range(3):
        join(
            make.user(Role.LEARNER, world["org"], name=f"Helper {n:02}"), world["org"], offer="help"
        )
    auth.login(world["ans"])
    few = counted()
    for n in range(3, 45):
        join(
            make.user(Role.LEARNER, world["org"], name=f"Helper {n:02}"), world["org"], offer="help"
        )
    many = counted()
    assert many == few
    first = client.get("/network/?q=help").get_data(as_text=True)
    second = client.get("/network/?q=help&page=2").get_data(as_text=True)
    assert "Helper 00" in first and "Helper 19" in first and "Helper 20" not in first
    assert "Helper 20" in second and "Next page" in first
