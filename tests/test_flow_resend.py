""" "Send the new version to my mentor" appears only when the learner's text differs from the
version the mentor saw (issue 14, fix the flow)."""

import pytest

from accounts.models import Role
from logbook import services
from logbook.models import EntryState
from tests.routes.logbook import COURSE, E, assignment, make_entry, organisation_of

SEND_AGAIN = "Send the new version to my mentor"
HINT = "Change your text to send a new version"


@pytest.fixture
def world(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    make.pair(mentor, learner, organisation)
    return {"learner": learner, "mentor": mentor}


def entry_page(client, auth, world) -> str:
    auth.login(world["learner"])
    return client.get(E).get_data(as_text=True)


def test_after_feedback_the_unchanged_text_offers_no_new_version(client, auth, world):
    make_entry(world["learner"], EntryState.FEEDBACK_GIVEN, mentor=world["mentor"])
    html = entry_page(client, auth, world)
    assert SEND_AGAIN not in html  # before the fix: the button, for the text the mentor has
    assert HINT in html


def test_a_changed_text_can_be_sent_again(client, auth, world):
    make_entry(world["learner"], EntryState.REVISED, mentor=world["mentor"])
    html = entry_page(client, auth, world)
    assert SEND_AGAIN in html and HINT not in html


def test_a_text_changed_back_to_what_the_mentor_saw_offers_no_new_version(client, auth, world):
    learner = world["learner"]
    entry = make_entry(learner, EntryState.REVISED, mentor=world["mentor"])
    services.save_entry(
        learner,
        organisation_of(learner),
        COURSE,
        assignment("first-plan"),
        "My plan",
        entry.version,
    )
    assert entry.state == EntryState.REVISED.value
    html = entry_page(client, auth, world)
    assert SEND_AGAIN not in html and HINT in html
