"""The programme's state changes: surveys, rounds, proposals, the pair's life, charter versions
and signatures, meetings, check-ins, re-matching, evaluations and reminders."""

from datetime import date, timedelta

import pytest

from accounts.models import Membership, Role
from extensions import db, utcnow
from mentoring import services
from mentoring.cli import mentoring_cli
from mentoring.models import (
    CHARTER_TRANSITIONS,
    PAIR_TRANSITIONS,
    CharterState,
    CharterVersion,
    MatchProposal,
    Meeting,
    Mentorship,
    PairState,
    ProposalState,
)
from mentoring.services import MentoringError, PermissionDenied
from tests import mentoring_factories as mf


@pytest.fixture
def org(make):
    return make.organisation()


@pytest.fixture
def people(make, org):
    return {
        "staff": make.user(Role.STAFF, org),
        "mentee": make.user(Role.LEARNER, org),
        "mentor": make.user(Role.MENTOR, org),
    }


# Transitions tables ----------------------------------------------------------------------------


@pytest.mark.parametrize("start", list(PairState))
@pytest.mark.parametrize("to", list(PairState))
def test_every_pair_transition_is_allowed_or_refused_by_the_table(start, to):
    pair = Mentorship(state=start.value)
    if to in PAIR_TRANSITIONS[start]:
        services.move_pair(pair, to)
        assert pair.state == to.value
    else:
        with pytest.raises(MentoringError):
            services.move_pair(pair, to)
        assert pair.state == start.value


@pytest.mark.parametrize("start", list(CharterState))
@pytest.mark.parametrize("to", list(CharterState))
def test_every_charter_transition_is_allowed_or_refused_by_the_table(start, to):
    charter = CharterVersion(state=start.value)
    if to in CHARTER_TRANSITIONS[start]:
        services.move_charter(charter, to)
        assert charter.state == to.value
    else:
        with pytest.raises(MentoringError):
            services.move_charter(charter, to)
        assert charter.state == start.value


# Survey ----------------------------------------------------------------------------------------


def test_only_the_role_is_needed_and_the_survey_can_change(make, people, org):
    both = make.user(Role.LEARNER, org)
    db.session.add(Membership(user=both, organisation=org, role=Role.MENTOR.value))
    services.save_survey(both, org, {"role": "mentee"})
    survey = mf.survey(both, org, "both", capacity="3")
    assert (survey.role, survey.capacity, survey.wants["social-media"]) == ("both", 3, 3)
    with pytest.raises(MentoringError):
        services.save_survey(both, org, {"role": ""})


def test_a_stranger_cannot_fill_in_a_survey_for_an_organisation(make, org):
    with pytest.raises(PermissionDenied):
        services.save_survey(make.user(), org, {"role": "mentee"})


# Rounds and proposals ---------------------------------------------------------------------------


def test_a_round_proposes_and_staff_approve(people, org):
    mf.survey(people["mentee"], org)
    mf.survey(people["mentor"], org, "mentor")
    round_ = services.run_matching_round(people["staff"], org)
    proposal = round_.proposals[0]
    pair = services.approve_proposal(people["staff"], proposal)
    assert (proposal.state, pair.state) == (ProposalState.APPROVED, PairState.PROPOSED)
    assert pair.components["covered"] == ["social-media", "finance"]


def test_only_staff_run_rounds(people, org):
    with pytest.raises(PermissionDenied):
        services.run_matching_round(people["mentor"], org)
    assert services.rounds_of(org) == []


def test_a_new_round_replaces_proposals_waiting_for_review(people, org):
    mf.survey(people["mentee"], org)
    mf.survey(people["mentor"], org, "mentor")
    first = services.run_matching_round(people["staff"], org)
    second = services.run_matching_round(people["staff"], org)
    assert first.proposals[0].state == ProposalState.DROPPED
    assert len(second.proposals) == 1


def test_people_with_a_pair_are_not_matched_again_and_places_are_counted(make, people, org):
    mf.survey(people["mentee"], org)
    mf.survey(people["mentor"], org, "mentor", capacity="1")
    newcomer = make.user(Role.LEARNER, org)
    mf.survey(newcomer, org)
    mf.accepted_pair(people["staff"], people["mentee"], people["mentor"], org)
    round_ = services.run_matching_round(people["staff"], org)
    assert round_.proposals == []
    assert round_.unmatched[0]["mentee_id"] == newcomer.id
    assert round_.unmatched[0]["reasons"][-1]["filters"] == [["no_capacity", 1]]


