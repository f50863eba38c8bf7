"""What is one thing to a person is one transaction: a re-match (the pair ends and a new round
runs) and a round's approval (every proposal becomes a pair and both people are emailed) are kept
whole or not at all. A failure halfway leaves every programme table exactly as it was."""

import pytest

from accounts.models import Role
from mentoring import matching, services
from mentoring.services import rounds
from tests import mentoring_factories as mf


@pytest.fixture
def world(make, mailbox):
    world = mf.programme(make)
    for name in ("Henk", "Rosa"):
        world[name] = make.user(Role.LEARNER, world["org"], name=name)
        mf.survey(world[name], world["org"])
    mf.survey(world["other_mentor"], world["org"], "mentor")
    mf.deliver_setup_mail(mailbox)
    return world


def crash_on_call(number: int, function):
    """`function`, except that its `number`th call raises, as a bug or a lost connection would."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == number:
            raise RuntimeError("injected failure")
        return function(*args, **kwargs)

    return wrapper


def test_a_rematch_that_fails_halfway_changes_nothing(client, auth, monkeypatch, mailbox, world):
    pair = world["pair"]
    services.answer_proposal(world["mentee"], pair, True)
    services.answer_proposal(world["mentor"], pair, True)
    waiting = services.run_matching_round(world["staff"], world["org"])  # the re-match drops it
    assert len(waiting.proposals) == 2
    before = mf.snapshot()
    # The pair has ended and the waiting proposals are dropped when the new round's matching runs.
    monkeypatch.setattr(matching, "run_round", crash_on_call(1, matching.run_round))
    auth.login(world["staff"])
    with pytest.raises(RuntimeError):
        client.post(
            f"/organisations/{world['org'].slug}/programme/pairs/{pair.id}/rematch",
            data={"reason": "Different expectations"},
        )
    assert mf.snapshot() == before
    assert mailbox.messages == []


def test_a_round_approval_that_fails_halfway_changes_nothing(
    client, auth, monkeypatch, mailbox, world
):
    round_ = services.run_matching_round(world["staff"], world["org"])
    assert len(round_.proposals) == 2
    before = mf.snapshot()
    # The first proposal is a pair with its emails queued, the second a pair, when it fails.
    monkeypatch.setattr(rounds, "queue_proposal", crash_on_call(2, rounds.queue_proposal))
    auth.login(world["staff"])
    with pytest.raises(RuntimeError):
        client.post(f"/organisations/{world['org'].slug}/programme/rounds/{round_.id}/approve")
    assert mf.snapshot() == before
    assert mailbox.messages == []


def test_a_round_with_one_proposal_that_cannot_go_ahead_approves_none(client, auth, mailbox, world):
    round_ = services.run_matching_round(world["staff"], world["org"])
    second = round_.proposals[1]
    # Meanwhile staff paired the second mentee by hand: that proposal cannot go ahead.
    mf.proposed_pair(world["staff"], second.mentee, world["other_mentor"], world["org"])
    mf.deliver_setup_mail(mailbox)
    before = mf.snapshot()
    auth.login(world["staff"])
    response = client.post(
        f"/organisations/{world['org'].slug}/programme/rounds/{round_.id}/approve",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Nothing was approved, because the proposal for {second.mentee.name}" in html
    assert "This mentee already has a mentor or a proposal to answer." in html
    assert mf.snapshot() == before
    assert mailbox.messages == []
