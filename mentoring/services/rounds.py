"""Matching rounds and their proposals: run, approve, swap, drop, or pair two people by hand."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from accounts.models import Membership, Organisation, Role, User
from accounts.services import require_staff
from extensions import db, flush, utcnow
from paging import PER_PAGE, ListQuery, Page, like

from .. import matching
from ..models import (
    CLOSED_STATES,
    TAKEN_STATES,
    CoordinatorNote,
    IntakeSurvey,
    MatchProposal,
    MatchRound,
    Mentorship,
    PairState,
    ProposalState,
)
from .base import MentoringError, _flush, move_proposal
from .emails import queue_proposal
from .intake import matching_settings, profile_of, survey_of

logger = logging.getLogger(__name__)

MENTEE_TAKEN = _l("This mentee already has a mentor or a proposal to answer.")


def _pairs_in(organisation_id: int, states) -> list:
    """(mentee_id, mentor_id) of the organisation's pairs in these states: columns only."""
    return list(
        db.session.execute(
            db.select(Mentorship.mentee_id, Mentorship.mentor_id).where(
                Mentorship.organisation_id == organisation_id, Mentorship.state.in_(states)
            )
        )
    )


def _active_ids(organisation: Organisation, role: Role | None = None) -> set[int]:
    """The ids of the organisation's active members (of one role): one column query."""
    query = db.select(Membership.user_id).where(
        Membership.organisation_id == organisation.id,
        Membership.deactivated_at.is_(None),  # deactivated members are not matched
    )
    if role is not None:
        query = query.where(Membership.role == role.value)
    return set(db.session.scalars(query))


def _open_proposals(organisation: Organisation) -> list[MatchProposal]:
    return list(
        db.session.scalars(
            db.select(MatchProposal)
            .join(MatchRound)
            .filter(MatchRound.organisation_id == organisation.id)
            .filter(MatchProposal.state == ProposalState.PROPOSED.value)
        )
    )


def _pool(organisation: Organisation, skip_proposals_of: int | None = None):
    """Who can be matched now: mentees without a pair or proposal, mentors with places left.
    A survey counts only for the roles its person's memberships still give them. Built from
    column queries (the people's ids, pairs and proposals), once per round."""
    learner_ids = _active_ids(organisation, Role.LEARNER)
    mentor_ids = _active_ids(organisation, Role.MENTOR)
    surveys = list(
        db.session.scalars(db.select(IntakeSurvey).filter_by(organisation_id=organisation.id))
    )
    taken = _pairs_in(organisation.id, TAKEN_STATES)
    busy_mentees = {mentee for mentee, _ in taken}
    load = Counter(mentor for _, mentor in taken)
    for proposal_id, mentee_id, mentor_id in db.session.execute(
        db.select(MatchProposal.id, MatchProposal.mentee_id, MatchProposal.mentor_id)
        .join(MatchRound)
        .filter(MatchRound.organisation_id == organisation.id)
        .filter(MatchProposal.state == ProposalState.PROPOSED.value)
    ):
        if proposal_id != skip_proposals_of:
            load[mentor_id] += 1
            busy_mentees.add(mentee_id)
    mentees = [
        profile_of(s)
        for s in surveys
        if s.is_mentee and s.user_id in learner_ids and s.user_id not in busy_mentees
    ]
    mentors = [profile_of(s) for s in surveys if s.is_mentor and s.user_id in mentor_ids]
    left = {p.person_id: p.capacity - load[p.person_id] for p in mentors}
    earlier = _pairs_in(organisation.id, (PairState.DECLINED.value, *CLOSED_STATES))
    excluded = {(mentee, mentor) for mentee, mentor in earlier}
    return mentees, mentors, left, excluded