def test_swap_and_drop(make, people, org):
    mf.survey(people["mentee"], org)
    mf.survey(people["mentor"], org, "mentor")
    other = make.user(Role.MENTOR, org)
    mf.survey(other, org, "mentor", offers=["social-media"])
    proposal = services.run_matching_round(people["staff"], org).proposals[0]
    swapped = services.swap_proposal(people["staff"], proposal, other.id)
    assert (proposal.state, swapped.mentor_id) == (ProposalState.DROPPED, other.id)
    services.drop_proposal(people["staff"], swapped)
    assert swapped.state == ProposalState.DROPPED
    with pytest.raises(MentoringError):
        services.approve_proposal(people["staff"], swapped)


def test_pair_by_hand_refuses_a_taken_mentee(people, org):
    mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], org)
    with pytest.raises(MentoringError):
        services.pair_by_hand(people["staff"], org, people["mentee"].id, people["mentor"].id)


# The pair's life --------------------------------------------------------------------------------


def test_both_accept_then_the_kick_off_makes_the_pair_active(people, org):
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], org)
    services.answer_proposal(people["mentee"], pair, True)
    assert pair.state == PairState.PROPOSED
    services.answer_proposal(people["mentor"], pair, True)
    assert pair.state == PairState.ACCEPTED and pair.is_current
    meeting = mf.meeting(pair)
    assert meeting.is_kickoff and pair.state == PairState.ACTIVE
    assert not mf.meeting(pair, days_ago=1).is_kickoff


def test_declining_ends_the_proposal_with_a_reason(people, org):
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], org)
    services.answer_proposal(people["mentor"], pair, False, "I am moving abroad")
    assert (pair.state, pair.decline_reason) == (PairState.DECLINED, "I am moving abroad")
    with pytest.raises(MentoringError):
        services.answer_proposal(people["mentee"], pair, True)


def test_a_meeting_cannot_be_logged_before_acceptance_or_in_the_future(people, org):
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], org)
    with pytest.raises(MentoringError):
        mf.meeting(pair)
    services.answer_proposal(people["mentee"], pair, True)
    services.answer_proposal(people["mentor"], pair, True)
    with pytest.raises(MentoringError):
        mf.meeting(pair, days_ago=-3)


def test_charter_versions_need_both_signatures_again(people, org):
    pair = mf.accepted_pair(people["staff"], people["mentee"], people["mentor"], org)
    first = mf.signed_charter(pair)
    assert first.state == CharterState.SIGNED
    second = services.write_charter(
        people["mentor"],
        pair,
        interval_days=7,
        manner="online",
        goals=[{"goal": "Web shop"}],
        mentor_learns="",
    )
    assert (first.state, second.version, second.state) == ("superseded", 2, "signed_by_one")
    assert services.agreed_charter(pair).version == 1  # health still uses the signed one
    with pytest.raises(MentoringError):
        services.sign_charter(people["mentor"], second)
    services.sign_charter(people["mentee"], second)
    assert second.state == CharterState.SIGNED and services.agreed_charter(pair).version == 2


def test_a_charter_needs_a_goal_and_is_the_pairs_only(make, people, org):
    pair = mf.accepted_pair(people["staff"], people["mentee"], people["mentor"], org)
    with pytest.raises(MentoringError):
        services.write_charter(
            people["mentee"], pair, interval_days=14, manner="online", goals=[], mentor_learns=""
        )
    with pytest.raises(services.PairNotFound):
        services.write_charter(
            people["staff"],
            pair,
            interval_days=14,
            manner="online",
            goals=[{"goal": "x"}],
            mentor_learns="",
        )


def test_pair_statuses_follow_the_charter_at_a_chosen_date(people, org):
    pair = mf.active_pair(people["staff"], people["mentee"], people["mentor"], org)
    in_ten_days = utcnow() + timedelta(days=10)
    in_twenty = utcnow() + timedelta(days=20)
    in_forty = utcnow() + timedelta(days=40)
    health = [
        services.pair_statuses(org, t)[0].health.status for t in (in_ten_days, in_twenty, in_forty)
    ]
    assert health == ["on_track", "needs_checkin", "stalled"]
    waits = services.pair_statuses(org, in_ten_days, {pair.mentee_id: 12})
    assert waits[0].health.status == "needs_checkin"


