"""The entry's state machine: every allowed and every illegal transition, and what the services
that drive it allow."""

import pytest

from accounts.models import Role
from logbook import services
from logbook.models import ENTRY_TRANSITIONS, Entry, EntryState
from tests.routes.logbook import COURSE, assignment, make_entry

ALLOWED = [(a, b) for a in EntryState for b in EntryState if b in ENTRY_TRANSITIONS[a]]
ILLEGAL = [(a, b) for a in EntryState for b in EntryState if b not in ENTRY_TRANSITIONS[a]]


def test_the_table_is_the_one_we_mean():
    assert set(ALLOWED) == {
        (EntryState.DRAFT, EntryState.SUBMITTED),
        (EntryState.SUBMITTED, EntryState.FEEDBACK_GIVEN),
        (EntryState.SUBMITTED, EntryState.DRAFT),
        (EntryState.FEEDBACK_GIVEN, EntryState.REVISED),
        (EntryState.FEEDBACK_GIVEN, EntryState.SUBMITTED),
        (EntryState.REVISED, EntryState.SUBMITTED),
    }


@pytest.mark.parametrize("start, to", ALLOWED, ids=lambda s: s.value)
def test_allowed_transition(start, to):
    entry = Entry(state=start.value)
    services.move_entry(entry, to)
    assert entry.state == to.value


@pytest.mark.parametrize("start, to", ILLEGAL, ids=lambda s: s.value)
def test_illegal_transition_is_refused(start, to):
    entry = Entry(state=start.value)
    with pytest.raises(services.LogbookError):
        services.move_entry(entry, to)
    assert entry.state == start.value


@pytest.fixture
def pair(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation)
    mentor = make.user(Role.MENTOR, organisation)
    make.pair(mentor, learner, organisation)
    return learner, mentor, organisation


def test_the_whole_life_of_an_entry(app, pair):
    learner, mentor, organisation = pair
    entry = make_entry(learner, EntryState.REVISED, mentor=mentor)
    assert entry.state == "revised"
    services.submit_entry(learner, organisation, entry)
    assert entry.state == "submitted"
    assert entry.submitted_text == "My plan and more"


def test_saving_a_submitted_entry_is_refused(app, pair):
    learner, mentor, organisation = pair
    entry = make_entry(learner, EntryState.SUBMITTED, mentor=mentor)
    with pytest.raises(services.LogbookError):
        services.save_entry(learner, organisation, COURSE, assignment(), "changed", entry.version)
    assert entry.text == "My plan"


def test_saving_after_feedback_marks_the_entry_revised(app, pair):
    learner, mentor, organisation = pair
    entry = make_entry(learner, EntryState.FEEDBACK_GIVEN, mentor=mentor)
    services.save_entry(learner, organisation, COURSE, assignment(), "better", entry.version)
    assert entry.state == "revised"


def test_submitting_twice_is_refused(app, pair):
    learner, mentor, organisation = pair
    entry = make_entry(learner, EntryState.SUBMITTED, mentor=mentor)
    with pytest.raises(services.LogbookError):
        services.submit_entry(learner, organisation, entry)


def test_submitting_without_a_mentor_is_refused(app, make):
    learner = make.user(Role.LEARNER)
    entry = make_entry(learner)
    with pytest.raises(services.LogbookError, match="need a mentor"):
        services.submit_entry(learner, learner.memberships[0].organisation, entry)
    assert entry.state == "draft"


def test_answering_before_feedback_is_refused(app, pair):
    learner, mentor, organisation = pair
    entry = make_entry(learner, EntryState.SUBMITTED, mentor=mentor)
    with pytest.raises(services.LogbookError):
        services.answer_feedback(learner, entry, "Hello?")
    assert services.thread_of(entry) == []