def run_matching_round(
    staff: User, organisation: Organisation, now: datetime | None = None
) -> MatchRound:
    """Replace the proposals still waiting for review with a fresh round over everyone waiting."""
    require_staff(staff, organisation)
    now = now or utcnow()
    for proposal in _open_proposals(organisation):
        move_proposal(proposal, ProposalState.DROPPED, decided_at=now)
    mentees, mentors, left, excluded = _pool(organisation)  # the dropped ones no longer count
    weights, threshold = matching_settings(organisation)
    result = matching.run_round(
        mentees, mentors, weights, threshold=threshold, capacity_left=left, excluded=excluded
    )
    round_ = MatchRound(
        organisation_id=organisation.id,
        run_by_id=staff.id,
        created_at=now,
        weights=weights,
        threshold=threshold,
        mentee_count=len(mentees),
        mentor_count=len(mentors),
        unmatched=[{"mentee_id": u.mentee_id, "reasons": u.reasons} for u in result.unmatched],
    )
    db.session.add(round_)
    for p in result.proposals:
        round_.proposals.append(
            MatchProposal(
                mentee_id=p.mentee_id,
                mentor_id=p.mentor_id,
                score=p.score,
                components=p.components,
                runner_up=p.runner_up,
            )
        )
    _flush()
    logger.info(
        "matching round run round=%s organisation=%s proposals=%s unmatched=%s",
        round_.id,
        organisation.id,
        len(round_.proposals),
        len(round_.unmatched),
    )
    return round_


def rounds_of(organisation: Organisation) -> list[MatchRound]:
    return list(
        db.session.scalars(
            db.select(MatchRound)
            .filter_by(organisation_id=organisation.id)
            .order_by(MatchRound.created_at.desc(), MatchRound.id.desc())
        )
    )


