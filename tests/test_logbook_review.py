"""Submission, the mentor's inbox and reply, notifications in the app and by email, the access
log, and who may see what: per role, and after a pair ends."""

from datetime import timedelta

import pytest

from accounts.models import Role
from extensions import db
from logbook import services
from logbook.models import Entry, EntryRead, EntryState
from mentoring.models import PairState
from notifications.models import Notification
from tests.routes.logbook import COURSE, E, make_entry


@pytest.fixture
def world(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    pair = make.pair(mentor, learner, organisation)
    return {
        "organisation": organisation,
        "learner": learner,
        "mentor": mentor,
        "pair": pair,
        "other_mentor": make.user(Role.MENTOR, organisation, name="Other mentor"),
        "staff": make.user(Role.STAFF, organisation),
    }


def test_submitting_emails_the_mentor_and_puts_the_entry_in_the_inbox(client, auth, world, mailbox):
    make_entry(world["learner"], text="My bakery plan")
    auth.login(world["learner"])
    response = client.post(f"{E}/submit", data={"base_version": 1}, follow_redirects=True)
    assert "Sent to Yusuf" in response.get_data(as_text=True)
    assert mailbox.messages[-1]["To"] == world["mentor"].email
    assert "/mentor/entries/" in mailbox.last_body()
    auth.login(world["mentor"])
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Assignment first-plan" in page and "Marianne" in page and "0 days" in page


def test_send_sends_the_version_on_the_page_never_another_tabs_newer_draft(
    client, auth, world, mailbox
):
    make_entry(world["learner"], text="The text on this page")
    auth.login(world["learner"])
    client.post(E, data={"text": "Newer draft from another tab", "base_version": 1})
    mailbox.clear()
    response = client.post(f"{E}/submit", data={"base_version": 1}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Nothing was sent: this entry was changed in another window" in page
    assert "Newer draft from another tab</textarea>" in page  # shown, to read before sending
    entry = db.session.scalar(db.select(Entry))
    assert (entry.state, entry.submitted_text, mailbox.messages) == ("draft", None, [])


def test_without_a_mentor_the_page_says_how_to_get_one(client, auth, make):
    learner = make.user(Role.LEARNER)
    make_entry(learner)
    auth.login(learner)
    page = client.get(E).get_data(as_text=True)
    assert '<a href="/mentoring">How to get a mentor</a>' in page
    assert "Send to my mentor" not in page


def test_the_inbox_is_oldest_first_with_days_waited(app, world):
    older = make_entry(world["learner"], EntryState.SUBMITTED, key="second-notes")
    make_entry(world["learner"], EntryState.SUBMITTED, key="first-notes")
    older.submitted_at -= timedelta(days=5)
    db.session.commit()
    inbox = services.inbox(world["mentor"], world["organisation"])
    assert [(w.entry.key, w.days) for w in inbox] == [("second-notes", 5), ("first-notes", 0)]


def test_the_mentor_replies_the_learner_is_told_and_sees_the_reply_and_who_read_it(
    client, auth, world, mailbox
):
    entry = make_entry(world["learner"], EntryState.SUBMITTED, text="My bakery plan")
    auth.login(world["mentor"])
    page = client.get(f"/mentor/entries/{entry.id}").get_data(as_text=True)
    assert "My bakery plan" in page
    response = client.post(f"/mentor/entries/{entry.id}/reply", data={"body": "Who buys *bread*?"})
    assert response.status_code == 302
    assert db.session.get(Entry, entry.id).state == "feedback_given"
    assert mailbox.messages[-1]["To"] == world["learner"].email
    auth.login(world["learner"])
    centre = client.get("/notifications/").get_data(as_text=True)
    assert "Yusuf replied to your logbook entry" in centre and 'class="count"' in centre
    page = client.get(E).get_data(as_text=True)
    assert "Who buys <em>bread</em>?" in page
    assert "Read by Yusuf on" in page
    assert 'class="count"' not in client.get("/notifications/").get_data(as_text=True)


def test_the_learner_answers_revises_and_resubmits_and_the_thread_stays(client, auth, world):
    entry = make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    auth.login(world["learner"])
    client.post(f"{E}/answer", data={"body": "Thanks, I will ask around."})
    client.post(E, data={"text": "A better plan", "base_version": 1, "action": "save"})
    client.post(f"{E}/submit", data={"base_version": 2})
    entry = db.session.get(Entry, entry.id)
    assert (entry.state, entry.submitted_text) == ("submitted", "A better plan")
    auth.login(world["mentor"])
    page = client.get(f"/mentor/entries/{entry.id}").get_data(as_text=True)
    assert "Good start" in page and "Thanks, I will ask around." in page and "A better plan" in page


def test_an_empty_reply_gets_a_clear_message(client, auth, world):
    entry = make_entry(world["learner"], EntryState.SUBMITTED)
    auth.login(world["mentor"])
    response = client.post(f"/mentor/entries/{entry.id}/reply", data={"body": "  "})
    assert response.status_code == 422
    assert "Write your reply first." in response.get_data(as_text=True)
    assert db.session.get(Entry, entry.id).state == "submitted"


def test_a_mentor_never_sees_a_draft(client, auth, world):
    entry = make_entry(world["learner"], text="Secret draft")
    auth.login(world["mentor"])
    assert client.get(f"/mentor/entries/{entry.id}").status_code == 404
    assert "Secret draft" not in client.get("/mentor/").get_data(as_text=True)


def test_a_mentor_reads_the_text_as_submitted_not_the_later_draft(client, auth, world):
    entry = make_entry(world["learner"], EntryState.REVISED, mentor=world["mentor"])
    auth.login(world["mentor"])
    page = client.get(f"/mentor/entries/{entry.id}").get_data(as_text=True)
    assert "My plan" in page and "and more" not in page


def test_a_withdrawn_entry_leaves_the_inbox(client, auth, world):
    entry = make_entry(world["learner"], EntryState.SUBMITTED)
    auth.login(world["learner"])
    client.post(f"{E}/withdraw", data={"base_version": 1})
    assert services.inbox(world["mentor"], world["organisation"]) == []
    auth.login(world["mentor"])
    assert client.get(f"/mentor/entries/{entry.id}").status_code == 404


@pytest.mark.parametrize("who", ["other_mentor", "staff", "learner_of_other"])
def test_nobody_else_reads_a_submitted_entry(client, auth, world, make, who):
    entry = make_entry(world["learner"], EntryState.SUBMITTED, text="Private plan")
    person = world.get(who) or make.user(Role.LEARNER, world["organisation"])
    auth.login(person)
    assert client.get(f"/mentor/entries/{entry.id}").status_code in (403, 404)
    response = client.post(f"/mentor/entries/{entry.id}/reply", data={"body": "Hi"})
    assert response.status_code in (403, 404)
    assert db.session.scalar(db.select(db.func.count(EntryRead.id))) == 0
    assert services.thread_of(entry) == []


def test_another_mentors_inbox_stays_empty(app, world):
    make_entry(world["learner"], EntryState.SUBMITTED)
    assert services.inbox(world["other_mentor"], world["organisation"]) == []


@pytest.mark.parametrize("state", [PairState.ENDED, PairState.REMATCHED])
def test_after_the_pair_ends_the_mentor_reads_nothing(client, auth, world, state):
    entry = make_entry(world["learner"], EntryState.SUBMITTED, text="Private plan")
    world["pair"].state = state.value
    db.session.commit()
    auth.login(world["mentor"])
    assert client.get(f"/mentor/entries/{entry.id}").status_code == 404
    page = client.get("/mentor/").get_data(as_text=True)
    assert "Private plan" not in page and "Marianne" not in page


def test_staff_see_no_logbook_text(client, auth, world):
    make_entry(world["learner"], EntryState.SUBMITTED, text="Private plan")
    auth.login(world["staff"])
    for url in ("/logbook/", E, "/mentor/", "/logbook/export.md", "/"):
        response = client.get(url, follow_redirects=True)
        assert "Private plan" not in response.get_data(as_text=True), url


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admins_see_states_and_dates_but_no_text(client, auth, world, make, who):
    """One rule (may_manage) lets both in; neither reads the text."""
    make_entry(world["learner"], EntryState.SUBMITTED, text="Private plan")
    auth.login(world["staff"] if who == "staff" else make.user(None, is_admin=True))
    page = client.get(f"/logbook/staff/{world['organisation'].slug}/").get_data(as_text=True)
    assert "Marianne" in page and "Waiting for feedback" in page
    assert "Private plan" not in page


def test_staff_of_another_organisation_see_no_states(client, auth, world, make):
    make_entry(world["learner"], EntryState.SUBMITTED)
    auth.login(make.user(Role.STAFF))
    response = client.get(f"/logbook/staff/{world['organisation'].slug}/")
    assert response.status_code == 403 and "Marianne" not in response.get_data(as_text=True)


def test_notifications_go_to_the_right_people(app, world):
    entry = make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    kinds = db.session.execute(
        db.select(Notification.user_id, Notification.kind).filter_by(subject=f"entry:{entry.id}")
    ).all()
    assert sorted(kinds) == sorted(
        [(world["mentor"].id, "entry_submitted"), (world["learner"].id, "feedback_given")]
    )


def test_the_dashboard_shows_unread_feedback_and_the_inbox(client, auth, world):
    make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    make_entry(world["learner"], EntryState.SUBMITTED, key="first-notes")
    auth.login(world["learner"])
    page = client.get("/dashboard", follow_redirects=True).get_data(as_text=True)
    assert "Yusuf replied to your logbook entry" in page
    auth.login(world["mentor"])
    page = client.get("/dashboard", follow_redirects=True).get_data(as_text=True)
    assert "1 entry is waiting for your feedback." in page


def test_the_overview_lists_every_assignment_by_module_with_its_state(client, auth, world):
    make_entry(world["learner"], key="first-notes")
    make_entry(world["learner"], EntryState.SUBMITTED, key="second-plan")
    auth.login(world["learner"])
    page = client.get("/logbook/").get_data(as_text=True)
    order = [page.index(t) for t in ("first-plan", "first-notes", "second-plan", "second-notes")]
    assert order == sorted(order)
    assert "Not started" in page and "Draft" in page and "Waiting for feedback" in page


def test_mentor_pages_do_not_grow_with_data(client, auth, world, make, count_statements):
    auth.login(world["mentor"])

    def statements():
        with count_statements() as counter:
            client.get("/mentor/")
        return counter.count

    make_entry(world["learner"], EntryState.SUBMITTED)
    few = statements()
    for n in range(4):
        mentee = make.user(Role.LEARNER, world["organisation"])
        make.pair(world["mentor"], mentee, world["organisation"])
        if n % 2:  # some mentees have sent entries, some not yet
            make_entry(mentee, EntryState.SUBMITTED)
            make_entry(mentee, EntryState.SUBMITTED, key="first-notes")
    assert statements() == few


def test_the_entry_page_does_not_grow_with_the_thread(client, auth, world, count_statements):
    entry = make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    auth.login(world["learner"])

    def statements():
        with count_statements() as counter:
            client.get(E)
        return counter.count

    client.get(E)  # the first visit marks the notification read
    few = statements()
    for n in range(3):
        services.give_feedback(world["mentor"], entry.id, f"More thoughts {n}")
        services.answer_feedback(world["learner"], entry, f"Answer {n}")
    client.get(E)
    assert statements() == few


def test_learner_overview_does_not_grow_with_data(client, auth, world, count_statements):
    auth.login(world["learner"])

    def statements():
        with count_statements() as counter:
            client.get("/logbook/")
        return counter.count

    few = statements()
    for key in ("first-plan", "first-notes", "second-plan"):
        make_entry(world["learner"], EntryState.SUBMITTED, key=key)
    assert statements() == few
    assert COURSE
