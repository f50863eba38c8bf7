"""The notification centre: the header's count, the list, marking read, email preferences and
the digests (one email per person per period, in their language, never one per event)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from accounts.models import Role
from extensions import db
from notifications.kinds import LABELS, MESSAGES, Frequency, Kind
from notifications.models import DigestSent, Notification, Preference
from notifications.services import notify, save_preferences, send_digests
from outbox.models import OutboxMessage


def _emails_to(person) -> list[OutboxMessage]:
    return list(db.session.scalars(db.select(OutboxMessage).filter_by(recipient=person.email)))


def _tell(person, kind=Kind.MESSAGE_RECEIVED, name="Yusuf", **extra):
    item = notify(person, kind, "/mentoring", params={"name": name, **extra}, subject="pair:1")
    db.session.commit()
    return item


def test_the_header_counts_unread_items_and_the_list_links_to_the_thing(client, auth, make):
    learner = make.user(Role.LEARNER)
    _tell(learner)
    _tell(learner, name="Anna")
    auth.login(learner)
    page = client.get("/notifications/").get_data(as_text=True)
    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in page
    assert '<a href="/mentoring">New message from Anna</a>' in page


def test_marking_read_with_post_clears_the_count(client, auth, make):
    learner = make.user(Role.LEARNER)
    item = _tell(learner)
    auth.login(learner)
    response = client.post(f"/notifications/{item.id}/read")
    assert response.status_code == 302
    assert db.session.get(Notification, item.id).read_at is not None
    assert 'class="count"' not in client.get("/notifications/").get_data(as_text=True)


def test_nobody_marks_another_persons_item_read(client, auth, make):
    learner, other = make.user(Role.LEARNER), make.user(Role.LEARNER)
    item = _tell(learner)
    auth.login(other)
    assert client.post(f"/notifications/{item.id}/read").status_code == 404
    assert client.post("/notifications/read").status_code == 302
    assert db.session.get(Notification, item.id).read_at is None
    assert "New message from Yusuf" not in client.get("/notifications/").get_data(as_text=True)


def test_mark_all_read(client, auth, make):
    learner = make.user(Role.LEARNER)
    _tell(learner)
    _tell(learner)
    auth.login(learner)
    client.post("/notifications/read")
    unread = db.session.scalar(
        db.select(db.func.count(Notification.id)).filter_by(user_id=learner.id, read_at=None)
    )
    assert unread == 0


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_a_sentence_and_a_label_and_shows_in_the_centre(client, auth, make, kind):
    learner = make.user(Role.LEARNER)
    params = {"name": "Anna", "title": "My why", "when": "4 December 2026"}
    params |= {"page": "/courses/", "what": "A hidden button"}  # an accessibility report
    _tell(learner, kind, **params)
    auth.login(learner)
    page = client.get("/notifications/").get_data(as_text=True)
    assert kind in LABELS
    assert f'<a href="/mentoring">{str(MESSAGES[kind]) % params}</a>' in page


def test_a_person_reads_at_once_by_default_and_gets_one_email_per_event(make):
    learner = make.user(Role.LEARNER)
    _tell(learner)
    [email] = _emails_to(learner)
    assert email.subject == "New message from Yusuf"
    assert "/mentoring" in email.body


def test_app_only_sends_no_email_but_the_centre_has_it(make):
    learner = make.user(Role.LEARNER)
    save_preferences(learner.id, {Kind.MESSAGE_RECEIVED: Frequency.APP_ONLY})
    item = _tell(learner)
    assert _emails_to(learner) == [] and item.frequency == "app_only"


def test_the_settings_page_keeps_each_choice(client, auth, make):
    learner = make.user(Role.LEARNER)
    auth.login(learner)
    response = client.post(
        "/notifications/settings", data={"message_received": "weekly", "feedback_given": "daily"}
    )
    assert response.status_code == 302
    chosen = dict(
        db.session.execute(
            db.select(Preference.kind, Preference.frequency).filter_by(user_id=learner.id)
        ).all()
    )
    assert chosen["message_received"] == "weekly" and chosen["feedback_given"] == "daily"
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert '<option selected value="weekly">In a weekly email</option>' in page


def test_an_unknown_choice_is_refused_with_a_message_and_nothing_saved(client, auth, make):
    learner = make.user(Role.LEARNER)
    auth.login(learner)
    page = client.post("/notifications/settings", data={"message_received": "hourly"})
    assert page.status_code == 200
    assert "Choose one of the options shown." in page.get_data(as_text=True)
    assert db.session.scalar(db.select(Preference).filter_by(user_id=learner.id)) is None


def test_a_digest_reader_gets_no_email_per_event_and_one_digest_however_often_cron_runs(
    runner, make
):
    learner = make.user(Role.LEARNER)
    save_preferences(learner.id, {Kind.MESSAGE_RECEIVED: Frequency.DAILY})
    db.session.commit()
    _tell(learner, name="Anna")
    _tell(learner, name="Bram")
    assert _emails_to(learner) == []
    first = runner.invoke(args=["notifications", "digest"])
    second = runner.invoke(args=["notifications", "digest"])
    assert "1 digests sent." in first.output and "0 digests sent." in second.output
    [digest] = _emails_to(learner)
    assert "New message from Anna" in digest.body and "New message from Bram" in digest.body
    assert db.session.scalar(db.select(db.func.count(DigestSent.id))) == 1


def test_items_after_the_digest_wait_for_the_next_period(make):
    learner = make.user(Role.LEARNER)
    save_preferences(learner.id, {Kind.MESSAGE_RECEIVED: Frequency.WEEKLY})
    monday = datetime(2026, 11, 30, 8)
    first = _tell(learner, name="Anna")
    first.created_at = monday - timedelta(days=1)
    assert len(send_digests(monday)) == 1
    _tell(learner, name="Bram").created_at = monday + timedelta(days=1)
    assert send_digests(monday + timedelta(days=2)) == []  # same ISO week
    [sent] = send_digests(monday + timedelta(days=7))
    assert sent.items == 1 and len(_emails_to(learner)) == 2


def test_an_item_already_read_in_the_app_is_not_emailed_again(make):
    learner = make.user(Role.LEARNER)
    save_preferences(learner.id, {Kind.MESSAGE_RECEIVED: Frequency.DAILY})
    item = _tell(learner)
    item.read_at = item.created_at
    assert send_digests() == [] and _emails_to(learner) == []


def test_emails_and_digests_are_in_the_recipients_language(make):
    dutch = make.user(Role.LEARNER, language="nl")
    _tell(dutch, name="Anna")
    [at_once] = _emails_to(dutch)
    assert at_once.subject == "Nieuw bericht van Anna"
    save_preferences(dutch.id, {Kind.MESSAGE_RECEIVED: Frequency.DAILY})
    _tell(dutch, name="Bram")
    send_digests()
    digest = _emails_to(dutch)[-1]
    assert digest.subject == "Wat er vandaag in Herstart gebeurde"
    assert "Nieuw bericht van Bram" in digest.body


def test_the_list_pages_and_its_statements_do_not_grow(client, auth, make, count_statements):
    learner = make.user(Role.LEARNER)
    auth.login(learner)
    counts = []
    for total in (10, 100):
        while (
            db.session.scalar(
                db.select(db.func.count(Notification.id)).filter_by(user_id=learner.id)
            )
            < total
        ):
            notify(learner, Kind.MESSAGE_RECEIVED, "/mentoring", params={"name": "Anna"})
        db.session.commit()
        with count_statements() as counter:
            page = client.get("/notifications/").get_data(as_text=True)
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert page.count("New message from Anna") == 25 * 2  # the link and the hidden button text
    assert "Older" in page