def round_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of rounds, latest first, as rows (round, proposals, unmatched): counted in the
    database, never loading a round's proposals. Two statements."""
    where = MatchRound.organisation_id == organisation.id
    total = db.session.scalar(db.select(db.func.count(MatchRound.id)).where(where)) or 0
    proposals = (
        db.select(db.func.count(MatchProposal.id))
        .where(MatchProposal.round_id == MatchRound.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        db.select(
            MatchRound.id,
            MatchRound.created_at,
            proposals.label("proposals"),
            db.func.coalesce(db.func.json_array_length(MatchRound.unmatched), 0).label("unmatched"),
        )
        .where(where)
        .order_by(MatchRound.created_at.desc(), MatchRound.id.desc())
        .limit(PER_PAGE)
        .offset(query.offset)
    ).all()
    return Page(list(rows), total, query)


def proposal_page(round_: MatchRound, query: ListQuery) -> tuple[Page, int]:
    """One page of a round's proposals (searched by the mentee's or mentor's name or email)
    and how many still wait for review: three statements."""
    where = [MatchProposal.round_id == round_.id]
    if query.get("q"):
        pattern = like(query.get("q"))
        people = db.select(User.id).where(
            db.or_(
                db.func.lower(User.name).like(pattern, escape="\\"),
                db.func.lower(User.email).like(pattern, escape="\\"),
            )
        )
        where.append(
            db.or_(MatchProposal.mentee_id.in_(people), MatchProposal.mentor_id.in_(people))
        )
    total = db.session.scalar(db.select(db.func.count(MatchProposal.id)).where(*where)) or 0
    rows = db.session.scalars(
        db.select(MatchProposal)
        .where(*where)
        .order_by(MatchProposal.id)
        .limit(PER_PAGE)
        .offset(query.offset)
    )
    waiting = db.session.scalar(
        db.select(db.func.count(MatchProposal.id)).where(
            MatchProposal.round_id == round_.id,
            MatchProposal.state == ProposalState.PROPOSED.value,
        )
    )
    return Page(list(rows), total, query), waiting or 0


def _new_pair(
    staff: User, organisation_id: int, mentee_id: int, mentor_id: int, components, now
) -> Mentorship:
    pair = Mentorship(
        organisation_id=organisation_id,
        mentee_id=mentee_id,
        mentor_id=mentor_id,
        state=PairState.PROPOSED.value,
        created_at=now,
        components=components,
        proposed_by_id=staff.id,
    )
    db.session.add(pair)
    return pair


def _check_still_free(organisation_id: int, mentee_id: int, mentor_id: int) -> None:
    taken = (Mentorship.organisation_id == organisation_id, Mentorship.state.in_(TAKEN_STATES))
    mentee_pair = db.select(Mentorship.id).where(*taken, Mentorship.mentee_id == mentee_id)
    if db.session.scalar(mentee_pair.limit(1)) is not None:
        raise MentoringError(MENTEE_TAKEN)
    survey = survey_of(mentor_id, organisation_id)
    capacity = survey.capacity if survey and survey.is_mentor else 1
    mentor_load = db.select(db.func.count(Mentorship.id)).where(
        *taken, Mentorship.mentor_id == mentor_id
    )
    if (db.session.scalar(mentor_load) or 0) >= capacity:
        raise MentoringError(_l("This mentor has no place left."))


def approve_proposal(
    staff: User, proposal: MatchProposal, now: datetime | None = None
) -> Mentorship:
    """Staff say yes: the pair is proposed to both people, who each accept or decline, and both
    are emailed. The proposal is claimed first, so of two staff approving it at once one wins."""
    organisation = db.session.get_one(Organisation, proposal.round.organisation_id)
    require_staff(staff, organisation)
    now = now or utcnow()
    move_proposal(proposal, ProposalState.APPROVED, decided_by_id=staff.id, decided_at=now)
    _check_still_free(organisation.id, proposal.mentee_id, proposal.mentor_id)
    pair = _new_pair(
        staff, organisation.id, proposal.mentee_id, proposal.mentor_id, proposal.components, now
    )
    flush(MentoringError, MENTEE_TAKEN)  # one open pair per mentee: a parallel request was first
    proposal.mentorship_id = pair.id
    queue_proposal(pair)
    logger.info("proposal approved proposal=%s pair=%s", proposal.id, pair.id)
    return pair


def approve_round(staff: User, round_: MatchRound, now: datetime | None = None) -> int:
    """Approve every proposal still waiting, as one change: when one of them cannot go ahead,
    none is approved (the refusal undoes the whole unit of work) and the message says which."""
    require_staff(staff, db.session.get_one(Organisation, round_.organisation_id))
    now = now or utcnow()
    waiting = [p for p in round_.proposals if p.state == ProposalState.PROPOSED.value]
    for proposal in waiting:
        try:
            approve_proposal(staff, proposal, now)
        except MentoringError as error:
            raise MentoringError(
                _l(
                    "Nothing was approved, because the proposal for %(name)s cannot go ahead: "
                    "%(why)s Drop or swap that proposal, then approve the round again.",
                    name=proposal.mentee.name,
                    why=error.message,
                )
            ) from error
    logger.info("round approved round=%s proposals=%s", round_.id, len(waiting))
    return len(waiting)


def drop_proposal(staff: User, proposal: MatchProposal, now: datetime | None = None) -> None:
    require_staff(staff, db.session.get_one(Organisation, proposal.round.organisation_id))
    move_proposal(
        proposal, ProposalState.DROPPED, decided_by_id=staff.id, decided_at=now or utcnow()
    )
    _flush()
    logger.info("proposal dropped proposal=%s", proposal.id)


@dataclass(frozen=True)
class Candidate:
    mentor: User
    components: dict


def swap_candidates(proposal: MatchProposal, limit: int = 10) -> list[Candidate]:
    """Other mentors this mentee could have, best first: possible and with a place left."""
    organisation = db.session.get_one(Organisation, proposal.round.organisation_id)
    _, mentors, left, excluded = _pool(organisation, skip_proposals_of=proposal.id)
    mentee_survey = survey_of(proposal.mentee_id, organisation.id)
    if mentee_survey is None:
        return []
    mentee = profile_of(mentee_survey)
    weights, _ = matching_settings(organisation)
    found = []
    for mentor in mentors:
        if mentor.person_id == proposal.mentor_id:
            continue
        if matching.pair_filter(
            mentee, mentor, capacity_left=left.get(mentor.person_id), excluded=excluded
        ):
            continue
        found.append((mentor.person_id, matching.pair_components(mentee, mentor, weights)))
    found.sort(key=lambda f: (-f[1]["total"], f[0]))
    people = {
        u.id: u
        for u in db.session.scalars(
            db.select(User).where(User.id.in_([f[0] for f in found[:limit]]))
        )
    }
    return [Candidate(people[i], c) for i, c in found[:limit]]


def swap_proposal(
    staff: User, proposal: MatchProposal, mentor_id: int, now: datetime | None = None
) -> MatchProposal:
    """Give the mentee another mentor in this round; the old proposal is dropped."""
    require_staff(staff, db.session.get_one(Organisation, proposal.round.organisation_id))
    choice = next(
        (c for c in swap_candidates(proposal, limit=10_000) if c.mentor.id == mentor_id), None
    )
    if choice is None:
        raise MentoringError(_l("Choose one of the mentors on the list."), field="mentor_id")
    now = now or utcnow()
    move_proposal(proposal, ProposalState.DROPPED, decided_by_id=staff.id, decided_at=now)
    swapped = MatchProposal(
        round_id=proposal.round_id,
        mentee_id=proposal.mentee_id,
        mentor_id=mentor_id,
        score=choice.components["total"],
        components=choice.components,
        runner_up={
            "mentor_id": proposal.mentor_id,
            "score": proposal.score,
            "why": {"code": "swapped"},
        },
        swapped_from_id=proposal.mentor_id,
    )
    db.session.add(swapped)
    _flush()
    logger.info("proposal swapped proposal=%s new=%s", proposal.id, swapped.id)
    return swapped


def pair_by_hand(
    staff: User,
    organisation: Organisation,
    mentee_id: int,
    mentor_id: int,
    now: datetime | None = None,
    note: str = "",
) -> Mentorship:
    """Staff pair two people themselves; the pair still needs both people's yes, and both are
    told. A mentee paired twice at once gets one pair: the other request is refused. The
    optional note tells both people why, on their pair page."""
    require_staff(staff, organisation)
    member_ids = db.session.scalars(
        db.select(Membership.user_id).where(
            Membership.organisation_id == organisation.id,
            Membership.deactivated_at.is_(None),
            Membership.user_id.in_((mentee_id, mentor_id)),
        )
    )
    if not {mentee_id, mentor_id} <= set(member_ids):
        raise MentoringError(_l("Choose two people of this organisation."))
    if mentee_id == mentor_id:
        raise MentoringError(_l("Choose two different people."), field="mentor_id")
    _check_still_free(organisation.id, mentee_id, mentor_id)
    mentee_survey, mentor_survey = (
        survey_of(mentee_id, organisation.id),
        survey_of(mentor_id, organisation.id),
    )
    components = None
    if mentee_survey and mentor_survey:
        weights, _ = matching_settings(organisation)
        components = matching.pair_components(
            profile_of(mentee_survey), profile_of(mentor_survey), weights
        )
    pair = _new_pair(staff, organisation.id, mentee_id, mentor_id, components, now or utcnow())
    flush(MentoringError, MENTEE_TAKEN)  # one open pair per mentee: a parallel request was first
    note = (note or "").strip()
    if note:
        db.session.add(CoordinatorNote(mentorship_id=pair.id, note=note, written_by_id=staff.id))
        _flush()
    queue_proposal(pair)
    logger.info("pair proposed by hand pair=%s organisation=%s", pair.id, organisation.id)
    return pair