def test_pair_statuses_take_a_fixed_number_of_queries(make, people, org, count_statements):
    for _ in range(3):
        mf.active_pair(
            people["staff"], make.user(Role.LEARNER, org), make.user(Role.MENTOR, org), org
        )
    with count_statements() as few:
        services.pair_statuses(org, utcnow())
    for _ in range(3):
        mf.active_pair(
            people["staff"], make.user(Role.LEARNER, org), make.user(Role.MENTOR, org), org
        )
    with count_statements() as more:
        services.pair_statuses(org, utcnow())
    assert more.count == few.count


def test_checkins_are_staff_only(people, org):
    pair = mf.active_pair(people["staff"], people["mentee"], people["mentor"], org)
    services.record_checkin(people["staff"], pair, "amber", "Busy month", "Call in two weeks")
    with pytest.raises(PermissionDenied):
        services.record_checkin(people["mentor"], pair, "green", "", "")
    assert [c.light for c in services.checkins_of(pair)] == ["amber"]


def test_rematch_ends_the_pair_and_never_proposes_it_again(people, org):
    mf.survey(people["mentee"], org)
    mf.survey(people["mentor"], org, "mentor")
    pair = mf.active_pair(people["staff"], people["mentee"], people["mentor"], org)
    round_ = services.rematch_pair(people["staff"], pair, "Different expectations")
    assert (pair.state, pair.end_reason) == (PairState.REMATCHED, "Different expectations")
    assert round_.proposals == []
    assert round_.unmatched[0]["reasons"][-1]["filters"] == [["paired_before", 1]]


def test_evaluations_are_shown_only_when_both_answered(people, org):
    pair = mf.ended(
        mf.active_pair(people["staff"], people["mentee"], people["mentor"], org), people["staff"]
    )
    answer = dict(usefulness=4, learned="A plan", learned_from_other="Patience", recommend=True)
    services.submit_evaluation(people["mentee"], pair, **answer)
    assert services.evaluations_for(people["mentor"], pair) == (None, None)
    mine, theirs = services.evaluations_for(people["mentee"], pair)
    assert mine is not None and theirs is None
    services.submit_evaluation(people["mentor"], pair, **answer)
    assert services.evaluations_for(people["mentee"], pair)[1].side == "mentor"


def test_no_evaluation_while_the_pair_runs(people, org):
    pair = mf.active_pair(people["staff"], people["mentee"], people["mentor"], org)
    with pytest.raises(MentoringError):
        services.submit_evaluation(
            people["mentee"], pair, usefulness=3, learned="", learned_from_other="", recommend=None
        )


def test_remind_emails_both_people_and_staff_once(app, runner, mailbox, people, org):
    pair = mf.active_pair(people["staff"], people["mentee"], people["mentor"], org)
    db.session.execute(db.update(Meeting).values(held_on=date.today() - timedelta(days=20)))
    mf.deliver_setup_mail(mailbox)
    first = runner.invoke(mentoring_cli, ["remind"])
    assert first.exit_code == 0, first.output
    assert sorted(m["To"] for m in mailbox.messages) == sorted(
        [people["mentee"].email, people["mentor"].email, people["staff"].email]
    )
    again = runner.invoke(mentoring_cli, ["remind"])
    assert "0 reminders sent" in again.output
    assert db.session.get(Mentorship, pair.id).meeting_reminded_at is not None


def test_each_state_change_logs_one_line_with_ids_and_no_text(caplog, people, org):
    pair = mf.proposed_pair(people["staff"], people["mentee"], people["mentor"], org)
    caplog.clear()
    with caplog.at_level("INFO", logger="mentoring"):
        services.answer_proposal(people["mentor"], pair, False, "My divorce takes all my time")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("mentoring")]
    assert lines == [f"proposal declined pair={pair.id} side=mentor"]
    assert "divorce" not in caplog.text and people["mentee"].name not in caplog.text


_ = MatchProposal
